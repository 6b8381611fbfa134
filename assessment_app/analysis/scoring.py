"""The scoring engine: turns a workshop's answers into numbers per item, theme and dimension for
each role, the perception, ambition and visibility gaps, and a ranked list of items and actions.

Pure Python (no Qt, no numpy) so the results screen, the PDF and ``tandem results`` read the same
numbers. Means come from integer sums, so nothing depends on the order of participants or
answers. Statistics are kept exact and rounded (``numbers.rounded``) only in reports; priorities
are the exception, below. ``reports/method.md`` says the same for facilitators and executives.

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
- ``priority`` (the statement's need) = weight x (A + P + V) where A = ambition gap, P = |perception
  gap|, V = ``VISIBILITY_LEVELS`` x visibility gap / 100, each rounded to 2 decimals as reports
  show it and 0 when missing; rounded to 2 decimals. None when nobody answered the item at all.

Per theme and dimension and role: the weighted means (item weights) of the items' mean_current,
mean_target and ambition_gap, each skipping items where that number is None (the remaining
weights are renormalised), and ``dont_know_share`` over its items. The perception gap is taken
over the items both functions rate alike (``compared``) only; the ambition gap over all of them.

Per action from the library answering at least one questionnaire item:

- its statements' needs, highest first (s1 >= s2 >= ...), make its **value**
  = s1 + s2/2 + s3/4 + ... (``DECAY``): every statement adds, each further one half as much as
  the one before, so an action that answers several pressing statements ranks above one that
  answers one, but listing many statements cannot buy a place;
- ``own_priority`` = value / ``EFFORT_DIVISORS[effort]`` (S 1, M 1.25, L 1.5), rounded to 2
  decimals. The value measures the need an action addresses, not how much of it the action
  closes, and larger actions usually close more: charging effort in full would count it twice,
  so a medium action needs a quarter more value than a small one, a large one half more;
- its **main statement** is s1's item (the larger need, then the item id);
- **kind**: "quick win" (S or M) or "big bet" (L) when its value is at least the median value of
  the actions with a priority, otherwise "fill-in" (S or M) or "question mark" (L).

Ranking builds the plan one place at a time. Each place goes to the action whose priority is
highest given the actions already placed above it: a statement that ``k`` placed actions already
answer counts ``DECAY ** k`` of its need (diminishing returns across the plan as within an
action, so the plan spreads over problems). That ``priority`` (with ``plan_value``) is what ranks
it; it equals ``own_priority`` when nothing above shares a statement. Equal priorities go to the
smaller effort, then the larger value, then the title, then the order in the library (never the
id). In the first ``SUGGESTED_SIZE`` places (the suggested plan) only actions with a positive
priority are placed, and at most ``SAME_STATEMENT_CAP`` may share a main statement: another is
held back until those places are filled. Priorities closer than the tie margin (one level
divided by the number of people in the smaller function: how far one person moving one level
moves that function's average) are reported as a tie, sharing the rank of the first of them.
Items rank by priority, then id, with the same tie margin.

Each action's reasons: a plain sentence naming the statements that put it there, its own
formula, what it adds in the plan when actions above share its statements, a note when it is
held back or tied, and one line per statement.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..content.questionnaire import (
    DIMENSION_LABELS,
    DIMENSIONS,
    ROLE_LABELS,
    ROLES,
    Item,
    Questionnaire,
)
from .numbers import reported, rounded

if TYPE_CHECKING:  # storage pulls in sqlite-utils; scoring only reads these records' fields
    from ..content.actions import Action
    from ..store.records import Answer, Participant

VISIBILITY_LEVELS = 2.0  # a statement nobody can answer weighs 2 levels; one function, 1 level
DECAY = 0.5  # each further statement of an action counts half as much as the one before
EFFORT_DIVISORS = {"S": 1.0, "M": 1.25, "L": 1.5}  # value needed to rank beside a small action
EFFORT_ORDER = {"S": 0, "M": 1, "L": 2}
EFFORT_WORDS = {"S": "small", "M": "medium", "L": "large"}
SUGGESTED_SIZE = 8  # actions in a suggested plan: enough for a year, few enough to own
SAME_STATEMENT_CAP = 2  # suggested actions that may rest mainly on one statement
KINDS = ("quick win", "big bet", "fill-in", "question mark")


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


@dataclass(frozen=True)
class GroupRoleStats:
    """One role's weighted view of a theme or dimension."""

    n: int
    dont_know: int
    dont_know_share: float | None
    mean_current: float | None
    mean_target: float | None
    ambition_gap: float | None


@dataclass(frozen=True)
class ItemScore:
    item: Item
    roles: Mapping[str, RoleStats]
    perception_gap: float | None
    ambition_gap: float | None
    priority: float | None
    visibility_gap: float | None = None
    rank: int = 0  # 1 = most pressing; set when the workshop is scored
    shared_rank: int = 0  # the rank of the first of its tie group (its own when not tied)
    tied: bool = False  # another item shares its rank


@dataclass(frozen=True)
class GroupScore:
    """A theme (``dimension`` is its dimension) or a dimension (``id == dimension``)."""

    id: str
    title: str
    dimension: str
    item_ids: tuple[str, ...]
    roles: Mapping[str, GroupRoleStats]
    perception_gap: float | None
    ambition_gap: float | None


@dataclass(frozen=True)
class ActionScore:
    action: Action
    item_ids: tuple[str, ...]  # the questionnaire items it answers, most pressing first
    priority: float | None  # what ranks it: plan_value / effort divisor, given the actions above
    reasons: tuple[str, ...]
    value: float | None = None  # its own statements' needs with diminishing returns
    own_priority: float | None = None  # value / effort divisor, alone
    main_item: str | None = None  # the statement with the largest need
    plan_value: float | None = None  # the value it adds at its place, given the actions above
    rank: int = 0
    shared_rank: int = 0  # the rank of the first of its tie group (its own when not tied)
    tied: bool = False  # another action shares its rank
    suggested: bool = False  # among the suggested plan's actions
    held_back: bool = False  # kept out of the suggested places by the same-statement cap
    kind: str = ""  # quick win, big bet, fill-in or question mark


@dataclass(frozen=True)
class Scores:
    items: tuple[ItemScore, ...]  # questionnaire order
    themes: tuple[GroupScore, ...]
    dimensions: tuple[GroupScore, ...]
    actions: tuple[ActionScore, ...]  # ranked
    tie_margin: float = 0.0  # priorities closer than this are a tie

    def item(self, item_id: str) -> ItemScore:
        return next(s for s in self.items if s.item.id == item_id)

    @property
    def ranked_items(self) -> tuple[ItemScore, ...]:
        return tuple(sorted(self.items, key=lambda s: rank_key(s.priority, s.item.id)))

    @property
    def suggested(self) -> tuple[ActionScore, ...]:
        return tuple(a for a in self.actions if a.suggested)


def rank_key(priority: float | None, ident: str) -> tuple[bool, float, str]:
    """Highest priority first, no priority last, then by id: the order of items."""
    return (priority is None, -(priority or 0.0), ident)


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    kept = [(weight, value) for weight, value in pairs if value is not None]
    if not kept:
        return None
    return math.fsum(w * v for w, v in kept) / math.fsum(w for w, _ in kept)


def _percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def role_stats(answers: Sequence[Answer], true_from: int | None = None) -> RoleStats:
    """Statistics of one role's answers to one item (one answer per participant).
    ``true_from``: the benchmark's level, when the item has one."""
    levels = [a.current for a in answers if a.current is not None]
    pairs = [(a.current, a.target) for a in answers
             if a.current is not None and a.target is not None]
    n = len(levels)
    low, high = (min(levels), max(levels)) if levels else (None, None)
    return RoleStats(
        n=n,
        dont_know=len(answers) - n,
        mean_current=_mean(levels),
        mean_target=_mean([target for _, target in pairs]),
        share_at_least_4=_percent(sum(1 for level in levels if level >= 4), n),
        min=low,
        max=high,
        spread=None if high is None or low is None else high - low,
        ambition_gap=_mean([target - current for current, target in pairs]),
        dont_know_share=_percent(len(answers) - n, len(answers)),
        share_statement_true=None if true_from is None else _percent(
            sum(1 for level in levels if level >= true_from), n),
    )


def _perception(roles: Mapping[str, RoleStats | GroupRoleStats]) -> float | None:
    marketing, it = roles["marketing"].mean_current, roles["it"].mean_current
    return None if marketing is None or it is None else marketing - it


def _ambition(roles: Mapping[str, RoleStats | GroupRoleStats]) -> float | None:
    ambitions = [gap for role in ROLES if (gap := roles[role].ambition_gap) is not None]
    return sum(ambitions) / len(ambitions) if ambitions else None


def visibility_term(visibility_gap: float | None) -> float:
    """The visibility gap (percent) in levels, as the priority adds it: 2 x share, rounded."""
    return rounded(VISIBILITY_LEVELS * (visibility_gap or 0.0) / 100)


def item_priority(weight: float, perception_gap: float | None, ambition_gap: float | None,
                  visibility_gap: float | None = None) -> float | None:
    """weight x (ambition gap + |perception gap| + 2 x don't-know share), on the terms as
    reports show them, so the sum in the reasons adds up to the priority they state; None when
    no term exists (nobody answered)."""
    if perception_gap is None and ambition_gap is None and visibility_gap is None:
        return None
    terms = (rounded(ambition_gap or 0.0) + rounded(abs(perception_gap or 0.0))
             + visibility_term(visibility_gap))
    return rounded(weight * terms)


def score_item(item: Item, answers_by_role: Mapping[str, Sequence[Answer]]) -> ItemScore:
    true_from = item.benchmark.true_from if item.benchmark is not None else None
    roles = {role: role_stats(answers_by_role.get(role, ()), true_from) for role in ROLES}
    perception = _perception(roles) if item.compared else None
    ambition = _ambition(roles)
    shares = [share for r in roles.values() if (share := r.dont_know_share) is not None]
    visibility = sum(shares) / len(shares) if shares else None
    return ItemScore(item, roles, perception, ambition,
                     item_priority(item.weight, perception, ambition, visibility), visibility)


def _group_role(items: Sequence[ItemScore], role: str) -> GroupRoleStats:
    stats = [(s.item.weight, s.roles[role]) for s in items]
    n = sum(r.n for _, r in stats)
    dont_know = sum(r.dont_know for _, r in stats)
    return GroupRoleStats(
        n=n,
        dont_know=dont_know,
        dont_know_share=_percent(dont_know, n + dont_know),
        mean_current=_weighted_mean((w, r.mean_current) for w, r in stats),
        mean_target=_weighted_mean((w, r.mean_target) for w, r in stats),
        ambition_gap=_weighted_mean((w, r.ambition_gap) for w, r in stats),
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
                      perception, _ambition(roles))


# -- ties -----------------------------------------------------------------------------------------


def tie_margin(participants: Iterable[Participant], answers: Iterable[Answer],
               item_ids: Iterable[str]) -> float:
    """One level divided by the number of people in the smaller function (counting those who
    answered at least one statement): how far one person moving one level moves that
    function's average. 0 when nobody answered."""
    role_of = {p.id: p.role for p in participants if p.role in ROLES}
    asked = set(item_ids)
    answered = {a.participant_id for a in answers if a.item_id in asked}
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


# -- actions --------------------------------------------------------------------------------------


def action_value(needs: Iterable[float | None]) -> float | None:
    """s1 + s2/2 + s3/4 + ... over the needs highest first (None when no statement has one)."""
    ordered = sorted((s for s in needs if s is not None), reverse=True)
    if not ordered:
        return None
    return rounded(math.fsum(s * DECAY ** k for k, s in enumerate(ordered)))


def action_priority(value: float | None, effort: str) -> float | None:
    return None if value is None else rounded(value / EFFORT_DIVISORS.get(effort, 2.0))


def _answered(action: Action, items: Mapping[str, ItemScore]) -> list[ItemScore]:
    """The questionnaire items the action answers, most pressing first (then by id)."""
    return sorted((items[i] for i in dict.fromkeys(action.items) if i in items),
                  key=lambda s: rank_key(s.priority, s.item.id))


def score_action(action: Action, items: Mapping[str, ItemScore]) -> ActionScore | None:
    """The action's own value, priority and main statement (its place in the plan and its
    reasons come with the ranking); None when it answers no item of this questionnaire."""
    answered = _answered(action, items)
    if not answered:
        return None
    value = action_value(s.priority for s in answered)
    main = answered[0].item.id if answered[0].priority is not None else None
    priority = action_priority(value, action.effort)
    return ActionScore(action=action, item_ids=tuple(s.item.id for s in answered),
                       priority=priority, reasons=(), value=value, own_priority=priority,
                       main_item=main, plan_value=value)


def _in_plan(score: ActionScore, needs: Mapping[str, float | None], used: Counter[str]
             ) -> tuple[float | None, float | None]:
    """(value, priority) the action adds to a plan whose actions already answer each item
    ``used[item]`` times: such an item's need counts DECAY ** used."""
    value = action_value(None if (need := needs[i]) is None else need * DECAY ** used[i]
                         for i in score.item_ids)
    return value, action_priority(value, score.action.effort)


def _key(priority: float | None, value: float | None, score: ActionScore, index: int) -> tuple:
    """Highest priority first (None last), then smaller effort, larger value, title, and the
    order in the library: never the id."""
    return (priority is None, -(priority or 0.0), EFFORT_ORDER.get(score.action.effort, 3),
            -(value or 0.0), score.action.title.casefold(), index)


def rank_actions(scored: Sequence[ActionScore], needs: Mapping[str, float | None],
                 margin: float) -> list[ActionScore]:
    """The plan built one place at a time (module docstring): each place goes to the action
    that adds the most given the actions above it; in the suggested places at most
    ``SAME_STATEMENT_CAP`` may share a main statement. Then ties and kinds."""
    remaining = list(enumerate(scored))
    used: Counter[str] = Counter()
    backing: Counter[str | None] = Counter()
    held: set[int] = set()
    placed: list[ActionScore] = []
    zone = True  # filling the suggested places
    while remaining:
        offers = sorted(((_key(prio, value, s, n), n, s, value, prio)
                         for n, s in remaining
                         for value, prio in [_in_plan(s, needs, used)]),
                        key=lambda offer: offer[0])
        pick = offers[0]
        if zone:
            positive = [o for o in offers if (o[4] or 0) > 0]
            eligible = [o for o in positive if backing[o[2].main_item] < SAME_STATEMENT_CAP]
            # blocked by the cap where it would otherwise have taken this place
            held |= {o[1] for o in positive if not eligible or o[0] < eligible[0][0]}
            if eligible:
                pick = eligible[0]
                backing[pick[2].main_item] += 1
            else:
                zone = False
        _, n, s, value, prio = pick
        placed.append(replace(s, plan_value=value, priority=prio, suggested=zone,
                              held_back=n in held and not zone))
        remaining = [(m, other) for m, other in remaining if m != n]
        used.update(s.item_ids)
        if len(placed) == SUGGESTED_SIZE:
            zone = False
    values = [s.value for s in placed if s.value is not None and (s.own_priority or 0) > 0]
    middle = statistics.median(values) if values else 0.0
    shared = shared_ranks([s.priority for s in placed], margin)
    ranked = []
    for n, s in enumerate(placed):
        big = s.action.effort == "L"
        high = s.value is not None and s.value > 0 and s.value >= middle
        kind = ("big bet" if big else "quick win") if high else (
            "question mark" if big else "fill-in")
        ranked.append(replace(s, rank=n + 1, shared_rank=shared[n][0], tied=shared[n][1],
                              kind=kind))
    return ranked


def _drivers(score: ItemScore) -> str:
    """What makes a statement pressing, largest part first, in words."""
    parts: list[tuple[float, str]] = []
    if score.perception_gap is not None and rounded(abs(score.perception_gap)) > 0:
        higher, lower = ("marketing", "IT") if score.perception_gap > 0 else ("IT", "marketing")
        parts.append((abs(score.perception_gap),
                      f"{higher} rates it {reported(abs(score.perception_gap))} levels higher "
                      f"than {lower}"))
    if score.ambition_gap is not None and rounded(score.ambition_gap) > 0:
        parts.append((score.ambition_gap,
                      f"the room wants to climb {reported(score.ambition_gap)} levels"))
    if visibility_term(score.visibility_gap) > 0:
        shares = {ROLE_LABELS[role]: score.roles[role].dont_know_share or 0.0 for role in ROLES}
        role, share = max(shares.items(), key=lambda pair: pair[1])
        parts.append((visibility_term(score.visibility_gap),
                      f"{share:.0f}% of {role} cannot say"))
    parts.sort(key=lambda p: -p[0])
    if not parts:
        return "which shows no gap"
    return "where " + " and ".join(text for _, text in parts[:2])


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _statement_sentence(score: ActionScore, items: Mapping[str, ItemScore],
                        theme_titles: Mapping[str, str]) -> str:
    pressing = [items[i] for i in score.item_ids if items[i].priority]
    if score.own_priority is None:
        return "No statement it answers has been answered yet, so it has no priority."
    if not pressing:
        return (f"The statements it answers ({_names(score.item_ids)}) show no gap yet, so it "
                "adds nothing to the plan.")
    main = pressing[0]
    where = f"{main.item.id} ({theme_titles.get(main.item.theme, main.item.theme)})"
    others = [s.item.id for s in pressing[1:]]
    if not others:
        return f"Ranked here by one statement, {where}, {_drivers(main)}."
    adds = "adds to it" if len(others) == 1 else "add to it, each less than the one before"
    return f"Ranked here mainly by {where}, {_drivers(main)}; {_names(others)} {adds}."


def _value_sum(needs: Sequence[tuple[float, float]]) -> str:
    """'5.46 + 0.5 × 2.62 + ...' for (need, factor) pairs, highest contribution first."""
    ordered = sorted(needs, key=lambda pair: -(pair[0] * pair[1]))
    parts = []
    for k, (need, factor) in enumerate(ordered):
        weight = DECAY ** k * factor
        parts.append(reported(need) if weight == 1 else f"{weight:g} × {reported(need)}")
    return " + ".join(parts)


def _formula(score: ActionScore, items: Mapping[str, ItemScore]) -> str:
    needs = [(p, 1.0) for i in score.item_ids if (p := items[i].priority) is not None]
    effort = score.action.effort
    return (f"priority {reported(score.own_priority)} = value {reported(score.value)} ÷ "
            f"{EFFORT_DIVISORS.get(effort, 2.0):g} for a {EFFORT_WORDS.get(effort, effort)} "
            f"effort; value = {_value_sum(needs)}")


def _role_phrase(role: str, stats: RoleStats) -> str:
    label = ROLE_LABELS[role]
    unknown = f", {stats.dont_know} don't know" if stats.dont_know else ""
    if stats.mean_current is None:
        return f"{label} gave no level{unknown}"
    if stats.ambition_gap is None:
        return f"{label} at {reported(stats.mean_current)}, no target{unknown}"
    return (f"{label} at {reported(stats.mean_current)} wants "
            f"+{reported(stats.ambition_gap)}{unknown}")


def item_reason(score: ItemScore, theme_title: str) -> str:
    """One line a facilitator can read aloud: the item and the numbers behind its priority."""
    where = f"{score.item.id} ({theme_title})"
    if score.priority is None:
        return f"{where}: no answer yet, so no priority"
    perception = ("no perception gap: each function rates itself" if not score.item.compared
                  else f"perception gap {reported(abs(score.perception_gap or 0.0))}")
    roles = ", ".join(_role_phrase(role, score.roles[role]) for role in ROLES)
    return (f"{where}: priority {reported(score.priority)} = weight {score.item.weight:g} × "
            f"(ambition gap {reported(score.ambition_gap or 0.0)} + {perception} + "
            f"visibility {reported(visibility_term(score.visibility_gap))}); {roles}")


def _in_plan_line(score: ActionScore, ranked: Sequence[ActionScore],
                  items: Mapping[str, ItemScore]) -> str:
    """How the actions above lower what this one adds, as a formula; '' when they do not."""
    above = ranked[:score.rank - 1]
    shared = [(i, [a.action.title for a in above if i in a.item_ids]) for i in score.item_ids]
    shared = [(i, titles) for i, titles in shared if titles and items[i].priority]
    if not shared or score.priority is None or score.plan_value == score.value:
        return ""
    needs = [(p, DECAY ** len(titles)) for i, titles in
             [(i, [a for a in above if i in a.item_ids]) for i in score.item_ids]
             if (p := items[i].priority) is not None]
    why = "; ".join(f"{i} counts {DECAY ** len(titles):g} because "
                    f"{_names([repr(t) for t in titles])} above already "
                    f"{'answers' if len(titles) == 1 else 'answer'} it" for i, titles in shared)
    return (f"In the plan: priority {reported(score.priority)} = value "
            f"{reported(score.plan_value)} ÷ {EFFORT_DIVISORS.get(score.action.effort, 2.0):g}; "
            f"value = {_value_sum(needs)}, as {why}.")


def _standing(score: ActionScore, ranked: Sequence[ActionScore]) -> str:
    """Notes on the action's place (held back, tied), or ''."""
    notes = []
    if score.held_back:
        notes.append(f"Held back from the first {SUGGESTED_SIZE} places: {SAME_STATEMENT_CAP} "
                     f"actions there already rest mainly on {score.main_item}.")
    if score.tied:
        others = [f"'{s.action.title}'" for s in ranked
                  if s.shared_rank == score.shared_rank and s is not score]
        notes.append(f"Tied with {_names(others)}: the priorities differ by less than one "
                     "person moving one level.")
    return " ".join(notes)


def explain(ranked: Sequence[ActionScore], items: Mapping[str, ItemScore],
            theme_titles: Mapping[str, str]) -> list[ActionScore]:
    """Each ranked action with its reasons: the sentence, its own formula, what it adds in the
    plan when actions above answer some of its statements, any note on its place (held back,
    tied), and one line per statement (most pressing first)."""
    explained = []
    for s in ranked:
        reasons = [_statement_sentence(s, items, theme_titles)]
        if s.value is not None:
            reasons.append(_formula(s, items))
        reasons += [line for line in (_in_plan_line(s, ranked, items), _standing(s, ranked))
                    if line]
        reasons += [item_reason(items[i], theme_titles.get(items[i].item.theme, ""))
                    for i in s.item_ids]
        explained.append(replace(s, reasons=tuple(reasons)))
    return explained


def _rank_items(items: Sequence[ItemScore], margin: float) -> tuple[ItemScore, ...]:
    ordered = sorted(items, key=lambda s: rank_key(s.priority, s.item.id))
    shared = shared_ranks([s.priority for s in ordered], margin)
    position = {s.item.id: (n + 1, *shared[n]) for n, s in enumerate(ordered)}
    return tuple(replace(s, rank=position[s.item.id][0], shared_rank=position[s.item.id][1],
                         tied=position[s.item.id][2]) for s in items)


def score_workshop(questionnaire: Questionnaire, participants: Iterable[Participant],
                   answers: Iterable[Answer], actions: Iterable[Action]) -> Scores:
    """Score one workshop. Answers from unknown participants or to items outside the
    questionnaire are ignored; storage guarantees one answer per participant and item."""
    participants = list(participants)
    role_of = {p.id: p.role for p in participants if p.role in ROLES}
    grouped: dict[str, dict[str, list[Answer]]] = {item.id: {} for item in questionnaire.items}
    kept: list[Answer] = []
    for answer in answers:
        role = role_of.get(answer.participant_id)
        if role is not None and answer.item_id in grouped:
            grouped[answer.item_id].setdefault(role, []).append(answer)
            kept.append(answer)
    margin = tie_margin(participants, kept, grouped)
    items = _rank_items([score_item(item, grouped[item.id]) for item in questionnaire.items],
                        margin)
    themes = tuple(score_group(t.id, t.title, t.dimension,
                               [s for s in items if s.item.theme == t.id])
                   for t in questionnaire.themes)
    dimensions = tuple(score_group(d, DIMENSION_LABELS[d], d,
                                   [s for s in items if s.item.dimension == d])
                       for d in DIMENSIONS if any(s.item.dimension == d for s in items))
    by_id = {s.item.id: s for s in items}
    titles = {t.id: t.title for t in questionnaire.themes}
    scored = [s for a in actions if (s := score_action(a, by_id)) is not None]
    needs = {s.item.id: s.priority for s in items}
    ranked = explain(rank_actions(scored, needs, margin), by_id, titles)
    return Scores(items, themes, dimensions, tuple(ranked), margin)
