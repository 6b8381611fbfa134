"""Every action says how to tell it worked ("It worked when ..."), as conditions a follow-up
workshop can judge and a sentence made from them, which the plan, the handout and the editable
plan print; every action has one accountable lead who can do what it asks (issue 16: "Add a
shared bonus modifier" was owned by the two leaders who cannot set their own bonuses; issue 23:
"CMO and CIO" owned 18 of 39 ranked actions)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assessment_app.content.actions import parse_actions
from assessment_app.content.catalog import load_catalog
from assessment_app.errors import QuestionnaireError

QUESTIONNAIRES = Path(__file__).resolve().parents[1] / "questionnaires"
MAX_SUCCESS_WORDS = 36  # short enough to read in a plan row


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(QUESTIONNAIRES)


def test_every_shipped_action_has_a_test_a_follow_up_can_judge(catalog):
    """Each action's "It worked when" is conditions on statements the questionnaire asks
    (issue 23: several tests could not be checked), and the printed sentence says exactly
    what they judge: the statement id, the level and the share of each function."""
    assert len(catalog.actions) == 47  # tools/check_wheel.sh compares the count
    core = catalog.get("core")
    for action in catalog.actions:
        assert action.success_test, action.id
        for condition in action.success_test:
            assert condition.statement in action.items, action.id
            assert core.item(condition.statement) is not None, action.id
            assert 1 <= condition.level <= 5 and 0 < condition.share <= 100, action.id
            assert condition.about, action.id  # the sentence names it in words
            said = (f"at least {condition.share:g}% in each function rate "
                    f"{condition.about} at level {condition.level} or above")
            assert said in action.success, (action.id, action.success)
            assert f"at level {condition.level} or above" in action.success, action.id
            assert len(condition.sentence.split()) <= MAX_SUCCESS_WORDS, action.id
        assert action.success[0].islower(), action.id
        assert action.success_sentence == f"It worked when {action.success}.", action.id
        assert set(action.measured_by) == {c.statement for c in action.success_test}


def test_every_action_has_one_accountable_lead_and_the_other_function_as_partner(catalog):
    """Issue 23: 18 of the 39 ranked actions were owned by "CMO and CIO", i.e. by nobody."""
    by_id = {a.id: a for a in catalog.actions}
    for action in catalog.actions:
        assert action.lead in ("cmo", "cio"), action.id
        assert action.owner == action.lead, action.id
        assert action.partner in ("", ({"cmo", "cio"} - {action.lead}).pop()), action.id
    bonus = by_id["shared-bonus-modifier"]  # the id saved plans refer to is unchanged
    assert bonus.title.startswith("Propose") and "CEO" in bonus.title
    assert "CEO" in bonus.description and "HR" in bonus.description
    assert by_id["martech-blueprint"].lead == "cio"
    assert by_id["touchpoint-data-design"].lead == "cmo" and by_id["ai-rules"].lead == "cio"
    # neither function leads almost everything
    leads = [a.lead for a in catalog.actions]
    assert min(leads.count("cmo"), leads.count("cio")) >= len(leads) // 3


GOOD = {"id": "a1", "title": "T", "description": "D.", "owner": "cmo", "horizon": "90d",
        "effort": "S", "items": ["x-1"], "source": "S", "fixes": "build"}


def parse(**changes):
    return parse_actions({"actions": [{**GOOD, **changes}]}, "mine.yaml", {"x-1"})


@pytest.mark.parametrize(("value", "message"), [
    (True, "mine.yaml: action 'a1': 'success' must be text, found True (YAML reads yes"),
    ("It worked when the list is complete",
     "mine.yaml: action 'a1': 'success' must hold only what follows 'It worked when'"),
    ([], "mine.yaml: action 'a1': 'success' is empty"),
    (["x-1 at 4"], "mine.yaml: action 'a1': success #1: must be a condition (statement, level, "
                   "share), found text"),
    ({"statement": "y-1", "level": 4, "share": 75},
     "mine.yaml: action 'a1': success: 'statement' 'y-1' is not among the action's 'items'"),
    ({"level": 4, "share": 75}, "mine.yaml: action 'a1': success: 'statement' is missing"),
    ([{"statement": "x-1", "level": 6, "share": 75}],
     "mine.yaml: action 'a1': success #1: 'level' must be a level from 1 to 5, found 6"),
    ({"statement": "x-1", "level": 0, "share": 75}, "'level' must be a level from 1 to 5, found 0"),
    ({"statement": "x-1", "level": 3, "share": 120},
     "success: 'share' must be a percentage from 0 to 100, found 120"),
    ({"statement": "x-1", "level": 3, "share": "most"},
     "success: 'share' must be a percentage from 0 to 100, found text"),
    ({"statement": "x-1", "level": 3, "share": 50, "functions": ["sales"]},
     "success: 'functions' names 'sales'; the functions are marketing and it"),
    ({"statement": "x-1", "level": 3, "share": 50, "when": "soon"},
     "success: unknown field 'when' (expected statement, level, share, functions, about)"),
])
def test_parser_refuses_a_success_test_it_cannot_judge(value, message):
    with pytest.raises(QuestionnaireError) as caught:
        parse(success=value)
    assert message in str(caught.value)


def test_a_structured_test_is_read_and_worded_from_its_conditions():
    [action] = parse(success=[{"statement": "x-1", "level": 3, "share": 75, "about": "the x"},
                              {"statement": "x-1", "level": 4, "share": 40.5,
                               "functions": ["it"]}])
    first, second = action.success_test
    assert (first.statement, first.level, first.share, first.functions) == (
        "x-1", 3, 75.0, ("marketing", "it"))
    assert second.functions == ("it",) and second.share == 40.5
    assert action.success_sentence == (
        "It worked when at least 75% in each function rate the x at level 3 or above, "
        "and at least 40.5% of IT rate x-1 at level 4 or above.")
    assert action.measured_by == ("x-1",)
    assert first.report() == {"statement": "x-1", "level": 3, "share": 75.0,
                              "functions": ["marketing", "it"]}


def test_success_is_optional_for_libraries_written_before_it():
    assert parse()[0].success == "" and parse()[0].success_sentence == ""
    action = parse(success="  the list is complete ")[0]
    assert action.success == "the list is complete" and action.success_test == ()
    assert action.success_sentence == "It worked when the list is complete."


@pytest.mark.parametrize(("changes", "message"), [
    ({"owner": "both"}, "mine.yaml: action 'a1': 'owner' 'both' names no single accountable "
                        "function: write 'lead: cmo' or 'lead: cio', and the other as 'partner'"),
    ({"owner": None, "lead": "both"},
     "mine.yaml: action 'a1': 'lead' 'both' is not one of cmo, cio"),
    ({"owner": None}, "mine.yaml: action 'a1': 'lead' is missing"),
    ({"owner": None, "lead": "cmo", "partner": "cmo"},
     "mine.yaml: action 'a1': 'partner' 'cmo' is the lead itself: the partner is the other "
     "function"),
    ({"owner": None, "lead": "cmo", "partner": "ceo"},
     "mine.yaml: action 'a1': 'partner' 'ceo' is not one of cmo, cio"),
    ({"lead": "cmo"}, "mine.yaml: action 'a1': 'owner' and 'lead' say the same thing"),
])
def test_parser_wants_one_accountable_lead(changes, message):
    raw = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    with pytest.raises(QuestionnaireError) as caught:
        parse_actions({"actions": [raw]}, "mine.yaml", {"x-1"})
    assert message in str(caught.value)


def test_a_library_written_with_a_single_owner_still_loads():
    action = parse()[0]  # owner: cmo
    assert (action.lead, action.partner, action.owner) == ("cmo", "", "cmo")
    raw = {k: v for k, v in GOOD.items() if k != "owner"}
    [action] = parse_actions({"actions": [{**raw, "lead": "cio", "partner": "cmo"}]},
                             "mine.yaml", {"x-1"})
    assert (action.lead, action.partner) == ("cio", "cmo")


def test_questionnaire_json_carries_each_success_test(capsys, catalog):
    from assessment_app.cli import main

    assert main(["questionnaire", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    shipped = {a.id: a.success for a in catalog.actions}
    assert {a["id"]: a["success"] for a in report["actions"]} == shipped
    for action in report["actions"]:
        assert action["lead"] in ("cmo", "cio") and action["owner"] == action["lead"]
        assert action["partner"] in (None, "cmo", "cio") and action["partner"] != action["lead"]
        assert action["success_test"] and all(
            set(c) == {"statement", "level", "share", "functions"} and c["statement"] in
            action["items"] for c in action["success_test"])


def test_reports_quote_the_statement_each_condition_reads(catalog):
    """On paper the test names the statement in the workshop's own wording, the way every
    'why' does, never by its id."""
    from assessment_app.analysis.plan_story import quoted, worked_when

    core = catalog.get("core")
    for action in catalog.actions:
        printed = worked_when(action, core)
        for condition in action.success_test:
            statement = quoted(core.item(condition.statement))
            assert f"rate {statement} at level {condition.level} or above" in printed, (
                action.id, printed)
            assert condition.statement not in printed, action.id


def test_the_plan_pages_name_one_owner_and_the_partner(store, catalog, tmp_path):
    """Issue 23: a suggested plan printed "Owner: CMO and CIO" for most actions."""
    from pypdf import PdfReader

    from assessment_app.analysis.plan import load_plan
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.reports import build_workshop_pdf

    workshop = create_demo_workshop(store, catalog.default())
    included = [e for e in load_plan(store, workshop.id, catalog.actions) if e.included]
    pdf = build_workshop_pdf(store, catalog, workshop.id, tmp_path / "w.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Owner: CMO and CIO" not in text
    lines = re.findall(r"Owner: (CMO|CIO) · Partner: (CMO|CIO)", text)
    assert len(lines) == len(included) and all(lead != partner for lead, partner in lines)
