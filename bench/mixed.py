"""Mixed load for bench/mixed.sh: CONNECTIONS workers, each on its own keep-alive connection
to the load balancer, for DURATION seconds, each request of a kind drawn by weight:

  browse    a list page (/, /peluang, /penawaran, /mitra, /statistik)
  search    a new word + filter query, as JSON (/api/v1/needs) or as the page (/peluang)
  open      a published need, as its page or as JSON
  sign_in   the demo partner signs in (argon2: deliberately expensive)
  post      the demo village operator saves a new need (a draft)
  interest  the demo partner expresses interest in a published need (each need once)

Every answer must be the expected one (2xx, or the server function's redirect): anything
else — a 5xx, a refusal, no answer — is an error. Meanwhile a prober, every PROBE seconds,
submits a need through instance A and times the live event (`queue`) that the regency's
staff, connected to instance B only, receive for it.

    python3 mixed.py BALANCER A B DURATION CONNECTIONS PROBE
"""
import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.parse

balancer, instance_a, instance_b = sys.argv[1:4]
duration, connections, probe_every = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
DOMAIN = "demo.mitradesa.id"
PASSWORD = "mitra-desa-demo"
WORDS = ["pelatihan", "air", "wisata", "jalan", "bibit", "kakao", "perahu", "listrik", "sekolah", "posyandu",
         "irigasi", "pupuk", "ikan", "madu", "rotan", "sungai", "hutan", "pemuda", "internet", "sanitasi"]
SECTORS = ["", "nature_tourism", "agriculture", "fisheries", "education", "health", "infrastructure"]
BROWSE = ["/", "/peluang", "/penawaran", "/mitra", "/statistik"]
KINDS = [("browse", 25), ("search", 25), ("open", 20), ("sign_in", 3), ("post", 12), ("interest", 15)]


def connection(base):
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    return http.client.HTTPConnection(host, int(port), timeout=30)


def request(conn, method, path, fields=None, cookie=None):
    """(status, headers, body); reconnects once if the kept connection was closed."""
    body = urllib.parse.urlencode(fields).encode() if fields is not None else None
    headers = {"Accept": "application/json"} if path.startswith("/api/") else {"Accept": "text/html"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        headers["Cookie"] = cookie
    for attempt in (0, 1):
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            conn.close()
            if attempt:
                raise


def sign_in(base, email):
    conn = connection(base)
    status, headers, _ = request(conn, "POST", "/api/sign_in", {"email": email, "password": PASSWORD})
    assert status in (200, 303), f"sign-in of {email}: {status}"
    cookies = [v.split(";")[0] for k, v in headers.items() if k.lower() == "set-cookie"]
    return "; ".join(cookies)


def published_needs():
    conn, needs, page = connection(balancer), [], 1
    while True:
        status, _, body = request(conn, "GET", f"/api/v1/needs?halaman={page}")
        results = json.loads(body)
        needs += [(n["need_id"], n["village_code"]) for n in results["items"]]
        if page >= results["pages"] or page >= 400:
            return needs
        page += 1


operator = sign_in(balancer, f"operator@{DOMAIN}")
partner = sign_in(balancer, f"mitra@{DOMAIN}")
needs = published_needs()
# The prober's regency (the demo operator's) is left out of the interest requests, so that
# the `queue` events its staff hear come from the prober's submissions only.
_, _, body = request(connection(balancer), "POST", "/api/session", {}, operator)
village = re.search(rb"\d{2}\.\d{2}\.\d{2}\.\d{4}", body)
assert village, f"the operator's village: {body[:200]}"
probe_regency = village.group().decode()[:5]
open_ids = [n for n, _ in needs]
interest_ids = [n for n, village in needs if not village.startswith(probe_regency + ".")]
random.Random(7).shuffle(interest_ids)
interest_lock = threading.Lock()
# The staff who hear the prober's submissions: the demo's staff of the operator's regency
# (Kutai Kartanegara's), who hear nothing of the other regencies' interest requests.
STAFF = f"kukar@{DOMAIN}"
assert probe_regency.endswith(".02"), f"the demo operator's regency is {probe_regency}, not Kutai Kartanegara's"
print(f"   {len(needs)} published needs; the prober's regency is {probe_regency}")

results = {kind: [] for kind, _ in KINDS}
errors = {kind: {} for kind, _ in KINDS}
pages = {}  # browse's times per page
lock = threading.Lock()
stop_at = time.time() + duration
seq = iter(range(10**9))


def need_fields(title):
    return {
        "need_id": "", "need[title]": title,
        "need[description]": "Kami membutuhkan pelatihan bagi dua puluh pemuda desa untuk memandu wisatawan ke air terjun.",
        "need[support_type]": "training", "need[resource_kind]": "", "need[sector]": "nature_tourism",
        "need[beneficiaries]": "20 pemuda", "need[window_start]": "2027-01-01", "need[window_end]": "2027-06-30",
        "need[value_idr]": "15.000.000",
    }


def one(conn, kind, rng):
    """Sends one request of `kind`; returns (status, acceptable)."""
    if kind == "browse":
        path = rng.choice(BROWSE)
        return request(conn, "GET", path)[0], (200,), path
    if kind == "search":
        params = {"q": f"{rng.choice(WORDS)} {rng.choice(WORDS)}", "sektor": rng.choice(SECTORS), "halaman": rng.randint(1, 3)}
        # As a browser's link has it: no empty parameter (the list pages redirect those away).
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v != "" and v != 1})
        path = rng.choice(["/api/v1/needs", "/peluang"]) + "?" + query
        return request(conn, "GET", path)[0], (200,)
    if kind == "open":
        need = rng.choice(open_ids)
        return request(conn, "GET", rng.choice([f"/peluang/{need}", f"/api/v1/needs/{need}"]))[0], (200,)
    if kind == "sign_in":
        fields = {"email": f"mitra@{DOMAIN}", "password": PASSWORD}
        return request(conn, "POST", "/api/sign_in", fields)[0], (200, 303)
    if kind == "post":
        title = f"Pelatihan beban campuran nomor {next(seq):06d}"
        return request(conn, "POST", "/api/save_need", need_fields(title), operator)[0], (200, 303)
    with interest_lock:
        need = interest_ids.pop() if interest_ids else None
    if need is None:
        return None, ()
    fields = {"need_id": need, "offer_id": "", "message": "Kami tertarik membantu kebutuhan ini."}
    return request(conn, "POST", "/api/express_interest", fields, partner)[0], (200, 303)


def worker(n):
    rng = random.Random(n)
    conn = connection(balancer)
    kinds, weights = zip(*KINDS)
    while time.time() < stop_at:
        kind = rng.choices(kinds, weights)[0]
        started = time.perf_counter()
        path = None
        try:
            status, acceptable, *path = one(conn, kind, rng)
        except Exception as err:  # no answer at all
            status, acceptable = type(err).__name__, ()
            conn = connection(balancer)
        took = (time.perf_counter() - started) * 1000
        if status is None:
            continue
        with lock:
            if status in acceptable:
                results[kind].append(took)
                if path:
                    pages.setdefault(path[0], []).append(took)
            else:
                errors[kind][status] = errors[kind].get(status, 0) + 1


def listen(events, ready):
    """Instance B's live stream for the regency's staff; puts each `queue` event's time."""
    cookie = sign_in(instance_b, STAFF)
    conn = connection(instance_b)
    conn.timeout = duration + 60
    conn.request("GET", "/api/live", headers={"Accept": "text/event-stream", "Cookie": cookie})
    response = conn.getresponse()
    assert response.status == 200, f"live stream: {response.status}"
    ready.set()
    while True:
        line = response.fp.readline()
        if not line:
            return
        # `resync` says the stream fell behind and events were dropped: the page fetches
        # everything again, so the user does see the change; counted apart.
        if line.strip() in (b"event: queue", b"event: resync"):
            events.append(time.perf_counter())
            if line.strip() == b"event: resync":
                resyncs.append(time.perf_counter())


def probe(delays):
    """Every `probe_every` s: a need submitted on instance A, and how long until B's staff hear of it."""
    events, ready = [], threading.Event()
    threading.Thread(target=listen, args=(events, ready), daemon=True).start()
    ready.wait(30)
    conn = connection(instance_a)
    n = 0
    while time.time() < stop_at - 5:
        n += 1
        title = f"Pelatihan uji peristiwa nomor {n:04d} {int(time.time())}"
        request(conn, "POST", "/api/save_need", need_fields(title), operator)
        _, _, body = request(conn, "POST", "/api/my_needs", {}, operator)
        mine = [line for line in json.loads(body) if line["title"] == title]
        seen = len(events)
        sent = time.perf_counter()
        status = request(conn, "POST", "/api/submit_need", {"need_id": mine[0]["posting_id"]}, operator)[0] if mine else None
        while len(events) == seen and time.perf_counter() - sent < 10:
            time.sleep(0.005)
        heard = len(events) > seen and status in (200, 303)
        delays.append((events[seen] - sent) * 1000 if heard else None)
        time.sleep(probe_every)


delays, resyncs = [], []
threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
prober = threading.Thread(target=probe, args=(delays,), daemon=True)
prober.start()
for t in threads:
    t.start()
for t in threads:
    t.join()
prober.join(timeout=15)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


total = sum(len(v) for v in results.values())
failed = sum(sum(e.values()) for e in errors.values())
print(f"   {total + failed} requests in {duration:.0f} s ({(total + failed) / duration:.0f}/s) over {connections} connections; errors: {failed}")
for kind, _ in KINDS:
    took = results[kind]
    print(f"   {kind:<9} {len(took):>6} ok  p50 {pct(took, 0.5):8.1f} ms  p99 {pct(took, 0.99):8.1f} ms  max {max(took, default=float('nan')):8.1f} ms"
          f"  errors {errors[kind] or 0}")
for path in BROWSE:
    took = pages.get(path, [])
    print(f"     {path:<12} {len(took):>6} ok  p50 {pct(took, 0.5):8.1f} ms  p99 {pct(took, 0.99):8.1f} ms")
heard = [d for d in delays if d is not None]
print(f"   live events from instance A heard on instance B: {len(heard)} of {len(delays)} "
      f"(the stream resynchronised {len(resyncs)} times); "
      f"delay p50 {pct(heard, 0.5):.1f} ms, max {max(heard, default=float('nan')):.1f} ms")
sys.exit(1 if failed or len(heard) < len(delays) or not delays else 0)
