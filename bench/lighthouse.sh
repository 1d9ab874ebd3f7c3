#!/usr/bin/env bash
# Lighthouse 12.2.3, mobile preset (simulated slow 4G, 4x CPU slowdown), in Debian's
# Chromium, against the release server with the demonstration data on a fresh SQLite
# database. For each public page prints the four scores, time to interactive, total
# blocking time, largest contentful paint, and the bytes transferred: in all, and of
# JavaScript + WASM alone.
# Targets (issue 11): performance >= 90, accessibility 100, best practices >= 95, SEO >= 95.
#
#   bash bench/lighthouse.sh            # RUNS=1 by default; the median run is printed
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-1}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/mitra-desa/target}

echo "== release build"
source "$ROOT/scripts/setup" >/dev/null
[ -x /usr/bin/chromium ] || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends chromium; }
cargo leptos build --release --precompress --cargo-locked >/dev/null 2>&1
if [ ! -x bench/node_modules/.bin/lighthouse ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund >/dev/null)
fi

WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
DATABASE_URL="sqlite://$WORK/lighthouse.db?mode=rwc" LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD \
  LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn REGIONS_DIR="$ROOT/node_modules/idn-area-data/data" \
  "$CARGO_TARGET_DIR/release/mitra-desa" serve --demo >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.5; done
curl -fs "$BASE/healthz" >/dev/null || { tail -n 30 "$WORK/server.log"; exit 1; }

# A published need and its village, from the public API.
read -r NEED VILLAGE < <(curl -fs "$BASE/api/v1/needs?per_page=1" |
  python3 -c 'import json,sys; n=json.load(sys.stdin)["items"][0]; print(n["need_id"], n["village_code"])')
# A completed cooperation (public: signed or later).
AGREEMENT=$(curl -fs "$BASE/api/v1/agreements?status=completed" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["agreement_id"])')
PAGES=("/" "/peluang" "/peluang/$NEED" "/penawaran" "/mitra" "/desa/$VILLAGE" "/kerja-sama" "/kerja-sama/$AGREEMENT" "/statistik" "/masuk" "/daftar")

export CHROME_PATH=/usr/bin/chromium
printf '%-22s %5s %5s %5s %5s %8s %8s %8s %10s %10s\n' page perf a11y bp seo "TTI s" "TBT ms" "LCP s" "all KB" "js+wasm KB"
for page in "${PAGES[@]}"; do
  for run in $(seq 1 "$RUNS"); do
    bench/node_modules/.bin/lighthouse "$BASE$page" --quiet --output=json --output-path="$WORK/run-$run.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 ||
      { echo "lighthouse failed on $page" >&2; exit 1; }
  done
  python3 - "$page" "$WORK" "$RUNS" <<'PY'
import json, sys
page, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
reports = [json.load(open(f"{work}/run-{i}.json")) for i in range(1, runs + 1)]
reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
r = reports[len(reports) // 2]
score = lambda c: round((r["categories"][c]["score"] or 0) * 100)
audit = lambda a: r["audits"][a].get("numericValue", 0)
items = r["audits"]["network-requests"]["details"]["items"]
code = sum(i.get("transferSize", 0) for i in items
           if i.get("resourceType") == "Script" or i["url"].split("?")[0].endswith((".js", ".wasm")))
print(f'{page[:22]:<22} {score("performance"):>5} {score("accessibility"):>5} {score("best-practices"):>5} '
      f'{score("seo"):>5} {audit("interactive")/1000:>8.1f} {audit("total-blocking-time"):>8.0f} '
      f'{audit("largest-contentful-paint")/1000:>8.1f} {audit("total-byte-weight")/1024:>10.0f} {code/1024:>10.0f}')
PY
done
