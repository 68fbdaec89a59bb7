#!/usr/bin/env bash
# The board as a person sees it: a real window under Xvfb on a database
# where the reorder job asked twice. The card must show both questions,
# and its Approve button must send exactly one purchase order.
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

# Without a notification server GLib warns on every notification.
start_notification_daemon () {
  [ -x "$NOTIFICATION_DAEMON" ] || bail "$NOTIFICATION_DAEMON is missing"
  "$NOTIFICATION_DAEMON" >"$WORK_DIR/notification-daemon.log" 2>&1 &
  CLEANUP_PIDS="$CLEANUP_PIDS $!"

  for i in $(seq 1 100); do
    if gdbus call --session -d org.freedesktop.DBus -o /org/freedesktop/DBus \
         -m org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications \
         2>/dev/null | grep -q true; then
      return 0
    fi
    sleep 0.1
  done
  bail "the notification daemon did not start"
}

tap_plan 18

[ -n "${STEWARD_WINDOW_UI:-}" ] && [ -x "$STEWARD_WINDOW_UI" ] \
  || bail "STEWARD_WINDOW_UI does not name the window test program"

start_notification_daemon
start_json_server

job=$(create_reorder_job) || bail "create failed"
ctl run "$job" >"$WORK_DIR/run.out" 2>&1 || bail "run failed: $(cat "$WORK_DIR/run.out")"
check "the run asks two questions" "2" "$(ctl approvals --json | jq length)"

mkdir -p "$STEWARD_TEST_OUTPUT"
SHOTS="board.png board-after.png detail-overview.png detail-missing.png"
for shot in $SHOTS; do
  rm -f "$STEWARD_TEST_OUTPUT/$shot"
done

STEWARD_TEST_DB="$WORK_DIR/steward.db" GSK_RENDERER=cairo GDK_DEBUG=gl-disable \
  GTK_A11Y=none timeout 180 "$STEWARD_WINDOW_UI" \
  >"$WORK_DIR/window.tap" 2>"$WORK_DIR/window.log"
status=$?

# The window program's own results, one line each here.
while read -r line; do
  case "$line" in
    "ok "*) ok "window: ${line#ok * }" ;;
    "not ok "*) not_ok "window: ${line#not ok * }" ;;
  esac
done <"$WORK_DIR/window.tap"
check "the window program exits 0" "0" "$status"
if [ "$status" != 0 ] || [ -n "${STEWARD_E2E_VERBOSE:-}" ]; then
  sed 's/^/# /' "$WORK_DIR/window.tap" "$WORK_DIR/window.log" | tail -40
fi

orders=$(purchase_orders)
check "approving in the window posts exactly one purchase order" "1" \
  "$(echo "$orders" | jq length)"
check "for product 30" '"30"' "$(echo "$orders" | jq -c '.[0].productId')"
check "20 units" "20" "$(echo "$orders" | jq '.[0].quantity')"
check "517.80 EUR in all" "517.8" "$(echo "$orders" | jq '.[0].total')"

ctl approvals --json >"$WORK_DIR/approvals.json"
check "one question is left" "1" "$(jq length "$WORK_DIR/approvals.json")"
check "the one for 525.00 EUR" "525.00 EUR" "$(jq -r '.[0].amount_label' "$WORK_DIR/approvals.json")"

ctl audit export --format json >"$WORK_DIR/audit.json"
check "the audit log holds one approval" "1" \
  "$(jq '[.[] | select(.kind == "decision.approved")] | length' "$WORK_DIR/audit.json")"

is_png () {
  [ -s "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = "PNG" ]
}
for shot in $SHOTS; do
  if is_png "$STEWARD_TEST_OUTPUT/$shot"; then
    ok "screenshot $shot saved"
  else
    not_ok "screenshot $shot saved" "missing: $STEWARD_TEST_OUTPUT/$shot"
  fi
done

tap_finish
