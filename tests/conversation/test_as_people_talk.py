"""Conversations as people hold them: digressions, answers out of order, carers, medicine questions, starting over.

Each is typed as a person would (typos, half answers, someone else's legs) and checks what that person would
notice: their question answered, the pending question asked again, nothing lost, never stuck.
"""

from __future__ import annotations

import pytest

from bot.core.knowledge_loader import load_knowledge
from tests.conversation.conftest import DID_NOT_GET, Conversation
from tests.conversation.helpers import texts

pytestmark = [pytest.mark.rasa, pytest.mark.asyncio(loop_scope="session")]

EMERGENCY_LEVELS = {level.id for level in load_knowledge().levels.values() if not level.self_help}


async def test_start_over_says_it_once_and_asks_the_first_question(conversation: Conversation) -> None:
    await conversation.say("hi")
    await conversation.say("none of these")
    answer = texts(await conversation.say("start over"))
    assert answer.count("start again") == 1
    assert "safety check" in answer, "the first question comes again"
    assert (await conversation.slots())["requested_slot"] == "warning_signs"


async def assert_no_false_emergency(conversation: Conversation) -> None:
    """No emergency in these calm conversations (the conversation fixture checks none was stuck)."""
    assert (await conversation.slots())["escalated_level"] not in EMERGENCY_LEVELS, "a false emergency"


async def answer_screening_and_night_cramps(conversation: Conversation) -> None:
    await conversation.say("hi")
    await conversation.say("none of these")
    await conversation.say("yes")


async def test_a_question_about_a_word_is_answered_and_the_pending_question_asked_again(
    conversation: Conversation,
) -> None:
    await answer_screening_and_night_cramps(conversation)
    assert (await conversation.slots())["requested_slot"] == "visible_veins"
    answer = texts(await conversation.say("wait, what is a varicose vein?"))
    assert "valves" in answer, "the question is answered"
    assert "bulging, twisted or knotted veins" in answer, "and the veins question comes again"
    slots = await conversation.slots()
    assert slots["visible_veins"] is None, "a question is never taken as an answer"
    assert slots["requested_slot"] == "visible_veins"
    await assert_no_false_emergency(conversation)


async def test_a_job_answers_the_activity_question_out_of_order(conversation: Conversation) -> None:
    await conversation.say("hi")
    await conversation.say("none of these")
    answer = texts(await conversation.say("I'm a postman, walk all day"))
    slots = await conversation.slots()
    assert slots["exercise"] == "regular", "kept, though another question was asked"
    assert slots["requested_slot"] == "night_cramps"
    assert "night" in answer, "the pending question comes again"
    assert DID_NOT_GET not in answer
    await conversation.say("yes")
    await conversation.say("no")
    await conversation.say("no")
    replies = await conversation.say("I drink plenty")
    assert "How active are you" not in texts(replies), "the activity question is never asked"
    await assert_no_false_emergency(conversation)


async def test_a_medicine_question_gets_the_medicine_safe_answer(conversation: Conversation) -> None:
    await conversation.say("my mum gets calf cramps at night, she takes bendroflumethiazide")
    answer = texts(await conversation.say("should she stop the tablets?"))
    assert "Don't stop" in answer
    assert "pharmacist" in answer
    assert "Get help sooner if" in answer, "and what would make it urgent"
    assert "safety check" in answer, "then the pending question again"
    await assert_no_false_emergency(conversation)


async def test_asking_to_be_assessed_starts_the_questions(conversation: Conversation) -> None:
    answer = texts(await conversation.say("check what's causing my cramps"))
    assert "safety check" in answer
    assert (await conversation.slots())["requested_slot"] == "warning_signs"


async def test_after_the_assessment_a_short_reply_or_gibberish_is_offered_the_ways_on(
    conversation: Conversation,
) -> None:
    for message in ("hi", "none of these", "yes", "no", "no", "no", "I walk most days"):
        await conversation.say(message)
    assert (await conversation.slots())["requested_slot"] is None, "the assessment is done"
    replies = await conversation.say("no")
    assert "Start the questions" in [b["title"] for r in replies for b in r.get("buttons", [])]
    await conversation.say("qwpoeiru zxmcnv")
    await conversation.say("asdlkj qweoiu")
    await assert_no_false_emergency(conversation)


async def test_a_changed_answer_is_said_back(conversation: Conversation) -> None:
    await conversation.say("I get cramps at night and I take furosemide")
    await conversation.say("none of these")
    answer = texts(await conversation.say("actually I stopped the furosemide last month"))
    assert "changed your answer about taking water tablets" in answer
    assert (await conversation.slots())["diuretics"] == "no"


async def test_a_summary_asked_early_lists_what_is_missing_and_no_shares(conversation: Conversation) -> None:
    await answer_screening_and_night_cramps(conversation)
    answer = texts(await conversation.say("summary please"))
    assert "Not answered yet" in answer
    assert "bulging or twisted veins" in answer.split("Not answered yet")[1]
    assert "%" not in answer
    assert "bulging, twisted or knotted veins" in answer, "and the questions go on"


async def test_someone_treated_for_a_clot_is_told_what_to_watch_for_before_the_questions(
    conversation: Conversation,
) -> None:
    replies = await conversation.say(
        "i have a dvt in my left leg diagnosed last week, im on blood thinners, and now i get cramps at night"
    )
    answer = texts(replies)
    assert "watch for" in answer
    assert "short of breath" in answer.split("watch for")[1]
    assert "bleeding that won't stop" in answer.split("watch for")[1]
    assert answer.index("watch for") < answer.index("safety check")
    await assert_no_false_emergency(conversation)


async def test_a_carer_is_asked_about_the_person_they_care_for_and_sitting_is_no_emergency(
    conversation: Conversation,
) -> None:
    answer = texts(
        await conversation.say(
            "my mum is 82 and gets awful calf cramps, she takes bendroflumethiazide and doesn't drink much"
        )
    )
    assert "your mum" in answer, "the replies speak of her"
    answer = texts(await conversation.say("she hardly moves, mostly in her chair"))
    slots = await conversation.slots()
    assert slots["exercise"] == "sedentary", "sitting a lot is about activity"
    answer = texts(await conversation.say("none of these"))
    assert "Do your mum's cramps come at night, or wake her up?" in answer
    await assert_no_false_emergency(conversation)


async def test_a_red_flag_in_someone_else_still_escalates(conversation: Conversation) -> None:
    await conversation.say("my husband's right calf is swollen, red and hot since his knee op last week")
    slots = await conversation.slots()
    assert slots["escalated_level"] in EMERGENCY_LEVELS
    assert slots["person"] == "husband"
