"""The workshop PDF's plan pages and the ranking appendix.

The plan is called what it is (suggested until the facilitator marks it agreed). Its actions
are numbered 1 to n in the order printed: by horizon, the next 90 days first. Each gives its
owner (a named person where the room chose one), horizon, due date ("not set" when there is
none), status, why it is in the plan in plain sentences (``plan_story.why``) and how the room
will know it worked; ties and held-back actions say so. The arithmetic behind each place is in
the appendix "How each action was ranked"."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..analysis.numbers import reported
from ..analysis.report_model import PrintedAction
from ..analysis.workshop import ScoredWorkshop
from ..content.actions import HORIZON_LABELS, HORIZONS
from ..i18n import tr, tr_p
from ..rules.plan_fields import status_label
from . import document, fonts
from .tables import due_label, markup_lines, pieces


def kind_label(kind: str) -> str:
    """What the impact-versus-effort chart makes of an action, as a label ("" for none)."""
    if kind == "quick win":
        return tr_p("kind of action", "Quick win")
    if kind == "big bet":
        return tr_p("kind of action", "Big bet")
    if kind == "fill-in":
        return tr_p("kind of action", "Fill-in")
    if kind == "question mark":
        return tr_p("kind of action", "Question mark")
    return ""


def _intro(report: ScoredWorkshop) -> str:
    if report.agreed and report.agreed_on:
        return tr("The facilitator marked this plan agreed with the room on {date}. Actions are "
                  "grouped by when they should be done, the next 90 days first, and numbered in "
                  "that order.", date=report.agreed_on)
    if report.agreed:
        return tr("The facilitator marked this plan agreed with the room. Actions are grouped "
                  "by when they should be done, the next 90 days first, and numbered in that "
                  "order.")
    return tr("Tandem suggested these actions from the answers. The room has not confirmed them "
              "yet: until the facilitator records that it has, this is a suggestion to discuss. "
              "Actions are grouped by when they should be done, the next 90 days first, and "
              "numbered in that order.")


def _impact_chart(report: ScoredWorkshop, style, width: float) -> list:
    """The impact-versus-effort chart (``reports.impact_chart``), numbered as the plan."""
    try:
        from .impact_chart import impact_effort_drawing
    except ImportError:  # the chart module is optional: the plan reads without it
        return []
    chart = report.impact
    if chart is None or not chart.points:
        return []
    return [KeepTogether([Paragraph(tr("Impact versus effort"), style["h3"]),
                          impact_effort_drawing(chart, width, width * 0.5)])]


def _action(printed: PrintedAction, style, width: float, lead: list | None = None) -> list:
    """One action as kept-together blocks; ``lead`` (a heading) stays with its start."""
    entry = printed.entry
    kind = kind_label(printed.kind)
    horizon = HORIZON_LABELS.get(entry.horizon, entry.horizon)
    due = fonts.markup(due_label(entry.due)) if entry.due else tr("not set")
    facts = [tr("<b>Owner:</b> {owner}", owner=fonts.markup(printed.owner)),
             *([tr("<b>Partner:</b> {partner}", partner=printed.partner)]
               if printed.partner else []),
             tr("<b>When:</b> {horizon}", horizon=tr(horizon)),
             tr("<b>Due:</b> {date}", date=due),
             tr("<b>Status:</b> {status}", status=fonts.markup(status_label(entry.status)))]
    if kind:
        facts.append(tr("<b>Kind:</b> {kind}", kind=kind))
    block: list = [*(lead or []),
                   Paragraph(f"{printed.number}. {fonts.markup(entry.action.title)}",
                             style["h3"]),
                   Paragraph(" · ".join(facts), style["body"]),
                   Paragraph(fonts.markup(entry.action.description), style["body"]),
                   Paragraph(tr("<b>Why:</b> {reason}", reason=fonts.markup(printed.why)),
                             style["body"])]
    if printed.worked_when:
        block.append(Paragraph(tr("<b>It worked when</b> {test}",
                                  test=fonts.markup(printed.worked_when)), style["body"]))
    for note in (printed.tie_note, printed.held_back_note):
        if note:
            block.append(Paragraph(fonts.markup(note), style["muted"]))
    rest: list = []
    if entry.notes:  # long notes flow on after the block is kept together
        lines = markup_lines(entry.notes)
        lines[0] = tr("<b>Notes from the workshop:</b> {notes}", notes=lines[0])
        first, *rest = pieces(lines, style["body"], width, padding=document.FRAME_PADDING)
        block.append(first)
    tail = [Paragraph(tr("Source: {source}", source=fonts.markup(entry.action.source)),
                      style["muted"]),
            Spacer(1, 2.5 * mm)]
    if rest:
        return [KeepTogether(block), *rest[:-1], KeepTogether([rest[-1], *tail])]
    return [KeepTogether(block + tail)]


def plan_pages(report: ScoredWorkshop, style, width: float) -> list:
    story: list = [Paragraph(fonts.markup(report.plan_title), style["h1"]),
                   Paragraph(_intro(report), style["body"]), Spacer(1, 2 * mm)]
    if not report.printed:
        story.append(Paragraph(tr("No action is in the plan yet."), style["body"]))
        return story
    story += [Paragraph(fonts.markup(note), style["body"]) for note in report.cut_off]
    story += _impact_chart(report, style, width)
    for horizon in HORIZONS:
        printed = [p for p in report.printed if p.entry.horizon == horizon]
        if not printed:
            continue
        label = HORIZON_LABELS[horizon]
        heading = [Paragraph(tr(label), style["h2"])]
        for n, action in enumerate(printed):
            story += _action(action, style, width, heading if n == 0 else None)
    return story


def ranking_appendix(report: ScoredWorkshop, style, width: float) -> list:
    """Appendix: for each action of the plan, in printed order, its place in the ranking and
    the formula behind its priority (the scoring engine's reasons after the first sentence)."""
    if not report.printed:
        return []
    story: list = [Paragraph(tr("Appendix: how each action was ranked"), style["h1"]), Paragraph(
        tr("For those who want to check the ranking: each action's priority, the formula that "
           "gives it, and the numbers of each statement it answers (the appendix “Formulas” "
           "explains them). Statements are named by their short identifiers, as in the gaps by "
           "statement table."), style["muted"]), Spacer(1, 2 * mm)]
    for printed in report.printed:
        score, entry = printed.score, printed.entry
        if score is None:
            continue
        head = Paragraph(tr("{number}. {action} <font color='#4a5560'>· priority {priority}, "
                            "{place}</font>", number=printed.number,
                            action=fonts.markup(entry.action.title),
                            priority=reported(score.priority),
                            place=fonts.markup(printed.place)), style["h3"])
        lines = [Paragraph(fonts.markup(r), style["small"]) for r in score.reasons[1:]]
        story.append(KeepTogether([head, *lines[:2]]))
        story += lines[2:]
    return story
