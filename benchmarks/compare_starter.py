"""`make bench`: our assistant and Rasa's own starter bot (`rasa init --no-prompt`), side by side on this machine.

Both run from the same .venv and are played through the REST channel: per-message latency with 1 and with 20
conversations at once, throughput at 20, start-up to ready, peak memory of the Rasa server (and of our action
server; the starter bot has no custom actions), and training time from scratch (empty Rasa cache). Prints a
table with the ratio ours / starter and writes reports/bench/bench.json and reports/bench/latency.png.
Nothing here is asserted: timings are for people to read.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from benchmarks.load import LoadResult, play
from benchmarks.servers import PYTHON, ROOT, BotServers
from bot.serving.check import story_readers

REPORT_DIR = ROOT / "reports" / "bench"
# credentials.yml names our REST channel, which installs bot/rasa_patches.py: without it the in-memory server
# would run Rasa's bare channel and none of the fixes (replies validated against a schema built anew per call)
OUR_PROJECT_PARTS = ("config.yml", "domain.yml", "credentials.yml", "data", "bot", "actions", "build")
OUR_SCRIPT = [
    "hi",
    "my calves cramp most nights and I can see bulging veins",
    "no I don't take water pills",
    "/deny",
    "I sit at a desk all day",
    "why?",
    "what can I do now",
    "do compression stockings help?",
]
STARTER_SCRIPT = ["hi", "I am sad", "no", "hello there", "I am feeling great", "are you a bot?", "yes", "bye"]
BLOCKS = 3
SINGLE_PER_BLOCK = 4
CONCURRENT = 20


@dataclass
class BotFigures:
    name: str
    training_s: float
    ready_s: float
    single: LoadResult
    concurrent: LoadResult
    rasa_peak_mb: float
    actions_peak_mb: float | None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))]


def timed_training(project: Path, rasa: list[str], env: dict[str, str]) -> float:
    """`rasa train` from scratch: no models, no Rasa cache."""
    shutil.rmtree(project / "models", ignore_errors=True)
    cache = project / ".rasa"
    shutil.rmtree(cache, ignore_errors=True)
    start = time.monotonic()
    subprocess.run(  # noqa: S603 - our own venv
        [*rasa, "train", "--out", "models", "--fixed-model-name", "bench"],
        cwd=project,
        env={**env, "RASA_CACHE_DIRECTORY": str(cache)},
        check=True,
        capture_output=True,
    )
    return time.monotonic() - start


@dataclass
class Bot:
    """One bot to measure; the same project may be served twice with different stores."""

    name: str
    project: Path
    rasa: list[str]
    script: list[str]
    actions: bool
    env: dict[str, str]
    tracker_db: Path | None = None
    training_s: float = 0.0


def measure(bots: list[Bot]) -> dict[str, BotFigures]:
    """Trains each bot that has no model, serves all at once, and plays them in alternating blocks.

    This machine's speed drifts by a quarter within minutes; alternating the bots block by block gives each
    the same conditions, where measuring one after the other would credit the drift to one of them.
    """
    for bot in bots:
        if not (bot.project / "models" / "bench.tar.gz").is_file():
            print(f"bench: {bot.name}: training from scratch", flush=True)
            bot.training_s = timed_training(bot.project, bot.rasa, bot.env)
    single: dict[str, list[LoadResult]] = {bot.name: [] for bot in bots}
    many: dict[str, list[LoadResult]] = {bot.name: [] for bot in bots}
    with ExitStack() as stack:
        servers = {
            bot.name: stack.enter_context(
                BotServers(
                    bot.project,
                    bot.project / "models" / "bench.tar.gz",
                    bot.rasa,
                    bot.env,
                    bot.actions,
                    REPORT_DIR / f"{bot.name}.log",
                    bot.tracker_db,
                )
            )
            for bot in bots
        }
        for bot in bots:
            play(servers[bot.name].port, bot.script, CONCURRENT, CONCURRENT, f"{bot.name}-warm-up")
        for block in range(BLOCKS):
            print(f"bench: playing block {block + 1} of {BLOCKS}", flush=True)
            for bot in bots:
                port = servers[bot.name].port
                single[bot.name].append(play(port, bot.script, SINGLE_PER_BLOCK, 1, f"{bot.name}-one-{block}"))
                many[bot.name].append(play(port, bot.script, CONCURRENT, CONCURRENT, f"{bot.name}-many-{block}"))
    return {
        bot.name: BotFigures(
            bot.name,
            bot.training_s,
            servers[bot.name].ready_s,
            combined(single[bot.name]),
            combined(many[bot.name]),
            servers[bot.name].rasa_peak_mb,
            servers[bot.name].actions_peak_mb,
        )
        for bot in bots
    }


def combined(results: list[LoadResult]) -> LoadResult:
    return LoadResult(
        [t for r in results for t in r.latencies_ms], sum(r.wall_s for r in results), sum(r.errors for r in results)
    )


def our_project(scratch: Path) -> Path:
    project = scratch / "ours"
    project.mkdir()
    for part in OUR_PROJECT_PARTS:
        source, target = ROOT / part, project / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "serve"))
        else:
            shutil.copy(source, target)
    for reader in story_readers(ROOT / "config.yml"):  # what the urgent-story detector learns from at training
        target = project / reader.corpus.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(reader.corpus, target)
    return project


def starter_project(scratch: Path, env: dict[str, str]) -> Path:
    project = scratch / "starter"
    project.mkdir()
    subprocess.run(  # noqa: S603 - our own venv
        [PYTHON, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(project)],
        cwd=scratch,
        env=env,
        check=True,
        capture_output=True,
    )
    return project


def rows(ours: BotFigures, starter: BotFigures) -> list[tuple[str, float, float, str]]:
    def stats(figures: BotFigures) -> dict[str, float]:
        return {
            "median 1": statistics.median(figures.single.latencies_ms),
            "p95 1": percentile(figures.single.latencies_ms, 0.95),
            "median 20": statistics.median(figures.concurrent.latencies_ms),
            "p95 20": percentile(figures.concurrent.latencies_ms, 0.95),
            "throughput": figures.concurrent.throughput,
            "ready": figures.ready_s,
            "rss": figures.rasa_peak_mb,
            "training": figures.training_s,
        }

    a, b = stats(ours), stats(starter)
    return [
        ("latency median, 1 conversation (ms)", a["median 1"], b["median 1"], "<= 0.6"),
        ("latency p95, 1 conversation (ms)", a["p95 1"], b["p95 1"], ""),
        (f"latency median, {CONCURRENT} at once (ms)", a["median 20"], b["median 20"], ""),
        (f"latency p95, {CONCURRENT} at once (ms)", a["p95 20"], b["p95 20"], ""),
        (f"throughput, {CONCURRENT} at once (messages/s)", a["throughput"], b["throughput"], ">= 2"),
        ("start-up to ready (s)", a["ready"], b["ready"], "<= 0.5"),
        ("peak memory, Rasa server (MB)", a["rss"], b["rss"], "<= 0.6"),
        ("training from scratch (s)", a["training"], b["training"], "ours <= 180 s"),
    ]


def sqlite_rows(ours: BotFigures, starter: BotFigures) -> list[tuple[str, float, float, str]]:
    """The latency and throughput rows only: training and memory do not depend on the store."""
    return [row for row in rows(ours, starter) if "latency" in row[0] or "throughput" in row[0]]


def plot(ours: BotFigures, starter: BotFigures, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=False)
    for axis, attribute, title in (
        (axes[0], "single", "1 conversation at a time"),
        (axes[1], "concurrent", f"{CONCURRENT} conversations at once"),
    ):
        data = [getattr(ours, attribute).latencies_ms, getattr(starter, attribute).latencies_ms]
        axis.boxplot(data, labels=["our assistant", "Rasa starter bot"], showfliers=True, whis=(5, 95))
        axis.set_title(title)
        axis.set_ylabel("per-message latency (ms)")
        axis.grid(axis="y", alpha=0.3)
    figure.suptitle("REST channel, same machine, same .venv (whiskers: p5 to p95)")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main() -> int:
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore", "TF_CPP_MIN_LOG_LEVEL": "2"}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        print("bench: creating the starter bot (rasa init --no-prompt)", flush=True)
        starter_dir = starter_project(scratch, env)
        ours_dir = our_project(scratch)
        our_env = {**env, "PYTHONPATH": str(ours_dir)}
        our_rasa = [PYTHON, "-m", "bot.serving.rasa_cli"]
        figures = measure(
            [
                Bot("ours", ours_dir, our_rasa, OUR_SCRIPT, True, our_env),
                Bot("ours-sqlite", ours_dir, our_rasa, OUR_SCRIPT, True, our_env, ours_dir / "conversations.db"),
                Bot("starter", starter_dir, [PYTHON, "-m", "rasa"], STARTER_SCRIPT, False, env),
            ]
        )
    ours, ours_sqlite, starter = figures["ours"], figures["ours-sqlite"], figures["starter"]
    table = rows(ours, starter)
    print(f"\n{'figure':<44}{'ours':>10}{'starter':>10}{'ours/starter':>14}  target")
    for label, mine, theirs, target in table:
        print(f"{label:<44}{mine:>10.1f}{theirs:>10.1f}{mine / theirs:>14.2f}  {target}")
    print(f"{'peak memory, our action server (MB)':<44}{ours.actions_peak_mb or 0:>10.1f}{'-':>10}")
    shipped = sqlite_rows(ours_sqlite, starter)
    print("\nours as shipped, with conversations in the SQLite store (above: in memory, as the starter keeps them):")
    for label, mine, theirs, _ in shipped:
        print(f"{label:<44}{mine:>10.1f}{theirs:>10.1f}{mine / theirs:>14.2f}")
    errors = sum(bot.single.errors + bot.concurrent.errors for bot in (ours, ours_sqlite, starter))
    print(
        f"errors: {errors}; messages timed: {len(ours.single.latencies_ms) + len(ours.concurrent.latencies_ms)} ours, "
        f"{len(starter.single.latencies_ms) + len(starter.concurrent.latencies_ms)} starter"
    )
    report = {
        "rows": [
            {"figure": label, "ours": mine, "starter": theirs, "ratio": mine / theirs, "target": target}
            for label, mine, theirs, target in table
        ],
        "our_action_server_peak_mb": ours.actions_peak_mb,
        "ours_with_sqlite_store": [
            {"figure": label, "ours": mine, "starter": theirs, "ratio": mine / theirs}
            for label, mine, theirs, _ in shipped
        ],
        "errors": errors,
    }
    (REPORT_DIR / "bench.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    plot(ours, starter, REPORT_DIR / "latency.png")
    print(f"report: {REPORT_DIR.relative_to(ROOT)}/bench.json, latency.png")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
