"""Writing a workshop bundle: the JSON file that moves a workshop between laptops (format
``tandem-workshop``, version 1), whole or anonymised.

An anonymised bundle has fresh ids, no names, titles or organisation, every time set to the
workshop's date, its rows shuffled, and comments and notes scrubbed of known names or left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from ..files import write_text_atomically
from ..rules.plan_row import PlanRow
from ..rules.privacy import threshold
from ..rules.records import Workshop
from ..rules.text import cut_to_limit
from ..store.database import Store
from .anonymise import (
    ANONYMOUS_WORKSHOP,
    Pseudonyms,
    day_stamp,
    needs_merging,
    pseudonymise,
    shuffled,
)
from .bundle_check import FORMAT, VERSION, language_key
from .consensus_bundle import consensus_for_export


def export_bundle(store: Store, workshop_id: str, anonymise: bool = False,
                  keep_comments: bool | None = None) -> dict[str, Any]:
    """The workshop as a bundle. Comments and plan notes are kept unless ``keep_comments`` is
    False; an anonymised bundle leaves them out unless it is True (``anonymise``)."""
    keep = (not anonymise) if keep_comments is None else keep_comments
    if anonymise:
        return _anonymised_bundle(store, workshop_id, keep)
    workshop = store.workshop(workshop_id)
    questionnaire = store.questionnaire(workshop.questionnaire_hash)
    round2, consensus = consensus_for_export(store, workshop_id,
                                             (lambda n: n) if keep else None)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "anonymised": False,
        "comments_dropped": not keep,
        "workshop": {
            **_workshop_header(workshop),
            "id": workshop.id, "name": workshop.name, "organization": workshop.organization,
            "edited_at": workshop.edited_at,
            **({"follows": workshop.follows} if workshop.follows else {}),
        },
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "title": p.title,
             "edited_at": p.edited_at, **({"person": p.person} if p.person else {})}
            for p in store.participants(workshop_id)
        ],
        "answers": [
            {"participant": a.participant_id, "item": a.item_id, "current": a.current,
             "target": a.target, "comment": a.comment if keep else "",
             "answered_at": a.answered_at, **language_key(a)}
            for a in store.answers_for_workshop(workshop_id)
        ] + round2,
        "deletions": [{"kind": d.kind, "id": d.id, "deleted_at": d.deleted_at}
                      for d in store.deletions(workshop_id) if d.kind == "participant"],
        "questionnaire_content": questionnaire.content(),
        **_plan_for_export(store, workshop_id, notes=(lambda n: n) if keep else None),
        **consensus,
    }


def _workshop_header(workshop: Workshop) -> dict[str, Any]:
    return {"date": workshop.date, "privacy_threshold": workshop.privacy_threshold,
            "questionnaire": {"id": workshop.questionnaire_id,
                              "version": workshop.questionnaire_version,
                              "hash": workshop.questionnaire_hash}}


def _anonymised_bundle(store: Store, workshop_id: str, keep_comments: bool) -> dict[str, Any]:
    """An anonymised bundle: fresh ids, no names, titles or organisation, every time the
    workshop's date, rows shuffled, comments and notes scrubbed or left out; refused when a
    function has fewer respondents than the privacy threshold."""
    workshop = store.workshop(workshop_id)
    participants = store.participants(workshop_id)
    answers = store.answers_for_workshop(workshop_id)
    needs_merging(participants, answers, merge=False, bundle=True,  # refused under it
                  minimum=threshold(workshop.privacy_threshold))
    alias = pseudonymise(workshop, participants)
    day = day_stamp(workshop)
    notes = (lambda n: _scrubbed(alias, "notes", n)) if keep_comments else None
    round2, consensus = consensus_for_export(store, workshop_id, notes, alias.ids, day)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": day,
        "anonymised": True,
        "comments_dropped": not keep_comments,
        "workshop": {"id": alias.workshop_id, "name": ANONYMOUS_WORKSHOP, "organization": "",
                     **_workshop_header(workshop)},
        "participants": [
            {"id": alias.ids[p.id], "name": alias.names[p.id], "role": p.role, "title": ""}
            for p in shuffled(participants, alias.rng)
        ],
        "answers": [
            {"participant": alias.ids[a.participant_id], "item": a.item_id,
             "current": a.current, "target": a.target,
             "comment": _scrubbed(alias, "comment", a.comment) if keep_comments else "",
             "answered_at": day}
            for a in shuffled(answers, alias.rng)
        ] + shuffled(round2, alias.rng),
        "questionnaire_content": store.questionnaire(workshop.questionnaire_hash).content(),
        **_plan_for_export(store, workshop_id, notes, alias.ids, day),
        **consensus,
    }


def _scrubbed(alias: Pseudonyms, limit: str, text: str) -> str:
    """Known names replaced; within the limit still (a pseudonym may be longer than a name)."""
    return cut_to_limit(limit, alias.scrub(text))[0]


def _plan_for_export(store: Store, workshop_id: str, notes: Callable[[str], str] | None,
                     ids: Mapping[str, str] | None = None, day: str = "") -> dict[str, Any]:
    """The facilitator's edited plan, when there is one (extra keys readers may ignore);
    ``notes`` turns each note into what is exported (None: notes left out); ``ids`` maps
    participant ids to those exported (an anonymised bundle's fresh ones); ``day``, when
    given, stands for every time (an anonymised bundle's workshop date), and rows carry no
    edit time."""
    rows = store.plan_rows(workshop_id)
    if not rows:
        return {}
    agreed_at = store.plan_agreed_at(workshop_id)

    def person(pid: str) -> str:
        return (ids.get(pid, "") if ids is not None else pid) if pid else ""

    def times(r: PlanRow) -> dict[str, str]:
        return {"edited_at": r.edited_at} if r.edited_at and not day else {}

    return {"plan": [{"action": r.action_id, "included": r.included, "owner": r.owner,
                      "horizon": r.horizon, "due": r.due, "notes": notes(r.notes) if notes else "",
                      "accountable": person(r.accountable), "status": r.status, **times(r)}
                     for r in rows],
            "plan_agreed_at": day if day and agreed_at else agreed_at}


def write_bundle(data: Mapping[str, Any], out: Path) -> None:
    write_text_atomically(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
