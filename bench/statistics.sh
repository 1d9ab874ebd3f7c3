#!/usr/bin/env bash
# /statistik at the target scale (issue 13): 100,000 needs, 20,000 offers and 10,000
# cooperations (the demo seed and, on top, cooperations for published needs) in a fresh
# SQLite database and the release server. For each view it times /api/v1/statistics one
# request at a time and prints p50 and p90 of REQUESTS requests, first with the statistics
# cache off (STATISTICS_CACHE_SIZE=0: every request computes the figures) and then on (the
# first request of a view computes them, the others are kept until the data changes).
# With the cache off it also times the first request after each of REQUESTS writes (a
# need changed while the server runs: the figures' facts are brought up to date first),
# and prints how long the server took to read the facts at start.
#
#   bash bench/statistics.sh      # REQUESTS=20 NEEDS=100000 OFFERS=20000 COOPERATIONS=10000
set -euo pipefail
REQUESTS=${REQUESTS:-20}
COOPERATIONS=${COOPERATIONS:-10000}
source "$(dirname "$0")/seeded.sh"

echo "== adding $COOPERATIONS cooperations"
python3 - "$WORK/bench.db" "$COOPERATIONS" <<'PY'
import sqlite3, sys
db, wanted = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
have = c.execute("select count(*) from agreement").fetchone()[0]
organisations = [r[0] for r in c.execute("select organisation_id from organisation where status = 'verified'")]
staff = c.execute("select user_id from app_user where role = 'province_staff' order by user_id").fetchone()[0]
needs = c.execute(
    "select need_id, published_at from need where status = 'published' and need_id not in "
    "(select need_id from need_match) order by need_id limit ?", (max(wanted - have, 0),)).fetchall()
states = ["signed", "active", "active", "completed", "completed", "terminated"]
for k, (need_id, published) in enumerate(needs):
    at = published or "2026-01-01T00:00:00.000Z"
    org = organisations[k % len(organisations)]
    m = c.execute(
        "insert into need_match (need_id, organisation_id, origin, status, introduced_at, created_at, updated_at) "
        "values (?, ?, 'partner_interest', 'agreed', ?, ?, ?)", (need_id, org, at, at, at)).lastrowid
    status = states[k % len(states)]
    c.execute(
        "insert into agreement (need_match_id, initiated_by, status, signed_on, starts_on, value_idr, beneficiaries, "
        "created_by, created_at, updated_at) values (?, 'village', ?, substr(?, 1, 10), substr(?, 1, 10), ?, ?, ?, ?, ?)",
        (m, status, at, at, 25_000_000 + k, 20 if status == "completed" else None, staff, at, at))
    c.execute("update need set status = ? where need_id = ?",
              ("fulfilled" if status == "completed" else "published" if status == "terminated" else "matched", need_id))
c.commit()
print("   cooperations:", c.execute("select count(*) from agreement where status <> 'draft'").fetchone()[0])
PY

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
SECTOR=nature_tourism
YEAR=$(date +%Y)
VIEWS=("" "?kabupaten=64.02" "?sektor=$SECTOR" "?tahun=$YEAR&periode=month" "?kabupaten=64.02&sektor=$SECTOR&periode=quarter")

time_one() { curl -fs -o /dev/null -w '%{time_total}\n' "$@" | awk '{ printf "%.2f\n", $1 * 1000 }'; }
run() {
  local label=$1
  for view in "${VIEWS[@]}"; do
    first=$(time_one "$BASE/api/v1/statistics$view")
    for _ in $(seq 1 "$REQUESTS"); do time_one "$BASE/api/v1/statistics$view"; done | sort -n >"$WORK/times"
    awk -v label="$label" -v view="${view:-(none)}" -v first="$first" '{ v[NR] = $1 } END {
      printf "%-6s %-48s first %8.2f ms  then p50 %8.2f ms  p90 %8.2f ms\n", label, view, first, v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)] }' "$WORK/times"
  done
}
# One need changed (as an edit would: a new updated_at), then one request of the view.
after_writes() {
  local view=$1
  local logged
  logged=$(wc -l <"$WORK/server.log")
  for k in $(seq 1 "$REQUESTS"); do
    python3 - "$WORK/bench.db" "$k" <<'PY'
import sqlite3, sys, datetime
c = sqlite3.connect(sys.argv[1], timeout=10)
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
c.execute("update need set updated_at = ? where need_id = (select min(need_id) + ? from need where submitted_at is not null)",
          (now, int(sys.argv[2])))
c.commit()
PY
    time_one "$BASE/api/v1/statistics$view"
  done | sort -n >"$WORK/times"
  awk -v view="${view:-(none)}" '{ v[NR] = $1 } END {
    printf "%-6s %-48s after a write: p50 %8.2f ms  p90 %8.2f ms  max %8.2f ms\n", "cold", view, v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], v[NR] }' "$WORK/times"
  # Where that time went, from the server's debug log: the refresh of the facts (each step)
  # and the counting of the figures, p50 over the same requests.
  tail -n +"$((logged + 1))" "$WORK/server.log" | sed 's/\x1b\[[0-9;]*m//g' >"$WORK/steps"
  grep 'statistics facts refreshed' "$WORK/steps" | grep -o 'total [0-9.]* ms.*' | sort -t' ' -k2 -n >"$WORK/refreshes" || true
  grep 'statistics counted' "$WORK/steps" | grep -o 'millis=[0-9.]*' | cut -d= -f2 | sort -n >"$WORK/counts" || true
  awk '{ v[NR] = $0 } END { if (NR) printf "       refresh of the facts, p50 of %d: %s\n", NR, v[int((NR + 1) / 2)] }' "$WORK/refreshes"
  awk '{ v[NR] = $1 } END { if (NR) printf "       counting the figures: p50 %.2f ms, p90 %.2f ms\n", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)] }' "$WORK/counts"
}

for size in 0 64; do
  RUST_LOG=info,tower_http=warn,sqlx=warn,app::ssr::statistics=debug LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="127.0.0.1:$PORT" STATISTICS_CACHE_SIZE=$size \
    "$BIN" serve >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
  label=$([ "$size" = 0 ] && echo "cold" || echo "cached")
  echo "== /api/v1/statistics, $REQUESTS requests per view, cache $([ "$size" = 0 ] && echo off || echo on)"
  if [ "$size" = 0 ]; then
    # The facts are read in the background at start: wait for the first answer, then say how long reading took.
    first=$(time_one "$BASE/api/v1/statistics")
    echo "   first request after start: $first ms; $(grep -o 'statistics facts read.*' "$WORK/server.log" | tail -n 1 | sed 's/\x1b\[[0-9;]*m//g')"
  fi
  # At start the housekeeping job expires the postings whose window is over and asks about
  # stale ones: thousands of writes that change the data's stamp. Measure once it is quiet.
  settled=$(python3 - "$WORK/bench.db" <<'PY'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=10)
tables = ["need", "offer", "need_match", "agreement", "organisation", "village_profile"]
stamp = lambda: [c.execute(f"select max(updated_at) from {t}").fetchone()[0] for t in tables]
start, last, quiet = time.time(), stamp(), time.time()
while time.time() - start < 300 and time.time() - quiet < 5:
    time.sleep(0.5)
    now = stamp()
    if now != last:
        last, quiet = now, time.time()
print(f"{time.time() - start:.0f}")
PY
)
  echo "   the data stopped changing ${settled} s after the first answer (the start's housekeeping)"
  run "$label"
  if [ "$size" = 0 ]; then
    for view in "" "?kabupaten=64.02&sektor=$SECTOR&periode=quarter"; do after_writes "$view"; done
  fi
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
done
