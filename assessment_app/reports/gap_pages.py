"""The workshop PDF's reference tables: the gaps by theme and by statement (coloured as on
screen, with each function's spread drawn beside its statement), and the research benchmarks.

Every printed perception gap is the difference of the two means printed beside it (each mean
rounded once, then subtracted: ``numbers.printed_gap``). Which gap a row shows, and
why a theme holding a statement each function rates about itself shows none (marked †), is
decided once for the screen and the PDF in ``analysis/gap_rows``."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from ..analysis.gap_rows import SELF_MARK, SELF_RATED_NOTE, withheld_sentence
from ..analysis.item_stats import RoleStats
from ..analysis.numbers import percent, reported
from ..analysis.palette import LEGEND, ambition_fill, dont_know_fill, perception_fill
from ..analysis.plan_story import short_statement
from ..analysis.workshop import ScoredWorkshop
from ..content.questionnaire import LEVEL_NAMES, ROLES
from ..i18n import tr, tr_p
from ..rules.privacy import withheld_label
from . import fonts
from .small_charts import spread_plot, spread_scale
from .tables import cell, grid


def _figure(text: str, style):
    """A number as it is, right-aligned; a withheld one's words ('fewer than 3') wrap in its
    narrow column."""
    return text if text[:1].isdigit() or text[:1] in "–-+" else cell(text, style["cell_right"])


def _fills(row: int, perception, ambition, dont_know, first: int) -> list:
    fills = []
    for column, colour in ((first, perception_fill(perception)),
                           (first + 1, ambition_fill(ambition)),
                           (first + 2, dont_know_fill(dont_know))):
        if colour:
            fills.append((column, row, colour))
    return fills


def _theme_table(report: ScoredWorkshop, style, width: float) -> list:
    themes, _ = report.gaps
    head = [tr_p("gap column", "Theme"), tr_p("gap column", "Marketing"),
            tr_p("gap column", "IT"), tr_p("gap column", "Perception gap"),
            tr_p("gap column", "Ambition gap"), tr_p("gap column", "Don't know")]
    rows: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    fills: list = []
    for r in themes:
        # a theme holding self-rated statements shows no gap (``gap_rows``), marked so
        gap = "–" + SELF_MARK if r.self_rated else reported(r.perception_gap, True)
        rows.append([cell(f"{r.theme} ({r.dimension})", style["cell"]),
                     _figure(r.mean("marketing"), style), _figure(r.mean("it"), style),
                     gap, reported(r.ambition_gap, True), _figure(r.unknown(), style)])
        fills += _fills(len(rows) - 1, r.perception_gap, r.ambition_gap, r.dont_know_share, 3)
    mixed = any(r.self_rated for r in themes)
    # the gap columns wide enough for a long word of a header ("Wahrnehmungs-")
    fractions = (0.4, 0.12, 0.08, 0.18, 0.12, 0.1)
    story = [grid(rows, [width * f for f in fractions], fills, numeric_from=1)]
    if mixed:
        story.append(Paragraph(tr(SELF_RATED_NOTE), style["muted"]))
    return story


def gap_tables(report: ScoredWorkshop, style, width: float) -> list:
    story: list = [Paragraph(tr("Gaps by theme"), style["h1"]),
                   Paragraph(tr(LEGEND), style["muted"]), Spacer(1, 2 * mm)]
    story += _theme_table(report, style, width)
    story.append(CondPageBreak(80 * mm))
    story.append(Paragraph(tr("Gaps by statement"), style["h2"]))
    story.append(Paragraph(tr(
        "Spread: each function's answers from the lowest to the highest level given (the line) "
        "and its mean (the dot); marketing above in orange, IT below in blue. A long line means "
        "the function does not agree with itself."), style["muted"]))
    story.append(Spacer(1, 1.5 * mm))
    _, items = report.gaps
    scores = {s.item.id: s for s in report.scores.items}
    # the figures' columns hold "fewer than 3" in German unbroken, and the priority with its rank
    widths = [width * f for f in (0.305, 0.085, 0.085, 0.09, 0.15, 0.08, 0.08, 0.125)]
    head: list = [cell(h, style["cell_bold"]) for h in
            (tr_p("gap column", "Statement"), tr_p("gap column", "Mkt"),
             tr_p("gap column", "IT"), tr_p("gap column", "Perc. gap"),
             tr_p("gap column", "Spread"), tr_p("gap column", "Amb. gap"),
             tr_p("gap column", "Don't know"), tr_p("gap column", "Priority"))]
    head[4] = [cell(tr_p("gap column", "Spread"), style["cell_bold"]),
               spread_scale(widths[4] - 6)]
    rows: list[list] = [head]
    fills: list = []
    for r in items:
        s = scores[r.id]
        gap = r.perception_gap
        priority = "–" if s.priority is None else (
            f"{reported(s.priority)} (#{s.shared_rank}{'=' if s.tied else ''})")
        rows.append([cell(f"{r.id} · {short_statement(s.item, 50)}", style["cell"]),
                     _figure(r.mean("marketing"), style), _figure(r.mean("it"), style),
                     "–" if gap is None else reported(gap, True),
                     spread_plot(s, widths[4] - 6, 16), reported(r.ambition_gap, True),
                     _figure(r.unknown(), style), priority])
        row = len(rows) - 1
        fills += [(c, row, colour) for c, colour in
                  ((3, perception_fill(r.perception_gap)), (5, ambition_fill(r.ambition_gap)),
                   (6, dont_know_fill(r.dont_know_share))) if colour]
    story.append(grid(rows, widths, fills, numeric_from=1))
    story.append(Paragraph(tr(
        "Priority: how pressing the statement is, with its rank (= shares the rank of a near "
        "tie). A dash in the perception gap: a statement each function answers about itself, "
        "or one only one function answered or whose figures are withheld."), style["muted"]))
    story += withheld_notes(report, style)
    return story


def withheld_notes(report: ScoredWorkshop, style) -> list:
    """What 'fewer than 3' means, and what the ranking used instead, where a figure is
    withheld (``disclosure``); nothing otherwise."""
    themes, items = report.gaps
    sentence = withheld_sentence([*themes, *items], report.minimum)
    return [Paragraph(sentence, style["muted"])] if sentence else []


def benchmarks(report: ScoredWorkshop, style, width: float) -> list:
    scored = report.benchmarked()
    if not scored:
        return []
    story: list = [Paragraph(tr("Against the research"), style["h1"]),
                   Paragraph(tr(
        "Published surveys asked marketing and IT leaders whether these statements were true of "
        "their organisation; the research columns give the share who said it was. The columns for "
        "this room give the share of each function at or above the level from which the "
        "statement is true (named under each statement), and how many people that share rests "
        "on."), style["muted"]), Spacer(1, 2 * mm)]
    head = [tr_p("benchmark column", "Statement"), tr_p("benchmark column", "Research: marketing"),
            tr_p("benchmark column", "Research: IT"), tr_p("benchmark column", "Here: marketing"),
            tr_p("benchmark column", "Here: IT")]
    rows: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    for s, b in scored:
        level = b.true_from
        name = LEVEL_NAMES[level - 1] if 1 <= level <= len(LEVEL_NAMES) else ""
        name = tr(name) if name else ""
        here = [_figure(_here(s.roles[r], report.minimum), style) for r in ROLES]
        rows.append([Paragraph(tr(
            "{statement}<br/><font color='#4a5560'>True from level {level} ({name}). Source: "
            "{source}</font>", statement=fonts.markup(b.statement or s.item.text_for('marketing')),
            level=level, name=fonts.markup(name), source=fonts.markup(b.source)), style["cell"]),
            percent(b.marketing), percent(b.it), *here])
    story.append(grid(rows, [width * 0.5, width * 0.12, width * 0.12, width * 0.13,
                             width * 0.13], numeric_from=1))
    if any(s.roles[r].withheld or s.roles[r].counts_withheld for s, _ in scored for r in ROLES):
        label = withheld_label(report.minimum)
        story.append(Paragraph(tr(
            "“{label}”: the share would rest on fewer than {minimum} people, so it is withheld.",
            label=label[:1].upper() + label[1:], minimum=report.minimum), style["muted"]))
    return story


def _here(stats: RoleStats, minimum: int) -> str:
    """'43% of 5', 'no level', or 'fewer than 3' where the share is withheld."""
    if stats.withheld or stats.counts_withheld:
        return withheld_label(minimum)
    if not stats.n:
        return tr("no level")
    return tr("{share} of {count}", share=percent(stats.share_statement_true), count=stats.n)
