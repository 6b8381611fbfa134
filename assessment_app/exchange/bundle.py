"""Workshop bundles: the JSON file that moves a workshop between laptops (PRODUCT.md, version 1).

Import is planned first (validated completely, nothing written) and then applied in one
transaction, so a bad file changes nothing and a good one lands whole. Merging goes by ids; when
the same participant answered the same item twice, the later ``answered_at`` wins.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..content.catalog import Catalog
from ..content.questionnaire import ROLE_LABELS, ROLES, Questionnaire, questionnaire_from_content
from ..errors import BundleError, QuestionnaireError
from ..files import write_text_atomically
from ..store.database import Answer, Participant, Store, Workshop, clean_text
from ..text_limits import excerpt, too_long

FORMAT = "tandem-workshop"
VERSION = 1


# -- export ------------------------------------------------------------------------------------


def anonymous_names(participants: list[Participant]) -> dict[str, str]:
    """"Marketing 1", "IT 2"...: numbered per role in the order participants were added."""
    counters = dict.fromkeys(ROLES, 0)
    names = {}
    for p in participants:
        counters[p.role] += 1
        names[p.id] = f"{ROLE_LABELS[p.role]} {counters[p.role]}"
    return names


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


class _Check:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, reason: str) -> BundleError:
        return BundleError(f"{self.source}: {where}: {reason}.")

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"must be an object, found {_kind(value)}")
        return value

    def lst(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.fail(where, f"must be a list, found {_kind(value)}")
        return value

    def text(self, obj: Mapping, key: str, where: str, required: bool = True,
             default: str = "") -> str:
        if key not in obj:
            if required:
                raise self.fail(f"{where}.{key}", "is missing")
            return default
        value = obj[key]
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"must be text, found {_kind(value)}")
        if required and not value.strip():
            raise self.fail(f"{where}.{key}", "is empty")
        return value

    def within_limit(self, field: str, value: str, where: str, what: str) -> None:
        """The limits of ``text_limits``, the same rule the store applies: one sentence naming
        the text (``what``) and quoting only its first words."""
        problem = too_long(field, value, what=what, quote=True)
        if problem:
            raise self.fail(where, problem[0].lower() + problem[1:].rstrip("."))

    def level(self, obj: Mapping, key: str, where: str) -> int | None:
        if key not in obj:
            raise self.fail(f"{where}.{key}", "is missing (use null for don't know)")
        value = obj[key]
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise self.fail(f"{where}.{key}", f"must be a level from 1 to 5 or null, found "
                                              f"{json.dumps(value)}")
        return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


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


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.astimezone()


def _resolve_questionnaire(check: _Check, data: Mapping, qref: Mapping, store: Store,
                           catalog: Catalog | None, existing: Workshop | None) -> Questionnaire:
    qid = check.text(qref, "id", "workshop.questionnaire")
    version = qref.get("version")
    if not isinstance(version, (str, int, float)) or isinstance(version, bool):
        raise check.fail("workshop.questionnaire.version", f"must be text, found {_kind(version)}")
    version = str(version)
    if existing is not None:
        if (existing.questionnaire_id, existing.questionnaire_version) != (qid, version):
            raise check.fail("workshop.questionnaire",
                             f"this workshop uses questionnaire {existing.questionnaire_id!r} "
                             f"v{existing.questionnaire_version} here, the bundle has {qid!r} "
                             f"v{version}; they cannot be merged")
        return store.questionnaire(existing.questionnaire_hash)
    if "questionnaire_content" in data:
        try:
            q = questionnaire_from_content(data["questionnaire_content"],
                                           f"{check.source}: questionnaire_content")
        except QuestionnaireError as exc:
            raise BundleError(str(exc).splitlines()[0] + ".") from None
        if (q.id, q.version) != (qid, version):
            raise check.fail("questionnaire_content", f"is {q.id!r} v{q.version}, but "
                                                      f"workshop.questionnaire says {qid!r} "
                                                      f"v{version}")
        return q
    local = catalog.find(qid, version) if catalog else None
    if local is None:
        raise check.fail("workshop.questionnaire", f"questionnaire {qid!r} version {version} is "
                                                   "not installed on this laptop")
    return local


def plan_import(store: Store, data: Any, catalog: Catalog | None = None,
                source: str = "bundle") -> ImportPlan:
    """Validate a bundle against the database and work out the merge; writes nothing."""
    check = _Check(source)
    top = check.mapping(data, "(top level)")
    if top.get("format") != FORMAT:
        raise check.fail("format", f"must be {FORMAT!r}, found {json.dumps(top.get('format'))}; "
                                   "this is not a Tandem workshop bundle")
    version = top.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise check.fail("version", f"must be a whole number, found {_kind(version)}")
    if version > VERSION:
        raise check.fail("version", f"is {version}, made by a newer Tandem (this one reads "
                                    f"version {VERSION}); update Tandem to import it")
    if version < 1:
        raise check.fail("version", f"must be 1, found {version}")

    w = check.mapping(top.get("workshop"), "workshop")
    wid = check.text(w, "id", "workshop")
    existing = store.workshop(wid) if store.has_workshop(wid) else None
    name = check.text(w, "name", "workshop")
    organization = check.text(w, "organization", "workshop", required=False)
    day = check.text(w, "date", "workshop")
    try:
        date.fromisoformat(day)
    except ValueError:
        raise check.fail("workshop.date", f"must be a date as YYYY-MM-DD, found {day!r}") from None
    if existing is None:  # an existing workshop keeps its own name; the bundle's is unused
        check.within_limit("workshop name", clean_text(name), "workshop.name",
                           "the workshop name")
        check.within_limit("organisation", clean_text(organization), "workshop.organization",
                           "the organisation")
    qref = check.mapping(w.get("questionnaire"), "workshop.questionnaire")
    questionnaire = _resolve_questionnaire(check, top, qref, store, catalog, existing)
    workshop = existing or Workshop(wid, clean_text(name), clean_text(organization), day,
                                    questionnaire.id, questionnaire.version,
                                    questionnaire.content_hash)
    plan = ImportPlan(workshop=workshop, questionnaire=questionnaire,
                      new_workshop=existing is None)

    local_participants = {p.id: p for p in store.participants(wid)} if existing else {}
    bundle_participants: set[str] = set()
    names = {pid: p.name for pid, p in local_participants.items()}  # for messages
    for n, raw in enumerate(check.lst(top.get("participants"), "participants")):
        where = f"participants[{n}]"
        p = check.mapping(raw, where)
        pid = check.text(p, "id", where)
        if pid in bundle_participants:
            raise check.fail(f"{where}.id", f"{pid!r} appears twice")
        bundle_participants.add(pid)
        pname = check.text(p, "name", where)
        role = check.text(p, "role", where)
        if role not in ROLES:
            raise check.fail(f"{where}.role", f"must be \"marketing\" or \"it\", found {role!r}")
        title = check.text(p, "title", where, required=False)
        names.setdefault(pid, clean_text(pname))
        if pid in local_participants:
            continue
        check.within_limit("name", clean_text(pname), f"{where}.name",
                           f"the name of the {ROLE_LABELS[role]} participant {excerpt(pid)}")
        check.within_limit("title", clean_text(title), f"{where}.title",
                           f"the job title of “{excerpt(clean_text(pname))}” "
                           f"({ROLE_LABELS[role]})")
        if store.participant_exists(pid):
            raise check.fail(f"{where}.id", f"{pid!r} belongs to another workshop here")
        plan.new_participants.append(Participant(pid, wid, clean_text(pname), role,
                                                 clean_text(title)))

    known_people = bundle_participants | set(local_participants)
    local_answers: dict[tuple[str, str], Answer] = {}
    if existing:
        local_answers = {(a.participant_id, a.item_id): a
                         for a in store.answers_for_workshop(wid)}
    seen: set[tuple[str, str]] = set()
    for n, raw in enumerate(check.lst(top.get("answers"), "answers")):
        where = f"answers[{n}]"
        a = check.mapping(raw, where)
        pid = check.text(a, "participant", where)
        if pid not in known_people:
            raise check.fail(f"{where}.participant", f"{pid!r} is not a participant of this "
                                                     "workshop")
        item = check.text(a, "item", where)
        if questionnaire.item(item) is None:
            raise check.fail(f"{where}.item", f"{item!r} is not an item of questionnaire "
                                              f"{questionnaire.id!r}")
        if (pid, item) in seen:
            raise check.fail(where, f"a second answer by {pid!r} to {item!r}")
        seen.add((pid, item))
        current = check.level(a, "current", where)
        target = check.level(a, "target", where)
        if current is not None and target is not None and target < current:
            raise check.fail(f"{where}.target", f"{target} is below the current level {current}")
        comment = clean_text(check.text(a, "comment", where, required=False), True)
        check.within_limit("comment", comment, f"{where}.comment",
                           f"the comment by “{excerpt(names.get(pid, pid))}” on item {item!r}")
        stamp = check.text(a, "answered_at", where)
        when = _parse_time(stamp)
        if when is None:
            raise check.fail(f"{where}.answered_at", f"must be an ISO-8601 time, found {stamp!r}")
        answer = Answer(pid, item, current, target, comment, stamp)
        local = local_answers.get((pid, item))
        if local is None:
            plan.new_answers.append(answer)
        elif _same(local, answer):
            plan.unchanged_answers += 1
        elif (when, answer.answered_at) > (_parse_time(local.answered_at) or when,
                                           local.answered_at):
            plan.replaced_answers.append((local, answer))
        else:
            plan.kept_answers.append((local, answer))
    if "plan" in top and not (existing and store.plan_rows(wid)):
        plan.plan_rows = _check_plan(check, top["plan"])
    return plan


def _check_plan(check: _Check, value: Any) -> list[dict]:
    """A bundle's action plan; taken only where this laptop has no edited plan of its own."""
    from ..content.actions import HORIZONS, OWNERS

    rows = []
    for n, raw in enumerate(check.lst(value, "plan")):
        where = f"plan[{n}]"
        entry = check.mapping(raw, where)
        row = {"action_id": check.text(entry, "action", where),
               "owner": check.text(entry, "owner", where),
               "horizon": check.text(entry, "horizon", where),
               "due": check.text(entry, "due", where, required=False),
               "notes": check.text(entry, "notes", where, required=False)}
        check.within_limit("notes", clean_text(row["notes"], True), f"{where}.notes",
                           f"the note on action {excerpt(row['action_id'])!r}")
        if not isinstance(entry.get("included"), bool):
            raise check.fail(f"{where}.included", "must be true or false")
        row["included"] = entry["included"]
        if row["owner"] not in OWNERS:
            raise check.fail(f"{where}.owner", f"must be one of {', '.join(OWNERS)}")
        if row["horizon"] not in HORIZONS:
            raise check.fail(f"{where}.horizon", f"must be one of {', '.join(HORIZONS)}")
        if row["due"]:
            try:
                date.fromisoformat(row["due"])
            except ValueError:
                raise check.fail(f"{where}.due", "must be a date as YYYY-MM-DD") from None
        rows.append(row)
    return rows


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
