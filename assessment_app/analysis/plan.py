"""The workshop's action plan: the scoring engine's ranked actions as a suggestion, and the
facilitator's edits (include or drop, order, owner, horizon, due date, notes) kept with the
workshop.

The suggestion is the ranking's first places (``ranking.SUGGESTED_SIZE``, built one place at a
time with at most ``ranking.SAME_STATEMENT_CAP`` resting mainly on one statement; see
``ranking``'s docstring): those the ranking marks ``suggested`` are included, in ranked order.

Until the facilitator changes something the plan is the suggestion, recomputed from the latest
answers. The first edit stores the whole plan, so what the room agreed no longer moves when more
answers arrive; actions that appear later are added at the end, not included. "Reset to
suggested" forgets the edits.

The plan as a whole is *suggested* until the facilitator marks it *agreed*: marking it stores
the plan as it stands, so it no longer moves; every screen and PDF says which (``plan_state``),
and no output calls an untouched suggestion agreed. Each row may name an accountable
participant beside its owning function, and has a status.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..content.actions import HORIZONS, Action
from ..errors import TandemError
from ..i18n import tr
from ..rules.changes import Changed
from ..rules.plan_fields import PLAN_FIELDS, STATUSES, plan_sentence
from ..rules.plan_row import PlanRow
from .ranking import SUGGESTED_SIZE, ActionScore
from .workshop import load_scored_workshop

__all__ = ["SUGGESTED_SIZE", "PlanEntry", "suggested_plan", "merge_saved", "edited", "moved",
           "ranked_actions", "load_plan", "save_plan", "reset_plan",
           "saved_rows", "plan_state", "state_of", "mark_agreed", "accountable_problem",
           "in_plan_order", "plan_numbers"]


@dataclass(frozen=True)
class PlanEntry:
    action: Action
    priority: float | None
    reasons: tuple[str, ...]
    included: bool
    owner: str
    horizon: str
    due: str = ""  # YYYY-MM-DD or empty
    notes: str = ""
    accountable: str = ""  # a participant's id, or empty: the owning function as a whole
    status: str = STATUSES[0]

    @property
    def id(self) -> str:
        return self.action.id


def in_plan_order(entries: Iterable[PlanEntry]) -> list[PlanEntry]:
    """The one order every screen, PDF and workbook shows the plan in, so its numbers read
    1, 2, 3 everywhere: the included actions by horizon (the next 90 days first), each horizon
    in the facilitator's order, then the actions left out."""
    entries = list(entries)
    included = [e for e in entries if e.included]
    return ([e for h in HORIZONS for e in included if e.horizon == h]
            + [e for e in included if e.horizon not in HORIZONS]
            + [e for e in entries if not e.included])


def plan_numbers(entries: Iterable[PlanEntry]) -> dict[str, int]:
    """Action id -> its number in the plan (1 to n over the included actions, in plan order)."""
    included = [e for e in in_plan_order(entries) if e.included]
    return {e.id: n for n, e in enumerate(included, start=1)}


def suggested_plan(ranked: tuple[ActionScore, ...] | list[ActionScore]) -> list[PlanEntry]:
    """Ranked actions, those the ranking suggests included (at most ``SUGGESTED_SIZE``, each
    with a real gap behind it), in plan order."""
    return in_plan_order([PlanEntry(score.action, score.priority, score.reasons,
                                    score.suggested, score.action.owner, score.action.horizon)
                          for score in ranked])


def merge_saved(ranked: tuple[ActionScore, ...] | list[ActionScore], saved: Sequence[PlanRow]
                ) -> list[PlanEntry]:
    """Apply stored edits (rows in saved order) over the current scores."""
    if not saved:
        return suggested_plan(ranked)
    by_id = {s.action.id: s for s in ranked}
    entries = []
    for row in saved:
        score = by_id.pop(row.action_id, None)
        if score is None:
            continue  # the action left the library or no longer answers this questionnaire
        entries.append(PlanEntry(score.action, score.priority, score.reasons, row.included,
                                 row.owner, row.horizon, row.due, row.notes, row.accountable,
                                 row.status))
    for score in ranked:  # new since the plan was saved
        if score.action.id in by_id:
            entries.append(PlanEntry(score.action, score.priority, score.reasons, False,
                                     score.action.owner, score.action.horizon))
    return in_plan_order(entries)


def edited(entry: PlanEntry, **changes) -> PlanEntry:
    """A copy with checked changes; a bad value is refused with a plain sentence (the rule of
    ``rules.plan_fields.plan_problem``, which the store and bundle import apply too)."""
    for field in PLAN_FIELDS:
        problem = plan_sentence(field, changes[field]) if field in changes else None
        if problem:
            raise TandemError(problem)
    return replace(entry, **changes)


def moved(entries: list[PlanEntry], index: int, offset: int) -> list[PlanEntry]:
    """The list (in plan order) with entry ``index`` moved by ``offset`` places, within its
    horizon (or among the actions left out): changing the horizon is what moves it further."""
    def group(e: PlanEntry) -> tuple[bool, str]:
        return (e.included, e.horizon if e.included else "")
    same = [i for i, e in enumerate(entries) if group(e) == group(entries[index])]
    target = max(same[0], min(same[-1], index + offset))
    result = list(entries)
    result.insert(target, result.pop(index))
    return result


def ranked_actions(store, workshop_id: str, actions: list[Action]) -> tuple[ActionScore, ...]:
    return load_scored_workshop(store, workshop_id, actions).scores.actions


def load_plan(store, workshop_id: str, actions: list[Action],
              ranked: tuple[ActionScore, ...] | list[ActionScore] | None = None
              ) -> list[PlanEntry]:
    """The workshop's plan over its actions as ranked now. ``ranked``: the ranking of a
    workshop already scored (``ScoredWorkshop.scores.actions``), so it is not scored again;
    by default the workshop is read and scored here."""
    if ranked is None:
        ranked = ranked_actions(store, workshop_id, actions)
    return merge_saved(ranked, store.plan_rows(workshop_id))


def save_plan(store, workshop_id: str, entries: list[PlanEntry]) -> Changed:
    return store.save_plan_rows(workshop_id, saved_rows(entries))


def saved_rows(entries: Iterable[PlanEntry]) -> list[PlanRow]:
    """Entries as the rows the store keeps."""
    return [PlanRow(e.id, e.included, e.owner, e.horizon, e.due, e.notes, e.accountable,
                    e.status) for e in entries]


def reset_plan(store, workshop_id: str) -> Changed:
    """Back to the formula's suggestion: edits forgotten, no longer agreed."""
    with store.transaction():
        return (store.save_plan_rows(workshop_id, [])
                | store.set_plan_agreed_at(workshop_id, ""))


def plan_state(store, workshop_id: str) -> str:
    """"agreed" once the facilitator marked the plan agreed, else "suggested"."""
    return state_of(store.plan_agreed_at(workshop_id))


def state_of(agreed_at: str) -> str:
    """The plan's state from when it was marked agreed (``Store.plan_agreed_at``)."""
    return "agreed" if agreed_at else "suggested"


def mark_agreed(store, workshop_id: str, entries: list[PlanEntry], agreed: bool = True
                ) -> Changed:
    """Mark the plan agreed with the room (stored as it stands, so it no longer moves with new
    answers), or back to suggested while keeping the edits (``agreed=False``)."""
    from ..rules.stamps import now_iso

    with store.transaction():
        if agreed:
            store.save_plan_rows(workshop_id, saved_rows(entries))
        return store.set_plan_agreed_at(workshop_id, now_iso() if agreed else "")


def accountable_problem(value: str, participant_ids: set[str] | list[str]) -> str | None:
    """None when ``value`` may be a plan row's accountable person (empty, or a participant of
    the workshop); otherwise what is wrong, as the end of a sentence."""
    if value and value not in participant_ids:
        # Translators: the end of a sentence that begins with a field ("accountable: …")
        return tr("must be a participant of this workshop, not {value}", value=repr(value))
    return None
