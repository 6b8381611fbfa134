"""The numbers per statement, theme and dimension for each role, and a statement's need.

Pure Python (no Qt, no numpy). Means come from integer sums, so nothing depends on the order of
participants or answers. Statistics are kept exact and rounded (``numbers.rounded``) only in
reports; the need is the exception, below. ``reports/method.md`` says the same for facilitators
and executives.

Per item and role, over that role's answers to the item:

- ``n``: respondents who gave a current level; ``dont_know``: those who said "don't know"
  (a don't-know is never a level); ``dont_know_share`` = dont_know / (n + dont_know), percent.
- ``mean_current``: mean current level; ``mean_target``: mean target of those who gave a level
  and a target. Both None when there is nothing to average.
- ``share_at_least_4``: percentage of the ``n`` respondents at level 4 or 5.
- ``share_statement_true``: for a benchmarked item, the percentage of the ``n`` respondents at or
  above the level from which the survey statement is true (``benchmark.true_from``): the number
  the research is compared with. None without a benchmark.
- ``min``, ``max``, ``spread`` = max - min (the range, in levels).
- ``ambition_gap``: mean of (target - current) over respondents who gave both.

Per item:

- ``perception_gap`` = marketing mean_current - IT mean_current; None unless both roles gave
  levels, and always None for an item each function rates about itself (``perspective: self``):
  two different facts do not disagree.
- ``ambition_gap`` = mean of the roles' ambition gaps that exist (each function counts once).
- ``visibility_gap`` = the mean of the roles' don't-know shares (percent; each function counts
  once, like the ambition gap): how much of the room cannot say. None when nobody answered it.
- ``shortfall`` = max(0, ``GOOD_LEVEL`` - the mean of the functions' mean current levels): how
  far below a good level the room puts it, so a weakness both functions agree on still counts
  (the ambition gap alone misses it when targets are modest, the perception gap when both agree).
- ``priority`` (the statement's need) = weight x (A + P + V + S) where A = ambition gap, P =
  |perception gap| as printed (``numbers.printed_gap``), V = ``VISIBILITY_LEVELS`` x visibility
  gap (in whole percent, as printed) / 100, S = shortfall, each rounded to 2 decimals as reports
  show it and 0 when missing; rounded to 2 decimals. None when nobody answered the item at all.
- ``reason`` (what the statement calls for, ``dominant_reason``): "build" when the levels (A + S)
  make the largest part of the need, "reconcile" when the perception gap does (establish the
  facts before building), "visibility" when don't-know does; on equal parts reconcile, then
  visibility, then build (facts before building). None when the need is 0.

Figures resting on fewer people than the workshop's privacy threshold are withheld before
anything else sees them (``disclosure``): a withheld figure is None and flagged, a perception
gap needs both functions' levels shown, and where a function's levels are withheld the need
uses all respondents together when that may be shown, else the shown function's figures.

Per theme and dimension and role: the weighted means (item weights) of the items' mean_current,
mean_target and ambition_gap, each skipping items where that number is None or withheld (the
remaining weights are renormalised), and ``dont_know_share`` over its items' shown counts. The
perception gap is taken over the items both functions rate alike (``compared``) only; the
ambition gap over all of them.
What a view prints beside the group's means is ``GroupScore.shown_gap`` (none, and marked, for a
group holding a self-rated statement: ``self_rated``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES, Item
from ..rules.privacy import PRIVACY_THRESHOLD
from .disclosure import disclose, pooled
from .numbers import printed_gap, rounded, whole_percent

if TYPE_CHECKING:  # storage pulls in sqlite-utils; scoring only reads these records' fields
    from ..rules.consensus import Decision
    from ..rules.records import Answer

VISIBILITY_LEVELS = 2.0  # a statement nobody can answer weighs 2 levels; one function, 1 level
GOOD_LEVEL = 3.5  # halfway between defined (3) and managed (4): below it the room falls short
REASONS = ("reconcile", "visibility", "build")  # what a statement calls for; ties in this order


@dataclass(frozen=True)
class RoleStats:
    """One role's answers to one item."""

    n: int
    dont_know: int
    mean_current: float | None
    mean_target: float | None
    share_at_least_4: float | None
    min: int | None
    max: int | None
    spread: int | None
    ambition_gap: float | None
    dont_know_share: float | None = None
    share_statement_true: float | None = None
    withheld: bool = False  # the figures on levels rest on too few people (``disclosure``)
    counts_withheld: bool = False  # so do the don't-know count and share


@dataclass(frozen=True)
class GroupRoleStats:
    """One role's weighted view of a theme or dimension."""

    n: int
    dont_know: int
    dont_know_share: float | None
    mean_current: float | None
    mean_target: float | None
    ambition_gap: float | None
    withheld: bool = False  # no statement's level figures of this role may be shown
    counts_withheld: bool = False  # nor its don't-know figures


@dataclass(frozen=True)
class ItemScore:
    item: Item
    roles: Mapping[str, RoleStats]
    perception_gap: float | None
    ambition_gap: float | None
    priority: float | None
    visibility_gap: float | None = None
    shortfall: float | None = None  # how far below GOOD_LEVEL the functions' mean puts it
    reason: str | None = None  # build, reconcile or visibility: the largest part of its need
    rank: int = 0  # 1 = most pressing; set when the workshop is scored
    shared_rank: int = 0  # the rank of the first of its tie group (its own when not tied)
    tied: bool = False  # another item shares its rank
    agreed: Decision | None = None  # the room's decision its need comes from (``agreed``)
    pooled: RoleStats | None = None  # all respondents, where the need uses them (``disclosure``)
    minimum: int = PRIVACY_THRESHOLD  # the privacy threshold its figures were withheld under

    def levels_used(self) -> list[RoleStats]:
        """The level figures its need rests on: all respondents' where the ranking used them,
        else the functions' shown ones."""
        if self.pooled is not None and not self.pooled.withheld:
            return [self.pooled]
        return [r for r in self.roles.values() if r.mean_current is not None]


@dataclass(frozen=True)
class GroupScore:
    """A theme (``dimension`` is its dimension) or a dimension (``id == dimension``)."""

    id: str
    title: str
    dimension: str
    item_ids: tuple[str, ...]
    roles: Mapping[str, GroupRoleStats]
    perception_gap: float | None  # over the statements both functions rate alike
    ambition_gap: float | None
    self_rated: bool = False  # holds a statement each function rates about itself

    @property
    def shown_gap(self) -> float | None:
        """The perception gap a table or chart may print beside the group's two means: their
        difference as printed (``numbers.printed_gap``), and none for a group holding a
        self-rated statement, whose means mix answers that cannot be compared (the gap over
        the comparable statements alone could point the other way from those means). The one
        rule the heat map, the PDF's tables, the radar and ``results --json`` read."""
        if self.self_rated:
            return None
        return printed_gap(self.roles["marketing"].mean_current, self.roles["it"].mean_current)


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    kept = [(weight, value) for weight, value in pairs if value is not None]
    if not kept:
        return None
    return math.fsum(w * v for w, v in kept) / math.fsum(w for w, _ in kept)


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _at_least(levels: Sequence[int], level: int | None) -> float | None:
    """Percentage of ``levels`` at ``level`` or above; None without a level or levels."""
    if level is None:
        return None
    return _percent(sum(1 for given in levels if given >= level), len(levels))


def _given_levels(answers: Sequence[Answer]) -> tuple[list[int], list[tuple[int, int]]]:
    """(the current levels given, the (current, target) pairs where both were given)."""
    levels = [a.current for a in answers if a.current is not None]
    pairs = [(a.current, a.target) for a in answers
             if a.current is not None and a.target is not None]
    return levels, pairs


def role_stats(answers: Sequence[Answer], true_from: int | None = None) -> RoleStats:
    """Statistics of one role's answers to one item (one answer per participant).
    ``true_from``: the benchmark's level, when the item has one."""
    levels, pairs = _given_levels(answers)
    n = len(levels)
    low, high = (min(levels), max(levels)) if levels else (None, None)
    return RoleStats(
        n=n,
        dont_know=len(answers) - n,
        mean_current=_mean(levels),
        mean_target=_mean([target for _, target in pairs]),
        share_at_least_4=_at_least(levels, 4),
        min=low,
        max=high,
        spread=None if high is None or low is None else high - low,
        ambition_gap=_mean([target - current for current, target in pairs]),
        dont_know_share=_percent(len(answers) - n, len(answers)),
        share_statement_true=_at_least(levels, true_from),
    )


def _perception(roles: Mapping[str, RoleStats | GroupRoleStats]) -> float | None:
    marketing, it = roles["marketing"].mean_current, roles["it"].mean_current
    return None if marketing is None or it is None else marketing - it


def _ambition(roles: Mapping[str, RoleStats | GroupRoleStats]) -> float | None:
    ambitions = [gap for stats in roles.values() if (gap := stats.ambition_gap) is not None]
    return sum(ambitions) / len(ambitions) if ambitions else None


def room_dont_know_share(roles: Mapping[str, RoleStats | GroupRoleStats]) -> float | None:
    """The don't-know share of the room: the mean of the functions' shares (each function
    counts once, as for the ambition gap). The one definition the tables print and the need
    uses; None when nobody answered."""
    shares = [share for stats in roles.values() if (share := stats.dont_know_share) is not None]
    return sum(shares) / len(shares) if shares else None


def shortfall(roles: Mapping[str, RoleStats | GroupRoleStats]) -> float | None:
    """max(0, GOOD_LEVEL - mean of the functions' mean current levels as printed), rounded as
    shown; None when no function gave a level."""
    means = [rounded(m) for stats in roles.values() if (m := stats.mean_current) is not None]
    if not means:
        return None
    return rounded(max(0.0, GOOD_LEVEL - sum(means) / len(means)))


def need_parts(perception_gap: float | None, ambition_gap: float | None,
               visibility_gap: float | None, short: float | None) -> dict[str, float]:
    """The need's parts as reports show them, by what each calls for: build (ambition gap +
    shortfall), reconcile (|perception gap|), visibility (the don't-know term)."""
    return {"reconcile": rounded(abs(perception_gap or 0.0)),
            "visibility": visibility_term(visibility_gap),
            "build": rounded(ambition_gap or 0.0) + rounded(short or 0.0)}


def dominant_reason(parts: Mapping[str, float]) -> str | None:
    """The largest part of a need (ties: reconcile, visibility, build); None when all are 0."""
    best = max(REASONS, key=lambda r: (round(parts[r] * 100), -REASONS.index(r)))
    return best if round(parts[best] * 100) > 0 else None


def visibility_term(visibility_gap: float | None) -> float:
    """The visibility gap in levels, as the priority adds it: 2 x the share as printed (whole
    percent, ``numbers.whole_percent``), rounded."""
    return rounded(VISIBILITY_LEVELS * whole_percent(visibility_gap or 0.0) / 100)


def item_priority(weight: float, perception_gap: float | None, ambition_gap: float | None,
                  visibility_gap: float | None = None, short: float | None = None
                  ) -> float | None:
    """weight x (ambition gap + |perception gap| + 2 x don't-know share + shortfall), on the
    terms as reports show them, so the sum in the reasons adds up to the priority they state;
    None when no term exists (nobody answered)."""
    if perception_gap is None and ambition_gap is None and visibility_gap is None \
            and short is None:
        return None
    parts = need_parts(perception_gap, ambition_gap, visibility_gap, short)
    return rounded(weight * math.fsum(parts.values()))


def score_item(item: Item, answers_by_role: Mapping[str, Sequence[Answer]],
               minimum: int = PRIVACY_THRESHOLD) -> ItemScore:
    """One statement's figures, those resting on fewer than ``minimum`` people withheld
    (``disclosure.disclose``); its need from the figures shown, or from all respondents
    together where a function's are withheld and that may be shown (``disclosure.pooled``)."""
    true_from = item.benchmark.true_from if item.benchmark is not None else None
    raw = {role: role_stats(answers_by_role.get(role, ()), true_from) for role in ROLES}
    roles = {role: disclose(raw[role], minimum) for role in ROLES}
    everyone = role_stats([a for role in ROLES for a in answers_by_role.get(role, ())],
                          true_from)
    together = pooled(raw, roles, everyone, minimum)
    perception = _perception(roles) if item.compared else None
    levels = {"all": together} if together is not None and not together.withheld else roles
    counts = {"all": together} if together is not None and not together.counts_withheld \
        else roles
    ambition = _ambition(levels)
    visibility = room_dont_know_share(counts)
    short = shortfall(levels)
    shown = shown_gap(roles) if item.compared else None
    reason = dominant_reason(need_parts(shown, ambition, visibility, short))
    return ItemScore(item, roles, perception, ambition,
                     item_priority(item.weight, shown, ambition, visibility, short),
                     visibility, short, reason, pooled=together, minimum=minimum)


def shown_gap(roles: Mapping[str, RoleStats]) -> float | None:
    """The perception gap as the tables print it (the printed means' difference), which the
    need uses so its sum can be redone from the printed page."""
    return printed_gap(roles["marketing"].mean_current, roles["it"].mean_current)


def _group_role(items: Sequence[ItemScore], role: str) -> GroupRoleStats:
    """One role's weighted view of ``items`` from their shown figures only, so it gives no
    withheld figure away; withheld itself when every statement that has one withholds it."""
    stats = [(s.item.weight, s.roles[role]) for s in items]
    counted = [r for _, r in stats if not r.counts_withheld]
    n = sum(r.n for r in counted)
    dont_know = sum(r.dont_know for r in counted)
    current = _weighted_mean((w, r.mean_current) for w, r in stats)
    share = _percent(dont_know, n + dont_know)
    return GroupRoleStats(
        n=n,
        dont_know=dont_know,
        dont_know_share=share,
        mean_current=current,
        mean_target=_weighted_mean((w, r.mean_target) for w, r in stats),
        ambition_gap=_weighted_mean((w, r.ambition_gap) for w, r in stats),
        withheld=current is None and any(r.withheld for _, r in stats),
        counts_withheld=share is None and any(r.counts_withheld for _, r in stats),
    )


def score_group(ident: str, title: str, dimension: str, items: Sequence[ItemScore]
                ) -> GroupScore:
    roles = {role: _group_role(items, role) for role in ROLES}
    compared = [s for s in items if s.item.compared]
    if len(compared) == len(items):
        perception = _perception(roles)
    else:  # each function's mean over the statements both rate alike
        perception = _perception({role: _group_role(compared, role) for role in ROLES}) \
            if compared else None
    return GroupScore(ident, title, dimension, tuple(s.item.id for s in items), roles,
                      perception, _ambition(roles), len(compared) < len(items))
