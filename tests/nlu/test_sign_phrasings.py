"""Each warning sign in the words people use for it (pouring, popped, freezing, grey, wet myself, coke-coloured pee,
a red line, rock hard, flops) reaches its level on that message alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

LevelOf = Callable[[str], str]
Rank = Callable[[str], int]
PHRASINGS = {
    "blood is pouring from a vein on my ankle": "emergency_ambulance",
    "my varicose vein popped and there's blood everywhere": "emergency_ambulance",
    "a vein on my leg burst in the shower, it keeps bleeding": "emergency_ambulance",
    "my calf is hard and hot and swollen": "consultation_24",
    "my left leg is double the size of the right one": "consultation_24",
    "my calf is swollen and I'm coughing up blood": "emergency_ambulance",
    "my foot is freezing and looks grey": "emergency_ambulance",
    "my leg feels cold and the nurse can't find a pulse in my foot": "emergency_ambulance",
    "my foot suddenly went white and numb and it really hurts": "emergency_ambulance",
    "I can't feel it when I wipe and my back is agony": "emergency_ambulance",
    "I wet myself and my back is killing me and both legs are numb": "emergency_ambulance",
    "I can't feel my privates and I can't pee properly": "emergency_ambulance",
    "my pee looks like coke after crossfit and my thighs are agony": "emergency",
    "after the marathon my urine is brown and my legs are really weak": "emergency",
    "there's a red line going up my leg from a cut and I've got chills": "emergency",
    "the red area on my shin is getting bigger by the hour and I feel feverish": "emergency",
    "my shin is rock hard and the pain is off the charts after I was kicked": "emergency",
    "my plaster cast is digging in and my toes are numb and the pain is unbearable": "emergency",
    "I'm breathless and my chest hurts when I breathe in, my calf has been sore for days": "emergency_ambulance",
    "I fainted and my leg has been swollen since my flight": "emergency_ambulance",
    "my leg is red, hot, and the redness is spreading fast": "emergency",
    "I can't lift my foot, it just flops, happened this morning": "emergency_ambulance",
    "my heel is black and it smells": "emergency_ambulance",
    "my calf has been cramping for 30 minutes and won't let go": "consultation_24",
    "I've been throwing up all day and I'm on water tablets and my legs are cramping": "consultation_24",
    "my leg is bruised and swollen from the knee down after a fall and it's getting tighter": "consultation_24",
    # a sign inside a worried question: the worry is about what it means, not whether it is there
    "should I worry that my calf is swollen and red after my flight?": "consultation_24",
    "I'm scared that my foot has gone cold and white": "emergency_ambulance",
    # text-speak, capitals and run-together numbers
    "cant feel ma bum n cant pee": "emergency_ambulance",
    "ma leg is swole n red n hot": "consultation_24",
    "omg my foot is like ice n its gone white": "emergency_ambulance",
    "my vein burst theres blood evrywhere wont stop": "emergency_ambulance",
    "red patch spredin up my leg n i got a temp": "emergency",
    "cant breath properly n my calf is swollen": "emergency_ambulance",
    "leg swollen after 12hr flight": "emergency",
    "numb between legs + cant wee": "emergency_ambulance",
    "cramp has lasted 45 mins and wont go": "consultation_24",
    "LEG IS SWOLLEN AND HOT AND RED": "consultation_24",
    "short of breath...calf swollen...help": "emergency_ambulance",
}


@pytest.mark.parametrize(("text", "level"), PHRASINGS.items(), ids=[text[:40] for text in PHRASINGS])
def test_a_sign_in_everyday_words_reaches_its_level(level_of: LevelOf, rank: Rank, text: str, level: str) -> None:
    reached = level_of(text)
    assert rank(reached) <= rank(level), f"{text!r} reached only {reached}"
