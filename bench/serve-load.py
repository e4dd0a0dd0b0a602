#!/usr/bin/env python3
"""A bounded load test of `gongwen serve` on loopback, run by hand (not in CI: it is slow).

Starts the server on a free port, then CLIENTS threads each send REQUESTS render requests
over one keep-alive connection, cycling through the samples and the formats (DOCX and PDF
by default). Every answer must be 200 with the format's magic bytes. Prints throughput,
p50/p99 latency and the server's memory: resident size after the first quarter, at the
half and at the end (growth across the run means a leak), and the peak.

    cargo build --release -p gongwen-cli
    python3 bench/serve-load.py target/release/gongwen --clients 4 --requests 2000
"""

import argparse
import base64
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAGIC = {"docx": b"PK", "pdf": b"%PDF", "xml": b"<?xml"}


def rss_kib(pid, field="VmRSS"):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("gongwen", nargs="?", default=str(ROOT / "target/release/gongwen"))
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=2000, help="per client")
    parser.add_argument("--formats", default="docx,pdf")
    args = parser.parse_args()

    samples = sorted((ROOT / "samples").glob("seed-*.txt"))
    formats = args.formats.split(",")
    bodies = [
        (fmt, json.dumps({"source": base64.b64encode(p.read_bytes()).decode(), "name": p.name}).encode())
        for p in samples
        for fmt in formats
    ]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [args.gongwen, "serve", "--listen", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)

    total = args.clients * args.requests
    latencies = []
    errors = []
    done = [0]
    lock = threading.Lock()
    memory = {}

    def client(offset):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for i in range(args.requests):
            fmt, body = bodies[(offset + i) % len(bodies)]
            started = time.perf_counter()
            try:
                conn.request("POST", f"/api/render?to={fmt}", body, {"Content-Type": "application/json"})
                response = conn.getresponse()
                data = response.read()
                ok = response.status == 200 and data.startswith(MAGIC[fmt])
                problem = None if ok else f"{response.status} {data[:200]!r}"
            except (OSError, http.client.HTTPException) as e:
                problem = repr(e)
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if problem:
                    errors.append(problem)
                done[0] += 1
                for mark, name in [(total // 4, "quarter"), (total // 2, "half")]:
                    if done[0] == mark:
                        memory[name] = rss_kib(server.pid)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n * 3,)) for n in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    memory["end"] = rss_kib(server.pid)
    memory["peak"] = rss_kib(server.pid, "VmHWM")
    server.terminate()
    server.wait(timeout=30)

    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    growth = (memory["end"] - memory["quarter"]) / memory["quarter"] * 100
    print(f"{total} conversions ({args.clients} clients x {args.requests}; {', '.join(formats)}; "
          f"{len(samples)} samples) on {os.cpu_count()} cores")
    print(f"throughput {total / wall:.1f} conversions/s over {wall:.1f} s")
    print(f"latency p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms, max {latencies[-1] * 1000:.1f} ms, "
          f"mean {statistics.mean(latencies) * 1000:.1f} ms")
    print(f"server memory: {memory['quarter'] / 1024:.1f} MiB after a quarter, {memory['half'] / 1024:.1f} MiB "
          f"at half, {memory['end'] / 1024:.1f} MiB at the end ({growth:+.1f} %), peak {memory['peak'] / 1024:.1f} MiB")
    print(f"errors {len(errors)}" + (f": {errors[:3]}" if errors else ""))
    return 1 if errors or growth > 10 else 0


if __name__ == "__main__":
    sys.exit(main())
