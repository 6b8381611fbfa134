"""The personal handout: one executive's own answers beside their function's and the other
function's averages, their comments, and the plan the room agreed. ``export_all_handouts``
writes one per participant with progress and cancel, for a background job; a handout that
cannot be made is listed with its reason and the others are still written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from ..analysis.numbers import reported
from ..analysis.palette import MUTED
from ..content.actions import HORIZON_LABELS, OWNER_LABELS
from ..content.catalog import Catalog
from ..content.questionnaire import ROLE_LABELS
from ..errors import StorageError
from ..files import safe_file_name
from ..store.database import Store
from ..store.records import Participant
from ..text_limits import excerpt
from . import document, fonts
from .jobs import one_sentence
from .printable import printable_report
from .report_data import (
    WorkshopReport,
    handout_rows,
    load_workshop_report,
    other_role,
    participants_in_order,
)
from .tables import cell, grid, markup_lines, pieces


def build_handout_pdf(store: Store, catalog: Catalog, workshop_id: str, participant_id: str,
                      out: Path, paper: str = "a4") -> Path:
    report = load_workshop_report(store, catalog, workshop_id)
    participant = next((p for p in report.participants if p.id == participant_id), None)
    if participant is None:
        raise StorageError(f"There is no participant {participant_id!r} in this workshop.")
    return write_handout_pdf(report, participant, out, paper)


def write_handout_pdf(report: WorkshopReport, participant: Participant, out: Path,
                      paper: str = "a4") -> Path:
    report = printable_report(report)
    participant = next((p for p in report.participants if p.id == participant.id), participant)
    style = document.styles()
    width = document.content_width(paper)
    page = document.content_height(paper)
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
        # each theme is one table headed by its title and the column names (repeated when it
        # flows onto the next page), kept on one page when it fits
        rows = [[cell(report.theme_title(theme_id), style["cell_bold"])]
                + [cell(h, style["muted"]) for h in head]]
        continued: set[int] = set()
        for r in theme_rows:
            lines = [fonts.markup(r.statement)]
            if r.comment:
                lines += _muted(markup_lines(r.comment), "<i>Your comment:</i> ")
            you = "don't know" if r.dont_know else ("–" if r.current is None else str(r.current))
            first, *more = pieces(lines, style["cell"], widths[0])
            rows.append([first, you, "–" if r.target is None else str(r.target),
                         reported(r.own_role_mean), reported(r.other_role_mean)])
            for piece in more:
                continued.add(len(rows))
                rows.append([piece, "", "", "", ""])
        table = grid(rows, widths, numeric_from=1, continued=continued)
        if table.wrap(width, page)[1] <= page:
            story.append(KeepTogether([table, Spacer(1, 2 * mm)]))
        else:  # longer than a page anyway: start it where we are, rows flow on
            story += [CondPageBreak(40 * mm), table, Spacer(1, 2 * mm)]
    story += _agreed_plan(report, style, width)
    return document.write_pdf(out, story, paper,
                              title=f"{participant.name}: {report.title}",
                              header_left=f"{participant.name} · {report.title}",
                              header_right=report.date_label,
                              footer_left="Tandem · personal handout · for "
                                          f"{participant.name} only")


def _muted(lines: list[str], lead: str = "") -> list[str]:
    """Lines of markup in the muted colour, the first one after ``lead``."""
    return [f"<font color='{MUTED}'>{lead if n == 0 else ''}{line}</font>"
            for n, line in enumerate(lines)]


def _role_name(role: str) -> str:
    return "marketing" if role == "marketing" else "IT"


def _agreed_plan(report: WorkshopReport, style, width: float) -> list:
    story: list = [Spacer(1, 4 * mm), Paragraph("The plan the room agreed", style["h2"])]
    if not report.agreed:
        return story + [Paragraph("No action has been agreed yet.", style["body"])]
    rows = [[cell(h, style["cell_bold"]) for h in ("#", "Action", "Owner", "When", "Due")]]
    widths = [width * 0.06, width * 0.52, width * 0.15, width * 0.15, width * 0.12]
    continued: set[int] = set()
    for n, e in enumerate(report.agreed, start=1):
        lines = [fonts.markup(e.action.title)]
        if e.notes:
            lines += _muted(markup_lines(e.notes))
        first, *more = pieces(lines, style["cell"], widths[1])
        rows.append([str(n), first, cell(OWNER_LABELS[e.owner], style["cell"]),
                     cell(HORIZON_LABELS[e.horizon], style["cell"]), cell(e.due, style["cell"])])
        for piece in more:
            continued.add(len(rows))
            rows.append(["", piece, "", "", ""])
    story.append(grid(rows, widths, continued=continued))
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


@dataclass(frozen=True)
class HandoutFailure:
    """A handout that could not be made: whose, and why in one sentence."""

    participant_id: str
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


class HandoutFiles(list):
    """The handouts written (a list of paths, in participant order), with ``failed``: the
    ones that could not be made, each with its reason."""

    def __init__(self, written=(), failed=()) -> None:
        super().__init__(written)
        self.failed: list[HandoutFailure] = list(failed)


def export_all_handouts(store: Store, catalog: Catalog, workshop_id: str, folder: Path,
                        paper: str = "a4",
                        progress: Callable[[int, int], None] = lambda done, total: None,
                        cancelled: Callable[[], bool] = lambda: False,
                        starting: Callable[[Path], None] = lambda path: None) -> HandoutFiles:
    """One handout per participant into ``folder``. A handout that fails is listed in the
    result's ``failed`` with its reason and the next one is written; a missing folder stops the
    batch with its one sentence (every file would fail the same way). Stops between files when
    ``cancelled()``; ``starting(path)`` is told each file before it is laid out (so a process
    that runs this and is killed knows which file was in progress)."""
    report = load_workshop_report(store, catalog, workshop_id)
    people = participants_in_order(report.participants)
    names = handout_file_names(people)
    folder = Path(folder)
    result = HandoutFiles()
    progress(0, len(people))
    for n, p in enumerate(people, start=1):
        if cancelled():
            break
        out = folder / names[p.id]
        starting(out)
        try:
            result.append(write_handout_pdf(report, p, out, paper))
        except Exception as exc:  # noqa: BLE001 - one bad handout must not stop the others
            if not folder.is_dir():  # no folder (any more): nothing else can be written
                raise
            result.failed.append(HandoutFailure(p.id, excerpt(p.name, 80), one_sentence(exc)))
        progress(n, len(people))
    return result
