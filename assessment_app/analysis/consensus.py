"""The consensus round's numbers: the measures per statement, function and round, the triage
of contested statements (with reasons) and the level proposed for the room's decision.

Pure Python. Per statement, function (or everyone) and round, over the levels given today
(a "don't know" is counted, never a level):

- ``n``, ``median``, ``mean``, ``range`` (max - min, in levels);
- ``rwg`` = 1 - s² / 2, with s² the sample variance (n - 1 in the denominator) and 2 the
  variance of uniform random answers on 5 levels: 1 means everyone gave one level, 0 as
  scattered as chance, below 0 split into camps (not cut off at 0, so a split stays visible);
- ``within_one``: every level given lies within one level of every other (range <= 1).

Nothing is computed from fewer than the privacy threshold's answers (``rules.privacy``): the
measures are then None and reports say "fewer than 3". "Everyone" is withheld too when one
function is, as the other function's figure would give the hidden one away by subtraction.

Triage proposes a statement as contested for any of (each a reason in words):
a perception gap (marketing mean - IT mean, round 1) of ``GAP_CONTESTED`` levels or more, on a
statement both functions rate alike; disagreement inside a function (rwg below ``RWG_CONTESTED``
with at least 3 answers); "don't know" from ``DONT_KNOW_CONTESTED`` percent or more of a
function (of at least 3 who answered it). Contested statements are ordered by how far past
these lines they are (``strength``: the sum over the reasons of gap / 1.0, (1 - rwg) / 0.3,
share / 30%), then in questionnaire order; the first ``DEFAULT_SELECTION`` are the default
choice (about an hour of discussion). A statement not contested where everyone who answered
(at least 3, none saying "don't know") is within one level can be agreed at once.

The proposed decision is the median of everyone's round-2 levels (round 1 when fewer than 3
re-rated): the lower middle answer when two stand in the middle (``statistics.median_low``: a
level someone gave, the more cautious one), the target not below it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES, role_label
from ..i18n import formats, tr
from ..rules.privacy import PRIVACY_THRESHOLD, threshold
from .numbers import reported

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this reads the records' fields only
    from ..content.questionnaire import Item, Questionnaire
    from ..rules.records import Answer, Participant

GAP_CONTESTED = 1.0  # levels between the functions' means
RWG_CONTESTED = 0.7  # agreement inside a function below this is disagreement
DONT_KNOW_CONTESTED = 30.0  # percent of a function saying "don't know"
DEFAULT_SELECTION = 6  # statements re-rated by default: about an hour of discussion
UNIFORM_VARIANCE = 2.0  # the variance of uniform random answers on 5 levels
EVERYONE = "all"  # the key of everyone's measures beside the functions'


@dataclass(frozen=True)
class Measures:
    """The measures of one group's levels (module docstring)."""

    n: int
    median: float
    mean: float
    range: int
    rwg: float
    within_one: bool

    def as_json(self) -> dict:
        return {"n": self.n, "median": self.median, "mean": round(self.mean, 2),
                "range": self.range, "rwg": round(self.rwg, 2), "within_one": self.within_one}


def measures(levels: Sequence[int], minimum: int = PRIVACY_THRESHOLD) -> Measures | None:
    """The measures of ``levels`` (one per person), or None for fewer than ``minimum``
    (the privacy threshold, never below 3)."""
    if len(levels) < threshold(minimum):
        return None
    low, high = min(levels), max(levels)
    return Measures(len(levels), float(statistics.median(levels)),
                    math.fsum(levels) / len(levels), high - low,
                    1 - statistics.variance(levels) / UNIFORM_VARIANCE, high - low <= 1)


@dataclass(frozen=True)
class GroupLevels:
    """One group's answers to one statement in one round: the levels given today, the targets
    beside them, how many said "don't know", and the measures (None: withheld)."""

    levels: tuple[int, ...]
    targets: tuple[int, ...]
    dont_know: int
    measures: Measures | None
    minimum: int = PRIVACY_THRESHOLD  # the workshop's privacy threshold they were measured under

    @property
    def answered(self) -> int:
        return len(self.levels) + self.dont_know

    @property
    def dont_know_share(self) -> float | None:
        return 100 * self.dont_know / self.answered if self.answered else None


def group_levels(answers: Iterable[Answer], minimum: int = PRIVACY_THRESHOLD) -> GroupLevels:
    given = [a for a in answers if a.current is not None]
    levels = tuple(sorted(a.current for a in given if a.current is not None))
    targets = tuple(sorted(a.target for a in given if a.target is not None))
    dont_know = sum(1 for a in answers if a.current is None)
    return GroupLevels(levels, targets, dont_know, measures(levels, minimum),
                       threshold(minimum))


def round_groups(item_id: str, answers: Iterable[Answer], role_of: Mapping[str, str],
                 minimum: int = PRIVACY_THRESHOLD) -> dict[str, GroupLevels]:
    """Per function and everyone (``EVERYONE``), one statement's answers of one round; the
    everyone figure is withheld when a function's is hidden but the other's shown."""
    mine = [a for a in answers if a.item_id == item_id and a.participant_id in role_of]
    groups = {role: group_levels([a for a in mine if role_of[a.participant_id] == role],
                                 minimum) for role in ROLES}
    everyone = group_levels(mine, minimum)
    shown = [len(g.levels) for g in groups.values() if g.measures is not None]
    hidden = any(g.measures is None and g.answered for g in groups.values())
    # beside a shown function, everyone's figures less its own are the hidden function's:
    # its few levels (what subtraction would give), or that it gave none, and its "don't
    # know" count
    if shown and hidden:
        everyone = replace(everyone, measures=None)
    groups[EVERYONE] = everyone
    return groups


# -- triage ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a statement is contested: ``kind`` (perception_gap, disagreement, dont_know), the
    function it concerns (None: between them), the figure and the sentence."""

    kind: str
    role: str | None
    value: float
    text: str

    @property
    def strength(self) -> float:
        """How far past its line the figure is, in units of that line."""
        if self.kind == "perception_gap":
            return abs(self.value) / GAP_CONTESTED
        if self.kind == "disagreement":
            return (1 - self.value) / (1 - RWG_CONTESTED)
        return self.value / DONT_KNOW_CONTESTED

    def as_json(self) -> dict:
        return {"kind": self.kind, "role": self.role, "value": round(self.value, 2),
                "text": self.text}


def contest_reasons(item: Item, groups: Mapping[str, GroupLevels]) -> list[Reason]:
    """The reasons a statement is contested in round 1 (none: it is not)."""
    reasons = []
    marketing, it = groups["marketing"].measures, groups["it"].measures
    if item.compared and marketing is not None and it is not None:
        gap = marketing.mean - it.mean
        if abs(gap) >= GAP_CONTESTED - 1e-9:
            text = (tr("Marketing rates it {gap} levels higher than IT.", gap=reported(abs(gap)))
                    if gap > 0 else
                    tr("IT rates it {gap} levels higher than marketing.", gap=reported(abs(gap))))
            reasons.append(Reason("perception_gap", None, gap, text))
    for role in ROLES:
        m = groups[role].measures
        if m is not None and m.rwg < RWG_CONTESTED:
            reasons.append(Reason("disagreement", role, m.rwg, tr(
                "{function} disagrees within itself (agreement rwg {rwg}, below {line}).",
                function=role_label(role), rwg=reported(m.rwg),
                line=f"{RWG_CONTESTED:g}".replace(".", formats.decimal_mark()))))
    for role in ROLES:
        g = groups[role]
        share = g.dont_know_share
        if g.answered >= g.minimum and share is not None \
                and share >= DONT_KNOW_CONTESTED:
            reasons.append(Reason("dont_know", role, share, tr(
                "{share} of {function} cannot say.", share=formats.percent(share, 0),
                function=role_label(role))))
    return reasons


@dataclass(frozen=True)
class Contested:
    item_id: str
    reasons: tuple[Reason, ...]

    @property
    def strength(self) -> float:
        return math.fsum(r.strength for r in self.reasons)


@dataclass(frozen=True)
class Proposal:
    """The levels proposed for the room's decision, and the round they come from."""

    current: int
    target: int
    round_no: int

    def as_json(self) -> dict:
        return {"current": self.current, "target": self.target, "round": self.round_no}


def propose(groups: Mapping[str, GroupLevels]) -> Proposal | None:
    """The median of everyone's levels in these groups (lower middle), the target not below it;
    None when everyone's measures are withheld."""
    everyone = groups[EVERYONE]
    if everyone.measures is None:
        return None
    current = statistics.median_low(everyone.levels)
    target = statistics.median_low(everyone.targets) if everyone.targets else current
    return Proposal(current, max(current, target), 0)


@dataclass(frozen=True)
class Triage:
    """Round 1 sorted: the contested statements, strongest first, and those the room can agree
    at once (everyone within one level) with the level proposed."""

    contested: tuple[Contested, ...]
    agree_at_once: tuple[tuple[str, Proposal], ...]

    @property
    def default_selection(self) -> list[str]:
        return [c.item_id for c in self.contested[:DEFAULT_SELECTION]]


def triage(questionnaire: Questionnaire, participants: Sequence[Participant],
           answers: Sequence[Answer], minimum: int = PRIVACY_THRESHOLD) -> Triage:
    """Round 1's contested statements with reasons, and the statements to agree at once."""
    role_of = {p.id: p.role for p in participants if p.role in ROLES}
    contested, at_once = [], []
    for order, item in enumerate(questionnaire.items):
        groups = round_groups(item.id, answers, role_of, minimum)
        reasons = contest_reasons(item, groups)
        if reasons:
            contested.append((order, Contested(item.id, tuple(reasons))))
            continue
        everyone = groups[EVERYONE]
        proposal = propose(groups)
        if everyone.measures is not None and everyone.measures.within_one \
                and not everyone.dont_know and proposal is not None:
            at_once.append((item.id, Proposal(proposal.current, proposal.target, 1)))
    contested.sort(key=lambda pair: (-round(pair[1].strength, 9), pair[0]))
    return Triage(tuple(c for _, c in contested), tuple(at_once))
