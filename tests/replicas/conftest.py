"""The production profile as documented: PostgreSQL and Redis, two `make serve` replicas sharing them, and one
action server (replica B uses replica A's through ACTION_SERVER_URL). Started once for the module's tests."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import serve_ports
from tests.replicas.stores import Postgres, Redis, missing
from tests.serving import API_TOKEN, start_serve, stop_serve


@dataclass(frozen=True)
class Deployment:
    postgres: Postgres
    redis: Redis
    rasa_urls: tuple[str, str]


@pytest.fixture(scope="module")
def deployment(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    reason = missing()
    if reason:
        pytest.skip(reason)
    postgres, redis = Postgres(), Redis()
    postgres.create()
    redis.start()
    started = []
    try:
        settings = {
            "PROFILE": "production",
            "DATABASE_URL": postgres.url,
            "REDIS_URL": redis.url,
            "RASA_API_TOKEN": API_TOKEN,
        }
        ports_a, ports_b = serve_ports(2)
        shared_actions = f"http://localhost:{ports_a['ACTION_PORT']}/webhook"
        with ThreadPoolExecutor(max_workers=2) as pool:
            replicas = [
                pool.submit(start_serve, trained_model, tmp_path_factory.mktemp("replica-a"), ports_a, **settings),
                pool.submit(
                    start_serve,
                    trained_model,
                    tmp_path_factory.mktemp("replica-b"),
                    ports_b,
                    ACTION_SERVER_URL=shared_actions,
                    **settings,
                ),
            ]
            failures = []
            for replica in replicas:  # collect both, so one that started is stopped when the other failed
                try:
                    started.append(replica.result())
                except BaseException as failure:  # pytest.fail raises a BaseException
                    failures.append(failure)
            if failures:
                raise failures[0]
        yield Deployment(
            postgres, redis, tuple(f"http://localhost:{ports['RASA_PORT']}" for ports in (ports_a, ports_b))
        )
        for process, ports in started:
            stop_serve(process, ports)
    finally:
        for process, _ in started:
            if process.poll() is None:
                process.kill()
        postgres.remove()
        redis.remove()
