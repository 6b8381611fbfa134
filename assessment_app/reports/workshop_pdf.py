"""The workshop action plan PDF: what the facilitator hands the room at the end of the day, and
what the CEO reads.

Cover (who took part and how much each function answered), a one-page executive summary, the
plan (suggested or agreed, as it is) with its impact-versus-effort chart, the radar charts, the
gap tables with each function's spread, the research benchmarks, the voice of the room
(comments by theme, never by name), the method in plain words, and the appendices: how each
action was ranked, the statements with their five levels, the glossary, the formulas. Each
part is laid out by its own module; this one puts them in order and decides nothing a reader
could dispute (``analysis.report_model`` decides it all before).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer

from ..analysis.report_model import load_report
from ..analysis.workshop import ScoredWorkshop
from ..content.catalog import Catalog
from ..content.questionnaire import ROLE_LABELS, ROLES
from ..i18n import speaking, tr, tr_p
from ..store.database import Store
from . import document, fonts
from .agreed_pages import agreed_pages
from .charts import radar
from .gap_pages import benchmarks, gap_tables
from .method import method_flowables
from .plan_pages import plan_pages, ranking_appendix
from .progress_page import progress_pages
from .statements_appendix import statements_appendix
from .summary_page import cover, executive_summary
from .tables import cell, grid
from .voice_pages import voice_pages


def build_workshop_pdf(store: Store, catalog: Catalog, workshop_id: str, out: Path,
                       paper: str = "a4", language: str | None = None) -> Path:
    """Write the workshop PDF to ``out`` in the workshop's report language (``language``
    overrides it); TandemError with a plain sentence when it cannot."""
    with speaking(store.report_language(workshop_id, language)):
        return write_workshop_pdf(load_report(store, catalog, workshop_id), out, paper,
                                  store.answer_languages(workshop_id))


def write_workshop_pdf(report: ScoredWorkshop, out: Path, paper: str = "a4",
                       answered_in: Mapping[str, int] | None = None) -> Path:
    """Lay out ``report`` (``report_model.load_report`` or ``for_print``) into ``out``;
    ``answered_in``: how many people answered in each language (``Store.answer_languages``)."""
    style = document.styles()
    width = document.content_width(paper)
    story: list = []
    story += cover(report, style, width, answered_in or {})
    story += executive_summary(report, style, width)
    story += progress_pages(report, style, width)  # a follow-up: since the earlier workshop
    if _has_levels(report):  # an empty workshop gets no pages of empty charts and dashes
        story += _charts(report, style, width, paper)  # whole pages, so they come first
    story += _section(agreed_pages(report, style, width), 80)  # the consensus round's record
    if report.printed:  # all "don't know" still has a plan: finding the facts
        story += plan_pages(report, style, width)
    if _has_levels(report):
        story += _section(gap_tables(report, style, width), 110)
        story += _section(benchmarks(report, style, width), 90)
        story += _section(voice_pages(report, style, width), 80)
    story += _section([Paragraph(tr("How the numbers are computed"), style["h1"]),
                       *method_flowables(style, width, part="executive",
                                         example=report.method_example,
                                         minimum=report.minimum)], 90)
    story += _section(ranking_appendix(report, style, width), 80)
    story += _section(statements_appendix(report, style, width), 80)
    story += _glossary(report, style, width)  # a table: before the text that can end a page
    story += _section([Paragraph(tr("Appendix: formulas"), style["h1"]),
                       *method_flowables(style, width, part="formulas",
                                         minimum=report.minimum)], 120)
    subtitle = " · ".join(x for x in (report.organisation, report.date_label) if x)
    return document.write_pdf(out, story, paper,
                              title=tr("{workshop}: action plan", workshop=report.title),
                              header_left=report.title, header_right=report.date_label,
                              footer_left=tr("Tandem · {details} · confidential",
                                             details=subtitle))


def _section(flowables: list, room_mm: float) -> list:
    """A section that follows on the same page when ``room_mm`` is left there, else starts a
    new page (nothing when it is empty): no half-empty pages between sections."""
    if not flowables:
        return []
    return [CondPageBreak(room_mm * mm), Spacer(1, 8 * mm), *flowables]


def _has_levels(report: ScoredWorkshop) -> bool:
    return any(s.roles[r].n for s in report.scores.items for r in ROLES)


def _charts(report: ScoredWorkshop, style, width: float, paper: str) -> list:
    """Both functions today on one page; each function's today and target on the next."""
    radars = report.radars
    if radars is None:
        return []
    page = document.content_height(paper)
    story: list = [Paragraph(tr("Maturity by theme"), style["h1"]),
                   Paragraph(tr("Each spoke is a theme, grouped by dimension; the centre is "
                                "level 1 and the outer ring level 5. A broken line means that "
                                "function shows no level for the theme: nobody in it gave one, "
                                "or fewer than {n} did on each statement, so it is withheld.",
                                n=report.minimum), style["muted"])]
    note = [Paragraph(radars.note, style["muted"])] if radars.note else []
    story.append(radar(radars.compare_axes or radars.axes, radars.compare, width,
                       page - (48 if note else 40) * mm, title=tr("Marketing and IT, today")))
    story += note
    story.append(PageBreak())
    for role in ROLES:
        label = ROLE_LABELS[role]
        story.append(radar(radars.axes, radars.by_role[role], width, page / 2 - 4,
                           title=tr("{function}: today and target", function=tr(label))))
    story.append(PageBreak())
    return story


def _glossary(report: ScoredWorkshop, style, width: float) -> list:
    """Every glossary term, in one alphabet (ignoring case and accents' case)."""
    terms = sorted(report.glossary, key=lambda t: (t.term.casefold(), t.term))
    if not terms:
        return []
    story: list = [CondPageBreak(60 * mm), Spacer(1, 8 * mm),
                   Paragraph(tr("Glossary"), style["h1"]),
                   Paragraph(tr("Words the two functions use with different meanings. Agreeing "
                                "on them avoids the most common misunderstandings."),
                             style["muted"]), Spacer(1, 2 * mm)]
    headings = (tr_p("glossary column", "Term"), tr_p("glossary column", "To marketing"),
                tr_p("glossary column", "To IT"))
    rows = [[cell(h, style["cell_bold"]) for h in headings]]
    for t in terms:
        it_text = fonts.markup(t.it) + (f"<br/><i>{fonts.markup(t.note)}</i>" if t.note else "")
        rows.append([cell(t.term, style["cell_bold"]), cell(t.marketing, style["cell"]),
                     Paragraph(it_text, style["cell"])])
    story.append(grid(rows, [width * 0.16, width * 0.42, width * 0.42], zebra=True))
    return story
