"""Ordinary complaints, however dramatic their words, send nobody to a doctor the same day.

Over-triage has a cost too: a bot that sends every "killing me" and every leg that went dead on the loo to A&E
teaches people to ignore it. Each message below is ordinary (tired, sore, cramping, positional numbness, known
chronic trouble); none states a warning sign.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

LevelOf = Callable[[str], str]
Rank = Callable[[str], int]
ORDINARY = (
    "my legs ache after a long day on my feet",
    "I get restless legs at night",
    "my ankles swell when it's hot",
    "I get cramps in my feet when I swim",
    "my calves are sore after leg day",
    "my varicose veins throb in the evening",
    "I'm 75 and get cramps every night",
    "my knee hurts when I climb stairs",
    "I've got shin splints from running",
    "pins and needles in my foot after sitting cross-legged",
    "my feet are always cold in winter",
    "my legs feel heavy at the end of the day",
    "my calf cramped while I was asleep and it's still a bit sore",
    "I bumped my shin on the table and it's bruised",
    "I had a charley horse last night, it hurt like hell",
    "the cramp woke me up screaming but it went after a minute",
    "my legs are killing me after the hike",
    "I have spider veins on my legs",
    "I'm pregnant and get leg cramps at night",
    "my feet swell on long flights but go down after",
    "I'm on water pills and get cramps sometimes",
    "my leg went dead after sitting on the toilet too long",
    "I pulled a muscle in my calf playing tennis",
    "I nearly passed out from the pain of the cramp haha",
    "my toes go blue in the cold",
)


@pytest.mark.parametrize("text", ORDINARY)
def test_an_ordinary_complaint_stays_below_same_day_care(level_of: LevelOf, rank: Rank, text: str) -> None:
    reached = level_of(text)
    assert rank(reached) > rank("consultation_24"), f"{text!r} reached {reached}"
