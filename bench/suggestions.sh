#!/usr/bin/env bash
# Suggestion latency at the target scale (issue 4): 100,000 needs and 20,000 offers in a
# fresh SQLite database and the release server. Signed in as province staff, it times
#   index  the first suggestion request after start (builds the matching index),
#   offers /api/suggested_offers for a published need (top 10 of the published offers),
#   needs  /api/suggested_needs for a published offer (top 10 of the published needs),
#   page   the need's page /peluang/:id as staff (rendered with its suggestions),
# one request at a time, and prints p50, p90 and p99 of REQUESTS requests each; then the
# first request after a match changed (only the offers' usage is reloaded) and after a
# need changed (the index is rebuilt).
#
#   bash bench/suggestions.sh      # REQUESTS=200 NEEDS=100000 OFFERS=20000 by default
set -euo pipefail
REQUESTS=${REQUESTS:-200}
source "$(dirname "$0")/seeded.sh"
# Runs one statement on the bench database, commits, and prints the first row if any.
sql() { python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); r = c.execute(sys.argv[2]).fetchone(); c.commit(); r and print(*r)" "$WORK/bench.db" "$1"; }
NOW="strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
VERIFIED="from offer o join organisation g on g.organisation_id = o.organisation_id where o.status = 'published' and g.status = 'verified'"
NEED=$(sql "select need_id from need where status = 'published' order by need_id limit 1")
OFFER=$(sql "select o.offer_id $VERIFIED order by o.offer_id limit 1")
echo "   published needs: $(sql "select count(*) from need where status = 'published'"), published offers of verified partners: $(sql "select count(*) $VERIFIED")"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="127.0.0.1:$PORT" "$BIN" serve >>"$WORK/server.log" 2>&1 &
SERVER=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
JAR="$WORK/cookies"
curl -fs -c "$JAR" -b "$JAR" -o /dev/null -H 'Accept: application/json' \
  --data 'email=provinsi@demo.mitradesa.id&password=mitra-desa-demo' "$BASE/api/sign_in"

# Times one request in ms (fails the run on an error status).
time_one() { curl -fs -b "$JAR" -o /dev/null -w '%{time_total}\n' -H 'Accept: application/json' "$@" | awk '{ printf "%.2f\n", $1 * 1000 }'; }

echo "== one request at a time, $REQUESTS each"
printf '%-7s first request %s ms\n' index "$(time_one --data "need_id=$NEED" "$BASE/api/suggested_offers")"
series() {
  local name=$1; shift
  for _ in $(seq 1 "$REQUESTS"); do time_one "$@"; done | sort -n >"$WORK/$name"
  awk -v name="$name" '{ v[NR] = $1 } END {
    printf "%-7s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms\n", name, v[int(NR * 0.5)], v[int(NR * 0.9)], v[int(NR * 0.99)] }' "$WORK/$name"
}
series offers --data "need_id=$NEED" "$BASE/api/suggested_offers"
series needs --data "offer_id=$OFFER" "$BASE/api/suggested_needs"
series page "$BASE/peluang/$NEED"

echo "== after a change, first request"
ORGANISATION=$(sql "select organisation_id from offer where offer_id = $OFFER")
sql "insert into need_match (need_id, organisation_id, offer_id, origin, status, created_at, updated_at) \
  values ($NEED, $ORGANISATION, $OFFER, 'staff', 'introduced', $NOW, $NOW)"
printf '%-7s a match changed   %s ms\n' usage "$(time_one --data "need_id=$NEED" "$BASE/api/suggested_offers")"
sql "update need set updated_at = $NOW where need_id = $NEED"
printf '%-7s a need changed    %s ms\n' rebuild "$(time_one --data "need_id=$NEED" "$BASE/api/suggested_offers")"

# The index is rebuilt in the background while the previous one answers: requests right
# after changes must not wait for it. CHANGES times a need changes, each followed at once
# by 10 suggestion requests (the first ones find the rebuild under way).
CHANGES=${CHANGES:-20}
echo "== right after a change, $CHANGES changes x 10 requests"
for _ in $(seq 1 "$CHANGES"); do
  sql "update need set updated_at = $NOW where need_id = $NEED"
  for _ in $(seq 1 10); do time_one --data "need_id=$NEED" "$BASE/api/suggested_offers"; done
  sleep 2 # the rebuild finishes before the next change
done | sort -n >"$WORK/after"
awk '{ v[NR] = $1 } END {
  printf "%-7s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", "after", v[int(NR * 0.5)], v[int(NR * 0.9)], v[int(NR * 0.99)], v[NR] }' "$WORK/after"
