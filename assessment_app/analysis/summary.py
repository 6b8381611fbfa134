"""What a CEO reads in a minute, decided from the data: three headline sentences (the widest real
disagreement, the biggest ambition, the largest blind spot) and who answered how much, per
function. The PDF's executive summary and the results screen print the same sentences.

A disagreement counts only where both functions rate the same fact (not a self-rated
statement) and enough people in each gave a level (the workshop's privacy threshold, or the
whole function when it is smaller): two people's answers are not the room's view. The gap a
headline states is the difference of the two means as printed, so a reader who subtracts gets
the same number."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES, role_label
from ..i18n import tr, tr_n
from ..rules.progress import PersonProgress
from .numbers import printed_gap, reported, rounded, whole_percent
from .plan_story import in_sentence, people, quoted, unknown_phrase

if TYPE_CHECKING:
    from .item_stats import ItemScore
    from .workshop import ScoredWorkshop

def answering(scored: ScoredWorkshop, role: str) -> int:
    """People of ``role`` who answered at least one statement."""
    return sum(1 for p in scored.participants
               if p.role == role and scored.progress.of(p.id).done > 0)


def absent_roles(scored: ScoredWorkshop) -> tuple[str, ...]:
    """The functions nobody answered for, when the other did: () when both answered, or none
    did."""
    missing = tuple(role for role in ROLES if not answering(scored, role))
    return missing if len(missing) < len(ROLES) else ()


def enough(scored: ScoredWorkshop, score: ItemScore, minimum: int | None = None) -> bool:
    """Both functions gave enough levels for their means to speak for the function: the
    workshop's privacy threshold (``minimum``, if given, instead)."""
    least = scored.minimum if minimum is None else minimum
    return all(score.roles[role].n >= max(1, min(least, answering(scored, role)))
               for role in ROLES)


def _widest(scores: list[ItemScore], size: Callable[[ItemScore], float | None]
            ) -> ItemScore | None:
    sized = [(value, n, s) for n, s in enumerate(scores) if (value := size(s)) is not None
             and value > 0]
    return min(sized, key=lambda t: (-t[0], t[1]))[2] if sized else None


def _others(scores: list[ItemScore], size: Callable[[ItemScore], float | None],
            best: ItemScore, margin: float) -> int:
    """How many other statements come within ``margin`` of the headline's (in hundredths, as
    printed): the headline names one, and says how many it could as well have named."""
    top = size(best) or 0.0
    return sum(1 for s in scores if s is not best and (value := size(s)) is not None
               and value > 0 and round((top - value) * 100) < margin * 100 - 1e-9)


def _and_others(count: int, margin: float) -> str:
    """' (and 2 others within 0.20)', or ''."""
    if not count:
        return ""
    # Translators: a remark in brackets at the end of a headline, before its full stop
    return " " + tr_n("(and {n} other within {margin}, one person moving one level)",
                      "(and {n} others within {margin}, one person moving one level)", count,
                      margin=reported(margin))


def _no_disagreement(scored: ScoredWorkshop, items: list[ItemScore]) -> str:
    """Why no disagreement is named: a function's levels withheld (the privacy threshold), or
    none that differ."""
    withheld = [r for r in ROLES if any(s.roles[r].withheld for s in items)]
    if len(withheld) == 1:
        return tr("No disagreement can be shown: fewer than {n} people in {function} gave a "
                  "level, so its levels are withheld to protect privacy.", n=scored.minimum,
                  function=in_sentence(withheld[0]))
    if withheld:
        return tr("No disagreement can be shown: fewer than {n} people in each function gave a "
                  "level, so their levels are withheld to protect privacy.", n=scored.minimum)
    return tr("No real disagreement yet: on no statement did both functions give enough "
              "levels that differ.")


def disagreement(scored: ScoredWorkshop, minimum: int | None = None) -> str:
    absent = absent_roles(scored)
    if absent and not scored.people(absent[0]):
        return tr("No disagreement can be shown: {function} did not take part, so there is no "
                  "second view to compare with.", function=role_label(absent[0]))
    if absent:
        return tr("No disagreement can be shown: {function} has not answered yet, so there is "
                  "no second view to compare with.", function=role_label(absent[0]))
    items = [s for s in scored.scores.items if s.item.compared and enough(scored, s, minimum)]

    def gap(s: ItemScore) -> float | None:
        value = printed_gap(s.roles["marketing"].mean_current, s.roles["it"].mean_current)
        return None if value is None else abs(value)

    widest = _widest(items, gap)
    if widest is None:
        return _no_disagreement(scored, items)
    m, i = widest.roles["marketing"].mean_current, widest.roles["it"].mean_current
    difference = printed_gap(m, i) or 0.0
    others = _and_others(_others(items, gap, widest, scored.scores.tie_margin),
                         scored.scores.tie_margin)
    values = {"statement": quoted(widest.item), "marketing": reported(m), "it": reported(i),
              "gap": reported(abs(difference)), "others": others}
    if difference > 0:
        return tr("The widest disagreement is on {statement}: marketing puts it at {marketing} "
                  "today, IT at {it}. Marketing sees it {gap} levels higher than IT "
                  "does{others}.", **values)
    return tr("The widest disagreement is on {statement}: marketing puts it at {marketing} "
              "today, IT at {it}. IT sees it {gap} levels higher than marketing does{others}.",
              **values)


def _climb(score: ItemScore) -> float | None:
    return None if score.ambition_gap is None else rounded(score.ambition_gap)


def ambition(scored: ScoredWorkshop) -> str:
    biggest = _widest(list(scored.scores.items), _climb)
    if biggest is None:
        return tr("No ambition yet: nobody wants any statement higher than it is today.")
    moving = [role for role in ROLES if biggest.roles[role].mean_current is not None
              and biggest.roles[role].mean_target is not None]
    margin = scored.scores.tie_margin
    others = _and_others(_others(list(scored.scores.items), _climb, biggest, margin), margin)
    if not moving:
        return _pooled_ambition(biggest, others)
    first = biggest.roles[moving[0]]
    values = {"statement": quoted(biggest.item), "function": in_sentence(moving[0]),
              "today": reported(first.mean_current), "target": reported(first.mean_target),
              "others": others}
    if len(moving) == 1:
        return tr("The biggest ambition is {statement}: {function} from {today} today to "
                  "{target}, in 12 to 18 months{others}.", **values)
    second = biggest.roles[moving[1]]
    return tr("The biggest ambition is {statement}: {function} from {today} today to {target}, "
              "{function2} from {today2} to {target2}, in 12 to 18 months{others}.",
              function2=in_sentence(moving[1]), today2=reported(second.mean_current),
              target2=reported(second.mean_target), **values)


def _pooled_ambition(biggest: ItemScore, others: str) -> str:
    """The biggest ambition where each function's levels are withheld (``disclosure``): all
    respondents together, where they may be shown."""
    pooled = biggest.pooled
    if pooled is None or pooled.mean_current is None or pooled.mean_target is None:
        return tr("The biggest ambition is {statement}, in 12 to 18 months{others}.",
                  statement=quoted(biggest.item), others=others)
    return tr("The biggest ambition is {statement}: all respondents together from {today} today "
              "to {target}, in 12 to 18 months{others}.", statement=quoted(biggest.item),
              today=reported(pooled.mean_current), target=reported(pooled.mean_target),
              others=others)


def _unseen(score: ItemScore) -> float | None:
    """The room's don't-know share as printed (whole percent)."""
    return None if score.visibility_gap is None else whole_percent(score.visibility_gap)


def blind_spots(scored: ScoredWorkshop) -> list[ItemScore]:
    """The statements the blind-spot headline stands for: the largest printed don't-know share
    and every statement with the same share (the headline names the first)."""
    items = list(scored.scores.items)
    largest = _widest(items, _unseen)
    if largest is None:
        return []
    top = _unseen(largest)
    return [largest] + [s for s in items if s is not largest and _unseen(s) == top]


def blind_spot(scored: ScoredWorkshop) -> str:
    items = list(scored.scores.items)
    largest = _widest(items, _unseen)
    if largest is None:
        return tr("No blind spot: everyone could give a level for every statement they "
                  "answered.")
    tied = _others(items, _unseen, largest, 0.01)  # the same printed share
    if not unknown_phrase(largest):  # each function's don't-know count is withheld
        if tied:
            return tr("The largest blind spot is {statement}, one of {count} statements where "
                      "as many could not say.", statement=quoted(largest.item), count=tied + 1)
        return tr("The largest blind spot is {statement}.", statement=quoted(largest.item))
    if tied:
        return tr("The largest blind spot is {statement}, one of {count} statements where as "
                  "many could not say: {who}.", statement=quoted(largest.item), count=tied + 1,
                  who=unknown_phrase(largest))
    return tr("The largest blind spot is {statement}: {who}.", statement=quoted(largest.item),
              who=unknown_phrase(largest))


def headlines(scored: ScoredWorkshop, minimum: int | None = None) -> list[str]:
    """Three sentences from the data: the widest real disagreement, the biggest ambition and
    the largest blind spot, each with its numbers; [] before anyone gave a level."""
    if not any(s.roles[r].n for s in scored.scores.items for r in ROLES):
        return []
    return [disagreement(scored, minimum), ambition(scored), blind_spot(scored)]


def completion_lines(scored: ScoredWorkshop) -> list[str]:
    """Per function, who answered how much: 'Marketing: 5 people, 4 answered every statement,
    1 answered 20 of 45.' Partial answers are always disclosed with their count, and a function
    that answered only "don't know" says so (the cover must not read as a full set of levels)."""
    total = scored.progress.total
    lines = []
    for role in ROLES:
        members = [p for p in scored.participants if p.role == role]
        if not members:
            lines.append(tr("{function}: nobody took part.", function=role_label(role)))
            continue
        progress = sorted((scored.progress.of(p.id) for p in members),
                          key=lambda p: p.done, reverse=True)
        parts = _answered_parts(progress, total)
        if answering(scored, role) and not any(s.roles[role].n for s in scored.scores.items):
            # Translators: one part of the list "Marketing: 5 people, …, every answer …"
            parts.append(tr("every answer “don't know”"))
        # Translators: "Marketing: 5 people, 4 answered every statement, 1 answered 20 of 45."
        lines.append(tr("{function}: {people}, {parts}.", function=role_label(role),
                        people=people(len(members)), parts=", ".join(parts)))
    return lines


def _answered_parts(progress: list[PersonProgress], total: int) -> list[str]:
    """'4 answered every statement', '1 answered 20 of 45', '1 has not answered yet' for one
    function's people (most answers first)."""
    counts = [p.done for p in progress]
    done = sum(1 for p in progress if p.finished)
    waiting = sum(1 for c in counts if c == 0)
    # Translators: the parts of the list "Marketing: 5 people, 4 answered every statement, …"
    parts = []
    if done == len(counts):
        parts.append(tr("all answered every statement") if done > 1
                     else tr("answered every statement"))
    elif done:
        parts.append(tr_n("{n} answered every statement", "{n} answered every statement", done))
    parts += [tr("1 answered {count} of {total}", count=count, total=total)
              for count in counts if 0 < count < total]
    if waiting:
        parts.append(tr_n("{n} has not answered yet", "{n} have not answered yet", waiting))
    return parts
