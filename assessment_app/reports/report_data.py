"""Everything a PDF says about a workshop, gathered and decided in plain Python: the numbers for
the executive summary, the widest perception gaps, the agreed plan, one participant's answers
beside the role means. The reportlab layer only lays this out, so what the PDF claims is tested
without reading a PDF."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..analysis.item_stats import GroupScore, ItemScore
from ..analysis.numbers import rounded
from ..analysis.plan import PlanEntry, included_by_horizon, load_plan, plan_state
from ..analysis.scoring import Scores
from ..analysis.workshop import ScoredWorkshop, load_scored_workshop
from ..content.catalog import Catalog
from ..content.glossary import Term
from ..content.questionnaire import ROLES, Benchmark, Item, Questionnaire
from ..rules.records import Answer, Participant, Workshop
from ..store.database import Store

TOP_GAPS = 3
FUNCTION_OWNER = {"marketing": "cmo", "it": "cio"}  # the plan's owner code of each function


@dataclass(frozen=True)
class WorkshopReport:
    workshop: Workshop
    questionnaire: Questionnaire
    participants: tuple[Participant, ...]
    answers: tuple[Answer, ...]
    scores: Scores
    plan: tuple[PlanEntry, ...]
    glossary: tuple[Term, ...]
    # "suggested" until the facilitator marks the plan agreed (``analysis.plan.plan_state``):
    # no output may call an untouched suggestion agreed
    plan_state: str = "suggested"
    agreed_at: str = ""  # when the plan was marked agreed (ISO); empty while suggested
    finished_counts: Mapping[str, int] = field(default_factory=dict)  # id -> finished items

    @property
    def scored(self) -> ScoredWorkshop:
        """The same reading as the scored workshop ``analysis`` works from (``plan_story``)."""
        return ScoredWorkshop(self.workshop, self.questionnaire, self.participants,
                              self.answers, self.scores, self.finished_counts)

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
    """One statement of a personal handout: this person's answer beside the rest of their
    function (``others_mean``: their own answer left out, so the comparison is them against
    their colleagues) and the other function's mean (both roles' means as the workshop PDF
    prints them are kept too)."""

    item: Item
    statement: str
    current: int | None
    target: int | None
    dont_know: bool
    answered: bool
    own_role_mean: float | None
    other_role_mean: float | None
    comment: str
    others_mean: float | None = None  # the others in the reader's function, today
    others_n: int = 0  # how many of them gave a level
    others_target: float | None = None

    @property
    def compared(self) -> bool:
        """The other function rates the same fact (a ``perspective: self`` item is not)."""
        return self.item.compared


DIFFER_COUNT = 5  # statements in each "where you differ most" list


@dataclass(frozen=True)
class Difference:
    """The reader's level on one statement against a group's mean: ``gap`` is the reader's
    level less the mean as printed (rounded once), so it equals the printed numbers'
    difference."""

    row: HandoutRow
    mean: float
    gap: float


def load_workshop_report(store: Store, catalog: Catalog, workshop_id: str) -> WorkshopReport:
    """Read one workshop and score it (once: the plan is ranked from the same scores);
    StorageError when there is no such workshop."""
    scored = load_scored_workshop(store, workshop_id, catalog.actions)
    plan = tuple(load_plan(store, workshop_id, catalog.actions, ranked=scored.scores.actions))
    return WorkshopReport(scored.workshop, scored.questionnaire, scored.participants,
                          scored.answers, scored.scores, plan, tuple(catalog.glossary),
                          plan_state(store, workshop_id), store.plan_agreed_at(workshop_id),
                          scored.finished_counts)


def other_role(role: str) -> str:
    return next(r for r in ROLES if r != role)


def _colleagues_answers(report: WorkshopReport, participant: Participant
                        ) -> dict[str, list[Answer]]:
    """Item id -> the answers of the others in the reader's function."""
    colleagues = {p.id for p in report.participants
                  if p.role == participant.role and p.id != participant.id}
    others: dict[str, list[Answer]] = {}
    for a in report.answers:
        if a.participant_id in colleagues:
            others.setdefault(a.item_id, []).append(a)
    return others


def _handout_row(score: ItemScore, answer: Answer | None, theirs: list[Answer],
                 role: str) -> HandoutRow:
    levels = [a.current for a in theirs if a.current is not None]
    targets = [a.target for a in theirs if a.current is not None and a.target is not None]
    return HandoutRow(
        item=score.item,
        statement=score.item.text_for(role),
        current=answer.current if answer else None,
        target=answer.target if answer else None,
        dont_know=bool(answer and answer.dont_know),
        answered=answer is not None,
        own_role_mean=score.roles[role].mean_current,
        other_role_mean=score.roles[other_role(role)].mean_current,
        comment=answer.comment if answer else "",
        others_mean=sum(levels) / len(levels) if levels else None,
        others_n=len(levels),
        others_target=sum(targets) / len(targets) if targets else None,
    )


def handout_rows(report: WorkshopReport, participant: Participant) -> list[HandoutRow]:
    """One row per statement, in questionnaire order: the reader's answer beside the others'."""
    mine = {a.item_id: a for a in report.answers if a.participant_id == participant.id}
    others = _colleagues_answers(report, participant)
    return [_handout_row(score, mine.get(score.item.id), others.get(score.item.id, []),
                         participant.role) for score in report.scores.items]


def differ_most(rows: list[HandoutRow], against: str, count: int = DIFFER_COUNT
                ) -> list[Difference]:
    """The statements where the reader's level is furthest from ``against``: "own" (the
    others in their function) or "other" (the other function; only statements both rate
    alike). Largest difference first, then in questionnaire order; none where they agree."""
    found = []
    for n, r in enumerate(rows):
        mean = r.others_mean if against == "own" else (r.other_role_mean if r.compared
                                                        else None)
        if r.current is None or mean is None:
            continue
        gap = rounded(r.current - rounded(mean))
        if abs(gap) >= 0.005:
            found.append((abs(gap), n, Difference(r, mean, gap)))
    found.sort(key=lambda t: (-t[0], t[1]))
    return [d for _, _, d in found[:count]]


def biggest_ambitions(rows: list[HandoutRow], count: int = DIFFER_COUNT) -> list[HandoutRow]:
    """The statements where the reader wants to move furthest (target above today), largest
    step first, then in questionnaire order."""
    rising = [(r.target - r.current, n, r) for n, r in enumerate(rows)
              if r.current is not None and r.target is not None and r.target > r.current]
    rising.sort(key=lambda t: (-t[0], t[1]))
    return [r for _, _, r in rising[:count]]


def owned_actions(plan: list[PlanEntry], participant: Participant
                  ) -> tuple[list[PlanEntry], list[PlanEntry]]:
    """The plan's actions (``plan``: the included ones, in printed order) the reader is
    accountable for, and the others their function owns (alone or with the other function)."""
    owner = FUNCTION_OWNER.get(participant.role, "")
    mine = [e for e in plan if e.accountable and e.accountable == participant.id]
    function = [e for e in plan if e not in mine and e.owner in (owner, "both")]
    return mine, function


def participants_in_order(participants: Iterable[Participant]) -> list[Participant]:
    """Marketing first, then IT, each by name: the order of the cover and the handouts."""
    return sorted(participants, key=lambda p: (ROLES.index(p.role) if p.role in ROLES else 9,
                                               p.name.casefold(), p.id))
