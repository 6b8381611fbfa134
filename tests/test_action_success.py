"""Every action says how to tell it worked ("It worked when ..."), in a field of its own that the
plan, the handout and the editable plan print; the library's owners can do what their actions
ask (issue 16: "Add a shared bonus modifier" was owned by the two leaders who cannot set their
own bonuses)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assessment_app.content.actions import OWNERS, parse_actions
from assessment_app.content.catalog import load_catalog
from assessment_app.errors import QuestionnaireError

QUESTIONNAIRES = Path(__file__).resolve().parents[1] / "questionnaires"
MAX_SUCCESS_WORDS = 36  # short enough to read in a plan row


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(QUESTIONNAIRES)


def test_every_shipped_action_has_a_short_checkable_success_test(catalog):
    assert len(catalog.actions) == 47  # tools/check_wheel.sh compares the count
    for action in catalog.actions:
        success = action.success
        assert success, action.id
        assert success[0].islower() and not success.lower().startswith("it worked"), action.id
        assert len(success.split()) <= MAX_SUCCESS_WORDS, (action.id, len(success.split()))
        assert not re.search(r"[.!?]\s", success), (action.id, "one sentence")
        assert action.success_sentence == f"It worked when {success}.", action.id


def test_pulse_measured_actions_name_a_level_that_means_something(catalog):
    """An action measured in the pulse check names the level the pulse must show, and recalls
    in brackets what that level says for the statement, so "4" means the same to everyone."""
    core = catalog.get("core")
    for action in catalog.actions:
        if not action.measured_by:
            continue
        assert "pulse check" in action.success, action.id
        levels = [int(n) for n in re.findall(r"level (\d)", action.success)]
        if not levels:  # the relationship check-in compares with the workshop instead
            assert "higher than in this workshop" in action.success, action.id
            continue
        assert all(3 <= n <= 5 for n in levels), (action.id, levels)
        recalled = re.search(r"\(([^)]*)\)", action.success)
        assert recalled, action.id
        level_texts = " ".join(core.item(i).levels[levels[0] - 1] for i in action.measured_by)
        shared = set(re.findall(r"[a-z]{5,}", recalled.group(1).lower()))
        assert shared & set(re.findall(r"[a-z]{5,}", level_texts.lower())), action.id


def test_owners_can_do_what_their_actions_ask(catalog):
    by_id = {a.id: a for a in catalog.actions}
    assert {a.owner for a in catalog.actions} <= set(OWNERS)
    bonus = by_id["shared-bonus-modifier"]  # the id saved plans refer to is unchanged
    assert bonus.title.startswith("Propose") and "CEO" in bonus.title
    assert "CEO" in bonus.description and "HR" in bonus.description
    # steps one function does alone are owned by that function, not by "CMO and CIO"
    assert by_id["martech-blueprint"].owner == "cio"
    assert by_id["touchpoint-data-design"].owner == "cmo" and by_id["ai-rules"].owner == "cio"
    both = sum(a.owner == "both" for a in catalog.actions)
    assert both <= len(catalog.actions) // 2, both


GOOD = {"id": "a1", "title": "T", "description": "D.", "owner": "cmo", "horizon": "90d",
        "effort": "S", "items": ["x-1"], "source": "S", "fixes": "build"}


def parse(**changes):
    return parse_actions({"actions": [{**GOOD, **changes}]}, "mine.yaml", {"x-1"})


@pytest.mark.parametrize(("value", "message"), [
    (["a", "b"], "mine.yaml: action 'a1': 'success' must be text, found a list"),
    ({"when": "x"}, "mine.yaml: action 'a1': 'success' must be text, found a mapping"),
    (True, "mine.yaml: action 'a1': 'success' must be text, found True (YAML reads yes"),
    ("It worked when the list is complete",
     "mine.yaml: action 'a1': 'success' must hold only what follows 'It worked when'"),
])
def test_parser_refuses_a_success_test_that_is_not_a_completion(value, message):
    with pytest.raises(QuestionnaireError) as caught:
        parse(success=value)
    assert message in str(caught.value)


def test_success_is_optional_for_libraries_written_before_it():
    assert parse()[0].success == "" and parse()[0].success_sentence == ""
    action = parse(success="  the list is complete ")[0]
    assert action.success == "the list is complete"
    assert action.success_sentence == "It worked when the list is complete."


def test_questionnaire_json_carries_each_success_test(capsys, catalog):
    from assessment_app.cli import main

    assert main(["questionnaire", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    shipped = {a.id: a.success for a in catalog.actions}
    assert {a["id"]: a["success"] for a in report["actions"]} == shipped
