"""Reads the knowledge files in `bot/core/knowledge/` into a validated `KnowledgeBase`.

A broken file must never surface as a stack trace deep in a conversation: every problem (bad YAML, a missing or
unknown field, an unknown id, a weight out of range, a duplicate key, a missing or broken picture) stops loading
with one `KnowledgeError` naming the file, the entry and the problem.
"""

from __future__ import annotations

import string
from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn
from xml.etree import ElementTree

import yaml

from bot.core.knowledge_types import (
    FINDING_KINDS,
    WHEN_ORDER,
    Cause,
    Evidence,
    Fact,
    Finding,
    Guidance,
    KnowledgeBase,
    KnownCondition,
    Level,
    Picture,
    Ranking,
    ReliefStep,
    SafetyNetItem,
    Source,
    TriageRule,
)

KNOWLEDGE_DIR = Path(__file__).resolve().parent / "knowledge"
PICTURES_FOLDER = "pictures"
"""Where the drawings that pictures.yml names live, inside the knowledge folder."""
SVG = "{http://www.w3.org/2000/svg}"
WEIGHT_LIMIT = 5.0
"""Evidence weights and priors are log-odds-like; beyond +-5 one finding would swamp all others."""
TEXT_PLACEHOLDERS = frozenset({"emergency_number"})
SUMMARY_PLACEHOLDERS = frozenset({"date", "level", "name", "percent"})
SUMMARY_KEYS = (
    "title",
    "disclaimer",
    "told_present",
    "told_absent",
    "told_unknown",
    "none",
    "level",
    "reasons",
    "causes",
    "cause_line",
    "advice",
    "urgent_if",
    "unanswered",
    "answer_yes",
    "answer_no",
    "answer_unknown",
)


class KnowledgeError(Exception):
    """A knowledge file is broken; the message names the file, the entry and the problem."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        super().__init__(f"knowledge file {file}, {entry}: {problem}")
        self.file = file
        self.entry = entry
        self.problem = problem


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses duplicate keys instead of silently keeping the last one."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


class KnowledgeFile:
    """One parsed knowledge file and the checks that report problems against it."""

    def __init__(self, directory: Path, name: str) -> None:
        self.name = name
        path = directory / name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.fail("file", f"missing (looked for {path})")
        except (OSError, UnicodeDecodeError) as error:
            self.fail("file", f"cannot be read ({error})")
        try:
            data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
            problem = getattr(error, "problem", None) or str(error)
            self.fail(where, f"not valid YAML: {problem}")
        self.data = self.fields(data, "top level", required=(), optional=None)

    def fail(self, entry: str, problem: str) -> NoReturn:
        raise KnowledgeError(self.name, entry, problem)

    def fields(
        self,
        value: object,
        entry: str,
        required: Collection[str],
        optional: Collection[str] | None = (),
    ) -> dict[str, Any]:
        """A mapping with exactly the known fields; `optional=None` accepts any other key."""
        if not isinstance(value, dict):
            self.fail(entry, f"should be a mapping of fields, found {type(value).__name__}")
        missing = [key for key in required if key not in value]
        if missing:
            self.fail(entry, f"missing field '{missing[0]}'")
        if optional is not None:
            unknown = sorted(str(key) for key in value if key not in required and key not in optional)
            if unknown:
                self.fail(entry, f"unknown field '{unknown[0]}'")
        return value

    def table(self, value: object, entry: str) -> dict[str, Any]:
        """A non-empty mapping from ids to entries."""
        table = self.fields(value, entry, required=(), optional=None)
        if not table:
            self.fail(entry, "is empty")
        return table

    def text(self, value: object, entry: str, allowed: frozenset[str] = TEXT_PLACEHOLDERS) -> str:
        """Non-empty text whose {placeholders} are all ones the engine fills."""
        if not isinstance(value, str) or not value.strip():
            self.fail(entry, "should be non-empty text")
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as error:
            self.fail(entry, f"has a broken {{placeholder}}: {error}")
        unknown = sorted(names - allowed)
        if unknown:
            self.fail(entry, f"unknown placeholder '{{{unknown[0]}}}'")
        return " ".join(value.split())

    def number(self, value: object, entry: str, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(entry, f"should be a number, found {value!r}")
        if not low <= value <= high:
            self.fail(entry, f"{value} is out of range {low:g} to {high:g}")
        return float(value)

    def entries(self, value: object, entry: str) -> list[Any]:
        """A non-empty list of entries."""
        if not isinstance(value, list) or not value:
            self.fail(entry, "should be a non-empty list")
        return value

    def choice(self, value: object, entry: str, choices: Collection[str]) -> str:
        """One of a fixed set of words."""
        if not isinstance(value, str) or value not in choices:
            self.fail(entry, f"'{value}' is not one of {', '.join(choices)}")
        return value

    def ref(self, value: object, entry: str, known: Mapping[str, object], what: str) -> str:
        if not isinstance(value, str) or value not in known:
            self.fail(entry, f"unknown {what} id '{value}'")
        return value

    def refs(self, value: object, entry: str, known: Mapping[str, object], what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(entry, f"should be a list of {what} ids")
        ids = tuple(self.ref(item, entry, known, what) for item in value)
        if len(set(ids)) != len(ids):
            self.fail(entry, f"names the same {what} twice")
        return ids

    def fact(self, value: object, entry: str, sources: Mapping[str, Source]) -> Fact:
        fields = self.fields(value, entry, required=("text", "source"))
        return Fact(
            text=self.text(fields["text"], entry),
            source=self.ref(fields["source"], f"{entry}, source", sources, "source"),
        )


def _sources(file: KnowledgeFile) -> dict[str, Source]:
    table = file.table(file.fields(file.data, "top level", ("sources",))["sources"], "sources")
    sources = {}
    for source_id, raw in table.items():
        entry = f"source '{source_id}'"
        fields = file.fields(raw, entry, required=("title", "url"))
        url = fields["url"]
        if not isinstance(url, str):
            file.fail(entry, "url should be text (empty when there is none)")
        sources[source_id] = Source(source_id, file.text(fields["title"], entry), url)
    return sources


def _findings(file: KnowledgeFile) -> dict[str, Finding]:
    table = file.table(file.fields(file.data, "top level", ("findings",))["findings"], "findings")
    findings = {}
    for finding_id, raw in table.items():
        entry = f"finding '{finding_id}'"
        fields = file.fields(raw, entry, required=("name", "kind"), optional=("slot", "value", "covers"))
        file.choice(fields["kind"], f"{entry}, kind", FINDING_KINDS)
        slot, value = fields.get("slot"), fields.get("value")
        if value is not None and slot is None:
            file.fail(entry, "has a value but no slot")
        findings[finding_id] = Finding(
            id=finding_id,
            name=file.text(fields["name"], entry),
            kind=fields["kind"],
            slot=None if slot is None else file.text(slot, f"{entry}, slot"),
            value=None if value is None else file.text(value, f"{entry}, value"),
        )
    for finding_id, raw in table.items():
        covers = file.refs(raw.get("covers"), f"finding '{finding_id}', covers", findings, "finding")
        findings[finding_id] = replace(findings[finding_id], covers=covers)
    return findings


def _pictures(file: KnowledgeFile, directory: Path) -> dict[str, Picture]:
    table = file.table(file.fields(file.data, "top level", ("pictures",))["pictures"], "pictures")
    pictures = {}
    for picture_id, raw in table.items():
        entry = f"picture '{picture_id}'"
        fields = file.fields(raw, entry, required=("file", "alt"))
        name = fields["file"]
        if not isinstance(name, str) or Path(name).name != name or not name.endswith(".svg"):
            file.fail(f"{entry}, file", f"should be the name of an .svg file in {PICTURES_FOLDER}/, found {name!r}")
        path = directory / PICTURES_FOLDER / name
        _check_drawing(file, f"{entry}, file", path)
        pictures[picture_id] = Picture(picture_id, path, file.text(fields["alt"], f"{entry}, alt"))
    return pictures


def _check_drawing(file: KnowledgeFile, entry: str, path: Path) -> None:
    """The file is an SVG drawing with a <title>, the name screen readers give it, and a viewBox to scale it by."""
    shown = f"{PICTURES_FOLDER}/{path.name}"
    try:
        root = ElementTree.parse(path).getroot()  # noqa: S314 - our own drawings, in the repository
    except FileNotFoundError:
        file.fail(entry, f"{shown} is missing")
    except (OSError, ElementTree.ParseError) as error:
        file.fail(entry, f"{shown} is not a readable SVG drawing ({error})")
    if root.tag != f"{SVG}svg":
        file.fail(entry, f"{shown} is not an SVG drawing (it starts with <{root.tag}>, not <svg>)")
    title = root.find(f"{SVG}title")
    if title is None or not (title.text or "").strip():
        file.fail(entry, f"{shown} has no <title>")
    try:
        _, _, width, height = (float(number) for number in (root.get("viewBox") or "").split())
    except ValueError:
        width = height = 0
    if width <= 0 or height <= 0:
        file.fail(entry, f"{shown} has no viewBox of four numbers with a width and height")


def _relief(
    file: KnowledgeFile,
    findings: Mapping[str, Finding],
    sources: Mapping[str, Source],
    pictures: Mapping[str, Picture],
) -> tuple[dict[str, ReliefStep], tuple[str, ...]]:
    top = file.fields(file.data, "top level", ("steps", "always"))
    steps = {}
    for step_id, raw in file.table(top["steps"], "steps").items():
        entry = f"step '{step_id}'"
        fields = file.fields(raw, entry, required=("when", "text", "avoid_if", "source"), optional=("picture",))
        picture = fields.get("picture")
        steps[step_id] = ReliefStep(
            id=step_id,
            when=file.choice(fields["when"], f"{entry}, when", WHEN_ORDER),
            text=file.text(fields["text"], entry),
            avoid_if=frozenset(file.refs(fields["avoid_if"], f"{entry}, avoid_if", findings, "finding")),
            source=file.ref(fields["source"], f"{entry}, source", sources, "source"),
            picture=None if picture is None else file.ref(picture, f"{entry}, picture", pictures, "picture"),
        )
    return steps, file.refs(top["always"], "always", steps, "step")


def _check_all_shown(file: KnowledgeFile, pictures: Mapping[str, Picture], steps: Mapping[str, ReliefStep]) -> None:
    """A drawing no step names would never be shown: most likely a step lost its `picture` by mistake."""
    shown = {step.picture for step in steps.values()}
    for picture_id in pictures:
        if picture_id not in shown:
            file.fail(f"picture '{picture_id}'", "is the picture of no relief step (name it as a step's picture)")


def _causes(
    file: KnowledgeFile,
    findings: Mapping[str, Finding],
    steps: Mapping[str, ReliefStep],
    sources: Mapping[str, Source],
) -> tuple[tuple[Cause, ...], Ranking]:
    top = file.fields(file.data, "top level", ("ranking", "causes"))
    ranking_fields = file.fields(top["ranking"], "ranking", ("likely_min_share", "likely_max"))
    likely_max = ranking_fields["likely_max"]
    if isinstance(likely_max, bool) or not isinstance(likely_max, int) or likely_max < 1:
        file.fail("ranking, likely_max", f"should be a whole number of at least 1, found {likely_max!r}")
    ranking = Ranking(
        likely_min_share=file.number(ranking_fields["likely_min_share"], "ranking, likely_min_share", 0.0, 1.0),
        likely_max=likely_max,
    )
    causes = []
    for cause_id, raw in file.table(top["causes"], "causes").items():
        entry = f"cause '{cause_id}'"
        fields = file.fields(
            raw,
            entry,
            required=("name", "explanation", "prior", "evidence", "relief", "see_doctor_if", "sources"),
        )
        evidence = []
        for finding_id, weights in file.table(fields["evidence"], f"{entry}, evidence").items():
            where = f"{entry}, evidence '{finding_id}'"
            file.ref(finding_id, where, findings, "finding")
            weight_fields = file.fields(weights, where, required=("present", "absent", "source"))
            evidence.append(
                Evidence(
                    finding=finding_id,
                    present=file.number(weight_fields["present"], f"{where}, present", -WEIGHT_LIMIT, WEIGHT_LIMIT),
                    absent=file.number(weight_fields["absent"], f"{where}, absent", -WEIGHT_LIMIT, WEIGHT_LIMIT),
                    source=file.ref(weight_fields["source"], f"{where}, source", sources, "source"),
                )
            )
        relief = file.refs(fields["relief"], f"{entry}, relief", steps, "step")
        cause_sources = file.refs(fields["sources"], f"{entry}, sources", sources, "source")
        see_doctor = fields["see_doctor_if"]
        if not relief:
            file.fail(entry, "has no relief steps")
        if not cause_sources:
            file.fail(entry, "has no sources")
        if not isinstance(see_doctor, list) or not see_doctor:
            file.fail(f"{entry}, see_doctor_if", "should be a non-empty list of {text, source}")
        causes.append(
            Cause(
                id=cause_id,
                name=file.text(fields["name"], entry),
                explanation=file.fact(fields["explanation"], f"{entry}, explanation", sources),
                prior=file.number(fields["prior"], f"{entry}, prior", -WEIGHT_LIMIT, WEIGHT_LIMIT),
                evidence=tuple(evidence),
                relief=relief,
                see_doctor_if=tuple(
                    file.fact(item, f"{entry}, see_doctor_if {index + 1}", sources)
                    for index, item in enumerate(see_doctor)
                ),
                sources=cause_sources,
            )
        )
    return tuple(causes), ranking


def _triage(
    file: KnowledgeFile,
    findings: Mapping[str, Finding],
    steps: Mapping[str, ReliefStep],
    sources: Mapping[str, Source],
) -> tuple[dict[str, Level], tuple[TriageRule, ...], tuple[SafetyNetItem, ...]]:
    top = file.fields(file.data, "top level", ("levels", "rules", "safety_net"))
    levels = {}
    for rank, (level_id, raw) in enumerate(file.table(top["levels"], "levels").items()):
        entry = f"level '{level_id}'"
        fields = file.fields(raw, entry, required=("name", "advice", "self_help", "announce"))
        for flag in ("self_help", "announce"):
            if not isinstance(fields[flag], bool):
                file.fail(f"{entry}, {flag}", "should be true or false")
        levels[level_id] = Level(
            id=level_id,
            name=file.text(fields["name"], entry),
            advice=file.text(fields["advice"], f"{entry}, advice"),
            self_help=fields["self_help"],
            announce=fields["announce"],
            rank=rank,
        )
    rules: list[TriageRule] = []
    for index, raw in enumerate(file.entries(top["rules"], "rules")):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        entry = f"rule '{rule_id}'" if rule_id else f"rule {index + 1}"
        fields = file.fields(
            raw, entry, required=("id", "level", "reason", "source"), optional=("all", "any", "first_aid")
        )
        if any(rule.id == rule_id for rule in rules):
            file.fail(entry, "id is used twice")
        all_of = file.refs(fields.get("all"), f"{entry}, all", findings, "finding")
        any_of = file.refs(fields.get("any"), f"{entry}, any", findings, "finding")
        if not all_of and not any_of:
            file.fail(entry, "names no findings in 'all' or 'any'")
        rules.append(
            TriageRule(
                id=str(rule_id),
                level=file.ref(fields["level"], f"{entry}, level", levels, "level"),
                all_of=frozenset(all_of),
                any_of=frozenset(any_of),
                reason=file.text(fields["reason"], f"{entry}, reason"),
                first_aid=file.refs(fields.get("first_aid"), f"{entry}, first_aid", steps, "step"),
                source=file.ref(fields["source"], f"{entry}, source", sources, "source"),
            )
        )
    safety_net = []
    for index, raw in enumerate(file.entries(top["safety_net"], "safety_net")):
        entry = f"safety_net {index + 1}"
        fields = file.fields(raw, entry, required=("level", "text", "source"))
        safety_net.append(
            SafetyNetItem(
                level=file.ref(fields["level"], f"{entry}, level", levels, "level"),
                text=file.text(fields["text"], entry),
                source=file.ref(fields["source"], f"{entry}, source", sources, "source"),
            )
        )
    return levels, tuple(rules), tuple(safety_net)


def _wording(file: KnowledgeFile, findings: Mapping[str, Finding]) -> dict[str, str]:
    """The summary's headings, plus `question_<slot>` naming each assessment slot with levels (asked as one)."""
    questions = tuple(sorted({f"question_{f.slot}" for f in findings.values() if f.kind == "assessment" and f.value}))
    fields = file.fields(file.data, "top level", (*SUMMARY_KEYS, *questions))
    return {key: file.text(fields[key], key, SUMMARY_PLACEHOLDERS) for key in (*SUMMARY_KEYS, *questions)}


def _guidance(file: KnowledgeFile, findings: Mapping[str, Finding], sources: Mapping[str, Source]) -> Guidance:
    fields = file.fields(file.data, "top level", ("medicine_question", "known_conditions"))
    table = file.table(fields["known_conditions"], "known_conditions")
    conditions = []
    for condition_id, raw in table.items():
        entry = f"known condition '{condition_id}'"
        condition = file.fields(raw, entry, required=("when_any", "watch_for"))
        when_any = file.refs(condition["when_any"], f"{entry}, when_any", findings, "finding")
        if not when_any:
            file.fail(entry, "when_any should name at least one finding")
        watch_for = file.entries(condition["watch_for"], f"{entry}, watch_for")
        conditions.append(
            KnownCondition(
                id=condition_id,
                when_any=frozenset(when_any),
                watch_for=tuple(file.fact(item, f"{entry}, watch_for", sources) for item in watch_for),
            )
        )
    return Guidance(file.fact(fields["medicine_question"], "medicine_question", sources), tuple(conditions))


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """Loads and cross-checks all knowledge files; raises `KnowledgeError` on the first problem."""
    sources = _sources(KnowledgeFile(directory, "sources.yml"))
    findings = _findings(KnowledgeFile(directory, "findings.yml"))
    pictures_file = KnowledgeFile(directory, "pictures.yml")
    pictures = _pictures(pictures_file, directory)
    steps, always = _relief(KnowledgeFile(directory, "relief.yml"), findings, sources, pictures)
    _check_all_shown(pictures_file, pictures, steps)
    causes, ranking = _causes(KnowledgeFile(directory, "causes.yml"), findings, steps, sources)
    levels, rules, safety_net = _triage(KnowledgeFile(directory, "triage.yml"), findings, steps, sources)
    return KnowledgeBase(
        sources=sources,
        findings=findings,
        causes=causes,
        levels=levels,
        rules=rules,
        safety_net=safety_net,
        steps=steps,
        always=always,
        pictures=pictures,
        ranking=ranking,
        wording=_wording(KnowledgeFile(directory, "summary.yml"), findings),
        guidance=_guidance(KnowledgeFile(directory, "guidance.yml"), findings, sources),
    )
