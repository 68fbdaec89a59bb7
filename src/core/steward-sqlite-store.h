/* steward-sqlite-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-store.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_SQLITE_STORE (steward_sqlite_store_get_type())

G_DECLARE_FINAL_TYPE (StewardSqliteStore, steward_sqlite_store, STEWARD, SQLITE_STORE, GObject)

#define STEWARD_SQLITE_SCHEMA_VERSION 1

/* Opens (creating it and its folder when missing) the database at
 * @path, in WAL mode, migrating its schema to the current version.
 * Fails with STEWARD_STORE_ERROR_TOO_NEW on a newer schema. */
StewardStore *steward_sqlite_store_new      (const char          *path,
                                             GError             **error);
const char   *steward_sqlite_store_get_path (StewardSqliteStore  *self);
/* The default database: $XDG_DATA_HOME/steward/steward.db */
char         *steward_sqlite_store_dup_default_path (void);

G_END_DECLS
