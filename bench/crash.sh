#!/usr/bin/env bash
# Crash test (issue 15): the release server on a fresh demo database, 200 need saves sent at
# once by the demo village operator, and `kill -9` of the server once 100 of them were
# acknowledged. The server is then started again on the same database, as it is, and must
# come up by itself; every acknowledged save must be there, and the database must pass its
# integrity check. Run on SQLite and on PostgreSQL (a throwaway cluster, or POSTGRES_URL:
# a server where a new database may be created).
#
#   bash bench/crash.sh            # TOTAL=200 CONCURRENCY=200 KILL_AFTER=100
set -euo pipefail
TOTAL=${TOTAL:-200}
CONCURRENCY=${CONCURRENCY:-200}
KILL_AFTER=${KILL_AFTER:-100}
source "$(dirname "${BASH_SOURCE[0]}")/release.sh"
WORK=$(mktemp -d /tmp/mitra-desa-crash.XXXXXX)
chmod 755 "$WORK"
SERVER=""
source "$ROOT/bench/postgres.sh"
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  postgres_cleanup
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_server() {
  PORT=$(free_port)
  BASE="http://127.0.0.1:$PORT"
  LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn \
    REGIONS_DIR="$ROOT/node_modules/idn-area-data/data" "$BIN" serve --demo >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  local started=$(date +%s%N)
  for _ in $(seq 1 600); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
  curl -fs "$BASE/healthz" >/dev/null || { echo "the server did not start"; tail -n 30 "$WORK/server.log"; exit 1; }
  STARTED_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}

# Runs the crash on DATABASE_URL; $1 names the backend, $2 is a command printing one stored
# title per line, $3 a command printing the integrity check's verdict.
crash() {
  local name=$1 titles=$2 integrity=$3
  echo "== $name"
  start_server
  echo "   started in $STARTED_MS ms (demo data seeded)"
  python3 "$ROOT/bench/crash.py" "$BASE" "$SERVER" "$WORK/acknowledged" "$TOTAL" "$CONCURRENCY" "$KILL_AFTER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
  start_server
  echo "   started again in $STARTED_MS ms"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  eval "$titles" | sort >"$WORK/stored"
  local lost
  lost=$(sort "$WORK/acknowledged" | comm -23 - "$WORK/stored" | wc -l)
  echo "   acknowledged $(wc -l <"$WORK/acknowledged"), stored $(wc -l <"$WORK/stored"), lost $lost; integrity: $(eval "$integrity")"
  [ "$lost" = 0 ] || { echo "   FAILED: acknowledged saves were lost"; exit 1; }
}

export DATABASE_URL="sqlite://$WORK/crash.db?mode=rwc"
crash sqlite \
  "python3 -c \"import sqlite3; [print(r[0]) for r in sqlite3.connect('$WORK/crash.db').execute(\\\"select title from need where title like 'Pelatihan uji ketahanan%'\\\")]\"" \
  "python3 -c \"import sqlite3; print(sqlite3.connect('$WORK/crash.db').execute('pragma integrity_check').fetchone()[0])\""

postgres_database "crash_$$"
# PostgreSQL's own check (amcheck): every B-tree index of the schema against its rules.
AMCHECK="create extension if not exists amcheck; select count(bt_index_check(c.oid)) from pg_index i \
  join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam \
  where a.amname = 'btree' and c.relnamespace = 'public'::regnamespace"
crash postgres \
  "psql -At '$DATABASE_URL' -c \"select title from need where title like 'Pelatihan uji ketahanan%'\"" \
  "psql -At -v ON_ERROR_STOP=1 '$DATABASE_URL' -c \"$AMCHECK\" | tail -n1 | sed 's/$/ indexes checked, ok/'"
