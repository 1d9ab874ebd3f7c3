"""Crash driver for bench/crash.sh: signs in as the demo village operator, sends TOTAL need
saves over CONCURRENCY connections, and kills the server (SIGKILL) once KILL_AFTER of them
were acknowledged. Writes the titles of the acknowledged saves, one per line, to OUT.

    python3 crash.py BASE SERVER_PID OUT [TOTAL CONCURRENCY KILL_AFTER]
"""
import concurrent.futures
import http.cookiejar
import os
import signal
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

base, pid, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
total, concurrency, kill_after = (int(x) for x in (sys.argv[4:7] or (200, 200, 100)))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def post(path, fields):
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(base + path, data=data, headers={"Accept": "application/json"})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


assert post("/api/sign_in", {"email": "operator@demo.mitradesa.id", "password": "mitra-desa-demo"}) in (200, 303)

acknowledged, statuses, lock, killed = [], {}, threading.Lock(), threading.Event()
start = threading.Barrier(min(concurrency, total))


def save(n):
    title = f"Pelatihan uji ketahanan nomor {n:04d}"
    fields = {
        "need_id": "", "need[title]": title,
        "need[description]": "Kami membutuhkan pelatihan bagi dua puluh pemuda desa untuk memandu wisatawan ke air terjun.",
        "need[support_type]": "training", "need[resource_kind]": "", "need[sector]": "nature_tourism",
        "need[beneficiaries]": "20 pemuda", "need[window_start]": "2027-01-01", "need[window_end]": "2027-06-30",
        "need[value_idr]": "15.000.000",
    }
    if n < concurrency:
        try:
            start.wait(timeout=10)
        except threading.BrokenBarrierError:
            pass
    try:
        status = post("/api/save_need", fields)
    except OSError:
        status = "no answer"
    with lock:
        statuses[status] = statuses.get(status, 0) + 1
        if status in (200, 303):
            acknowledged.append(title)
            if len(acknowledged) == kill_after and not killed.is_set():
                os.kill(pid, signal.SIGKILL)
                killed.set()


with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
    list(pool.map(save, range(total)))
with open(out, "w") as f:
    f.write("\n".join(acknowledged) + ("\n" if acknowledged else ""))
print(f"   sent {total}, acknowledged {len(acknowledged)}, killed: {killed.is_set()}, answers: {statuses}")
