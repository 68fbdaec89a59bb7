/* steward-core.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "steward-action.h"
#include "steward-audit-entry.h"
#include "steward-capability.h"
#include "steward-clock.h"
#include "steward-contract.h"
#include "steward-decision.h"
#include "steward-engine.h"
#include "steward-explanation.h"
#include "steward-expr.h"
#include "steward-http-capability.h"
#include "steward-http-poll-source.h"
#include "steward-job.h"
#include "steward-run.h"
#include "steward-schedule.h"
#include "steward-situation.h"
#include "steward-source.h"
#include "steward-sqlite-store.h"
#include "steward-store.h"
#include "steward-types.h"
