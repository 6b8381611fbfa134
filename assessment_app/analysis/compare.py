"""Progress between two workshops of a series: a baseline and a follow-up (often a newer
questionnaire, or the pulse). Pure Python, no Qt, no database.

- Only comparable statements count (``content/lineage``: the same, or reworded); every figure
  says how many ("38 of 45 statements comparable").
- Per statement and function: the mean current level then and now (of those who gave a level),
  the baseline's mean target. A mean resting on fewer people than the privacy threshold is
  withheld, on either side, and so is a figure built from it.
- Per function and dimension (and over all): the weighted means (follow-up item weights) of
  those statement means, over the statements where then, now and the baseline's target are all
  shown; the change (now - then, of the printed means) and the progress to target, SAMM's
  (now - baseline) / (target - baseline) with the baseline's target, undefined (and said so)
  when the target equals the baseline.
- A statement's change for the room is the mean of the functions' changes (each function
  counts once), shown only when no function's part is withheld; the five most improved and
  most worsened.
- Returning people (``Participant.identity`` with at least one answer in both workshops) are
  told apart from newcomers:
  their own change per function and dimension, withheld where the newcomers (or those who did
  not return) of a function are fewer than the threshold, since the difference would show them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..content.lineage import Pairing, pair_items
from ..content.questionnaire import DIMENSIONS, ROLES, Questionnaire
from ..i18n import N_, tr, tr_n
from ..rules.privacy import PRIVACY_THRESHOLD, hidden_by_subtraction
from ..rules.records import Answer, Participant, Workshop
from .numbers import printed_gap, rounded

TOP = 5  # most improved and most worsened statements shown
UNDEFINED_PROGRESS = N_("undefined: the baseline's target equals its level")


@dataclass(frozen=True)
class Side:
    """One workshop as a comparison reads it."""

    workshop: Workshop
    questionnaire: Questionnaire
    participants: tuple[Participant, ...]
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Levels:
    """One function's answers to one statement: current levels and targets given."""

    current: tuple[int, ...] = ()
    target: tuple[int, ...] = ()

    def mean(self, minimum: int) -> float | None:
        return _mean(self.current) if len(self.current) >= minimum else None

    def mean_target(self, minimum: int) -> float | None:
        return _mean(self.target) if len(self.current) >= minimum and self.target else None


@dataclass(frozen=True)
class StatementChange:
    """One comparable statement, per function and for the room."""

    item: str  # the follow-up's id
    baseline_item: str
    change_kind: str  # same | reworded
    dimension: str
    theme: str
    weight: float
    then: Mapping[str, float | None]  # per function, None: withheld or unanswered
    now: Mapping[str, float | None]
    target: Mapping[str, float | None]  # the baseline's mean target
    change: float | None  # the room's: mean of the functions' changes; None when withheld


@dataclass(frozen=True)
class Progress:
    """A function's level over a group of statements, then and now, and the way to target."""

    statements: int  # how many comparable statements it rests on
    then: float | None
    now: float | None
    target: float | None
    change: float | None
    progress: float | None  # a fraction: 1.0 = the target reached
    note: str = ""  # why a figure is missing


@dataclass(frozen=True)
class Comparison:
    baseline: Side
    followup: Side
    pairings: tuple[Pairing, ...]
    dropped: tuple[str, ...]
    statements: tuple[StatementChange, ...]
    functions: Mapping[str, Mapping[str, Progress]]  # role -> dimension (and "all") -> figures
    returning_functions: Mapping[str, Mapping[str, Progress]]
    people: Mapping[str, Mapping[str, int]]  # returning / newcomers / not_returning per role
    minimum: int = PRIVACY_THRESHOLD
    verdicts: tuple = field(default=())  # ``plan_check.Verdict`` per baseline plan action

    @property
    def comparable(self) -> int:
        return sum(p.comparable for p in self.pairings)

    @property
    def comparable_sentence(self) -> str:
        return tr("{comparable} of {total} statements comparable", comparable=self.comparable,
                  total=len(self.pairings))

    @property
    def people_sentence(self) -> str:
        """'4 people answered both times; 1 person is new.' (and who was invited again but gave
        no answer): a clause per count, so that each takes the plural its language needs."""
        back, new, quiet = (sum(self.people[k].values())
                            for k in ("returning", "newcomers", "copied_not_answered"))
        clauses = [tr_n("{n} person answered both times", "{n} people answered both times", back),
                   tr_n("{n} person is new", "{n} people are new", new)]
        if quiet:
            clauses.append(tr_n("{n} person was invited again but gave no answer",
                                "{n} people were invited again but gave no answer", quiet))
        return "; ".join(clauses) + "."  # whole clauses, listed as any language lists them

    @property
    def headline_note(self) -> str:
        """Said where the then and now figures are not the same people's: who they include."""
        if not any(self.people["newcomers"].values()):
            return ""
        return tr("The then and now figures are everyone's who answered each time, newcomers "
                  "included, so part of a change can be who was in the room.")

    def most_improved(self) -> list[StatementChange]:
        shown = [s for s in self.statements if s.change is not None and s.change > 0]
        return sorted(shown, key=lambda s: (-(s.change or 0), s.item))[:TOP]

    def most_worsened(self) -> list[StatementChange]:
        shown = [s for s in self.statements if s.change is not None and s.change < 0]
        return sorted(shown, key=lambda s: (s.change or 0, s.item))[:TOP]


def compare(baseline: Side, followup: Side,
            editions: Mapping[tuple[str, str], Questionnaire] | None = None,
            minimum: int = PRIVACY_THRESHOLD) -> Comparison:
    """The follow-up against the baseline (``editions``: the installed questionnaire versions,
    which the lineage of a statement is checked against)."""
    pairings, dropped = pair_items(baseline.questionnaire, followup.questionnaire, editions)
    comparable = [p for p in pairings if p.comparable]
    back = _returning_ids(baseline, followup)
    whole = _levels(baseline, None), _levels(followup, None)
    everyone = _statements(followup, comparable, whole, whole, minimum)
    part = _levels(baseline, back), _levels(followup, back)
    returning = _statements(followup, comparable, part, whole, minimum)
    return Comparison(baseline, followup, tuple(pairings), tuple(dropped), tuple(everyone),
                      _by_dimension(everyone),
                      _by_dimension(returning, _subtracted(comparable, part, whole, minimum),
                                    minimum),
                      _people(baseline, followup, back), minimum)


SUBTRACTED = N_("withheld: fewer than {n} people of this function are new or did not return, "
                "and the returning people's figures would show theirs by subtraction")


def _subtracted(comparable: Sequence[Pairing], part: tuple[Levelled, Levelled],
                whole: tuple[Levelled, Levelled], minimum: int) -> frozenset[str]:
    """The functions where returning people answered in enough numbers somewhere but are
    withheld only because the rest of the function is too few (the subtraction rule)."""
    roles = set()
    for p in comparable:
        for role in ROLES:
            for key, mine, everyone in (((p.baseline or "", role), part[0], whole[0]),
                                        ((p.item, role), part[1], whole[1])):
                levels, total = mine.get(key), everyone.get(key)
                if levels and total and len(levels.current) >= minimum and \
                        _shown(levels, total, minimum) is None:
                    roles.add(role)
    return frozenset(roles)


def _answered(side: Side) -> frozenset[str]:
    """The identities of the people who gave at least one answer in ``side``: being copied
    into a follow-up is not taking part in it."""
    ids = {a.participant_id for a in side.answers}
    return frozenset(p.identity for p in side.participants if p.id in ids)


def _returning_ids(baseline: Side, followup: Side) -> frozenset[str]:
    return _answered(baseline) & _answered(followup)


def _people(baseline: Side, followup: Side, back: frozenset[str]) -> dict[str, dict[str, int]]:
    """Counts only, per function: who answered both times, who is new, who did not return,
    and (among those) who was copied into the follow-up but gave no answer there."""
    counts: dict[str, dict[str, int]] = {
        k: dict.fromkeys(ROLES, 0)
        for k in ("returning", "newcomers", "not_returning", "copied_not_answered")}
    before, now = _answered(baseline), _answered(followup)
    for p in followup.participants:
        if p.identity in now and p.identity not in back:
            counts["newcomers"][p.role] += 1
        elif p.identity in before and p.identity not in now:
            counts["copied_not_answered"][p.role] += 1
    for p in baseline.participants:
        if p.identity in before:
            counts["returning" if p.identity in back else "not_returning"][p.role] += 1
    return counts


def _levels(side: Side, only: frozenset[str] | None) -> dict[tuple[str, str], Levels]:
    """(item, role) -> the levels given, by everyone or only by the people in ``only``."""
    people = {p.id: p for p in side.participants}
    current: dict[tuple[str, str], list[int]] = {}
    target: dict[tuple[str, str], list[int]] = {}
    for a in side.answers:
        p = people.get(a.participant_id)
        if p is None or a.current is None or (only is not None and p.identity not in only):
            continue
        current.setdefault((a.item_id, p.role), []).append(a.current)
        if a.target is not None:
            target.setdefault((a.item_id, p.role), []).append(a.target)
    return {key: Levels(tuple(levels), tuple(target.get(key, ()))) for key, levels in
            current.items()}


Levelled = dict[tuple[str, str], Levels]


def _statements(followup: Side, comparable: Sequence[Pairing], part: tuple[Levelled, Levelled],
                whole: tuple[Levelled, Levelled], minimum: int) -> list[StatementChange]:
    """Each comparable statement's figures over ``part`` of the people (then, now); a part
    smaller than everyone (returning people) is withheld where the rest of its function,
    in ``whole``, is too few."""
    (before, after), (all_before, all_after) = part, whole
    changes = []
    for p in comparable:
        item = followup.questionnaire.item(p.item)
        assert item is not None and p.baseline is not None
        then, now, target = {}, {}, {}
        for role in ROLES:
            b = _shown(before.get((p.baseline, role)), all_before.get((p.baseline, role)),
                       minimum)
            a = _shown(after.get((p.item, role)), all_after.get((p.item, role)), minimum)
            then[role] = b.mean(minimum) if b else None
            target[role] = b.mean_target(minimum) if b else None
            now[role] = a.mean(minimum) if a else None
        changes.append(StatementChange(p.item, p.baseline, p.change, item.dimension,
                                       item.theme, item.weight, then, now, target,
                                       _room_change(before, after, p, then, now)))
    return changes


def _shown(part: Levels | None, whole: Levels | None, minimum: int) -> Levels | None:
    """``part`` unless it is too few, or the rest of ``whole`` beside it is."""
    if part is None or len(part.current) < minimum:
        return None
    if whole is not None and hidden_by_subtraction(len(whole.current), [len(part.current)],
                                                   minimum):
        return None
    return part


def _room_change(before: Mapping[tuple[str, str], Levels], after: Mapping[tuple[str, str],
                 Levels], p: Pairing, then: Mapping[str, float | None],
                 now: Mapping[str, float | None]) -> float | None:
    """The mean of the functions' changes (of printed means), over the functions that
    answered; None when any function that answered has a withheld side."""
    parts = []
    for role in ROLES:
        answered = (p.baseline, role) in before or (p.item, role) in after
        if not answered:
            continue
        change = printed_gap(now[role], then[role])
        if change is None:
            return None
        parts.append(change)
    return rounded(math.fsum(parts) / len(parts)) if parts else None


def _by_dimension(statements: Sequence[StatementChange], subtracted: frozenset[str] = frozenset(),
                  minimum: int = PRIVACY_THRESHOLD) -> dict[str, dict[str, Progress]]:
    groups: dict[str, list[StatementChange]] = {d: [] for d in DIMENSIONS}
    for s in statements:
        groups.setdefault(s.dimension, []).append(s)
    result: dict[str, dict[str, Progress]] = {}
    for role in ROLES:
        why = tr(SUBTRACTED, n=minimum) if role in subtracted else ""
        result[role] = {d: progress_of(group, role, why) for d, group in groups.items()
                        if group}
        result[role]["all"] = progress_of(statements, role, why)
    return result


def progress_of(statements: Iterable[StatementChange], role: str, why: str = "") -> Progress:
    """A function's figures over ``statements``: those where then, now and the target are
    all shown, weighted by the follow-up's item weights (``why``: the reason when none is)."""
    kept = [s for s in statements
            if None not in (s.then[role], s.now[role], s.target[role])]
    if not kept:
        return Progress(0, None, None, None, None, None,
                        why or tr("no comparable statement answered by enough people both "
                                  "times"))
    then = rounded(_weighted(kept, lambda s: s.then[role]))
    now = rounded(_weighted(kept, lambda s: s.now[role]))
    target = rounded(_weighted(kept, lambda s: s.target[role]))
    change = rounded(now - then)
    if math.isclose(target, then):
        return Progress(len(kept), then, now, target, change, None, tr(UNDEFINED_PROGRESS))
    return Progress(len(kept), then, now, target, change, round(change / (target - then), 4))


def _weighted(statements: Sequence[StatementChange], value) -> float:
    return (math.fsum(s.weight * value(s) for s in statements)
            / math.fsum(s.weight for s in statements))


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None
