"""``tandem results --json``: a workshop's scores as PRODUCT.md's stable JSON keys.

The numbers come from the scoring engine on the questionnaire snapshot the workshop was created
with, so editing a questionnaire file never changes old results. This is the one place they are
rounded (``scoring.rounded``), so every report shows the same figures.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..analysis.scoring import (
    GroupRoleStats,
    GroupScore,
    ItemScore,
    RoleStats,
    rounded,
    score_workshop,
)
from ..content.questionnaire import ROLES

if TYPE_CHECKING:
    from ..content.catalog import Catalog
    from ..store.database import Store, Workshop


def _round(value: float | int | None) -> float | int | None:
    return rounded(value) if isinstance(value, float) else value


def _numbers(stats: RoleStats | GroupRoleStats) -> dict[str, Any]:
    return {key: _round(value) for key, value in asdict(stats).items()}


def _roles_and_gaps(score: ItemScore | GroupScore) -> dict[str, Any]:
    return {"roles": {role: _numbers(score.roles[role]) for role in ROLES},
            "perception_gap": _round(score.perception_gap),
            "ambition_gap": _round(score.ambition_gap)}


def _workshop(store: Store, w: Workshop, item_count: int) -> dict[str, Any]:
    participants = store.participants(w.id)
    done = store.completion(w.id)
    return {
        "id": w.id, "name": w.name, "organization": w.organization, "date": w.date,
        "questionnaire": {"id": w.questionnaire_id, "version": w.questionnaire_version,
                          "hash": w.questionnaire_hash},
        "participants": {role: sum(p.role == role for p in participants) for role in ROLES},
        "completed": {role: sum(p.role == role and done.get(p.id, 0) >= item_count
                                for p in participants) for role in ROLES},
    }


def _benchmark(score: ItemScore) -> dict[str, Any] | None:
    """The research figure beside the workshop's own share at level 4 or 5, per role."""
    b = score.item.benchmark
    if b is None:
        return None
    return {"marketing": b.marketing, "it": b.it, "source": b.source,
            "workshop": {role: _round(score.roles[role].share_at_least_4) for role in ROLES}}


def results_report(store: Store, catalog: Catalog, workshop_id: str) -> dict[str, Any]:
    """Scores of one workshop; raises StorageError when there is no such workshop."""
    workshop = store.workshop(workshop_id)
    questionnaire = store.questionnaire_for(workshop.id)
    scores = score_workshop(questionnaire, store.participants(workshop.id),
                            store.answers_for_workshop(workshop.id), catalog.actions)
    rank = {s.item.id: n for n, s in enumerate(scores.ranked_items, start=1)}
    return {
        "workshop": _workshop(store, workshop, len(questionnaire.items)),
        "items": [
            {"id": s.item.id, "theme": s.item.theme, "dimension": s.item.dimension,
             "weight": s.item.weight, **_roles_and_gaps(s), "priority": s.priority,
             "rank": rank[s.item.id], "benchmark": _benchmark(s)}
            for s in scores.items
        ],
        "themes": [
            {"id": t.id, "dimension": t.dimension, "title": t.title, "items": list(t.item_ids),
             **_roles_and_gaps(t)}
            for t in scores.themes
        ],
        "dimensions": [
            {"id": d.id, "title": d.title, "items": list(d.item_ids), **_roles_and_gaps(d)}
            for d in scores.dimensions
        ],
        "actions": [
            {"id": a.action.id, "title": a.action.title, "owner": a.action.owner,
             "horizon": a.action.horizon, "effort": a.action.effort, "priority": a.priority,
             "items": list(a.item_ids), "reasons": list(a.reasons)}
            for a in scores.actions
        ],
    }
