"""Where the channel can show them, the relief plan carries its pictures and the summary is marked as a document;
the terminal, which would print them as raw JSON, gets the text alone."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.assessment import ActionGiveAssessment
from actions.followups import ActionGiveReliefSteps, ActionGiveSummary
from tests.actions.conftest import MakeTracker
from tests.actions.test_actions import VEINS

pytestmark = pytest.mark.asyncio(loop_scope="session")
BLEEDING = {"findings": {"bleeding_vein": "present"}}


def said(dispatcher: CollectingDispatcher, response: str) -> dict[str, Any]:
    return next(message for message in dispatcher.messages if message["response"] == response)


@pytest.mark.parametrize("channel", ["telegram", "socketio"])
@pytest.mark.parametrize("action", [ActionGiveAssessment, ActionGiveReliefSteps])
async def test_the_plan_carries_each_picture_with_the_line_of_its_step(
    tracker: MakeTracker, domain: dict[str, Any], channel: str, action: type[ActionGiveAssessment]
) -> None:
    dispatcher = CollectingDispatcher()
    await action().run(dispatcher, tracker(VEINS, channel=channel), domain)
    plan = said(dispatcher, "utter_plan")
    lines = plan["steps"].split("\n")
    pictures = plan["custom"]["pictures"]
    beside = {picture["id"]: lines[picture["line"]] for picture in pictures}
    assert list(beside) == [
        "toes_up_stretch",
        "legs_raised",
        "compression_stocking",
        "calf_raises_walking",
        "wall_calf_stretch",
    ], "in the order of the steps"
    assert beside["toes_up_stretch"].startswith("- During a cramp, stretch the muscle")
    assert beside["legs_raised"].startswith("- Raise your legs above the level of your heart")
    assert beside["compression_stocking"].startswith("- Ask a pharmacist or GP about compression stockings")
    assert beside["calf_raises_walking"].startswith("- Walk or cycle every day")
    assert beside["wall_calf_stretch"].startswith("- Stretch your calves 3 times a day")
    assert len(lines) > len(pictures), "steps without a picture keep their lines"


async def test_the_terminal_gets_the_plan_as_text_only(tracker: MakeTracker, domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGiveAssessment().run(dispatcher, tracker(VEINS, channel="cmdline"), domain)
    plan = said(dispatcher, "utter_plan")
    assert "Raise your legs" in plan["steps"]
    assert all(message["custom"] == {} for message in dispatcher.messages), "no custom payload to print as JSON"


async def test_first_aid_has_no_pictures(tracker: MakeTracker, domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGiveReliefSteps().run(dispatcher, tracker(BLEEDING, channel="telegram"), domain)
    first_aid = said(dispatcher, "utter_first_aid")
    assert "press" in first_aid["steps"].lower()
    assert first_aid["custom"] == {}, "first aid is words only"


@pytest.mark.parametrize(("channel", "mark"), [("telegram", {"document": "summary"}), ("cmdline", {})])
async def test_the_summary_is_marked_as_a_document_where_files_can_be_sent(
    tracker: MakeTracker, domain: dict[str, Any], channel: str, mark: dict[str, str]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGiveSummary().run(dispatcher, tracker(VEINS, channel=channel), domain)
    (message,) = dispatcher.messages
    assert "Said yes to:" in message["summary"]
    assert message["custom"] == mark
