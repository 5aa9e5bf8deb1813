"""Scores a trained model on held-out NLU examples: intent accuracy and finding-extraction F1.

Findings are compared per message as (finding id, status) pairs, whatever entity carried them (a slot entity
such as `diuretics: no` or a `finding` entity with a role), so the score measures what the assistant
understood, not where it put it. Rasa's markup allows one entity per span, so an example's metadata may list
`also_findings` ("night_cramps:present" for "most nights"). Only the finding kinds the file annotates somewhere
are scored: a kind added to the knowledge after the file was written is not a false positive there.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from bot.core.knowledge_loader import load_knowledge
from bot.core.slots import findings_from_entities


def _wanted(example: Any) -> set[tuple[str, str]]:
    """The (finding, status) pairs an example is annotated with."""
    wanted = {(e["value"], e.get("role")) for e in example.get("entities", []) if e["entity"] == "finding"}
    also = (example.get("metadata") or {}).get("example", {}).get("also_findings", [])
    return wanted | {tuple(item.split(":", 1)) for item in also}  # a second finding on an annotated span


def f1(true_positive: int, false_positive: int, false_negative: int) -> tuple[float, float, float]:
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


async def evaluate(agent: Any, data: Path) -> dict[str, Any]:
    """Parses every held-out example with the agent's model and scores intents and findings."""
    from rasa.shared.nlu.training_data.loading import load_data

    knowledge = load_knowledge()
    examples = load_data(str(data)).intent_examples
    intent_hits, counts = 0, Counter[str]()
    intent_misses, finding_misses = [], []
    intent_pairs: list[tuple[str, str]] = []
    annotated = [_wanted(example) for example in examples]
    scored = {finding for wanted in annotated for finding, _ in wanted}
    for example, wanted in zip(examples, annotated, strict=True):
        text = example.get("text")
        parsed = await agent.parse_message(text)
        wanted_intent = example.get("intent")
        got_intent = parsed["intent"]["name"]
        selected = parsed.get("response_selector", {}).get(got_intent)
        if selected:  # a retrieval intent: scored by the answer chosen ("ask_treatment/stretching")
            got_intent = selected["response"]["intent_response_key"]
        if example.get("intent_response_key"):
            wanted_intent = example.get("intent_response_key")
        intent_pairs.append((wanted_intent, got_intent))
        if got_intent == wanted_intent:
            intent_hits += 1
        else:
            intent_misses.append({"text": text, "expected": wanted_intent, "got": got_intent})
        found = findings_from_entities(knowledge, parsed["entities"])
        got = {(f, s.value) for f, s in found.items() if f in scored}
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
        "intent_scores": intent_scores(intent_pairs),
        "intent_pairs": intent_pairs,
        "intent_misses": intent_misses,
        "finding_misses": finding_misses,
    }


def intent_scores(pairs: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per expected intent, and their support-weighted average."""
    scores: dict[str, dict[str, float]] = {}
    for intent in sorted({wanted for wanted, _ in pairs}):
        hits = sum(1 for wanted, got in pairs if wanted == got == intent)
        predicted = sum(1 for _, got in pairs if got == intent)
        support = sum(1 for wanted, _ in pairs if wanted == intent)
        precision, recall, score = f1(hits, predicted - hits, support - hits)
        scores[intent] = {"precision": precision, "recall": recall, "f1": score, "support": support}
    total = sum(row["support"] for row in scores.values())
    scores["weighted average"] = {
        name: sum(row[name] * row["support"] for row in scores.values()) / total
        for name in ("precision", "recall", "f1")
    } | {"support": total}
    return scores
