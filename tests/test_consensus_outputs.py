"""The room's position in the plan and the outputs (issue 27): a decision ranks the plan from
the agreed levels and says so, the room's dots raise an action by a documented weight, and
``results --json`` carries both rounds, the decision and the votes."""

from __future__ import annotations

import json

import pytest

from assessment_app.analysis.agreed import VOTE_WEIGHT
from assessment_app.analysis.item_stats import GOOD_LEVEL

from .test_consensus import LIBRARY, room  # noqa: F401 - the shared workshop fixture


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
    store.vote(people["m0"], "weekly-meeting", 2, LIBRARY)
    store.vote(people["i0"], "weekly-meeting", 1, LIBRARY)
    # two people's dots: the tally is withheld (the privacy threshold), and so is its weight
    assert action(results(store, w.id), "weekly-meeting")["own_priority"] == own
    store.vote(people["m1"], "weekly-meeting", 1, LIBRARY)
    report = results(store, w.id)
    voted = action(report, "weekly-meeting")
    assert voted["votes"] == 4 and report["method"]["vote_weight"] == VOTE_WEIGHT
    # every dot placed went to it: its share is 1, so it counts 1 + VOTE_WEIGHT times
    assert voted["importance"] == 1 + VOTE_WEIGHT
    assert voted["own_priority"] == pytest.approx(own * (1 + VOTE_WEIGHT), abs=0.01)
    assert any("for the room's votes (4 dots)" in r for r in voted["reasons"])


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


# -- the PDFs and the workbook ------------------------------------------------------------------


def _a_whole_round(store, w, people) -> None:
    """trust-1 re-rated by everyone, decided with a dissent; dots on the weekly meeting."""
    store.open_round(w.id, ["trust-1"])
    for n, who in enumerate(("m0", "m1", "m2", "i0", "i1", "i2")):
        store.save_answer(people[who], "trust-1", 2 + n % 2, 4, round_no=2)
    for who in ("i1", "m0", "i0"):  # three voters: the privacy threshold
        store.vote(people[who], "weekly-meeting", 2 if who == "i1" else 1, LIBRARY)
    store.decide(w.id, "trust-1", 2, 4, "dissent", "Ivo brings the incident log")
    store.close_round(w.id)


def test_the_workshop_pdf_says_what_the_room_agreed(room, mini_catalog, tmp_path):  # noqa: F811
    from assessment_app.reports.workshop_pdf import build_workshop_pdf

    from .test_reports import flat, pdf_text

    store, w, people, _ = room
    out = build_workshop_pdf(store, mini_catalog, w.id, tmp_path / "before.pdf")
    assert "What the room agreed" not in pdf_text(out)
    _a_whole_round(store, w, people)
    text = flat(pdf_text(build_workshop_pdf(store, mini_catalog, w.id, tmp_path / "w.pdf")))
    section = text[text.index("What the room agreed"):]
    for shown in ("Marketing: 1.33 (median 1, 3 answers)", "IT: 3.67 (median 4, 3 answers)",
                  "Everyone: 2.50 (median 2.5, 6 answers)", "2 today, 4 in 12-18 months",
                  "Agreed, with a recorded dissent", "Ivo brings the incident log"):
        assert shown in section
    table = section[:section.index("Ivo brings the incident log")]
    assert "Mara" not in table and "Ivo 0" not in table  # the record names nobody


def test_only_the_readers_own_shifts_are_in_their_handout(room, mini_catalog,  # noqa: F811
                                                           tmp_path):
    from assessment_app.reports.handout_pdf import build_handout_pdf

    from .test_reports import flat, pdf_text

    store, w, people, _ = room
    _a_whole_round(store, w, people)
    store.conn.execute("UPDATE round2_answers SET current = 5, target = 5 WHERE "
                       "participant_id = ?", [people["m1"]])  # someone else's, unmistakable
    store.conn.commit()
    out = build_handout_pdf(store, mini_catalog, w.id, people["m0"], tmp_path / "m0.pdf")
    text = flat(pdf_text(out))
    section = text[text.index("Your answers in the consensus round"):]
    assert "1, target 5 2, target 4 2, target 4" in section  # round 1, round 2, agreed
    assert "5, target 5" not in section


def test_the_plan_workbook_holds_the_decisions_and_dots(room, mini_catalog,  # noqa: F811
                                                         tmp_path):
    from openpyxl import load_workbook

    from assessment_app.exchange.plan_workbook import read_plan_workbook, write_plan_workbook

    store, w, people, _ = room
    _a_whole_round(store, w, people)
    out = write_plan_workbook(store, w.id, mini_catalog, tmp_path / "plan.xlsx")
    room_rows = [[c for c in row if c is not None]
                 for row in load_workbook(out)["Room"].iter_rows(values_only=True)]
    assert room_rows[3][0] == "trust-1"
    assert room_rows[3][2:6] == [2, 4, "Agreed, with a recorded dissent",
                                 "Ivo brings the incident log"]
    assert ["weekly-meeting", "Meet every week", 4] in room_rows
    assert read_plan_workbook(store, w.id, mini_catalog.actions, out) is not None  # still reads
