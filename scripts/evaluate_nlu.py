"""`make eval-nlu`: scores the trained model on the held-out tests/test_nlu.yml (see bot/nlu/evaluation.py),
prints a summary and the misses, and writes reports/nlu.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "legs.tar.gz")
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "test_nlu.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "nlu.json")
    parser.add_argument("--show", type=int, default=15, help="how many misses of each kind to print")
    args = parser.parse_args()
    from rasa.core.agent import Agent

    from bot.nlu.evaluation import evaluate

    report = asyncio.run(evaluate(Agent.load(str(args.model)), args.data))
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
