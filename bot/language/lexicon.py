"""Loads `knowledge/lexicon.yml`: the words and phrases for each finding, the negation and hedging cues, and the
number rules, checked against the findings vocabulary so a typo in an id fails loading, not a conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.core.knowledge_loader import KNOWLEDGE_DIR, KnowledgeFile
from bot.core.knowledge_types import KnowledgeBase

ASSERTION_CUE_KINDS = (
    "negation_before",
    "negation_after",
    "hedge",
    "hedge_after",
    "hedge_weak",
    "hedge_weak_after",
    "historical",
    "long_standing",
)
"""The cue kinds that set a finding's status (negated, unknown, long past, long-standing) over a scope."""
CUE_KINDS = (
    *ASSERTION_CUE_KINDS,
    "double_negation",
    "present",
    "pseudo",
    "scope_end",
    "question",
    "question_after",
    "intensifier",
)
SAID = ("present", "absent", "none")
SCOPES = ("clause", "sentence", "nearby")
"""Where a rule's concepts must meet: one clause, one sentence, or a sentence and the two after it (a story's "At
the end of lap two it came. A cramp.")."""
NUMBER_KINDS = ("age", "minutes", "temperature", "distance")
PRONOUNS = ("her", "him", "them")


@dataclass(frozen=True)
class LexiconRule:
    """Every concept in `all_of` in one clause (and none in `unless`) states `findings` as `said`.

    `past`: the findings are about the past anyway ("had a DVT"), so a historical cue does not cancel them.
    `unless_nearby`: concepts that cancel the rule anywhere in the sentences around its match, as a story tells
    the cause a sentence before the sign ("my leg suddenly cramped. I could not move my calf for a minute").
    """

    findings: tuple[str, ...]
    all_of: tuple[str, ...]
    unless: tuple[str, ...]
    said: str
    scope: str
    past: bool = False
    unless_nearby: tuple[str, ...] = ()


@dataclass(frozen=True)
class NumberRule:
    """A finding read from a number: an age of at least `threshold`, a duration above it in minutes, a body
    temperature of at least `threshold` degrees Celsius (Fahrenheit converted), or a distance of at least
    `threshold` kilometres (miles converted) run, ridden or raced."""

    finding: str
    kind: str
    threshold: float
    needs: str | None
    not_after: tuple[str, ...] = ()
    """Concepts whose duration a number right after them tells: "walked for an hour" is no hour-long cramp."""


@dataclass(frozen=True)
class People:
    """Who else a message can be about: each relation word with the pronoun replies use, and the words after
    "my <relation>" that make the message about them."""

    relations: dict[str, str]
    says_of: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, tuple[str, ...]]
    cues: dict[str, tuple[str, ...]]
    window: int
    rules: tuple[LexiconRule, ...]
    numbers: tuple[NumberRule, ...]
    people: People
    meant_as_written: frozenset[str] = frozenset()
    """Words never spelling-corrected: real words one or two edits from a lexicon word ("cellulite" is no
    "cellulitis", "plantar" no "plaster")."""
    warning_signs: frozenset[str] = frozenset()
    """The red-flag findings: signs that are warnings only when new, so a long-standing cue cancels them, and that
    stand as told with a doubt of wording ("I think my foot went cold")."""


def _phrases(file: KnowledgeFile, value: object, entry: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        file.fail(entry, "should be a non-empty list of words or phrases")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            file.fail(entry, f'{item!r} is not a word; quote words YAML reads otherwise, such as "no" or "on"')
    return tuple(item.strip().lower() for item in value)


def load_lexicon(knowledge: KnowledgeBase, directory: Path = KNOWLEDGE_DIR) -> Lexicon:
    """Reads and cross-checks the lexicon; raises `KnowledgeError` naming the entry at fault."""
    file = KnowledgeFile(directory, "lexicon.yml")
    top = file.fields(file.data, "top level", ("concepts", "cues", "rules", "numbers", "people"), ("meant_as_written",))
    concepts = {
        name: _phrases(file, words, f"concept '{name}'")
        for name, words in file.table(top["concepts"], "concepts").items()
    }
    cue_fields = file.fields(top["cues"], "cues", ("window", *CUE_KINDS))
    cues = {kind: _phrases(file, cue_fields[kind], f"cues, {kind}") for kind in CUE_KINDS}
    window = int(file.number(cue_fields["window"], "cues, window", 1, 50))
    rules = []
    for index, raw in enumerate(file.entries(top["rules"], "rules")):
        entry = f"rule {index + 1}"
        fields = file.fields(raw, entry, ("findings", "all"), ("unless", "unless_nearby", "said", "scope", "past"))
        said = file.choice(fields.get("said", "present"), f"{entry}, said", SAID)
        scope = file.choice(fields.get("scope", "clause"), f"{entry}, scope", SCOPES)
        rules.append(
            LexiconRule(
                findings=file.refs(fields["findings"], f"{entry}, findings", knowledge.findings, "finding"),
                all_of=file.refs(fields["all"], f"{entry}, all", concepts, "concept"),
                unless=file.refs(fields.get("unless"), f"{entry}, unless", concepts, "concept"),
                said=said,
                scope=scope,
                past=fields.get("past", False) is True,
                unless_nearby=file.refs(fields.get("unless_nearby"), f"{entry}, unless_nearby", concepts, "concept"),
            )
        )
        if not rules[-1].findings or not rules[-1].all_of:
            file.fail(entry, "needs at least one finding and one concept")
    numbers = []
    for finding_id, raw in file.table(top["numbers"], "numbers").items():
        entry = f"number '{finding_id}'"
        file.ref(finding_id, entry, knowledge.findings, "finding")
        fields = file.fields(raw, entry, ("kind",), ("at_least", "more_than", "needs", "not_after"))
        kind = file.choice(fields["kind"], f"{entry}, kind", NUMBER_KINDS)
        limit_key = "more_than" if kind == "minutes" else "at_least"
        if limit_key not in fields:
            file.fail(entry, f"missing field '{limit_key}'")
        needs = fields.get("needs")
        numbers.append(
            NumberRule(
                finding=finding_id,
                kind=kind,
                threshold=file.number(fields[limit_key], f"{entry}, {limit_key}", 0, 1000),
                needs=None if needs is None else file.ref(needs, f"{entry}, needs", concepts, "concept"),
                not_after=file.refs(fields.get("not_after"), f"{entry}, not_after", concepts, "concept"),
            )
        )
    meant = (
        frozenset(_phrases(file, top["meant_as_written"], "meant_as_written"))
        if "meant_as_written" in top
        else frozenset()
    )
    warning_signs = frozenset(f for f, finding in knowledge.findings.items() if finding.kind == "red_flag")
    return Lexicon(
        concepts, cues, window, tuple(rules), tuple(numbers), _people(file, top["people"]), meant, warning_signs
    )


def _people(file: KnowledgeFile, raw: object) -> People:
    fields = file.fields(raw, "people", ("relations", "says_of"))
    relations = file.table(fields["relations"], "people, relations")
    for relation, pronoun in relations.items():
        file.choice(pronoun, f"people, relations, {relation}", PRONOUNS)
    return People(
        {str(relation).lower(): pronoun for relation, pronoun in relations.items()},
        _phrases(file, fields["says_of"], "people, says_of"),
    )
