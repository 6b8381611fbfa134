"""Numbers in questionnaire files are refused at the door when they are not finite or not in
their range (NaN, infinity, 10**400, a weight of 50, a level of 6): one message naming the
file, the item and the field, never an exception later in scoring or a PDF. The new fields of
issue 15 (true_from, perspective, context, business_case, measured_by) are checked the same
way."""

from __future__ import annotations

import json
import math
import textwrap

import pytest

from assessment_app.content.questionnaire_file import questionnaire_from_content
from assessment_app.errors import QuestionnaireError

from .test_questionnaire_loading import load_with, variant

HUGE = "1" + "0" * 400  # 10**400 as YAML reads it: an int no float can hold

BAD = [
    ("weight NaN", variant("    weight: 2", "    weight: .nan"),
     "bad.yaml: item 'meet-1': 'weight' must be a positive number, found nan"),
    ("weight infinite", variant("    weight: 2", "    weight: 1.0e+999"),
     "bad.yaml: item 'meet-1': 'weight' must be a positive number, found inf"),
    ("weight 10**400", variant("    weight: 2", f"    weight: {HUGE}"),
     "bad.yaml: item 'meet-1': 'weight' must be a positive number, found a number of about 401 "
     "digits"),
    ("weight 1e999 (text in YAML)", variant("    weight: 2", "    weight: 1e999"),
     "bad.yaml: item 'meet-1': 'weight' must be a positive number, found '1e999'"),
    ("weight absurd", variant("    weight: 2", "    weight: 50"),
     "bad.yaml: item 'meet-1': 'weight' must be at most 10, found 50"),
    ("percentage NaN", variant("marketing: 55, it: 68", "marketing: .nan, it: 68"),
     "bad.yaml: item 'meet-1': benchmark: 'marketing' must be a percentage from 0 to 100, "
     "found nan"),
    ("percentage 10**400", variant("marketing: 55, it: 68", f"marketing: 55, it: {HUGE}"),
     "bad.yaml: item 'meet-1': benchmark: 'it' must be a percentage from 0 to 100, found a "
     "number of about 401 digits"),
    ("level missing", variant(", true_from: 4", ""),
     "bad.yaml: item 'meet-1': benchmark: 'true_from' is missing: the level (1-5) from which "
     "the survey statement is true"),
    ("level out of range", variant("true_from: 4", "true_from: 6"),
     "bad.yaml: item 'meet-1': benchmark: 'true_from' must be a level from 1 to 5, found 6"),
    ("level not whole", variant("true_from: 4", "true_from: 3.5"),
     "bad.yaml: item 'meet-1': benchmark: 'true_from' must be a level from 1 to 5, found 3.5"),
    ("level infinite", variant("true_from: 4", "true_from: .inf"),
     "bad.yaml: item 'meet-1': benchmark: 'true_from' must be a level from 1 to 5, found inf"),
    ("unknown perspective", variant("    weight: 2", "    weight: 2\n    perspective: both"),
     "bad.yaml: item 'meet-1': 'perspective' 'both' is not one of shared, self"),
    ("context without source",
     variant("    weight: 2", "    weight: 2\n    context: [{text: Half of them agreed.}]"),
     "bad.yaml: item 'meet-1': context #1: 'source' is missing"),
    ("business case not a list", variant("themes:\n", "business_case: yes\nthemes:\n"),
     "bad.yaml: 'business_case' must be a list, found true/false"),
    ("version NaN", variant('version: "1"', "version: .nan"),
     "bad.yaml: 'version' must be text, found nan"),
]


@pytest.mark.parametrize("label,text,message", BAD, ids=[b[0] for b in BAD])
def test_an_absurd_number_or_field_is_one_message_naming_file_item_and_field(
        tmp_path, monkeypatch, label, text, message):
    catalog = load_with(tmp_path, monkeypatch, text)
    [problem] = [p for p in catalog.problems if "bad.yaml" in p]
    assert problem == "questionnaires/" + message
    assert "\n" not in problem and len(problem) <= 300
    assert "other" not in catalog.questionnaires  # the bad file is skipped, the others load
    assert set(catalog.questionnaires) == {"mini", "mini-pulse"}


def test_a_number_too_long_to_read_is_one_message(tmp_path, monkeypatch):
    catalog = load_with(tmp_path, monkeypatch,
                        variant("    weight: 2", "    weight: " + "9" * 5000))
    assert ("questionnaires/bad.yaml: holds a number too long to read; numbers in a "
            "questionnaire are levels, weights and percentages") in catalog.problems


def test_a_stored_or_carried_questionnaire_is_checked_the_same_way(mini):
    """A bundle's questionnaire_content is JSON, which Python reads NaN and Infinity from."""
    content = json.loads(json.dumps(mini.content()))
    content["items"][2]["weight"] = math.nan
    with pytest.raises(QuestionnaireError, match="item 'meet-1': 'weight' must be a positive "
                                                 "number, found nan"):
        questionnaire_from_content(json.loads(json.dumps(content)), "bundle")


def test_questionnaires_stored_before_true_from_keep_their_comparison_and_hash(mini):
    """A snapshot written before issue 15 has no true_from: it is read as level 4, the share
    it was compared at then, and its content (so its hash) is unchanged."""
    content = mini.content()
    assert "true_from" not in content["items"][2]["benchmark"]
    rebuilt = questionnaire_from_content(content)
    assert rebuilt.item("meet-1").benchmark.true_from == 4
    assert rebuilt.content_hash == mini.content_hash


def test_an_action_measured_by_an_item_it_does_not_answer_is_refused(tmp_path, monkeypatch):
    text = textwrap.dedent("""\
        kind: actions
        actions:
          - {id: a1, title: T, description: D, owner: cmo, horizon: 90d, effort: S,
             items: [trust-1], measured_by: [trust-2], source: S}
          - {id: a2, title: T, description: D, owner: cmo, horizon: 90d, effort: S,
             items: [trust-1], sorce: S}
        """)
    catalog = load_with(tmp_path, monkeypatch, text, "more-actions.yaml")
    [problem] = [p for p in catalog.problems if "more-actions" in p]
    assert ("action 'a1': 'measured_by' names 'trust-2', which is not among the action's "
            "'items'") in problem
    assert "action 'a2': unknown field 'sorce'" in problem
