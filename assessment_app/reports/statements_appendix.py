"""The workshop PDF's appendix of what was asked: every statement of the workshop's own copy
of the questionnaire, by dimension and theme, in each function's wording, with its five levels,
so a reader can see exactly what "level 3" meant and what a success test ("customer-data-1 at
level 3 or above") will be judged on."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from ..analysis.workshop import ScoredWorkshop
from ..content.questionnaire import DIMENSIONS, Item, dimension_label
from ..i18n import N_, tr
from . import fonts
from .tables import PAD_X, RULE, cell, function_label

TITLE = N_("Appendix: the statements and their levels")


def statements_appendix(report: ScoredWorkshop, style, width: float) -> list:
    """Every statement with its five levels, grouped by dimension and theme."""
    q = report.questionnaire
    if not q.items:
        return []
    story: list = [Paragraph(tr(TITLE), style["h1"]), Paragraph(tr(
        "What everyone was asked ({questionnaire}, version {version}): each statement with its "
        "id, as each function read it, and the five levels people chose from, 1 (ad hoc) to 5 "
        "(optimised).", questionnaire=fonts.markup(q.title), version=fonts.markup(q.version)),
        style["muted"])]
    for dimension in DIMENSIONS:
        themes = [t for t in q.themes if t.dimension == dimension and q.items_in_theme(t.id)]
        for n, theme in enumerate(themes):
            heading = [Spacer(1, 3 * mm), Paragraph(dimension_label(dimension), style["h2"])]
            items = q.items_in_theme(theme.id)
            # a heading stays with the statement under it (one flat KeepTogether: reportlab
            # moves a nested one to a page of its own)
            story.append(KeepTogether([*(heading if n == 0 else []),
                                       Paragraph(fonts.markup(theme.title), style["h3"]),
                                       *_statement(items[0], style, width)]))
            story += [KeepTogether(_statement(item, style, width)) for item in items[1:]]
    return story


def _statement(item: Item, style, width: float) -> list:
    """One statement: its id and wording (each function's where they differ), then a row per
    level."""
    texts = dict(item.text)
    if len(set(texts.values())) == 1:
        wording = [Paragraph(f"<b>{fonts.markup(item.id)}</b>  {fonts.markup(texts['marketing'])}",
                             style["body"])]
    else:
        wording = [Paragraph(f"<b>{fonts.markup(item.id)}</b>", style["body"])] + [
            Paragraph(f"<i>{function_label(role)}:</i> {fonts.markup(text)}", style["body"])
            for role, text in texts.items()]
    rows = [[cell(str(n), style["cell_bold"]), cell(level, style["cell"])]
            for n, level in enumerate(item.levels, start=1)]
    levels = Table(rows, colWidths=[width * 0.06, width * 0.94])
    levels.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                     ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                     ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                     ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
                     ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE)])
    return [*wording, levels, Spacer(1, 2.5 * mm)]
