"""A broken knowledge file stops loading with one message naming the file, the entry and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.knowledge_loader import KNOWLEDGE_DIR, KnowledgeError, load_knowledge


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "entry", "problem"),
    [
        (
            "causes.yml",
            "visible_veins: {present: 3.0",
            "visible_vein: {present: 3.0",
            "cause 'venous_insufficiency', evidence 'visible_vein'",
            "unknown finding id 'visible_vein'",
        ),
        (
            "causes.yml",
            "dehydration: {present: 3.0, absent: -2.0",
            "dehydration: {present: 7.5, absent: -2.0",
            "cause 'dehydration', evidence 'dehydration', present",
            "7.5 is out of range -5 to 5",
        ),
        ("causes.yml", "    prior: -1.5\n", "", "cause 'electrolyte_imbalance'", "missing field 'prior'"),
        (
            "triage.yml",
            "any: [chest_pain, coughing_blood]",
            "any: [chest_pain, coughing_bloood]",
            "rule 'clot_in_lung_chest', any",
            "unknown finding id 'coughing_bloood'",
        ),
        (
            "triage.yml",
            "level: emergency_ambulance\n    any: [fainting]",
            "level: ambulance\n    any: [fainting]",
            "rule 'collapse', level",
            "unknown level id 'ambulance'",
        ),
        (
            "relief.yml",
            "avoid_if: [claudication, cold_pale_leg, rest_pain, sudden_leg_weakness, leg_ulcer]",
            "avoid_iff: [claudication]",
            "step 'compression_stockings'",
            "missing field 'avoid_if'",
        ),
        (
            "relief.yml",
            "    when: today\n",
            "    when: tomorrow\n",
            "step 'painkiller_soreness', when",
            "'tomorrow' is not one of now, today, ongoing",
        ),
        (
            "findings.yml",
            "    kind: red_flag\n  leg_red_warm:",
            "    kind: urgent\n  leg_red_warm:",
            "finding 'one_leg_swollen', kind",
            "'urgent' is not one of assessment, red_flag, context",
        ),
        (
            "triage.yml",
            "Call {emergency_number} now.",
            "Call {emergency_numbr} now.",
            "level 'emergency_ambulance', advice",
            "unknown placeholder '{emergency_numbr}'",
        ),
        ("sources.yml", "  nhs_pe:\n", "  nhs_pad:\n", "line", "duplicate key 'nhs_pad'"),
        (
            "causes.yml",
            "causes:\n  venous_insufficiency:",
            "causes:\n  venous_insufficiency: [",
            "line",
            "not valid YAML",
        ),
        (
            "causes.yml",
            "    relief: [drink_fluids]\n",
            "    relief: []\n",
            "cause 'dehydration'",
            "has no relief steps",
        ),
        (
            "relief.yml",
            "    picture: legs_raised\n",
            "    picture: leg_raised\n",
            "step 'elevate_legs', picture",
            "unknown picture id 'leg_raised'",
        ),
        (
            "pictures.yml",
            "file: legs_raised.svg",
            "file: legs_up.svg",
            "picture 'legs_raised', file",
            "pictures/legs_up.svg is missing",
        ),
        (
            "pictures.yml",
            "file: legs_raised.svg",
            "file: ../relief.yml",
            "picture 'legs_raised', file",
            "should be the name of an .svg file in pictures/",
        ),
        (
            "pictures.yml",
            "    alt: A person lies down with the legs on pillows, higher than the heart.\n",
            "",
            "picture 'legs_raised'",
            "missing field 'alt'",
        ),
    ],
)
def test_broken_file_names_file_entry_and_problem(
    knowledge_copy: Path, name: str, old: str, new: str, entry: str, problem: str
) -> None:
    edit(knowledge_copy, name, old, new)
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(knowledge_copy)
    error = raised.value
    assert error.file == name
    assert error.entry.startswith(entry)
    assert problem in error.problem
    assert str(error).startswith(f"knowledge file {name}, ")


@pytest.mark.parametrize(
    ("edits", "problem"),
    [
        ([('<title id="title">Lying down with the legs raised</title>', "")], "has no <title>"),
        ([("<svg xmlns", "<html xmlns"), ("</svg>", "</html>")], "is not an SVG drawing"),
        ([("</svg>", "")], "is not a readable SVG drawing"),
        ([('viewBox="0 0 400 300"', 'viewBox="0 0 400"')], "has no viewBox"),
    ],
)
def test_a_broken_drawing_names_its_picture(knowledge_copy: Path, edits: list[tuple[str, str]], problem: str) -> None:
    for old, new in edits:
        edit(knowledge_copy, "pictures/legs_raised.svg", old, new)
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(knowledge_copy)
    assert str(raised.value).startswith(
        f"knowledge file pictures.yml, picture 'legs_raised', file: pictures/legs_raised.svg {problem}"
    )


def test_a_picture_no_step_shows_is_reported(knowledge_copy: Path) -> None:
    edit(knowledge_copy, "relief.yml", "    picture: legs_raised\n", "")
    with pytest.raises(
        KnowledgeError, match=r"^knowledge file pictures.yml, picture 'legs_raised': is the picture of no"
    ):
        load_knowledge(knowledge_copy)


def test_missing_file(knowledge_copy: Path) -> None:
    (knowledge_copy / "relief.yml").unlink()
    with pytest.raises(KnowledgeError, match=r"knowledge file relief.yml, file: missing"):
        load_knowledge(knowledge_copy)


def test_empty_file(knowledge_copy: Path) -> None:
    (knowledge_copy / "findings.yml").write_text("", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"findings.yml, top level: should be a mapping"):
        load_knowledge(knowledge_copy)


def test_the_shipped_files_load() -> None:
    assert load_knowledge().causes
