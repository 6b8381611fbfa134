"""The times a merge goes by, checked: when each answer was given, when names and titles were
last edited, when participants were deleted (the bundle's ``deletions``) and when the plan was
agreed. A time decides which laptop's answer, name or deletion wins, so one a merge may not
trust (``rules.stamps.stamp_problem``) is refused with one sentence naming where it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..content.questionnaire import ROLE_LABELS
from ..i18n import tr
from ..rules.plan_row import PlanRow
from ..rules.records import Answer, Deletion, Participant, Workshop
from ..rules.stamps import FLOOR_STAMP, stamp_order, stamp_problem
from ..rules.text import clean_text, excerpt
from .bundle_check import BundlePeople, BundleWorkshop, Check, check_threshold, parse_time


def check_plan_agreed(check: Check, top: Mapping[str, Any], now: datetime) -> str:
    """When the bundle's plan was marked agreed: empty (suggested) or a time, checked as every
    time in a bundle is."""
    stamp = check.text(top, "plan_agreed_at", "bundle", required=False)
    if stamp:
        check_time(check, "plan_agreed_at", stamp, tr("the plan's agreement"), now)
    return stamp


def check_plan_times(check: Check, rows: list[PlanRow], now: datetime) -> bool:
    """Every plan row's ``edited_at`` within the times a merge accepts; True when every row
    carries one (the plan then merges row by row, ``plan_merge``), False for a bundle from a
    Tandem that did not carry them."""
    for n, row in enumerate(rows):
        if row.edited_at:
            check_time(check, f"plan[{n}].edited_at", row.edited_at,
                       tr("the edit of action {action} in the plan",
                          action=repr(excerpt(row.action_id))), now)
    return bool(rows) and all(row.edited_at for row in rows)


def check_time(check: Check, where: str, stamp: str, what: str, now: datetime) -> datetime:
    """The instant of ``stamp`` (the time of ``what``: "the answer of “Ann” to item 'x'"),
    refused with one sentence when it is no time or a merge may not trust it
    (``rules.stamps.stamp_problem``: before 2000, or over a day ahead of ``now``)."""
    when = parse_time(stamp)
    if when is None:
        raise check.fail(where, tr("must be an ISO-8601 time, found {found}",
                                   found=excerpt(repr(stamp))))
    problem = stamp_problem(when, stamp, what, now)
    if problem:
        raise check.fail(where, problem)
    return when


def check_answer_times(check: Check, answers: list[tuple[Answer, datetime]],
                       people: BundlePeople, now: datetime) -> None:
    """Every answer's ``answered_at`` within the times a merge accepts (``check_time``); the
    answers are in the bundle's order, as ``check_answers`` returns them."""
    for n, (answer, _) in enumerate(answers):
        who = excerpt(people.names.get(answer.participant_id, answer.participant_id))
        check_time(check, f"answers[{n}].answered_at", answer.answered_at,
                   tr("the answer of “{name}” to item {item}", name=who,
                      item=repr(excerpt(answer.item_id))), now)


def _edit_time(check: Check, obj: Mapping, where: str, what: str, now: datetime) -> str:
    """An ``edited_at`` (an extra key): checked when present, 2000 when absent (a bundle from
    a Tandem that did not carry it: older than any edit made since)."""
    if "edited_at" not in obj:
        return FLOOR_STAMP
    stamp = check.text(obj, "edited_at", where)
    check_time(check, f"{where}.edited_at", stamp, what, now)
    return stamp


def check_workshop_version(check: Check, top: Mapping[str, Any], found: BundleWorkshop,
                           now: datetime) -> Workshop:
    """The bundle's name, organisation and date of its workshop, with the time they were last
    edited, as they would be stored (``check_workshop`` has checked the shape)."""
    w = top["workshop"]
    name, organization = clean_text(w["name"]), clean_text(w.get("organization", ""))
    if not name:
        raise check.fail("workshop.name", tr("is empty once control characters are removed"))
    field = "workshop name"  # not translated: a key of rules.text's limits
    check.within_limit(field, name, "workshop.name", tr("the workshop name"))
    check.within_limit("organisation", organization, "workshop.organization",
                       tr("the organisation"))
    edited = _edit_time(check, w, "workshop", tr("the name of workshop “{name}”",
                                                 name=excerpt(name)), now)
    return Workshop(found.workshop.id, name, organization, w["date"],
                    found.workshop.questionnaire_id, found.workshop.questionnaire_version,
                    found.workshop.questionnaire_hash, edited, found.workshop.follows,
                    check_threshold(check, w))


def check_participant_versions(check: Check, top: Mapping[str, Any], workshop_id: str,
                               now: datetime) -> dict[str, Participant]:
    """The bundle's version of each of its participants (name, role, title and the time they
    were last edited), as they would be stored; ``check_participants`` has checked the shape."""
    versions = {}
    for n, p in enumerate(top["participants"]):
        where = f"participants[{n}]"
        name, title = clean_text(p["name"]), clean_text(p.get("title", ""))
        if not name:
            raise check.fail(f"{where}.name", tr("is empty once control characters are removed"))
        label = ROLE_LABELS[p["role"]]
        role = tr(label)
        check.within_limit("name", name, f"{where}.name", tr(
            "the name of the {function} participant {id}", function=role, id=excerpt(p["id"])))
        check.within_limit("title", title, f"{where}.title", tr(
            "the job title of “{name}” ({function})", name=excerpt(name), function=role))
        edited = _edit_time(check, p, where, tr("the name and title of “{name}”",
                                                name=excerpt(name)), now)
        versions[p["id"]] = Participant(p["id"], workshop_id, name, p["role"], title, edited,
                                        p.get("person") or "")
    return versions


def check_deletions(check: Check, top: Mapping[str, Any], workshop_id: str,
                    now: datetime) -> list[Deletion]:
    """The participants the bundle's laptop deleted (an extra key, absent from older bundles),
    the latest deletion of each; kinds a later Tandem may add are passed over."""
    found: dict[str, Deletion] = {}
    for n, raw in enumerate(check.lst(top.get("deletions", []), "deletions")):
        where = f"deletions[{n}]"
        entry = check.mapping(raw, where)
        if check.text(entry, "kind", where) != "participant":
            continue
        pid = check.text(entry, "id", where)
        stamp = check.text(entry, "deleted_at", where)
        check_time(check, f"{where}.deleted_at", stamp,
                   tr("the deletion of participant {id}", id=excerpt(pid)), now)
        earlier = found.get(pid)
        if earlier is None or stamp_order(stamp) > stamp_order(earlier.deleted_at):
            found[pid] = Deletion("participant", pid, workshop_id, stamp)
    return list(found.values())
