"""One participant's handout decided in plain Python: their answers beside the others in their
function and the other function, where they differ most, where they aim highest, and the plan's
actions they are accountable for or their function owns. ``reports.handout_pdf`` only lays
this out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.actions import FUNCTION_OWNER
from ..content.questionnaire import ROLES, Item
from .disclosure import others_shown
from .item_stats import ItemScore
from .numbers import rounded
from .workshop import ScoredWorkshop

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only reads these records' fields
    from ..rules.records import Answer, Participant
    from .report_model import PrintedAction



@dataclass(frozen=True)
class HandoutRow:
    """One statement of a personal handout: this person's answer beside the rest of their
    function (``others_mean``: their own answer left out, so the comparison is them against
    their colleagues) and the other function's mean (both roles' means as the workshop PDF
    prints them are kept too)."""

    item: Item
    statement: str
    current: int | None
    target: int | None
    dont_know: bool
    answered: bool
    own_role_mean: float | None
    other_role_mean: float | None
    comment: str
    others_mean: float | None = None  # the others in the reader's function, today
    others_n: int = 0  # how many of them gave a level
    others_target: float | None = None
    others_withheld: bool = False  # fewer others than the privacy threshold gave a level
    other_withheld: bool = False  # the other function's mean is withheld (``disclosure``)
    minimum: int = 3  # the privacy threshold they are withheld under

    @property
    def compared(self) -> bool:
        """The other function rates the same fact (a ``perspective: self`` item is not)."""
        return self.item.compared


DIFFER_COUNT = 5  # statements in each "where you differ most" list


@dataclass(frozen=True)
class Difference:
    """The reader's level on one statement against a group's mean: ``gap`` is the reader's
    level less the mean as printed (rounded once), so it equals the printed numbers'
    difference."""

    row: HandoutRow
    mean: float
    gap: float


def other_role(role: str) -> str:
    return next(r for r in ROLES if r != role)


def _colleagues_answers(report: ScoredWorkshop, participant: Participant
                        ) -> dict[str, list[Answer]]:
    """Item id -> the answers of the others in the reader's function."""
    colleagues = {p.id for p in report.participants
                  if p.role == participant.role and p.id != participant.id}
    others: dict[str, list[Answer]] = {}
    for a in report.answers:
        if a.participant_id in colleagues:
            others.setdefault(a.item_id, []).append(a)
    return others


def _others_levels(theirs: list[Answer], minimum: int
                   ) -> tuple[list[int], list[int], bool]:
    """(the others' levels, their targets, whether they may be shown): none shown when fewer
    than ``minimum`` but at least one of them gave a level."""
    levels = [a.current for a in theirs if a.current is not None]
    targets = [a.target for a in theirs if a.current is not None and a.target is not None]
    if others_shown(len(levels), minimum) or not levels:
        return levels, targets, True
    return [], [], False


def _handout_row(score: ItemScore, answer: Answer | None, theirs: list[Answer],
                 role: str) -> HandoutRow:
    """The reader's answer beside the others'; the others' figures only when at least the
    privacy threshold's number of them gave a level (``disclosure.others_shown``)."""
    levels, targets, shown = _others_levels(theirs, score.minimum)
    return HandoutRow(
        item=score.item,
        statement=score.item.text_for(role),
        current=answer.current if answer else None,
        target=answer.target if answer else None,
        dont_know=bool(answer and answer.dont_know),
        answered=answer is not None,
        own_role_mean=score.roles[role].mean_current,
        other_role_mean=score.roles[other_role(role)].mean_current,
        comment=answer.comment if answer else "",
        others_mean=sum(levels) / len(levels) if levels else None,
        others_n=len(levels),
        others_target=sum(targets) / len(targets) if targets else None,
        others_withheld=not shown,
        other_withheld=score.roles[other_role(role)].withheld,
        minimum=score.minimum,
    )


def handout_rows(report: ScoredWorkshop, participant: Participant) -> list[HandoutRow]:
    """One row per statement, in questionnaire order: the reader's answer beside the others'."""
    mine = {a.item_id: a for a in report.answers if a.participant_id == participant.id}
    others = _colleagues_answers(report, participant)
    return [_handout_row(score, mine.get(score.item.id), others.get(score.item.id, []),
                         participant.role) for score in report.scores.items]


def differ_most(rows: list[HandoutRow], against: str, count: int = DIFFER_COUNT
                ) -> list[Difference]:
    """The statements where the reader's level is furthest from ``against``: "own" (the
    others in their function) or "other" (the other function; only statements both rate
    alike). Largest difference first, then in questionnaire order; none where they agree."""
    found = []
    for n, r in enumerate(rows):
        mean = r.others_mean if against == "own" else (r.other_role_mean if r.compared
                                                        else None)
        if r.current is None or mean is None:
            continue
        gap = rounded(r.current - rounded(mean))
        if abs(gap) >= 0.005:
            found.append((abs(gap), n, Difference(r, mean, gap)))
    found.sort(key=lambda t: (-t[0], t[1]))
    return [d for _, _, d in found[:count]]


def biggest_ambitions(rows: list[HandoutRow], count: int = DIFFER_COUNT) -> list[HandoutRow]:
    """The statements where the reader wants to move furthest (target above today), largest
    step first, then in questionnaire order."""
    rising = [(r.target - r.current, n, r) for n, r in enumerate(rows)
              if r.current is not None and r.target is not None and r.target > r.current]
    rising.sort(key=lambda t: (-t[0], t[1]))
    return [r for _, _, r in rising[:count]]


def owned_actions(plan: Sequence[PrintedAction], participant: Participant
                  ) -> tuple[list[PrintedAction], list[PrintedAction]]:
    """The plan's actions (``plan``: as printed) the reader is accountable for, and the others
    their function owns (alone or with the other function)."""
    owner = FUNCTION_OWNER.get(participant.role, "")
    mine = [p for p in plan if p.entry.accountable and p.entry.accountable == participant.id]
    function = [p for p in plan if p not in mine and p.entry.owner in (owner, "both")]
    return mine, function


def participants_in_order(participants: Iterable[Participant]) -> list[Participant]:
    """Marketing first, then IT, each by name: the order of the cover and the handouts."""
    return sorted(participants, key=lambda p: (ROLES.index(p.role) if p.role in ROLES else 9,
                                               p.name.casefold(), p.id))


@dataclass(frozen=True)
class Handout:
    """Everything one participant's handout says, decided before it is laid out."""

    reader: Participant
    rows: tuple[HandoutRow, ...]  # every statement, in questionnaire order
    own_differences: tuple[Difference, ...]  # against the others in the reader's function
    other_differences: tuple[Difference, ...]  # against the other function
    ambitions: tuple[HandoutRow, ...]  # where the reader aims highest
    accountable: tuple[PrintedAction, ...]  # the plan's actions naming the reader
    function_owns: tuple[PrintedAction, ...]  # the others their function owns

    @property
    def unanswered(self) -> int:
        return sum(1 for r in self.rows if not r.answered)

    @property
    def dont_know(self) -> int:
        return sum(1 for r in self.rows if r.dont_know)

    @property
    def other_function_withheld(self) -> bool:
        """The other function gave levels, but its means are withheld on every statement."""
        return any(r.other_withheld for r in self.rows) and not any(
            r.other_role_mean is not None for r in self.rows)

    @property
    def others_withheld(self) -> bool:
        """The others in the reader's function gave levels, but never enough to be shown."""
        return any(r.others_withheld for r in self.rows) and not any(r.others_n
                                                                    for r in self.rows)


def handout(report: ScoredWorkshop, participant: Participant) -> Handout:
    """``participant``'s handout from ``report`` (``report_model.load_report``)."""
    rows = handout_rows(report, participant)
    mine, function = owned_actions(report.printed, participant)
    return Handout(participant, tuple(rows), tuple(differ_most(rows, "own")),
                   tuple(differ_most(rows, "other")), tuple(biggest_ambitions(rows)),
                   tuple(mine), tuple(function))
