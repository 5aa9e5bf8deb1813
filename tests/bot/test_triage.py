"""One hand-written clinical case per triage rule: the level a clinician would expect, not one read from the table."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.knowledge_types import KnowledgeBase
from tests.conftest import TODAY

# rule id -> (findings present, findings denied, expected level)
CASES: dict[str, tuple[set[str], set[str], str]] = {
    "clot_in_lung_chest": ({"chest_pain", "night_cramps"}, set(), "emergency_ambulance"),
    "clot_in_lung_breath": ({"breathless", "one_leg_swollen"}, set(), "emergency_ambulance"),
    "clot_in_lung_faint": ({"breathless", "dizzy_standing"}, set(), "emergency_ambulance"),
    "clot_in_lung_heart": ({"palpitations", "one_leg_swollen"}, {"breathless"}, "emergency_ambulance"),
    "collapse": ({"fainting"}, set(), "emergency_ambulance"),
    "blocked_artery": ({"cold_pale_leg"}, {"visible_veins"}, "emergency_ambulance"),
    "bleeding_vein_uncontrolled": (
        {"bleeding_vein", "bleeding_wont_stop", "visible_veins"},
        set(),
        "emergency_ambulance",
    ),
    "cauda_equina_saddle": ({"saddle_numbness"}, set(), "emergency_ambulance"),
    "cauda_equina_bladder": ({"bladder_bowel_change", "sciatica"}, set(), "emergency_ambulance"),
    "clot_in_leg": ({"one_leg_swollen", "leg_red_warm", "clot_risk"}, set(), "emergency"),
    "short_of_breath": ({"breathless"}, {"one_leg_swollen"}, "emergency"),
    "bleeding_vein": ({"bleeding_vein", "visible_veins"}, {"bleeding_wont_stop"}, "emergency"),
    "muscle_breakdown": ({"dark_urine", "exercise_strenuous"}, set(), "emergency"),
    "bladder_bowel_change": ({"bladder_bowel_change"}, {"sciatica"}, "emergency"),
    "spreading_infection": ({"spreading_redness", "fever"}, set(), "emergency"),
    "fast_spreading_infection": ({"spreading_redness", "fast_spreading_redness"}, {"fever", "calf_pain"}, "emergency"),
    "confusion": ({"confusion", "fluid_loss"}, set(), "emergency"),
    "no_pee": ({"no_urine", "dehydration"}, set(), "emergency"),
    "fever_with_red_leg": ({"fever", "leg_red_warm"}, {"spreading_redness"}, "emergency"),
    "warning_chest_breath": ({"sign_chest_breath"}, set(), "emergency_ambulance"),
    "warning_bleeding": ({"sign_bleeding", "visible_veins"}, set(), "emergency_ambulance"),
    "warning_cold_foot": ({"sign_cold_foot"}, set(), "emergency_ambulance"),
    "warning_saddle_bladder": ({"sign_saddle_bladder", "sciatica"}, set(), "emergency_ambulance"),
    "warning_leg_swollen_red": ({"sign_leg_swollen_red"}, set(), "consultation_24"),
    "warning_leg_with_clot_risk": ({"sign_leg_swollen_red", "clot_risk"}, set(), "emergency"),
    "story_like_urgent_ones": ({"story_like_urgent_ones"}, set(), "emergency"),
    "warning_dark_pee": ({"sign_dark_pee", "exercise_strenuous"}, set(), "emergency"),
    "warning_fever_spreading": ({"sign_fever_spreading"}, set(), "emergency"),
    "compartment_pressure": ({"cast_too_tight", "leg_injury"}, set(), "emergency"),
    "severe_pain_after_injury": ({"severe_leg_pain", "leg_injury"}, {"cast_too_tight"}, "emergency"),
    "compartment_after_injury": ({"tight_swollen_calf", "leg_injury"}, set(), "emergency"),
    "clot_told": ({"clot_now"}, {"clot_risk"}, "consultation_24"),
    "calf_pain_with_clot_risk": ({"calf_pain", "clot_risk"}, {"one_leg_swollen"}, "consultation_24"),
    "lasting_calf_pain": ({"lasting_calf_pain", "calf_pain"}, {"clot_risk"}, "consultation_24"),
    "tight_swollen_calf": ({"tight_swollen_calf"}, {"leg_injury"}, "consultation_24"),
    "vomiting_over_a_day": ({"persistent_vomiting", "fluid_loss"}, {"diuretics"}, "consultation_24"),
    "fluid_loss_on_diuretic": ({"diuretics", "fluid_loss", "night_cramps"}, set(), "consultation_24"),
    "cramp_not_easing": ({"cramp_not_easing", "long_cramp"}, {"one_leg_swollen"}, "consultation_24"),
    "swelling_and_pain_after_exercise": (
        {"severe_leg_pain", "exercise_strenuous", "ankle_swelling"},
        {"dark_urine"},
        "emergency",
    ),
    "aching_veins": ({"aching_veins", "visible_veins"}, set(), "consultation"),
    "salts_on_diuretic": ({"diuretics", "palpitations", "muscle_weakness"}, set(), "emergency"),
    "tetanus": ({"jaw_stiffness"}, set(), "emergency"),
    "one_swollen_leg": ({"one_leg_swollen"}, {"leg_red_warm", "clot_risk"}, "consultation_24"),
    "red_warm_leg": ({"leg_red_warm"}, {"one_leg_swollen", "fever"}, "consultation_24"),
    "hard_painful_vein": ({"hard_painful_vein", "visible_veins"}, set(), "consultation_24"),
    "pain_at_rest": ({"rest_pain", "claudication"}, set(), "consultation_24"),
    "dizzy_on_standing": ({"dizzy_standing", "fluid_loss", "dehydration"}, set(), "consultation_24"),
    "weak_or_palpitations": ({"palpitations"}, {"diuretics"}, "consultation_24"),
    "symptomatic_varicose_veins": ({"visible_veins", "night_cramps"}, {"diuretics"}, "consultation"),
    "skin_or_ulcer": ({"skin_changes"}, set(), "consultation"),
    "walking_pain": ({"claudication"}, set(), "consultation"),
    "persistent_cramps": ({"frequent_cramps", "night_cramps"}, {"visible_veins", "diuretics"}, "consultation"),
    "medicine_review": ({"diuretics", "night_cramps"}, {"visible_veins"}, "consultation"),
    "sciatica": ({"sciatica"}, {"bladder_bowel_change", "saddle_numbness"}, "consultation"),
}


def test_every_rule_has_a_case(knowledge: KnowledgeBase) -> None:
    assert {rule.id for rule in knowledge.rules} == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_reaches_its_level(engine: Engine, rule_id: str) -> None:
    present, absent, level = CASES[rule_id]
    findings = {f: "present" for f in present} | {f: "absent" for f in absent}
    result = engine.assess(findings, TODAY)
    assert result.level == level
    assert rule_id in {rule.id for rule in result.fired_rules}
    assert result.escalation.reasons, "an escalation must say why"


def test_a_fever_with_a_painful_leg_is_an_emergency(engine: Engine) -> None:
    """Cellulitis may show pain before redness: with a fever it is an emergency, as with a red leg."""
    for pain in ("calf_pain", "severe_leg_pain"):
        assert engine.assess({"fever": "present", pain: "present"}, TODAY).level == "emergency"
    assert engine.assess({"calf_pain": "present"}, TODAY).level != "emergency"


def test_short_of_breath_with_a_painful_leg_is_an_ambulance(engine: Engine) -> None:
    """A clot that reached the lung may follow a leg told only as very painful, or painful for days."""
    for pain in ("severe_leg_pain", "lasting_calf_pain"):
        assert engine.assess({"breathless": "present", pain: "present"}, TODAY).level == "emergency_ambulance"


def test_no_findings_is_self_care_with_a_way_out(engine: Engine) -> None:
    result = engine.assess({}, TODAY)
    assert result.level == "self_care"
    assert any("999" in text for text in result.escalation.urgent_if)


def test_denied_red_flags_do_not_escalate(engine: Engine, knowledge: KnowledgeBase) -> None:
    denied = {f: "absent" for f in knowledge.findings}
    assert engine.assess(denied, TODAY).level == "self_care"
    unsure = {f: "unknown" for f in knowledge.findings}
    assert engine.assess(unsure, TODAY).level == "self_care"


def test_emergency_advice_names_the_configured_number(knowledge: KnowledgeBase) -> None:
    result = Engine(knowledge, "911").assess({"chest_pain": "present"}, TODAY)
    assert "911" in result.escalation.advice
    assert "{" not in result.escalation.advice


def test_emergency_plan_is_first_aid_only(engine: Engine) -> None:
    bleeding = engine.assess({"bleeding_vein": "present", "visible_veins": "present"}, TODAY)
    assert [step.id for step in bleeding.plan] == ["first_aid_bleeding"]
    clot = engine.assess({"one_leg_swollen": "present", "clot_risk": "present", "night_cramps": "present"}, TODAY)
    assert [step.id for step in clot.plan] == ["do_not_rub_leg"]


def test_most_urgent_level_has_no_more_urgent_safety_net(engine: Engine) -> None:
    assert engine.assess({"chest_pain": "present"}, TODAY).escalation.urgent_if == ()
