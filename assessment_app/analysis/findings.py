"""The executive summary's findings: what the answers say dimension by dimension, in sentences a
CEO reads in a minute, before the three statements that stand out (``summary.headlines``).

- ``situation``: said first when the workshop is not two functions that gave levels: nobody has
  answered, every answer was "don't know", or one function did not take part (the report then
  gives the other's view alone and names no disagreement).
- Per function, a blind spot: on most of a dimension's statements most of the function said
  "don't know" ("Marketing cannot rate technology").
- Per dimension, a disagreement: one function rates most of the statements both rate alike
  higher than the other, each by at least the tie margin.
- The agreed weakness: the dimension both functions rate lowest (or, when their lowest differ,
  one both put below ``GOOD_LEVEL``); another within the tie margin of a lowest is named.
- Where they agree: the statements both rate alike whose means are within the tie margin, and
  whether that agreement is on a weakness or a strength.

Findings count statements; the only figures they print are a dimension's means, as the
summary's chart prints them (``numbers.reported``), and only where some statement of it has
levels from as many people of that function as the workshop's privacy threshold. A
disagreement or an agreement counts a statement only where both functions gave enough levels
(``summary.enough``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES, dimension_in_sentence, role_label
from ..i18n import tr, tr_n
from .item_stats import GOOD_LEVEL
from .numbers import in_words, printed_gap, reported, rounded
from .plan_story import in_sentence, listed, listed_or
from .summary import absent_roles, answering, enough
from .ties import within_margin

if TYPE_CHECKING:
    from .item_stats import ItemScore
    from .workshop import ScoredWorkshop


def has_levels(scored: ScoredWorkshop) -> bool:
    """Someone gave a level somewhere (a don't-know is no level)."""
    return any(s.roles[r].n for s in scored.scores.items for r in ROLES)


def situation(scored: ScoredWorkshop) -> str:
    """The one sentence that tells an unusual workshop as it is, or '' for the usual one."""
    if not any(answering(scored, role) for role in ROLES):
        return tr("Nobody has given a level yet: nobody has answered, so there are no results "
                  "and no action is in the plan yet. Export this report again once the "
                  "participants have answered.")
    total = len(scored.questionnaire.items)
    if not has_levels(scored):
        if all(scored.progress.of(p.id).done for p in scored.participants):
            return tr("Everyone answered, but no statement has a level: every answer was “don't "
                      "know”, so the room could not rate any of the {total} statements. Neither "
                      "function can yet see how the two work together; the suggested plan starts "
                      "with the actions that find the facts and make them visible.", total=total)
        return tr_n("{n} of {invited} participants answered, but no statement has a level: "
                    "every answer was “don't know”, so the room could not rate any of the "
                    "{total} statements. Neither function can yet see how the two work together; "
                    "the suggested plan starts with the actions that find the facts and make "
                    "them visible.",
                    "{n} of {invited} participants answered, but no statement has a level: "
                    "every answer was “don't know”, so the room could not rate any of the "
                    "{total} statements. Neither function can yet see how the two work together; "
                    "the suggested plan starts with the actions that find the facts and make "
                    "them visible.", sum(answering(scored, r) for r in ROLES),
                    invited=len(scored.participants), total=total)
    absent = absent_roles(scored)
    if len(absent) == 1:
        (gone,), present = absent, next(r for r in ROLES if r not in absent)
        values = {"absent": role_label(gone), "present": in_sentence(present)}
        if not scored.people(gone):
            return tr("{absent} did not take part: this report gives {present}'s view alone and "
                      "names no disagreement between the functions. The suggested plan holds "
                      "only actions {present} can lead or share; those {absent} would lead wait "
                      "until {absent} has answered.", **values)
        return tr("{absent} has not answered yet: this report gives {present}'s view alone and "
                  "names no disagreement between the functions. The suggested plan holds only "
                  "actions {present} can lead or share; those {absent} would lead wait until "
                  "{absent} has answered.", **values)
    return ""


def _dimension_items(scored: ScoredWorkshop, dimension: str) -> list[ItemScore]:
    return [s for s in scored.scores.items if s.item.dimension == dimension]


def _words(dimensions: Sequence[str]) -> str:
    return listed_or([dimension_in_sentence(d) for d in dimensions])


def blind_spots(scored: ScoredWorkshop) -> list[str]:
    """Per function, the dimensions it cannot rate: on most of a dimension's statements most
    of those who answered said "don't know"."""
    lines = []
    for role in ROLES:
        blind: list[ItemScore] = []
        dimensions = []
        asked = 0
        for d in dict.fromkeys(s.item.dimension for s in scored.scores.items):
            items = _dimension_items(scored, d)
            unseen = [s for s in items if not s.roles[role].counts_withheld  # ``disclosure``
                      and s.roles[role].dont_know > s.roles[role].n]
            if len(unseen) * 2 > len(items):
                dimensions.append(d)
                blind += unseen
                asked += len(items)
        if blind:
            lines.append(_blind_line(role, dimensions, blind, asked, scored.minimum))
    return lines


def _blind_line(role: str, dimensions: list[str], blind: list[ItemScore], asked: int,
                minimum: int) -> str:
    (unknown, of), count = Counter(
        (s.roles[role].dont_know, s.roles[role].dont_know + s.roles[role].n)
        for s in blind).most_common(1)[0]
    values = {"function": role_label(role), "dimensions": _words(dimensions),
              "in_function": in_sentence(role), "unknown": unknown, "of": of, "asked": asked,
              "blind": len(blind)}
    counted = count == len(blind) and of >= minimum
    if counted and len(blind) == asked:
        return tr("{function} cannot rate {dimensions}: {unknown} of the {of} in {in_function} "
                  "answered “don't know” on all {asked} {dimensions} statements.", **values)
    if counted:
        return tr("{function} cannot rate {dimensions}: {unknown} of the {of} in {in_function} "
                  "answered “don't know” on {blind} of the {asked} {dimensions} statements.",
                  **values)
    if len(blind) == asked:
        return tr("{function} cannot rate {dimensions}: most of {in_function} answered “don't "
                  "know” on all {asked} {dimensions} statements.", **values)
    return tr("{function} cannot rate {dimensions}: most of {in_function} answered “don't know” "
              "on {blind} of the {asked} {dimensions} statements.", **values)


def _compared(scored: ScoredWorkshop, dimension: str | None = None) -> list[ItemScore]:
    """The statements both functions rate alike and both gave enough levels for, with both
    means shown: a withheld mean is no evidence that the functions agree (or differ)."""
    return [s for s in scored.scores.items if s.item.compared and enough(scored, s)
            and not any(s.roles[r].withheld for r in ROLES)
            and (dimension is None or s.item.dimension == dimension)]


def _gap(score: ItemScore) -> float:
    return printed_gap(score.roles["marketing"].mean_current,
                       score.roles["it"].mean_current) or 0.0


def _higher(scored: ScoredWorkshop, dimension: str) -> list[tuple[str, int, int]]:
    """(function, statements it rates higher by at least the tie margin, statements both rate
    alike) where that function is higher on most of the dimension's statements."""
    margin = scored.scores.tie_margin
    items = _compared(scored, dimension)
    higher = Counter("marketing" if _gap(s) > 0 else "it" for s in items
                     if not within_margin(_gap(s), 0.0, margin))
    return [(role, count, len(items)) for role, count in higher.items()
            if len(items) >= 2 and count * 2 > len(items)]


def disagreements(scored: ScoredWorkshop) -> list[str]:
    """Per function, the dimensions it sees as more mature than the other does: higher on
    most of the statements both rate alike, each by at least the tie margin (one sentence per
    function, every such dimension in it)."""
    found: dict[str, list[tuple[str, int, int]]] = {role: [] for role in ROLES}
    for d in (g.id for g in scored.scores.dimensions):
        for role, count, of in _higher(scored, d):
            found[role].append((d, count, of))
    lines = []
    for role, dims in found.items():
        if not dims:
            continue
        other = next(r for r in ROLES if r != role)
        # Translators: the items of "higher on all 3 people and 2 of the 4 process statements"
        counts = listed([tr("all {total} {dimension}", total=of,
                            dimension=dimension_in_sentence(d)) if count == of
                         else tr("{count} of the {total} {dimension}", count=count, total=of,
                                 dimension=dimension_in_sentence(d))
                         for d, count, of in dims])
        values = {"function": role_label(role), "other": in_sentence(other), "counts": counts,
                  "dimensions": listed([dimension_in_sentence(d) for d, _, _ in dims]),
                  "margin": reported(scored.scores.tie_margin)}  # so the counts can be checked
        if len(dims) == len(scored.scores.dimensions) > 1:
            lines.append(tr("{function} sees every dimension as more mature than {other} does: "
                            "higher by {margin} or more on {counts} statements both rate "
                            "alike.", **values))
        else:
            lines.append(tr("{function} sees {dimensions} as more mature than {other} does: "
                            "higher by {margin} or more on {counts} statements both rate "
                            "alike.", **values))
    return lines


def _means(scored: ScoredWorkshop, role: str) -> dict[str, float]:
    """Each dimension's mean for ``role`` as the summary's chart prints it (rounded once),
    left out where no statement of it has levels from the threshold's number of people of
    the function: a finding never rests on one or two people's answers."""
    return {d.id: rounded(m) for d in scored.scores.dimensions
            if (m := d.roles[role].mean_current) is not None
            and max(scored.scores.item(i).roles[role].n for i in d.item_ids)
            >= scored.minimum}


def _lowest(means: dict[str, float], margin: float) -> list[str]:
    """The lowest dimension and those within the tie margin of it, lowest first."""
    if not means:
        return []
    low = min(means.values())
    return sorted((d for d, m in means.items() if within_margin(m, low, margin)),
                  key=lambda d: (means[d], d))


def _near(role: str, lowest: list[str], chosen: str, means: dict[str, float],
          margin: float) -> str:
    """' (marketing rates process as low, 1.50)' for the near-ties of a lowest, so a tie is
    never silently broken."""
    others = [d for d in lowest if d != chosen]
    if not others:
        return ""
    # Translators: the items of "(marketing rates process as low, 1.50 and people within 0.20
    # of it, 1.60)", a remark after a finding's figures
    named = [tr("{dimension} as low, {mean}", dimension=dimension_in_sentence(d),
                mean=reported(means[d])) if means[d] == means[chosen]
             else tr("{dimension} within {margin} of it, {mean}",
                     dimension=dimension_in_sentence(d), margin=reported(margin),
                     mean=reported(means[d])) for d in others]
    # Translators: a remark in brackets after a finding's figures
    return " " + tr("({function} rates {dimensions})", function=in_sentence(role),
                    dimensions=_both(named))


def _both(words: list[str]) -> str:
    """Two or more items joined by 'and' alone (their items hold commas of their own)."""
    if len(words) == 1:
        return words[0]
    # Translators: two items of a list whose items hold commas: "a, 1.50 and b, 1.60"
    return tr("{first} and {second}", first=_both(words[:-1]), second=words[-1])


def _alone(role: str, means: dict[str, float], margin: float) -> str:
    """One function's lowest dimension, or that it rates every dimension alike."""
    lowest = _lowest(means, margin)
    label = role_label(role)
    if len(lowest) == len(means) > 1:
        # Translators: a dimension and its mean in a list: "people 2.00, process 2.10"
        each = ", ".join(tr("{dimension} {mean}", dimension=dimension_in_sentence(d),
                            mean=reported(means[d])) for d in lowest)
        return tr("{function} rates every dimension alike: {means}, within {margin} of each "
                  "other, so no dimension stands out as its weakest.", function=label,
                  means=each, margin=reported(margin))
    d = lowest[0]
    return tr("{function} rates {dimension} lowest: {mean}{near}.", function=label,
              dimension=dimension_in_sentence(d), mean=reported(means[d]),
              near=_near(role, lowest, d, means, margin))


def weakness(scored: ScoredWorkshop) -> str:
    """The dimension both functions rate lowest; or one both rate below a good level; with
    a lowest's near-ties named. One function alone: its lowest."""
    margin = scored.scores.tie_margin
    means = {role: _means(scored, role) for role in ROLES}
    present = [r for r in ROLES if means[r]]
    if len(present) == 1:
        return _alone(present[0], means[present[0]], margin)
    if not present:
        return ""
    lowest = {role: _lowest(means[role], margin) for role in ROLES}
    both = [d for d in lowest["marketing"] if d in lowest["it"]]
    if both:
        return _both_lowest(both, lowest, means, margin)
    return _both_below(lowest, means)


def _pair(d: str, means: dict[str, dict[str, float]]) -> str:
    return tr("marketing {marketing}, IT {it}", marketing=reported(means["marketing"][d]),
              it=reported(means["it"][d]))


def _both_lowest(both: list[str], lowest: dict[str, list[str]],
                 means: dict[str, dict[str, float]], margin: float) -> str:
    d = min(both, key=lambda x: (means["marketing"][x] + means["it"][x], x))
    near = "".join(_near(r, lowest[r], d, means[r], margin) for r in ROLES)
    values = {"dimension": dimension_in_sentence(d), "means": _pair(d, means), "near": near,
              "good": reported(GOOD_LEVEL)}
    if max(means[r][d] for r in ROLES) < GOOD_LEVEL:
        return tr("Both functions rate {dimension} lowest: {means}{near}.", **values)
    return tr("Both functions rate {dimension} lowest: {means}{near}, though both put it at a "
              "good level ({good}) or above.", **values)


def _both_below(lowest: dict[str, list[str]], means: dict[str, dict[str, float]]) -> str:
    below = [d for d in means["marketing"] if d in means["it"]
             and max(means[r][d] for r in ROLES) < GOOD_LEVEL]
    if not below:
        return tr("No weakness both functions share: they rate no dimension below a good level "
                  "({good}) together.", good=reported(GOOD_LEVEL))
    d = min(below, key=lambda x: (means["marketing"][x] + means["it"][x], x))
    return tr("Both functions rate {dimension} below a good level ({good}): {means}; their "
              "lowest differ (marketing {marketing}, IT {it}).",
              dimension=dimension_in_sentence(d), good=reported(GOOD_LEVEL),
              means=_pair(d, means), marketing=dimension_in_sentence(lowest["marketing"][0]),
              it=dimension_in_sentence(lowest["it"][0]))


def agreement(scored: ScoredWorkshop) -> str:
    """Where the functions agree: statements both rate alike whose means are within the tie
    margin, the dimension most of them belong to, and whether it is a weakness or a strength."""
    margin = scored.scores.tie_margin
    items = _compared(scored)
    if not items:
        return ""
    agreed = [s for s in items if within_margin(_gap(s), 0.0, margin)]
    if not agreed:
        return tr("Where you agree: on none of the {total} statements both rate alike are the "
                  "two functions within {margin} of each other.", total=len(items),
                  margin=reported(margin))
    (d, count), = Counter(s.item.dimension for s in agreed).most_common(1)
    # Translators: how many of the agreed statements are about one dimension: "all", "most
    # (three)", "three" ("…, most (three) of them about process; …")
    mostly = (tr("all") if count == len(agreed) else
              tr("most ({count})", count=in_words(count)) if count * 2 > len(agreed)
              else in_words(count))
    low = sum(1 for s in agreed if s.shortfall)
    good = reported(GOOD_LEVEL)
    # Translators: the last clause of "Where you agree: …; all below a good level (3.50): you
    # agree on a weakness, not a strength."
    if low == len(agreed) and low > 1:
        kind = tr("all below a good level ({good}): you agree on a weakness, not a strength",
                  good=good)
    elif low == len(agreed):
        kind = tr("it is below a good level ({good}): you agree on a weakness, not a strength",
                  good=good)
    elif not low:
        kind = tr("all at a good level ({good}) or above: strengths to keep", good=good)
    else:
        kind = tr("{high} at a good level ({good}) or above, strengths to keep, and {low} below "
                  "it", high=len(agreed) - low, good=good, low=low)
    return tr("Where you agree: on {agreed} of the {total} statements both rate alike the two "
              "functions are within {margin} of each other, {mostly} of them about "
              "{dimension}; {kind}.", agreed=len(agreed), total=len(items),
              margin=reported(margin), mostly=mostly, dimension=dimension_in_sentence(d),
              kind=kind)


def findings(scored: ScoredWorkshop) -> list[str]:
    """The summary's findings, most telling first (module docstring); [] without levels (the
    ``situation`` then says why)."""
    if not has_levels(scored):
        return []
    lines = blind_spots(scored) + disagreements(scored)
    lines += [line for line in (weakness(scored), agreement(scored)) if line]
    return lines
