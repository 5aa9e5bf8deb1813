"""The knowledge tables are complete, consistent and worded as the safety rules require."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bot.core.knowledge_loader import KNOWLEDGE_DIR, PICTURES_FOLDER, WEIGHT_LIMIT
from bot.core.knowledge_types import KnowledgeBase
from devtools.reading_grades import patient_texts
from tests.conftest import ROOT

ASSESSMENT_SLOTS = {"night_cramps", "visible_veins", "diuretics", "dehydration", "exercise"}
REQUIRED_CAUSES = {
    "venous_insufficiency",
    "dehydration",
    "electrolyte_imbalance",
    "medication",
    "muscle_fatigue",
    "nerve_compression",
    "idiopathic",
}
LEVELS = ["emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"]


def test_levels_are_the_five_in_order(knowledge: KnowledgeBase) -> None:
    assert list(knowledge.levels) == LEVELS
    assert [level.self_help for level in knowledge.levels.values()] == [False, False, True, True, True]


def test_required_causes_and_assessment_slots(knowledge: KnowledgeBase) -> None:
    assert {cause.id for cause in knowledge.causes} >= REQUIRED_CAUSES
    slots = {f.slot for f in knowledge.findings.values() if f.kind == "assessment"}
    assert slots == ASSESSMENT_SLOTS
    exercise = {f.value for f in knowledge.findings.values() if f.slot == "exercise"}
    assert exercise == {"strenuous", "regular", "sedentary"}


def test_reference_red_flags_are_findings(knowledge: KnowledgeBase) -> None:
    red_flags = {f.id for f in knowledge.findings.values() if f.kind == "red_flag"}
    assert {
        "one_leg_swollen",
        "leg_red_warm",
        "breathless",
        "chest_pain",
        "coughing_blood",
        "cold_pale_leg",
        "bleeding_vein",
        "dark_urine",
        "saddle_numbness",
        "bladder_bowel_change",
        "spreading_redness",
        "fever",
    } <= red_flags


def test_every_red_flag_can_raise_the_level(knowledge: KnowledgeBase) -> None:
    in_rules = {f for rule in knowledge.rules for f in rule.all_of | rule.any_of}
    red_flags = {f.id for f in knowledge.findings.values() if f.kind == "red_flag"}
    assert red_flags <= in_rules


def test_causes_are_complete(knowledge: KnowledgeBase) -> None:
    for cause in knowledge.causes:
        assert cause.relief, cause.id
        assert cause.sources, cause.id
        assert cause.see_doctor_if, cause.id
        assert any(ev.present > 0 for ev in cause.evidence), f"nothing points to {cause.id}"
        for ev in cause.evidence:
            assert -WEIGHT_LIMIT <= ev.present <= WEIGHT_LIMIT
            assert -WEIGHT_LIMIT <= ev.absent <= WEIGHT_LIMIT
            assert ev.source in knowledge.sources


def test_every_step_is_used(knowledge: KnowledgeBase) -> None:
    used = set(knowledge.always)
    used |= {step for cause in knowledge.causes for step in cause.relief}
    used |= {step for rule in knowledge.rules for step in rule.first_aid}
    assert used == set(knowledge.steps)


def test_every_source_is_cited(knowledge: KnowledgeBase) -> None:
    cited = {step.source for step in knowledge.steps.values()}
    cited |= {rule.source for rule in knowledge.rules} | {item.source for item in knowledge.safety_net}
    for cause in knowledge.causes:
        cited |= set(cause.sources) | {cause.explanation.source} | {f.source for f in cause.see_doctor_if}
        cited |= {ev.source for ev in cause.evidence}
    guidance = knowledge.guidance
    cited |= {guidance.medicine_question.source} | {f.source for c in guidance.known_conditions for f in c.watch_for}
    assert cited == set(knowledge.sources)


def test_urgent_levels_tell_people_to_call_the_configured_number(knowledge: KnowledgeBase) -> None:
    for level_id in ("emergency_ambulance", "emergency", "consultation_24"):
        assert "{emergency_number}" in knowledge.levels[level_id].advice


def test_no_hard_coded_emergency_number_in_the_knowledge_files() -> None:
    for path in KNOWLEDGE_DIR.glob("*.yml"):
        assert not re.search(r"\b(999|911|112|111)\b", path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"\byou(?: have|['\u2019]ve got) (?:a |an )?[a-z]+", "never diagnose"),
        (r"\b(stop|start|increase|reduce|change) (taking|your)\b", "never change a medicine"),
        (r"\bquinine\b", "quinine is not a routine treatment"),
        (r"\bdefinitely\b|\bcertainly\b", "no false certainty"),
    ],
)
def test_safety_wording(knowledge: KnowledgeBase, pattern: str, why: str) -> None:
    allowed = {"you have had", "you have new", "you have unexplained"}
    for where, text in patient_texts(knowledge):
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            phrase = text[match.start() : match.end() + 12].lower()
            assert any(phrase.startswith(a) for a in allowed), f"{where}: '{match.group(0)}' ({why})"


def test_medicine_advice_defers_to_the_prescriber(knowledge: KnowledgeBase) -> None:
    review = knowledge.steps["medicine_review"].text.lower()
    assert "prescriber or pharmacist" in review
    assert "do not stop" in review


def test_no_concept_lists_a_phrase_twice(knowledge: KnowledgeBase) -> None:
    """A phrase listed twice is an edit that lost track of the list: the second copy adds nothing."""
    from bot.language.lexicon import load_lexicon

    for name, phrases in load_lexicon(knowledge).concepts.items():
        assert len(phrases) == len(set(phrases)), f"concept {name!r} lists a phrase twice"


def test_knowledge_lives_outside_rasa_training_data() -> None:
    assert KNOWLEDGE_DIR.parent == ROOT / "bot" / "core"
    assert not any(Path("data").rglob("findings.yml"))


SVG = "{http://www.w3.org/2000/svg}"
DRAWN = {"g", "path", "circle", "rect", "ellipse", "line", "polyline", "polygon"}
"""The only elements a drawing needs: shapes and groups (no text, images, scripts, links or embedded pages)."""


@pytest.fixture(params=sorted(path.name for path in (KNOWLEDGE_DIR / PICTURES_FOLDER).glob("*.svg")))
def drawing(request: pytest.FixtureRequest) -> ElementTree.Element:
    """Every drawing in the folder, named in pictures.yml or not."""
    return ElementTree.parse(KNOWLEDGE_DIR / PICTURES_FOLDER / request.param).getroot()


def test_the_steps_a_picture_shows(knowledge: KnowledgeBase) -> None:
    pictured = {step.id: step.picture for step in knowledge.steps.values() if step.picture}
    assert pictured == {
        "stretch_or_massage": "toes_up_stretch",
        "calf_stretch_daily": "wall_calf_stretch",
        "elevate_legs": "legs_raised",
        "compression_stockings": "compression_stocking",
        "calf_pump_exercise": "calf_raises_walking",
    }
    first_aid = {step for rule in knowledge.rules for step in rule.first_aid}
    assert not first_aid & set(pictured), "first aid is read in a hurry: words only"


def test_a_drawing_is_named_and_described_for_screen_readers(drawing: ElementTree.Element) -> None:
    assert drawing.get("role") == "img"
    assert drawing.get("viewBox") == "0 0 400 300"
    for part in ("title", "desc"):
        element = drawing.find(f"{SVG}{part}")
        assert element is not None, f"no <{part}>"
        assert element.text, f"empty <{part}>"
        assert element.get("id") in (drawing.get("aria-labelledby") or "").split()
    assert len((drawing.findtext(f"{SVG}desc") or "").split()) >= 15, "the description says what is drawn"


def test_a_drawing_is_only_shapes_with_nothing_loaded_or_run(drawing: ElementTree.Element) -> None:
    shown = [element for element in drawing.iter() if element.tag not in (f"{SVG}svg", f"{SVG}title", f"{SVG}desc")]
    assert {element.tag.removeprefix(SVG) for element in shown} <= DRAWN, "no text, image, script or link"
    for element in drawing.iter():
        for name, value in element.attrib.items():
            assert not name.endswith("href"), f"{name}={value}: nothing is fetched"
            assert not name.startswith("on"), f"{name}: no script"
            assert not re.search(r"url\(|//", value), f"{name}={value}: nothing is fetched"


def test_a_drawing_is_dark_lines_on_white(drawing: ElementTree.Element) -> None:
    background = drawing.find(f"{SVG}rect")
    assert background is not None
    assert (background.get("width"), background.get("height"), background.get("fill")) == ("400", "300", "#ffffff")
    colours = {value for element in drawing.iter() for key in ("stroke", "fill") if (value := element.get(key))}
    assert colours <= {"#1a1a1a", "#ffffff", "none"}, "high contrast: near-black on white only"


def test_drawings_are_small(knowledge: KnowledgeBase) -> None:
    for picture in knowledge.pictures.values():
        assert picture.path.stat().st_size < 8 * 1024, picture.id


def test_alt_text_is_one_plain_sentence(knowledge: KnowledgeBase) -> None:
    for picture in knowledge.pictures.values():
        assert picture.alt.startswith("A person "), f"{picture.id}: says what the person does"
        assert picture.alt.endswith("."), picture.id
        assert picture.alt.count(".") == 1, f"{picture.id}: one sentence"
        assert len(picture.alt.split()) <= 20, picture.id
