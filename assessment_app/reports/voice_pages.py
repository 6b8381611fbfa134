"""The voice of the room's pages: the comments as ``analysis.voice`` groups and labels them
(by function only, never by name), laid out by theme and statement."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..analysis.plan_story import short_statement
from ..analysis.workshop import ScoredWorkshop
from ..i18n import tr
from ..rules.privacy import withheld_label
from . import document, fonts
from .tables import markup_lines, pieces


def voice_pages(report: ScoredWorkshop, style, width: float) -> list:
    if report.voice is None or not report.voice.themes:
        return []
    quote = ParagraphStyle("quote", parent=style["body"], leftIndent=12, bulletIndent=3,
                           bulletFontName=fonts.SANS)
    if report.voice.labelled:
        how = tr("What participants wrote beside their answers, as they typed it, grouped by "
                 "theme, labelled by function only, never by name. Within a statement comments "
                 "are in alphabetical order, so their order says nothing about who wrote them.")
    else:
        how = tr("What participants wrote beside their answers, as they typed it, grouped by "
                 "theme, without names or functions: a function has {fewer_than_n} respondents, "
                 "so a function label would all but name them. Within a statement comments are "
                 "in alphabetical order, so their order says nothing about who wrote them.",
                 fewer_than_n=withheld_label(report.minimum))
    story: list = [Paragraph(tr("The voice of the room"), style["h1"]),
                   Paragraph(how, style["muted"]), Spacer(1, 2 * mm)]
    for title, items in report.voice.themes:
        lead: list = [Paragraph(fonts.markup(title), style["h3"])]
        for item, comments in items:
            lead.append(Paragraph(f"<i>‘{fonts.markup(short_statement(item, 110))}’</i>",
                                  style["body"]))
            for n, comment in enumerate(comments):
                lines = markup_lines(comment.text)
                lines[0] = (f"<bullet>–</bullet><b>{fonts.markup(comment.label)}:</b> "
                            f"{lines[0]}")
                first, *rest = pieces(lines, quote, width, padding=document.FRAME_PADDING)
                if n == 0:  # the headings stay with the first comment
                    story.append(KeepTogether([*lead, first]))
                    lead = []
                else:
                    story.append(first)
                story += rest
                story.append(Spacer(1, 1 * mm))
    return story
