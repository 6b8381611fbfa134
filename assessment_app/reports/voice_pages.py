"""The voice of the room: what participants wrote beside their answers, grouped by theme and
statement, labelled by function only and never by name.

Where a function has a single respondent, a function label would name that person, so then no
comment carries a label at all (labelling only the other function would name them by
elimination): each is "a participant". Within a statement comments are in alphabetical
order, so their order tells nothing about who wrote them."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..analysis.plan_story import short_statement
from ..analysis.summary import answering
from ..analysis.workshop import ScoredWorkshop
from ..content.questionnaire import ROLE_LABELS, ROLES, Item
from . import document, fonts
from .tables import markup_lines, pieces

ANONYMOUS = "A participant"


@dataclass(frozen=True)
class Comment:
    label: str  # "Marketing", "IT" or "A participant": never a name
    text: str


def labelled(report: ScoredWorkshop) -> bool:
    """Comments may carry their function: every function that answered has two people or
    more who did."""
    return all(answering(report, role) != 1 for role in ROLES)


def comments_by_theme(report: ScoredWorkshop
                      ) -> list[tuple[str, list[tuple[Item, list[Comment]]]]]:
    """(theme title, [(statement, comments)]) in questionnaire order; only what has comments."""
    role_of = {p.id: p.role for p in report.participants}
    show_role = labelled(report)
    by_item: dict[str, list[Comment]] = {}
    for a in report.answers:
        role = role_of.get(a.participant_id)
        if a.comment.strip() and role in ROLES:
            label = ROLE_LABELS[role] if show_role else ANONYMOUS
            by_item.setdefault(a.item_id, []).append(Comment(label, a.comment))
    result = []
    for theme in report.questionnaire.themes:
        items = [(item, sorted(by_item[item.id],
                               key=lambda c: (c.label, c.text.casefold(), c.text)))
                 for item in report.questionnaire.items_in_theme(theme.id)
                 if item.id in by_item]
        if items:
            result.append((theme.title, items))
    return result


def voice_pages(report: ScoredWorkshop, style, width: float) -> list:
    themes = comments_by_theme(report)
    if not themes:
        return []
    quote = ParagraphStyle("quote", parent=style["body"], leftIndent=12, bulletIndent=3,
                           bulletFontName=fonts.SANS)
    how = ("labelled by function only, never by name" if labelled(report) else
           "without names or functions: one function has a single respondent, so a function "
           "label would name that person")
    story: list = [Paragraph("The voice of the room", style["h1"]), Paragraph(
        f"What participants wrote beside their answers, as they typed it, grouped by theme, "
        f"{how}. Within a statement comments are in alphabetical order, so their order says "
        "nothing about who wrote them.", style["muted"]), Spacer(1, 2 * mm)]
    for title, items in themes:
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
