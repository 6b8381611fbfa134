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
from ..content.questionnaire import ROLE_LABELS, ROLES
from ..rules.privacy import withheld_note
from .tables import cell, grid

STATUS_WORDS = {"agreed": "Agreed", "dissent": "Agreed, with a recorded dissent",
                "deferred": "Deferred: evidence needed"}
TITLE = "What the room agreed"


def group_words(group: GroupLevels) -> str:
    """'2.33 (median 2, 3 answers)' or 'fewer than 3'."""
    m = group.measures
    if m is None:
        return withheld_note() if group.levels else "no level given"
    return f"{reported(m.mean)} (median {m.median:g}, {m.n} answers)"


def _round1(s: StatementRounds) -> str:
    return "; ".join(f"{ROLE_LABELS[role]}: {group_words(s.round1[role])}" for role in ROLES)


def _round2(s: StatementRounds) -> str:
    if not s.rerated:
        return "not re-rated"
    return f"Everyone: {group_words(s.round2[EVERYONE])}"


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
    head = ["Statement", "Round 1 (today's level)", "Round 2", "Agreed", "Status", "Note"]
    data: list[list] = [[cell(h, style["cell_bold"]) for h in head]]
    for s in rows:
        d = s.decision
        assert d is not None
        item = report.questionnaire.item(s.item_id)
        statement = f"{s.item_id} · {short_statement(item, 70)}" if item else s.item_id
        data.append([cell(statement, style["cell"]), cell(_round1(s), style["cell"]),
                     cell(_round2(s), style["cell"]),
                     cell(f"{d.current} today, {d.target} in 12-18 months", style["cell"]),
                     cell(STATUS_WORDS.get(d.status, d.status), style["cell"]),
                     cell(d.note, style["cell"])])
    fractions = [0.22, 0.2, 0.14, 0.12, 0.12, 0.2]
    return [Paragraph(TITLE, style["h1"]),
            Paragraph("The room's position after the consensus round: what each function said "
                      "privately first (the diagnosis, kept as it was), what the room said when "
                      "it re-rated, and the levels it agreed. Where the room agreed, the plan "
                      "ranks from the agreed levels.", style["muted"]),
            Spacer(1, 2 * mm), grid(data, [f * width for f in fractions], zebra=True)]
