"""What the workshop PDF decides before anything is laid out: the plan in the order it is printed
and numbered (by horizon, the next 90 days first, then continuing numbers), what the plan is
called (suggested until the facilitator marks it agreed: an untouched suggestion is never
called agreed), who owns each action, and which actions are quick wins or big bets. Plain
Python, so what the PDF claims is tested without reading a PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..analysis.plan import PlanEntry, in_plan_order
from ..analysis.ranking import ActionScore
from ..analysis.workshop import ScoredWorkshop
from ..content.actions import OWNER_LABELS
from ..content.catalog import Catalog
from ..content.questionnaire import ROLE_LABELS
from ..store.database import Store
from .report_data import WorkshopReport, load_workshop_report

# How the plan is called, everywhere in the PDF.
PLAN_TITLES = {"suggested": "Suggested plan (not yet agreed with the room)",
               "agreed": "Agreed plan"}


@dataclass(frozen=True)
class WorkshopPdf:
    report: WorkshopReport
    scored: ScoredWorkshop
    state: str  # "suggested" or "agreed" (analysis.plan.plan_state)
    agreed_at: str = ""  # when it was marked agreed (ISO), if it was

    @property
    def agreed(self) -> bool:
        return self.state == "agreed"

    @property
    def plan_title(self) -> str:
        return PLAN_TITLES[self.state]

    @property
    def agreed_on(self) -> str:
        """'27 November 2026', the day the plan was marked agreed; '' if not or unknown."""
        try:
            day = date.fromisoformat(self.agreed_at[:10])
        except ValueError:
            return ""
        return f"{day.day} {day:%B %Y}"

    @property
    def plan(self) -> list[PlanEntry]:
        """The included actions in printed order: by horizon (next 90 days first), each
        horizon in the plan's order."""
        return [e for e in in_plan_order(self.report.plan) if e.included]

    @property
    def numbers(self) -> dict[str, int]:
        """Action id -> its number in the PDF (1 to n in printed order)."""
        return {e.id: n for n, e in enumerate(self.plan, start=1)}

    def score(self, entry: PlanEntry) -> ActionScore | None:
        return next((s for s in self.scored.scores.actions if s.action.id == entry.id), None)

    def kind(self, entry: PlanEntry) -> str:
        score = self.score(entry)
        if score is not None and score.kind:
            return score.kind
        return "big bet" if entry.action.effort == "L" else "quick win"

    def by_kind(self, *kinds: str) -> list[PlanEntry]:
        """The plan's actions of these kinds (``ranking.KINDS``), in printed order."""
        return [e for e in self.plan if self.kind(e) in kinds]

    def owner(self, entry: PlanEntry) -> str:
        """The accountable participant's name and function, else the owning function."""
        person = next((p for p in self.report.participants if p.id == entry.accountable), None)
        if entry.accountable and person is not None:
            return f"{person.name} ({ROLE_LABELS.get(person.role, person.role)})"
        return OWNER_LABELS.get(entry.owner, entry.owner)

    def tie_note(self, entry: PlanEntry) -> str:
        """'Tied with …' when the ranking cannot tell this action from others in the plan."""
        score = self.score(entry)
        if score is None or not score.tied:
            return ""
        others = [f"{self.numbers[s.action.id]}. {s.action.title}"
                  for s in self.scored.scores.actions
                  if s.shared_rank == score.shared_rank and s.action.id != entry.id
                  and s.action.id in self.numbers]
        outside = sum(1 for s in self.scored.scores.actions
                      if s.shared_rank == score.shared_rank and s.action.id != entry.id
                      and s.action.id not in self.numbers)
        parts = [f"‘{o}’" for o in others]
        if outside:
            parts.append(f"{outside} action{'' if outside == 1 else 's'} outside the plan")
        if not parts:
            return ""
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return (f"Tied in the ranking with {listed}: the numbers cannot choose between them, "
                "the room does.")

    def held_back_note(self, entry: PlanEntry) -> str:
        score = self.score(entry)
        if score is None or not score.held_back:
            return ""
        return ("The ranking held it back at first: two higher actions already rest mainly on "
                "the same statement, and the plan spreads over problems.")


def load_workshop_pdf(store: Store, catalog: Catalog, workshop_id: str) -> WorkshopPdf:
    """Read and score the workshop once, with its plan and the plan's state."""
    report = load_workshop_report(store, catalog, workshop_id)
    return from_report(report, store.plan_agreed_at(workshop_id))


def from_report(report: WorkshopReport, agreed_at: str = "") -> WorkshopPdf:
    state = report.plan_state if report.plan_state in PLAN_TITLES else "suggested"
    return WorkshopPdf(report, report.scored, state, agreed_at if state == "agreed" else "")
