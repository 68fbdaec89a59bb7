/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "steward-cli.h"

int
main (int   argc,
      char *argv[])
{
  return steward_cli_main (argc, argv);
}
