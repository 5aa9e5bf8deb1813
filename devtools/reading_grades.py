"""The reading grade of every text a person can see: each response variation of `domain.yml` (its slots filled
with realistic values), each text of the knowledge files, and the distinct replies of whole vignette conversations.

`python -m devtools.reading_grades` prints the texts, hardest first, with the median and the slowest tenth;
`--conversations` also plays the vignettes (loads the model, about a minute). The tests hold the same figures
(tests/bot/test_reading_grades.py, tests/conversation/test_reading_grades.py), so the report shows what they check.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import signal
import statistics
import sys
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.wording import bullet_lines, plan_lines, reasons, utter_evidence
from bot.core.assessment import RankedCause, Status
from bot.core.engine import Engine
from bot.core.knowledge_loader import load_knowledge
from bot.core.knowledge_types import KnowledgeBase
from bot.core.screening import warning_signs
from bot.core.summary import noted
from bot.language.lexicon import load_lexicon
from devtools.readability import grade
from devtools.vignettes import Agent, load_vignettes, play_vignette

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "domain.yml"
VIGNETTE_FILES = (ROOT / "tests" / "vignettes.yml", ROOT.parent / "shared" / "vignettes-dev.yml")
"""Our own vignettes and the shared development ones (when that folder is there)."""
MAX_GRADE = 8.0
MAX_MEDIAN = 6.0
SAMPLE_NUMBER = "112"
SAMPLE_DAY = date(2026, 11, 25)
SAMPLE_CASE = {"visible_veins": "present", "night_cramps": "present", "diuretics": "absent", "dehydration": "present"}
"""Typical answers: enough for a level with reasons, a ranked cause with evidence and a full plan."""


def knowledge_texts(knowledge: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """The sentences of the knowledge files, graded alone, with where each comes from (placeholders unfilled)."""
    for step in knowledge.steps.values():
        yield f"step {step.id}", step.text
    for cause in knowledge.causes:
        yield f"cause {cause.id}", cause.explanation.text
        for fact in cause.see_doctor_if:
            yield f"cause {cause.id} see_doctor_if", fact.text
    for rule in knowledge.rules:
        yield f"rule {rule.id}", rule.reason
    for level in knowledge.levels.values():
        yield f"level {level.id}", level.advice
    for item in knowledge.safety_net:
        yield "safety_net", item.text
    yield "guidance medicine_question", knowledge.guidance.medicine_question.text
    for condition in knowledge.guidance.known_conditions:
        for fact in condition.watch_for:
            yield f"guidance {condition.id}", fact.text
    for picture in knowledge.pictures.values():
        yield f"picture {picture.id}", picture.alt


def knowledge_names(knowledge: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """The names and headings of the knowledge files: never shown alone, so graded in the replies that show them
    (a grade of three words measures nothing)."""
    for cause in knowledge.causes:
        yield f"cause {cause.id} name", cause.name
    for level in knowledge.levels.values():
        yield f"level {level.id} name", level.name
    for finding in knowledge.findings.values():
        yield f"finding {finding.id}", finding.name
    for key, text in knowledge.wording.items():
        yield f"summary {key}", text


def patient_texts(knowledge: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """Every text of the knowledge files a person can see: what the safety-wording tests read."""
    yield from knowledge_texts(knowledge)
    yield from knowledge_names(knowledge)


def evidence(
    knowledge: KnowledgeBase, domain: Mapping[str, Any], cause: RankedCause, statuses: Mapping[str, Status]
) -> str:
    """The why-lines of `cause` for these answers, exactly as the assessment sends them."""
    dispatcher = CollectingDispatcher()
    utter_evidence(dispatcher, knowledge, cause, statuses, domain)
    return str(dispatcher.messages[0]["evidence"])


def sample_values(knowledge: KnowledgeBase, domain: Mapping[str, Any]) -> dict[str, str]:
    """Realistic values for the placeholders of the responses (whom it is about aside): what the actions fill them
    with for a sample case, so a template is graded as people read it."""
    engine = Engine(knowledge, SAMPLE_NUMBER)
    result = engine.assess(SAMPLE_CASE, SAMPLE_DAY)
    top = result.causes[0]
    return {
        "emergency_number": SAMPLE_NUMBER,
        "max_chars": "5000",
        "urgent_warning": engine.emergency_warning(),
        "signs": bullet_lines(sign.name for sign in warning_signs(knowledge)),
        "noted": noted(knowledge, result.findings),
        "advice": result.escalation.advice,
        "reasons": reasons(result),
        "level_name": result.escalation.level_name,
        "level": result.escalation.level_name,
        "date": "25 November 2026",
        "name": top.name,
        "explanation": top.explanation,
        "percent": str(round(top.share * 100)),
        "evidence": evidence(knowledge, domain, top, result.findings),
        "names": bullet_lines(cause.name for cause in result.causes[1:3]),
        "steps": plan_lines(result.plan),
        "items": bullet_lines(result.escalation.urgent_if),
        "summary": result.summary,
        "about": knowledge.findings["dehydration"].name,
        "before": knowledge.wording["answer_yes"],
        "now": knowledge.wording["answer_no"],
    }


def response_texts(
    domain: Mapping[str, Any], values: Mapping[str, str], people: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """Every variation of every response in `domain.yml`, filled with `values`; one about someone else with each
    of `people` (relation: pronoun) in turn, the hardest to read kept ("your mother-in-law" reads harder than
    "your mum")."""
    for name, variations in domain["responses"].items():
        for number, variation in enumerate(variations):
            text = str(variation["text"])
            filled = [
                text.format_map({**values, "person": person, "person_pronoun": pronoun})
                for person, pronoun in (people.items() if "{person" in text else [("", "")])
            ]
            yield f"{name} [{number}]", max(filled, key=grade)


def names_in_replies(
    knowledge: KnowledgeBase, domain: Mapping[str, Any], values: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """Each name in every reply that shows it: a finding as one line of the why-lines and as what a message was
    understood to say, a cause as the likely one, the one asked why about and another possible one, a level with
    its advice. The summary's headings are graded in the summary itself."""
    responses = {name: variations[-1]["text"] for name, variations in domain["responses"].items()}
    for finding in knowledge.findings.values():
        said = noted(knowledge, {finding.id: Status.PRESENT})
        yield f"finding {finding.id} noted", responses["utter_noted"].format(noted=said)
        line = responses["utter_evidence_yes"].format(name=finding.name)
        yield f"finding {finding.id} evidence", f"{responses['utter_evidence_for']}\n{bullet_lines([line])}"
    for cause in knowledge.causes:
        filled = {
            **values,
            "name": cause.name,
            "explanation": cause.explanation.text,
            "names": bullet_lines([cause.name]),
        }
        for response in ("utter_likely_cause", "utter_why_cause", "utter_other_causes"):
            yield f"cause {cause.id} name in {response}", responses[response].format_map(filled)
    for level in knowledge.levels.values():
        filled = {**values, "level_name": level.name, "advice": level.advice.format_map(values), "reasons": ""}
        yield f"level {level.id} name", responses["utter_when_to_see_doctor"].format_map(filled).strip()


def visible_texts(knowledge: KnowledgeBase, domain: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every response and every knowledge text a person can see, placeholders filled with realistic values."""
    values = sample_values(knowledge, domain)
    people = load_lexicon(knowledge).people.relations
    texts = [(where, text.format_map(values)) for where, text in knowledge_texts(knowledge)]
    return texts + list(names_in_replies(knowledge, domain, values)) + list(response_texts(domain, values, people))


async def conversation_replies(agent: Agent, paths: Iterable[Path] = VIGNETTE_FILES) -> list[str]:
    """The distinct replies of every vignette conversation, in the order they first came."""
    replies: dict[str, None] = {}
    for path in paths:
        if path.is_file():
            for case in load_vignettes(path):
                played = await play_vignette(agent, case, f"grades-{case.id}-{uuid.uuid4().hex[:8]}")
                replies |= dict.fromkeys(played.replies)
    return list(replies)


def slowest_tenth(grades: Sequence[float]) -> list[float]:
    """The hardest tenth of the grades (at least one), hardest first."""
    return sorted(grades, reverse=True)[: max(1, math.ceil(len(grades) / 10))]


def over(graded: Iterable[tuple[str, str]], limit: float = MAX_GRADE) -> list[str]:
    """The texts above `limit`, each with its grade and where it comes from: what a failing test prints."""
    return [f"{grade(text):.1f} {where}: {text}" for where, text in graded if grade(text) > limit]


def report(title: str, graded: Sequence[tuple[str, str]]) -> str:
    """Every text with its grade, hardest first, under its figures."""
    grades = [grade(text) for _, text in graded]
    tenth = slowest_tenth(grades)
    rows = sorted(graded, key=lambda row: -grade(row[1]))
    return "\n".join(
        [
            f"{title}: {len(grades)} texts, median {statistics.median(grades):.1f}, slowest tenth {tenth[-1]:.1f} "
            f"to {tenth[0]:.1f}, over {MAX_GRADE:.0f}: {sum(g > MAX_GRADE for g in grades)}",
            *(f"  {grade(text):5.1f}  {where}: {' | '.join(text.splitlines())}" for where, text in rows),
        ]
    )


async def _played_replies() -> list[str]:
    from rasa.core.agent import Agent as RasaAgent
    from rasa.utils.endpoints import EndpointConfig

    from benchmarks.servers import free_port, start_action_server
    from bot.rasa_patches import install

    port = free_port()
    actions = start_action_server(port, {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"})
    try:
        install()
        endpoint = EndpointConfig(url=f"http://127.0.0.1:{port}/webhook", enable_selective_domain=True)
        agent = RasaAgent.load(str(ROOT / "models" / "legs.tar.gz"), action_endpoint=endpoint)
        return await conversation_replies(agent)
    finally:
        actions.send_signal(signal.SIGINT)
        actions.wait(timeout=30)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--conversations", action="store_true", help="also play the vignettes (loads the model)")
    args = parser.parse_args(argv)
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    print(report("responses and knowledge texts", visible_texts(load_knowledge(), domain)))
    if args.conversations:
        replies = asyncio.run(_played_replies())
        print(report("vignette conversation replies", [("reply", reply) for reply in replies]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
