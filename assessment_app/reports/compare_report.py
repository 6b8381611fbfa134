"""``tandem compare --baseline A --followup B --json``: the comparison as JSON, with stable
keys. A figure withheld under the privacy threshold is ``null`` beside
``"withheld": "fewer than 3 respondents"``; progress is a fraction (1.0: the target reached),
``null`` with a ``note`` where it is undefined."""

from __future__ import annotations

from typing import Any

from ..analysis.compare import Comparison, Progress, Side, StatementChange
from ..analysis.numbers import rounded
from ..analysis.plan_check import Verdict
from ..content.questionnaire import ROLES
from ..rules.privacy import withheld_note


def comparison_report(c: Comparison) -> dict[str, Any]:
    withheld = withheld_note(c.minimum)
    return {
        "baseline": _workshop(c.baseline),
        "followup": _workshop(c.followup),
        "comparable": {
            "count": c.comparable, "of": len(c.pairings), "sentence": c.comparable_sentence,
            "statements": [{"item": p.item, "baseline_item": p.baseline, "change": p.change}
                           for p in c.pairings],
            "dropped": list(c.dropped)},
        "people": {kind: dict(counts) for kind, counts in c.people.items()},
        "people_note": c.headline_note or None,
        "functions": _functions(c.functions, withheld),
        "returning": _functions(c.returning_functions, withheld),
        "statements": [_statement(s, withheld) for s in c.statements],
        "most_improved": [_statement(s, withheld) for s in c.most_improved()],
        "most_worsened": [_statement(s, withheld) for s in c.most_worsened()],
        "actions": [_verdict(v) for v in c.verdicts],
    }


def _workshop(side: Side) -> dict[str, Any]:
    w = side.workshop
    return {"id": w.id, "name": w.name, "date": w.date, "follows": w.follows or None,
            "questionnaire": {"id": w.questionnaire_id, "version": w.questionnaire_version,
                              "items": len(side.questionnaire.items)}}


def _functions(functions, withheld: str) -> dict[str, Any]:
    return {role: {group: _progress(p, withheld) for group, p in functions[role].items()}
            for role in ROLES}


def _progress(p: Progress, withheld: str) -> dict[str, Any]:
    data: dict[str, Any] = {"statements": p.statements, "baseline": p.then, "now": p.now,
                            "target": p.target, "change": p.change, "progress": p.progress}
    if p.statements == 0:
        data["withheld"] = withheld
    if p.note:
        data["note"] = p.note
    return data


def _statement(s: StatementChange, withheld: str) -> dict[str, Any]:
    roles = {}
    for role in ROLES:
        figures: dict[str, Any] = {key: None if value is None else rounded(value)
                                   for key, value in (("baseline", s.then[role]),
                                                      ("now", s.now[role]),
                                                      ("target", s.target[role]))}
        if s.then[role] is None or s.now[role] is None:
            figures["withheld"] = withheld
        roles[role] = figures
    return {"item": s.item, "baseline_item": s.baseline_item, "lineage": s.change_kind,
            "dimension": s.dimension, "roles": roles, "change": s.change}


def _verdict(v: Verdict) -> dict[str, Any]:
    return {"id": v.action, "title": v.title, "verdict": v.verdict, "figures": v.sentence,
            "conditions": [
                {"statement": c.statement, "level": c.level, "share": c.share,
                 "verdict": c.outcome, "note": c.note or None,
                 "functions": {m.function: {"n": m.n, "reached": m.reached, "share": m.share,
                                            "verdict": m.outcome} for m in c.measured}}
                for c in v.checks]}
