#!/usr/bin/env bash
# Uncached search (issue 15): NEEDS needs and OFFERS offers in a fresh SQLite database and
# the release server with its search and page caches off (SEARCH_CACHE_SIZE=0,
# PAGE_CACHE_SIZE=0). QUERIES distinct queries — one or two words taken from the seeded
# needs' titles, each with a random filter (regency, sector, support type or none) — are
# each asked once as JSON (/api/v1/needs) and once as the page (/peluang), one at a time.
# In the same run the raw full-text match behind them (FTS5 match and bm25 rank of the
# same words, the 20 best, in Python's sqlite3 on the same file) is timed: the data limit.
# Prints p50/p90/p99/max of each and the ratio of the JSON search to the raw match.
# Targets: JSON p99 <= 20 ms, page p99 <= 40 ms.
#
#   bash bench/search.sh      # QUERIES=150 NEEDS=100000 OFFERS=20000
set -euo pipefail
QUERIES=${QUERIES:-150}
source "$(dirname "$0")/seeded.sh"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
SEARCH_CACHE_SIZE=0 PAGE_CACHE_SIZE=0 LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_ENV=PROD \
  LEPTOS_SITE_ADDR="127.0.0.1:$PORT" "$BIN" serve >>"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
# The start's housekeeping (expiry, questions) and warm-up (matching index, statistics) first.
sleep 20

python3 - "$WORK/bench.db" "$BASE" "$QUERIES" <<'PY'
import random, re, sqlite3, sys, time, urllib.parse, urllib.request
db, base, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
c = sqlite3.connect(db)
rng = random.Random(15)
titles = [r[0] for r in c.execute("select title from need where status = 'published' order by need_id limit 5000")]
words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-z]{4,}", t)})
regencies = [r[0] for r in c.execute("select regency_code from regency")]
sectors = [r[0] for r in c.execute("select distinct sector from need")]
supports = [r[0] for r in c.execute("select distinct support_type from need")]
queries, seen = [], set()
while len(queries) < count:
    q = " ".join(rng.sample(words, rng.choice([1, 1, 2])))
    key, value = rng.choice([("kabupaten", regencies), ("sektor", sectors), ("dukungan", supports), (None, None)])
    params = {"q": q}
    if key:
        params[key] = rng.choice(value)
    text = urllib.parse.urlencode(params)
    if text not in seen:
        seen.add(text)
        queries.append((params, text))
print(f"   {len(queries)} distinct queries from {len(words)} words of the seeded titles")

def timed(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200
    return (time.perf_counter() - started) * 1000

def raw(params):
    phrase = " ".join(f'"{w}"*' for w in params["q"].split())
    started = time.perf_counter()
    c.execute("select rowid, bm25(need_fts, 4.0, 1.0) as s from need_fts where need_fts match ? order by s limit 20", (phrase,)).fetchall()
    return (time.perf_counter() - started) * 1000

def show(label, values):
    v = sorted(values)
    at = lambda p: v[min(len(v) - 1, int(len(v) * p))]
    print(f"   {label:<28} p50 {at(0.5):7.2f} ms  p90 {at(0.9):7.2f} ms  p99 {at(0.99):7.2f} ms  max {v[-1]:7.2f} ms")
    return at(0.5), at(0.99)

api = [timed(f"{base}/api/v1/needs?{text}") for _, text in queries]
rng.shuffle(queries)
page = [timed(f"{base}/peluang?{text}") for _, text in queries]
fts = [raw(params) for params, _ in queries]
raw50, raw99 = show("raw FTS5 match + rank", fts)
api50, api99 = show("JSON /api/v1/needs", api)
page50, page99 = show("page /peluang", page)
print(f"   JSON / raw match: p50 {api50 / raw50:.1f}x, p99 {api99 / raw99:.1f}x; page / raw match: p99 {page99 / raw99:.1f}x")
PY
