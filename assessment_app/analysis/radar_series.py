"""What a radar chart draws, for the screen and the PDF alike: its axes (``radar_axes``: the
themes, each dimension's together, People, Process, Technology) and the series of each chart
mode, one value per axis (None where nobody in that function gave a level).

Marketing is vermillion with dots, IT blue with squares. Comparing the two functions today, IT's
line is dashed too (a second cue besides colour); on a today-and-target chart every "today" line
is solid and every target a dashed, unfilled polygon with hollow triangles, so one function's
today and target never look alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content.questionnaire import (
    DIMENSIONS,
    ROLES,
    dimension_label,
    role_label,
)
from ..i18n import N_, tr
from .gap_rows import SELF_MARK
from .item_stats import GroupScore
from .palette import IT, MARKETING
from .radar_geometry import Axis, Series
from .scoring import Scores

# the charts the results screen offers: both functions today, one function's today and
# target, both functions' today and target
MODES = ("compare", "marketing", "it", "both")
COLOURS = {"marketing": MARKETING, "it": IT}
SYMBOLS = {"marketing": "o", "it": "s"}
TARGET = N_("target (12–18 months)")  # a legend's words: tr(TARGET) where shown


def themes_in_order(scores: Scores) -> list[GroupScore]:
    """The themes in the radar's order: by dimension, then as the questionnaire lists them."""
    def key(theme: GroupScore) -> int:
        return DIMENSIONS.index(theme.dimension) if theme.dimension in DIMENSIONS else 99
    return sorted(scores.themes, key=key)


def radar_axes(scores: Scores, marked: bool = False) -> list[Axis]:
    """One axis per theme, titled, in the radar's order, each labelled with its dimension.
    ``marked`` (the chart comparing the functions): a theme that shows no perception gap
    (``GroupScore.shown_gap``, a theme holding a self-rated statement) is marked † as in the
    gap tables, and ``RADAR_NOTE`` explains it under the chart."""
    return [Axis(f"{t.title} {SELF_MARK}" if marked and t.self_rated else t.title,
                 dimension_label(t.dimension))
            for t in themes_in_order(scores)]


# Shown under the chart as tr(RADAR_NOTE); it begins with ``SELF_MARK``.
RADAR_NOTE = N_("† The theme holds a statement each function answers about itself: the distance "
                "between the two lines there is not a perception gap, and the gap tables give "
                "none.")


def radar_note(scores: Scores) -> str:
    """``RADAR_NOTE`` when the chart comparing the functions marks a theme, else ''."""
    return tr(RADAR_NOTE) if any(t.self_rated for t in scores.themes) else ""


def theme_values(scores: Scores, role: str, field: str) -> list[float | None]:
    """One role's ``field`` (``mean_current``, ``mean_target``) per theme, in the radar's
    order (``radar_axes``)."""
    return [getattr(t.roles[role], field) for t in themes_in_order(scores)]


def chart_series(scores: Scores, mode: str, titled: bool = False) -> list[Series]:
    """The series of chart ``mode`` (one of ``MODES``).

    ``titled``: the chart's own title names the function ("Marketing: today and target", as
    in the PDF), so a one-function chart's legend says just "Today" and "Target (12–18
    months)"."""
    if mode not in MODES:
        raise ValueError(f"unknown radar chart {mode!r}: one of {', '.join(MODES)}")
    if mode == "compare":
        # Translators: a chart legend's entries: "Marketing, today"
        return [Series(tr("{function}, today", function=role_label(role)),
                       theme_values(scores, role, "mean_current"),
                       COLOURS[role], dashed=role == "it", symbol=SYMBOLS[role])
                for role in ROLES]
    roles = ROLES if mode == "both" else (mode,)
    series = []
    for role in roles:
        alone = titled and len(roles) == 1
        label = role_label(role)
        series.append(Series(tr("Today") if alone else tr("{function}, today", function=label),
                             theme_values(scores, role, "mean_current"), COLOURS[role],
                             dashed=False, symbol=SYMBOLS[role]))
        series.append(Series(tr("Target (12–18 months)") if alone
                             else tr("{function}, target (12–18 months)", function=label),
                             theme_values(scores, role, "mean_target"), COLOURS[role],
                             dashed=True, symbol="t", fill=False))
    return series


@dataclass(frozen=True)
class PrintedRadars:
    """The workshop PDF's radar charts: both functions today, then each function's today and
    target under a title naming it."""

    axes: tuple[Axis, ...]
    compare: tuple[Series, ...]
    by_role: Mapping[str, tuple[Series, ...]]
    compare_axes: tuple[Axis, ...] = ()  # the axes, self-rated themes marked (``radar_axes``)
    note: str = ""  # ``radar_note``: what the mark means, under the chart comparing functions


def printed_radars(scores: Scores) -> PrintedRadars:
    return PrintedRadars(tuple(radar_axes(scores)), tuple(chart_series(scores, "compare")),
                         {role: tuple(chart_series(scores, role, titled=True))
                          for role in ROLES},
                         tuple(radar_axes(scores, marked=True)), radar_note(scores))
