"""Workshop bundles: the JSON file that moves a workshop between laptops (PRODUCT.md, version 1).

Import is planned first (validated completely by ``bundle_check``, nothing written) and then
applied in one transaction, so a bad file changes nothing and a good one lands whole.

The merge rules (PRODUCT.md, "Merging several laptops"), chosen so that laptops exchanging
bundles in any order end with the same database:

- Records merge by id. Of two answers to one item by one participant, the later
  ``answered_at`` wins; at the same instant, the greater canonical serialisation
  (``answer_order``) wins, the same choice on every laptop. A time over a day ahead of this
  laptop's clock, or before 2000, is refused (``bundle_check.check_time``).
- Names and titles travel by their own edit time (``edited_at``, an extra key: a bundle without
  it counts as edited in 2000, older than any edit since), with the same tie rule.
- Deletions travel (the ``deletions`` key): a participant or workshop stays deleted unless the
  bundle's copy was edited after the deletion (a restore, made on purpose, is such an edit); an
  edit at the very time of the deletion loses to it. The plan says what it skipped and why, and
  ``restore_deleted`` brings those records back.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..content.catalog import Catalog
from ..content.questionnaire import Questionnaire
from ..errors import BundleError
from ..files import write_text_atomically
from ..rules.changes import Changed, Kind
from ..rules.plan_row import PlanRow
from ..rules.records import Answer, Deletion, Participant, Workshop
from ..rules.stamps import stamp_order, stamp_time
from ..rules.text import cut_to_limit, excerpt
from ..store.database import Store
from .anonymise import ANONYMOUS_WORKSHOP, Pseudonyms, day_stamp, pseudonymise, shuffled
from .bundle_check import (
    FORMAT,
    VERSION,
    Check,
    check_answer_times,
    check_answers,
    check_deletions,
    check_header,
    check_participant_versions,
    check_participants,
    check_plan,
    check_plan_agreed,
    check_workshop,
    check_workshop_version,
)

# -- export ------------------------------------------------------------------------------------


def export_bundle(store: Store, workshop_id: str, anonymise: bool = False,
                  keep_comments: bool | None = None) -> dict[str, Any]:
    """The workshop as a bundle. Comments and plan notes are kept unless ``keep_comments`` is
    False; an anonymised bundle leaves them out unless it is True (``anonymise``)."""
    keep = (not anonymise) if keep_comments is None else keep_comments
    if anonymise:
        return _anonymised_bundle(store, workshop_id, keep)
    workshop = store.workshop(workshop_id)
    questionnaire = store.questionnaire(workshop.questionnaire_hash)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "anonymised": False,
        "workshop": {
            **_workshop_header(workshop),
            "id": workshop.id, "name": workshop.name, "organization": workshop.organization,
            "edited_at": workshop.edited_at,
        },
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "title": p.title,
             "edited_at": p.edited_at}
            for p in store.participants(workshop_id)
        ],
        "answers": [
            {"participant": a.participant_id, "item": a.item_id, "current": a.current,
             "target": a.target, "comment": a.comment if keep else "",
             "answered_at": a.answered_at}
            for a in store.answers_for_workshop(workshop_id)
        ],
        "deletions": [{"kind": d.kind, "id": d.id, "deleted_at": d.deleted_at}
                      for d in store.deletions(workshop_id) if d.kind == "participant"],
        "questionnaire_content": questionnaire.content(),
        **_plan_for_export(store, workshop_id, notes=(lambda n: n) if keep else None),
    }


def _workshop_header(workshop: Workshop) -> dict[str, Any]:
    return {"date": workshop.date,
            "questionnaire": {"id": workshop.questionnaire_id,
                              "version": workshop.questionnaire_version,
                              "hash": workshop.questionnaire_hash}}


def _anonymised_bundle(store: Store, workshop_id: str, keep_comments: bool) -> dict[str, Any]:
    """PRODUCT.md, "Anonymised exports": fresh ids, no names, titles or organisation, every
    time the workshop's date, rows shuffled, comments and notes scrubbed or left out."""
    workshop = store.workshop(workshop_id)
    participants = store.participants(workshop_id)
    alias = pseudonymise(workshop, participants)
    day = day_stamp(workshop)
    notes = (lambda n: _scrubbed(alias, "notes", n)) if keep_comments else None
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": day,
        "anonymised": True,
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
            for a in shuffled(store.answers_for_workshop(workshop_id), alias.rng)
        ],
        "questionnaire_content": store.questionnaire(workshop.questionnaire_hash).content(),
        **_plan_for_export(store, workshop_id, notes, alias.ids),
    }


def _scrubbed(alias: Pseudonyms, limit: str, text: str) -> str:
    """Known names replaced; within the limit still (a pseudonym may be longer than a name)."""
    return cut_to_limit(limit, alias.scrub(text))[0]


def _plan_for_export(store: Store, workshop_id: str, notes: Callable[[str], str] | None,
                     ids: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The facilitator's edited plan, when there is one (extra keys readers may ignore);
    ``notes`` turns each note into what is exported (None: notes left out); ``ids`` maps
    participant ids to those exported (an anonymised bundle's fresh ones)."""
    rows = store.plan_rows(workshop_id)
    if not rows:
        return {}
    def person(pid: str) -> str:
        return (ids.get(pid, "") if ids is not None else pid) if pid else ""
    return {"plan": [{"action": r.action_id, "included": r.included, "owner": r.owner,
                      "horizon": r.horizon, "due": r.due, "notes": notes(r.notes) if notes else "",
                      "accountable": person(r.accountable), "status": r.status}
                     for r in rows],
            "plan_agreed_at": store.plan_agreed_at(workshop_id)}


def write_bundle(data: Mapping[str, Any], out: Path) -> None:
    write_text_atomically(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# -- reading and validating ---------------------------------------------------------------------


# What a file must be before its values are checked (``bundle_check``). A bundle of 30 people
# with every comment at its limit is under 3 MB; nothing real comes near these bounds, and
# anything past them is refused at the door with one sentence, before it can exhaust memory or
# recursion, or turn into a number or a text the database cannot hold.
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64  # a bundle nests 6 levels (questionnaire_content.items[n].text.it)
MAX_DIGITS = 18  # whole numbers beyond 10**18 cannot be a level, a version or a weight
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_TROUBLE = {  # the json module's words, said plainly
    "Expecting value": "a value was expected",
    "Extra data": "there is more after the end of the data",
    "Unterminated string starting at": "a text is not closed",
    "Expecting property name enclosed in double quotes": "a name in double quotes was expected",
}


def read_bundle(path: Path) -> dict[str, Any]:
    """The JSON a bundle file holds, or one sentence (a ``BundleError``) saying why the file
    is not one: unreadable, not UTF-8 JSON text, or holding what no bundle holds (a broken
    character, a number that is not finite or is absurdly long, a key twice, deep nesting)."""
    text = _bundle_text(path)
    flagged: dict[int, tuple[dict, str]] = {}  # id of an object -> it (kept alive), a key twice
    try:
        data = json.loads(text, parse_constant=_not_finite, parse_float=_float,
                          parse_int=_int, object_pairs_hook=lambda pairs: _object(pairs, flagged))
    except json.JSONDecodeError as exc:
        trouble = _JSON_TROUBLE.get(exc.msg, exc.msg[:1].lower() + exc.msg[1:])
        raise BundleError(f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{trouble}).") from None
    except RecursionError:
        raise BundleError(f"{path}: is nested more than {MAX_DEPTH} levels deep (lists or "
                          "objects inside each other), so it is not a Tandem bundle.") from None
    problem = _first_problem(data, flagged)
    if problem:
        where, reason = problem
        raise BundleError(f"{path}: {where}: {reason}.")
    return data


def _bundle_text(path: Path) -> str:
    """The file's text, read whole only once it is known to be a file of a plausible size."""
    if path.is_dir():
        raise BundleError(f"{path}: is a folder, not a bundle file.")
    if path.exists() and not path.is_file():  # a pipe or a device: never opened
        raise BundleError(f"{path}: is not a regular file, so it is not a bundle.")
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BUNDLE_BYTES + 1)
    except OSError as exc:
        raise BundleError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    if len(raw) > MAX_BUNDLE_BYTES:
        raise BundleError(f"{path}: is over {MAX_BUNDLE_BYTES // 2**20} MB, far larger than any "
                          "Tandem bundle, so it was not read.")
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise BundleError(f"{path}: is not UTF-8 text (it is saved as UTF-32), so it is not a "
                          "Tandem bundle; export it again from Tandem, or save it as UTF-8.")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(raw):
        raise BundleError(f"{path}: is not UTF-8 text (it is saved as UTF-16), so it is not a "
                          "Tandem bundle; export it again from Tandem, or save it as UTF-8.")
    if b"\x00" in raw:
        raise BundleError(f"{path}: is a binary file, not a Tandem bundle (a bundle is JSON "
                          "text).")
    try:
        text = raw.decode("utf-8").lstrip("\ufeff")  # byte-order marks are harmless
    except UnicodeDecodeError as exc:
        raise BundleError(f"{path}: is not UTF-8 text (byte {exc.start + 1:,} cannot be read), "
                          "so it is not a Tandem bundle; export it again from Tandem, or save "
                          "it as UTF-8.") from None
    if not text.strip():
        raise BundleError(f"{path}: the file is empty" + (" (0 bytes)." if not raw else "."))
    return text


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII characters with a NUL byte before or after."""
    head = raw[:4]
    return len(head) == 4 and (
        (head[1] == head[3] == 0 and head[0] != 0 and head[2] != 0)
        or (head[0] == head[2] == 0 and head[1] != 0 and head[3] != 0))


class _Refused:
    """A value the JSON held that no bundle may hold; ``_first_problem`` says where it is."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _not_finite(literal: str) -> _Refused:
    return _Refused(f"is {literal}, not a finite number")


def _float(literal: str) -> float | _Refused:
    value = float(literal)
    return value if math.isfinite(value) else _Refused(
        f"is {excerpt(literal, 20)}, a number too large to hold")


def _int(literal: str) -> int | _Refused:
    digits = len(literal.lstrip("-"))
    if digits > MAX_DIGITS:
        return _Refused(f"is a whole number {digits:,} digits long, far larger than any value "
                        "of a bundle")
    return int(literal)


def _object(pairs: list[tuple[str, Any]], flagged: dict[int, tuple[dict, str]]
            ) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                flagged[id(obj)] = (obj, key)  # kept, so that no other object takes its id
                break
            seen.add(key)
    return obj


_WALKED = (str, dict, list, _Refused)


def _first_problem(data: Any, flagged: dict[int, tuple[dict, str]]) -> tuple[str, str] | None:
    """Where (``answers[3].comment``) the first value no bundle may hold is, and what it is;
    walked without recursion, in the order of the file."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Refused):
            return _where(path), value.reason
        if isinstance(value, str):
            broken = _SURROGATE.search(value)
            if broken:
                return _where(path), f"holds {_broken_character(value, broken.start())}"
            continue
        if not isinstance(value, (dict, list)):
            continue
        if len(path) >= MAX_DEPTH:
            return _where(path), (f"is nested more than {MAX_DEPTH} levels deep, so it is not a "
                                  "Tandem bundle")
        if isinstance(value, list):  # numbers and null need no walk (a list may be long)
            stack.extend((value[n], path + (n,)) for n in range(len(value) - 1, -1, -1)
                         if isinstance(value[n], _WALKED))
            continue
        if id(value) in flagged:
            return _where(path), f"holds the key {_key(flagged[id(value)][1])} twice"
        for key in value:
            broken = _SURROGATE.search(key)
            if broken:
                return _where(path), f"has a key holding {_broken_character(key, broken.start())}"
        stack.extend((child, path + (key,)) for key, child in reversed(value.items()))
    return None


def _broken_character(text: str, at: int) -> str:
    return (f"a broken character at character {at + 1:,} ({_key(text[at])}, half of a UTF-16 "
            "pair), so the file was damaged or written by a faulty program")


def _key(text: str) -> str:
    """A key or a character as a message shows it: short, quoted, any broken character
    spelled as its escape (a lone surrogate can be neither printed nor shown in a window)."""
    short = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", excerpt(text, 30))
    return f"\"{short}\""


def _where(path: tuple[str | int, ...]) -> str:
    """``answers[3].comment`` for a path of keys and indexes, shortened when it is long."""
    if not path:
        return "(top level)"
    where = ""
    for part in path:
        if isinstance(part, int):
            where += f"[{part}]"
        elif part.isidentifier():
            where += f".{part}" if where else part
        else:
            where += f"[{_key(part)}]"
    return excerpt(where, 60)


# -- the plan of an import ----------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A workshop or participant of the bundle left out because it was deleted (here, or on
    the laptop the bundle came from) after the bundle's copy was last edited."""

    kind: str  # "workshop" or "participant"
    id: str
    name: str
    deleted_at: str
    deleted_here: bool  # deleted on this laptop (else: the bundle says it was deleted)
    answers: int = 0  # the bundle's answers left out with it

    @property
    def reason(self) -> str:
        where = "on this laptop" if self.deleted_here else "on another laptop"
        return f"deleted {where}{_on(self.deleted_at)}, after the bundle's copy was last edited"

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "name": self.name, "answers": self.answers,
                "deleted_at": self.deleted_at, "reason": self.reason}


def _on(stamp: str) -> str:
    when = stamp_time(stamp)
    return f" on {when:%Y-%m-%d at %H:%M} UTC" if when else ""


def removal_reason(deletion: Deletion) -> str:
    """Why an import removes a participant here: the bundle's laptop deleted them later."""
    return (f"deleted on another laptop{_on(deletion.deleted_at)}, after the copy here was "
            "last edited")


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
    plan_rows: list[PlanRow] = field(default_factory=list)  # the bundle's plan, when taken
    plan_agreed_at: str = ""  # when the bundle's plan was agreed (empty: suggested)
    # The bundle's later name, organisation or date of a workshop already here.
    renamed_workshop: Workshop | None = None
    # (here, the bundle's later version): names, roles and titles edited on the other laptop.
    renamed_participants: list[tuple[Participant, Participant]] = field(default_factory=list)
    kept_names: int = 0  # names and titles here edited later than the bundle's, kept
    # Participants here that the bundle's laptop deleted later than they were last edited.
    removed_participants: list[tuple[Participant, Deletion]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # deleted: left out, with why
    restored: list[Skipped] = field(default_factory=list)  # deleted, brought back on request
    deletions: list[Deletion] = field(default_factory=list)  # records to keep
    restore_deleted: bool = False

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_workshop or self.new_participants or self.new_answers
                    or self.replaced_answers or self.plan_rows or self.renamed_workshop
                    or self.renamed_participants or self.removed_participants
                    or self.deletions)

    def changed(self) -> Changed:
        """The kinds of data applying this import changes in its workshop."""
        kinds: set[Kind] = set()
        if self.new_workshop or self.renamed_workshop:
            kinds.add(Kind.WORKSHOPS)
        if self.new_participants or self.renamed_participants or self.removed_participants:
            kinds.add(Kind.PARTICIPANTS)
        if self.new_answers or self.replaced_answers or self.removed_participants:
            kinds |= {Kind.ANSWERS, Kind.PROGRESS}
        if self.new_participants:
            kinds.add(Kind.PROGRESS)
        if self.plan_rows:
            kinds.add(Kind.PLAN)
        return Changed(self.workshop.id, frozenset(kinds))

    @property
    def skipped_workshop(self) -> Skipped | None:
        return next((s for s in self.skipped if s.kind == "workshop"), None)

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
            "workshop_renamed": self.renamed_workshop is not None,
            "participants_renamed": len(self.renamed_participants),
            "names_kept_local": self.kept_names,
            "participants_removed": [
                {"id": p.id, "name": p.name, "deleted_at": d.deleted_at,
                 "reason": removal_reason(d)} for p, d in self.removed_participants],
            "skipped": [s.as_json() for s in self.skipped],
            "restored": [s.as_json() for s in self.restored],
            "deletions_recorded": len(self.deletions),
        }


def plan_import(store: Store, data: Any, catalog: Catalog | None = None,
                source: str = "bundle", restore_deleted: bool = False,
                now: datetime | None = None) -> ImportPlan:
    """Validate a bundle against the database and work out the merge; writes nothing.
    ``restore_deleted`` brings back what deletions would leave out; ``now`` is this laptop's
    clock (a test's controlled one)."""
    now = now or datetime.now(UTC)
    check = Check(source)
    top = check_header(check, data)
    found = check_workshop(check, top, store, catalog)
    people = check_participants(check, top, store, found)
    answers = check_answers(check, top, found.questionnaire, people)
    check_answer_times(check, answers, people, now)
    carried = check_workshop_version(check, top, found, now)
    versions = check_participant_versions(check, top, found.workshop.id, now)
    deletions = check_deletions(check, top, found.workshop.id, now)
    carried_plan = check_plan(check, top["plan"], people.ids) if "plan" in top else []
    carried_agreed = check_plan_agreed(check, top, now) if carried_plan else ""
    wid = found.workshop.id  # the whole file is checked by now, whatever is skipped below
    plan = ImportPlan(workshop=found.workshop, questionnaire=found.questionnaire,
                      new_workshop=not found.existing, restore_deleted=restore_deleted)
    if not found.existing and not _workshop_alive(store, plan, carried, len(answers), now):
        return plan
    if found.existing:
        _merge_workshop(plan, found.workshop, carried)
    dead = _merge_participants(store, plan, versions, deletions, now)
    if not (found.existing and store.plan_rows(wid)):
        plan.plan_rows = carried_plan  # taken only where none is edited here
        plan.plan_agreed_at = carried_agreed
    local = {(a.participant_id, a.item_id): a
             for a in (store.answers_for_workshop(wid) if found.existing else [])}
    skipped = {s.id: s for s in plan.skipped}
    for answer, _ in answers:
        if answer.participant_id in dead:
            if answer.participant_id in skipped:
                s = skipped[answer.participant_id]
                skipped[s.id] = dataclasses.replace(s, answers=s.answers + 1)
            continue
        _merge(plan, local.get((answer.participant_id, answer.item_id)), answer)
    plan.skipped = list(skipped.values())
    return plan


# -- merging, record by record ----------------------------------------------------------------


def answer_order(answer: Answer) -> tuple[datetime, str]:
    """Which of two answers to one item by one participant wins a merge: the later instant,
    then the greater canonical serialisation (the tie rule, the same on every laptop)."""
    return stamp_order(answer.answered_at)[0], _canonical(
        answer.answered_at, answer.current, answer.target, answer.comment)


def _version_order(edited_at: str, *content: Any) -> tuple[datetime, str]:
    """The same rule for a workshop's or participant's name, title... and their edit time."""
    return stamp_order(edited_at)[0], _canonical(edited_at, *content)


def _canonical(*values: Any) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _participant_order(p: Participant) -> tuple[datetime, str]:
    return _version_order(p.edited_at, p.name, p.role, p.title)


def _workshop_order(w: Workshop) -> tuple[datetime, str]:
    return _version_order(w.edited_at, w.name, w.organization, w.date)


def _merge(plan: ImportPlan, local: Answer | None, answer: Answer) -> None:
    """Sort one answer of the bundle: new here, the same, later (taken) or not (kept local)."""
    if local is None:
        plan.new_answers.append(answer)
    elif local == answer:
        plan.unchanged_answers += 1
    elif answer_order(answer) > answer_order(local):
        plan.replaced_answers.append((local, answer))
    else:
        plan.kept_answers.append((local, answer))


def _restored_at(now: datetime, deleted_at: str) -> str:
    """The edit time a restore gives: now, and in any case after the deletion (a laptop whose
    clock is behind the one that deleted must still restore for good)."""
    after = (stamp_time(deleted_at) or now) + timedelta(milliseconds=1)
    return max(now, after).astimezone(UTC).isoformat(timespec="milliseconds")


def _outlives(edited_at: str, deletion: Deletion | None) -> bool:
    """A record survives a deletion when it was edited after it (at the same time: deleted)."""
    return deletion is None or stamp_order(edited_at) > stamp_order(deletion.deleted_at)


def _workshop_alive(store: Store, plan: ImportPlan, carried: Workshop, answers: int,
                    now: datetime) -> bool:
    """A workshop new here: imported, unless it was deleted here after the bundle's copy was
    last edited (then skipped, or restored on request)."""
    deletion = store.deletion("workshop", carried.id)
    if _outlives(carried.edited_at, deletion):
        plan.workshop = carried
        return True
    assert deletion is not None
    skipped = Skipped("workshop", carried.id, carried.name, deletion.deleted_at, True, answers)
    if not plan.restore_deleted:
        plan.new_workshop = False
        plan.skipped.append(skipped)
        return False
    plan.restored.append(skipped)
    plan.workshop = dataclasses.replace(
        carried, edited_at=_restored_at(now, deletion.deleted_at))
    return True


def _merge_workshop(plan: ImportPlan, here: Workshop, carried: Workshop) -> None:
    """The later of the two names, organisations and dates (with their edit time)."""
    if _workshop_order(carried) > _workshop_order(here):
        plan.renamed_workshop = dataclasses.replace(
            here, name=carried.name, organization=carried.organization, date=carried.date,
            edited_at=carried.edited_at)
        plan.workshop = plan.renamed_workshop
    elif (carried.name, carried.organization, carried.date) != (
            here.name, here.organization, here.date):
        plan.kept_names += 1


def _merge_participants(store: Store, plan: ImportPlan, versions: dict[str, Participant],
                        carried_deletions: list[Deletion], now: datetime) -> set[str]:
    """Participants: the later version of each (renames travel), deletions from both sides
    (the later of two per person), and who is left out as deleted; returns their ids."""
    wid = plan.workshop.id
    here = {p.id: p for p in store.participants(wid)} if not plan.new_workshop else {}
    deleted_here = {d.id: d for d in store.deletions(wid) if d.kind == "participant"}
    deleted_there = {d.id: d for d in carried_deletions
                     if _deletion_applies(store, wid, d, here, versions)}
    dead = set()
    for pid in dict.fromkeys([*here, *versions, *deleted_here, *deleted_there]):  # in order
        local, theirs = here.get(pid), versions.get(pid)
        mine, other = deleted_here.get(pid), deleted_there.get(pid)
        deletion = _later_deletion(mine, other)
        if other is not None and deletion is other and other != mine:
            plan.deletions.append(other)
        present = [v for v in (local, theirs) if v is not None]
        if not present:
            continue
        latest = max(present, key=_participant_order)
        if not _outlives(latest.edited_at, deletion):
            assert deletion is not None
            skip = Skipped("participant", pid, latest.name, deletion.deleted_at,
                           deletion is mine)
            if not plan.restore_deleted:
                dead.add(pid)
                if local is not None:
                    plan.removed_participants.append((local, deletion))
                if theirs is not None:
                    plan.skipped.append(skip)
                continue
            plan.restored.append(skip)
            latest = dataclasses.replace(latest,
                                         edited_at=_restored_at(now, deletion.deleted_at))
        if local is None:
            plan.new_participants.append(latest)
        elif latest != local:
            plan.renamed_participants.append((local, latest))
        elif theirs is not None and (theirs.name, theirs.role, theirs.title) != (
                local.name, local.role, local.title):
            plan.kept_names += 1
    return dead


def _later_deletion(a: Deletion | None, b: Deletion | None) -> Deletion | None:
    if a is None or b is None:
        return a or b
    return b if stamp_order(b.deleted_at) > stamp_order(a.deleted_at) else a


def _deletion_applies(store: Store, workshop_id: str, deletion: Deletion,
                      here: dict[str, Participant], versions: dict[str, Participant]) -> bool:
    """A carried deletion concerns this workshop's participants only: an id that belongs to
    another workshop here (or was deleted from one) is passed over."""
    if deletion.id in here or deletion.id in versions:
        return True
    recorded = store.deletion("participant", deletion.id)
    if recorded is not None:
        return recorded.workshop_id == workshop_id
    return not store.participant_exists(deletion.id)


# -- writing -----------------------------------------------------------------------------------


def apply_import(store: Store, plan: ImportPlan) -> Changed:
    """Write a planned import in one transaction: all of it, or (on any error) none of it."""
    with store.transaction():
        if plan.new_workshop:
            store.write_workshop(plan.workshop, plan.questionnaire)
        elif plan.renamed_workshop is not None:
            store.write_workshop_details(plan.renamed_workshop)
        for deletion in plan.deletions:
            store.write_deletion(deletion)
        for participant, _ in plan.removed_participants:
            store.erase_participant(participant.id)
        for participant in plan.new_participants:
            store.write_participant(participant)
        for _, participant in plan.renamed_participants:
            store.write_participant_details(participant)
        for answer in plan.new_answers + [new for _, new in plan.replaced_answers]:
            store.write_answer(answer)
        if plan.plan_rows:
            store.save_plan_rows(plan.workshop.id, plan.plan_rows)
            store.set_plan_agreed_at(plan.workshop.id, plan.plan_agreed_at)
    return plan.changed()


def import_bundle_file(store: Store, path: Path, catalog: Catalog | None = None,
                       restore_deleted: bool = False) -> ImportPlan:
    plan = plan_import(store, read_bundle(path), catalog, source=str(path),
                       restore_deleted=restore_deleted)
    apply_import(store, plan)
    return plan
