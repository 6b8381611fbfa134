"""The personal handout: one executive's own answers beside their function's and the other
function's averages, their comments, and the plan the room agreed. ``export_all_handouts``
writes one per participant with progress and cancel, for a background job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..actions import HORIZON_LABELS, OWNER_LABELS
from ..catalog import Catalog
from ..errors import StorageError
from ..files import safe_file_name
from ..questionnaire import ROLE_LABELS
from ..report_data import (
    WorkshopReport,
    handout_rows,
    load_workshop_report,
    other_role,
    participants_in_order,
)
from ..storage import Participant, Store
from . import document, fonts
from .tables import cell, grid, number


def build_handout_pdf(store: Store, catalog: Catalog, workshop_id: str, participant_id: str,
                      out: Path, paper: str = "a4") -> Path:
    report = load_workshop_report(store, catalog, workshop_id)
    participant = next((p for p in report.participants if p.id == participant_id), None)
    if participant is None:
        raise StorageError(f"There is no participant {participant_id!r} in this workshop.")
    return write_handout_pdf(report, participant, out, paper)


def write_handout_pdf(report: WorkshopReport, participant: Participant, out: Path,
                      paper: str = "a4") -> Path:
    style = document.styles()
    width = document.content_width(paper)
    role, other = participant.role, other_role(participant.role)
    story: list = [
        Paragraph("Personal handout · marketing and IT alignment workshop", style["muted"]),
        Paragraph(fonts.markup(participant.name), style["h1"]),
        Paragraph(" · ".join(fonts.markup(x) for x in (participant.title, ROLE_LABELS[role],
                                                        report.title, report.organisation,
                                                        report.date_label) if x),
                  style["body"]),
        Spacer(1, 3 * mm),
        Paragraph(f"Your answers, statement by statement, beside the average of everyone from "
                  f"{_role_name(role)} and of everyone from {_role_name(other)}. "
                  "Levels run from 1 (ad hoc) to 5 (optimised). Only you receive this page; "
                  "the workshop PDF shows averages, never one person's answers.", style["muted"]),
        Spacer(1, 3 * mm),
    ]
    head = ["You today", "Your target", f"{ROLE_LABELS[role]} average",
            f"{ROLE_LABELS[other]} average"]
    widths = [width * 0.52, width * 0.11, width * 0.11, width * 0.13, width * 0.13]
    by_theme: dict[str, list] = {}
    for r in handout_rows(report, participant):
        by_theme.setdefault(r.item.theme, []).append(r)
    for theme_id, theme_rows in by_theme.items():
        # each theme is one block that never splits, headed by its title and the column names
        rows = [[cell(report.theme_title(theme_id), style["cell_bold"])]
                + [cell(h, style["muted"]) for h in head]]
        for r in theme_rows:
            text = fonts.markup(r.statement)
            if r.comment:
                text += (f"<br/><font color='#4a5560'><i>Your comment:</i> "
                         f"{fonts.markup(r.comment)}</font>")
            you = "don't know" if r.dont_know else ("–" if r.current is None else str(r.current))
            rows.append([Paragraph(text, style["cell"]), you,
                         "–" if r.target is None else str(r.target),
                         number(r.own_role_mean), number(r.other_role_mean)])
        story.append(KeepTogether([grid(rows, widths, numeric_from=1), Spacer(1, 2 * mm)]))
    story += _agreed_plan(report, style, width)
    return document.write_pdf(out, story, paper,
                              title=f"{participant.name}: {report.title}",
                              header_left=f"{participant.name} · {report.title}",
                              header_right=report.date_label,
                              footer_left="Tandem · personal handout · for "
                                          f"{participant.name} only")


def _role_name(role: str) -> str:
    return "marketing" if role == "marketing" else "IT"


def _agreed_plan(report: WorkshopReport, style, width: float) -> list:
    story: list = [Spacer(1, 4 * mm), Paragraph("The plan the room agreed", style["h2"])]
    if not report.agreed:
        return story + [Paragraph("No action has been agreed yet.", style["body"])]
    rows = [[cell(h, style["cell_bold"]) for h in ("#", "Action", "Owner", "When", "Due")]]
    for n, e in enumerate(report.agreed, start=1):
        title = fonts.markup(e.action.title)
        if e.notes:
            title += f"<br/><font color='#4a5560'>{fonts.markup(e.notes)}</font>"
        rows.append([str(n), Paragraph(title, style["cell"]),
                     cell(OWNER_LABELS[e.owner], style["cell"]),
                     cell(HORIZON_LABELS[e.horizon], style["cell"]), cell(e.due, style["cell"])])
    story.append(grid(rows, [width * 0.06, width * 0.52, width * 0.15, width * 0.15,
                             width * 0.12]))
    return story


def handout_file_names(participants: list[Participant]) -> dict[str, str]:
    """A distinct, file-system-safe name per participant (two people can share a name)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for p in participants:
        stem = f"{safe_file_name(p.name, 'participant')} - handout"
        candidate, n = stem, 2
        while candidate.casefold() in used:
            candidate, n = f"{stem} ({n})", n + 1
        used.add(candidate.casefold())
        names[p.id] = candidate + ".pdf"
    return names


def export_all_handouts(store: Store, catalog: Catalog, workshop_id: str, folder: Path,
                        paper: str = "a4",
                        progress: Callable[[int, int], None] = lambda done, total: None,
                        cancelled: Callable[[], bool] = lambda: False) -> list[Path]:
    """One handout per participant into ``folder``; stops between files when cancelled and
    returns the files written so far."""
    report = load_workshop_report(store, catalog, workshop_id)
    people = participants_in_order(report.participants)
    names = handout_file_names(people)
    folder = Path(folder)
    written: list[Path] = []
    progress(0, len(people))
    for n, p in enumerate(people, start=1):
        if cancelled():
            break
        written.append(write_handout_pdf(report, p, folder / names[p.id], paper))
        progress(n, len(people))
    return written
