"""The personal handout: what one executive takes home, speaking to them. First where they
differ most from their own function and from the other, the actions they are accountable for and
those their function owns (each with its success test), where they aim highest, and the plan as
it stands (suggested until the facilitator marks it agreed); then every answer beside the rest of
their function and the other function.

Their function's figures leave their own answer out (the average of the others): with five
people a function's average is one fifth the reader's own answer, which would pull every
comparison towards them and hide part of the difference. The workshop PDF's averages include
everyone; the handout says so.

``handout_batch.export_all_handouts`` writes one per participant, for a background job."""

from __future__ import annotations

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
)
from ..analysis.numbers import reported
from ..analysis.palette import MUTED
from ..analysis.plan import PlanEntry
from ..analysis.report_model import PrintedAction, load_report
from ..analysis.workshop import ScoredWorkshop
from ..content.actions import OWNER_LABELS
from ..content.catalog import Catalog
from ..content.questionnaire import ROLE_LABELS
from ..errors import StorageError
from ..i18n import N_, speaking, tr, tr_n, tr_p
from ..rules.plan_fields import status_label
from ..rules.privacy import PRIVACY_THRESHOLD, withheld_label
from ..rules.records import Participant
from ..store.database import Store
from . import document, fonts
from .shifts_page import shifts_section
from .tables import cell, due_label, grid, horizon_label, markup_lines, pieces

MUTED_MARKUP = "<font color='{colour}'>{text}</font>"  # not translated: Paragraph markup
THEME_FILL = "#f3f5f7"  # the row naming a theme in the table of all answers

# What the handout calls the plan: never "agreed" before the facilitator marked it so.
PLAN_HEADINGS = {"suggested": N_("The plan: suggested"), "agreed": N_("The plan: agreed")}


def build_handout_pdf(store: Store, catalog: Catalog, workshop_id: str, participant_id: str,
                      out: Path, paper: str = "a4", language: str | None = None) -> Path:
    """One participant's handout, in the workshop's report language (unless ``language``)."""
    with speaking(store.report_language(workshop_id, language)):
        report = load_report(store, catalog, workshop_id)
        participant = next((p for p in report.participants if p.id == participant_id), None)
        if participant is None:
            raise StorageError(tr("There is no participant {participant} in this workshop.",
                                  participant=repr(participant_id)))
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
    label = ROLE_LABELS[role]
    story: list = [
        Paragraph(tr("Personal handout · marketing and IT alignment workshop"), style["muted"]),
        Paragraph(fonts.markup(participant.name), style["h1"]),
        Paragraph(" · ".join(fonts.markup(x) for x in (participant.title, tr(label),
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
                              footer_left=tr("Tandem · personal handout · for {name} only",
                                             name=participant.name))


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
    return tr("Others in {function}", function=_role_name(role))


def _introduction(report: ScoredWorkshop, role: str) -> str:
    colleagues = len(report.people(role)) - 1
    names = {"others": _others(role), "function": _role_name(role)}
    if not colleagues:
        return tr("Only you receive this handout: the workshop PDF shows averages, never one "
                  "person's answers. Levels run from 1 (ad hoc) to 5 (optimised). “{others}” "
                  "is nobody: you are the only one from {function}, so each comparison is you "
                  "against them (the workshop PDF's {function} average includes your answer).",
                  **names)
    return tr_n("Only you receive this handout: the workshop PDF shows averages, never one "
                "person's answers. Levels run from 1 (ad hoc) to 5 (optimised). “{others}” is "
                "your {n} colleague from {function}, without you, so each comparison is you "
                "against them (the workshop PDF's {function} average includes your answer).",
                "Only you receive this handout: the workshop PDF shows averages, never one "
                "person's answers. Levels run from 1 (ad hoc) to 5 (optimised). “{others}” is "
                "your {n} colleagues from {function}, without you, so each comparison is you "
                "against them (the workshop PDF's {function} average includes your answer).",
                colleagues, **names)


def _unanswered_note(found: Handout, role: str, style) -> list:
    """Unanswered statements and don't-knows, and what they do to the numbers: nothing was
    filled in, so neither enters any average (``item_stats.role_stats`` averages given levels
    only)."""
    missing, unknown = found.unanswered, found.dont_know
    parts = []
    if missing:
        parts.append(tr_n(
            "You did not answer {n} statement; it counts nowhere in {function}'s averages, and "
            "nothing was filled in for you. They show “not answered” below.",
            "You did not answer {n} statements; they count nowhere in {function}'s averages, "
            "and nothing was filled in for you. They show “not answered” below.",
            missing, function=_role_name(role)))
    if unknown:
        parts.append(tr_n(
            "You answered “don't know” to {n} statement: it counts in the share of the room "
            "that could not say, never as a level.",
            "You answered “don't know” to {n} statements: they count in the share of the room "
            "that could not say, never as a level.", unknown))
    if not parts:
        return []
    return [Spacer(1, 2 * mm), Paragraph(" ".join(parts), style["body"])]


def _differences(found: Handout, role: str, style, width: float) -> list:
    other = other_role(role)
    story: list = []
    own = list(found.own_differences)
    function, other_function = _role_name(role), _role_name(other)
    story.append(Paragraph(tr("Where you differ most from {function}", function=function),
                           style["h2"]))
    if own:
        story.append(Paragraph(tr_n(
            "Your level minus the average of the others in {function}: the largest difference.",
            "Your level minus the average of the others in {function}: the {n} largest "
            "differences, either way.", len(own), function=function), style["muted"]))
        story.append(_difference_table(own, _others(role), style, width))
    elif found.others_withheld:
        story.append(Paragraph(tr(
            "Fewer than {minimum} others from {function} gave a level on each statement, so "
            "their answers are withheld.", minimum=found_minimum(found), function=function),
            style["body"]))
    elif not any(r.others_n for r in found.rows):
        story.append(Paragraph(tr("Nobody else from {function} gave a level where you did, so "
                                  "there is nothing to compare with.", function=function),
                               style["body"]))
    else:
        story.append(Paragraph(tr("You gave the same levels as the others in {function}.",
                                  function=function), style["body"]))
    theirs = list(found.other_differences)
    story.append(Paragraph(tr("Where you differ most from {function}", function=other_function),
                           style["h2"]))
    label = ROLE_LABELS[other]
    if theirs:
        story.append(Paragraph(tr("Your level minus {function}'s average, on the statements "
                                  "both functions rate alike.", function=other_function),
                               style["muted"]))
        story.append(_difference_table(theirs, tr("{function} average", function=tr(label)),
                                       style, width))
    elif found.other_function_withheld:
        story.append(Paragraph(tr(
            "Fewer than {minimum} in {function} gave a level on each statement, so their levels "
            "are withheld and there is nothing to compare with.", minimum=found_minimum(found),
            function=tr(label)), style["body"]))
    elif not any(r.other_role_mean is not None for r in found.rows):
        story.append(Paragraph(tr("{function} gave no level on any statement, so there is "
                                  "nothing to compare with.", function=tr(label)),
                               style["body"]))
    else:
        story.append(Paragraph(tr("There is no statement where both you and {function} gave a "
                                  "level and the levels differ.", function=other_function),
                               style["body"]))
    return story


def _difference_table(found: list[Difference], group: str, style, width: float):
    head = [tr_p("handout column", "Statement"), tr_p("handout column", "You"), group,
            tr_p("handout column", "Difference")]
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
    heading = Paragraph(tr("Actions you are accountable for"), style["h2"])
    if mine:
        for n, e in enumerate(mine):
            block = _action(e, style, participant, why=True)
            story += [KeepTogether(([heading] if n == 0 else []) + block[:3]), *block[3:]]
    else:
        story.append(KeepTogether([heading, Paragraph(
            tr("No action in the plan names you as accountable yet."), style["body"])]))
    names = {"function": _role_name(role), "other": _role_name(other_role(role))}
    heading = Paragraph(tr("Actions {function} owns", **names), style["h2"])
    if not function:
        return story + [KeepTogether([heading, Paragraph(
            tr("No other action in the plan is owned by {function}.", **names),
            style["body"])])]
    unnamed = not any(p.entry.accountable for p in function)
    lead = Paragraph(
        tr("Owned by {function} alone or jointly with {other}; nobody is named as accountable "
           "for them yet.", **names) if unnamed else
        tr("Owned by {function} alone or jointly with {other}.", **names), style["muted"])
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
    facts = [_owner(e, participant), horizon_label(e.horizon),
             tr("due {date}", date=due_label(e.due)) if e.due else tr("no due date yet"),
             status_label(e.status)]
    parts: list = [Paragraph(f"<b>{printed.number}. {fonts.markup(e.action.title)}</b>",
                             style["body"]),
                   Paragraph(" · ".join(fonts.markup(f) for f in facts), style["muted"])]
    if printed.worked_when:
        parts.append(Paragraph(tr("<b>It worked when</b> {test}",
                                  test=fonts.markup(printed.worked_when)), style["body"]))
    reason = printed.why if why else ""
    if reason:
        parts.append(Paragraph(tr("<b>Why:</b> {reason}", reason=fonts.markup(reason)),
                               style["body"]))
    return parts + [Spacer(1, 2 * mm)]


def _owner(e: PlanEntry, participant: Participant) -> str:
    """Who owns an action, as this reader sees it: 'You' when they are accountable; another
    accountable person is not named (the handout names only its reader)."""
    label = OWNER_LABELS.get(e.owner, e.owner)
    function = tr(label)
    if e.accountable and e.accountable == participant.id:
        return tr("You ({function})", function=function)
    if e.accountable:
        return tr("{function}, a named colleague", function=function)
    return function


def _ambitions(page: Handout, role: str, style, width: float) -> list:
    found = page.ambitions
    story: list = [Paragraph(tr("Your targets: where you aim highest"), style["h2"])]
    if not found:
        return story + [Paragraph(tr("You set no target above today's level."),
                                  style["body"])]
    head = [tr_p("handout column", "Statement"), tr_p("handout column", "You today"),
            tr_p("handout column", "Your target"),
            tr("{others}: target", others=_others(role))]
    widths = [width * 0.58, width * 0.12, width * 0.12, width * 0.18]
    data: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    for r in found:
        data.append([cell(r.statement, style["cell"]), str(r.current), str(r.target),
                     _figure(r.others_target, r.others_withheld, r.minimum, style)])
    return story + [Paragraph(tr("The targets are for 12 to 18 months from the workshop."),
                              style["muted"]),
                    grid(data, widths, numeric_from=1)]


def _plan(report: ScoredWorkshop, participant: Participant, style, width: float) -> list:
    state = report.plan_state if report.plan_state in PLAN_HEADINGS else "suggested"
    heading = PLAN_HEADINGS[state]
    story: list = [CondPageBreak(30 * mm), Paragraph(tr(heading), style["h2"]),
                   Paragraph(_plan_state_text(report), style["muted"]),
                   Spacer(1, 1.5 * mm)]
    if not report.printed:
        return story + [Paragraph(tr("The plan has no action yet."), style["body"])]
    rows = [[cell(h, style["cell_bold"])
             for h in ("#", tr_p("plan column", "Action"), tr_p("plan column", "Owner"),
                       tr_p("plan column", "When"), tr_p("plan column", "Due"),
                       tr_p("plan column", "Status"))]]
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
                     cell(horizon_label(e.horizon), style["cell"]),
                     cell(due_label(e.due) or "–", style["cell"]),
                     cell(status_label(e.status), style["cell"])])
        for piece in more:
            continued.add(len(rows))
            rows.append(["", piece, "", "", "", ""])
    story.append(grid(rows, widths, continued=continued))
    return story


def _plan_state_text(report: ScoredWorkshop) -> str:
    """What the plan's state means: never "agreed" before the facilitator marked it so."""
    if report.plan_state != "agreed":
        return tr("Suggested: the actions the ranking proposes from the room's answers, with any "
                  "edits the facilitator made. The room has not yet made it its decision, so it "
                  "may still change.")
    if report.agreed_on:
        return tr("Agreed: the facilitator marked this plan as the room's decision on {date}.",
                  date=report.agreed_on)
    return tr("Agreed: the facilitator marked this plan as the room's decision.")


def _answers(report: ScoredWorkshop, rows: list[HandoutRow], role: str, style,
             width: float) -> list:
    """Every statement in one table, a shaded row naming each theme: the reader's answer and
    comment beside the others in their function and the other function. The table flows from
    page to page with its header repeated, so no page is left half empty."""
    other = other_role(role)
    label = ROLE_LABELS[other]
    other_average = tr("{function} average", function=tr(label))
    story: list = [CondPageBreak(40 * mm), Paragraph(tr("All your answers"), style["h2"]),
                   Paragraph(tr("Statement by statement, with your comments. Where the {function} "
                                "column says “rates itself”, each function answered about "
                                "itself, so there is nothing to compare.", function=tr(label)),
                             style["muted"]), Spacer(1, 1.5 * mm)]
    head = [tr_p("handout column", "Statement"), tr_p("handout column", "You today"),
            tr_p("handout column", "Your target"), _others(role), other_average]
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
            lines += _muted(markup_lines(r.comment), tr("<i>Your comment:</i> "))
        first, *more = pieces(lines, style["cell"], widths[0])
        you = (tr("don't know") if r.dont_know else tr("not answered") if not r.answered
               else "–" if r.current is None else str(r.current))
        data.append([first, cell(you, style["cell_right"]) if not r.current else you,
                     "–" if r.target is None else str(r.target),
                     _figure(r.others_mean, r.others_withheld, r.minimum, style),
                     _figure(r.other_role_mean, r.other_withheld, r.minimum, style)
                     if r.compared else cell(tr("rates itself"), style["muted"])])
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
    return [MUTED_MARKUP.format(colour=MUTED, text=(lead if n == 0 else "") + line)
            for n, line in enumerate(lines)]
