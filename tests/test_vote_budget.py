"""A person's dots count up to the dots per person wherever votes are read, their latest first,
and dots on an action not in the action library do not count: two laptops can each take a
person's three dots before their bundles merge, and a vote stored before the library was
checked may name another action. The stored votes are kept as they are (laptops must converge
to the same data), so the rule applies where the votes are counted."""

from __future__ import annotations

import json
import time

import pytest

from assessment_app.analysis.consensus_view import load_consensus
from assessment_app.analysis.workshop import load_scored_workshop
from assessment_app.errors import StorageError
from assessment_app.exchange.bundle_export import export_bundle
from assessment_app.exchange.bundle_import import apply_import
from assessment_app.exchange.bundle_merge import ImportPlan, plan_import
from assessment_app.reports.consensus_report import consensus_json
from assessment_app.rules.consensus import Vote, counted_votes
from assessment_app.rules.stamps import now_iso
from assessment_app.store.database import Store


def _bundle(store: Store, workshop_id: str) -> dict:
    return json.loads(json.dumps(export_bundle(store, workshop_id)))


def _merge(into: Store, source: Store, workshop_id: str, catalog) -> ImportPlan:
    plan = plan_import(into, _bundle(source, workshop_id), catalog)
    apply_import(into, plan)
    return plan


@pytest.fixture
def laptops(tmp_path, catalog):
    """Laptop A with a workshop of four people and its consensus round open, and laptop B with
    the same workshop from A's bundle; (a, b, workshop id, people, two library action ids)."""
    a = Store.open(tmp_path / "a.sqlite")
    w = a.create_workshop("Dots", catalog.default())
    people = [a.add_participant(w.id, f"Person {n}", role).id
              for n, role in enumerate(("marketing", "marketing", "it", "it"))]
    a.open_round(w.id, [])
    b = Store.open(tmp_path / "b.sqlite")
    _merge(b, a, w.id, catalog)
    first, second = sorted(x.id for x in catalog.actions)[:2]
    yield a, b, w.id, people, (first, second)
    a.close()
    b.close()


def _library(catalog) -> set[str]:
    return {x.id for x in catalog.actions}


def _dots_of(store: Store, workshop_id: str, person: str) -> int:
    return sum(v.count for v in store.votes(workshop_id) if v.participant_id == person)


def test_dots_taken_on_two_laptops_count_up_to_the_budget_the_latest_and_the_same_on_both(
        laptops, catalog):
    a, b, wid, people, (first, second) = laptops
    library = _library(catalog)
    budget = a.round_state(wid).vote_budget
    person, *others = people
    for other in others:  # enough people vote for the tally to be shown
        a.vote(other, first, 1, library)
    a.vote(person, first, budget, library)  # at the kiosk on A
    time.sleep(0.01)  # the phone's dots on B are placed after the kiosk's
    b.vote(person, second, budget, library)  # on the phone, served by B
    into_b = _merge(b, a, wid, catalog)
    _merge(a, b, wid, catalog)

    # nothing stored is trimmed or rewritten: both laptops hold the same votes, all the dots
    assert a.votes(wid) == b.votes(wid)
    assert _dots_of(a, wid, person) == 2 * budget
    # the person's latest dots count, up to the budget, on both laptops alike
    seen = [load_consensus(store, wid, library).votes for store in (a, b)]
    assert seen[0] == seen[1]
    assert seen[0] == {first: len(others), second: budget}
    assert sum(seen[0].values()) == len(others) + budget
    # the ranking's importance, results --json and consensus --json read the same count
    for store in (a, b):
        ranked = {s.action.id: s.votes for s in
                  load_scored_workshop(store, wid, catalog.actions).scores.actions}
        assert (ranked[first], ranked[second]) == (len(others), budget)
        listed = consensus_json(load_consensus(store, wid, library))["votes"]
        assert {row["action"]: row["votes"] for row in listed} == seen[0]
    # the import said so where the facilitator looks
    assert into_b.summary()["consensus"]["dots_over_budget_not_counted"] == budget


def test_the_import_preview_says_how_many_dots_are_over_a_person_s_budget(laptops, catalog):
    from assessment_app.ui.data_actions import describe_plan

    a, b, wid, people, (first, second) = laptops
    library = _library(catalog)
    a.vote(people[0], first, 3, library)
    b.vote(people[0], second, 2, library)
    plan = plan_import(b, _bundle(a, wid), catalog)
    assert ("• 2 dots are not counted: together the laptops held more than a person's dots "
            "per person, and each person's latest dots count") in \
        describe_plan(plan, "a.json", adds=False)


def test_the_import_says_only_the_dots_this_merge_puts_over_the_budget(laptops, catalog):
    from assessment_app.ui.data_actions import describe_plan

    a, b, wid, people, (first, second) = laptops
    third = sorted(x.id for x in catalog.actions)[2]
    library = _library(catalog)
    a.vote(people[0], first, 3, library)
    time.sleep(0.01)
    b.vote(people[0], second, 3, library)
    _merge(b, a, wid, catalog)  # three of the person's dots on B do not count
    time.sleep(0.01)
    a.vote(people[1], third, 3, library)
    time.sleep(0.01)
    b.vote(people[1], first, 1, library)
    plan = plan_import(b, _bundle(a, wid), catalog)
    # this merge adds one dot over the budget (person 1's); person 0's three were over already
    assert plan.consensus is not None and plan.consensus.over_budget == 1
    assert "• 1 dot is not counted: together the laptops held more than a person's dots per " \
           "person, and each person's latest dots count" in describe_plan(plan, "a.json",
                                                                          adds=False)
    apply_import(b, plan)
    again = plan_import(b, _bundle(a, wid), catalog)  # importing it again adds nothing over
    assert again.consensus is not None and again.consensus.over_budget == 0
    assert "not counted" not in describe_plan(again, "a.json", adds=False)


def test_a_lower_budget_from_the_bundle_is_not_reported_as_dots_the_merge_put_over(
        laptops, catalog):
    a, b, wid, people, (first, _second) = laptops
    b.vote(people[0], first, 3, _library(catalog))
    a.vote(people[1], first, 1, _library(catalog))
    time.sleep(0.01)
    a.open_round(wid, [], vote_budget=2)  # the facilitator lowers the dots per person on A
    plan = plan_import(b, _bundle(a, wid), catalog)
    assert plan.consensus is not None and plan.consensus.state.vote_budget == 2
    # one of the person's dots is over the new budget either way: no laptop placed it over
    assert plan.consensus.over_budget == 0


def test_a_stored_vote_on_an_action_not_in_the_library_is_not_counted(laptops, catalog):
    a, _, wid, people, (first, _second) = laptops
    library = _library(catalog)
    for person in people[1:]:
        a.vote(person, first, 1, library)
    # as a laptop stored it before votes were checked against the library
    a.write_vote(Vote(people[0], "an-action-no-longer-there", 2, now_iso()))
    assert load_consensus(a, wid, library).votes == {first: len(people) - 1}
    a.vote(people[0], first, 3, library)  # its two dots use up none of the person's three
    view = load_consensus(a, wid, library)
    assert view.votes == {first: len(people) - 1 + 3} and view.voters == len(people)
    ranked = load_scored_workshop(a, wid, catalog.actions).scores.actions
    assert sum(s.votes for s in ranked) == sum(view.votes.values())


def test_the_latest_dots_count_first_and_a_tie_goes_by_action_id():
    stamp, later = "2026-06-01T09:00:00+00:00", "2026-06-01T09:05:00+00:00"
    votes = [Vote("p", "c", 2, stamp), Vote("p", "b", 2, stamp), Vote("p", "a", 1, later),
             Vote("q", "a", 0, later)]
    for order in (votes, votes[::-1]):  # the order the votes are read in changes nothing
        counted = counted_votes(order, 3, {"a", "b", "c"})
        assert [(v.action_id, v.count) for v in counted.votes] == [("a", 1), ("b", 2)]
        assert counted.over_budget == 2 and counted.unknown == 0
    assert counted_votes(votes, 3, {"b", "c"}).unknown == 1


def test_after_a_merge_the_person_sees_the_dots_that_count_and_can_take_dots_back(
        laptops, catalog):
    from assessment_app.analysis.ballot import ballot

    a, b, wid, people, (first, second) = laptops
    third = sorted(x.id for x in catalog.actions)[2]
    library = _library(catalog)
    person = people[0]
    a.vote(person, first, 1, library)
    time.sleep(0.01)
    a.vote(person, third, 2, library)
    time.sleep(0.01)
    b.vote(person, second, 3, library)
    _merge(b, a, wid, catalog)
    mine = ballot(b, person, catalog.actions)
    assert mine.mine == {second: 3} and mine.left == 0  # the tally's count, not all six
    b.vote(person, third, 0, library)  # taking back dots that do not count is not refused
    assert ballot(b, person, catalog.actions).mine == {second: 3}
    b.vote(person, second, 0, library)  # nor dots that count
    # the other laptop's old dots do not come back: the person took theirs back
    assert ballot(b, person, catalog.actions).mine == {}
    assert ballot(b, person, catalog.actions).left == 3
    b.vote(person, second, 3, library)
    with pytest.raises(StorageError, match="Each person has 3 dots"):
        b.vote(person, first, 1, library)  # and the budget still holds


def test_after_a_merge_a_person_steps_their_counted_dots_down_one_at_a_time(laptops, catalog):
    from assessment_app.analysis.ballot import ballot

    a, b, wid, people, (first, second) = laptops
    library = _library(catalog)
    person = people[0]
    a.vote(person, first, 3, library)  # at the kiosk on A
    time.sleep(0.01)
    b.vote(person, second, 3, library)  # later on the phone, served by B
    _merge(b, a, wid, catalog)
    mine = ballot(b, person, catalog.actions)
    assert mine.mine == {second: 3} and mine.left == 0
    b.vote(person, second, 2, library)  # "-" on the phone asks for one dot fewer
    mine = ballot(b, person, catalog.actions)
    assert mine.mine == {second: 2} and mine.left == 1
    # A's old dots neither count nor are kept: the person's edit took them back
    assert {v.action_id: v.count for v in b.votes_of(person)} == {first: 0, second: 2}
    b.vote(person, second, 0, library)
    assert ballot(b, person, catalog.actions).mine == {}  # they do not come back either
    # both laptops hold the same after the bundles are exchanged again
    _merge(a, b, wid, catalog)
    _merge(b, a, wid, catalog)
    assert a.votes(wid) == b.votes(wid)
    assert ballot(a, person, catalog.actions).mine == {} \
        and ballot(a, person, catalog.actions).left == 3
