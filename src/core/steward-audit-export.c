/* steward-audit-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-audit-export"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "steward-audit-export.h"

/* Appends one text field, quoted by libcsv; NULL gives an empty field,
 * which differs from the quoted empty text "" of an empty string.
 *
 * Text that a spreadsheet would take for a formula ("=...") is written
 * as it is all the same: the export is evidence, and each field must be
 * exactly what the hashes cover. */
static void
append_text_field (GString    *row,
                   const char *value)
{
  gsize old_len;
  gsize value_len;
  size_t needed;

  if (row->len > 0)
    g_string_append_c (row, ',');

  if (value == NULL)
    return;

  old_len = row->len;
  value_len = strlen (value);
  needed = csv_write (NULL, 0, value, value_len);

  g_string_set_size (row, old_len + needed);
  csv_write (row->str + old_len, needed, value, value_len);
}

static void
append_int_field (GString *row,
                  gint64   value)
{
  if (row->len > 0)
    g_string_append_c (row, ',');

  g_string_append_printf (row, "%" PRId64, value);
}

/* The full time, to the microsecond: with it, every field the hash
 * covers is in the file, so that an auditor can recompute the chain. */
static char *
format_exact_time (gint64 us)
{
  g_autoptr(GDateTime) seconds = NULL;
  g_autoptr(GDateTime) exact = NULL;

  seconds = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  if (seconds == NULL)
    return g_strdup_printf ("%" PRId64, us);

  exact = g_date_time_add (seconds, us % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
write_row (GOutputStream  *out,
           GString        *row,
           GError        **error)
{
  g_string_append (row, "\r\n");

  return g_output_stream_write_all (out, row->str, row->len, NULL, NULL, error);
}

static gboolean
export_csv (GPtrArray      *entries,
            GOutputStream  *out,
            GError        **error)
{
  static const char * const columns[] = {
    "seq", "at", "actor", "kind", "job_id", "summary", "detail",
    "prev_hash", "hash",
  };
  g_autoptr(GString) row = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (i > 0)
        g_string_append_c (row, ',');
      g_string_append (row, columns[i]);
    }

  if (!write_row (out, row, error))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      StewardAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *at = format_exact_time (steward_audit_entry_get_at (entry));
      gint64 job_id = steward_audit_entry_get_job_id (entry);

      g_string_truncate (row, 0);
      append_int_field (row, steward_audit_entry_get_seq (entry));
      append_text_field (row, at);
      append_text_field (row, steward_audit_entry_get_actor (entry));
      append_text_field (row, steward_audit_entry_get_kind (entry));

      if (job_id != 0)
        append_int_field (row, job_id);
      else
        g_string_append_c (row, ',');

      append_text_field (row, steward_audit_entry_get_summary (entry));
      append_text_field (row, steward_audit_entry_get_detail_json (entry));
      append_text_field (row, steward_audit_entry_get_prev_hash (entry));
      append_text_field (row, steward_audit_entry_get_hash (entry));

      if (!write_row (out, row, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
export_json (GPtrArray      *entries,
             GOutputStream  *out,
             GError        **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonArray) array = json_array_sized_new (entries->len);

  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (array, steward_audit_entry_to_json (g_ptr_array_index (entries, i)));

  json_node_set_array (root, array);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  if (!json_generator_to_stream (generator, out, NULL, error))
    return FALSE;

  return g_output_stream_write_all (out, "\n", 1, NULL, NULL, error);
}

gboolean
steward_audit_export (StewardStore   *store,
                      gint64          job_id,
                      const char     *format,
                      GOutputStream  *out,
                      GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  gboolean csv;

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (job_id >= 0, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_ascii_strcasecmp (format, "csv") == 0)
    csv = TRUE;
  else if (g_ascii_strcasecmp (format, "json") == 0)
    csv = FALSE;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("unknown export format '%s' (use csv or json)"), format);
      return FALSE;
    }

  entries = steward_store_list_audit (store, job_id, error);
  if (entries == NULL)
    return FALSE;

  if (csv)
    return export_csv (entries, out, error);

  return export_json (entries, out, error);
}
