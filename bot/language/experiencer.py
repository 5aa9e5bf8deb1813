"""Finds whom a message is about when it is not its writer: "my mum is 82 and gets awful calf cramps".

ConText's experiencer category. A carer tells the findings of the person they look after; the assessment is for
that person, and the replies speak of them. Plain patterns over the text, from the lexicon's `people`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.finding_matcher import TYPOGRAPHIC
from bot.language.lexicon import People


@dataclass(frozen=True)
class Person:
    """Someone else a message is about: the relation as written ("mum"), the pronoun replies use ("her"), and
    where the message names them (character offsets)."""

    relation: str
    pronoun: str
    start: int
    end: int


class ExperiencerFinder:
    """Built once from the lexicon; `find` is a regular-expression search per message."""

    def __init__(self, people: People) -> None:
        self.people = people
        relations = "|".join(sorted(map(re.escape, people.relations), key=len, reverse=True))
        says = "|".join(sorted(map(re.escape, people.says_of), key=len, reverse=True))
        self._pattern = re.compile(
            rf"\bfor my (?P<for>{relations})\b|\bmy (?:\w+ )?(?:year old |yr old )?(?P<of>{relations})(?:\s*(?:{says}))"
        )

    def find(self, text: str) -> Person | None:
        """The first person the message is about, other than its writer; None when it is about the writer."""
        found = self._pattern.search(text.lower().translate(TYPOGRAPHIC))
        if found is None:
            return None
        group = "for" if found.group("for") else "of"
        relation = found.group(group)
        return Person(relation, self.people.relations[relation], found.start(group), found.end(group))
