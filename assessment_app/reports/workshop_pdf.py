"""The workshop action plan PDF: what the facilitator hands the room at the end of the day.

Cover, executive summary, radar charts, the gap tables coloured as on screen, the research
benchmarks, the voice of the room (comments by function, never by name), the agreed plan by
horizon with owners and reasons, the method and the glossary.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from ..analysis.gap_rows import gap_rows
from ..analysis.numbers import percent, reported
from ..analysis.palette import LEGEND, ambition_fill, dont_know_fill, perception_fill
from ..analysis.radar_series import chart_series
from ..content.actions import HORIZON_LABELS, OWNER_LABELS
from ..content.catalog import Catalog
from ..content.questionnaire import DIMENSION_LABELS, ROLE_LABELS, ROLES, Item
from ..store.database import Store
from . import document, fonts
from .charts import radar
from .method import method_flowables
from .printable import printable_report
from .report_data import WorkshopReport, load_workshop_report, participants_in_order
from .tables import cell, grid, markup_lines, pieces


def build_workshop_pdf(store: Store, catalog: Catalog, workshop_id: str, out: Path,
                       paper: str = "a4") -> Path:
    """Write the workshop PDF to ``out``; TandemError with a plain sentence when it cannot."""
    report = load_workshop_report(store, catalog, workshop_id)
    return write_workshop_pdf(report, out, paper)


def write_workshop_pdf(report: WorkshopReport, out: Path, paper: str = "a4") -> Path:
    report = printable_report(report)
    style = document.styles()
    width = document.content_width(paper)
    story: list = []
    story += _cover(report, style, width)
    story += _summary(report, style, width)
    if _has_levels(report):  # an empty workshop gets no pages of empty charts and dashes
        story += _charts(report, style, width, paper)
        story += _gap_tables(report, style, width)
        story += _benchmarks(report, style, width)
        story += _voice(report, style, width)
        story += _plan(report, style, width)
    story.append(PageBreak())
    story.append(Paragraph("How the numbers are computed", style["h2"]))
    story += method_flowables(style, width)
    story += _glossary(report, style, width)
    subtitle = " · ".join(x for x in (report.organisation, report.date_label) if x)
    return document.write_pdf(out, story, paper, title=f"{report.title}: action plan",
                              header_left=report.title, header_right=report.date_label,
                              footer_left=f"Tandem · {subtitle} · confidential")


# -- sections --------------------------------------------------------------------------------

def _cover(report: WorkshopReport, style, width: float) -> list:
    story: list = [Spacer(1, 30 * mm),
                   Paragraph("Marketing and IT alignment workshop", style["cover_sub"]),
                   Spacer(1, 4 * mm),
                   Paragraph(fonts.markup(report.title), style["cover_title"])]
    if report.organisation:
        story.append(Paragraph(fonts.markup(report.organisation), style["cover_sub"]))
    story.append(Paragraph(report.date_label, style["cover_sub"]))
    story.append(Spacer(1, 14 * mm))
    people = participants_in_order(report.participants)
    rows = [[cell("Participants", style["cell_bold"]), cell("Role", style["cell_bold"]),
             cell("Title", style["cell_bold"])]]
    for p in people:
        rows.append([cell(p.name, style["cell"]), cell(ROLE_LABELS.get(p.role, p.role),
                                                       style["cell"]),
                     cell(p.title, style["cell"])])
    if people:
        story.append(grid(rows, [width * 0.42, width * 0.16, width * 0.42]))
    counts = (f"{len(report.people('marketing'))} from marketing, "
              f"{len(report.people('it'))} from IT")
    q = report.questionnaire
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(
        f"{counts}. Questionnaire: {fonts.markup(q.title)} (version {fonts.markup(q.version)}, "
        f"{len(q.items)} statements).", style["muted"]))
    story.append(PageBreak())
    return story


def _has_levels(report: WorkshopReport) -> bool:
    return any(s.roles[r].n for s in report.scores.items for r in ROLES)


def _summary(report: WorkshopReport, style, width: float) -> list:
    story: list = [Paragraph("Executive summary", style["h1"])]
    if not _has_levels(report):
        story.append(Paragraph(
            "Nobody has given a level yet, so there are no results. No action has been agreed "
            "yet. Export this PDF again once the participants have answered: it will "
            "then show the charts, the gaps and the agreed plan.", style["body"]))
        return story
    story.append(Paragraph(
        "Maturity on the 1 (ad hoc) to 5 (optimised) scale: where each function places the "
        "organisation today and where it wants it in 12 to 18 months. The perception gap is "
        "marketing minus IT; a negative gap means marketing sees less maturity than IT does. "
        "Overall is the average of the three dimensions.",
        style["body"]))
    story.append(Spacer(1, 3 * mm))
    header = ["", "Marketing today", "Marketing target", "IT today", "IT target",
              "Perception gap"]
    rows = [[cell(h, style["cell_bold"]) for h in header]]
    fills: list[tuple[int, int, str]] = []
    for d in report.dimensions:
        m, i = d.roles["marketing"], d.roles["it"]
        rows.append([cell(DIMENSION_LABELS.get(d.id, d.title), style["cell_bold"]),
                     reported(m.mean_current), reported(m.mean_target),
                     reported(i.mean_current), reported(i.mean_target),
                     reported(d.perception_gap, True)])
        fill = perception_fill(d.perception_gap)
        if fill:
            fills.append((5, len(rows) - 1, fill))
    overall = {r: (report.overall(r), report.overall(r, "mean_target")) for r in ROLES}
    gap = (overall["marketing"][0] - overall["it"][0]
           if overall["marketing"][0] is not None and overall["it"][0] is not None else None)
    rows.append([cell("Overall", style["cell_bold"]), reported(overall["marketing"][0]),
                 reported(overall["marketing"][1]), reported(overall["it"][0]),
                 reported(overall["it"][1]), reported(gap, True)])
    gap_fill = perception_fill(gap)
    if gap_fill:
        fills.append((5, len(rows) - 1, gap_fill))
    widths = [width * 0.2] + [width * 0.16] * 5
    story.append(grid(rows, widths, fills, numeric_from=1))
    story.append(Spacer(1, 4 * mm))

    gaps = report.widest_perception_gaps()
    if gaps:
        story.append(Paragraph("Where the two functions disagree most", style["h3"]))
        for n, s in enumerate(gaps, start=1):
            perception_gap = s.perception_gap
            if perception_gap is None:  # never: only items with a gap are among the widest
                continue
            higher = "Marketing" if perception_gap > 0 else "IT"
            story.append(Paragraph(
                f"{n}. {fonts.markup(s.item.text_for('marketing'))} "
                f"<font color='#4a5560'>({fonts.markup(report.theme_title(s.item.theme))}: "
                f"marketing {reported(s.roles['marketing'].mean_current)}, "
                f"IT {reported(s.roles['it'].mean_current)}; {higher} rates it "
                f"{reported(abs(perception_gap))} levels higher)</font>", style["body"]))
            story.append(Spacer(1, 1.5 * mm))
    agreed = report.agreed
    story.append(Paragraph("The agreed plan at a glance", style["h3"]))
    if not agreed:
        story.append(Paragraph("No action has been agreed yet.", style["body"]))
    rows = [[cell(h, style["cell_bold"]) for h in ("#", "Action", "Owner", "When", "Due")]]
    for n, e in enumerate(agreed, start=1):
        rows.append([str(n), cell(e.action.title, style["cell"]),
                     cell(OWNER_LABELS[e.owner], style["cell"]),
                     cell(HORIZON_LABELS[e.horizon], style["cell"]), cell(e.due, style["cell"])])
    if agreed:
        story.append(grid(rows, [width * 0.06, width * 0.52, width * 0.15, width * 0.15,
                                 width * 0.12]))
    story.append(PageBreak())
    return story


def _charts(report: WorkshopReport, style, width: float, paper: str) -> list:
    """Both functions today on one page; each function's today and target on the next."""
    scores = report.scores
    axes = [t.title for t in scores.themes]
    story: list = [Paragraph("Maturity by theme", style["h1"]),
                   Paragraph("Each spoke is a theme; rings mark levels 1 to 5. A broken line "
                             "means nobody in that function gave a level for the theme.",
                             style["muted"])]
    page = document.content_height(paper)
    story.append(radar(axes, chart_series(scores, "compare"), width, page - 40 * mm,
                       title="Marketing and IT, today"))
    story.append(PageBreak())
    for role in ROLES:
        story.append(radar(axes, chart_series(scores, role, titled=True), width, page / 2 - 4,
                           title=f"{ROLE_LABELS[role]}: today and target"))
    story.append(PageBreak())
    return story


def _gap_tables(report: WorkshopReport, style, width: float) -> list:
    themes, items = gap_rows(report.scores)
    story: list = [Paragraph("Gaps by theme", style["h1"]),
                   Paragraph(LEGEND, style["muted"]), Spacer(1, 2 * mm)]
    head = ["Theme", "Marketing", "IT", "Perception gap", "Ambition gap", "Don't know"]
    rows = [[cell(h, style["cell_bold"]) for h in head]]
    fills = []
    for r in themes:
        rows.append([cell(f"{r.theme} ({r.dimension})", style["cell"]), reported(r.marketing),
                     reported(r.it), reported(r.perception_gap, True),
                     reported(r.ambition_gap, True), percent(r.dont_know_share)])
        fills += _fills(len(rows) - 1, r, 3)
    story.append(grid(rows, [width * 0.4] + [width * 0.12] * 5, fills, numeric_from=1))
    story.append(CondPageBreak(60 * mm))
    story.append(Paragraph("Gaps by statement", style["h2"]))
    ranked = {s.item.id: n for n, s in enumerate(report.scores.ranked_items, start=1)}
    priorities = {s.item.id: s.priority for s in report.scores.items}
    head = ["Statement", "Mkt", "IT", "Perc. gap", "Amb. gap", "Don't know", "Priority"]
    rows = [[cell(h, style["cell_bold"]) for h in head]]
    fills = []
    for r in items:
        rank = ranked[r.id] if priorities[r.id] is not None else None
        rows.append([cell(f"{r.id} · {r.statement}", style["cell"]), reported(r.marketing),
                     reported(r.it), reported(r.perception_gap, True),
                     reported(r.ambition_gap, True), percent(r.dont_know_share),
                     "–" if rank is None else f"{reported(priorities[r.id])} (#{rank})"])
        fills += _fills(len(rows) - 1, r, 3)
    story.append(grid(rows, [width * 0.44, width * 0.08, width * 0.08, width * 0.1,
                             width * 0.1, width * 0.09, width * 0.11], fills, numeric_from=1,
                      zebra=False))
    story.append(PageBreak())
    return story


def _fills(row: int, r, first: int) -> list[tuple[int, int, str]]:
    fills = []
    for column, colour in ((first, perception_fill(r.perception_gap)),
                           (first + 1, ambition_fill(r.ambition_gap)),
                           (first + 2, dont_know_fill(r.dont_know_share))):
        if colour:
            fills.append((column, row, colour))
    return fills


def _benchmarks(report: WorkshopReport, style, width: float) -> list:
    scored = report.benchmarked()
    if not scored:
        return []
    story: list = [Paragraph("Against the research", style["h1"]), Paragraph(
        "Published surveys asked marketing and IT leaders whether these statements were true of "
        "their organisation. The research columns give the share who agreed; the workshop "
        "columns give the share of this room at level 4 or 5 on the matching statement.",
        style["muted"]), Spacer(1, 2 * mm)]
    head = ["Statement", "Research: marketing", "Research: IT", "Here: marketing", "Here: IT"]
    rows = [[cell(h, style["cell_bold"]) for h in head]]
    for s, b in scored:
        rows.append([Paragraph(f"{fonts.markup(b.statement or s.item.text_for('marketing'))}"
                               f"<br/><font size=6.5 color='#4a5560'>Source: "
                               f"{fonts.markup(b.source)}</font>", style["cell"]),
                     percent(b.marketing), percent(b.it),
                     percent(s.roles["marketing"].share_at_least_4),
                     percent(s.roles["it"].share_at_least_4)])
    story.append(grid(rows, [width * 0.52] + [width * 0.12] * 4, numeric_from=1))
    story.append(PageBreak())
    return story


def _plan(report: WorkshopReport, style, width: float) -> list:
    story: list = [Paragraph("The action plan", style["h1"]), Paragraph(
        "Actions the room agreed, grouped by when they should be done, in the order agreed. "
        "Each shows why it ranked where it did: the statements it answers and the gaps behind "
        "their priority.", style["muted"])]
    number_of = {e.id: n for n, e in enumerate(report.agreed, start=1)}
    for horizon, entries in report.plan_by_horizon().items():
        story.append(Paragraph(HORIZON_LABELS[horizon], style["h2"]))
        if not entries:
            story.append(Paragraph("No action agreed for this period.", style["muted"]))
            continue
        for e in entries:
            facts = [f"Owner: {OWNER_LABELS[e.owner]}", f"effort {e.action.effort}"]
            if e.due:
                facts.append(f"due {e.due}")
            if e.priority is not None:
                facts.append(f"priority {reported(e.priority)}")
            block = [Paragraph(f"{number_of[e.id]}. {fonts.markup(e.action.title)}",
                               style["h3"]),
                     Paragraph(" · ".join(facts), style["muted"]),
                     Paragraph(fonts.markup(e.action.description), style["body"])]
            rest: list = []
            if e.notes:  # long notes flow on after the block is kept together
                lines = markup_lines(e.notes)
                lines[0] = f"<b>Notes from the workshop:</b> {lines[0]}"
                first, *rest = pieces(lines, style["body"], width,
                                      padding=document.FRAME_PADDING)
                block.append(first)
            tail = []
            if e.reasons:
                tail.append(Paragraph("<b>Why:</b> " + "<br/>".join(
                    fonts.markup(r) for r in e.reasons[:3]), style["small"]))
            tail.append(Paragraph(f"Source: {fonts.markup(e.action.source)}", style["muted"]))
            tail.append(Spacer(1, 2 * mm))
            if rest:
                story += [KeepTogether(block), *rest[:-1], KeepTogether([rest[-1], *tail])]
            else:
                story.append(KeepTogether(block + tail))
    return story


def _comments(report: WorkshopReport) -> list[tuple[Item, dict[str, list[str]]]]:
    """Every comment, per statement (questionnaire order) and function; never who wrote it.
    Within a function comments are in alphabetical order, so their order tells nothing."""
    role_of = {p.id: p.role for p in report.participants}
    by_item: dict[str, dict[str, list[str]]] = {}
    for a in report.answers:
        role = role_of.get(a.participant_id)
        if a.comment.strip() and role in ROLES:
            by_item.setdefault(a.item_id, {r: [] for r in ROLES})[role].append(a.comment)
    return [(item, {r: sorted(by_item[item.id][r], key=lambda c: (c.casefold(), c))
                    for r in ROLES})
            for item in report.questionnaire.items if item.id in by_item]


def _voice(report: WorkshopReport, style, width: float) -> list:
    comments = _comments(report)
    if not comments:
        return []
    quote = ParagraphStyle("quote", parent=style["body"], fontSize=9, leading=12,
                           leftIndent=12, bulletIndent=3, bulletFontName=fonts.SANS)
    story: list = [Paragraph("The voice of the room", style["h1"]), Paragraph(
        "What participants wrote beside their answers, as they typed it, grouped by function "
        "and never by name. Within a function the comments are in alphabetical order, so their "
        "order says nothing about who wrote them.", style["muted"]), Spacer(1, 2 * mm)]
    for item, by_role in comments:
        heading = Paragraph(f"{fonts.markup(item.id)} · "
                            f"{fonts.markup(item.text_for('marketing'))}", style["h3"])
        lead = [heading]
        for role in ROLES:
            for n, comment in enumerate(by_role[role]):
                lines = markup_lines(comment)
                lines[0] = f"<bullet>–</bullet>{lines[0]}"
                first, *rest = pieces(lines, quote, width, padding=document.FRAME_PADDING)
                if n == 0:  # the statement and the function stay with the first comment
                    label = Paragraph(f"{ROLE_LABELS[role]} ({len(by_role[role])})",
                                      style["cell_bold"])
                    story.append(KeepTogether([*lead, label, first]))
                    lead = []
                else:
                    story.append(first)
                story += rest
                story.append(Spacer(1, 1.5 * mm))
    story.append(PageBreak())
    return story


def _glossary(report: WorkshopReport, style, width: float) -> list:
    terms = report.terms_used()
    if not terms:
        return []
    story: list = [PageBreak(), Paragraph("Glossary", style["h1"]), Paragraph(
        "Words the two functions use with different meanings. Agreeing on them avoids the most "
        "common misunderstandings.", style["muted"]), Spacer(1, 2 * mm)]
    rows = [[cell(h, style["cell_bold"]) for h in ("Term", "To marketing", "To IT")]]
    for t in terms:
        it_text = fonts.markup(t.it) + (f"<br/><i>{fonts.markup(t.note)}</i>" if t.note else "")
        rows.append([cell(t.term, style["cell_bold"]), cell(t.marketing, style["cell"]),
                     Paragraph(it_text, style["cell"])])
    story.append(grid(rows, [width * 0.16, width * 0.42, width * 0.42], zebra=True))
    return story
