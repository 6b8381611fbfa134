"""``tandem results --json``: a workshop's scores under stable JSON keys (scripts rely on them:
keys may be added, never renamed or removed).

The numbers come from the scoring engine on the questionnaire snapshot the workshop was created
with, so editing a questionnaire file never changes old results. This is the one place they are
rounded (``numbers.rounded``), so every report shows the same figures.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..analysis.agreed import VOTE_WEIGHT
from ..analysis.disclosure import ranking_note
from ..analysis.findings import findings, situation
from ..analysis.item_stats import (
    GOOD_LEVEL,
    VISIBILITY_LEVELS,
    GroupRoleStats,
    GroupScore,
    ItemScore,
    RoleStats,
)
from ..analysis.numbers import rounded
from ..analysis.plan import load_plan, plan_numbers
from ..analysis.ranking import (
    DECAY,
    EFFORT_DIVISORS,
    MISMATCH_FACTOR,
    SAME_STATEMENT_CAP,
    SUGGESTED_SIZE,
)
from ..analysis.scoring import Scores
from ..analysis.summary import headlines
from ..analysis.workshop import ScoredWorkshop, load_scored_workshop
from ..content.questionnaire import ROLES
from ..rules.privacy import withheld_note
from .consensus_report import item_consensus

if TYPE_CHECKING:
    from ..content.catalog import Catalog
    from ..store.database import Store


def _round(value: float | int | None) -> float | int | None:
    return rounded(value) if isinstance(value, float) else value


FLAGS = ("withheld", "counts_withheld")  # said by the "withheld" key, never as booleans


def _numbers(stats: RoleStats | GroupRoleStats, minimum: int) -> dict[str, Any]:
    """One role's figures; those withheld (``disclosure``) are null beside
    ``"withheld": "fewer than 3 respondents"``, the counts too when they are."""
    numbers: dict[str, Any] = {key: _round(value) for key, value in asdict(stats).items()
                               if key not in FLAGS}
    if stats.counts_withheld:
        numbers.update(n=None, dont_know=None)
    if stats.withheld or stats.counts_withheld:
        numbers["withheld"] = withheld_note(minimum)
    return numbers


def _roles_and_gaps(score: ItemScore | GroupScore, minimum: int) -> dict[str, Any]:
    roles = {role: _numbers(score.roles[role], minimum) for role in ROLES}
    found: dict[str, Any] = {"roles": roles, "perception_gap": _round(score.perception_gap),
                             "ambition_gap": _round(score.ambition_gap)}
    if any("withheld" in r for r in roles.values()):
        found["withheld"] = withheld_note(minimum)
    return found


def _item(s: ItemScore, minimum: int) -> dict[str, Any]:
    return {"id": s.item.id, "theme": s.item.theme, "dimension": s.item.dimension,
            "weight": s.item.weight, "perspective": s.item.perspective,
            **_roles_and_gaps(s, minimum), "visibility_gap": _round(s.visibility_gap),
            "shortfall": s.shortfall, "calls_for": s.reason, "priority": s.priority,
            "rank": s.rank, "shared_rank": s.shared_rank, "tied": s.tied,
            "all_respondents": None if s.pooled is None else _numbers(s.pooled, minimum),
            "benchmark": _benchmark(s, minimum), "context": _findings(s.item.context)}


def _group_gaps(group: GroupScore, minimum: int) -> dict[str, Any]:
    """A theme's or dimension's numbers; ``perception_gap`` over the statements both functions
    rate alike, ``shown_gap`` what every table and chart prints beside its two means
    (``GroupScore.shown_gap``: null where it holds a self-rated statement, ``self_rated``)."""
    return {**_roles_and_gaps(group, minimum), "self_rated": group.self_rated,
            "shown_gap": _round(group.shown_gap)}


def _workshop(scored: ScoredWorkshop) -> dict[str, Any]:
    w, participants = scored.workshop, scored.participants
    return {
        "id": w.id, "name": w.name, "organization": w.organization, "date": w.date,
        "questionnaire": {"id": w.questionnaire_id, "version": w.questionnaire_version,
                          "hash": w.questionnaire_hash},
        "participants": {role: sum(p.role == role for p in participants) for role in ROLES},
        "completed": {role: scored.finished(role) for role in ROLES},
        "privacy_threshold": scored.minimum,
    }


def _benchmark(score: ItemScore, minimum: int) -> dict[str, Any] | None:
    """The research figure beside the workshop's own share at or above the level from which the
    survey statement is true (``true_from``), per role, with the number of respondents; a
    share resting on too few people is null, with ``withheld``."""
    b = score.item.benchmark
    if b is None:
        return None
    found = {"marketing": b.marketing, "it": b.it, "source": b.source,
             "statement": b.statement, "true_from": b.true_from,
             "workshop": {role: _round(score.roles[role].share_statement_true)
                          for role in ROLES},
             "n": {role: None if score.roles[role].counts_withheld else score.roles[role].n
                   for role in ROLES}}
    if any(score.roles[role].withheld or score.roles[role].counts_withheld for role in ROLES):
        found["withheld"] = withheld_note(minimum)
    return found


def _findings(findings) -> list[dict[str, str]]:
    return [{"text": f.text, "source": f.source} for f in findings]


def _privacy(scores: Scores) -> dict[str, Any]:
    """The threshold in force and, where a figure is withheld, what the ranking used instead."""
    withheld = any(s.roles[r].withheld or s.roles[r].counts_withheld
                   for s in scores.items for r in ROLES)
    return {"threshold": scores.minimum,
            "ranking": ranking_note(scores.minimum) if withheld else None}


def _method() -> dict[str, Any]:
    """The constants of the ranking, so a reader can redo it (reports/method.md)."""
    return {"visibility_levels": VISIBILITY_LEVELS, "decay": DECAY,
            "effort_divisors": dict(EFFORT_DIVISORS), "suggested_size": SUGGESTED_SIZE,
            "same_statement_cap": SAME_STATEMENT_CAP, "good_level": GOOD_LEVEL,
            "mismatch_factor": MISMATCH_FACTOR, "vote_weight": VOTE_WEIGHT}


def _consensus(scored: ScoredWorkshop, item_id: str) -> dict[str, Any]:
    """The item's consensus round: both rounds per function and everyone, the decision."""
    if scored.consensus is None:
        return {}
    return {"consensus": item_consensus(scored.consensus.statements[item_id])}


def results_report(store: Store, catalog: Catalog, workshop_id: str) -> dict[str, Any]:
    """Scores of one workshop; raises StorageError when there is no such workshop."""
    scored = load_scored_workshop(store, workshop_id, catalog.actions)
    scores = scored.scores
    numbers = plan_numbers(load_plan(store, workshop_id, catalog.actions, ranked=scores.actions))
    minimum = scores.minimum
    return {
        "workshop": _workshop(scored),
        "method": {**_method(), "tie_margin": _round(scores.tie_margin)},
        "privacy": _privacy(scores),
        "business_case": _findings(scored.questionnaire.business_case),
        "summary": {"situation": situation(scored), "findings": findings(scored),
                    "headlines": headlines(scored)},
        "items": [{**_item(s, minimum), **_consensus(scored, s.item.id)} for s in scores.items],
        "themes": [
            {"id": t.id, "dimension": t.dimension, "title": t.title, "items": list(t.item_ids),
             **_group_gaps(t, minimum)}
            for t in scores.themes
        ],
        "dimensions": [
            {"id": d.id, "title": d.title, "items": list(d.item_ids), **_group_gaps(d, minimum)}
            for d in scores.dimensions
        ],
        "actions": [
            {"id": a.action.id, "title": a.action.title, "owner": a.action.owner,
             "lead": a.action.lead, "partner": a.action.partner or None,
             "horizon": a.action.horizon, "effort": a.action.effort, "priority": a.priority,
             "own_priority": a.own_priority, "value": a.value, "plan_value": a.plan_value,
             "effort_divisor": EFFORT_DIVISORS.get(a.action.effort),
             "fixes": a.action.fixes, "calls_for": a.calls_for, "factor": a.factor,
             "number": numbers.get(a.action.id),  # in the plan, as every output numbers it
             "kind": a.kind, "rank": a.rank, "shared_rank": a.shared_rank, "tied": a.tied,
             "suggested": a.suggested, "held_back": a.held_back, "main_item": a.main_item,
             "items": list(a.item_ids), "measured_by": list(a.action.measured_by),
             "reasons": list(a.reasons), "votes": a.votes, "importance": a.importance}
            for a in scores.actions
        ],
    }
