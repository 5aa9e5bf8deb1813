"""Whole conversations as a person would have them, through the trained model and the real action server."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.core.engine import Engine
from bot.core.knowledge_types import KnowledgeBase
from bot.core.settings import load_settings
from bot.language.finding_matcher import FindingMatcher
from devtools.real_messages import load_real_messages
from tests.conftest import ROOT
from tests.conversation.conftest import Conversation
from tests.conversation.helpers import texts

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]
NUMBER = load_settings().emergency_number


async def test_greeting_says_what_it_does_and_that_it_is_not_a_diagnosis(conversation: Conversation) -> None:
    answer = texts(await conversation.say("hi"))
    assert "not a diagnosis" in answer
    assert "leg cramps" in answer
    assert (await conversation.slots())["requested_slot"] == "warning_signs", "and the safety check follows"


async def test_asks_only_what_the_opening_did_not_tell(conversation: Conversation) -> None:
    replies = await conversation.say(
        "legs feel heavy and achy by the evening, ankles puffy, I can see bulging blue veins and I get cramps at night"
    )
    slots = await conversation.slots()
    assert slots["night_cramps"] == "yes"
    assert slots["visible_veins"] == "yes"
    assert slots["requested_slot"] == "warning_signs", "the warning signs come first, every time"
    assert [b["title"] for r in replies for b in r.get("buttons", [])][-2:] == ["None of these", "Not sure"]
    replies = await conversation.say("none of those")
    assert (await conversation.slots())["requested_slot"] == "diuretics", "then only what the opening did not tell"
    assert [b["title"] for r in replies for b in r.get("buttons", [])] == ["Yes", "No", "Not sure"]
    await conversation.say("no, no water tablets")
    await conversation.say("/deny")
    final = texts(await conversation.say("I sit at a desk all day"))
    slots = await conversation.slots()
    assert slots["exercise"] == "sedentary"
    assert slots["triage_level"] == "consultation"
    assert slots["likely_causes"][0] == "venous_insufficiency"
    assert "venous insufficiency" in final
    assert "10 to 15 minutes" in final
    assert NUMBER in final, "the way out: what would make it urgent"


async def test_red_flag_on_the_first_message_escalates_before_any_question(conversation: Conversation) -> None:
    replies = await conversation.say("my left calf is suddenly swollen red and hot, I flew back from Bangkok on Monday")
    first = replies[0]["text"]
    assert "emergency" in first.lower()
    assert NUMBER in first
    asked = [r for r in replies if r.get("buttons")]
    assert [r["text"].split(".")[0] for r in asked] == ["One more thing"], "no routine question, only: an ambulance?"
    assert "One leg swollen, red or warm" not in [b["title"] for b in asked[0]["buttons"]], "already told"
    slots = await conversation.slots()
    assert slots["triage_level"] == "emergency"
    assert slots["requested_slot"] == "warning_signs"
    answer = texts(await conversation.say("no, none of those"))
    assert "stopped the questions" in answer
    assert (await conversation.slots())["requested_slot"] is None


async def test_red_flag_inside_the_form_stops_the_questions(conversation: Conversation) -> None:
    await conversation.say("I get cramps at night")
    await conversation.say("/deny")
    assert (await conversation.slots())["requested_slot"] == "visible_veins"
    replies = await conversation.say("no. and now I'm short of breath with a pain in my chest when I breathe")
    assert NUMBER in replies[0]["text"]
    assert not any(r.get("buttons") for r in replies)
    slots = await conversation.slots()
    assert slots["triage_level"] == "emergency_ambulance"
    assert slots["requested_slot"] is None
    later = await conversation.say("what should I do")
    assert NUMBER in texts(later)


async def test_digression_is_answered_and_the_form_resumes(conversation: Conversation) -> None:
    await conversation.say("I get leg cramps")
    asked = (await conversation.slots())["requested_slot"]
    replies = await conversation.say("do compression stockings help?")
    assert "compression" in texts(replies).lower()
    assert replies[-1].get("buttons"), "the question comes back"
    assert (await conversation.slots())["requested_slot"] == asked


async def test_an_answer_that_fits_nothing_gets_an_example_then_counts_as_unknown(conversation: Conversation) -> None:
    await conversation.say("I get leg cramps")
    await conversation.say("/deny")
    asked = (await conversation.slots())["requested_slot"]
    first = texts(await conversation.say("whatever"))
    assert "for example" in first.lower() or "something like" in first.lower()
    assert (await conversation.slots())["requested_slot"] == asked
    await conversation.say("asdfgh")
    slots = await conversation.slots()
    assert slots[asked] == "unknown"
    assert slots["requested_slot"] != asked


async def test_emoji_answers_are_read_and_emoji_alone_gets_a_clear_answer(conversation: Conversation) -> None:
    await conversation.say("my calves cramp most nights")
    await conversation.say("/deny")
    await conversation.say("👍")
    assert (await conversation.slots())["visible_veins"] == "yes"
    await conversation.say("👎")
    assert (await conversation.slots())["diuretics"] == "no"
    answer = texts(await conversation.say("😭😭😭"))
    assert "something like" in answer, "emoji alone get an example of what fits"
    assert "drinking less" in answer, "and the question again"


async def test_a_typed_payload_with_a_value_the_slot_does_not_take_is_asked_again(conversation: Conversation) -> None:
    await conversation.say("my calves cramp most nights")
    await conversation.say("/deny")
    answer = texts(await conversation.say('/inform{"visible_veins": "purple"}'))
    assert "something like" in answer, "met like any answer that fits nowhere"
    assert "veins" in answer, "and the question asked again"
    assert (await conversation.slots())["visible_veins"] is None


async def test_a_correction_updates_the_answer_and_redoes_the_assessment(conversation: Conversation) -> None:
    await conversation.say("i get cramps at night, no varicose veins, I don't take water pills")
    await conversation.say("/deny")
    await conversation.say("/deny")
    await conversation.say('/inform{"exercise": "regular"}')
    before = await conversation.slots()
    assert before["diuretics"] == "no"
    assert before["triage_level"] == "self_care"
    answer = texts(await conversation.say("actually I do take diuretics, bendroflumethiazide"))
    after = await conversation.slots()
    assert after["diuretics"] == "yes"
    assert after["triage_level"] == "consultation"
    assert after["likely_causes"][0] in ("medication", "electrolyte_imbalance")
    assert "prescriber or pharmacist" in answer


async def test_follow_ups_after_the_assessment(conversation: Conversation) -> None:
    await conversation.say("cramps most nights and I'm on furosemide")
    await conversation.say("/deny")
    await conversation.say("/deny")
    await conversation.say("/deny")
    await conversation.say('/inform{"exercise": "regular"}')
    why = texts(await conversation.say("why do I get them?"))
    assert "water tablets" in why
    now = texts(await conversation.say("what can I do now?"))
    assert "stretch" in now.lower()
    doctor = texts(await conversation.say("should I see a doctor?"))
    assert "GP" in doctor
    summary = texts(await conversation.say("can you write a summary I can show my doctor"))
    assert "not a diagnosis" in summary
    assert "Said yes to:" in summary


async def test_start_over_forgets_the_answers(conversation: Conversation) -> None:
    await conversation.say("I get cramps at night and I'm on furosemide")
    await conversation.say("start over please")
    slots = await conversation.slots()
    assert slots["night_cramps"] is None
    assert slots["diuretics"] is None


async def test_out_of_scope_gets_a_polite_way_back(conversation: Conversation) -> None:
    answer = texts(await conversation.say("what's the weather like in Paris tomorrow"))
    assert "legs" in answer


async def test_never_diagnoses_or_changes_medicines(conversation: Conversation) -> None:
    said = []
    for text in [
        "I started water tablets last month and now get cramps most nights. should I stop them?",
        "/deny",
        "/deny",
        "/deny",
        "/deny",
        "/not_sure",
        "should I take quinine?",
        "why",
    ]:
        said.append(texts(await conversation.say(text)))
    everything = "\n".join(said)
    assert not re.search(
        r"\byou (have|'ve got) (a |an )?(dvt|clot|venous|varicose|sciatica|dehydration)", everything, re.IGNORECASE
    )
    assert not re.search(
        r"\b(stop|reduce|change) (taking )?(your|the) (tablets|medicine|diuretic)", everything, re.IGNORECASE
    )
    assert "don't stop" in everything.lower() or "do not stop" in everything.lower()
    assert "not recommended" in everything.lower()


async def test_an_empty_message_is_answered_and_the_questions_go_on(conversation: Conversation) -> None:
    await conversation.say("hi")
    answer = texts(await conversation.say("   "))
    assert "didn't get any words" in answer
    assert NUMBER in answer
    assert "safety check" in answer, "the question is asked again"


async def test_a_100_kb_message_never_reaches_the_pipeline_or_the_store(conversation: Conversation) -> None:
    huge = "my legs cramp at night and " * 4000
    assert len(huge) > 100_000
    answer = texts(await conversation.say(huge))
    assert "longer than I can read" in answer
    assert NUMBER in answer
    tracker = await conversation.agent.tracker_store.retrieve(conversation.sender)
    assert all(len(event.text or "") < 1000 for event in tracker.events if hasattr(event, "text"))
    assert (await conversation.slots())["night_cramps"] is None, "nothing was read from it"


async def test_another_language_gets_a_polite_english_only(conversation: Conversation) -> None:
    answer = texts(await conversation.say("Tengo calambres en las piernas por la noche"))
    assert "only read English" in answer
    assert NUMBER in answer


async def test_after_an_hour_idle_a_new_session_keeps_the_answers(conversation: Conversation) -> None:
    from rasa.shared.core.events import SessionStarted

    await conversation.say("my calves cramp most nights and I can see bulging veins")
    tracker = await conversation.agent.tracker_store.retrieve(conversation.sender)
    two_hours_ago = tracker.events[-1].timestamp - 2 * 60 * 60
    for event in tracker.events:
        event.timestamp = two_hours_ago
    await conversation.agent.tracker_store.save(tracker)

    answer = texts(await conversation.say("hi again"))
    tracker = await conversation.agent.tracker_store.retrieve_full_tracker(conversation.sender)
    assert sum(isinstance(event, SessionStarted) for event in tracker.events) == 2, "a new session began"
    assert tracker.get_slot("night_cramps") == "yes", "the answers were carried over"
    assert tracker.get_slot("visible_veins") == "yes"
    assert "cramps come at night" not in answer, "nobody is asked again"


async def test_the_safety_check_comes_first_and_a_sign_pressed_escalates(conversation: Conversation) -> None:
    replies = await conversation.say("hi")
    titles = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert "A foot or toe that is cold, pale, blue or black" in titles
    assert titles[-2:] == ["None of these", "Not sure"]
    sign = next(b["payload"] for r in replies for b in r.get("buttons", []) if b["title"].startswith("A foot or toe"))
    answer = texts(await conversation.say(sign))
    assert f"Call {NUMBER} now" in answer, "a cold, pale foot is an ambulance"
    assert (await conversation.slots())["requested_slot"] is None, "and the questions stop"


async def test_a_plain_yes_to_the_safety_check_asks_which_sign(conversation: Conversation) -> None:
    await conversation.say("hi")
    replies = await conversation.say("yes")
    assert "Which one?" in texts(replies)
    assert len([b for r in replies for b in r.get("buttons", [])]) > 1, "with the signs to press"
    assert (await conversation.slots())["requested_slot"] == "warning_signs"


async def test_a_sign_already_denied_is_not_asked_again(conversation: Conversation) -> None:
    replies = await conversation.say(
        "I get cramps at night, no dark pee and I'm not short of breath or in pain in my chest"
    )
    titles = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert "Dark brown pee" not in titles
    assert "Chest pain or feeling short of breath" not in titles
    assert "Bleeding that won't stop" in titles, "the signs not yet told about are still asked"


async def test_a_message_that_cannot_be_read_still_gets_the_safety_check(conversation: Conversation) -> None:
    await conversation.say("hmmm well ok so")
    assert (await conversation.slots())["requested_slot"] == "warning_signs", "never a guess"


async def test_a_surgery_story_with_a_swollen_calf_escalates_before_any_question(conversation: Conversation) -> None:
    replies = await conversation.say(
        "I had knee surgery 5 days ago and now my calf is really swollen and tight and hurts when I walk"
    )
    assert "emergency" in replies[0]["text"].lower()
    assert "One more thing" in texts(replies), "then only whether it needs an ambulance"
    assert "cramps come at night" not in texts(replies)


async def test_a_description_is_said_back_and_its_question_is_answered_later(conversation: Conversation) -> None:
    answer = texts(await conversation.say("my calves cramp most nights and my veins bulge, what causes these?"))
    assert "Here is what I took from that" in answer
    assert "cramps at night or in bed" in answer
    assert "after a few more questions" in answer
    plain = texts(await conversation.say("/deny"))
    assert "Here is what I took from that" not in plain, "a button press is not said back"


async def test_hard_exercise_in_everyday_words_answers_the_activity_question(conversation: Conversation) -> None:
    for text in ("I get cramps at night", "/deny", "/deny", "/deny", "/deny"):
        await conversation.say(text)
    assert (await conversation.slots())["requested_slot"] == "exercise"
    await conversation.say("I've been exercising really hard lately, much more than usual")
    assert (await conversation.slots())["exercise"] == "strenuous"


async def test_a_story_like_those_that_needed_urgent_care_escalates_on_the_message(
    conversation: Conversation, knowledge: KnowledgeBase, engine: Engine, matcher: FindingMatcher
) -> None:
    """A story whose words no lexicon rule escalates, read by the urgent-story detector. The story is from the half
    it learnt from (in-sample): what is tested is that its reading reaches the person, not how well it reads."""
    (story,) = [m for m in load_real_messages(ROOT / "tests" / "real_messages" / "dev.yml") if m.id == "dev-336"]
    by_rules = engine.assess(
        {f.finding: f.status for f in matcher.find(matcher.nlp(story.text.lower()))},
        date.today(),
    )
    assert knowledge.levels[by_rules.escalation.level].self_help, "the rules alone keep it at home"
    await conversation.say(story.text)
    slots = await conversation.slots()
    assert slots["findings"]["story_like_urgent_ones"] == "present"
    assert slots["escalated_level"] == "emergency", "announced on the message, before any question"
