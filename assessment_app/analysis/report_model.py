"""The one model both PDFs lay out, built once and decided before anything is drawn: the
workshop scored (``workshop.ScoredWorkshop``) with its plan read once (rows and state), user
text cut to what may be printed (``printable``), and what the PDFs say about the plan: each
included action in printed order with its number (``plan.plan_numbers``), kind, owner, why it
is there, how to tell it worked and any note on its place; the headlines, who answered, the
impact-versus-effort chart and the room's comments (``voice``). The layout in ``reports`` only
reads this."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..content.actions import OWNER_LABELS, partner_of
from ..content.questionnaire import ROLE_LABELS, role_label
from ..i18n import tr, tr_n
from . import ranking
from .cut_off import cut_off_notes
from .findings import findings, situation
from .gap_rows import gap_rows
from .impact_effort import impact_chart
from .method_example import worked_example
from .numbers import in_words
from .plan import PlanEntry, in_plan_order, load_plan, plan_numbers, state_of
from .plan_story import why, worked_when
from .printable import printable_report
from .radar_series import printed_radars
from .ranking import ActionScore, kind_of
from .reasons import names
from .series import baseline_of, load_comparison
from .summary import completion_lines, headlines
from .voice import voice
from .workshop import ScoredWorkshop, load_scored_workshop

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only calls the store it is given
    from ..content.catalog import Catalog
    from ..rules.records import Participant
    from ..store.database import Store


@dataclass(frozen=True)
class PrintedAction:
    """One included action of the plan as the PDFs print it."""

    number: int  # its number in the plan (``plan.plan_numbers``)
    entry: PlanEntry
    score: ActionScore | None  # its place in the ranking (None: no longer ranked)
    kind: str  # quick win, big bet, fill-in or question mark
    owner: str  # the accountable participant's name and function, else the owning function
    why: str  # why it is in the plan, in plain sentences (``plan_story.why``)
    worked_when: str  # its success test, completing "It worked when"
    tie_note: str = ""  # 'Tied in the ranking with …', when the ranking cannot tell
    place: str = ""  # where it ranks, told by the plan's own numbers (``place_note``)
    held_back_note: str = ""  # when the same-statement cap held it back
    partner: str = ""  # the function taking part beside the owner (``actions.partner_of``)

    @property
    def id(self) -> str:
        return self.entry.id


def load_report(store: Store, catalog: Catalog, workshop_id: str) -> ScoredWorkshop:
    """Read and score the workshop once, with its plan and the plan's state (each read once),
    ready to print; StorageError when there is no such workshop."""
    words = catalog.wording()  # the report's language (the PDF is built speaking it)
    scored = load_scored_workshop(store, workshop_id, words.actions, shown=words.questionnaire)
    agreed_at = store.plan_agreed_at(workshop_id)
    plan = load_plan(store, workshop_id, words.actions, ranked=scored.scores.actions)
    baseline = baseline_of(store, workshop_id)
    progress = None if baseline is None else load_comparison(
        store, baseline, workshop_id, words.actions, catalog.editions, words.questionnaire)
    return for_print(replace(scored, plan=tuple(plan), plan_state=state_of(agreed_at),
                             agreed_at=agreed_at, glossary=tuple(words.glossary),
                             since=progress))


def for_print(report: ScoredWorkshop) -> ScoredWorkshop:
    """``report`` (with its plan) with over-long text cut and everything the PDFs print about
    it decided."""
    report = printable_report(report)
    printed = printed_plan(report)
    chart = impact_chart([p.entry for p in printed], report.scores.actions,
                         {p.id: p.number for p in printed})
    themes, items = gap_rows(report.scores)
    report = replace(report, printed=printed, headlines=tuple(headlines(report)),
                     situation=situation(report), findings=tuple(findings(report)),
                     completion=tuple(completion_lines(report)), impact=chart,
                     voice=voice(report), radars=printed_radars(report.scores),
                     gaps=(tuple(themes), tuple(items)))
    return replace(report, method_example=worked_example(report),
                   cut_off=cut_off_notes(report, printed))


def printed_plan(report: ScoredWorkshop) -> tuple[PrintedAction, ...]:
    """The included actions in plan order (``plan.in_plan_order``), numbered by
    ``plan.plan_numbers`` over the rows as given."""
    numbers = plan_numbers(report.plan)
    ranked = report.scores.actions
    scores = {s.action.id: s for s in ranked}
    return tuple(PrintedAction(
        numbers[e.id], e, scores.get(e.id), kind(e, scores.get(e.id)),
        owner(e, report.participants), why(e, report),
        worked_when(e.action, report.questionnaire),
        tie_note(e, scores.get(e.id), ranked, numbers),
        held_back_note=held_back_note(scores.get(e.id)),
        place=place_note(scores.get(e.id), ranked, numbers),
        partner=OWNER_LABELS.get(partner_of(e.action, e.owner), ""))
        for e in in_plan_order(report.plan) if e.included)


def place_note(score: ActionScore | None, ranked: Sequence[ActionScore],
               numbers: Mapping[str, int]) -> str:
    """Where an action ranks, in the plan's one numbering: 'the highest priority of all
    actions', or 'ranked after actions 2 and 5 and 1 action outside the plan' (never a second
    number such as '3rd by priority' beside the plan's own)."""
    if score is None:
        return ""
    above = [s for s in ranked if s.shared_rank < score.shared_rank]
    tied = [s for s in ranked if s.shared_rank == score.shared_rank and s is not score]

    def told(group: Sequence[ActionScore]) -> list[str]:
        inside = sorted(numbers[s.action.id] for s in group if s.action.id in numbers)
        outside = sum(1 for s in group if s.action.id not in numbers)
        # Translators: "action 2", "actions 2 and 5": the plan's numbers
        parts = [tr_n("action {numbers}", "actions {numbers}", len(inside),
                      numbers=names([str(n) for n in inside]))] if inside else []
        if outside:
            parts.append(outside_the_plan(outside))
        return parts

    # Translators: where an action ranks, shown beside it in the plan
    if above and tied:
        return tr("ranked after {above}, tied with {tied}", above=names(told(above)),
                  tied=names(told(tied)))
    if above:
        return tr("ranked after {above}", above=names(told(above)))
    if tied:
        return tr("the highest priority of all actions, tied with {tied}",
                  tied=names(told(tied)))
    return tr("the highest priority of all actions")


def outside_the_plan(count: int) -> str:
    """'1 action outside the plan' in a list of actions."""
    return tr_n("{n} action outside the plan", "{n} actions outside the plan", count)


def kind(entry: PlanEntry, score: ActionScore | None) -> str:
    """The ranking's kind; for an action it no longer ranks, by its effort."""
    if score is not None and score.kind:
        return score.kind
    return kind_of(entry.action.effort, high=True)


def owner(entry: PlanEntry, participants: Sequence[Participant]) -> str:
    """The accountable participant's name and function, else the owning function."""
    person = next((p for p in participants if p.id == entry.accountable), None)
    if entry.accountable and person is not None:
        function = role_label(person.role) if person.role in ROLE_LABELS else person.role
        return f"{person.name} ({function})"
    return OWNER_LABELS.get(entry.owner, entry.owner)


def tie_note(entry: PlanEntry, score: ActionScore | None, ranked: Sequence[ActionScore],
             numbers: Mapping[str, int]) -> str:
    """'Tied in the ranking with …' when the ranking cannot tell this action from others."""
    if score is None or not score.tied:
        return ""
    group = [s for s in ranked if s.shared_rank == score.shared_rank and s.action.id != entry.id]
    parts = [f"‘{numbers[s.action.id]}. {s.action.title}’" for s in group
             if s.action.id in numbers]
    outside = sum(1 for s in group if s.action.id not in numbers)
    if outside:
        parts.append(outside_the_plan(outside))
    if not parts:
        return ""
    return tr("Tied in the ranking with {actions}: the numbers cannot choose between them, the "
              "room does.", actions=names(parts))


def held_back_note(score: ActionScore | None) -> str:
    """Why the ranking placed it below the suggested places at first (``SAME_STATEMENT_CAP``)."""
    if score is None or not score.held_back:
        return ""
    return tr("The ranking held it back at first: {count} higher actions already rest mainly on "
              "the same statement, and the plan spreads over problems.",
              count=in_words(ranking.SAME_STATEMENT_CAP))
