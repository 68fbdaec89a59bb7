/* steward-contract.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-contract"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "steward-contract.h"
#include "steward-expr.h"
#include "steward-schedule.h"

struct _StewardContract
{
  GObject          parent_instance;

  /* Owned. The parsed contract stays whole: most accessors lend its
   * strings rather than copying them. */
  char            *json;
  JsonNode        *root;
  GArray          *triggers;
  GArray          *derivations;
  GStrv            allowed_capabilities;
  GStrv            allowed_hosts;
  char            *action_summary;

  /* Borrowed from @root or static. */
  JsonObject      *object;
  const char      *amount_name;
  const char      *currency;
  StewardAutonomy  autonomy;
};

G_DEFINE_FINAL_TYPE (StewardContract, steward_contract, G_TYPE_OBJECT)

G_DEFINE_QUARK (steward-contract-error-quark, steward_contract_error)

static const char *const job_types[] = {
  "ad-hoc", "reusable", "standing", "autonomous", NULL
};
static const char *const autonomies[] = {
  "observe", "propose", "bounded", "autonomous", NULL
};
static const char *const parameter_types[] = {
  "url", "money", "number", "integer", "string", "boolean", NULL
};
static const char *const trigger_kinds[] = { "manual", "schedule", NULL };
static const char *const catch_ups[] = { "once", "skip", NULL };
static const char *const source_kinds[] = { "http-poll", NULL };
static const char *const severities[] = { "info", "warning", "critical", NULL };
static const char *const methods[] = {
  "GET", "POST", "PUT", "PATCH", "DELETE", NULL
};
static const char *const known_capabilities[] = { "http", NULL };
static const char *const timeouts[] = { "reject", "keep", NULL };

static const char *const lua_keywords[] = {
  "and", "break", "do", "else", "elseif", "end", "false", "for",
  "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat",
  "return", "then", "true", "until", "while", NULL
};

/* Plain JSON helpers --------------------------------------------------- */

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  return json_object_get_member (object, name);
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL
    && JSON_NODE_HOLDS_VALUE (node)
    && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
node_is_integer (JsonNode *node)
{
  double value;

  if (!node_is_number (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return TRUE;

  value = json_node_get_double (node);

  return value == (double) (gint64) value;
}

static gboolean
node_is_boolean (JsonNode *node)
{
  return node != NULL
    && JSON_NODE_HOLDS_VALUE (node)
    && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  return node_is_string (node) ? json_node_get_string (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node)
    ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node)
    ? json_node_get_array (node) : NULL;
}

static gboolean
is_identifier (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;

  for (const char *p = name + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
is_http_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0
          || g_ascii_strcasecmp (scheme, "https") == 0)
    && host != NULL && host[0] != '\0';
}

/* "example.com", "127.0.0.1:3000" or "[::1]:8080": a host the HTTP
 * capability compares with, so nothing else may hide in it. */
static gboolean
is_host_and_port (const char *text)
{
  g_autofree char *uri = NULL;
  g_autofree char *host = NULL;
  gint port = -1;

  if (text[0] == '\0' || strpbrk (text, "/@?#% \t\n") != NULL)
    return FALSE;

  uri = g_strconcat ("http://", text, NULL);
  if (!g_uri_split_network (uri, G_URI_FLAGS_NONE, NULL, &host, &port, NULL))
    return FALSE;

  return host != NULL && host[0] != '\0'
    && (port == -1 || (port > 0 && port < 65536));
}

/* ISO 8601 durations as iCalendar writes them, longer than zero. */
static gboolean
is_positive_duration (const char *text)
{
  struct icaldurationtype duration;
  gboolean valid;

  if (text[0] != 'P' || strpbrk (text, "0123456789") == NULL)
    return FALSE;

  icalerror_clear_errno ();
  duration = icaldurationtype_from_string (text);
  valid = icalerrno == ICAL_NO_ERROR
    && !icaldurationtype_is_bad_duration (duration);
  icalerror_clear_errno ();

  return valid && icaldurationtype_as_int (duration) > 0;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

static gboolean
is_currency_code (const char *text)
{
  return strlen (text) == 3
    && g_ascii_isupper (text[0])
    && g_ascii_isupper (text[1])
    && g_ascii_isupper (text[2]);
}

/* Checking ------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *problems;
  JsonObject *root;
} Checker;

static void problem (Checker    *checker,
                     const char *path,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);

static void
problem (Checker    *checker,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (checker->problems, g_strdup_printf ("%s: %s", path, message));
}

static char *
join_path (const char *parent,
           const char *name)
{
  if (parent == NULL || parent[0] == '\0')
    return g_strdup (name);

  return g_strdup_printf ("%s.%s", parent, name);
}

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;

  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }

  return row[lb];
}

/* Unknown fields are almost always typing mistakes: name the field that
 * was probably meant. */
static void
check_known_fields (Checker           *checker,
                    const char        *path,
                    JsonObject        *object,
                    const char *const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *where = join_path (path, name);
      const char *guess = NULL;

      if (g_strv_contains (known, name))
        continue;

      for (guint i = 0; known[i] != NULL; i++)
        if (edit_distance (name, known[i]) <= 2 && strlen (known[i]) > 2)
          guess = known[i];

      if (guess != NULL)
        problem (checker, where, _("unknown field (did you mean %s?)"), guess);
      else
        problem (checker, where, _("unknown field"));
    }
}

/* The member as a string, or NULL after saying what is wrong. */
static const char *
check_string (Checker    *checker,
              const char *path,
              JsonObject *object,
              const char *name,
              gboolean    required,
              gboolean    non_empty)
{
  JsonNode *node = get_member (object, name);
  g_autofree char *where = join_path (path, name);
  const char *value;

  if (node == NULL)
    {
      if (required)
        problem (checker, where, _("missing"));
      return NULL;
    }

  if (!node_is_string (node))
    {
      problem (checker, where, _("expected a string"));
      return NULL;
    }

  value = json_node_get_string (node);
  if (non_empty && value[0] == '\0')
    {
      problem (checker, where, _("must not be empty"));
      return NULL;
    }

  return value;
}

static const char *
check_choice (Checker           *checker,
              const char        *path,
              JsonObject        *object,
              const char        *name,
              gboolean           required,
              const char *const *choices)
{
  const char *value = check_string (checker, path, object, name, required, FALSE);
  g_autofree char *where = NULL;
  g_autofree char *list = NULL;

  if (value == NULL || g_strv_contains (choices, value))
    return value;

  where = join_path (path, name);
  list = g_strjoinv (", ", (GStrv) choices);
  problem (checker, where, _("\"%s\" is not one of %s"), value, list);

  return NULL;
}

static JsonObject *
check_object (Checker    *checker,
              const char *path,
              JsonObject *object,
              const char *name,
              gboolean    required)
{
  JsonNode *node = get_member (object, name);
  g_autofree char *where = join_path (path, name);

  if (node == NULL)
    {
      if (required)
        problem (checker, where, _("missing"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem (checker, where, _("expected an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
check_array (Checker    *checker,
             const char *path,
             JsonObject *object,
             const char *name)
{
  JsonNode *node = get_member (object, name);
  g_autofree char *where = join_path (path, name);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      problem (checker, where, _("expected an array"));
      return NULL;
    }

  return json_node_get_array (node);
}

static void
check_expression (Checker    *checker,
                  const char *path,
                  JsonObject *object,
                  const char *name,
                  gboolean    required)
{
  const char *source = check_string (checker, path, object, name, required, FALSE);
  g_autofree char *where = join_path (path, name);
  g_autoptr(GError) error = NULL;

  if (source != NULL && !steward_expr_check (source, &error))
    problem (checker, where, "%s", error->message);
}

/* Templates name item fields that are known only when the job runs, so
 * only their syntax is checked here. */
static void
check_template_text (Checker    *checker,
                     const char *where,
                     const char *text,
                     gboolean    is_url)
{
  JsonObject *no_scopes[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *rendered = NULL;

  rendered = steward_template_render (text, no_scopes, &error);
  if (error != NULL && error->code == STEWARD_EXPR_ERROR_SYNTAX)
    {
      problem (checker, where, "%s", error->message);
      return;
    }

  /* With no placeholder at all, the address is final and can be judged
   * now. */
  if (is_url && strchr (text, '{') == NULL && !is_http_url (text))
    problem (checker, where, _("\"%s\" is not an http or https address"), text);
}

static void
check_template (Checker    *checker,
                const char *path,
                JsonObject *object,
                const char *name,
                gboolean    required,
                gboolean    is_url)
{
  const char *text = check_string (checker, path, object, name, required, required);
  g_autofree char *where = join_path (path, name);

  if (text != NULL)
    check_template_text (checker, where, text, is_url);
}

static void
check_template_tree (Checker    *checker,
                     const char *path,
                     JsonNode   *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *where = join_path (path, l->data);
          JsonNode *child = json_object_get_member (object, l->data);

          check_template_tree (checker, where, child);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s[%u]", path, i);

          check_template_tree (checker, where, json_array_get_element (array, i));
        }
    }
  else if (node_is_string (node))
    {
      check_template_text (checker, path, json_node_get_string (node), FALSE);
    }
}

/* Names that expressions read: parameters and derived values. */
static gboolean
check_name (Checker    *checker,
            const char *where,
            const char *name)
{
  if (!is_identifier (name))
    {
      problem (checker, where,
               _("not a valid name: use letters, digits and '_', "
                 "not starting with a digit"));
      return FALSE;
    }

  if (g_strv_contains (lua_keywords, name))
    {
      problem (checker, where, _("\"%s\" is a reserved word of expressions"), name);
      return FALSE;
    }

  return TRUE;
}

static void
check_parameter_value (Checker    *checker,
                       const char *where,
                       const char *type,
                       JsonNode   *value)
{
  if (g_str_equal (type, "url"))
    {
      if (!node_is_string (value))
        problem (checker, where, _("expected a string"));
      else if (!is_http_url (json_node_get_string (value)))
        problem (checker, where, _("\"%s\" is not an http or https address"),
                 json_node_get_string (value));
    }
  else if (g_str_equal (type, "money") || g_str_equal (type, "number"))
    {
      if (!node_is_number (value))
        problem (checker, where, _("expected a number"));
      else if (g_str_equal (type, "money") && json_node_get_double (value) < 0)
        problem (checker, where, _("an amount cannot be negative"));
    }
  else if (g_str_equal (type, "integer"))
    {
      if (!node_is_integer (value))
        problem (checker, where, _("expected a whole number"));
    }
  else if (g_str_equal (type, "string"))
    {
      if (!node_is_string (value))
        problem (checker, where, _("expected a string"));
    }
  else if (g_str_equal (type, "boolean"))
    {
      if (!node_is_boolean (value))
        problem (checker, where, _("expected true or false"));
    }
}

static void
check_parameters (Checker *checker)
{
  static const char *const fields[] = {
    "type", "default", "currency", "description", NULL
  };
  JsonObject *parameters;
  g_autoptr(GList) names = NULL;

  parameters = check_object (checker, "", checker->root, "parameters", FALSE);

  if (parameters == NULL)
    return;

  names = json_object_get_members (parameters);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *where = join_path ("parameters", name);
      JsonNode *node = json_object_get_member (parameters, name);
      JsonObject *declaration;
      const char *type;
      const char *currency;
      JsonNode *value;

      check_name (checker, where, name);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          problem (checker, where,
                   _("expected an object with a type and a default"));
          continue;
        }

      declaration = json_node_get_object (node);
      check_known_fields (checker, where, declaration, fields);
      check_string (checker, where, declaration, "description", FALSE, FALSE);
      type = check_choice (checker, where, declaration, "type", TRUE,
                           parameter_types);

      currency = check_string (checker, where, declaration, "currency",
                               FALSE, FALSE);
      if (currency != NULL)
        {
          g_autofree char *currency_path = join_path (where, "currency");

          if (g_strcmp0 (type, "money") != 0)
            problem (checker, currency_path,
                     _("only money parameters have a currency"));
          else if (!is_currency_code (currency))
            problem (checker, currency_path,
                     _("\"%s\" is not a currency code "
                       "(three capital letters, like EUR)"),
                     currency);
        }

      value = get_member (declaration, "default");
      if (value != NULL && type != NULL)
        {
          g_autofree char *default_path = join_path (where, "default");

          check_parameter_value (checker, default_path, type, value);
        }
    }
}

static void
check_triggers (Checker *checker)
{
  static const char *const manual_fields[] = { "kind", NULL };
  static const char *const schedule_fields[] = {
    "kind", "rrule", "tz", "catch_up", NULL
  };
  JsonArray *triggers = check_array (checker, "", checker->root, "triggers");

  if (triggers == NULL)
    return;

  if (json_array_get_length (triggers) == 0)
    problem (checker, "triggers",
             _("must not be empty (leave it out for a job started by hand)"));

  for (guint i = 0; i < json_array_get_length (triggers); i++)
    {
      g_autofree char *where = g_strdup_printf ("triggers[%u]", i);
      JsonNode *node = json_array_get_element (triggers, i);
      JsonObject *trigger;
      const char *kind;
      const char *rrule;
      const char *tz;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          problem (checker, where, _("expected an object"));
          continue;
        }

      trigger = json_node_get_object (node);
      kind = check_choice (checker, where, trigger, "kind", TRUE, trigger_kinds);
      if (kind == NULL)
        continue;

      if (g_str_equal (kind, "manual"))
        {
          check_known_fields (checker, where, trigger, manual_fields);
          continue;
        }

      check_known_fields (checker, where, trigger, schedule_fields);
      check_choice (checker, where, trigger, "catch_up", FALSE, catch_ups);

      /* Each half is checked against a known-good other half, so that the
       * message lands on the field that is wrong. */
      rrule = check_string (checker, where, trigger, "rrule", TRUE, FALSE);
      if (rrule != NULL)
        {
          g_autofree char *rrule_path = join_path (where, "rrule");
          g_autoptr(GError) error = NULL;

          if (!steward_schedule_check (rrule, "UTC", &error))
            problem (checker, rrule_path, "%s", error->message);
        }

      tz = check_string (checker, where, trigger, "tz", TRUE, FALSE);
      if (tz != NULL)
        {
          g_autofree char *tz_path = join_path (where, "tz");
          g_autoptr(GError) error = NULL;

          if (!steward_schedule_check ("FREQ=DAILY", tz, &error))
            problem (checker, tz_path, "%s", error->message);
        }
    }
}

static void
check_source (Checker *checker)
{
  static const char *const fields[] = { "kind", "url", "items", "key", NULL };
  JsonObject *source = check_object (checker, "", checker->root, "source", TRUE);
  const char *items;

  if (source == NULL)
    return;

  check_known_fields (checker, "source", source, fields);
  check_choice (checker, "source", source, "kind", TRUE, source_kinds);
  check_template (checker, "source", source, "url", TRUE, TRUE);
  check_string (checker, "source", source, "key", TRUE, TRUE);

  items = check_string (checker, "source", source, "items", FALSE, TRUE);
  if (items != NULL)
    {
      g_autoptr(JsonPath) path = json_path_new ();
      g_autoptr(GError) error = NULL;

      if (!json_path_compile (path, items, &error))
        problem (checker, "source.items", _("\"%s\" is not a JSONPath: %s"),
                 items, error->message);
    }
}

static void
check_situation (Checker *checker)
{
  static const char *const fields[] = { "when", "title", "severity", NULL };
  JsonObject *situation;

  situation = check_object (checker, "", checker->root, "situation", TRUE);
  if (situation == NULL)
    return;

  check_known_fields (checker, "situation", situation, fields);
  check_expression (checker, "situation", situation, "when", TRUE);
  check_template (checker, "situation", situation, "title", TRUE, FALSE);
  check_choice (checker, "situation", situation, "severity", FALSE, severities);
}

static void
check_derive (Checker *checker)
{
  JsonObject *derive = check_object (checker, "", checker->root, "derive", FALSE);
  JsonObject *parameters = get_object (checker->root, "parameters");
  g_autoptr(GList) names = NULL;

  if (derive == NULL)
    return;

  names = json_object_get_members (derive);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *where = join_path ("derive", name);

      if (check_name (checker, where, name)
          && get_member (parameters, name) != NULL)
        problem (checker, where, _("has the same name as a parameter"));

      check_expression (checker, "derive", derive, name, TRUE);
    }
}

static StewardAutonomy
check_policy (Checker *checker)
{
  static const char *const fields[] = {
    "autonomy", "act_alone_when", "amount", "allowed_capabilities",
    "allowed_hosts", "limits", NULL
  };
  static const char *const limit_fields[] = {
    "actions_per_hour", "amount_per_day", NULL
  };
  JsonObject *policy = check_object (checker, "", checker->root, "policy", TRUE);
  StewardAutonomy autonomy = STEWARD_AUTONOMY_PROPOSE;
  JsonObject *derive = get_object (checker->root, "derive");
  JsonObject *limits;
  JsonArray *list;
  const char *value;
  const char *amount;
  gboolean has_amount;
  JsonNode *node;

  if (policy == NULL)
    return autonomy;

  check_known_fields (checker, "policy", policy, fields);

  value = check_choice (checker, "policy", policy, "autonomy", TRUE, autonomies);
  if (value != NULL)
    steward_autonomy_from_string (value, &autonomy);

  check_expression (checker, "policy", policy, "act_alone_when", FALSE);
  if (value != NULL && autonomy == STEWARD_AUTONOMY_BOUNDED
      && get_member (policy, "act_alone_when") == NULL)
    problem (checker, "policy.act_alone_when",
             _("missing: a bounded job needs the condition under which "
               "it acts alone"));

  amount = check_string (checker, "policy", policy, "amount", FALSE, TRUE);
  if (amount != NULL && get_member (derive, amount) == NULL)
    problem (checker, "policy.amount", _("\"%s\" is not a derived value"), amount);
  has_amount = get_member (policy, "amount") != NULL
    || get_member (derive, "total") != NULL;

  list = check_array (checker, "policy", policy, "allowed_capabilities");
  if (list != NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (GStrv) known_capabilities);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          g_autofree char *where = NULL;

          where = g_strdup_printf ("policy.allowed_capabilities[%u]", i);
          node = json_array_get_element (list, i);
          if (!node_is_string (node))
            problem (checker, where, _("expected a string"));
          else if (!g_strv_contains (known_capabilities,
                                     json_node_get_string (node)))
            problem (checker, where,
                     _("\"%s\" is not a known capability (known: %s)"),
                     json_node_get_string (node), known);
        }
    }

  if ((list = check_array (checker, "policy", policy, "allowed_hosts")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          g_autofree char *where = g_strdup_printf ("policy.allowed_hosts[%u]", i);

          node = json_array_get_element (list, i);
          if (!node_is_string (node))
            problem (checker, where, _("expected a string"));
          else if (!is_host_and_port (json_node_get_string (node)))
            problem (checker, where,
                     _("\"%s\" is not a host name or host:port"),
                     json_node_get_string (node));
        }
    }

  limits = check_object (checker, "policy", policy, "limits", FALSE);
  if (limits != NULL)
    {
      check_known_fields (checker, "policy.limits", limits, limit_fields);

      node = get_member (limits, "actions_per_hour");
      if (node != NULL
          && (!node_is_integer (node) || json_node_get_double (node) <= 0))
        problem (checker, "policy.limits.actions_per_hour",
                 _("expected a whole number above zero"));

      node = get_member (limits, "amount_per_day");
      if (node != NULL
          && (!node_is_number (node) || json_node_get_double (node) <= 0))
        problem (checker, "policy.limits.amount_per_day",
                 _("expected a number above zero"));
      else if (node != NULL && !has_amount)
        problem (checker, "policy.limits.amount_per_day",
                 _("there is no amount to count: set policy.amount "
                   "or derive a total"));
    }

  return autonomy;
}

static void
check_action (Checker         *checker,
              StewardAutonomy  autonomy)
{
  static const char *const fields[] = {
    "capability", "method", "url", "body", "summary", NULL
  };
  JsonObject *action = check_object (checker, "", checker->root, "action", FALSE);
  JsonObject *policy = get_object (checker->root, "policy");
  JsonArray *allowed = get_array (policy, "allowed_capabilities");
  const char *capability;
  JsonNode *body;

  if (action == NULL)
    {
      if (get_member (checker->root, "action") == NULL
          && autonomy != STEWARD_AUTONOMY_OBSERVE)
        problem (checker, "action",
                 _("missing (only a job whose autonomy is observe "
                   "may have no action)"));
      return;
    }

  check_known_fields (checker, "action", action, fields);
  check_choice (checker, "action", action, "method", TRUE, methods);
  check_template (checker, "action", action, "url", TRUE, TRUE);
  check_template (checker, "action", action, "summary", FALSE, FALSE);

  /* Without a readable policy there is nothing to compare with, and the
   * policy's own problem has been reported. */
  capability = check_string (checker, "action", action, "capability", TRUE, TRUE);
  if (capability != NULL && policy != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
        {
          JsonNode *node = json_array_get_element (allowed, i);

          if (node_is_string (node)
              && g_str_equal (json_node_get_string (node), capability))
            listed = TRUE;
        }

      if (!listed)
        problem (checker, "action.capability",
                 _("\"%s\" is not in policy.allowed_capabilities"), capability);
    }

  if ((body = get_member (action, "body")) != NULL)
    check_template_tree (checker, "action.body", body);
}

static void
check_duration (Checker    *checker,
                JsonObject *escalation,
                const char *name)
{
  g_autofree char *where = join_path ("escalation", name);
  const char *text;

  text = check_string (checker, "escalation", escalation, name, FALSE, FALSE);
  if (text != NULL && !is_positive_duration (text))
    problem (checker, where,
             _("\"%s\" is not a duration above zero (like PT30M, PT1H or P1D)"),
             text);
}

static void
check_escalation_and_success (Checker *checker)
{
  static const char *const escalation_fields[] = {
    "remind_after", "escalate_after", "backup", "on_timeout", NULL
  };
  static const char *const success_fields[] = { "measure", "target", NULL };
  JsonObject *escalation;
  JsonObject *success;

  escalation = check_object (checker, "", checker->root, "escalation", FALSE);
  success = check_object (checker, "", checker->root, "success", FALSE);

  if (escalation != NULL)
    {
      check_known_fields (checker, "escalation", escalation, escalation_fields);
      check_duration (checker, escalation, "remind_after");
      check_duration (checker, escalation, "escalate_after");
      check_string (checker, "escalation", escalation, "backup", FALSE, TRUE);
      check_choice (checker, "escalation", escalation, "on_timeout", FALSE,
                    timeouts);
    }

  if (success != NULL)
    {
      JsonNode *target = get_member (success, "target");

      check_known_fields (checker, "success", success, success_fields);
      check_string (checker, "success", success, "measure", FALSE, TRUE);
      if (target != NULL && !node_is_number (target))
        problem (checker, "success.target", _("expected a number"));
    }
}

GPtrArray *
steward_contract_check (JsonNode *root)
{
  static const char *const fields[] = {
    "title", "goal", "type", "owner", "description", "parameters", "scope",
    "triggers", "source", "situation", "derive", "action", "policy",
    "escalation", "success", NULL
  };
  Checker checker = { .problems = g_ptr_array_new_with_free_func (g_free) };
  StewardAutonomy autonomy;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      problem (&checker, "contract", _("expected a JSON object"));
      return checker.problems;
    }

  checker.root = json_node_get_object (root);

  check_known_fields (&checker, "", checker.root, fields);
  check_string (&checker, "", checker.root, "title", TRUE, TRUE);
  check_string (&checker, "", checker.root, "goal", TRUE, FALSE);
  check_choice (&checker, "", checker.root, "type", TRUE, job_types);
  check_string (&checker, "", checker.root, "owner", TRUE, TRUE);
  check_string (&checker, "", checker.root, "description", FALSE, FALSE);
  check_object (&checker, "", checker.root, "scope", FALSE);

  check_parameters (&checker);
  check_triggers (&checker);
  check_source (&checker);
  check_situation (&checker);
  check_derive (&checker);
  autonomy = check_policy (&checker);
  check_action (&checker, autonomy);
  check_escalation_and_success (&checker);

  return checker.problems;
}

/* The contract object -------------------------------------------------- */

static void
trigger_clear (gpointer data)
{
  StewardTrigger *trigger = data;

  g_clear_pointer (&trigger->rrule, g_free);
  g_clear_pointer (&trigger->tz, g_free);
}

static void
derivation_clear (gpointer data)
{
  StewardDerivation *derivation = data;

  g_clear_pointer (&derivation->name, g_free);
  g_clear_pointer (&derivation->expression, g_free);
}

static void
steward_contract_finalize (GObject *object)
{
  StewardContract *self = (StewardContract *) object;

  g_clear_pointer (&self->json, g_free);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->triggers, g_array_unref);
  g_clear_pointer (&self->derivations, g_array_unref);
  g_clear_pointer (&self->allowed_capabilities, g_strfreev);
  g_clear_pointer (&self->allowed_hosts, g_strfreev);
  g_clear_pointer (&self->action_summary, g_free);

  G_OBJECT_CLASS (steward_contract_parent_class)->finalize (object);
}

static void
steward_contract_class_init (StewardContractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_contract_finalize;
}

static void
steward_contract_init (StewardContract *self)
{
  self->triggers = g_array_new (FALSE, TRUE, sizeof (StewardTrigger));
  g_array_set_clear_func (self->triggers, trigger_clear);

  self->derivations = g_array_new (FALSE, TRUE, sizeof (StewardDerivation));
  g_array_set_clear_func (self->derivations, derivation_clear);
}

static GStrv
strings_of (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));

  return g_strv_builder_end (builder);
}

/* Fills in what the accessors give out; the contract is known valid. */
static void
steward_contract_load (StewardContract *self)
{
  JsonObject *root = self->object;
  JsonObject *policy = get_object (root, "policy");
  JsonObject *action = get_object (root, "action");
  JsonObject *derive = get_object (root, "derive");
  JsonObject *parameters = get_object (root, "parameters");
  JsonArray *triggers = get_array (root, "triggers");

  steward_autonomy_from_string (get_string (policy, "autonomy"), &self->autonomy);

  if (triggers == NULL)
    {
      StewardTrigger manual = { .kind = STEWARD_TRIGGER_MANUAL };

      g_array_append_val (self->triggers, manual);
    }

  for (guint i = 0; triggers != NULL && i < json_array_get_length (triggers); i++)
    {
      JsonObject *object = json_array_get_object_element (triggers, i);
      StewardTrigger trigger = { .kind = STEWARD_TRIGGER_MANUAL };

      if (g_str_equal (get_string (object, "kind"), "schedule"))
        {
          trigger.kind = STEWARD_TRIGGER_SCHEDULE;
          trigger.rrule = g_strdup (get_string (object, "rrule"));
          trigger.tz = g_strdup (get_string (object, "tz"));
          if (g_strcmp0 (get_string (object, "catch_up"), "skip") == 0)
            trigger.catch_up = STEWARD_CATCH_UP_SKIP;
        }

      g_array_append_val (self->triggers, trigger);
    }

  if (derive != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (derive);

      for (const GList *l = names; l != NULL; l = l->next)
        {
          StewardDerivation derivation = {
            g_strdup (l->data), g_strdup (get_string (derive, l->data))
          };

          g_array_append_val (self->derivations, derivation);
        }
    }

  self->allowed_capabilities =
    strings_of (get_array (policy, "allowed_capabilities"));
  if (get_array (policy, "allowed_hosts") != NULL)
    self->allowed_hosts = strings_of (get_array (policy, "allowed_hosts"));

  self->amount_name = get_string (policy, "amount");
  if (self->amount_name == NULL && get_member (derive, "total") != NULL)
    self->amount_name = "total";

  if (action != NULL && get_string (action, "summary") != NULL)
    self->action_summary = g_strdup (get_string (action, "summary"));
  else if (action != NULL)
    self->action_summary = g_strdup_printf (_("Send a %s request to %s"),
                                            get_string (action, "method"),
                                            get_string (action, "url"));

  self->currency = "EUR";
  if (parameters != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (parameters);

      for (const GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *declaration = get_object (parameters, l->data);

          if (g_str_equal (get_string (declaration, "type"), "money"))
            {
              if (get_string (declaration, "currency") != NULL)
                self->currency = get_string (declaration, "currency");
              break;
            }
        }
    }
}

/* json-glib names the text "<data>"; the file name reads better. */
static void
set_syntax_error (GError     **error,
                  const char  *origin,
                  const char  *message)
{
  const char *name = origin != NULL ? origin : _("contract");

  if (g_str_has_prefix (message, "<data>:"))
    g_set_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_SYNTAX,
                 "%s%s", name, message + strlen ("<data>"));
  else
    g_set_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_SYNTAX,
                 "%s: %s", name, message);
}

StewardContract *
steward_contract_new_from_data (const char  *data,
                                gssize       length,
                                const char  *origin,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  StewardContract *self;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = length < 0 ? g_strdup (data) : g_strndup (data, length);
  if (is_blank (text))
    {
      set_syntax_error (error, origin, _("the contract is empty"));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      set_syntax_error (error, origin, local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  problems = steward_contract_check (root);
  if (problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (message, "%s%s", i > 0 ? "\n" : "",
                                (const char *) g_ptr_array_index (problems, i));

      g_set_error_literal (error, STEWARD_CONTRACT_ERROR,
                           STEWARD_CONTRACT_ERROR_INVALID, message->str);
      return NULL;
    }

  self = g_object_new (STEWARD_TYPE_CONTRACT, NULL);
  self->json = g_steal_pointer (&text);
  self->root = g_steal_pointer (&root);
  self->object = json_node_get_object (self->root);
  steward_contract_load (self);

  return self;
}

StewardContract *
steward_contract_new_from_file (GFile   *file,
                                GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      /* GIO's message already names the file. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return steward_contract_new_from_data (contents, length, name, error);
}

/* Parameters ----------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static JsonNode *
parse_parameter (const char  *name,
                 const char  *type,
                 const char  *text,
                 GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gint64 integer;
  double number;
  char *end = NULL;

  if (g_str_equal (type, "string"))
    return json_node_init_string (json_node_alloc (), text);

  if (g_str_equal (type, "url"))
    {
      if (is_http_url (trimmed))
        return json_node_init_string (json_node_alloc (), trimmed);

      g_set_error (error, STEWARD_CONTRACT_ERROR,
                   STEWARD_CONTRACT_ERROR_PARAMETER,
                   _("parameter %s: \"%s\" is not an http or https address"),
                   name, text);
      return NULL;
    }

  if (g_str_equal (type, "boolean"))
    {
      static const char *const yes[] = { "true", "yes", "on", "1", NULL };
      static const char *const no[] = { "false", "no", "off", "0", NULL };
      g_autofree char *lower = g_ascii_strdown (trimmed, -1);

      if (g_strv_contains (yes, lower) || g_strv_contains (no, lower))
        return json_node_init_boolean (json_node_alloc (),
                                       g_strv_contains (yes, lower));

      g_set_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_PARAMETER,
                   _("parameter %s: \"%s\" is not true or false"), name, text);
      return NULL;
    }

  if (g_ascii_string_to_signed (trimmed, 10,
                                g_str_equal (type, "money") ? 0 : G_MININT64,
                                G_MAXINT64, &integer, NULL))
    return json_node_init_int (json_node_alloc (), integer);

  if (g_str_equal (type, "integer"))
    {
      g_set_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_PARAMETER,
                   _("parameter %s: \"%s\" is not a whole number"), name, text);
      return NULL;
    }

  number = g_ascii_strtod (trimmed, &end);
  if (trimmed[0] != '\0' && end != NULL && *end == '\0' && isfinite (number))
    {
      if (number < 0 && g_str_equal (type, "money"))
        {
          g_set_error (error, STEWARD_CONTRACT_ERROR,
                       STEWARD_CONTRACT_ERROR_PARAMETER,
                       _("parameter %s: an amount cannot be negative (%s)"),
                       name, text);
          return NULL;
        }

      return json_node_init_double (json_node_alloc (), number);
    }

  if (g_str_equal (type, "money"))
    g_set_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_PARAMETER,
                 _("parameter %s: \"%s\" is not an amount"), name, text);
  else
    g_set_error (error, STEWARD_CONTRACT_ERROR, STEWARD_CONTRACT_ERROR_PARAMETER,
                 _("parameter %s: \"%s\" is not a number"), name, text);

  return NULL;
}

JsonObject *
steward_contract_bind_parameters (StewardContract  *self,
                                  GHashTable       *overrides,
                                  GError          **error)
{
  JsonObject *parameters;
  g_autoptr(JsonObject) bound = json_object_new ();
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parameters = get_object (self->object, "parameters");
  names = parameters != NULL ? json_object_get_members (parameters) : NULL;

  if (overrides != NULL)
    {
      g_autofree const char **given = NULL;

      given = (const char **) g_hash_table_get_keys_as_array (overrides, NULL);

      /* Sorted, so that the same mistake always gives the same message. */
      g_qsort_with_data (given, g_strv_length ((GStrv) given), sizeof (char *),
                         compare_names, NULL);

      for (guint i = 0; given[i] != NULL; i++)
        {
          g_autoptr(GString) known = NULL;

          if (get_member (parameters, given[i]) != NULL)
            continue;

          known = g_string_new (NULL);
          for (const GList *l = names; l != NULL; l = l->next)
            g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "",
                                    (const char *) l->data);

          if (known->len > 0)
            g_set_error (error, STEWARD_CONTRACT_ERROR,
                         STEWARD_CONTRACT_ERROR_PARAMETER,
                         _("unknown parameter '%s' (this contract has %s)"),
                         given[i], known->str);
          else
            g_set_error (error, STEWARD_CONTRACT_ERROR,
                         STEWARD_CONTRACT_ERROR_PARAMETER,
                         _("unknown parameter '%s' "
                           "(this contract has no parameters)"),
                         given[i]);
          return NULL;
        }
    }

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonObject *declaration = get_object (parameters, name);
      const char *type = get_string (declaration, "type");
      JsonNode *fallback = get_member (declaration, "default");
      const char *text = NULL;
      JsonNode *value;

      if (overrides != NULL)
        text = g_hash_table_lookup (overrides, name);

      if (text != NULL)
        value = parse_parameter (name, type, text, error);
      else if (fallback != NULL)
        value = json_node_copy (fallback);
      else
        {
          g_set_error (error, STEWARD_CONTRACT_ERROR,
                       STEWARD_CONTRACT_ERROR_PARAMETER,
                       _("parameter %s: no value given and no default"), name);
          return NULL;
        }

      if (value == NULL)
        return NULL;

      json_object_set_member (bound, name, value);
    }

  return g_steal_pointer (&bound);
}

/* Accessors ------------------------------------------------------------ */

const char *
steward_contract_get_json (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return self->json;
}

const char *
steward_contract_get_title (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (self->object, "title");
}

const char *
steward_contract_get_goal (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (self->object, "goal");
}

const char *
steward_contract_get_job_type (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (self->object, "type");
}

const char *
steward_contract_get_owner (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (self->object, "owner");
}

StewardAutonomy
steward_contract_get_autonomy (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), STEWARD_AUTONOMY_OBSERVE);

  return self->autonomy;
}

GArray *
steward_contract_get_triggers (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return self->triggers;
}

const char *
steward_contract_get_source_kind (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "source"), "kind");
}

const char *
steward_contract_get_source_url (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "source"), "url");
}

const char *
steward_contract_get_source_items (StewardContract *self)
{
  const char *items;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  items = get_string (get_object (self->object, "source"), "items");

  return items != NULL ? items : "$[*]";
}

const char *
steward_contract_get_source_key (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "source"), "key");
}

const char *
steward_contract_get_situation_when (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "situation"), "when");
}

const char *
steward_contract_get_situation_title (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "situation"), "title");
}

const char *
steward_contract_get_situation_severity (StewardContract *self)
{
  const char *severity;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  severity = get_string (get_object (self->object, "situation"), "severity");

  return severity != NULL ? severity : "warning";
}

GArray *
steward_contract_get_derivations (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return self->derivations;
}

const char *
steward_contract_get_action_capability (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "action"), "capability");
}

const char *
steward_contract_get_action_method (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "action"), "method");
}

const char *
steward_contract_get_action_url (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "action"), "url");
}

JsonNode *
steward_contract_get_action_body (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_member (get_object (self->object, "action"), "body");
}

const char *
steward_contract_get_action_summary (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return self->action_summary;
}

const char *
steward_contract_get_act_alone_when (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return get_string (get_object (self->object, "policy"), "act_alone_when");
}

const char *
steward_contract_get_amount_name (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return self->amount_name;
}

const char *
steward_contract_get_currency (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return self->currency;
}

gboolean
steward_contract_is_money (StewardContract *self,
                           const char      *name)
{
  JsonObject *declaration;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_strcmp0 (name, steward_contract_get_amount_name (self)) == 0)
    return TRUE;

  declaration = get_object (get_object (self->object, "parameters"), name);

  return g_strcmp0 (get_string (declaration, "type"), "money") == 0;
}

gboolean
steward_contract_allows_capability (StewardContract *self,
                                    const char      *capability)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), FALSE);
  g_return_val_if_fail (capability != NULL, FALSE);

  return g_strv_contains ((const char *const *) self->allowed_capabilities,
                          capability);
}

int
steward_contract_get_actions_per_hour (StewardContract *self)
{
  JsonNode *node;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), 0);

  node = get_member (get_object (get_object (self->object, "policy"), "limits"),
                     "actions_per_hour");

  return node != NULL ? (int) CLAMP (json_node_get_double (node), 0, G_MAXINT) : 0;
}

double
steward_contract_get_amount_per_day (StewardContract *self)
{
  JsonNode *node;

  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), 0);

  node = get_member (get_object (get_object (self->object, "policy"), "limits"),
                     "amount_per_day");

  return node != NULL ? json_node_get_double (node) : 0;
}

const char *const *
steward_contract_get_allowed_hosts (StewardContract *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTRACT (self), NULL);

  return (const char *const *) self->allowed_hosts;
}
