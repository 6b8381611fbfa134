"""The workshop PDF's "What the room agreed": per statement the room decided on, what each
function said in round 1, what the room said in round 2, the agreed levels, the status and the
note, as ``analysis.consensus_view`` read them. A figure resting on fewer than 3 answers reads
"fewer than 3" (``rules.privacy``); no name appears."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..analysis.consensus import EVERYONE, GroupLevels
from ..analysis.consensus_view import StatementRounds
from ..analysis.numbers import reported
from ..analysis.plan_story import short_statement
from ..analysis.workshop import ScoredWorkshop
from ..content.questionnaire import ROLES
from ..i18n import N_, formats, tr, tr_n, tr_p
from ..rules.consensus import decision_words
from ..rules.privacy import withheld_note
from .tables import cell, function_label, grid

TITLE = N_("What the room agreed")




def group_words(group: GroupLevels) -> str:
    """'2.33 (median 2, 3 answers)' or 'fewer than 3'."""
    m = group.measures
    if m is None:
        return withheld_note(group.minimum) if group.levels else tr("no level given")
    return tr_n("{mean} (median {median}, {n} answer)", "{mean} (median {median}, {n} answers)",
                m.n, mean=reported(m.mean),
                median=formats.number(m.median, 1 if m.median % 1 else 0))


def _round1(s: StatementRounds) -> str:
    return "; ".join(tr("{function}: {levels}", function=function_label(role),
                        levels=group_words(s.round1[role])) for role in ROLES)


def _round2(s: StatementRounds) -> str:
    if not s.rerated:
        return tr("not re-rated")
    return tr("Everyone: {levels}", levels=group_words(s.round2[EVERYONE]))


def agreed_rows(report: ScoredWorkshop) -> list[StatementRounds]:
    """The statements the room decided on, in the round's order, then the questionnaire's."""
    view = report.consensus
    if view is None:
        return []
    order = {item: n for n, item in enumerate(view.selected)}
    decided = [s for s in view.statements.values() if s.decision is not None]
    return sorted(decided, key=lambda s: order.get(s.item_id, len(order)))


def agreed_pages(report: ScoredWorkshop, style, width: float) -> list:
    rows = agreed_rows(report)
    if not rows:
        return []
    head = [tr_p("agreed column", "Statement"), tr_p("agreed column", "Round 1 (today's level)"),
            tr_p("agreed column", "Round 2"), tr_p("agreed column", "Agreed"),
            tr_p("agreed column", "Status"), tr_p("agreed column", "Note")]
    data: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    for s in rows:
        d = s.decision
        assert d is not None
        item = report.questionnaire.item(s.item_id)
        statement = f"{s.item_id} · {short_statement(item, 70)}" if item else s.item_id
        data.append([cell(statement, style["cell"]), cell(_round1(s), style["cell"]),
                     cell(_round2(s), style["cell"]),
                     cell(tr("{current} today, {target} in 12-18 months", current=d.current,
                             target=d.target), style["cell"]),
                     cell(decision_words(d.status), style["cell"]),
                     cell(d.note, style["cell"])])
    fractions = [0.22, 0.2, 0.14, 0.12, 0.12, 0.2]
    return [Paragraph(tr(TITLE), style["h1"]),
            Paragraph(tr("The room's position after the consensus round: what each function "
                         "said privately first (the diagnosis, kept as it was), what the room "
                         "said when it re-rated, and the levels it agreed. Where the room "
                         "agreed, the plan ranks from the agreed levels."), style["muted"]),
            Spacer(1, 2 * mm), grid(data, [f * width for f in fractions], zebra=True)]
