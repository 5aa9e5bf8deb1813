"""Flesch-Kincaid reading grade, to keep patient-facing text at school grade 6 to 8.

A small, dependency-free estimate: syllables are counted as vowel groups, corrected for the commonest misses
in both directions (a silent final e, -ed and -es said inside the syllable before, two vowels said apart), which
is close enough to rank texts and catch wording that drifts towards the grade 11 of big health sites.
Sentences end at . ! ? : or ; and at the end of a line: the chat channels show each "- " line of a list as an
item of its own, so a list item or a heading on its own line is read as a sentence, ended or not. The grade is
the standard formula: 0.39 words per sentence + 11.8 syllables per word - 15.59.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?:;]+(?:\s|$)")
_ENDED = re.compile(r"[.!?:;]$")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_SILENT_ENDING = re.compile(r"(?<![ley])e$|(?<![aeiouytd])ed$|(?<![aeiouysxzcgh])(?<![^aeiouy]l)es$")
"""A final e (make; not people, see), -ed (closed, not twisted) or -es (makes, not bulges, muscles) that adds no
syllable of its own."""
_VOWELS_APART = re.compile(r"(?<![cst])io|(?<![ct])ia|iu|(?<![qg])ua|[aeiouy](?=ing)")
"""Two vowels in a row said as two syllables (radio, diarrhoea, diuretic, usual, being), unlike -tion, -cial."""


def syllables(word: str) -> int:
    """Vowel groups, less a silent ending, plus each pair of vowels said apart; at least one.

    Counting vowel groups alone gave "makes", "closed" and "confused" a syllable too many (which raised the
    grade of plain words) and "diuretics", "potassium" and "being" one too few (which hid hard ones).
    """
    lower = word.lower()
    count = len(_VOWEL_GROUP.findall(lower))
    if count > 1 and _SILENT_ENDING.search(lower):
        count -= 1
    return max(count + len(_VOWELS_APART.findall(lower)), 1)


def sentences(text: str) -> int:
    """Sentence ends, counting the end of each line with words that has no sentence mark of its own; at least one."""
    lines = [line.strip() for line in text.splitlines() if _WORD.search(line)]
    marked = sum(len(_SENTENCE_END.findall(line + " ")) for line in lines)
    return max(marked + sum(not _ENDED.search(line) for line in lines), 1)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of a text (0 for text without words)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    total_syllables = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences(text) + 11.8 * total_syllables / len(words) - 15.59
