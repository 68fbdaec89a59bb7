/* steward-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses scripts rely on. */
#define STEWARD_CLI_OK      0
#define STEWARD_CLI_FAILED  1
#define STEWARD_CLI_USAGE   2

int steward_cli_main (int   argc,
                      char *argv[]);

G_END_DECLS
