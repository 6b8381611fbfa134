"""When two priorities are a tie, and the ranks tied items and actions share.

Priorities closer than the tie margin (one level divided by the number of people in the smaller
function: how far one person moving one level moves that function's average) are reported as a
tie, sharing the rank of the first of them. Items rank by priority, then id, with that margin.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only reads these records' fields
    from ..rules.records import Participant


def rank_key(priority: float | None, ident: str) -> tuple[bool, float, str]:
    """Highest priority first, no priority last, then by id: the order of items."""
    return (priority is None, -(priority or 0.0), ident)


def tie_margin(participants: Iterable[Participant], answered: Collection[str]) -> float:
    """One level divided by the number of people in the smaller function, counting those who
    ``answered`` at least one statement (participant ids): how far one person moving one level
    moves that function's average. 0 when nobody answered."""
    role_of = {p.id: p.role for p in participants if p.role in ROLES}
    sizes = [n for role in ROLES
             if (n := sum(1 for pid, r in role_of.items() if r == role and pid in answered))]
    return 1 / min(sizes) if sizes else 0.0


def within_margin(a: float | None, b: float | None, margin: float) -> bool:
    """Two priorities that are a tie: both None, or closer than ``margin`` (compared in
    hundredths, as shown)."""
    if a is None or b is None:
        return a is None and b is None
    return round(abs(a - b) * 100) < margin * 100 - 1e-9


def shared_ranks(priorities: Sequence[float | None], margin: float
                 ) -> list[tuple[int, bool]]:
    """For priorities in ranked order, (the rank each shares, whether it is tied): a tie group
    starts at the first priority not within the margin of the current group's first."""
    starts: list[int] = []
    start = 0
    for n, priority in enumerate(priorities):
        if n and not within_margin(priorities[start], priority, margin):
            start = n
        starts.append(start)
    sizes = Counter(starts)
    return [(start + 1, sizes[start] > 1) for start in starts]
