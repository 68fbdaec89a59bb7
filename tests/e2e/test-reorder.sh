#!/usr/bin/env bash
# The reorder job on real Northwind data, driven through steward-ctl
# against json-server: two situations, two questions, one approved order.
#
# SPDX-License-Identifier: GPL-3.0-or-later

. "$(dirname "$0")/lib.sh"

tap_plan 27
start_json_server

job=$(create_reorder_job) || bail "create failed"
check "create prints the new job's id" "1" "$job"

run_out=$(ctl run "$job" 2>"$WORK_DIR/run.err"); status=$?
check "run exits 0" "0" "$status"
echo "$run_out" | sed 's/^/# /'

ctl show "$job" --json >"$WORK_DIR/show.json"
check "two situations are open" "2" \
  "$(jq '[.situations[] | select(.state == "open")] | length' "$WORK_DIR/show.json")"
check "they are products 30 and 70" "30 70" \
  "$(jq -r '[.situations[].key] | sort | join(" ")' "$WORK_DIR/show.json")"
check "situation title names the product" "true" \
  "$(jq '[.situations[].title] | any(. == "Nord-Ost Matjeshering is below its reorder level")' "$WORK_DIR/show.json")"

ctl approvals --json >"$WORK_DIR/approvals.json"
check "two decisions wait for approval" "2" "$(jq length "$WORK_DIR/approvals.json")"

d30=$(jq -r '.[] | select(.summary | contains("Nord-Ost")) | .id' "$WORK_DIR/approvals.json")
d70=$(jq -r '.[] | select(.summary | contains("Outback")) | .id' "$WORK_DIR/approvals.json")
check "product 30: 20 units for 517.80 EUR" "Order 20 units of Nord-Ost Matjeshering|517.80 EUR" \
  "$(jq -r ".[] | select(.id == $d30) | \"\(.summary)|\(.amount_label)\"" "$WORK_DIR/approvals.json")"
check "product 70: 35 units for 525.00 EUR" "Order 35 units of Outback Lager|525.00 EUR" \
  "$(jq -r ".[] | select(.id == $d70) | \"\(.summary)|\(.amount_label)\"" "$WORK_DIR/approvals.json")"
check "the explanation names the nearest alternative" "true" \
  "$(jq ".[] | select(.id == $d30) | .explanation.alternative | test(\"517.80 EUR\")" "$WORK_DIR/approvals.json")"
check "nothing was sent" "0" "$(purchase_orders | jq length)"

ctl run "$job" >"$WORK_DIR/run2.out" 2>&1; status=$?
check "second run exits 0" "0" "$status"
check "second run opens no new situation" "2" \
  "$(ctl show "$job" --json | jq '.situations | length')"
check "second run asks nothing again" "2" "$(ctl approvals --json | jq length)"
check "second run says nothing opened" "1" \
  "$(grep -c '0 situations opened' "$WORK_DIR/run2.out")"

approve_out=$(ctl approve "$d30" --note "Chef asked for it" 2>&1); status=$?
check "approve exits 0" "0" "$status"
orders=$(purchase_orders)
check "approving posts exactly one purchase order" "1" "$(echo "$orders" | jq length)"
check "the order carries the drafted figures" '"30"|20|25.89|517.8|EUR' \
  "$(echo "$orders" | jq -r '.[0] | "\(.productId | tojson)|\(.quantity)|\(.unitPrice)|\(.total)|\(.currency)"')"

ctl approve "$d30" >"$WORK_DIR/again.out" 2>"$WORK_DIR/again.err"; status=$?
check "approving twice fails with exit 1" "1" "$status"
check "and says it was already answered" "1" "$(grep -c 'already answered' "$WORK_DIR/again.err")"
check "and posts nothing more" "1" "$(purchase_orders | jq length)"

ctl reject "$d70" --note "Too expensive" >/dev/null 2>&1; status=$?
check "reject exits 0" "0" "$status"
check "rejecting posts nothing" "1" "$(purchase_orders | jq length)"
check "nothing waits any more" "0" "$(ctl approvals --json | jq length)"

verify_out=$(ctl audit verify 2>&1); status=$?
check "audit verify passes" "0" "$status"
echo "# $verify_out"

ctl audit export --format json >"$WORK_DIR/audit.json"
check "the audit log holds one approval and one rejection" "1 1" \
  "$(jq -r '[(map(select(.kind == "decision.approved")) | length), (map(select(.kind == "decision.rejected")) | length)] | map(tostring) | join(" ")' "$WORK_DIR/audit.json")"

# Change one byte of one audit row: verify must fail and name that entry.
# The store refuses updates through its triggers, so the tampering drops
# them first, as anyone with the file could.
seq=$(jq '.[] | select(.kind == "decision.approved") | .seq' "$WORK_DIR/audit.json")
sqlite3 "$WORK_DIR/steward.db" \
  "DROP TRIGGER audit_no_update; UPDATE audit SET summary = substr(summary, 1, 2) || char(unicode(substr(summary, 3, 1)) + 1) || substr(summary, 4) WHERE seq = $seq;"
verify_out=$(ctl audit verify 2>&1); status=$?
check "audit verify fails after a one-byte change" "1" "$status"
check "and names the changed entry" "1" "$(echo "$verify_out" | grep -c "entry $seq\b")"
echo "# $verify_out"

tap_finish
