"""`make eval`: how well the assistant understands and triages, written to reports/ with a summary printed.

- Held-out NLU (tests/test_nlu.yml, never trained on): intent precision, recall and F1 per intent with a
  confusion matrix, and finding-extraction precision, recall and F1.
- Vignettes (tests/vignettes.yml, and ../shared/vignettes-dev.yml when present) played through whole
  conversations with the real action server: triage exactly right, under-triage (must be zero), top cause
  right, emergencies escalated on the first message.
- Real messages people wrote on public pages (tests/real_messages/, development and test halves), one per fresh
  conversation: red flags escalated on the message and by the end of the safety check, calm messages kept out of
  emergency care, stated findings understood.
- A comparison line against published symptom-checker triage (scripts/published_triage.yml).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks.servers import free_port, start_action_server

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
REAL_MESSAGES = ROOT / "tests" / "real_messages"
VIGNETTE_SETS = {"own": ROOT / "tests" / "vignettes.yml", "shared dev": ROOT.parent / "shared" / "vignettes-dev.yml"}


def confusion_png(pairs: list[tuple[str, str]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = sorted({label for pair in pairs for label in pair})
    index = {label: number for number, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for wanted, got in pairs:
        matrix[index[wanted]][index[got]] += 1
    figure, axis = plt.subplots(figsize=(12, 11))
    axis.imshow(matrix, cmap="Blues")
    axis.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    axis.set_yticks(range(len(labels)), labels, fontsize=7)
    for row, counts in enumerate(matrix):
        for column, count in enumerate(counts):
            if count:
                axis.text(
                    column,
                    row,
                    str(count),
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if count > max(map(max, matrix)) / 2 else "black",
                )
    axis.set_xlabel("predicted intent")
    axis.set_ylabel("expected intent (held-out tests/test_nlu.yml)")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


async def vignette_results(agent: Any, knowledge: Any, number: str) -> dict[str, Any]:
    from devtools.vignettes import load_vignettes, play_vignette

    levels = list(knowledge.levels)
    emergency = {level.id for level in knowledge.levels.values() if not level.self_help}
    results: dict[str, Any] = {}
    for name, path in VIGNETTE_SETS.items():
        if not path.is_file():
            continue
        played = [await play_vignette(agent, case, f"eval-{case.id}") for case in load_vignettes(path)]
        emergencies = [r for r in played if set(r.vignette.triage) & emergency]
        causes = [r for r in played if r.top_cause_right is not None]
        immediate = [r for r in played if r.vignette.immediate]
        results[name] = {
            "cases": len(played),
            "triage_right": sum(r.triage_right for r in played),
            "under_triaged": sum(r.under_triaged(levels) for r in played),
            "emergency_cases": len(emergencies),
            "emergency_triage_right": sum(r.triage_right for r in emergencies),
            "top_cause_cases": len(causes),
            "top_cause_right": sum(bool(r.top_cause_right) for r in causes),
            "immediate_cases": len(immediate),
            "escalated_first": sum(bool(r.escalated_first(number)) for r in immediate),
            "wrong": [
                {"id": r.vignette.id, "triage": r.triage, "expected": list(r.vignette.triage), "causes": list(r.causes)}
                for r in played
                if not r.triage_right or r.top_cause_right is False or r.escalated_first(number) is False
            ],
        }
    return results


async def real_message_results(agent: Any, knowledge: Any) -> dict[str, Any]:
    from devtools.real_messages import load_real_messages, play_real_message, score, story_reader_finding

    kinds = yaml.safe_load((REAL_MESSAGES / "kinds.yml").read_text(encoding="utf-8"))
    results = {}
    for half in ("dev", "test"):
        path = REAL_MESSAGES / f"{half}.yml"
        played = [await play_real_message(agent, knowledge, m, kinds, f"eval-{m.id}") for m in load_real_messages(path)]
        results[half] = score(played, knowledge, story_reader_finding(ROOT / "config.yml", path))
    for misses in ("missed_red_flags", "calm_sent_to_emergency"):
        del results["test"][misses]  # the test half is only ever scored, never read message by message
    return results


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "none"


async def evaluate_all(model: Path, action_url: str) -> dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.log_utils import configure_structlog

    from bot.core.knowledge_loader import load_knowledge
    from bot.core.settings import load_settings
    from bot.rasa_patches import install
    from devtools.nlu_evaluation import evaluate

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    install()
    agent = Agent.load(str(model), action_endpoint=EndpointConfig(url=action_url, enable_selective_domain=True))
    nlu = await evaluate(agent, ROOT / "tests" / "test_nlu.yml")
    knowledge = load_knowledge()
    vignettes = await vignette_results(agent, knowledge, load_settings().emergency_number)
    return {"nlu": nlu, "vignettes": vignettes, "real_messages": await real_message_results(agent, knowledge)}


def main() -> int:
    REPORTS.mkdir(exist_ok=True)
    port = free_port()
    actions = start_action_server(port, {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"})
    try:
        report = asyncio.run(evaluate_all(ROOT / "models" / "legs.tar.gz", f"http://127.0.0.1:{port}/webhook"))
    finally:
        actions.send_signal(signal.SIGINT)
        actions.wait(timeout=30)
    nlu, vignettes = report["nlu"], report["vignettes"]
    confusion_png(nlu["intent_pairs"], REPORTS / "intent_confusion.png")
    published = yaml.safe_load((ROOT / "scripts" / "published_triage.yml").read_text(encoding="utf-8"))
    report["published"] = published
    (REPORTS / "eval.json").write_text(json.dumps(report, indent=2), encoding="utf-8")

    average = nlu["intent_scores"]["weighted average"]
    lines = [
        f"Held-out NLU, {nlu['examples']} messages (tests/test_nlu.yml, never trained on):",
        f"  intents: accuracy {nlu['intent_accuracy']:.3f}; weighted precision {average['precision']:.3f}, "
        f"recall {average['recall']:.3f}, F1 {average['f1']:.3f} (confusion matrix: reports/intent_confusion.png)",
        f"  findings: precision {nlu['finding_precision']:.3f}, recall {nlu['finding_recall']:.3f}, "
        f"F1 {nlu['finding_f1']:.3f}",
    ]
    for name, row in vignettes.items():
        lines += [
            f"Vignettes, {name} ({row['cases']} cases):",
            f"  triage exactly right {share(row['triage_right'], row['cases'])}; "
            f"under-triaged {row['under_triaged']} (must be 0)",
            f"  emergencies triaged right {share(row['emergency_triage_right'], row['emergency_cases'])}; "
            f"escalated on the first message {share(row['escalated_first'], row['immediate_cases'])}",
            f"  top cause right {share(row['top_cause_right'], row['top_cause_cases'])}",
        ]
        lines += [f"  wrong: {case}" for case in row["wrong"]]
    for half, row in report["real_messages"].items():
        lines += [
            f"Real messages, {half} half ({row['messages']} messages from public pages, one per fresh conversation):",
            f"  red flags escalated on the message {share(row['escalated_on_message'], row['red_flags'])}; "
            f"by the end of the safety check {share(row['escalated_by_safety_check'], row['red_flags'])}",
            "  by kind (on the message): "
            + ", ".join(f"{kind} {hit}/{whole}" for kind, (hit, whole) in sorted(row["by_kind"].items())),
            f"  calm messages kept out of emergency care {share(row['calm_kept_out_of_emergency'], row['calm'])}",
            f"  stated findings understood {share(row['findings_understood'], row['findings_stated'])}; "
            f"of the five questions' {share(row['assessment_findings_understood'], row['assessment_findings_stated'])}",
            f"  findings read otherwise than stated {row['findings_contradicted']}; read where the annotation has "
            f"none {row['findings_unannotated']} (wrong, or left out by the annotator)",
            f"  messages escalating nothing that got the safety check "
            f"{share(row['safety_check_asked'], row['not_escalated'])}",
        ]
        if "escalated_on_message_without_story_reader" in row:
            lines += [
                f"  (this half is what the urgent-story detector learnt from: its part of the figures above is "
                f"in-sample) without it, red flags escalated on the message "
                f"{share(row['escalated_on_message_without_story_reader'], row['red_flags'])}; missed: "
                f"{', '.join(row['missed_without_story_reader'])}"
            ]
        if half == "dev":
            lines += [
                f"  red flags missed on the message: {', '.join(row['missed_red_flags'])}",
                f"  calm messages sent to emergency care: {', '.join(row['calm_sent_to_emergency'])}",
            ]
    semigran = published["semigran_2015"]
    all_rows = list(vignettes.values())
    right, cases = sum(r["triage_right"] for r in all_rows), sum(r["cases"] for r in all_rows)
    emergency_right = sum(r["emergency_triage_right"] for r in all_rows)
    emergency_cases = sum(r["emergency_cases"] for r in all_rows)
    lines += [
        f"Published symptom checkers (Semigran et al., BMJ 2015; {semigran['checkers']} checkers, "
        f"{semigran['vignettes']} vignettes): appropriate triage {semigran['appropriate_triage_overall']:.0%} overall, "
        f"{semigran['appropriate_triage_emergency']:.0%} for emergencies.",
        f"  This assistant on the vignettes above (a different, narrower set: leg cramps and veins only; not a "
        f"like-for-like comparison): {share(right, cases)} triaged exactly right, "
        f"{share(emergency_right, emergency_cases)} of emergencies.",
    ]
    summary = "\n".join(lines)
    (REPORTS / "eval.md").write_text(summary + "\n", encoding="utf-8")
    print(summary)
    print("reports: reports/eval.json, reports/eval.md, reports/intent_confusion.png")
    under = sum(r["under_triaged"] for r in all_rows)
    return 1 if under else 0


if __name__ == "__main__":
    sys.exit(main())
