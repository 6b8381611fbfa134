"""The plan of a bundle import: the bundle checked completely (``bundle_check``) and merged,
record by record, with what this laptop holds; nothing is written here (``bundle_import``
applies the plan in one transaction, so a bad file changes nothing and a good one lands whole).

The merge rules, chosen so that laptops exchanging
bundles in any order end with the same database:

- Records merge by id. Of two answers to one item by one participant, the later
  ``answered_at`` wins; at the same instant the one with a comment wins over one without (a
  tie never prefers losing what someone typed), then the greater canonical serialisation
  (``answer_order``), the same choice on every laptop. A later answer replaces the earlier one
  whole, comment included: the two are never mixed.
- A bundle exported without its comments says so (``comments_dropped``): its empty comments
  mean "not carried", not "deleted", so at the same instant its answer never replaces the one
  here; the full version decides when it arrives. A time over a day ahead of this
  laptop's clock, or before 2000, is refused (``bundle_times.check_time``).
- The privacy threshold: the stricter (higher) of the two wins, whatever its time, so no laptop
  shows a figure another withholds (``rules.privacy.stricter``; absent from a bundle: 3).
- Names and titles travel by their own edit time (``edited_at``, an extra key: a bundle without
  it counts as edited in 2000, older than any edit since), with the same tie rule.
- The plan merges row by row by each row's edit time (``plan_merge``).
- Deletions travel (the ``deletions`` key): a participant or workshop stays deleted unless the
  bundle's copy was edited after the deletion (a restore, made on purpose, is such an edit); an
  edit at the very time of the deletion loses to it. The plan says what it skipped and why, and
  ``restore_deleted`` brings those records back.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..content.catalog import Catalog
from ..content.questionnaire import Questionnaire
from ..i18n import tr
from ..rules.changes import Changed, Kind
from ..rules.dates import day_text
from ..rules.plan_row import PlanRow
from ..rules.privacy import stricter
from ..rules.records import Answer, Deletion, Participant, Workshop
from ..rules.stamps import stamp_order, stamp_time
from ..store.database import Store
from .bundle_check import (
    Check,
    check_answers,
    check_header,
    check_participants,
    check_plan,
    check_workshop,
    comments_dropped,
)
from .bundle_times import (
    check_answer_times,
    check_deletions,
    check_participant_versions,
    check_plan_agreed,
    check_plan_times,
    check_workshop_version,
)
from .consensus_bundle import check_consensus
from .consensus_merge import ConsensusImport, merge_consensus
from .plan_merge import merge_plan


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
        when = _on(self.deleted_at)
        if self.deleted_here and when:
            return tr("deleted on this laptop on {time} UTC, after the bundle's copy was last "
                      "edited", time=when)
        if self.deleted_here:
            return tr("deleted on this laptop, after the bundle's copy was last edited")
        if when:
            return tr("deleted on another laptop on {time} UTC, after the bundle's copy was "
                      "last edited", time=when)
        return tr("deleted on another laptop, after the bundle's copy was last edited")

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "name": self.name, "answers": self.answers,
                "deleted_at": self.deleted_at, "reason": self.reason}


def _on(stamp: str) -> str:
    """'1 June 2026 at 09:02', in UTC as the stamp is ('' for no time)."""
    when = stamp_time(stamp)
    if when is None:
        return ""
    return tr("{day} at {time}", day=day_text(when.date()), time=when.strftime("%H:%M"))


def removal_reason(deletion: Deletion) -> str:
    """Why an import removes a participant here: the bundle's laptop deleted them later."""
    when = _on(deletion.deleted_at)
    if when:
        return tr("deleted on another laptop on {time} UTC, after the copy here was last edited",
                  time=when)
    return tr("deleted on another laptop, after the copy here was last edited")


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
    raised_threshold: int | None = None  # the bundle's stricter privacy threshold, taken
    # (here, the bundle's later version): names, roles and titles edited on the other laptop.
    renamed_participants: list[tuple[Participant, Participant]] = field(default_factory=list)
    kept_names: int = 0  # names and titles here edited later than the bundle's, kept
    # Participants here that the bundle's laptop deleted later than they were last edited.
    removed_participants: list[tuple[Participant, Deletion]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # deleted: left out, with why
    restored: list[Skipped] = field(default_factory=list)  # deleted, brought back on request
    deletions: list[Deletion] = field(default_factory=list)  # records to keep
    restore_deleted: bool = False
    consensus: ConsensusImport | None = None  # the consensus round's part (``consensus_merge``)

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_workshop or self.new_participants or self.new_answers
                    or self.replaced_answers or self.plan_rows or self.renamed_workshop
                    or self.renamed_participants or self.removed_participants
                    or self.raised_threshold is not None
                    or self.deletions
                    or (self.consensus is not None and self.consensus.changes_anything))

    def changed(self) -> Changed:
        """The kinds of data applying this import changes in its workshop."""
        kinds: set[Kind] = set()
        if self.new_workshop or self.renamed_workshop:
            kinds.add(Kind.WORKSHOPS)
        if self.raised_threshold is not None:  # every figure shown may change
            kinds |= {Kind.WORKSHOPS, Kind.ANSWERS, Kind.PLAN}
        if self.new_participants or self.renamed_participants or self.removed_participants:
            kinds.add(Kind.PARTICIPANTS)
        if self.new_answers or self.replaced_answers or self.removed_participants:
            kinds |= {Kind.ANSWERS, Kind.PROGRESS}
        if self.new_participants:
            kinds.add(Kind.PROGRESS)
        if self.plan_rows:
            kinds.add(Kind.PLAN)
        if self.consensus is not None and self.consensus.changes_anything:
            kinds.add(Kind.CONSENSUS)
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
            "privacy_threshold": self.workshop.privacy_threshold,
            "privacy_threshold_raised": self.raised_threshold is not None,
            "participants_renamed": len(self.renamed_participants),
            "names_kept_local": self.kept_names,
            "participants_removed": [
                {"id": p.id, "name": p.name, "deleted_at": d.deleted_at,
                 "reason": removal_reason(d)} for p, d in self.removed_participants],
            "skipped": [s.as_json() for s in self.skipped],
            "restored": [s.as_json() for s in self.restored],
            "deletions_recorded": len(self.deletions),
            **({"consensus": self.consensus.summary()} if self.consensus is not None else {}),
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
    timed = check_plan_times(check, carried_plan, now)
    dropped = comments_dropped(check, top)
    carried_round = check_consensus(check, top, found.workshop.id, found.questionnaire, people,
                                    now)
    wid = found.workshop.id  # the whole file is checked by now, whatever is skipped below
    plan = ImportPlan(workshop=found.workshop, questionnaire=found.questionnaire,
                      new_workshop=not found.existing, restore_deleted=restore_deleted)
    if not found.existing and not _workshop_alive(store, plan, carried, len(answers), now):
        return plan
    if found.existing:
        _merge_workshop(plan, found.workshop, carried)
    dead = _merge_participants(store, plan, versions, deletions, now)
    plan.consensus = merge_consensus(store, wid, found.existing, carried_round, dead, dropped,
                                     catalog)
    here = store.plan_rows(wid) if found.existing else []
    merged = merge_plan(here, store.plan_agreed_at(wid) if here else "", carried_plan,
                        carried_agreed, timed, dropped)
    plan.plan_rows, plan.plan_agreed_at = merged.rows, merged.agreed_at
    local = {(a.participant_id, a.item_id): a
             for a in (store.answers_for_workshop(wid) if found.existing else [])}
    skipped = {s.id: s for s in plan.skipped}
    for answer, _ in answers:
        if answer.participant_id in dead:
            if answer.participant_id in skipped:
                s = skipped[answer.participant_id]
                skipped[s.id] = dataclasses.replace(s, answers=s.answers + 1)
            continue
        _merge(plan, local.get((answer.participant_id, answer.item_id)), answer, dropped)
    plan.skipped = list(skipped.values())
    return plan


# -- merging, record by record ----------------------------------------------------------------


def answer_order(answer: Answer) -> tuple[datetime, bool, str]:
    """Which of two answers to one item by one participant wins a merge: the later instant;
    at the same instant the one that carries a comment (a tie never prefers losing one), then
    the greater canonical serialisation (the tie rule, the same on every laptop)."""
    return stamp_order(answer.answered_at)[0], bool(answer.comment), _canonical(
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


def _merge(plan: ImportPlan, local: Answer | None, answer: Answer, dropped: bool) -> None:
    """Sort one answer of the bundle: new here, the same, later (taken) or not (kept local).
    From a bundle without comments (``dropped``), an answer at the instant of the one here
    never replaces it: its comment is unknown, so it cannot win the tie."""
    if plan.consensus is not None and plan.consensus.late(local, answer):
        return  # round 1 stays closed once the consensus round opened: skipped, with why
    same_instant = local is not None and (
        stamp_order(local.answered_at)[0] == stamp_order(answer.answered_at)[0])
    if local is None:
        plan.new_answers.append(answer)
    elif local == answer or (dropped and same_instant and (local.current, local.target) == (
            answer.current, answer.target)):
        plan.unchanged_answers += 1
    elif not (dropped and same_instant) and answer_order(answer) > answer_order(local):
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
    """The later of the two names, organisations and dates (with their edit time), and the
    stricter privacy threshold."""
    if carried.privacy_threshold > here.privacy_threshold:
        plan.raised_threshold = stricter(here.privacy_threshold, carried.privacy_threshold)
        here = plan.workshop = dataclasses.replace(here, privacy_threshold=plan.raised_threshold)
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
        mine = deleted_here.get(pid)
        deletion = _deletion_kept(plan, mine, deleted_there.get(pid))
        if (pid in here or pid in versions) and _merge_participant(
                plan, here.get(pid), versions.get(pid), deletion, deletion is mine, now):
            dead.add(pid)
    return dead


def _deletion_kept(plan: ImportPlan, mine: Deletion | None, other: Deletion | None
                   ) -> Deletion | None:
    """The later of this laptop's and the bundle's deletion of one participant; the bundle's,
    when it is the later and not already here, is recorded by the import."""
    deletion = _later_deletion(mine, other)
    if other is not None and deletion is other and other != mine:
        plan.deletions.append(other)
    return deletion


def _merge_participant(plan: ImportPlan, local: Participant | None, theirs: Participant | None,
                       deletion: Deletion | None, deleted_here: bool, now: datetime) -> bool:
    """One participant, here (``local``), in the bundle (``theirs``) or both: the later version
    is kept unless it was deleted after that version's edit; True when left out as deleted."""
    latest = max((v for v in (local, theirs) if v is not None), key=_participant_order)
    if not _outlives(latest.edited_at, deletion):
        assert deletion is not None
        skip = Skipped("participant", latest.id, latest.name, deletion.deleted_at,
                       deleted_here)
        if not plan.restore_deleted:
            if local is not None:
                plan.removed_participants.append((local, deletion))
            if theirs is not None:
                plan.skipped.append(skip)
            return True
        plan.restored.append(skip)
        latest = dataclasses.replace(latest, edited_at=_restored_at(now, deletion.deleted_at))
    if local is None:
        plan.new_participants.append(latest)
    elif latest != local:
        plan.renamed_participants.append((local, latest))
    elif theirs is not None and (theirs.name, theirs.role, theirs.title) != (
            local.name, local.role, local.title):
        plan.kept_names += 1
    return False


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
