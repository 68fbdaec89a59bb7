/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-ctl"

#include "config.h"

#include "steward-cli.h"

int
main (int   argc,
      char *argv[])
{
  return steward_cli_main (argc, argv);
}
