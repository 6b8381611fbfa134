"""Drill-down on one item: how each function's answers spread over the levels, and the comments.

Comments are shown with the commenter's function only, never their name: the results go on a
projector in front of the whole room.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES, role_label
from ..i18n import tr
from ..rules.records import Answer, Participant

if TYPE_CHECKING:
    from .item_stats import RoleStats

DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class Distribution:
    counts: dict[str, dict[int | str, int]]  # role -> level (1-5) or DONT_KNOW -> count

    def total(self, role: str) -> int:
        return sum(self.counts[role].values())


def item_distribution(item_id: str, participants: Iterable[Participant],
                      answers: Iterable[Answer]) -> Distribution:
    role_of = {p.id: p.role for p in participants}
    counts = {role: {**dict.fromkeys(range(1, 6), 0), DONT_KNOW: 0} for role in ROLES}
    for a in answers:
        role = role_of.get(a.participant_id)
        if a.item_id != item_id or role not in counts:
            continue
        counts[role][DONT_KNOW if a.current is None else a.current] += 1
    return Distribution(counts)


def shown_distribution(dist: Distribution, roles: Mapping[str, RoleStats], minimum: int
                       ) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """The distribution as the screen shows it: (rows of (label, one cell per function), notes).
    A function whose levels are withheld (``disclosure``) shows no level counts, one whose
    answers are too few not its don't-knows either, each said in a note."""
    rows = []
    for level in [*range(1, 6), DONT_KNOW]:
        label = tr("Don't know") if level == DONT_KNOW else tr("Level {level}", level=level)
        hidden = {r for r in ROLES if roles[r].counts_withheld
                  or (level != DONT_KNOW and roles[r].withheld)}
        rows.append((label, ["·" if r in hidden else str(dist.counts[r][level])
                             for r in ROLES]))
    notes = [tr("{function}: fewer than {n} answered, so how they answered is withheld.",
                function=role_label(r), n=minimum) if roles[r].counts_withheld
             else tr("{function}: fewer than {n} gave a level, so how they answered is withheld.",
                     function=role_label(r), n=minimum)
             for r in ROLES if roles[r].withheld or roles[r].counts_withheld]
    return rows, notes


def item_comments(item_id: str, participants: Iterable[Participant],
                  answers: Iterable[Answer]) -> list[tuple[str, str]]:
    """(role, comment) pairs, marketing first, in the order they were given."""
    role_of = {p.id: p.role for p in participants}
    found = [(role_of[a.participant_id], a.answered_at, a.comment) for a in answers
             if a.item_id == item_id and a.comment and a.participant_id in role_of]
    found.sort(key=lambda f: (ROLES.index(f[0]), f[1]))
    return [(role, text) for role, _, text in found]
