"""The chat page meets WCAG 2.2 AA as a browser sees it: axe-core finds no violation of the A and AA rules,
keyboard alone reaches and answers everything with focus always visible and never hidden, replies are
announced, targets are at least 24 by 24 px, and the page reflows at 320 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from bot.serving.web.npm_bundle import fetch, fetched
from tests.channels.browser import PHONE, at_first_question, bot_says, chromium, conversation, message_box
from tests.conftest import ROOT
from tests.serving import Served

pytestmark = pytest.mark.rasa

AXE = {
    "package": "axe-core",
    "version": "4.10.3",
    "integrity": "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg==",
    "bundle": "package/axe.min.js",
}
AXE_FILE = ROOT / "build" / "test-tools" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NARROW = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def axe_script() -> str:
    """axe-core from the npm registry (checked against its integrity), fetched once like the page's client."""
    if not fetched(AXE, AXE_FILE):
        fetch(AXE, AXE_FILE)
    return AXE_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def violations(page: Page, axe_script: str) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script)
    found: list[dict[str, Any]] = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations", WCAG_22_AA
    )
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in found]


def focused(page: Page) -> dict[str, Any]:
    """What has the keyboard focus: its name, whether an outline or ring is drawn, whether it is uncovered."""
    return page.evaluate(
        """() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
        const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        return {
            tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || el.id || '').trim(),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
            uncovered: top !== null && (top === el || el.contains(top)),
        };
    }"""
    )


def tab_to(page: Page, wanted: str, limit: int = 40) -> dict[str, Any]:
    """Presses Tab until the focus is on an element named `wanted`; checks focus is visible at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] != "BODY":
            assert now["outline"], f"focus is drawn on {now['tag']} {now['text']!r}"
            assert now["inView"], f"focus on {now['text']!r} is on screen"
            assert now["uncovered"], f"focus on {now['text']!r} is not hidden under anything"
        if now["text"] == wanted:
            return now
    pytest.fail(f"Tab never reached {wanted!r}")


def test_axe_finds_no_wcag_22_aa_violation(served: Served, browser: Browser, axe_script: str) -> None:
    # bypass_csp: to add axe-core to the page
    with at_first_question(browser, served.page_url, viewport=PHONE, bypass_csp=True) as page:
        assert violations(page, axe_script) == [], "at the first question, with its answer buttons"
        message_box(page).fill("I get cramps at night and I can see bulging veins, I take no water tablets")
        message_box(page).press("Enter")
        bot_says(page, "Here is what I took from that")
        assert violations(page, axe_script) == [], "after a typed message and its reply"


def test_keyboard_alone_reaches_the_box_and_every_answer(served: Served, browser: Browser) -> None:
    with at_first_question(browser, served.page_url, viewport=PHONE) as page:
        buttons = page.get_by_role("group", name="Choose an answer").get_by_role("button").all_inner_texts()
        assert len(buttons) >= 3, "the warning-sign question offers its answers as buttons"
        for title in buttons:
            tab_to(page, title)
        tab_to(page, "message")
        assert page.evaluate("document.activeElement.id") == "message", "Tab reaches the message box"
        page.keyboard.type("none of those")
        page.keyboard.press("Enter")  # Enter sends
        bot_says(page, "come at night")
        assert page.evaluate("document.activeElement.id") == "message", "the focus stays in the box"
        tab_to(page, "Yes")
        page.keyboard.press("Enter")  # a focused answer button answers
        bot_says(page, "knotted veins")
        assert page.evaluate("document.activeElement.id") == "message", "focus moves to the box, never to nowhere"


def test_replies_are_announced_and_controls_are_named(served: Served, browser: Browser) -> None:
    with at_first_question(browser, served.page_url, viewport=PHONE) as page:
        log = conversation(page)
        assert log.get_attribute("aria-live") == "polite", "screen readers announce each reply once it arrives"
        assert log.locator(".message.bot").count() >= 2, "the replies are inside the announced log"
        assert message_box(page).is_visible(), "the message box has a label"
        assert page.get_by_role("button", name="Send").is_visible(), "the send button has a name"
        spoken = log.locator(".message.bot").first.inner_text()
        assert spoken.startswith("The helper said:"), "each message says who wrote it to a screen reader"


def test_targets_are_big_enough_and_the_page_reflows_at_320_px(served: Served, browser: Browser) -> None:
    with at_first_question(browser, served.page_url, viewport=NARROW) as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"], "no sideways scrolling"
        for target in [*page.get_by_role("button").all(), message_box(page)]:
            box = target.bounding_box()
            assert box is not None
            assert box["width"] >= 24, f"{target.inner_text()!r} is at least 24 px wide"
            assert box["height"] >= 24, f"{target.inner_text()!r} is at least 24 px high"
            assert box["x"] >= 0, "every control fits on screen"
            assert box["x"] + box["width"] <= NARROW["width"], "every control fits on screen"
