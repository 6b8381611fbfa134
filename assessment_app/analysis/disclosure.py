"""Which figures may be shown: the privacy threshold (``rules.privacy``) applied once, in the
scoring, so the screen, both PDFs, the workbook and ``tandem results`` never hold a figure that
rests on fewer people than the workshop's threshold, and cannot print one by mistake.

Per statement and function, the figures on levels (means, shares, spreads, the benchmark
share, the ambition gap) rest on the ``n`` people who gave a level; the don't-know count and
share rest on everyone who answered (``n + dont_know``). Each set is withheld, separately,
when it rests on at least one but fewer than ``minimum`` people (``disclose``); the levels also
when none gave one and the few who answered are withheld (a dash would say they all answered
"don't know"). A perception gap needs both functions' levels shown. Theme and dimension figures
are built from the shown statement figures only, so they give nothing withheld away.

The ranking needs every statement's need. Where a function's levels are withheld it uses
everyone's answers together ("all respondents", ``pooled``) when they number at least
``minimum`` and no function's own figure is shown beside them (a pooled figure beside a shown
function's would give the withheld one away by subtraction, ``hidden_by_subtraction``);
otherwise it uses the shown function's figures alone. ``ranking_note`` says so where it
applies.

Which participants' figures a personal handout may print about "the others in my function"
(``others_shown``), whether comments may carry their function (``functions_shown``), and how
many answered in each language (``answered_in``) are decided here too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..i18n import language_name, tr
from ..rules.privacy import hidden_by_subtraction

if TYPE_CHECKING:
    from .item_stats import RoleStats

# The figures on levels, withheld together when fewer than the threshold gave a level.
LEVEL_FIGURES = ("mean_current", "mean_target", "share_at_least_4", "min", "max", "spread",
                 "ambition_gap", "share_statement_true")
COUNT_FIGURES = ("dont_know_share",)  # withheld when fewer than the threshold answered at all


def too_few(count: int, minimum: int) -> bool:
    """A figure resting on ``count`` people is withheld (none at all is simply missing)."""
    return 0 < count < minimum


def disclose(stats: RoleStats, minimum: int) -> RoleStats:
    """``stats`` with what rests on too few people set to None and flagged (``withheld``:
    the figures on levels; ``counts_withheld``: the don't-know count and share too)."""
    counts = too_few(stats.n + stats.dont_know, minimum)
    # no level at all from a few who answered says each of them answered "don't know": a
    # dash there would tell what the withheld count hides, so the levels read withheld too
    levels = too_few(stats.n, minimum) or (stats.n == 0 and counts)
    if not levels and not counts:
        return stats
    hidden: dict[str, Any] = dict.fromkeys((LEVEL_FIGURES if levels else ())
                                           + (COUNT_FIGURES if counts else ()))
    return replace(stats, **hidden, withheld=levels, counts_withheld=counts)


def pooled(raw: Mapping[str, RoleStats], shown: Mapping[str, RoleStats], everyone: RoleStats,
           minimum: int) -> RoleStats | None:
    """All respondents together (``everyone``), for the ranking, where some function's levels
    are withheld: its level figures when they rest on ``minimum`` people or more and no shown
    function's figure lets the withheld one be worked out by subtraction; its don't-know figures
    likewise where a function's are withheld. None when there is nothing it may add."""
    if not any(s.withheld for s in shown.values()):
        return None
    levels_ok = _levels_may_pool(everyone.n, [raw[r].n for r, s in shown.items()
                                              if not s.withheld], minimum)
    answered = everyone.n + everyone.dont_know
    counts_ok = any(s.counts_withheld for s in shown.values()) and answered >= minimum \
        and not hidden_by_subtraction(
        answered, [raw[r].n + raw[r].dont_know for r, s in shown.items()
                   if not s.counts_withheld], minimum)
    if not levels_ok and not counts_ok:
        return None
    hidden: dict[str, Any] = dict.fromkeys((() if levels_ok else LEVEL_FIGURES)
                                           + (() if counts_ok else COUNT_FIGURES))
    return replace(everyone, **hidden, withheld=not levels_ok, counts_withheld=not counts_ok)


def _levels_may_pool(everyone: int, shown: list[int], minimum: int) -> bool:
    """All respondents' levels, ``everyone`` of them beside shown functions of ``shown``, may
    be used: enough of them, no withheld remainder to subtract, and not only the shown
    functions' own (equal to theirs, they would say the withheld gave none)."""
    return everyone >= minimum and everyone > sum(shown) and not hidden_by_subtraction(
        everyone, shown, minimum)


def others_shown(count: int, minimum: int) -> bool:
    """A handout may print the others in the reader's function when ``count`` of them gave a
    level and that is at least the threshold."""
    return count >= minimum


def functions_shown(answering: Iterable[int], minimum: int) -> bool:
    """Comments may carry their function's name: every function that answered has at least
    ``minimum`` people who did (labelling only the larger one would name the others by
    elimination)."""
    return not any(too_few(count, minimum) for count in answering)


def answered_in(languages: Mapping[str, int], minimum: int) -> list[tuple[str, int | None]]:
    """The languages the room answered in (``i18n`` code -> people, ``Store.answer_languages``)
    as (code, people) to print: with their counts when every language has at least ``minimum``
    people, largest first; else every count None, in the order of the languages' names. One
    small count withheld beside the others would still be worked out by subtraction from the
    number of people the report prints, and ordering by size would say which is the small one;
    with one person answering in a language, every comment in it would be theirs. A single
    language is held to the same rule: answers given before Tandem recorded their language are
    not in ``languages``, so its count need not be everyone's."""
    spoken = {code: n for code, n in languages.items() if n > 0}
    if any(too_few(n, minimum) for n in spoken.values()):
        return [(code, None) for code in sorted(spoken, key=language_name)]
    return [(code, spoken[code]) for code in sorted(
        spoken, key=lambda code: (-spoken[code], language_name(code)))]


def ranking_note(minimum: int) -> str:
    """The one sentence the outputs print where a figure is withheld: what the ranking uses."""
    return tr("Where fewer than {n} people in a function gave a level, its figures are "
              "withheld, and the ranking uses everyone's answers together when they are {n} or "
              "more and cannot give the withheld ones away, otherwise the other function's "
              "figures alone.", n=minimum)
