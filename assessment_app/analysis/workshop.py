"""One workshop read from the store and scored once: what the results screen, the plan, the PDFs
and ``tandem results`` all start from, so they read the same numbers from the same reading.

The screen and the JSON need the scores only (``load_scored_workshop``). Both PDFs read the
same model with its plan and everything printed about it decided before anything is laid out
(``report_model.load_report``): the plan in plan order, its state, the printed actions with
their numbers (``plan.plan_numbers``), the headlines, who answered, the impact chart and the
room's comments."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..i18n import N_, tr
from ..rules.dates import day_label
from ..rules.privacy import threshold
from ..rules.progress import WorkshopProgress
from .agreed import RoomPosition, room_position
from .consensus_view import ConsensusView, consensus_view
from .scoring import Scores, score_workshop

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only calls the store it is given
    from ..content.actions import Action
    from ..content.glossary import Term
    from ..content.questionnaire import Benchmark, Questionnaire
    from ..rules.records import Answer, Participant, Workshop
    from ..store.database import Store
    from .compare import Comparison
    from .gap_rows import GapRow
    from .impact_effort import ImpactChart
    from .item_stats import GroupScore, ItemScore
    from .plan import PlanEntry
    from .radar_series import PrintedRadars
    from .report_model import PrintedAction
    from .voice import Voice

# How the plan is called, everywhere in the PDFs: an untouched suggestion is never agreed.
PLAN_TITLES = {"suggested": N_("Suggested plan (not yet agreed with the room)"),
               "agreed": N_("Agreed plan")}


@dataclass(frozen=True)
class ScoredWorkshop:
    workshop: Workshop
    questionnaire: Questionnaire  # the snapshot the workshop was created with
    participants: tuple[Participant, ...]
    answers: tuple[Answer, ...]
    scores: Scores
    progress: WorkshopProgress  # who has answered how much, and who has finished
    # With its plan (``report_model.load_report``); empty for the screen and the JSON:
    plan: tuple[PlanEntry, ...] = ()  # every row, included or not
    plan_state: str = "suggested"  # or "agreed" (``plan.state_of``)
    agreed_at: str = ""  # when the plan was marked agreed (ISO); empty while suggested
    glossary: tuple[Term, ...] = ()
    printed: tuple[PrintedAction, ...] = ()  # the included actions, in printed order
    situation: str = ""  # ``findings.situation``: an unusual workshop told as it is
    findings: tuple[str, ...] = ()  # ``findings.findings``, by dimension and function
    headlines: tuple[str, ...] = ()  # ``summary.headlines``
    cut_off: tuple[str, ...] = ()  # ``cut_off.cut_off_notes``: a tie at the plan's last place
    completion: tuple[str, ...] = ()  # ``summary.completion_lines``
    method_example: tuple[str, ...] = ()  # ``method_example.worked_example``
    impact: ImpactChart | None = field(default=None)  # the plan's impact-versus-effort chart
    voice: Voice | None = None  # the room's comments, by theme, never by name
    gaps: tuple[tuple[GapRow, ...], tuple[GapRow, ...]] = ((), ())  # (themes, statements)
    radars: PrintedRadars | None = None  # the PDF's radar charts
    consensus: ConsensusView | None = None  # the consensus round (``consensus_view``)
    since: Comparison | None = None  # a follow-up against the workshop it follows

    def has_finished(self, participant: Participant) -> bool:
        """Every statement answered (a don't-know counts as an answer)."""
        return self.progress.of(participant.id).finished

    def finished(self, role: str | None = None) -> int:
        """How many participants (of ``role``, or all) have finished."""
        return sum(1 for p in self.participants
                   if (role is None or p.role == role) and self.has_finished(p))

    @property
    def title(self) -> str:
        return self.workshop.name

    @property
    def organisation(self) -> str:
        return self.workshop.organization

    @property
    def date_label(self) -> str:
        """The workshop's date as people write it (23 November 2026), or today's if unset."""
        return day_label(self.workshop.date) or day_label(date.today().isoformat())

    @property
    def minimum(self) -> int:
        """The privacy threshold the figures were withheld under (``disclosure``)."""
        return self.scores.minimum

    def people(self, role: str) -> list[Participant]:
        return [p for p in self.participants if p.role == role]

    def theme_title(self, theme_id: str) -> str:
        theme = self.questionnaire.theme(theme_id)
        return theme.title if theme else theme_id

    @property
    def dimensions(self) -> tuple[GroupScore, ...]:
        return self.scores.dimensions

    def benchmarked(self) -> list[tuple[ItemScore, Benchmark]]:
        """The items with a research figure, each with that figure."""
        return [(s, s.item.benchmark) for s in self.scores.items if s.item.benchmark is not None]

    @property
    def agreed(self) -> bool:
        return self.plan_state == "agreed"

    @property
    def plan_title(self) -> str:
        title = PLAN_TITLES.get(self.plan_state, PLAN_TITLES["suggested"])
        return tr(title)

    @property
    def agreed_on(self) -> str:
        """'27 November 2026', the day the plan was marked agreed; '' if not or unknown."""
        return day_label(self.agreed_at) if self.agreed else ""

    @property
    def numbers(self) -> dict[str, int]:
        """Action id -> its printed number."""
        return {p.entry.id: p.number for p in self.printed}

    def by_kind(self, *kinds: str) -> list[PrintedAction]:
        """The printed actions of these kinds (``ranking.KINDS``), in printed order."""
        return [p for p in self.printed if p.kind in kinds]


def load_scored_workshop(store: Store, workshop_id: str, actions: Iterable[Action],
                         shown: Callable[[Questionnaire], Questionnaire] | None = None
                         ) -> ScoredWorkshop:
    """Read one workshop and score it; StorageError when there is no such workshop. ``shown``
    gives the stored questionnaire in the words to print (``Catalog.in_language``)."""
    actions = tuple(actions)
    workshop = store.workshop(workshop_id)
    questionnaire = store.questionnaire(workshop.questionnaire_hash)
    questionnaire = shown(questionnaire) if shown else questionnaire
    participants = tuple(store.participants(workshop_id))
    answers = tuple(store.answers_for_workshop(workshop_id))
    room, rounds = read_consensus(store, workshop_id, questionnaire, participants, answers,
                                  {a.id for a in actions})
    scores = score_workshop(questionnaire, participants, answers, actions, room,
                            threshold(workshop.privacy_threshold))
    return ScoredWorkshop(workshop, questionnaire, participants, answers, scores,
                          store.progress(workshop_id), consensus=rounds)


def read_consensus(store: Store, workshop_id: str, questionnaire: Questionnaire,
                   participants: Sequence[Participant], answers: Sequence[Answer],
                   library: Collection[str]) -> tuple[RoomPosition, ConsensusView]:
    """The consensus round beside round 1's ``answers`` (already read): the room's position
    the plan ranks from (``agreed``) and the round as screens show it (``consensus_view``),
    both with the dots the tally counts on ``library``'s actions."""
    decisions = store.decisions(workshop_id)
    rounds = consensus_view(questionnaire, participants, answers,
                            store.answers_for_workshop(workshop_id, round_no=2),
                            store.round_state(workshop_id), decisions, store.votes(workshop_id),
                            library, store.workshop(workshop_id).privacy_threshold)
    return room_position(decisions, rounds.votes), rounds
