"""Checking a workshop bundle before anything is written: each part of the file in its own step
(the header, the workshop and its questionnaire, the participants, the answers, the plan), each
mistake one sentence naming where it is (``bundle.json: answers[3].target: ...``).

The rules are the ones the store applies, from their one home: levels and targets
(``rules.levels``), text limits and cleaning (``rules.text``), plan owners, horizons and dates
(``content.actions``). The times a merge goes by are ``bundle_times``'; merging with what this
laptop holds is ``bundle_merge.plan_import``'s job.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..content.catalog import Catalog
from ..content.questionnaire import ROLE_LABELS, ROLES, Questionnaire
from ..content.questionnaire_file import questionnaire_from_content, type_name
from ..errors import BundleError, QuestionnaireError, SettingRefused
from ..i18n import tr
from ..rules.answers import answer_problem, round_problem
from ..rules.levels import value_problem
from ..rules.plan_fields import PLAN_FIELDS, STATUSES, plan_problem
from ..rules.plan_row import PlanRow
from ..rules.privacy import HIGHEST_THRESHOLD, PRIVACY_THRESHOLD, checked_threshold
from ..rules.records import Answer, Participant, Workshop
from ..rules.stamps import stamp_time
from ..rules.text import clean_text, excerpt, too_long
from ..store.database import Store

FORMAT = "tandem-workshop"
VERSION = 1
ID_MAX_CHARS = 100  # Tandem's ids are UUIDs (36 characters) or short names ("trust-1")
# An answer's language: a code ("de") or tag ("pt-BR"), any a later Tandem may speak.
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}")


class Check:
    """Reads one bundle's values, refusing the first mistake with a sentence naming where."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, reason: str) -> BundleError:
        """The file, the place in it (a JSON path, as written) and what is wrong there."""
        return BundleError(f"{self.source}: {where}: {reason}.")

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, tr("must be an object, found {kind}",
                                      kind=type_name(value, json=True)))
        return value

    def lst(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.fail(where, tr("must be a list, found {kind}",
                                      kind=type_name(value, json=True)))
        return value

    def text(self, obj: Mapping, key: str, where: str, required: bool = True,
             default: str = "") -> str:
        if key not in obj:
            if required:
                raise self.fail(f"{where}.{key}", tr("is missing"))
            return default
        value = obj[key]
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", tr("must be text, found {kind}",
                                                 kind=type_name(value, json=True)))
        if required and not value.strip():
            raise self.fail(f"{where}.{key}", tr("is empty"))
        return value

    def ident(self, obj: Mapping, key: str, where: str) -> str:
        """An id: text of at most ``ID_MAX_CHARS`` (a 10 MB id would be stored once per
        answer: 4 GB for one bundle)."""
        value = self.text(obj, key, where)
        if len(value) > ID_MAX_CHARS:
            raise self.fail(f"{where}.{key}", tr(
                "is {length} characters long, but an id is at most {limit} (it begins {start})",
                length=format(len(value), ","), limit=ID_MAX_CHARS, start=shown(value)))
        return value

    def within_limit(self, field: str, value: str, where: str, what: str) -> None:
        """The limits of ``rules.text``, the same rule the store applies: one sentence naming
        the text (``what``) and quoting only its first words."""
        problem = too_long(field, value, what=what, quote=True)
        if problem:
            raise self.fail(where, problem[0].lower() + problem[1:].rstrip("."))

    def level(self, obj: Mapping, key: str, where: str) -> int | None:
        """A level or null ("don't know", no target): ``rules.levels.value_problem``."""
        if key not in obj:
            raise self.fail(f"{where}.{key}", tr("is missing (use null for don't know)"))
        problem = value_problem(key, obj[key])
        if problem:
            raise self.fail(f"{where}.{key}", problem.sentence.rstrip("."))
        return obj[key]


def shown(value: Any, json_quotes: bool = False) -> str:
    """A value of the file as a message quotes it: a text's first words in quotes (Python's,
    or JSON's double quotes), a number as written, a list or an object by its kind; never more
    than a short excerpt, so a 10 MB value makes a one-line message."""
    if isinstance(value, str):
        text = excerpt(value)
        return json.dumps(text, ensure_ascii=False) if json_quotes else repr(text)
    if value is None or isinstance(value, (bool, int, float)):
        return excerpt(json.dumps(value))
    return type_name(value, json=True)


def parse_time(value: str) -> datetime | None:
    """The instant of an ISO-8601 stamp in UTC (no offset: UTC), or None (``rules.stamps``)."""
    return stamp_time(value)


def comments_dropped(check: Check, top: Mapping[str, Any]) -> bool:
    """Whether the bundle was exported without its comments and plan notes (an extra key,
    absent from older bundles): its empty comments then mean "not carried", not "none"."""
    value = top.get("comments_dropped", False)
    if not isinstance(value, bool):
        raise check.fail("comments_dropped", tr("must be true or false"))
    return value


# -- the header and the workshop --------------------------------------------------------------


def check_header(check: Check, data: Any) -> Mapping[str, Any]:
    """The top-level object, once its format and version say it is a bundle this Tandem reads."""
    top = check.mapping(data, tr("(top level)"))
    if top.get("format") != FORMAT:
        found = shown(top.get("format"), json_quotes=True)
        raise check.fail("format", tr("must be {format}, found {found}; this is not a Tandem "
                                      "workshop bundle", format=repr(FORMAT), found=found))
    version = top.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise check.fail("version", tr("must be a whole number, found {kind}",
                                       kind=type_name(version, json=True)))
    if version > VERSION:
        raise check.fail("version", tr("is {version}, made by a newer Tandem (this one reads "
                                       "version {readable}); update Tandem to import it",
                                       version=version, readable=VERSION))
    if version < 1:
        raise check.fail("version", tr("must be 1, found {version}", version=version))
    return top


@dataclass(frozen=True)
class BundleWorkshop:
    workshop: Workshop  # this laptop's record when it has the workshop, else the bundle's
    questionnaire: Questionnaire
    existing: bool  # this laptop already has the workshop


def check_workshop(check: Check, top: Mapping[str, Any], store: Store,
                   catalog: Catalog | None) -> BundleWorkshop:
    """The bundle's workshop and the questionnaire its answers were given against."""
    w = check.mapping(top.get("workshop"), "workshop")
    wid = check.ident(w, "id", "workshop")
    existing = store.workshop(wid) if store.has_workshop(wid) else None
    name = check.text(w, "name", "workshop")
    organization = check.text(w, "organization", "workshop", required=False)
    day = check.text(w, "date", "workshop")
    try:
        date.fromisoformat(day)
    except ValueError:
        raise check.fail("workshop.date", tr("must be a date as YYYY-MM-DD, found {found}",
                                             found=shown(day))) from None
    if existing is None:  # an existing workshop keeps its own name; the bundle's is unused
        field = "workshop name"  # not translated: a key of rules.text's limits
        check.within_limit(field, clean_text(name), "workshop.name", tr("the workshop name"))
        check.within_limit("organisation", clean_text(organization), "workshop.organization",
                           tr("the organisation"))
    qref = check.mapping(w.get("questionnaire"), "workshop.questionnaire")
    questionnaire = _resolve_questionnaire(check, top, qref, store, catalog, existing)
    follows = check.ident(w, "follows", "workshop") if w.get("follows") else ""
    workshop = existing or Workshop(wid, clean_text(name), clean_text(organization), day,
                                    questionnaire.id, questionnaire.version,
                                    questionnaire.content_hash, follows=follows)
    return BundleWorkshop(workshop, questionnaire, existing is not None)


def check_threshold(check: Check, w: Mapping[str, Any]) -> int:
    """The workshop's privacy threshold (``privacy_threshold``, an extra key: absent, the
    default of 3, as in a bundle from a Tandem that did not carry it)."""
    value = w.get("privacy_threshold", PRIVACY_THRESHOLD)
    try:
        return checked_threshold(value)
    except SettingRefused:
        raise check.fail("workshop.privacy_threshold", tr(
            "must be a whole number from {lowest} to {highest}, found {value}",
            lowest=PRIVACY_THRESHOLD, highest=HIGHEST_THRESHOLD, value=shown(value))) from None


def _resolve_questionnaire(check: Check, data: Mapping, qref: Mapping, store: Store,
                           catalog: Catalog | None, existing: Workshop | None) -> Questionnaire:
    qid = check.text(qref, "id", "workshop.questionnaire")
    version = qref.get("version")
    if not isinstance(version, (str, int, float)) or isinstance(version, bool):
        raise check.fail("workshop.questionnaire.version", tr(
            "must be text, found {kind}", kind=type_name(version, json=True)))
    version = str(version)
    if existing is not None:
        if (existing.questionnaire_id, existing.questionnaire_version) != (qid, version):
            raise check.fail("workshop.questionnaire", tr(
                "this workshop uses questionnaire {here} v{here_version} here, the bundle has "
                "{there} v{there_version}; they cannot be merged",
                here=repr(existing.questionnaire_id),
                here_version=existing.questionnaire_version, there=shown(qid),
                there_version=excerpt(version)))
        return store.questionnaire(existing.questionnaire_hash)
    if "questionnaire_content" in data:
        return _carried_questionnaire(check, data["questionnaire_content"], qid, version)
    local = catalog.find(qid, version) if catalog else None
    if local is None:
        raise check.fail("workshop.questionnaire", tr(
            "questionnaire {questionnaire} version {version} is not installed on this laptop",
            questionnaire=shown(qid), version=excerpt(version)))
    return local


def _carried_questionnaire(check: Check, content: Any, qid: str, version: str) -> Questionnaire:
    """The questionnaire the bundle carries, which must be the one its workshop names."""
    try:
        q = questionnaire_from_content(content, f"{check.source}: questionnaire_content")
    except QuestionnaireError as exc:
        raise BundleError(str(exc).splitlines()[0] + ".") from None
    if (q.id, q.version) != (qid, version):
        raise check.fail("questionnaire_content", tr(
            "is {carried} v{carried_version}, but workshop.questionnaire says {named} "
            "v{named_version}", carried=shown(q.id), carried_version=excerpt(q.version),
            named=shown(qid), named_version=excerpt(version)))
    return q


# -- participants ------------------------------------------------------------------------------


@dataclass
class BundlePeople:
    new: list[Participant]  # in the bundle, not yet on this laptop
    ids: set[str]  # everyone who may have answered: the bundle's and this laptop's
    names: dict[str, str]  # participant id -> name, for messages


def check_participants(check: Check, top: Mapping[str, Any], store: Store,
                       found: BundleWorkshop) -> BundlePeople:
    wid = found.workshop.id
    local = {p.id: p for p in store.participants(wid)} if found.existing else {}
    people = BundlePeople([], set(), {pid: p.name for pid, p in local.items()})
    for n, raw in enumerate(check.lst(top.get("participants"), "participants")):
        where = f"participants[{n}]"
        p = check.mapping(raw, where)
        pid = check.ident(p, "id", where)
        if pid in people.ids:
            raise check.fail(f"{where}.id", tr("{id} appears twice", id=shown(pid)))
        people.ids.add(pid)
        name = check.text(p, "name", where)
        role = check.text(p, "role", where)
        if role not in ROLES:
            raise check.fail(f"{where}.role", tr("must be \"marketing\" or \"it\", found {found}",
                                                 found=shown(role)))
        title = check.text(p, "title", where, required=False)
        people.names.setdefault(pid, clean_text(name))
        if pid not in local:
            _check_new_person(check, store, where, pid, name, role, title)
            person = check.ident(p, "person", where) if p.get("person") else ""
            people.new.append(Participant(pid, wid, clean_text(name), role, clean_text(title),
                                          person=person))
    people.ids |= set(local)
    return people


def _check_new_person(check: Check, store: Store, where: str, pid: str, name: str, role: str,
                      title: str) -> None:
    function = ROLE_LABELS[role]
    check.within_limit("name", clean_text(name), f"{where}.name", tr(
        "the name of the {function} participant {id}", function=tr(function), id=excerpt(pid)))
    check.within_limit("title", clean_text(title), f"{where}.title", tr(
        "the job title of “{name}” ({function})", name=excerpt(clean_text(name)),
        function=tr(function)))
    if store.participant_exists(pid):
        raise check.fail(f"{where}.id", tr("{id} belongs to another workshop here",
                                           id=shown(pid)))


# -- answers -----------------------------------------------------------------------------------


def check_answers(check: Check, top: Mapping[str, Any], questionnaire: Questionnaire,
                  people: BundlePeople, round_no: int = 1) -> list[tuple[Answer, datetime]]:
    """Every answer of the bundle of round ``round_no`` (``"round"`` absent: 1), with the time
    it was given (to merge by)."""
    answers = []
    seen: set[tuple[str, str]] = set()
    for n, raw in enumerate(check.lst(top.get("answers"), "answers")):
        where = f"answers[{n}]"
        a = check.mapping(raw, where)
        late = round_problem(a.get("round", 1))  # the round's value; the state is the merge's
        if late:
            raise check.fail(f"{where}.round", late.rstrip("."))
        if a.get("round", 1) != round_no:
            continue
        pid = check.ident(a, "participant", where)
        if pid not in people.ids:
            raise check.fail(f"{where}.participant", tr(
                "{id} is not a participant of this workshop", id=shown(pid)))
        item = check.ident(a, "item", where)
        if questionnaire.item(item) is None:
            raise check.fail(f"{where}.item", tr(
                "{item} is not an item of questionnaire {questionnaire}", item=shown(item),
                questionnaire=shown(questionnaire.id)))
        if (pid, item) in seen:
            raise check.fail(where, tr("a second answer by {id} to {item}", id=shown(pid),
                                       item=shown(item)))
        seen.add((pid, item))
        answers.append(_check_answer(check, a, where, pid, item, people.names))
    return answers


def _check_answer(check: Check, a: Mapping, where: str, pid: str, item: str,
                  names: dict[str, str]) -> tuple[Answer, datetime]:
    current = check.level(a, "current", where)
    target = check.level(a, "target", where)
    comment = clean_text(check.text(a, "comment", where, required=False), True)
    problem = answer_problem(current, target, comment)  # the rule every door applies
    if problem:
        whose = (tr(" (by “{name}” on item {item})", name=excerpt(names.get(pid, pid)),
                    item=repr(item)) if problem.field == "comment" else "")
        raise check.fail(f"{where}.{problem.field}{whose}", problem.sentence.rstrip("."))
    stamp = check.text(a, "answered_at", where)
    when = parse_time(stamp)
    if when is None:
        raise check.fail(f"{where}.answered_at", tr("must be an ISO-8601 time, found {found}",
                                                    found=shown(stamp)))
    language = check.text(a, "language", where, required=False) or None
    if language is not None and not LANGUAGE_TAG.fullmatch(language):
        raise check.fail(f"{where}.language", tr("must be a language code such as “de”, found "
                                                 "{value}", value=shown(language)))
    return Answer(pid, item, current, target, comment, stamp, language), when


def language_key(answer: Answer) -> dict[str, str]:
    """An answer's optional bundle key ``language`` (absent: unknown). A named bundle carries
    it; an anonymised one does not, since one person's language may tell who they are."""
    return {"language": answer.language} if answer.language else {}


# -- the plan ----------------------------------------------------------------------------------


def check_plan(check: Check, value: Any, people: set[str] | None = None) -> list[PlanRow]:
    """A bundle's action plan, as rows ``Store.save_plan_rows`` takes (each action once); an
    accountable person must be one of ``people`` (the bundle's and this laptop's participants).
    A row's ``edited_at`` (an extra key, absent from older bundles) is checked as a time by
    ``bundle_times.check_plan_times``."""
    rows = []
    actions: dict[str, int] = {}  # action id -> its index in the plan
    for n, raw in enumerate(check.lst(value, "plan")):
        where = f"plan[{n}]"
        entry = check.mapping(raw, where)
        row: dict[str, Any]  # PlanRow's fields, checked one by one
        row = {"action_id": check.ident(entry, "action", where),
               "owner": check.text(entry, "owner", where),
               "horizon": check.text(entry, "horizon", where),
               "due": check.text(entry, "due", where, required=False),
               "notes": check.text(entry, "notes", where, required=False),
               "accountable": check.text(entry, "accountable", where, required=False),
               "status": check.text(entry, "status", where, required=False) or STATUSES[0],
               "edited_at": check.text(entry, "edited_at", where, required=False)}
        check.within_limit("notes", clean_text(row["notes"], True), f"{where}.notes",
                           tr("the note on action {action}",
                              action=repr(excerpt(row["action_id"]))))
        if not isinstance(entry.get("included"), bool):
            raise check.fail(f"{where}.included", tr("must be true or false"))
        row["included"] = entry["included"]
        for field in PLAN_FIELDS:
            if plan_problem(field, row[field]):  # said again of a short excerpt: no valid
                problem = plan_problem(field, excerpt(row[field]))  # value is that long
                raise check.fail(f"{where}.{field}", problem or tr("is not valid"))
        if row["accountable"] and people is not None and row["accountable"] not in people:
            raise check.fail(f"{where}.accountable", tr(
                "names {id}, who is not a participant of the workshop",
                id=shown(row["accountable"])))
        if row["action_id"] in actions:
            raise check.fail(f"{where}.action", tr(
                "{action} is in the plan twice (also plan[{index}])",
                action=shown(row["action_id"]), index=actions[row["action_id"]]))
        actions[row["action_id"]] = n
        rows.append(PlanRow(**row))
    return rows
