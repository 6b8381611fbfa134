"""The handout's "Your answers in the consensus round": the reader's own round-1 and round-2
answers on each statement they re-rated, and what the room agreed. Only the reader's own
answers appear, and only in their own handout (``analysis.consensus_view.own_shifts``)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..analysis.consensus_view import own_shifts
from ..analysis.plan_story import short_statement
from ..analysis.workshop import ScoredWorkshop
from ..i18n import N_, tr, tr_p
from ..rules.records import Answer, Participant
from .tables import cell, grid

TITLE = N_("Your answers in the consensus round")


def answer_words(answer: Answer | None) -> str:
    """'2, target 4', "don't know" or 'no answer'."""
    if answer is None:
        return tr("no answer")
    if answer.current is None:
        return tr("don't know")
    if not answer.target:
        return str(answer.current)
    return tr("{current}, target {target}", current=answer.current, target=answer.target)


def shifts_section(report: ScoredWorkshop, participant: Participant, style,
                   width: float) -> list:
    if report.consensus is None:
        return []
    shifts = own_shifts(report.consensus, report.answers, participant.id)
    if not shifts:
        return []
    head = [tr_p("shifts column", "Statement"), tr_p("shifts column", "You, round 1"),
            tr_p("shifts column", "You, round 2"), tr_p("shifts column", "The room agreed")]
    data: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    for s in shifts:
        item = report.questionnaire.item(s.item_id)
        statement = short_statement(item, 80) if item else s.item_id
        agreed = (tr("{current}, target {target}", current=s.decision.current,
                     target=s.decision.target)
                  if s.decision is not None and s.decision.status != "deferred"
                  else tr("not decided"))
        data.append([cell(statement, style["cell"]), cell(answer_words(s.before), style["cell"]),
                     cell(answer_words(s.after), style["cell"]), cell(agreed, style["cell"])])
    return [Paragraph(tr(TITLE), style["h2"]),
            Paragraph(tr("Your own answers on the statements the room discussed: what you said "
                         "privately first and when you re-rated. Nobody else's answers are "
                         "shown."), style["muted"]),
            Spacer(1, 2 * mm), grid(data, [f * width for f in (0.46, 0.18, 0.18, 0.18)])]
