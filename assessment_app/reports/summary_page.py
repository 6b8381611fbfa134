"""The workshop PDF's first two pages: the cover (who took part and how much each function
answered, so "five from marketing" never hides that one answered half) and the executive
summary a CEO reads in a minute: three headlines from the data, why it matters (the research's
business case, with its source), who answered, one chart, and the plan as quick wins and big
bets."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from ..analysis import disclosure
from ..analysis.handout import participants_in_order
from ..analysis.plan_story import listed
from ..analysis.workshop import ScoredWorkshop
from ..content.questionnaire import ROLE_LABELS
from ..i18n import language_name, tr, tr_p
from ..rules.privacy import PRIVACY_THRESHOLD
from . import fonts
from .small_charts import dimension_bars
from .tables import cell, due_label, grid, horizon_label


def answered_in(languages: Mapping[str, int], minimum: int = PRIVACY_THRESHOLD) -> str:
    """'Answered in: English 6, German 4.' from ``Store.answer_languages`` (people per
    language; '' when no answer says its language: answers given before Tandem recorded it),
    the languages alone when a count would rest on fewer than ``minimum`` people
    (``disclosure.answered_in``); the sentence then says no more than that the counts are not
    shown, as "fewer than n in one of them" would say one language is small."""
    shown = disclosure.answered_in(languages, minimum)
    if not shown:
        return ""
    if any(n is None for _, n in shown):
        names = listed([language_name(code) for code, _ in shown])
        if len(shown) == 1:
            return tr("Answered in {language}; how many is not shown, to protect privacy.",
                      language=names)
        return tr("Answered in {languages}; how many in each is not shown, to protect "
                  "privacy.", languages=names)
    listed_counts = ", ".join(f"{language_name(code)} {n}" for code, n in shown)
    return tr("Answered in: {languages}.", languages=listed_counts)


def cover(report: ScoredWorkshop, style, width: float,
          languages: Mapping[str, int] | None = None) -> list:
    story: list = [Spacer(1, 24 * mm),
                   Paragraph(tr("Marketing and IT alignment workshop"), style["cover_sub"]),
                   Spacer(1, 4 * mm),
                   Paragraph(fonts.markup(report.title), style["cover_title"])]
    if report.organisation:
        story.append(Paragraph(fonts.markup(report.organisation), style["cover_sub"]))
    story.append(Paragraph(report.date_label, style["cover_sub"]))
    story.append(Spacer(1, 10 * mm))
    people = participants_in_order(report.participants)
    heads = (tr_p("cover column", "Participants"), tr_p("cover column", "Function"),
             tr_p("cover column", "Title"))
    rows = [[cell(h, style["cell_bold"]) for h in heads]]
    for p in people:
        label = ROLE_LABELS.get(p.role, p.role)
        rows.append([cell(p.name, style["cell"]), cell(tr(label), style["cell"]),
                     cell(p.title, style["cell"])])
    if people:
        story.append(grid(rows, [width * 0.42, width * 0.16, width * 0.42]))
    q = report.questionnaire
    story.append(Spacer(1, 5 * mm))
    for line in report.completion:
        story.append(Paragraph(fonts.markup(line), style["body"]))
    said = answered_in(languages or {}, report.minimum)
    if said:
        story.append(Paragraph(fonts.markup(said), style["body"]))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(tr(
        "Questionnaire: {title} (version {version}, {count} statements). The plan in this "
        "report: <b>{plan}</b>.", title=fonts.markup(q.title), version=fonts.markup(q.version),
        count=len(q.items), plan=fonts.markup(report.plan_title)), style["muted"]))
    story.append(PageBreak())
    return story


def _why_it_matters(report: ScoredWorkshop, style) -> list:
    case = report.questionnaire.business_case
    if not case:
        return []
    finding = case[0]
    return [Paragraph(tr("<b>Why it matters.</b> {finding} <font color='#4a5560'>(Source: "
                         "{source})</font>", finding=fonts.markup(finding.text),
                         source=fonts.markup(finding.source)), style["body"]),
            Spacer(1, 2 * mm)]


def _plan_lines(report: ScoredWorkshop, style, width: float) -> list:
    story: list = [Paragraph(fonts.markup(report.plan_title), style["h3"])]
    if not report.printed:
        story.append(Paragraph(tr("No action is in the plan yet."), style["body"]))
        return story
    quick, big = ("quick win",), ("big bet",)  # not translated: kinds of action, as codes
    small = ("fill-in", "question mark")  # not translated: kinds of action, as codes
    groups = ((tr("Quick wins"), report.by_kind(*quick)),
              (tr("Big bets"), report.by_kind(*big)),
              (tr("Fill-ins and question marks"), report.by_kind(*small)))
    for title, entries in groups:
        if not entries:
            continue
        rows = [[cell(title, style["cell_bold"]),
                 cell(tr_p("plan column", "Owner"), style["cell_bold"]),
                 cell(tr_p("plan column", "When"), style["cell_bold"]),
                 cell(tr_p("plan column", "Due"), style["cell_bold"])]]
        for p in entries:
            e = p.entry
            rows.append([Paragraph(f"{p.number}. {fonts.markup(e.action.title)}",
                                   style["cell"]),
                         cell(p.owner, style["cell"]),
                         cell(horizon_label(e.horizon), style["cell"]),
                         cell(due_label(e.due) if e.due else tr("not set"), style["cell"])])
        story.append(grid(rows, [width * 0.5, width * 0.2, width * 0.16, width * 0.14]))
        story.append(Spacer(1, 1 * mm))
    story.append(Paragraph(" ".join([*(fonts.markup(n) for n in report.cut_off),
        tr("Numbers as on the plan pages. Quick wins and big bets answer a large need (a big "
           "bet with large effort); fill-ins and question marks a smaller one.")]),
        style["muted"]))
    return story


def _bullets(lines, style) -> list:
    story: list = []
    for line in lines:
        story.append(Paragraph(fonts.markup(line), style["body"], bulletText="•"))
    return story + [Spacer(1, 1 * mm)]


def executive_summary(report: ScoredWorkshop, style, width: float) -> list:
    """Page 2: the situation when the workshop is unusual (``findings.situation``), what the
    answers say by dimension (``findings.findings``), the statements that stand out
    (``summary.headlines``), why it matters, who answered, the chart and the plan."""
    story: list = [Paragraph(tr("Executive summary"), style["h1"])]
    if report.situation:
        story.append(Paragraph(f"<b>{fonts.markup(report.situation)}</b>", style["body"]))
        story.append(Spacer(1, 2 * mm))
    if not report.printed and not report.headlines:
        story.append(PageBreak())
        return story
    if report.findings:
        story.append(Paragraph(tr("What the answers say"), style["h3"]))
        story += _bullets(report.findings, style)
    if report.headlines:
        story.append(Paragraph(tr("Statements that stand out"), style["h3"]))
        story += _bullets(report.headlines, style)
    story += _why_it_matters(report, style)
    story.append(Paragraph(tr("<b>Who answered.</b> {lines}", lines=" ".join(
        fonts.markup(line) for line in report.completion)), style["body"]))
    story.append(Spacer(1, 1 * mm))
    if report.headlines:
        story.append(KeepTogether([
            Paragraph(tr("Maturity today and the target, per dimension"), style["h3"]),
            dimension_bars(report.dimensions, width, report.minimum)]))
        story.append(Spacer(1, 2 * mm))
    story += _plan_lines(report, style, width)
    story.append(PageBreak())
    return story
