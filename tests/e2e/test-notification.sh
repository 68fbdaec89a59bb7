#!/usr/bin/env bash
# Desktop notifications end to end: the application tells about each
# pending decision with Approve, Reject and Open, and an Approve sent
# twice over D-Bus, as a notification server does on a click, orders
# once and records the approval once. On a database where more than
# three decisions wait, it sends one summary instead, withdrawn when the
# last of them is answered; a second start with another --db is refused.
#
# SPDX-License-Identifier: GPL-3.0-or-later

# A private X server and session bus, so that nothing leaks out of the test.
if [ -z "${STEWARD_E2E_SESSION:-}" ]; then
  if ! command -v xvfb-run >/dev/null 2>&1 \
     || ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "1..0 # SKIP no display (xvfb-run or dbus-run-session is missing)"
    exit 0
  fi
  export STEWARD_E2E_SESSION=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$0" "$@"
fi

. "$(dirname "$0")/lib.sh"

NOTIFICATION_DAEMON=/usr/lib/notification-daemon/notification-daemon
MONITOR_LOG="$WORK_DIR/monitor.log"

name_has_owner () {
  gdbus call --session -d org.freedesktop.DBus -o /org/freedesktop/DBus \
    -m org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
}

# wait_until SECONDS COMMAND...: polls COMMAND every 0.1 s.
wait_until () {
  local tries=$(($1 * 10))
  shift
  for i in $(seq 1 "$tries"); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

notify_calls () {
  grep -c 'member=Notify$' "$MONITOR_LOG"
}

has_two_notify_calls () {
  [ "$(notify_calls)" -ge 2 ]
}

order_count_is () {
  [ "$(purchase_orders | jq length)" = "$1" ]
}

pending_count_is () {
  [ "$(ctl approvals --json | jq length)" = "$1" ]
}

activate_action () {
  gdbus call --session -d "$STEWARD_APP_ID" -o "$STEWARD_APP_PATH" \
    -m org.freedesktop.Application.ActivateAction "$1" "[<'$2'>]" "{}"
}

tap_plan 30

dbus-monitor --session "interface='org.freedesktop.Notifications'" \
  >"$MONITOR_LOG" 2>&1 &
CLEANUP_PIDS="$CLEANUP_PIDS $!"

[ -x "$NOTIFICATION_DAEMON" ] || bail "$NOTIFICATION_DAEMON is missing"
"$NOTIFICATION_DAEMON" >"$WORK_DIR/notification-daemon.log" 2>&1 &
CLEANUP_PIDS="$CLEANUP_PIDS $!"
wait_until 10 name_has_owner org.freedesktop.Notifications \
  || bail "the notification daemon did not start"

start_json_server
job=$(create_reorder_job) || bail "create failed"
ctl run "$job" >"$WORK_DIR/run.out" 2>&1 || bail "run failed: $(cat "$WORK_DIR/run.out")"
ctl approvals --json >"$WORK_DIR/approvals.json"
check "the run asks two questions" "2" "$(jq length "$WORK_DIR/approvals.json")"
d30=$(jq -r '.[] | select(.amount_label == "517.80 EUR") | .id' "$WORK_DIR/approvals.json")
d70=$(jq -r '.[] | select(.amount_label == "525.00 EUR") | .id' "$WORK_DIR/approvals.json")
[ -n "$d30" ] && [ -n "$d70" ] || bail "no decisions for 517.80 and 525.00 EUR"

GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none \
  "$STEWARD_APP" --db "$WORK_DIR/steward.db" >"$WORK_DIR/app.log" 2>&1 &
app_pid=$!
CLEANUP_PIDS="$app_pid $CLEANUP_PIDS"

if wait_until 20 has_two_notify_calls; then
  ok "the application sends two notifications"
else
  not_ok "the application sends two notifications" \
    "Notify calls seen: $(notify_calls)" "$(tail -5 "$WORK_DIR/app.log")"
fi

# GLib's freedesktop backend sends each button as its detailed action
# name followed by its label, and the default action as "default".
contains () {
  if grep -qF -- "$2" "$MONITOR_LOG"; then
    ok "$1"
  else
    not_ok "$1" "not in the notification traffic: $2"
  fi
}
contains "the title is the job's" "string \"Keep products above their reorder level\""
contains "the body names the order" "Order 20 units of Nord-Ost Matjeshering"
contains "the body names the amount" "517.80 EUR"
contains "Approve targets the decision" "string \"app.approve::$d30\""
contains "Reject targets the decision" "string \"app.reject::$d30\""
contains "Open targets the job" "string \"app.open-job::$job\""
contains "the second decision has its own Approve" "string \"app.approve::$d70\""
contains "a click opens the job" "string \"default\""

check "the decisions are marked as told" "0" \
  "$(ctl approvals --json | jq '[.[] | select((.notified_at // 0) == 0)] | length')"

wait_until 10 name_has_owner "$STEWARD_APP_ID" || bail "the application is not on the bus"

# Twice, as a double click or two notification servers would.
activate_action approve "$d30" >/dev/null 2>"$WORK_DIR/gdbus1.err"
status1=$?
activate_action approve "$d30" >/dev/null 2>"$WORK_DIR/gdbus2.err"
status2=$?
check "both D-Bus calls are accepted" "0 0" "$status1 $status2"

wait_until 20 order_count_is 1
wait_until 20 pending_count_is 1
sleep 1

check "exactly one purchase order reaches the server" "1" "$(purchase_orders | jq length)"
check "for product 30" '"30"|20|517.8' \
  "$(purchase_orders | jq -r '.[0] | "\(.productId | tojson)|\(.quantity)|\(.total)"')"
check "the other decision still waits" "$d70" "$(ctl approvals --json | jq -r '.[].id')"

ctl audit export --format json >"$WORK_DIR/audit.json"
check "the audit log records the approval once" "1" \
  "$(jq "[.[] | select(.kind == \"decision.approved\" and .detail.decision_id == $d30)] | length" \
       "$WORK_DIR/audit.json")"

if wait_until 10 grep -q 'member=CloseNotification' "$MONITOR_LOG"; then
  ok "the answered decision's notification is withdrawn"
else
  not_ok "the answered decision's notification is withdrawn"
fi

[ -n "${STEWARD_E2E_KEEP:-}" ] && cp "$MONITOR_LOG" "$WORK_DIR/app.log" "$STEWARD_E2E_KEEP"
kill "$app_pid" 2>/dev/null
timeout 10 tail --pid="$app_pid" -f /dev/null

# A burst: two reorder jobs on fresh data ask four questions at once.
BURST_DB="$WORK_DIR/burst.db"
burst_ctl () {
  "$STEWARD_CTL" --db "$BURST_DB" "$@"
}
pending_on_burst_is () {
  [ "$(burst_ctl approvals --json | jq length)" = "$1" ]
}

stop_json_server
start_json_server
for i in 1 2; do
  burst_job=$(burst_ctl create "$REORDER_CONTRACT" --param "base_url=$BASE_URL") \
    || bail "create on the burst database failed"
  burst_ctl run "$burst_job" >"$WORK_DIR/burst-run.out" 2>&1 \
    || bail "run failed: $(cat "$WORK_DIR/burst-run.out")"
done
check "two runs ask four questions" "4" "$(burst_ctl approvals --json | jq length)"

# Only the traffic from here on counts.
burst_from=$(($(wc -l <"$MONITOR_LOG") + 1))
burst_traffic () {
  tail -n "+$burst_from" "$MONITOR_LOG"
}
burst_has () {
  burst_traffic | grep -qF -- "$1"
}

GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none \
  "$STEWARD_APP" --db "$BURST_DB" >"$WORK_DIR/burst-app.log" 2>&1 &
app_pid=$!
CLEANUP_PIDS="$app_pid $CLEANUP_PIDS"

summary_title='string "4 decisions wait for your approval"'
wait_until 20 burst_has "$summary_title"
sleep 1
check "four new decisions make one notification" "1" \
  "$(burst_traffic | grep -c 'member=Notify$')"
burst_contains () {
  if burst_has "$2"; then
    ok "$1"
  else
    not_ok "$1" "not in the notification traffic: $2"
  fi
}
burst_contains "the summary counts them" "$summary_title"
burst_contains "the summary names the job" \
  "Keep products above their reorder level: 4 decisions"
burst_contains "the summary gives the total" "2085.60 EUR in all"
burst_contains "Open shows the board" 'string "app.show-board"'
check "the four decisions are marked as told" "0" \
  "$(burst_ctl approvals --json | jq '[.[] | select((.notified_at // 0) == 0)] | length')"

# Another database cannot be opened beside this one; this one can.
wait_until 10 name_has_owner "$STEWARD_APP_ID" || bail "the application is not on the bus"
"$STEWARD_APP" --db "$WORK_DIR/steward.db" >"$WORK_DIR/second.out" 2>"$WORK_DIR/second.err"
check "a second start on another database fails" "1" "$?"
check "and says why in one line" "1|yes" \
  "$(wc -l <"$WORK_DIR/second.err")|$(grep -q 'already runs with another database' \
                                        "$WORK_DIR/second.err" && echo yes)"
"$STEWARD_APP" --db "$BURST_DB" >"$WORK_DIR/same.out" 2>&1
check "a second start on the same database raises the window" "0" "$?"

burst_ids=$(burst_ctl approvals --json | jq -r '.[].id')
last_id=$(echo "$burst_ids" | tail -n 1)
for id in $(echo "$burst_ids" | head -n 3); do
  activate_action reject "$id" >/dev/null 2>>"$WORK_DIR/gdbus-burst.err"
done
wait_until 20 pending_on_burst_is 1
sleep 1
if burst_has 'member=CloseNotification'; then
  not_ok "the summary stays while a decision waits"
else
  ok "the summary stays while a decision waits"
fi
if wait_until 20 burst_has 'string "1 decision waits for your approval"'; then
  ok "and then counts only what is left"
else
  not_ok "and then counts only what is left"
fi
activate_action reject "$last_id" >/dev/null 2>>"$WORK_DIR/gdbus-burst.err"
if wait_until 20 burst_has 'member=CloseNotification'; then
  ok "the summary is withdrawn when none waits"
else
  not_ok "the summary is withdrawn when none waits" \
    "pending: $(burst_ctl approvals --json | jq length)"
fi

kill "$app_pid" 2>/dev/null
timeout 10 tail --pid="$app_pid" -f /dev/null

tap_finish
