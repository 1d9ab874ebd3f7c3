#!/usr/bin/env bash
# Load benchmark (issue 3): 100,000 needs and 20,000 offers in a fresh SQLite database, the
# release server, and wrk at 32 connections against
#   1. a bare handler (/healthz: one `select 1`),
#   2. /peluang with a search word and two filters (server-rendered page),
#   3. /api/v1/needs with the same query (JSON).
# Prints requests/s, p50 and p99 for each, and the ratios to the bare handler; page0/api0
# are the same requests with the search and page caches off (SEARCH_CACHE_SIZE=0,
# PAGE_CACHE_SIZE=0), pagessr is /peluang rendered on every request from cached results.
# Targets: /peluang >= 30 % of the bare handler with p99 <= 20 ms; the API >= 50 %.
#
#   bash bench/load.sh            # DURATION=20s CONNECTIONS=32 NEEDS=100000 OFFERS=20000 by default
#
# wrk and the server share the machine: on 2 cores the figures are a floor, not a ceiling.
set -euo pipefail
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
QUERY=${QUERY:-"q=pelatihan&kabupaten=64.02&dukungan=training"}

if ! command -v wrk >/dev/null; then
  echo "== installing wrk (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk
fi
source "$(dirname "$0")/seeded.sh"

# Starts the server with the given search and page cache sizes (0: off).
start_server() {
  [ -n "$SERVER" ] && kill "$SERVER" && wait "$SERVER" 2>/dev/null || true
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  SEARCH_CACHE_SIZE=$1 PAGE_CACHE_SIZE=$2 LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="127.0.0.1:$PORT" \
    "$BIN" serve >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  BASE="http://127.0.0.1:$PORT"
}

# wrk's latency distribution in ms, whatever unit it printed.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

run() {
  local name=$1 path=$2
  curl -fs -o /dev/null "$BASE$path" || { echo "$name: $path does not answer 200" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$path" >"$WORK/$name.txt"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/$name.txt")
  p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$WORK/$name.txt")")
  p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$WORK/$name.txt")")
  echo "$name $rps $p50 $p99 $path" >>"$WORK/results"
}

echo "== wrk, $CONNECTIONS connections, $DURATION each"
start_server 512 256
curl -fs -o /dev/null "$BASE/peluang?$QUERY"   # warm the caches once
run bare "/healthz"
run page "/peluang?$QUERY"
run api "/api/v1/needs?$QUERY"
# Rendering the page on every request (results still cached).
start_server 512 0
curl -fs -o /dev/null "$BASE/peluang?$QUERY"
run pagessr "/peluang?$QUERY"
# The same without any cache: what every new query costs.
start_server 0 0
run page0 "/peluang?$QUERY"
run api0 "/api/v1/needs?$QUERY"

total=$(curl -fs "$BASE/api/v1/needs?$QUERY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "   the query matches $total of $NEEDS needs"
awk 'NR == 1 { bare = $2 }
     { printf "%-8s %10.0f req/s  p50 %7s ms  p99 %7s ms  %5.1f %% of bare  %s\n", $1, $2, $3, $4, 100 * $2 / bare, $5 }' \
  "$WORK/results"
