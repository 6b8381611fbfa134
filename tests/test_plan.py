"""The action plan: suggested from the ranking, edits kept with the workshop, reset restores
the suggestion, and an agreed plan does not move when more answers arrive."""

from __future__ import annotations

import pytest

from assessment_app.analysis.plan import (
    edited,
    in_plan_order,
    load_plan,
    moved,
    ranked_actions,
    reset_plan,
    save_plan,
)
from assessment_app.errors import TandemError


@pytest.fixture
def scored(store, mini, mini_catalog):
    w = store.create_workshop("W", mini)
    for k in (3, 2, 1):  # three a function, answering alike: over the privacy threshold
        m = store.add_participant(w.id, f"M{k}", "marketing")
        i = store.add_participant(w.id, f"I{k}", "it")
        store.save_answer(m.id, "meet-1", 1, 4)
        store.save_answer(i.id, "meet-1", 3, 4)
        store.save_answer(m.id, "trust-2", 2, 3)
    return store, w, mini_catalog.actions, (m, i)


def test_suggested_plan_follows_the_ranking_with_reasons(scored):
    store, w, actions, _ = scored
    plan = load_plan(store, w.id, actions)
    ranked = ranked_actions(store, w.id, actions)
    assert [e.id for e in plan] == [a.action.id for a in ranked] == ["weekly-meeting"]
    entry = plan[0]
    assert entry.included and entry.horizon == "90d"
    assert entry.owner == entry.action.lead == "cmo"  # one accountable function, not both
    assert entry.priority == ranked[0].priority > 0
    assert any("meet-1" in r or "Meetings" in r for r in entry.reasons)


def test_edits_are_saved_and_reset_brings_the_suggestion_back(scored):
    store, w, actions, _ = scored
    [entry] = load_plan(store, w.id, actions)
    save_plan(store, w.id, [edited(entry, owner="cio", horizon="6-12m", due="2027-03-31",
                                   notes="Start with <b>R&D</b>", included=False)])
    [again] = load_plan(store, w.id, actions)
    assert (again.owner, again.horizon, again.due, again.notes, again.included) == (
        "cio", "6-12m", "2027-03-31", "Start with <b>R&D</b>", False)
    reset_plan(store, w.id)
    [back] = load_plan(store, w.id, actions)
    assert (back.owner, back.horizon, back.included) == ("cmo", "90d", True)


def test_agreed_plan_keeps_its_choices_when_answers_change(scored):
    store, w, actions, (m, _) = scored
    [entry] = load_plan(store, w.id, actions)
    save_plan(store, w.id, [edited(entry, horizon="3-6m")])
    store.save_answer(m.id, "trust-1", 1, 5)
    [after] = load_plan(store, w.id, actions)
    assert after.horizon == "3-6m"


def test_bad_edits_are_refused(scored):
    store, w, actions, _ = scored
    [entry] = load_plan(store, w.id, actions)
    with pytest.raises(TandemError, match="owner"):
        edited(entry, owner="ceo")
    with pytest.raises(TandemError, match="due date"):
        edited(entry, due="next week")


def test_move_and_group_by_horizon(scored):
    store, w, actions, _ = scored
    [entry] = load_plan(store, w.id, actions)
    a, b, c = (edited(entry, notes=n) for n in "abc")
    assert [e.notes for e in moved([a, b, c], 2, -1)] == ["a", "c", "b"]
    assert [e.notes for e in moved([a, b, c], 0, -5)] == ["a", "b", "c"]
    assert entry.horizon == "90d"
    ordered = in_plan_order([edited(a, horizon="6-12m"), b, edited(c, included=False)])
    assert [e.notes for e in ordered] == ["b", "a", "c"]  # by horizon, those left out last


def test_the_plan_is_suggested_until_the_facilitator_marks_it_agreed(scored):
    """Every output says whether the plan is suggested or agreed; marking it agreed stores it
    as it stands, so new answers no longer move it; reset forgets both."""
    from assessment_app.analysis.plan import mark_agreed, plan_state

    store, w, actions, (m, i) = scored
    assert plan_state(store, w.id) == "suggested" and store.plan_rows(w.id) == []
    plan = load_plan(store, w.id, actions)
    mark_agreed(store, w.id, [edited(plan[0], accountable=m.id, status="in progress")])
    assert plan_state(store, w.id) == "agreed"
    [entry] = load_plan(store, w.id, actions)
    assert (entry.accountable, entry.status, entry.included) == (m.id, "in progress", True)
    mark_agreed(store, w.id, load_plan(store, w.id, actions), agreed=False)
    assert plan_state(store, w.id) == "suggested"
    assert load_plan(store, w.id, actions)[0].status == "in progress"  # edits kept
    mark_agreed(store, w.id, load_plan(store, w.id, actions))
    reset_plan(store, w.id)
    assert plan_state(store, w.id) == "suggested" and store.plan_rows(w.id) == []


def test_a_bad_status_or_accountable_person_is_refused(scored):
    from assessment_app.analysis.plan import accountable_problem

    store, w, actions, (m, _) = scored
    [entry] = load_plan(store, w.id, actions)
    with pytest.raises(TandemError, match="status must be one of"):
        edited(entry, status="finished")
    people = {p.id for p in store.participants(w.id)}
    assert accountable_problem(m.id, people) is None and accountable_problem("", people) is None
    assert "must be a participant" in (accountable_problem("stranger", people) or "")


def test_one_plan_order_and_numbering_everywhere(demo_plan):
    """The issue's complaint: actions numbered by priority but printed by horizon read 7, 8,
    4, 5... Now the plan itself is in the printed order (next 90 days first), numbered 1..n,
    and a move stays within its horizon."""
    from assessment_app.analysis.plan import HORIZONS, plan_numbers

    entries = demo_plan
    included = [e for e in entries if e.included]
    assert [HORIZONS.index(e.horizon) for e in included] == sorted(
        HORIZONS.index(e.horizon) for e in included)
    assert all(e.included for e in entries[:len(included)])
    assert list(plan_numbers(entries).values()) == list(range(1, len(included) + 1))
    assert list(plan_numbers(entries)) == [e.id for e in included]
    last_quick = max(i for i, e in enumerate(entries) if e.included and e.horizon == "90d")
    assert moved(entries, last_quick, +1)[last_quick].id == entries[last_quick].id


def test_plan_numbers_follow_the_plan_order_whatever_order_rows_come_in(demo_plan):
    """Rows handed over in another order (a table sorted by a column, a workbook with rows
    swapped) are still numbered horizon by horizon, the next 90 days first, 1..n; only the
    order within a horizon is the facilitator's."""
    import random

    from assessment_app.analysis.plan import HORIZONS, plan_numbers

    shuffled = list(demo_plan)
    random.Random(7).shuffle(shuffled)
    assert [e.id for e in shuffled] != [e.id for e in demo_plan]
    numbers = plan_numbers(shuffled)
    horizon = {e.id: e.horizon for e in demo_plan}
    by_number = sorted(numbers, key=numbers.__getitem__)
    assert [HORIZONS.index(horizon[i]) for i in by_number] == sorted(
        HORIZONS.index(horizon[i]) for i in by_number)
    assert sorted(numbers.values()) == list(range(1, len(numbers) + 1))
    within = [i for i in (e.id for e in shuffled) if i in numbers and horizon[i] == "90d"]
    assert [numbers[i] for i in within] == list(range(1, len(within) + 1))


@pytest.fixture
def demo_plan(store, installed_catalog):
    from assessment_app.exchange.demo import create_demo_workshop

    w = create_demo_workshop(store, installed_catalog.default())
    return load_plan(store, w.id, installed_catalog.actions)
