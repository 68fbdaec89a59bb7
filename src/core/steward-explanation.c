/* steward-explanation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-explanation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "steward-explanation.h"
#include "steward-types.h"

static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("nothing"));

  if (JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  if (JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g",
                                        json_node_get_double (node)));
    }

  return json_to_string (node, FALSE);
}

/* Members may be missing in explanations written by older versions. */
static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node)
         ? json_node_get_array (node) : NULL;
}

static void
append_reads (GString    *text,
              JsonObject *reads)
{
  g_autoptr(GList) names = NULL;
  gboolean first = TRUE;

  if (reads == NULL || json_object_get_size (reads) == 0)
    return;

  names = json_object_get_members (reads);
  g_string_append (text, " (");
  for (const GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = NULL;

      value = value_text (json_object_get_member (reads, l->data));
      g_string_append_printf (text, "%s%s = %s", first ? "" : ", ",
                              (const char *) l->data, value);
      first = FALSE;
    }
  g_string_append (text, ")");
}

char *
steward_explanation_to_text (JsonObject *explanation)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *situation;
  JsonArray *rules;
  JsonArray *limits;
  const char *outcome;
  const char *reason;
  const char *alternative;
  const char *autonomy;

  g_return_val_if_fail (explanation != NULL, NULL);

  situation = object_member (explanation, "situation");
  if (situation != NULL)
    g_string_append_printf (text, _("Situation: %s\n"),
                            json_object_get_string_member_with_default (situation,
                                                                        "title",
                                                                        ""));

  rules = array_member (explanation, "rules");
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      g_autofree char *result = NULL;

      result = value_text (json_object_get_member (rule, "result"));
      g_string_append_printf (text, _("%s: %s → %s"),
                              json_object_get_string_member_with_default (rule,
                                                                          "name",
                                                                          ""),
                              json_object_get_string_member_with_default (rule,
                                                                          "expression",
                                                                          ""),
                              result);
      append_reads (text, object_member (rule, "reads"));
      g_string_append_c (text, '\n');
    }

  limits = array_member (explanation, "limits");
  for (guint i = 0; limits != NULL && i < json_array_get_length (limits); i++)
    {
      JsonObject *limit = json_array_get_object_element (limits, i);
      char used[G_ASCII_DTOSTR_BUF_SIZE];
      char max[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (used, sizeof used, "%.10g",
                       json_object_get_double_member_with_default (limit, "used", 0));
      g_ascii_formatd (max, sizeof max, "%.10g",
                       json_object_get_double_member_with_default (limit, "limit", 0));
      g_string_append_printf (text, _("Limit %s: %s used of %s — %s\n"),
                              json_object_get_string_member_with_default (limit,
                                                                          "name",
                                                                          ""),
                              used, max,
                              json_object_get_boolean_member_with_default (limit,
                                                                           "ok",
                                                                           TRUE)
                                ? _("within")
                                : _("exceeded"));
    }

  autonomy = json_object_get_string_member_with_default (explanation,
                                                         "autonomy", NULL);
  if (autonomy != NULL)
    g_string_append_printf (text, _("Autonomy: %s\n"), autonomy);

  outcome = json_object_get_string_member_with_default (explanation,
                                                        "outcome", NULL);
  reason = json_object_get_string_member_with_default (explanation,
                                                       "reason", NULL);
  if (outcome != NULL)
    g_string_append_printf (text, _("Decision: %s. %s\n"), outcome,
                            reason ? reason : "");

  alternative = json_object_get_string_member_with_default (explanation,
                                                            "alternative",
                                                            NULL);
  if (alternative != NULL)
    g_string_append_printf (text, _("Otherwise: %s\n"), alternative);

  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
