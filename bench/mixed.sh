#!/usr/bin/env bash
# Mixed load (issue 15): two release server instances on one PostgreSQL database behind
# haproxy (Debian's, round robin, installed if missing), NEEDS needs and OFFERS offers of
# demo data, and bench/mixed.py at CONNECTIONS connections for DURATION seconds: browse,
# search, open needs, sign in, post a need, express interest. Prints requests/s, p50/p99 per
# kind and the errors (there must be none), and how many of the live events caused on
# instance A reached a user connected to instance B, with their delay. Exits non-zero on
# any error or lost event.
#
#   bash bench/mixed.sh      # DURATION=60 CONNECTIONS=64 NEEDS=10000 OFFERS=2000 PROBE=2
#   POSTGRES_URL=postgres://… bash bench/mixed.sh   # on an existing server
set -euo pipefail
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-64}
NEEDS=${NEEDS:-10000}
OFFERS=${OFFERS:-2000}
PROBE=${PROBE:-2}
if ! command -v haproxy >/dev/null; then
  echo "== installing haproxy (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends haproxy
fi
source "$(dirname "${BASH_SOURCE[0]}")/release.sh"
WORK=$(mktemp -d /tmp/mitra-desa-mixed.XXXXXX)
PIDS=()
source "$ROOT/bench/postgres.sh"
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  postgres_cleanup
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

postgres_database "mixed_$$"
echo "== seeding $NEEDS needs and $OFFERS offers on PostgreSQL"
start=$(date +%s)
RUST_LOG=warn "$BIN" import-regions >/dev/null
RUST_LOG=warn "$BIN" seed-demo --needs "$NEEDS" --offers "$OFFERS" --partners 100 >/dev/null
echo "   seeded in $(( $(date +%s) - start )) s"

# Two instances, each with a pool of 20 connections.
declare -A INSTANCE_PID
start_instance() {
  local port=$1
  DB_MAX_CONNECTIONS=20 LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    RUST_LOG=warn "$BIN" serve >>"$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
  INSTANCE_PID[$port]=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
  echo "instance on $port did not start"; tail -n 20 "$WORK/server-$port.log"; exit 1
}
A=$(free_port); B=$(free_port); LB=$(free_port)
start_instance "$A"
start_instance "$B"

cat >"$WORK/haproxy.cfg" <<CFG
global
  maxconn 1024
defaults
  mode http
  option http-keep-alive
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
frontend mitra
  bind 127.0.0.1:$LB
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /healthz
  server a 127.0.0.1:$A check
  server b 127.0.0.1:$B check
CFG
haproxy -f "$WORK/haproxy.cfg" -db >>"$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$LB/healthz" >/dev/null && break; sleep 0.1; done
# The instances' start-up housekeeping (expiry, questions) settles first.
sleep 10

echo "== mixed load: $CONNECTIONS connections for $DURATION s through haproxy to two instances"
status=0
python3 "$ROOT/bench/mixed.py" "http://127.0.0.1:$LB" "http://127.0.0.1:$A" "http://127.0.0.1:$B" \
  "$DURATION" "$CONNECTIONS" "$PROBE" || status=$?
for port in "$A" "$B"; do
  rss=$(awk '/^VmRSS:/ { printf "%.0f MB", $2 / 1024 }' "/proc/${INSTANCE_PID[$port]}/status" 2>/dev/null || echo "?")
  echo "   instance $port: $(grep -c 'ERROR' "$WORK/server-$port.log" || true) errors logged, resident $rss"
done
exit "$status"
