#!/usr/bin/env bash
# One engine per database: `serve` hosts it, a second `serve` says who
# holds the database, and `run` / `approve` from another process are
# queued in the inbox and carried out by the serving engine.
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/lib.sh"

tap_plan 12
start_json_server

job=$(create_reorder_job) || bail "create failed"

"$STEWARD_CTL" --db "$WORK_DIR/steward.db" serve 2>"$WORK_DIR/serve.err" &
serve_pid=$!
CLEANUP_PIDS="$serve_pid"

for i in $(seq 1 100); do
  grep -q "Serving" "$WORK_DIR/serve.err" && break
  sleep 0.1
done
check "serve starts" "1" "$(grep -c Serving "$WORK_DIR/serve.err")"

timeout 20 "$STEWARD_CTL" --db "$WORK_DIR/steward.db" serve >/dev/null 2>"$WORK_DIR/second.err"
status=$?
check "a second engine refuses to start" "1" "$status"
check "and names the engine that holds the database" "1" \
  "$(grep -c "steward-ctl serve (pid $serve_pid)" "$WORK_DIR/second.err")"

timeout 60 "$STEWARD_CTL" --db "$WORK_DIR/steward.db" run "$job" \
  >"$WORK_DIR/run.out" 2>"$WORK_DIR/run.err"
status=$?
check "run from another process is carried out by the serving engine" "0" "$status"
check "it says it waits for that engine" "1" "$(grep -c 'waiting for it' "$WORK_DIR/run.err")"
check "two decisions wait" "2" "$(ctl approvals --json | jq length)"

d30=$(ctl approvals --json | jq -r '.[] | select(.summary | contains("Nord-Ost")) | .id')
timeout 60 "$STEWARD_CTL" --db "$WORK_DIR/steward.db" approve "$d30" >/dev/null 2>&1
status=$?
check "approve through the serving engine" "0" "$status"
check "posts exactly one order" "1" "$(purchase_orders | jq length)"

kill "$serve_pid"
wait "$serve_pid"
status=$?
CLEANUP_PIDS=
check "serve stops cleanly on SIGTERM" "0" "$status"

# Several one-shot engines at once: each run is carried out by whoever
# holds the database, one waits for the other or takes over, and no run
# is left half done.
pids=
for i in 1 2 3 4; do
  timeout 60 "$STEWARD_CTL" --db "$WORK_DIR/steward.db" run "$job" \
    >/dev/null 2>&1 &
  pids="$pids $!"
done
failed=0
for pid in $pids; do
  wait "$pid" || failed=$((failed + 1))
done
check "four runs at once all finish" "0" "$failed"
check "none is left running" "0" \
  "$(ctl show "$job" --json | jq '[.runs[] | select(.state == "running")] | length')"
check "and they asked nothing new" "1" "$(ctl approvals --json | jq length)"

tap_finish
