#!/usr/bin/env bash
# Exports at the target scale (issue 13): the release server on a fresh SQLite database
# with 100,000 needs and 20,000 offers; province staff download every need as XLSX and as
# CSV. For each it prints the rows, the file's size, the time, and how much the server's
# resident memory grew above what it used just before the download (sampled every 20 ms
# from /proc while the file is prepared and sent). Target: XLSX of 100,000 needs with the
# memory growing by at most 50 MB.
#
#   bash bench/export.sh      # NEEDS=100000 OFFERS=20000
set -euo pipefail
source "$(dirname "$0")/seeded.sh"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
RUST_LOG=info,tower_http=warn,sqlx=warn LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="127.0.0.1:$PORT" "$BIN" serve >>"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
# The start reads the statistics' facts and runs the housekeeping (expiry, questions) in the
# background: measure once they are done, so that their memory is not counted as the export's.
for _ in $(seq 1 300); do grep -q "statistics facts read" "$WORK/server.log" && break; sleep 0.2; done
sleep 10
JAR="$WORK/cookies"
curl -fs -c "$JAR" -b "$JAR" -o /dev/null -H 'Accept: application/json' \
  --data 'email=provinsi@demo.mitradesa.id&password=mitra-desa-demo' "$BASE/api/sign_in"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER/status"; }
# Resident memory by kind: anonymous (the heap: what the server allocated) and file-backed
# (pages of the database file read through SQLite's memory map: page cache, reclaimable).
anon_kb() { awk '/^RssAnon:/ { print $2 }' "/proc/$SERVER/status"; }
file_kb() { awk '/^RssFile:/ { print $2 }' "/proc/$SERVER/status"; }
measure() {
  local file=$1
  local before peak anon_before anon_peak file_before file_peak
  before=$(rss_kb); anon_before=$(anon_kb); file_before=$(file_kb)
  peak=$before; anon_peak=$anon_before; file_peak=$file_before
  curl -fs -b "$JAR" -o "$WORK/$file" -w '%{time_total}\n' "$BASE/ekspor/$file" >"$WORK/time" &
  local download=$!
  while kill -0 "$download" 2>/dev/null; do
    now=$(rss_kb); [ "$now" -gt "$peak" ] && peak=$now
    now=$(anon_kb); [ "$now" -gt "$anon_peak" ] && anon_peak=$now
    now=$(file_kb); [ "$now" -gt "$file_peak" ] && file_peak=$now
    sleep 0.02
  done
  wait "$download"
  local rows
  case "$file" in
    *.csv) rows=$(( $(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig'))))" "$WORK/$file") - 1 )) ;;
    *.xlsx) rows=$(python3 - "$WORK/$file" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
print(len(re.findall(r"<row ", sheet)) - 1)
PY
) ;;
  esac
  printf '%-16s %7d rows %9d bytes %7.2f s  memory before %6.1f MB, growth %6.1f MB (heap %+6.1f MB, database pages %+6.1f MB)\n' \
    "$file" "$rows" "$(stat -c %s "$WORK/$file")" "$(cat "$WORK/time")" "$(echo "$before / 1024" | bc -l)" \
    "$(echo "($peak - $before) / 1024" | bc -l)" "$(echo "($anon_peak - $anon_before) / 1024" | bc -l)" \
    "$(echo "($file_peak - $file_before) / 1024" | bc -l)"
}
echo "== exports of every need (province staff)"
measure kebutuhan.xlsx
measure kebutuhan.csv
measure kebutuhan.xlsx
