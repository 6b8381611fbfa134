"""Everything a PDF says about a workshop, gathered and decided in plain Python: the numbers for
the executive summary, the widest perception gaps, the agreed plan, one participant's answers
beside the role means. The reportlab layer only lays this out, so what the PDF claims is tested
without reading a PDF."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..analysis.plan import PlanEntry, included_by_horizon, load_plan
from ..analysis.scoring import GroupScore, ItemScore, Scores
from ..analysis.workshop import load_scored_workshop
from ..content.catalog import Catalog
from ..content.glossary import Term
from ..content.questionnaire import ROLES, Benchmark, Item, Questionnaire
from ..store.database import Store
from ..store.records import Answer, Participant, Workshop

TOP_GAPS = 3


@dataclass(frozen=True)
class WorkshopReport:
    workshop: Workshop
    questionnaire: Questionnaire
    participants: tuple[Participant, ...]
    answers: tuple[Answer, ...]
    scores: Scores
    plan: tuple[PlanEntry, ...]
    glossary: tuple[Term, ...]

    @property
    def title(self) -> str:
        return self.workshop.name

    @property
    def organisation(self) -> str:
        return self.workshop.organization

    @property
    def date_label(self) -> str:
        """The workshop's date as people write it (23 November 2026), or today's if unset."""
        try:
            day = date.fromisoformat(self.workshop.date[:10])
        except ValueError:
            day = date.today()
        return f"{day.day} {day:%B %Y}"

    def people(self, role: str) -> list[Participant]:
        return [p for p in self.participants if p.role == role]

    def theme_title(self, theme_id: str) -> str:
        theme = self.questionnaire.theme(theme_id)
        return theme.title if theme else theme_id

    @property
    def dimensions(self) -> tuple[GroupScore, ...]:
        return self.scores.dimensions

    def overall(self, role: str, field: str = "mean_current") -> float | None:
        """One role's maturity over the whole questionnaire: the weighted mean of its dimension
        means (dimensions with no answers skipped)."""
        values = [getattr(d.roles[role], field) for d in self.scores.dimensions]
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else None

    def widest_perception_gaps(self, count: int = TOP_GAPS) -> list[ItemScore]:
        """The items where the two functions disagree most about today, widest first. Items
        each function rates about itself (``perspective: self``) are never a disagreement:
        their two answers are about two different facts."""
        scored = [(abs(s.perception_gap), s) for s in self.scores.items
                  if s.item.compared and s.perception_gap is not None
                  and abs(s.perception_gap) >= 0.005]
        scored.sort(key=lambda pair: (-pair[0], pair[1].item.id))
        return [s for _, s in scored][:count]

    @property
    def agreed(self) -> list[PlanEntry]:
        """The included actions, in the facilitator's order."""
        return [e for e in self.plan if e.included]

    def plan_by_horizon(self) -> dict[str, list[PlanEntry]]:
        return included_by_horizon(list(self.plan))

    def benchmarked(self) -> list[tuple[ItemScore, Benchmark]]:
        """The items with a research figure, each with that figure."""
        return [(s, s.item.benchmark) for s in self.scores.items if s.item.benchmark is not None]

    def terms_used(self) -> tuple[Term, ...]:
        """The glossary, the terms this questionnaire marks first (all are printed)."""
        used = {t for item in self.questionnaire.items for t in item.terms}
        return tuple(sorted(self.glossary, key=lambda t: (t.id not in used, t.term.lower())))


@dataclass(frozen=True)
class HandoutRow:
    """One statement of a personal handout: this person's answer beside both roles' means."""

    item: Item
    statement: str
    current: int | None
    target: int | None
    dont_know: bool
    answered: bool
    own_role_mean: float | None
    other_role_mean: float | None
    comment: str


def load_workshop_report(store: Store, catalog: Catalog, workshop_id: str) -> WorkshopReport:
    """Read one workshop and score it (once: the plan is ranked from the same scores);
    StorageError when there is no such workshop."""
    scored = load_scored_workshop(store, workshop_id, catalog.actions)
    plan = tuple(load_plan(store, workshop_id, catalog.actions, ranked=scored.scores.actions))
    return WorkshopReport(scored.workshop, scored.questionnaire, scored.participants,
                          scored.answers, scored.scores, plan, tuple(catalog.glossary))


def other_role(role: str) -> str:
    return next(r for r in ROLES if r != role)


def handout_rows(report: WorkshopReport, participant: Participant) -> list[HandoutRow]:
    mine = {a.item_id: a for a in report.answers if a.participant_id == participant.id}
    rows = []
    for score in report.scores.items:
        answer = mine.get(score.item.id)
        rows.append(HandoutRow(
            item=score.item,
            statement=score.item.text_for(participant.role),
            current=answer.current if answer else None,
            target=answer.target if answer else None,
            dont_know=bool(answer and answer.dont_know),
            answered=answer is not None,
            own_role_mean=score.roles[participant.role].mean_current,
            other_role_mean=score.roles[other_role(participant.role)].mean_current,
            comment=answer.comment if answer else "",
        ))
    return rows


def participants_in_order(participants: Iterable[Participant]) -> list[Participant]:
    """Marketing first, then IT, each by name: the order of the cover and the handouts."""
    return sorted(participants, key=lambda p: (ROLES.index(p.role) if p.role in ROLES else 9,
                                               p.name.casefold(), p.id))
