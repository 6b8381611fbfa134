"""The follow-up's "Progress since <date>" page in the workshop PDF: what is comparable with the
baseline, one chart (each function's level per dimension then and now, and the baseline's
target), the figures behind it, and the baseline plan's scorecard (each action's test judged
against these answers). Laid out from ``analysis.compare``; it decides nothing itself."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from ..analysis.compare import Comparison, Progress
from ..analysis.numbers import fmt, reported
from ..analysis.palette import INK, MUTED
from ..analysis.plan_check import MET, NOT_MEASURABLE, NOT_MET
from ..analysis.plan_story import quoted
from ..analysis.workshop import ScoredWorkshop
from ..content.questionnaire import DIMENSIONS, ROLE_LABELS, ROLES, dimension_label
from ..i18n import formats, tr, tr_n, tr_p
from ..rules.dates import day_label
from . import fonts
from .small_charts import ROLE_COLOURS, TEXT, _text, _x, level_grid
from .tables import cell, function_label, grid

VERDICT_FILLS = {MET: "#d8f0dc", NOT_MET: "#f9dcd6"}  # not measurable: no fill


def progress_pages(report: ScoredWorkshop, style, width: float) -> list:
    """The page, or nothing for a workshop that follows none (or whose baseline is not here)."""
    c = report.since
    if c is None:
        return []
    since = day_label(c.baseline.workshop.date)
    story: list = [Paragraph(tr("Progress since {date}", date=since), style["h1"]),
                   Paragraph(fonts.markup(_intro(c)), style["body"]), Spacer(1, 2 * mm)]
    rows = [(role, d) for role in ROLES for d in (*DIMENSIONS, "all")
            if d in c.functions[role]]
    story.append(KeepTogether([
        Paragraph(tr("Level per dimension, then and now"), style["h3"]),
        progress_chart(c, width),
        Paragraph(tr("Progress to target is (now − then) ÷ (target − then), with the targets "
                     "set at the earlier workshop: {full} means the target was reached. Figures "
                     "resting on fewer than {n} people are not shown.",
                     full=formats.percent(100), n=c.minimum), style["muted"])]))
    story.append(Spacer(1, 2 * mm))
    story.append(_figures(c, rows, style, width))
    story += _statements(c, style)
    story += _scorecard(c, style, width)
    story.append(PageBreak())
    return story


def _intro(c: Comparison) -> str:
    base = c.baseline.workshop
    compared = tr("Compared with “{name}” ({date}, questionnaire {questionnaire} v{version}): "
                  "{comparable}, counting only statements asked the same way or reworded "
                  "without changing their levels.", name=base.name, date=day_label(base.date),
                  questionnaire=base.questionnaire_id, version=base.questionnaire_version,
                  comparable=c.comparable_sentence)
    return " ".join((compared, c.people_sentence, c.headline_note)).strip()


def progress_chart(c: Comparison, width: float) -> Drawing:
    """Per dimension and function, an arrow from the level then (hollow) to now (filled) on the
    1-5 scale, and a tick at the baseline's target; the figures at the right."""
    fonts.register()
    groups = [d for d in (*DIMENSIONS, "all") if any(d in c.functions[r] for r in ROLES)]
    left = max(fonts.width(_label(d), TEXT, fonts.BOLD) for d in groups) + 8 if groups else 40
    right = fonts.width(_then_now(2.0, 3.0, 3.5), TEXT) + 10
    span = width - left - right
    line, block, key_h, axis_h = 11.0, 28.0, 16.0, 14.0
    height = key_h + axis_h + block * len(groups)
    d = Drawing(width, height)
    level_grid(d, left, span, key_h + axis_h - 2, height, key_h + 3)
    for n, group in enumerate(groups):
        y0 = height - (n + 1) * block + (block - 2 * line) / 2
        d.add(_text(0, y0 + line - 3, _label(group), bold=True))
        for k, role in enumerate(ROLES):
            _arrow(d, c.functions[role].get(group), role, y0 + (1 - k) * line + 3, left, span,
                   width, c.minimum)
    _key(d)
    return d


def _label(group: str) -> str:
    return tr("All comparable") if group == "all" else dimension_label(group)


def _then_now(then: float, now: float, target: float | None) -> str:
    """The figures beside an arrow: then, now and the target set then."""
    if target is None:
        return f"{reported(then)} → {reported(now)}"
    return tr("{then} → {now} (target {target})", then=reported(then), now=reported(now),
              target=reported(target))


def _arrow(d: Drawing, p: Progress | None, role: str, y: float, left: float, span: float,
           width: float, minimum: int) -> None:
    colour = colors.HexColor(ROLE_COLOURS[role])
    if p is None or p.then is None or p.now is None:
        label = ROLE_LABELS[role]
        d.add(_text(left + 2, y - 3, tr("{function}: fewer than {n} answers or none",
                                        function=tr(label), n=minimum), colour=MUTED))
        return
    x0, x1 = _x(p.then, left, span), _x(p.now, left, span)
    d.add(Line(x0, y, x1, y, strokeColor=colour, strokeWidth=1.4))
    if abs(x1 - x0) > 4:  # the arrow's head, pointing the way the level moved
        s = 1 if x1 > x0 else -1
        d.add(Polygon([x1, y, x1 - s * 4, y + 2.5, x1 - s * 4, y - 2.5], fillColor=colour,
                      strokeColor=None))
    d.add(Circle(x0, y, 2.4, fillColor=colors.white, strokeColor=colour, strokeWidth=1))
    d.add(Circle(x1, y, 2.2, fillColor=colour, strokeColor=None))
    if p.target is not None:
        tx = _x(p.target, left, span)
        d.add(Line(tx, y - 4, tx, y + 4, strokeColor=colour, strokeWidth=1.6))
    d.add(_text(width, y - 3, _then_now(p.then, p.now, p.target), "end"))


def _key(d: Drawing) -> None:
    x = 0.0
    for role in ROLES:
        colour = colors.HexColor(ROLE_COLOURS[role])
        d.add(Line(x, 5, x + 12, 5, strokeColor=colour, strokeWidth=1.4))
        label = function_label(role)
        d.add(_text(x + 15, 2, label))
        x += 15 + fonts.width(label, TEXT) + 12
    ink = colors.HexColor(INK)
    then, now = tr_p("progress chart", "then"), tr_p("progress chart", "now")
    d.add(Circle(x + 3, 5, 2.4, fillColor=colors.white, strokeColor=ink, strokeWidth=1))
    d.add(_text(x + 8, 2, then))
    x += 8 + fonts.width(then, TEXT) + 10
    d.add(Circle(x + 3, 5, 2.2, fillColor=ink, strokeColor=None))
    d.add(_text(x + 8, 2, now))
    x += 8 + fonts.width(now, TEXT) + 10
    d.add(Line(x + 3, 1, x + 3, 9, strokeColor=ink, strokeWidth=1.6))
    d.add(_text(x + 8, 2, tr_p("progress chart", "target set then")))


def _figures(c: Comparison, rows, style, width: float):
    head = [tr_p("progress column", "Function"), tr_p("progress column", "Dimension"),
            tr_p("progress column", "Statements"), tr_p("progress column", "Then"),
            tr_p("progress column", "Now"), tr_p("progress column", "Change"),
            tr_p("progress column", "Target"), tr_p("progress column", "Progress to target")]
    data = [[cell(h, style["cell_bold"]) for h in head]]
    for role, group in rows:
        p = c.functions[role][group]
        label = ROLE_LABELS[role]
        data.append([cell(tr(label), style["cell"]), cell(_label(group), style["cell"]),
                     str(p.statements), fmt(p.then, decimals=2), fmt(p.now, decimals=2),
                     fmt(p.change, signed=True, decimals=2), fmt(p.target, decimals=2),
                     cell(_progress_text(p), style["cell_right"])])
    widths = [0.11, 0.15, 0.14, 0.08, 0.08, 0.09, 0.08, 0.27]
    return grid(data, [width * w for w in widths], numeric_from=2, zebra=True)


def _progress_text(p: Progress) -> str:
    if p.progress is not None:
        return formats.percent(p.progress * 100)
    return tr("not defined: the target was the level then") if p.then is not None else "–"


def verdict_label(verdict: str) -> str:
    """A test's verdict as the reader's language says it (the JSON keeps the code)."""
    if verdict == MET:
        return tr_p("verdict", "met")
    if verdict == NOT_MET:
        return tr_p("verdict", "not met")
    if verdict == NOT_MEASURABLE:
        return tr_p("verdict", "not measurable")
    return verdict


def _scorecard(c: Comparison, style, width: float) -> list:
    if not c.verdicts:
        return []
    story: list = [Spacer(1, 3 * mm), Paragraph(tr("The plan checked"), style["h3"]),
                   Paragraph(tr("Each action of the earlier workshop's plan, its “It worked "
                                "when” test judged against these answers."), style["muted"])]
    heads = (tr_p("scorecard column", "Action"), tr_p("scorecard column", "Verdict"),
             tr_p("scorecard column", "Figures"))
    data = [[cell(h, style["cell_bold"]) for h in heads]]
    fills = []
    for n, v in enumerate(c.verdicts, start=1):
        data.append([cell(v.title, style["cell"]),
                     cell(verdict_label(v.verdict), style["cell_bold"]),
                     cell(v.sentence, style["cell"])])
        if v.verdict in VERDICT_FILLS:
            fills.append((1, n, VERDICT_FILLS[v.verdict]))
    story.append(grid(data, [width * 0.34, width * 0.14, width * 0.52], fills=fills))
    return story


def _statements(c: Comparison, style) -> list:
    """Most improved and worsened, then what was not compared and why (a long list, such as
    the statements a pulse leaves out, as a count)."""
    story: list = [Spacer(1, 2 * mm)]
    improved, worsened = (
        "; ".join(f"{_named(c, s.item)} ({fmt(s.change, signed=True, decimals=2)})"
                  for s in items) or tr("none") for items in (c.most_improved(),
                                                             c.most_worsened()))
    story.append(Paragraph(tr("<b>Most improved:</b> {statements}",
                              statements=fonts.markup(improved)), style["small"]))
    story.append(Paragraph(tr("<b>Most worsened:</b> {statements}",
                              statements=fonts.markup(worsened)), style["small"]))
    kinds = {k: [_named(c, p.item) for p in c.pairings if p.change == k]
             for k in ("reworded", "rescaled", "new")}
    kinds["dropped"] = [_named(c, i, baseline=True) for i in c.dropped]
    said = "; ".join(_listed(kind, names) for kind, names in kinds.items() if names)
    if said:
        story.append(Paragraph(tr("<b>What changed in the questionnaire:</b> {changes}.",
                                  changes=fonts.markup(said)), style["small"]))
    return story


def _named(c: Comparison, item_id: str, baseline: bool = False) -> str:
    """A statement in its own words (a client page prints no item ids)."""
    item = (c.baseline if baseline else c.followup).questionnaire.item(item_id)
    return quoted(item) if item is not None else item_id


def _listed(kind: str, names: list[str], most: int = 3) -> str:
    """The statements of one ``kind`` of change: a few by name, more as a count."""
    n = len(names)
    counted = {"reworded": tr_n("{n} statement reworded, compared",
                                "{n} statements reworded, compared", n),
               "rescaled": tr_n("{n} statement whose levels changed, not compared",
                                "{n} statements whose levels changed, not compared", n),
               "new": tr_n("{n} statement new this time", "{n} statements new this time", n),
               "dropped": tr_n("{n} statement not asked this time",
                               "{n} statements not asked this time", n)}[kind]
    if n > most:
        return counted
    return f"{counted} ({'; '.join(names)})"
