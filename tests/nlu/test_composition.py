"""Messages built of two parts: a context then a warning sign escalates; a calm message then a reassurance does not.

People lead up to the sign: "I had a DVT years ago. My foot went cold and white", "my doctor said it was nothing
and this morning my vein burst". Each context's cue (historical, negation, long-standing) must stop where the
sign begins, however the two are joined. And a sign denied, asked about or feared ("my feet are warm and pink",
"what are the signs of a blood clot?") after an ordinary complaint sends nobody to a doctor the same day.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.nlu.sign_sentences import SIGNS

LevelOf = Callable[[str], str]
Rank = Callable[[str], int]

CONTEXTS = (
    "I've had varicose veins for years",
    "I had a DVT years ago",
    "my mum had clots",
    "I used to run marathons",
    "I don't take water pills",
    "I'm not sure what's going on",
    "I thought it was just a cramp",
    "As a child I had growing pains",
    "I never drink enough water",
    "no swelling before",
    "I had surgery last year",
    "I've had sciatica for ages",
    "my doctor said it was nothing",
    "I get cramps at night",
)
JOINS = (
    ", and now {sign}",
    ". Now {sign}",
    " but today {sign}",
    ". Last night {sign}",
    " and this morning {sign}",
    ". {Sign}",
)


@pytest.mark.parametrize(("sign", "level"), SIGNS.items(), ids=list(SIGNS))
def test_a_sign_after_any_context_reaches_its_level(level_of: LevelOf, rank: Rank, sign: str, level: str) -> None:
    assert rank(level_of(sign)) <= rank(level), "the sign alone"
    for context in CONTEXTS:
        for join in JOINS:
            text = context + join.format(sign=sign, Sign=sign[0].upper() + sign[1:])
            reached = level_of(text)
            assert rank(reached) <= rank(level), f"{text!r} reached only {reached}"


CALM = (
    "I get cramps in my calves at night",
    "my legs ache after standing all day",
    "I have varicose veins that itch",
    "I ran a half marathon yesterday and my legs are sore",
)
REASSURANCES = (
    "no swelling, no redness",
    "my leg isn't swollen or red",
    "no chest pain or shortness of breath",
    "I know clots are a risk after long flights",
    "what are the signs of a blood clot?",
    "I read that dark pee can mean muscle breakdown",
    "my pee is a normal colour",
    "I'm worried about DVT but my calf looks fine",
    "there's no bleeding",
    "my feet are warm and pink",
    "I can feel everything down below and peeing is normal",
    "no fever",
    "I had a DVT 10 years ago, all fine since",
    "I'm not short of breath",
    "the cast feels fine",
    "these cramps are killing me",
)


@pytest.mark.parametrize("calm", CALM)
def test_a_reassurance_or_a_question_after_a_calm_message_escalates_nothing(
    level_of: LevelOf, rank: Rank, calm: str
) -> None:
    for reassurance in REASSURANCES:
        for join in (". {said}", ", {said}", " and {said}", " but {said}"):
            text = calm + join.format(said=reassurance)
            reached = level_of(text)
            assert rank(reached) > rank("consultation_24"), f"{text!r} reached {reached}"


OPENINGS = (
    "Hi, ",
    "Quick question: ",
    "Not sure but ",
    "Maybe it's nothing but ",
    "Help! ",
    "Idk if this matters but ",
)
ENDINGS = (
    ", what should I do?",
    ". Is this serious?",
    ". Could it be a clot?",
    ", not sure why",
    " lol",
    ". Please help",
)


@pytest.mark.parametrize(("sign", "level"), SIGNS.items(), ids=list(SIGNS))
def test_a_sign_between_greetings_doubts_and_questions_reaches_its_level(
    level_of: LevelOf, rank: Rank, sign: str, level: str
) -> None:
    """The words around a sign ("not sure but ... should I worry?") doubt its meaning, not that it is there; "I
    think my calf is swollen" is a sign as told, so it reaches same-day care at least."""
    for ending in ENDINGS:
        for opening in OPENINGS:
            text = opening + sign[0].lower() + sign[1:] + ending
            reached = level_of(text)
            assert rank(reached) <= rank(level), f"{text!r} reached only {reached}"
        hedged = "I think " + sign[0].lower() + sign[1:] + ending
        reached = level_of(hedged)
        assert rank(reached) <= rank("consultation_24"), f"{hedged!r} reached only {reached}"


RISKS = (
    "I had knee surgery 5 days ago",
    "I flew back from Australia on Monday",
    "I've been in a cast for three weeks",
    "I'm 30 weeks pregnant",
    "I started the pill last month",
    "I had a baby two weeks ago",
    "I had a hip replacement last week",
    "I'm on chemo for breast cancer",
    "I'm on HRT",
    "I've got a moon boot on after breaking my ankle",
)
CALVES = {
    "my calf is swollen and sore": "emergency",
    "one leg is bigger than the other": "emergency",
    "my calf really hurts": "consultation_24",
    "my calf is tight and tender": "consultation_24",
}


@pytest.mark.parametrize("risk", RISKS)
def test_a_clot_risk_then_a_sore_or_swollen_calf_is_a_possible_clot(level_of: LevelOf, rank: Rank, risk: str) -> None:
    """The issue's first miss: "I had knee surgery 5 days ago and now my calf is really swollen"."""
    for calf, level in CALVES.items():
        for join in (" and now {calf}", ". {Calf}", ", {calf}", " - since then {calf}"):
            text = risk + join.format(calf=calf, Calf=calf[0].upper() + calf[1:])
            reached = level_of(text)
            assert rank(reached) <= rank(level), f"{text!r} reached only {reached}"
