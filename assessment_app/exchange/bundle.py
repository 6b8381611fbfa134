"""Workshop bundles: the JSON file that moves a workshop between laptops (PRODUCT.md, version 1).

Import is planned first (validated completely by ``bundle_check``, nothing written) and then
applied in one transaction, so a bad file changes nothing and a good one lands whole. Merging goes
by ids; when the same participant answered the same item twice, the later ``answered_at`` wins.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..content.catalog import Catalog
from ..content.questionnaire import Questionnaire
from ..errors import BundleError
from ..files import write_text_atomically
from ..store.database import Store
from ..store.records import Answer, Participant, Workshop
from .anonymise import anonymous_names
from .bundle_check import (
    FORMAT,
    VERSION,
    Check,
    check_answers,
    check_header,
    check_participants,
    check_plan,
    check_workshop,
    parse_time,
)

# -- export ------------------------------------------------------------------------------------


def export_bundle(store: Store, workshop_id: str, anonymise: bool = False,
                  keep_comments: bool = True) -> dict[str, Any]:
    workshop = store.workshop(workshop_id)
    questionnaire = store.questionnaire(workshop.questionnaire_hash)
    participants = store.participants(workshop_id)
    aliases = anonymous_names(participants) if anonymise else {}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "anonymised": anonymise,
        "workshop": {
            "id": workshop.id, "name": workshop.name, "organization": workshop.organization,
            "date": workshop.date,
            "questionnaire": {"id": workshop.questionnaire_id,
                              "version": workshop.questionnaire_version,
                              "hash": workshop.questionnaire_hash},
        },
        "participants": [
            {"id": p.id, "name": aliases.get(p.id, p.name), "role": p.role,
             "title": "" if anonymise else p.title}
            for p in participants
        ],
        "answers": [
            {"participant": a.participant_id, "item": a.item_id, "current": a.current,
             "target": a.target, "comment": a.comment if keep_comments or not anonymise else "",
             "answered_at": a.answered_at}
            for a in store.answers_for_workshop(workshop_id)
        ],
        "questionnaire_content": questionnaire.content(),
        **_plan_for_export(store, workshop_id, keep_notes=not anonymise or keep_comments),
    }


def _plan_for_export(store: Store, workshop_id: str, keep_notes: bool) -> dict[str, Any]:
    """The facilitator's edited plan, when there is one (an extra key readers may ignore)."""
    rows = store.plan_rows(workshop_id)
    if not rows:
        return {}
    return {"plan": [{"action": r["action_id"], "included": bool(r["included"]),
                      "owner": r["owner"], "horizon": r["horizon"], "due": r["due"],
                      "notes": r["notes"] if keep_notes else ""} for r in rows]}


def write_bundle(data: Mapping[str, Any], out: Path) -> None:
    write_text_atomically(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# -- reading and validating ---------------------------------------------------------------------


def read_bundle(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BundleError(f"{path}: is not a Tandem bundle (not UTF-8 text).") from None
    if not text.strip():
        raise BundleError(f"{path}: the file is empty.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError(f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{exc.msg}).") from None
    return data


@dataclass
class ImportPlan:
    """What an import would do: checked completely before anything is written."""

    workshop: Workshop
    questionnaire: Questionnaire
    new_workshop: bool
    new_participants: list[Participant] = field(default_factory=list)
    new_answers: list[Answer] = field(default_factory=list)
    replaced_answers: list[tuple[Answer, Answer]] = field(default_factory=list)  # (old, new)
    kept_answers: list[tuple[Answer, Answer]] = field(default_factory=list)  # (local, ignored)
    unchanged_answers: int = 0
    plan_rows: list[dict] = field(default_factory=list)  # the bundle's plan, when taken

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_workshop or self.new_participants or self.new_answers
                    or self.replaced_answers or self.plan_rows)

    def summary(self) -> dict[str, Any]:
        return {
            "workshop": self.workshop.id, "name": self.workshop.name,
            "new_workshop": self.new_workshop,
            "new_participants": len(self.new_participants),
            "new_answers": len(self.new_answers),
            "conflicts_taken_from_bundle": len(self.replaced_answers),
            "conflicts_kept_local": len(self.kept_answers),
            "unchanged_answers": self.unchanged_answers,
            "plan_taken_from_bundle": bool(self.plan_rows),
        }


def plan_import(store: Store, data: Any, catalog: Catalog | None = None,
                source: str = "bundle") -> ImportPlan:
    """Validate a bundle against the database and work out the merge; writes nothing."""
    check = Check(source)
    top = check_header(check, data)
    found = check_workshop(check, top, store, catalog)
    people = check_participants(check, top, store, found)
    answers = check_answers(check, top, found.questionnaire, people)
    wid = found.workshop.id
    plan = ImportPlan(workshop=found.workshop, questionnaire=found.questionnaire,
                      new_workshop=not found.existing, new_participants=people.new)
    if "plan" in top and not (found.existing and store.plan_rows(wid)):
        plan.plan_rows = check_plan(check, top["plan"])  # taken only where none is edited here
    local = {(a.participant_id, a.item_id): a
             for a in (store.answers_for_workshop(wid) if found.existing else [])}
    for answer, when in answers:
        _merge(plan, local.get((answer.participant_id, answer.item_id)), answer, when)
    return plan


def _merge(plan: ImportPlan, local: Answer | None, answer: Answer, when: datetime) -> None:
    """Sort one answer of the bundle: new here, the same, newer (taken) or older (kept local)."""
    if local is None:
        plan.new_answers.append(answer)
    elif _same(local, answer):
        plan.unchanged_answers += 1
    elif (when, answer.answered_at) > (parse_time(local.answered_at) or when, local.answered_at):
        plan.replaced_answers.append((local, answer))
    else:
        plan.kept_answers.append((local, answer))


def _same(a: Answer, b: Answer) -> bool:
    return (a.current, a.target, a.comment, a.answered_at) == (
        b.current, b.target, b.comment, b.answered_at)


def apply_import(store: Store, plan: ImportPlan) -> None:
    """Write a planned import in one transaction: all of it, or (on any error) none of it."""
    with store.transaction():
        if plan.new_workshop:
            store.write_workshop(plan.workshop, plan.questionnaire)
        for participant in plan.new_participants:
            store.write_participant(participant)
        for answer in plan.new_answers + [new for _, new in plan.replaced_answers]:
            store.write_answer(answer)
        if plan.plan_rows:
            store.save_plan_rows(plan.workshop.id, plan.plan_rows)


def import_bundle_file(store: Store, path: Path, catalog: Catalog | None = None) -> ImportPlan:
    plan = plan_import(store, read_bundle(path), catalog, source=str(path))
    apply_import(store, plan)
    return plan
