# Sourced by the bench scripts that need PostgreSQL: `postgres_database NAME` sets
# DATABASE_URL to a new database NAME on POSTGRES_URL (a server where databases may be
# created), or on a throwaway cluster in $WORK started for the bench, and `postgres_cleanup`
# (call it from the script's exit trap) drops the database and stops that cluster.
PG_DATA=""
PG_CREATED=""
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
postgres_database() {
  if [ -z "${POSTGRES_URL:-}" ]; then
    PG_BIN=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n1 || echo /nonexistent/initdb)")
    PG_DATA="$WORK/pg/data"
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$WORK/pg"
    chmod 755 "$WORK"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$WORK/pg"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U mitra --auth=trust -E UTF8 >/dev/null
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/log" -o "-h 127.0.0.1 -p $port -k $WORK/pg -c max_connections=200" -w start >/dev/null
    POSTGRES_URL="postgres://mitra@127.0.0.1:$port/postgres"
  fi
  psql -q "$POSTGRES_URL" -c "create database $1" >/dev/null
  PG_CREATED=$1
  export DATABASE_URL="${POSTGRES_URL%/*}/$1"
}
postgres_cleanup() {
  [ -n "$PG_CREATED" ] && psql -q "$POSTGRES_URL" -c "drop database $PG_CREATED with (force)" >/dev/null 2>&1 || true
  [ -n "$PG_DATA" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
}
