"""Scores the trained model on the held-out tests/test_nlu.yml: intent accuracy and finding-extraction F1.

Findings are compared per message as (finding id, status) pairs, whatever entity carried them (a slot entity
such as `diuretics: no` or a `finding` entity with a role), so the score measures what the assistant
understood, not where it put it. Prints a summary and the misses, and writes reports/nlu.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def f1(true_positive: int, false_positive: int, false_negative: int) -> tuple[float, float, float]:
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


async def evaluate(model: Path, data: Path) -> dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.knowledge_loader import load_knowledge
    from bot.slots import findings_from_entities

    knowledge = load_knowledge()
    agent = Agent.load(str(model))
    examples = load_data(str(data)).intent_examples
    intent_hits, counts = 0, Counter[str]()
    intent_misses, finding_misses = [], []
    for example in examples:
        text = example.get("text")
        parsed = await agent.parse_message(text)
        wanted_intent = example.get("intent")
        got_intent = parsed["intent"]["name"]
        if parsed.get("response_selector", {}).get("ask_treatment") and got_intent == "ask_treatment":
            got_intent = parsed["response_selector"]["ask_treatment"]["response"]["intent_response_key"]
        if example.get("intent_response_key"):
            wanted_intent = example.get("intent_response_key")
        if got_intent == wanted_intent:
            intent_hits += 1
        else:
            intent_misses.append({"text": text, "expected": wanted_intent, "got": got_intent})
        wanted = {(e["value"], e.get("role")) for e in example.get("entities", []) if e["entity"] == "finding"}
        got = {(f, s.value) for f, s in findings_from_entities(knowledge, parsed["entities"]).items()}
        counts["tp"] += len(wanted & got)
        counts["fp"] += len(got - wanted)
        counts["fn"] += len(wanted - got)
        if wanted != got:
            finding_misses.append({"text": text, "missed": sorted(wanted - got), "extra": sorted(got - wanted)})
    precision, recall, score = f1(counts["tp"], counts["fp"], counts["fn"])
    return {
        "examples": len(examples),
        "intent_accuracy": intent_hits / len(examples),
        "finding_precision": precision,
        "finding_recall": recall,
        "finding_f1": score,
        "intent_misses": intent_misses,
        "finding_misses": finding_misses,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "legs.tar.gz")
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "test_nlu.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "nlu.json")
    parser.add_argument("--show", type=int, default=15, help="how many misses of each kind to print")
    args = parser.parse_args()
    report = asyncio.run(evaluate(args.model, args.data))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    for miss in report["intent_misses"][: args.show]:
        print(f"intent  {miss['expected']:>28} -> {miss['got']:<28} {miss['text'][:70]}")
    for miss in report["finding_misses"][: args.show]:
        print(f"finding missed {miss['missed']} extra {miss['extra']}: {miss['text'][:80]}")
    print(
        f"held-out NLU ({report['examples']} messages): intent accuracy {report['intent_accuracy']:.3f}; "
        f"findings precision {report['finding_precision']:.3f}, recall {report['finding_recall']:.3f}, "
        f"F1 {report['finding_f1']:.3f}  (report: {args.out.relative_to(ROOT)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
