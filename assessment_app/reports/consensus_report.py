"""``tandem consensus --json`` and the ``consensus`` keys of ``tandem results --json``: the
consensus round under stable keys (keys may be added, never renamed or removed). A figure
resting on fewer answers than the privacy threshold is ``null`` beside ``"withheld"``."""

from __future__ import annotations

from typing import Any

from ..analysis.consensus import EVERYONE, GroupLevels
from ..analysis.consensus_view import ConsensusView, StatementRounds
from ..content.questionnaire import LEVEL_COUNT
from ..rules.consensus import Decision
from ..rules.privacy import withheld_note

MEASURE_KEYS = ("median", "mean", "range", "rwg", "within_one", "counts")


def group_json(group: GroupLevels) -> dict[str, Any]:
    """One group's measures: ``n`` (levels given), ``dont_know``, median, mean, range, rwg,
    within_one and ``counts`` (how many chose each level, never who); where the measures are
    withheld, so are ``n`` and ``dont_know`` (two of two saying "don't know" names both)."""
    counted: dict[str, int | None] = {"n": len(group.levels), "dont_know": group.dont_know}
    if group.measures is None and group.answered:  # how many said "don't know" is withheld too
        counted = dict.fromkeys(counted)
    if group.measures is None:
        return {**counted, **dict.fromkeys(MEASURE_KEYS), "withheld": withheld_note(group.minimum)}
    return {**counted, **group.measures.as_json(),
            "counts": [group.levels.count(level) for level in range(1, LEVEL_COUNT + 1)]}


def decision_json(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {"item": decision.item_id, "current": decision.current, "target": decision.target,
            "status": decision.status, "note": decision.note, "decided_at": decision.decided_at}


def rounds_json(groups: dict[str, GroupLevels]) -> dict[str, Any]:
    return {key: group_json(groups[key]) for key in ("marketing", "it", EVERYONE)}


def item_consensus(statement: StatementRounds) -> dict[str, Any]:
    """The ``consensus`` key of one item in ``results --json``."""
    return {"round1": rounds_json(statement.round1), "round2": rounds_json(statement.round2),
            "rerated": statement.rerated,
            "proposed": statement.proposal.as_json() if statement.proposal else None,
            "decision": decision_json(statement.decision)}


def consensus_json(view: ConsensusView) -> dict[str, Any]:
    """The round's state, triage with reasons and measures, the selected statements (and any
    decided) with both rounds, decisions and the dots on actions."""
    state = view.state
    chosen = set(view.triage.default_selection)
    shown = [i for i in view.statements if i in state.items or
             view.statements[i].decision is not None]
    order = {item: n for n, item in enumerate(state.items)}
    shown.sort(key=lambda i: order.get(i, len(order)))
    return {
        "workshop": state.workshop_id, "state": state.phase, "opened_at": state.opened_at,
        "closed_at": state.closed_at, "vote_budget": state.vote_budget,
        "selected": list(state.items),
        "triage": {
            "contested": [{"item": c.item_id, "reasons": [r.as_json() for r in c.reasons],
                           "strength": round(c.strength, 2), "default": c.item_id in chosen,
                           "round1": rounds_json(view.statements[c.item_id].round1)}
                          for c in view.triage.contested],
            "agree_at_once": [{"item": item, "proposed": p.as_json()}
                              for item, p in view.triage.agree_at_once]},
        "statements": [{"item": i, **item_consensus(view.statements[i])} for i in shown],
        "decisions": [decision_json(d) for d in view.decisions],
        "votes": [{"action": a, "votes": n} for a, n in view.votes.items()],
        "voters": view.voters, "participants": view.participants,
        "rerated_all": view.rerated_all,
    }
