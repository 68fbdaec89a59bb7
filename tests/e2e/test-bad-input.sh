#!/usr/bin/env bash
# Bad input: a clear one-line message, exit 1 (2 for usage), no crash and
# nothing half-written in the store.
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/lib.sh"

tap_plan 30

# expect_failure NAME STATUS PATTERN CMD...: the command fails with
# STATUS and exactly one line on stderr, which matches PATTERN.
expect_failure () {
  local name=$1 want=$2 pattern=$3
  shift 3
  "$@" >"$WORK_DIR/out" 2>"$WORK_DIR/err"
  local status=$?
  local lines
  lines=$(wc -l <"$WORK_DIR/err")
  if [ "$status" = "$want" ] && [ "$lines" -eq 1 ] && grep -qE "$pattern" "$WORK_DIR/err"; then
    ok "$name"
  else
    not_ok "$name" "status $status (want $want)" "stderr: $(cat "$WORK_DIR/err")"
  fi
}

# A contract with mistakes, written from the example.
bad_contract () {
  jq "$1" "$REORDER_CONTRACT" >"$WORK_DIR/bad.json"
  echo "$WORK_DIR/bad.json"
}

printf '{ "title": "x", ' >"$WORK_DIR/truncated.json"
expect_failure "malformed contract" 1 'truncated.json:1:' \
  ctl create "$WORK_DIR/truncated.json"
expect_failure "missing file" 1 'nowhere.json' ctl create "$WORK_DIR/nowhere.json"
expect_failure "unknown autonomy names the field" 1 'policy.autonomy' \
  ctl create "$(bad_contract '.policy.autonomy = "boundd"')"
expect_failure "bad expression names the field" 1 'situation.when' \
  ctl create "$(bad_contract '.situation.when = "unitsInStock <"')"
expect_failure "missing title" 1 'title' \
  ctl create "$(bad_contract 'del(.title)')"
expect_failure "bad parameter value" 1 'auto_approve_below' \
  ctl create "$REORDER_CONTRACT" --param auto_approve_below=lots
expect_failure "unknown parameter" 1 'colour' \
  ctl create "$REORDER_CONTRACT" --param colour=blue
expect_failure "bad --param syntax is usage" 2 'NAME=VALUE' \
  ctl create "$REORDER_CONTRACT" --param novalue
expect_failure "unknown command is usage" 2 'frobnicate' ctl frobnicate
expect_failure "run without a job id is usage" 2 'job id' ctl run
expect_failure "unknown job" 1 'job' ctl run 99
expect_failure "unknown decision" 1 'decision' ctl approve 99
expect_failure "unknown export format is usage" 2 'xml' ctl audit export --format xml

ctl create "$(bad_contract 'del(.title) | .policy.autonomy = "boundd" | .frobnicate = 1')" \
  >/dev/null 2>"$WORK_DIR/three.err"; status=$?
check "a contract with three mistakes fails" "1" "$status"
check "with one line per mistake, each naming the file" "3" \
  "$(grep -c "^steward-ctl: $WORK_DIR/bad.json: " "$WORK_DIR/three.err")"
expect_failure "a negative amount is refused" 1 'negative' \
  ctl create "$REORDER_CONTRACT" --param auto_approve_below=-5
check "--db may follow the command" "0" \
  "$("$STEWARD_CTL" list --json --db "$WORK_DIR/steward.db" | jq length)"

check "no job was written by the failed creations" "0" "$(ctl list --json | jq length)"

# A server that cannot be reached.
port=$((20000 + RANDOM % 40000))
while ! port_is_free "$port"; do port=$((20000 + RANDOM % 40000)); done
job=$(ctl create "$REORDER_CONTRACT" --param "base_url=http://127.0.0.1:$port")
expect_failure "unreachable server" 1 "Cannot reach http://127.0.0.1:$port" ctl run "$job"
check "the job shows the problem" "true" \
  "$(ctl show "$job" --json | jq '.error | test("Cannot reach")')"
check "and needs attention" "needs-attention" "$(ctl show "$job" --json | jq -r .state)"
check "no situation was written" "0" "$(ctl show "$job" --json | jq '.situations | length')"

start_json_server

# A failing server: json-server answers 404 for an unknown collection.
job=$(ctl create "$(bad_contract '.source.url = "{base_url}/nothing-here"')" \
      --param "base_url=$BASE_URL")
expect_failure "failing server" 1 "answered 404" ctl run "$job"

# An answer that is not JSON: json-server serves its home page as HTML.
job=$(ctl create "$(bad_contract '.source.url = "{base_url}/"')" --param "base_url=$BASE_URL")
expect_failure "answer that is not JSON" 1 "is not JSON" ctl run "$job"

# A JSONPath that selects nothing.
job=$(ctl create "$(bad_contract '.source.items = "$[*].noSuchField"')" \
      --param "base_url=$BASE_URL")
expect_failure "JSONPath that selects nothing" 1 'found nothing' ctl run "$job"
check "no situation was written" "0" "$(ctl show "$job" --json | jq '.situations | length')"

# A rule that fails at run time on real data: nothing half-written.
job=$(ctl create "$(bad_contract '.situation.when = "unitsInStok < reorderLevel"')" \
      --param "base_url=$BASE_URL")
expect_failure "expression naming a missing field" 1 'unitsInStok' ctl run "$job"
check "no situation was written" "0" "$(ctl show "$job" --json | jq '.situations | length')"
check "no decision was written" "0" "$(ctl show "$job" --json | jq '.decisions | length')"

verify=$(ctl audit verify 2>&1); status=$?
check "the audit chain stays intact through all of it" "0" "$status"

tap_finish
