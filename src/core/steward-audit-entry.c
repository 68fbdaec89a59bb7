/* steward-audit-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-audit-entry"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "steward-audit-entry-private.h"
#include "steward-model-private.h"

G_DEFINE_FINAL_TYPE (StewardAuditEntry, steward_audit_entry, G_TYPE_OBJECT)

/* Not promised by the header, but there for views that bind to them. */
enum {
  PROP_0,
  PROP_SEQ,
  PROP_AT,
  PROP_ACTOR,
  PROP_KIND,
  PROP_JOB_ID,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_audit_entry_finalize (GObject *object)
{
  StewardAuditEntry *self = STEWARD_AUDIT_ENTRY (object);

  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->detail_json, g_free);
  g_clear_pointer (&self->prev_hash, g_free);
  g_clear_pointer (&self->hash, g_free);

  G_OBJECT_CLASS (steward_audit_entry_parent_class)->finalize (object);
}

static void
steward_audit_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StewardAuditEntry *self = STEWARD_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->seq);
      break;

    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;

    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_JOB_ID:
      g_value_set_int64 (value, self->job_id);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_ONLY (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
steward_audit_entry_class_init (StewardAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_audit_entry_finalize;
  object_class->get_property = steward_audit_entry_get_property;

  properties[PROP_SEQ] =
    g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_AT] =
    g_param_spec_int64 ("at", NULL, NULL, G_MININT64, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, READ_ONLY);
  properties[PROP_JOB_ID] =
    g_param_spec_int64 ("job-id", NULL, NULL, 0, G_MAXINT64, 0, READ_ONLY);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, READ_ONLY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_audit_entry_init (StewardAuditEntry *self)
{
}

StewardAuditEntry *
steward_audit_entry_new_empty (void)
{
  return g_object_new (STEWARD_TYPE_AUDIT_ENTRY, NULL);
}

gint64
steward_audit_entry_get_seq (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), 0);

  return self->seq;
}

gint64
steward_audit_entry_get_at (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), 0);

  return self->at;
}

const char *
steward_audit_entry_get_actor (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), NULL);

  return self->actor;
}

const char *
steward_audit_entry_get_kind (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), NULL);

  return self->kind;
}

gint64
steward_audit_entry_get_job_id (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), 0);

  return self->job_id;
}

const char *
steward_audit_entry_get_summary (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), NULL);

  return self->summary;
}

const char *
steward_audit_entry_get_detail_json (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), NULL);

  return self->detail_json;
}

const char *
steward_audit_entry_get_prev_hash (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), NULL);

  return self->prev_hash;
}

const char *
steward_audit_entry_get_hash (StewardAuditEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), NULL);

  return self->hash;
}

/**
 * steward_audit_entry_to_json:
 *
 * Returns: (transfer full): a JSON object with every field, the detail
 *   as a JSON value
 */
JsonNode *
steward_audit_entry_to_json (StewardAuditEntry *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (STEWARD_IS_AUDIT_ENTRY (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, self->seq);
  steward_model_add_instant (builder, "at", self->at);
  steward_model_add_string (builder, "actor", self->actor);
  steward_model_add_string (builder, "kind", self->kind);

  json_builder_set_member_name (builder, "job_id");
  if (self->job_id != 0)
    json_builder_add_int_value (builder, self->job_id);
  else
    json_builder_add_null_value (builder);

  steward_model_add_string (builder, "summary", self->summary);
  steward_model_add_json_text (builder, "detail", self->detail_json);
  steward_model_add_string (builder, "prev_hash", self->prev_hash);
  steward_model_add_string (builder, "hash", self->hash);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Each field goes in with its type and, for text, its length first, so
 * that no two different entries can serialise to the same bytes (moving
 * a character from the actor to the kind changes the hash), and a NULL
 * detail differs from an empty one. */
static void
feed_int (GChecksum *checksum,
          gint64     value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "i%" PRId64 ";", value);
  g_checksum_update (checksum, (const guchar *) buf, -1);
}

static void
feed_text (GChecksum  *checksum,
           const char *text)
{
  char buf[32];
  gsize len;

  if (text == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "n;", 2);
      return;
    }

  len = strlen (text);
  g_snprintf (buf, sizeof buf, "s%" G_GSIZE_FORMAT ":", len);
  g_checksum_update (checksum, (const guchar *) buf, -1);
  g_checksum_update (checksum, (const guchar *) text, len);
}

/**
 * steward_audit_compute_hash:
 *
 * Returns: (transfer full): the lowercase hex SHA-256 of the fields
 */
char *
steward_audit_compute_hash (gint64      seq,
                            gint64      at,
                            const char *actor,
                            const char *kind,
                            gint64      job_id,
                            const char *summary,
                            const char *detail_json,
                            const char *prev_hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  /* A version tag, so that a later format cannot be confused with this. */
  feed_text (checksum, "steward-audit-1");

  feed_int (checksum, seq);
  feed_int (checksum, at);
  feed_text (checksum, actor);
  feed_text (checksum, kind);
  feed_int (checksum, job_id);
  feed_text (checksum, summary);
  feed_text (checksum, detail_json);
  feed_text (checksum, prev_hash ? prev_hash : "");

  return g_strdup (g_checksum_get_string (checksum));
}
