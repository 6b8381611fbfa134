"""The personal handout: what one executive takes home, speaking to them. First where they
differ most from their own function and from the other, the actions they are accountable for and
those their function owns (each with its success test), where they aim highest, and the plan as
it stands (suggested until the facilitator marks it agreed); then every answer beside the rest of
their function and the other function.

Their function's figures leave their own answer out (the average of the others): with five
people a function's average is one fifth the reader's own answer, which would pull every
comparison towards them and hide part of the difference. The workshop PDF's averages include
everyone; the handout says so.

``export_all_handouts`` writes one per participant with progress and cancel, for a background
job; a handout that cannot be made is listed with its reason and the others are still written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from ..analysis import plan_story
from ..analysis.handout import (
    Difference,
    Handout,
    HandoutRow,
    handout,
    other_role,
    participants_in_order,
)
from ..analysis.numbers import reported
from ..analysis.palette import MUTED
from ..analysis.plan import PlanEntry
from ..analysis.report_model import PrintedAction, load_report
from ..analysis.workshop import ScoredWorkshop
from ..content.actions import HORIZON_LABELS, OWNER_LABELS
from ..content.catalog import Catalog
from ..content.questionnaire import ROLE_LABELS
from ..errors import StorageError
from ..files import safe_file_name
from ..i18n import speaking
from ..rules.privacy import PRIVACY_THRESHOLD, withheld_label
from ..rules.records import Participant
from ..rules.text import excerpt
from ..store.database import Store
from . import document, fonts
from .handout_files import HandoutFailure, HandoutFiles
from .jobs import one_sentence
from .shifts_page import shifts_section
from .tables import cell, grid, markup_lines, pieces

THEME_FILL = "#f3f5f7"  # the row naming a theme in the table of all answers

# What the handout calls the plan: never "agreed" before the facilitator marked it so.
PLAN_HEADINGS = {"suggested": "The plan: suggested", "agreed": "The plan: agreed"}
PLAN_STATE_TEXT = {
    "suggested": ("Suggested: the actions the ranking proposes from the room's answers, with "
                  "any edits the facilitator made. The room has not yet made it its decision, "
                  "so it may still change."),
    "agreed": "Agreed: the facilitator marked this plan as the room's decision{on}.",
}


def build_handout_pdf(store: Store, catalog: Catalog, workshop_id: str, participant_id: str,
                      out: Path, paper: str = "a4", language: str | None = None) -> Path:
    """One participant's handout, in the workshop's report language (unless ``language``)."""
    with speaking(store.report_language(workshop_id, language)):
        report = load_report(store, catalog, workshop_id)
        participant = next((p for p in report.participants if p.id == participant_id), None)
        if participant is None:
            raise StorageError(f"There is no participant {participant_id!r} in this workshop.")
        return write_handout_pdf(report, participant, out, paper)


def write_handout_pdf(report: ScoredWorkshop, participant: Participant, out: Path,
                      paper: str = "a4") -> Path:
    """Lay out ``participant``'s handout from ``report`` (``report_model.load_report``)."""
    participant = next((p for p in report.participants if p.id == participant.id), participant)
    style = document.styles()
    width = document.content_width(paper)
    found = handout(report, participant)
    rows = list(found.rows)
    role = participant.role
    story: list = [
        Paragraph("Personal handout · marketing and IT alignment workshop", style["muted"]),
        Paragraph(fonts.markup(participant.name), style["h1"]),
        Paragraph(" · ".join(fonts.markup(x) for x in (participant.title, ROLE_LABELS[role],
                                                        report.title, report.organisation,
                                                        report.date_label) if x),
                  style["body"]),
        Spacer(1, 2 * mm),
        Paragraph(_introduction(report, role), style["body"]),
    ]
    if report.situation:  # the workshop PDF's first words on an unusual workshop
        story.append(Paragraph(f"<b>{fonts.markup(report.situation)}</b>", style["body"]))
    story += _unanswered_note(found, role, style)
    story += _differences(found, role, style, width)
    story += _actions(found, style)
    story += _ambitions(found, role, style, width)
    story += shifts_section(report, participant, style, width)
    story += _plan(report, participant, style, width)
    story += _answers(report, rows, role, style, width)
    return document.write_pdf(out, story, paper,
                              title=f"{participant.name}: {report.title}",
                              header_left=f"{participant.name} · {report.title}",
                              header_right=report.date_label,
                              footer_left="Tandem · personal handout · for "
                                          f"{participant.name} only")


def _figure(value: float | None, withheld: bool, minimum: int, style):
    """A mean as printed, or 'fewer than 3' (wrapping in its narrow column) where withheld."""
    if withheld:
        return cell(withheld_label(minimum), style["cell_right"])
    return reported(value)


def found_minimum(found: Handout) -> int:
    return found.rows[0].minimum if found.rows else PRIVACY_THRESHOLD


def _role_name(role: str) -> str:
    return plan_story.in_sentence(role)


def _others(role: str) -> str:
    """'Others in marketing': the reader's function without them."""
    return f"Others in {_role_name(role)}"


def _introduction(report: ScoredWorkshop, role: str) -> str:
    colleagues = len(report.people(role)) - 1
    who = (f"your {colleagues} colleague{'' if colleagues == 1 else 's'} from "
           f"{_role_name(role)}, without you" if colleagues else "nobody: you are the only "
           f"one from {_role_name(role)}")
    return (f"Only you receive this handout: the workshop PDF shows averages, never one "
            f"person's answers. Levels run from 1 (ad hoc) to 5 (optimised). “{_others(role)}” "
            f"is {who}, so each comparison is you against them (the workshop PDF's "
            f"{_role_name(role)} average includes your answer).")


def _unanswered_note(found: Handout, role: str, style) -> list:
    """Unanswered statements and don't-knows, and what they do to the numbers: nothing was
    filled in, so neither enters any average (``item_stats.role_stats`` averages given levels
    only)."""
    missing, unknown = found.unanswered, found.dont_know
    parts = []
    if missing:
        parts.append(f"You did not answer {_statements(missing)}; "
                     f"{'it counts' if missing == 1 else 'they count'} nowhere in "
                     f"{_role_name(role)}'s averages, and nothing was filled in for you. "
                     "They show “not answered” below.")
    if unknown:
        parts.append(f"You answered “don't know” to {_statements(unknown)}: "
                     f"{'it counts' if unknown == 1 else 'they count'} in the share of the room "
                     "that could not say, never as a level.")
    if not parts:
        return []
    return [Spacer(1, 2 * mm), Paragraph(" ".join(parts), style["body"])]


def _statements(count: int) -> str:
    return f"{count} statement{'' if count == 1 else 's'}"


def _differences(found: Handout, role: str, style, width: float) -> list:
    other = other_role(role)
    story: list = []
    own = list(found.own_differences)
    story.append(Paragraph(f"Where you differ most from {_role_name(role)}", style["h2"]))
    if own:
        story.append(Paragraph(f"Your level minus the average of the others in "
                               f"{_role_name(role)}: the {len(own)} largest differences, "
                               "either way.", style["muted"]))
        story.append(_difference_table(own, _others(role), style, width))
    elif found.others_withheld:
        story.append(Paragraph(
            f"{withheld_label(found_minimum(found)).capitalize()} others from "
            f"{_role_name(role)} gave a level on each statement, so their answers are "
            "withheld.", style["body"]))
    else:
        story.append(Paragraph(
            f"Nobody else from {_role_name(role)} gave a level where you did, so there is "
            "nothing to compare with." if not any(r.others_n for r in found.rows) else
            f"You gave the same levels as the others in {_role_name(role)}.", style["body"]))
    theirs = list(found.other_differences)
    story.append(Paragraph(f"Where you differ most from {_role_name(other)}", style["h2"]))
    if theirs:
        story.append(Paragraph(f"Your level minus {_role_name(other)}'s average, on the "
                               "statements both functions rate alike.", style["muted"]))
        story.append(_difference_table(theirs, f"{ROLE_LABELS[other]} average", style, width))
    elif not any(r.other_role_mean is not None for r in found.rows):
        story.append(Paragraph(f"{ROLE_LABELS[other]} gave no level on any statement, so there "
                               "is nothing to compare with.", style["body"]))
    else:
        story.append(Paragraph(f"There is no statement where both you and {_role_name(other)} "
                               "gave a level and the levels differ.", style["body"]))
    return story


def _difference_table(found: list[Difference], group: str, style, width: float):
    head = ["Statement", "You", group, "Difference"]
    widths = [width * 0.64, width * 0.1, width * 0.14, width * 0.12]
    data: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    for d in found:
        data.append([cell(d.row.statement, style["cell"]), str(d.row.current),
                     reported(d.mean), reported(d.gap, signed=True)])
    return grid(data, widths, numeric_from=1)


def _actions(found: Handout, style) -> list:
    """The actions the reader is accountable for, then those their function owns, each with
    its success test (and, for their own, why it is in the plan). A heading is kept with its
    first action, never left at the foot of a page."""
    participant = found.reader
    mine, function = found.accountable, found.function_owns
    role = participant.role
    story: list = []
    heading = Paragraph("Actions you are accountable for", style["h2"])
    if mine:
        for n, e in enumerate(mine):
            block = _action(e, style, participant, why=True)
            story += [KeepTogether(([heading] if n == 0 else []) + block[:3]), *block[3:]]
    else:
        story.append(KeepTogether([heading, Paragraph(
            "No action in the plan names you as accountable yet.", style["body"])]))
    heading = Paragraph(f"Actions {_role_name(role)} owns", style["h2"])
    if not function:
        return story + [KeepTogether([heading, Paragraph(
            f"No other action in the plan is owned by {_role_name(role)}.", style["body"])])]
    unnamed = not any(p.entry.accountable for p in function)
    lead = Paragraph(
        f"Owned by {_role_name(role)} alone or jointly with {_role_name(other_role(role))}"
        + ("; nobody is named as accountable for them yet." if unnamed else "."),
        style["muted"])
    for n, e in enumerate(function):
        block = _action(e, style, participant)
        if n == 0:  # the heading with the first title; its test may start the next page
            story += [KeepTogether([heading, lead] + block[:2]), *block[2:]]
        else:
            story.append(KeepTogether(block))
    return story


def _action(printed: PrintedAction, style, participant: Participant, why: bool = False
            ) -> list:
    """An action as a list of paragraphs: number and title, the facts (owner, horizon, due
    date, status), its success test, and (``why``) last, so it may flow onto the next page,
    why it is in the plan."""
    e = printed.entry
    facts = [_owner(e, participant), HORIZON_LABELS.get(e.horizon, e.horizon),
             f"due {e.due}" if e.due else "no due date yet", e.status]
    parts: list = [Paragraph(f"<b>{printed.number}. {fonts.markup(e.action.title)}</b>",
                             style["body"]),
                   Paragraph(" · ".join(fonts.markup(f) for f in facts), style["muted"])]
    if printed.worked_when:
        parts.append(Paragraph(f"<b>It worked when</b> {fonts.markup(printed.worked_when)}",
                               style["body"]))
    reason = printed.why if why else ""
    if reason:
        parts.append(Paragraph(f"<b>Why:</b> {fonts.markup(reason)}", style["body"]))
    return parts + [Spacer(1, 2 * mm)]


def _owner(e: PlanEntry, participant: Participant) -> str:
    """Who owns an action, as this reader sees it: 'You' when they are accountable; another
    accountable person is not named (the handout names only its reader)."""
    function = OWNER_LABELS.get(e.owner, e.owner)
    if e.accountable and e.accountable == participant.id:
        return f"You ({function})"
    if e.accountable:
        return f"{function}, a named colleague"
    return function


def _ambitions(page: Handout, role: str, style, width: float) -> list:
    found = page.ambitions
    story: list = [Paragraph("Your targets: where you aim highest", style["h2"])]
    if not found:
        return story + [Paragraph("You set no target above today's level.", style["body"])]
    head = ["Statement", "You today", "Your target", f"{_others(role)}: target"]
    widths = [width * 0.58, width * 0.12, width * 0.12, width * 0.18]
    data: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    for r in found:
        data.append([cell(r.statement, style["cell"]), str(r.current), str(r.target),
                     _figure(r.others_target, r.others_withheld, r.minimum, style)])
    return story + [Paragraph("The targets are for 12 to 18 months from the workshop.",
                              style["muted"]),
                    grid(data, widths, numeric_from=1)]


def _plan(report: ScoredWorkshop, participant: Participant, style, width: float) -> list:
    state = report.plan_state if report.plan_state in PLAN_HEADINGS else "suggested"
    on = f" on {report.agreed_on}" if report.agreed_on else ""
    story: list = [CondPageBreak(30 * mm), Paragraph(PLAN_HEADINGS[state], style["h2"]),
                   Paragraph(PLAN_STATE_TEXT[state].format(on=on), style["muted"]),
                   Spacer(1, 1.5 * mm)]
    if not report.printed:
        return story + [Paragraph("The plan has no action yet.", style["body"])]
    rows = [[cell(h, style["cell_bold"])
             for h in ("#", "Action", "Owner", "When", "Due", "Status")]]
    widths = [width * 0.05, width * 0.42, width * 0.16, width * 0.13, width * 0.11,
              width * 0.13]
    continued: set[int] = set()
    for printed in report.printed:
        e = printed.entry
        lines = [fonts.markup(e.action.title)]
        if e.notes:
            lines += _muted(markup_lines(e.notes))
        first, *more = pieces(lines, style["cell"], widths[1])
        rows.append([str(printed.number), first,
                     cell(_owner(e, participant), style["cell"]),
                     cell(HORIZON_LABELS.get(e.horizon, e.horizon), style["cell"]),
                     cell(e.due or "–", style["cell"]), cell(e.status, style["cell"])])
        for piece in more:
            continued.add(len(rows))
            rows.append(["", piece, "", "", "", ""])
    story.append(grid(rows, widths, continued=continued))
    return story


def _answers(report: ScoredWorkshop, rows: list[HandoutRow], role: str, style,
             width: float) -> list:
    """Every statement in one table, a shaded row naming each theme: the reader's answer and
    comment beside the others in their function and the other function. The table flows from
    page to page with its header repeated, so no page is left half empty."""
    other = other_role(role)
    story: list = [CondPageBreak(40 * mm), Paragraph("All your answers", style["h2"]),
                   Paragraph(f"Statement by statement, with your comments. Where the "
                             f"{ROLE_LABELS[other]} column says “rates itself”, each function "
                             "answered about itself, so there is nothing to compare.",
                             style["muted"]), Spacer(1, 1.5 * mm)]
    head = ["Statement", "You today", "Your target", _others(role),
            f"{ROLE_LABELS[other]} average"]
    widths = [width * 0.50, width * 0.13, width * 0.11, width * 0.13, width * 0.13]
    data: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    continued: set[int] = set()
    themes: list[int] = []
    theme = None
    for r in rows:
        if r.item.theme != theme:
            theme = r.item.theme
            themes.append(len(data))
            data.append([cell(report.theme_title(theme), style["cell_bold"]), "", "", "", ""])
        lines = [fonts.markup(r.statement)]
        if r.comment:
            lines += _muted(markup_lines(r.comment), "<i>Your comment:</i> ")
        first, *more = pieces(lines, style["cell"], widths[0])
        you = ("don't know" if r.dont_know else "not answered" if not r.answered
               else "–" if r.current is None else str(r.current))
        data.append([first, cell(you, style["cell_right"]) if not r.current else you,
                     "–" if r.target is None else str(r.target),
                     _figure(r.others_mean, r.others_withheld, r.minimum, style),
                     _figure(r.other_role_mean, r.other_withheld, r.minimum, style)
                     if r.compared else cell("rates itself", style["muted"])])
        for piece in more:
            continued.add(len(data))
            data.append([piece, "", "", "", ""])
    table = grid(data, widths, numeric_from=1, continued=continued)
    table.setStyle([command for row in themes for command in (
        ("SPAN", (0, row), (-1, row)),
        ("NOSPLIT", (0, row), (-1, row + 1)),  # a theme's name never ends a page
        ("BACKGROUND", (0, row), (-1, row), colors.HexColor(THEME_FILL)),
        ("TOPPADDING", (0, row), (-1, row), 4))])
    return story + [table]


def _muted(lines: list[str], lead: str = "") -> list[str]:
    """Lines of markup in the muted colour, the first one after ``lead``."""
    return [f"<font color='{MUTED}'>{lead if n == 0 else ''}{line}</font>"
            for n, line in enumerate(lines)]


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
                        cancelled: Callable[[], bool] = lambda: False,
                        starting: Callable[[Path], None] = lambda path: None,
                        language: str | None = None) -> HandoutFiles:
    """One handout per participant into ``folder``. A handout that fails is listed in the
    result's ``failed`` with its reason and the next one is written; a missing folder stops the
    batch with its one sentence (every file would fail the same way). Stops between files when
    ``cancelled()``; ``starting(path)`` is told each file before it is laid out (so a process
    that runs this and is killed knows which file was in progress). In the workshop's report
    language, unless ``language`` overrides it."""
    with speaking(store.report_language(workshop_id, language)):
        return _write_all_handouts(load_report(store, catalog, workshop_id), Path(folder), paper,
                                   progress, cancelled, starting)


def _write_all_handouts(report: ScoredWorkshop, folder: Path, paper: str,
                        progress: Callable[[int, int], None], cancelled: Callable[[], bool],
                        starting: Callable[[Path], None]) -> HandoutFiles:
    people = participants_in_order(report.participants)
    names = handout_file_names(people)
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
