"""`make bench-replicas`: the production profile's throughput with one replica and with two, on this machine.

PostgreSQL and Redis (Debian's, on loopback, data in a temporary folder, as `make replicas` starts them), two
`make serve` replicas with `PROFILE=production` sharing them and one action server. Blocks alternate (the machine's
speed drifts): 20 conversations at once all on replica A, then 20 split between A and B. Prints messages per second
and latency of each and the ratio, and writes reports/bench/replicas.json; nothing is asserted.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.compare_starter import CONCURRENT, OUR_SCRIPT, REPORT_DIR, combined
from benchmarks.load import LoadResult, play
from benchmarks.servers import ROOT
from tests.conftest import serve_ports
from tests.replicas.stores import Postgres, Redis, missing
from tests.serving import API_TOKEN, start_serve, stop_serve

MODEL = ROOT / "models" / "legs.tar.gz"
BLOCKS = 3


def measure(folder: Path, postgres: Postgres, redis: Redis) -> dict[str, LoadResult]:
    settings = {"PROFILE": "production", "DATABASE_URL": postgres.url, "REDIS_URL": redis.url}
    ports_a, ports_b = serve_ports(2)
    shared = f"http://localhost:{ports_a['ACTION_PORT']}/webhook"
    rasa = [ports["RASA_PORT"] for ports in (ports_a, ports_b)]
    results: dict[str, list[LoadResult]] = {"one replica": [], "two replicas": []}
    started = [start_serve(MODEL, folder / "a", ports_a, RASA_API_TOKEN=API_TOKEN, **settings)]
    try:  # replica A is stopped even when B fails to start
        started.append(
            start_serve(MODEL, folder / "b", ports_b, RASA_API_TOKEN=API_TOKEN, ACTION_SERVER_URL=shared, **settings)
        )
        play(rasa, OUR_SCRIPT, CONCURRENT, CONCURRENT, "warm-up")
        for block in range(BLOCKS):
            print(f"bench-replicas: block {block + 1} of {BLOCKS}", flush=True)
            results["one replica"].append(play(rasa[0], OUR_SCRIPT, CONCURRENT, CONCURRENT, f"one-{block}"))
            results["two replicas"].append(play(rasa, OUR_SCRIPT, CONCURRENT, CONCURRENT, f"two-{block}"))
    finally:
        for process, ports in reversed(started):
            stop_serve(process, ports)
    return {name: combined(blocks) for name, blocks in results.items()}


def main() -> int:
    reason = missing()
    if reason:
        print(f"bench-replicas: {reason}")
        return 1
    postgres, redis = Postgres(), Redis()
    postgres.create()
    redis.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for name in ("a", "b"):
                (Path(folder) / name).mkdir()
            figures = measure(Path(folder), postgres, redis)
    finally:
        postgres.remove()
        redis.remove()
    one, two = figures["one replica"], figures["two replicas"]
    rows = {
        name: {
            "throughput": result.throughput,
            "median_ms": statistics.median(result.latencies_ms),
            "errors": result.errors,
        }
        for name, result in figures.items()
    }
    for name, row in rows.items():
        throughput, median = row["throughput"], row["median_ms"]
        print(f"{name:<14}{throughput:>8.1f} messages/s, median {median:.1f} ms, {row['errors']} errors")
    print(f"two / one: {two.throughput / one.throughput:.2f} (target at least 1.6)")
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (REPORT_DIR / "replicas.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0 if one.errors + two.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
