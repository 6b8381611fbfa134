"""The consensus round (issue 27): measures against hand computation, triage with reasons,
round 1 closed at every door once the round opens (and kept byte for byte), round 2 only for
the chosen statements, decisions and dots by their rules, and the ``consensus`` command."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

import pytest

from assessment_app.analysis.consensus import (
    DEFAULT_SELECTION,
    EVERYONE,
    measures,
    round_groups,
    triage,
)
from assessment_app.analysis.consensus_view import load_consensus, open_consensus
from assessment_app.cli import main
from assessment_app.errors import StorageError
from assessment_app.rules.answers import ROUND_ONE_CLOSED
from assessment_app.rules.records import Answer
from assessment_app.store.database import Store

# The action library the room places dots from (the mini catalog's and one more).
LIBRARY = frozenset({"weekly-meeting", "other-action"})

# -- the measures, worked by hand ---------------------------------------------------------------


@pytest.mark.parametrize("levels,median,mean,spread,rwg,within_one", [
    # everyone agrees: variance 0, so rwg = 1 - 0/2 = 1
    ([3, 3, 3], 3, 3, 0, 1.0, True),
    # n = 3: mean 3, s² = ((2-3)² + 0 + (4-3)²) / (3-1) = 1, rwg = 1 - 1/2 = 0.5
    ([2, 3, 4], 3, 3, 2, 0.5, False),
    # two camps: mean 3, s² = (4 + 0 + 4) / 2 = 4, rwg = 1 - 4/2 = -1
    ([1, 3, 5], 3, 3, 4, -1.0, False),
    # within one level: mean 2.5, s² = 4 × 0.25 / 3 = 1/3, rwg = 1 - 1/6 = 0.8333
    ([2, 3, 3, 2], 2.5, 2.5, 1, 5 / 6, True),
    # mean 13/5 = 2.6, s² = (2.56 + 0.36 + 0.16 + 0.16 + 1.96) / 4 = 1.3, rwg = 0.35
    ([1, 2, 3, 3, 4], 3, 2.6, 3, 0.35, False),
])
def test_measures_match_hand_computation(levels, median, mean, spread, rwg, within_one):
    m = measures(levels)
    assert m is not None
    assert m.n == len(levels)
    assert m.median == median
    assert m.mean == pytest.approx(mean)
    assert m.range == spread
    assert m.rwg == pytest.approx(rwg)
    assert m.within_one is within_one


@pytest.mark.parametrize("levels", [[], [4], [1, 5]])
def test_nothing_is_measured_on_fewer_than_three_answers(levels):
    assert measures(levels) is None


def _answers(item: str, levels: dict[str, int | None]) -> list[Answer]:
    return [Answer(pid, item, level, level, "", "2026-06-01T09:00:00+00:00")
            for pid, level in levels.items()]


def test_everyone_is_withheld_when_it_would_give_a_small_function_away():
    """Three marketing answers shown and two IT ones withheld: everyone's mean beside
    marketing's would give IT's away by subtraction, so it is withheld too."""
    role_of = {"m1": "marketing", "m2": "marketing", "m3": "marketing", "i1": "it", "i2": "it"}
    groups = round_groups("x", _answers("x", {"m1": 2, "m2": 2, "m3": 3, "i1": 5, "i2": 5}),
                          role_of)
    assert groups["marketing"].measures is not None
    assert groups["it"].measures is None and groups[EVERYONE].measures is None


# -- a workshop ---------------------------------------------------------------------------------


@pytest.fixture
def room(tmp_path, mini):
    """Three marketing and three IT people; trust-1 split between the functions, trust-2
    split inside IT, meet-1 mostly don't know in marketing, data-1 everyone within one."""
    store = Store.open(tmp_path / "tandem.sqlite")
    w = store.create_workshop("Consensus", mini)
    people = {f"m{n}": store.add_participant(w.id, f"Mara {n}", "marketing").id
              for n in range(3)}
    people |= {f"i{n}": store.add_participant(w.id, f"Ivo {n}", "it").id for n in range(3)}
    rows = {"trust-1": {"m0": 1, "m1": 2, "m2": 1, "i0": 4, "i1": 4, "i2": 3},
            "trust-2": {"m0": 3, "m1": 3, "m2": 3, "i0": 1, "i1": 3, "i2": 5},
            "meet-1": {"m0": None, "m1": None, "m2": 3, "i0": 3, "i1": 3, "i2": 3},
            "data-1": {"m0": 3, "m1": 4, "m2": 3, "i0": 3, "i1": 4, "i2": 4}}
    for item, levels in rows.items():
        for who, level in levels.items():
            store.save_answer(people[who], item, level, None if level is None else 5)
    yield store, w, people, tmp_path / "tandem.sqlite"
    store.close()


def round_one_hash(store: Store, workshop_id: str) -> str:
    """Every round-1 answer row, byte for byte."""
    rows = store.conn.execute("""SELECT a.* FROM answers a JOIN participants p
                                 ON p.id = a.participant_id WHERE p.workshop_id = ?
                                 ORDER BY a.participant_id, a.item_id""",
                              [workshop_id]).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_triage_names_each_contested_statement_with_its_reasons(room, mini):
    store, w, _, _ = room
    found = triage(mini, store.participants(w.id), store.answers_for_workshop(w.id))
    reasons = {c.item_id: [(r.kind, r.role) for r in c.reasons] for c in found.contested}
    assert reasons == {"trust-1": [("perception_gap", None)],
                       "trust-2": [("disagreement", "it")],
                       "meet-1": [("dont_know", "marketing")]}
    gap = found.contested[0].reasons[0]
    assert found.contested[0].item_id == "trust-2"  # rwg -1: the furthest past its line
    assert next(c for c in found.contested if c.item_id == "trust-1").reasons[0].text == (
        "IT rates it 2.33 levels higher than marketing.")
    assert gap.text == "IT disagrees within itself (agreement rwg -1.00, below 0.7)."
    assert [i for i, _ in found.agree_at_once] == ["data-1"]
    assert found.agree_at_once[0][1].current == 3  # the lower middle of 3,3,3,4,4,4
    assert found.default_selection == [c.item_id for c in found.contested][:DEFAULT_SELECTION]


def test_a_whole_round_leaves_round_one_byte_identical(room):
    store, w, people, _ = room
    before = round_one_hash(store, w.id)
    open_consensus(store, w.id)  # triage's default choice
    state = store.round_state(w.id)
    assert state.phase == "open" and set(state.items) == {"trust-1", "trust-2", "meet-1"}
    for pid in people.values():
        store.save_answer(pid, "trust-1", 2, 3, "moved", round_no=2)
        store.vote(pid, "weekly-meeting", 2, LIBRARY)
    store.decide(w.id, "trust-1", 2, 3, "dissent", "IT brings the incident log")
    store.close_round(w.id)
    store.decide(w.id, "trust-2", 3, 4, "agreed")
    view = load_consensus(store, w.id, LIBRARY)
    assert view.statements["trust-1"].proposal.as_json() == {"current": 2, "target": 3,
                                                             "round": 2}
    assert view.votes == {"weekly-meeting": 12} and view.voters == 6
    assert round_one_hash(store, w.id) == before


# -- round 1 is closed at every door --------------------------------------------------------------


def test_the_store_refuses_a_late_round_one_answer(room):
    store, w, people, _ = room
    store.open_round(w.id, ["trust-1"])
    for attempt in (lambda: store.save_answer(people["m0"], "trust-2", 5, 5),
                    lambda: store.save_answer(people["m0"], "data-1", 1, 1)):
        with pytest.raises(StorageError) as refused:
            attempt()
        assert str(refused.value) == ROUND_ONE_CLOSED
    with pytest.raises(StorageError, match="Round 1 closed"):
        store.clear_answer(people["m0"], "trust-1")
    assert store.answers_for_participant(people["m0"])["trust-2"].current == 3


def test_the_phone_refuses_a_late_round_one_answer_and_takes_round_two(room, mini_catalog):
    from assessment_app.web.server import AnswerServer

    from .test_web_server import answer, stored

    store, w, people, path = room
    store.open_round(w.id, ["trust-1"])
    server = AnswerServer(path, w.id, mini_catalog)
    server.start()
    try:
        late = answer(server, people["i0"], "trust-2", 5, 5)
        second = answer(server, people["i0"], "trust-1", 3, 4, **{"round": 2})
        unchosen = answer(server, people["i0"], "trust-2", 3, 4, **{"round": 2})
    finally:
        server.stop()
    assert late[0] == 400 and json.loads(late[2])["error"] == ROUND_ONE_CLOSED
    assert second[0] == 200
    assert unchosen[0] == 400 and "not chosen for the consensus round" in json.loads(
        unchosen[2])["error"]
    assert stored(path, people["i0"])["trust-2"].current == 1
    assert store.answers_for_participant(people["i0"], round_no=2)["trust-1"].current == 3


def test_the_kiosk_writer_refuses_a_late_round_one_answer(qapp, qtbot, room):
    from assessment_app.ui.answer_writer import AnswerWriter

    store, w, people, path = room
    store.open_round(w.id, ["trust-1"])
    writer = AnswerWriter(str(path))
    failed: list[str] = []
    writer.failed.connect(lambda answer, sentence: failed.append(sentence))
    try:
        writer.save(people["m1"], "trust-2", 5, 5)
        writer.wait()
    finally:
        writer.close()
    assert failed == [ROUND_ONE_CLOSED]
    assert store.answers_for_participant(people["m1"])["trust-2"].current == 3


# -- round 2, decisions and dots by their rules ---------------------------------------------------


def test_round_two_only_for_chosen_statements_while_the_round_is_open(room):
    store, w, people, _ = room
    pid = people["m0"]
    with pytest.raises(StorageError, match="not open yet"):
        store.save_answer(pid, "trust-1", 2, 3, round_no=2)
    with pytest.raises(StorageError, match="Open the consensus round"):
        store.decide(w.id, "trust-1", 2, 3, "agreed")
    store.open_round(w.id, ["trust-1"])
    with pytest.raises(StorageError, match="not chosen"):
        store.save_answer(pid, "trust-2", 2, 3, round_no=2)
    with pytest.raises(StorageError, match="cannot be below today's level"):
        store.save_answer(pid, "trust-1", 4, 2, round_no=2)
    store.save_answer(pid, "trust-1", 2, 3, round_no=2)
    store.close_round(w.id)
    with pytest.raises(StorageError, match="closed, so re-rating is over"):
        store.save_answer(pid, "trust-1", 3, 3, round_no=2)
    with pytest.raises(StorageError, match="closed, so voting is over"):
        store.vote(pid, "weekly-meeting", 1, LIBRARY)


@pytest.mark.parametrize("current,target,status,note,message", [
    (None, 3, "agreed", "", "needs today's level"),
    (3, 2, "agreed", "", "cannot be below today's level"),
    (3, 6, "agreed", "", "whole number from 1 to 5, not 6"),
    (3, 4, "maybe", "", "must be agreed, dissent"),
    (3, 4, "deferred", "n" * 2001, "over the limit of 2,000"),
])
def test_a_decision_is_refused_with_one_sentence(room, current, target, status, note, message):
    store, w, _, _ = room
    store.open_round(w.id, ["trust-1"])
    with pytest.raises(StorageError, match=message) as refused:
        store.decide(w.id, "trust-1", current, target, status, note)
    assert str(refused.value).count(". ") == 0
    assert store.decisions(w.id) == []


def test_dots_stay_within_each_persons_budget(room):
    store, w, people, _ = room
    store.open_round(w.id, [])
    pid = people["i1"]
    store.vote(pid, "weekly-meeting", 3, LIBRARY)
    with pytest.raises(StorageError) as refused:
        store.vote(pid, "other-action", 1, LIBRARY)
    assert str(refused.value) == ("Each person has 3 dots: 3 are placed on other actions, so "
                                  "at most 0 can go on this one.")
    store.vote(pid, "weekly-meeting", 1, LIBRARY)
    store.vote(pid, "other-action", 2, LIBRARY)
    assert {v.action_id: v.count for v in store.votes(w.id)} == {"weekly-meeting": 1,
                                                                  "other-action": 2}


# -- the command line -----------------------------------------------------------------------------


def test_the_consensus_command_opens_decides_and_closes(room, capsys):
    store, w, _, path = room
    db = ["--db", str(path)]
    assert main([*db, "consensus", "--workshop", w.id, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["state"] == "round 1" and report["selected"] == []
    contested = {c["item"]: c for c in report["triage"]["contested"]}
    assert contested["trust-1"]["reasons"][0]["kind"] == "perception_gap"
    assert contested["trust-1"]["round1"]["it"]["rwg"] == pytest.approx(1 - (1 / 3) / 2, 0.01)
    assert contested["meet-1"]["round1"]["marketing"]["withheld"] == "fewer than 3 respondents"
    assert main([*db, "consensus", "open", "--workshop", w.id, "--items",
                 "trust-2,trust-1"]) == 0
    assert json.loads(capsys.readouterr().out)["selected"] == ["trust-2", "trust-1"]
    assert main([*db, "consensus", "decide", "--workshop", w.id, "--item", "trust-1",
                 "--current", "2", "--target", "4", "--status", "dissent", "--note",
                 "Ivo doubts it"]) == 0
    decided = json.loads(capsys.readouterr().out)
    assert decided["decisions"] == [{"item": "trust-1", "current": 2, "target": 4,
                                     "status": "dissent", "note": "Ivo doubts it",
                                     "decided_at": decided["decisions"][0]["decided_at"]}]
    assert main([*db, "consensus", "close", "--workshop", w.id]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "closed"


@pytest.mark.parametrize("argv,message", [
    (["open", "--items", "trust-1,nope"], "'nope' is not a statement of this workshop's "
                                          "questionnaire."),
    (["close"], "has not been opened, so there is nothing to close."),
    (["decide", "--item", "trust-1"], "consensus decide needs --item, --current, --target"),
])
def test_the_consensus_command_refuses_with_one_sentence(room, capsys, argv, message):
    _, w, _, path = room
    assert main(["--db", str(path), "consensus", *argv, "--workshop", w.id]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


# -- bundles ------------------------------------------------------------------------------------


def _through_json(store: Store, workshop_id: str, **kwargs) -> dict:
    from assessment_app.exchange.bundle_export import export_bundle

    return json.loads(json.dumps(export_bundle(store, workshop_id, **kwargs)))


def test_bundle_import_skips_a_late_round_one_answer_with_its_reason(room, mini_catalog):
    from assessment_app.exchange.bundle_import import apply_import
    from assessment_app.exchange.bundle_merge import plan_import

    store, w, people, _ = room
    other = Store.in_memory()  # a second laptop, still in round 1
    apply_import(other, plan_import(other, _through_json(store, w.id), mini_catalog))
    store.open_round(w.id, ["trust-1"])
    before = round_one_hash(store, w.id)
    opened = datetime.fromisoformat(store.round_state(w.id).opened_at)
    other.save_answer(people["m2"], "data-1", 1, 2, "typed late",
                      answered_at=(opened + timedelta(seconds=1)).isoformat())
    plan = plan_import(store, _through_json(other, w.id), mini_catalog)
    apply_import(store, plan)
    late = plan.summary()["consensus"]["late_round1_answers_skipped"]
    assert [(a["participant"], a["item"]) for a in late] == [(people["m2"], "data-1")]
    assert late[0]["reason"].startswith("given after the consensus round opened on ")
    assert round_one_hash(store, w.id) == before
    other.close()


def test_round_two_decisions_and_votes_travel_in_a_bundle(room, mini_catalog):
    from assessment_app.exchange.bundle_import import apply_import
    from assessment_app.exchange.bundle_merge import plan_import

    store, w, people, _ = room
    store.open_round(w.id, ["trust-1", "trust-2"])
    store.save_answer(people["i0"], "trust-1", 2, 3, "closer now", round_no=2)
    store.decide(w.id, "trust-1", 2, 3, "dissent", "Ivo doubts it")
    store.vote(people["i0"], "weekly-meeting", 2, LIBRARY)
    data = _through_json(store, w.id)
    assert {"round": 2, "participant": people["i0"], "item": "trust-1", "current": 2,
            "target": 3, "comment": "closer now"}.items() <= data["answers"][-1].items()
    assert data["decisions"][0]["status"] == "dissent"
    assert data["votes"][0]["count"] == 2
    other = Store.in_memory()
    apply_import(other, plan_import(other, data, mini_catalog))
    assert other.round_state(w.id) == store.round_state(w.id)
    assert other.answers_for_workshop(w.id, round_no=2) == store.answers_for_workshop(
        w.id, round_no=2)
    assert other.decisions(w.id) == store.decisions(w.id)
    assert other.votes(w.id) == store.votes(w.id)
    assert other.answers_for_workshop(w.id) == store.answers_for_workshop(w.id)
    other.close()


@pytest.mark.parametrize("key,change,message", [
    ("decisions", {"status": "sort of"}, "bundle: decisions[0]: The decision's status must be"),
    ("decisions", {"target": 1}, "bundle: decisions[0]: The target level (1) cannot be below"),
    ("votes", {"count": -1}, "bundle: votes[0].count: A vote is a whole number of dots"),
    ("answers", {"round": 3}, "bundle: answers[0].round: An answer's round must be 1 or 2."),
])
def test_a_bad_round_value_in_a_bundle_is_refused_with_one_sentence(room, mini_catalog, key,
                                                                    change, message):
    from assessment_app.errors import BundleError
    from assessment_app.exchange.bundle_merge import plan_import

    store, w, people, _ = room
    store.open_round(w.id, ["trust-1"])
    store.decide(w.id, "trust-1", 2, 3, "agreed")
    store.vote(people["i0"], "weekly-meeting", 1, LIBRARY)
    data = _through_json(store, w.id)
    data[key][0].update(change)
    other = Store.in_memory()
    with pytest.raises(BundleError) as refused:
        plan_import(other, data, mini_catalog)
    assert str(refused.value).startswith(message)
    other.close()
