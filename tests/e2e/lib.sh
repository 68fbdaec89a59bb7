# Shared helpers of the end-to-end tests: TAP output, a private json-server
# on 127.0.0.1 with a copy of the Northwind data, stopped by its own pid.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_COUNT=0
TAP_FAILED=0

tap_plan () { echo "1..$1"; }

ok () {
  TAP_COUNT=$((TAP_COUNT + 1))
  echo "ok $TAP_COUNT - $1"
}

not_ok () {
  TAP_COUNT=$((TAP_COUNT + 1))
  TAP_FAILED=$((TAP_FAILED + 1))
  echo "not ok $TAP_COUNT - $1"
  shift
  for line in "$@"; do echo "# $line"; done
}

# check DESCRIPTION EXPECTED ACTUAL
check () {
  if [ "$2" = "$3" ]; then
    ok "$1"
  else
    not_ok "$1" "expected: $2" "actual:   $3"
  fi
}

bail () {
  echo "Bail out! $*"
  exit 1
}

require_json_server () {
  if [ -z "${JSON_SERVER:-}" ] || [ ! -x "$JSON_SERVER" ]; then
    bail "json-server 0.17.4 not found (configure with -Djson_server=PATH;" \
         "build-aux/install-deps installs it)"
  fi
}

WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/steward-e2e.XXXXXX")
JSON_SERVER_PID=
CLEANUP_PIDS=

cleanup () {
  for pid in $CLEANUP_PIDS $JSON_SERVER_PID; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

port_is_free () {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts json-server on a free port of 127.0.0.1 serving a fresh copy of
# the Northwind data; sets BASE_URL and JSON_SERVER_PID.
start_json_server () {
  require_json_server
  cp "$NORTHWIND_DB" "$WORK_DIR/db.json"

  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    port_is_free "$port" || continue

    "$JSON_SERVER" --host 127.0.0.1 --port "$port" --quiet \
      "$WORK_DIR/db.json" >"$WORK_DIR/json-server.log" 2>&1 &
    JSON_SERVER_PID=$!

    for i in $(seq 1 100); do
      if curl -fsS "http://127.0.0.1:$port/purchaseOrders" >/dev/null 2>&1; then
        BASE_URL="http://127.0.0.1:$port"
        return 0
      fi
      kill -0 "$JSON_SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done

    kill "$JSON_SERVER_PID" 2>/dev/null && wait "$JSON_SERVER_PID" 2>/dev/null
    JSON_SERVER_PID=
  done

  cat "$WORK_DIR/json-server.log" >&2
  bail "json-server did not start"
}

stop_json_server () {
  if [ -n "$JSON_SERVER_PID" ]; then
    kill "$JSON_SERVER_PID" 2>/dev/null && wait "$JSON_SERVER_PID" 2>/dev/null
    JSON_SERVER_PID=
  fi
}

# The purchase orders json-server holds, as a JSON array.
purchase_orders () {
  curl -fsS "$BASE_URL/purchaseOrders"
}

# ctl ARGS...: steward-ctl on the test's own database.
ctl () {
  "$STEWARD_CTL" --db "$WORK_DIR/steward.db" "$@"
}

# Creates the reorder job against the running json-server; prints its id.
create_reorder_job () {
  ctl create "$REORDER_CONTRACT" --param "base_url=$BASE_URL" "$@"
}

tap_finish () {
  [ "$TAP_FAILED" -eq 0 ]
}
