"""Dots go only on actions of the action library, at every door: the window, the phone page and
the store refuse a vote on another action, and a bundle carrying one still imports without it,
its preview and summary saying how many were left out and why (a bundle from a laptop with
another library, or edited by hand, must not use up a person's dots or weigh in the tally)."""

from __future__ import annotations

import json

import pytest

from assessment_app.errors import StorageError
from assessment_app.exchange.bundle_export import export_bundle
from assessment_app.exchange.bundle_import import apply_import
from assessment_app.exchange.bundle_merge import plan_import
from assessment_app.store.database import Store

from .test_consensus import LIBRARY, room  # noqa: F401 - the shared workshop fixture

GHOST = "no-such-action"


def _with_a_ghost_vote(store: Store, workshop_id: str, participant: str, count: int = 2
                       ) -> dict:
    """The workshop's bundle with one more vote, of ``participant``, on an action no library
    has (as a bundle from another laptop, or edited by hand, may carry)."""
    data = json.loads(json.dumps(export_bundle(store, workshop_id)))
    data["votes"].append({"participant": participant, "action": GHOST, "count": count,
                          "voted_at": data["votes"][0]["voted_at"]})
    return data


def test_the_store_keeps_no_dots_on_an_action_not_in_the_library(room):  # noqa: F811
    store, w, people, _ = room
    store.open_round(w.id, [])
    with pytest.raises(StorageError, match="not in the action library"):
        store.vote(people["i0"], GHOST, 1, LIBRARY)
    assert store.votes(w.id) == []


def _voted_and_another_laptop(made):
    """(store, workshop, people, another laptop's empty store) from the ``room`` fixture once
    the round is open and the first IT person has placed a dot on an action of the library."""
    store, w, people, _ = made
    store.open_round(w.id, ["trust-1"])
    store.vote(people["i0"], "weekly-meeting", 1, LIBRARY)
    return store, w, people, Store.in_memory()


def test_a_bundle_s_vote_on_an_unknown_action_is_left_out_and_the_summary_says_so(
        room, mini_catalog):  # noqa: F811
    store, w, people, other = _voted_and_another_laptop(room)
    plan = plan_import(other, _with_a_ghost_vote(store, w.id, people["i0"]), mini_catalog)
    apply_import(other, plan)
    assert [(v.action_id, v.count) for v in other.votes(w.id)] == [("weekly-meeting", 1)]
    [skipped] = plan.summary()["consensus"]["votes_skipped"]
    assert (skipped["participant"], skipped["action"], skipped["count"]) == (
        people["i0"], GHOST, 2)
    assert "not in the action library" in skipped["reason"]
    # the two dots left out use up none of the person's three here
    other.vote(people["i0"], "weekly-meeting", 3, {a.id for a in mini_catalog.actions})
    other.close()


def test_the_import_preview_says_how_many_votes_it_leaves_out_and_why(room, mini_catalog):  # noqa: F811
    from assessment_app.ui.data_actions import describe_plan

    store, w, people, other = _voted_and_another_laptop(room)
    apply_import(other, plan_import(other, json.loads(json.dumps(export_bundle(store, w.id))),
                                    mini_catalog))
    plan = plan_import(other, _with_a_ghost_vote(store, w.id, people["i0"]), mini_catalog)
    assert not plan.changes_anything  # nothing else is new: the file changes nothing here
    preview = describe_plan(plan, "w.json", adds=False)
    assert "• 1 vote on an action that is not in the action library on this laptop: left " \
           "out" in preview
    other.close()


def test_a_withdrawn_vote_on_an_unknown_action_is_not_listed_as_left_out(room, mini_catalog):  # noqa: F811
    from assessment_app.ui.data_actions import describe_plan

    store, w, people, other = _voted_and_another_laptop(room)
    plan = plan_import(other, _with_a_ghost_vote(store, w.id, people["i0"], count=0),
                       mini_catalog)
    # no dots are left out: the vote has none (each re-import would list it again)
    assert plan.summary()["consensus"]["votes_skipped"] == []
    assert "action library" not in describe_plan(plan, "w.json", adds=False)
    apply_import(other, plan)
    assert [(v.action_id, v.count) for v in other.votes(w.id)] == [("weekly-meeting", 1)]
    other.close()
