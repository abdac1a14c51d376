"""Warm latency of `replylint serve`: POST /v1/check over real HTTP on loopback, a typical draft
with the client's message, sequentially and from N concurrent clients.

Usage: python bench/serve_latency.py [--requests N] [--clients N] [--per-client N] [--pace MS]

It starts `python -m replylint serve --isolated --port 0` from this checkout, waits for the
address it prints, warms it up, then measures wall time per request on the client side (one
keep-alive connection per client, as a browser tab keeps). Three runs:
- sequential: one client, back to back;
- concurrent, closed loop: N clients each sending its next request as soon as the last is
  answered (saturation: the server is never idle);
- concurrent, agent pace: N clients each waiting --pace ms between requests (the page sends a
  check 250 ms after the last keystroke).
Targets (issue 13): p50 <= 15 ms, p99 <= 60 ms. Bounded: at most a few hundred requests, and it
stops the server whatever happens. The drafts are written for this script (ru and uk, with
greetings, questions, a signature), never real ones; each request varies an order number so no
two texts are the same.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_P50_MS, TARGET_P99_MS = 15.0, 60.0

PAIRS = [
    ("Здравствуйте! Подскажите, когда придёт мой заказ №{n} и сколько стоит доставка в Казань? "
     "Оплатил вчера картой.\nЕвгений Александрович",
     "Здравствуйте, Евгений Александрович!\n\nВаш заказ №{n} передан в службу доставки, курьер привезёт "
     "его завтра с 10:00 до 14:00. Доставка по Казани бесплатная, оплата уже прошла.\n\nЕсли удобнее "
     "другое время, напишите — перенесём.\n\nС уважением,\nОльга, служба поддержки"),
    ("Добрий день! Замовлення {n} досі не прийшло, коли його відправите? І чи можна змінити адресу?\nОлена",
     "Добрий день, Олено!\n\nЗамовлення {n} відправили сьогодні, номер ТТН надішлемо до 18:00. Адресу "
     "змінити можна: напишіть нову у відповідь на цей лист, і ми оновимо її до відправки.\n\n"
     "З повагою,\nМарія, служба підтримки"),
    ("Добрый день. Почему с карты списали деньги дважды за заказ {n}? Верните, пожалуйста, лишнее.",
     "Добрый день!\n\nПриносим извинения: второе списание по заказу {n} — это блокировка банка, она "
     "снимется автоматически в течение 3 рабочих дней. Если деньги не вернутся к пятнице, пришлите "
     "выписку — мы оформим возврат вручную.\n\nС уважением,\nИгорь, служба поддержки"),
]
SERVER_SIDE: list[float] = []  # the server's own time per request (its Server-Timing header)
SERVER_SIDE_LOCK = threading.Lock()
_ADDRESS = re.compile(r"listening on http://([^\s/:]+):(\d+)/")


def payload(index: int) -> bytes:
    client, draft = PAIRS[index % len(PAIRS)]
    number = 40000 + index
    return json.dumps({"text": draft.format(n=number), "client": client.format(n=number)},
                      ensure_ascii=False).encode("utf-8")


class Client:
    """One keep-alive connection with TCP_NODELAY, as browsers and curl use: http.client sends the
    headers and the body in two writes, and without it Nagle's algorithm and the server's delayed
    ACK would add 40 ms to every request that is not the first on its connection."""

    def __init__(self, host: str, port: int) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=30)
        self.connection.connect()
        assert self.connection.sock is not None
        self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def check(self, body: bytes) -> float:
        started = time.perf_counter()
        self.connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
        answer = self.connection.getresponse()
        data = answer.read()
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status != 200 or b'"findings"' not in data:
            raise SystemExit(f"unexpected answer {answer.status}: {data[:200]!r}")
        timing = re.search(r"lint;dur=([\d.]+)", answer.getheader("Server-Timing") or "")
        if timing:
            with SERVER_SIDE_LOCK:
                SERVER_SIDE.append(float(timing.group(1)))
        return elapsed

    def close(self) -> None:
        self.connection.close()


def start_server(workers: int | None = None) -> tuple[subprocess.Popen[bytes], str, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REPLYLINT_LANGUAGETOOL_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "replylint", "serve", "--isolated", "--port", "0",
                                *(("--workers", str(workers)) if workers else ())],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                               cwd=tempfile.gettempdir())
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    for raw in process.stdout:
        found = _ADDRESS.search(raw.decode("utf-8", errors="replace"))
        if found:
            threading.Thread(target=lambda: process.stdout.read(), daemon=True).start()  # type: ignore[union-attr]
            return process, found.group(1), int(found.group(2))
        if time.monotonic() > deadline:
            break
    process.kill()
    raise SystemExit("replylint serve did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def report(name: str, times: list[float], seconds: float) -> bool:
    p50, p90, p99 = percentile(times, 0.5), percentile(times, 0.9), percentile(times, 0.99)
    ok = p50 <= TARGET_P50_MS and p99 <= TARGET_P99_MS
    with SERVER_SIDE_LOCK:
        server = list(SERVER_SIDE)
        SERVER_SIDE.clear()
    inside = f"  (server side p50 {percentile(server, 0.5):.1f} ms)" if server else ""
    print(f"{name:<26} n={len(times):<4} p50 {p50:6.1f} ms  p90 {p90:6.1f} ms  p99 {p99:6.1f} ms  "
          f"max {max(times):6.1f} ms  {len(times) / seconds:6.1f} req/s  "
          f"{'meets' if ok else 'MISSES'} the target{inside}")
    return ok


def concurrent(host: str, port: int, clients: int, per_client: int, pace_ms: float) -> tuple[list[float], float]:
    times: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def work(offset: int) -> None:
        client = Client(host, port)
        mine = []
        start.wait()
        for index in range(per_client):
            mine.append(client.check(payload(offset * per_client + index)))
            if pace_ms:
                time.sleep(pace_ms / 1000)
        client.close()
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=work, args=(offset,)) for offset in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=300)
    return times, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="sequential requests (default 300)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--per-client", type=int, default=40, help="requests per concurrent client (default 40)")
    parser.add_argument("--pace", type=float, default=250.0, help="ms between one client's requests, agent pace")
    parser.add_argument("--workers", type=int, default=None, help="serve --workers (default: serve's own)")
    args = parser.parse_args()
    process, host, port = start_server(args.workers)
    try:
        client = Client(host, port)
        for index in range(30):  # warm: every lexicon, both languages, the spelling caches of these words
            client.check(payload(index))
        SERVER_SIDE.clear()
        began = time.perf_counter()
        times = [client.check(payload(1000 + index)) for index in range(args.requests)]
        sequential = time.perf_counter() - began
        client.close()
        print(f"replylint serve --workers {args.workers or 'default'} on {host}:{port}, {os.cpu_count()} CPUs, "
              "load average "
              f"{' '.join(f'{value:.1f}' for value in os.getloadavg())}")
        report("sequential", times, sequential)
        saturated, seconds = concurrent(host, port, args.clients, args.per_client, 0)
        report(f"{args.clients} clients, closed loop", saturated, seconds)
        paced, seconds = concurrent(host, port, args.clients, args.per_client, args.pace)
        report(f"{args.clients} clients, {args.pace:.0f} ms apart", paced, seconds)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
