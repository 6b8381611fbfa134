"""The room's position in the plan and the outputs (issue 27): a decision ranks the plan from
the agreed levels and says so, the room's dots raise an action by a documented weight, and
``results --json`` carries both rounds, the decision and the votes."""

from __future__ import annotations

import json

import pytest

from assessment_app.analysis.agreed import VOTE_WEIGHT
from assessment_app.analysis.item_stats import GOOD_LEVEL

from .test_consensus import room  # noqa: F401 - the shared workshop fixture


@pytest.fixture
def results(mini_catalog):
    """``results --json`` of the workshop, with the test library's actions."""
    from assessment_app.reports.results_report import results_report

    def read(store, workshop_id) -> dict:
        return json.loads(json.dumps(results_report(store, mini_catalog, workshop_id)))

    return read


def item(report: dict, item_id: str) -> dict:
    return next(i for i in report["items"] if i["id"] == item_id)


def action(report: dict, action_id: str) -> dict:
    return next(a for a in report["actions"] if a["id"] == action_id)


def test_an_agreed_decision_ranks_the_statement_from_the_agreed_levels(room, results):  # noqa: F811
    store, w, _, path = room
    before = results(store, w.id)
    store.open_round(w.id, ["trust-2", "meet-1"])
    store.decide(w.id, "trust-2", 2, 4, "dissent", "IT keeps its doubts")
    store.decide(w.id, "meet-1", 3, 4, "deferred", "Ana brings the minutes")
    report = results(store, w.id)
    agreed = item(report, "trust-2")
    weight = agreed["weight"]
    # weight x (agreed target - agreed level + shortfall below GOOD_LEVEL), nothing else
    assert agreed["priority"] == pytest.approx(weight * ((4 - 2) + (GOOD_LEVEL - 2)))
    assert agreed["priority"] != item(before, "trust-2")["priority"]
    assert agreed["perception_gap"] == item(before, "trust-2")["perception_gap"]  # diagnosis
    assert agreed["consensus"]["decision"]["status"] == "dissent"
    assert item(report, "meet-1")["priority"] == item(before, "meet-1")["priority"]  # deferred
    why = [r for r in action(report, "weekly-meeting")["reasons"] if "trust-2" in r]
    assert why and all("agreed by the room" in r for r in why)


def test_the_rooms_dots_raise_an_action_by_the_documented_weight(room, results):  # noqa: F811
    store, w, people, path = room
    own = action(results(store, w.id), "weekly-meeting")["own_priority"]
    store.open_round(w.id, [])
    store.vote(people["m0"], "weekly-meeting", 2)
    store.vote(people["i0"], "weekly-meeting", 1)
    report = results(store, w.id)
    voted = action(report, "weekly-meeting")
    assert voted["votes"] == 3 and report["method"]["vote_weight"] == VOTE_WEIGHT
    # every dot placed went to it: its share is 1, so it counts 1 + VOTE_WEIGHT times
    assert voted["importance"] == 1 + VOTE_WEIGHT
    assert voted["own_priority"] == pytest.approx(own * (1 + VOTE_WEIGHT), abs=0.01)
    assert any("for the room's votes (3 dots)" in r for r in voted["reasons"])


def test_results_json_carries_both_rounds_per_function(room, results):  # noqa: F811
    store, w, people, path = room
    store.open_round(w.id, ["trust-1"])
    for who in ("m0", "m1", "m2", "i0"):
        store.save_answer(people[who], "trust-1", 3, 4, round_no=2)
    rounds = item(results(store, w.id), "trust-1")["consensus"]
    assert rounds["round1"]["marketing"]["median"] == 1 and rounds["round1"]["it"]["n"] == 3
    assert rounds["round2"]["marketing"]["within_one"] is True
    assert rounds["round2"]["it"]["withheld"] == "fewer than 3 respondents"
    assert rounds["round2"]["all"]["mean"] is None  # would give IT's away by subtraction
    assert rounds["decision"] is None
