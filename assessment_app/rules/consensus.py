"""The consensus round's records and rules: the round's state per workshop, the room's decision
on a statement and a participant's dots on an action. Each rule is one function returning one
sentence (or None), asked by the store, bundle import and the commands alike.

A workshop is in round 1 until the facilitator opens the consensus round; opening it closes
round 1 for good (``rules.answers.round_problem`` refuses a late round-1 answer). While the round
is open the selected statements are re-rated (round 2) and the room places dots on actions;
closing it ends both. Decisions may be recorded once the round was opened, and edited after it
closed (the facilitator finishes the record)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..i18n import N_, tr, tr_n, tr_p
from .levels import level_problem
from .stamps import stamp_order
from .text import too_long

DECISION_STATUSES = ("agreed", "dissent", "deferred")
# A deferred statement waits for evidence: its round-1 figures keep ranking the plan.
RANKING_STATUSES = frozenset({"agreed", "dissent"})
DEFAULT_VOTE_BUDGET = 3  # dots per person, as dot-voting usually gives
VOTE_BUDGET_MAX = 20
ROUNDS = (1, 2)

ROUND_ONE = "round 1"  # no consensus round yet: answers are round 1
OPEN = "open"  # re-rating and voting
CLOSED = "closed"  # the room's record is kept; no more re-rating or votes


@dataclass(frozen=True)
class RoundState:
    """A workshop's consensus round: when it opened and closed (empty: not yet), the selected
    statements in the facilitator's order, the dots each person may place, and when this state
    was last edited (it travels between laptops by that time, later wins)."""

    workshop_id: str
    opened_at: str = ""
    closed_at: str = ""
    items: tuple[str, ...] = ()
    vote_budget: int = DEFAULT_VOTE_BUDGET
    edited_at: str = ""

    @property
    def phase(self) -> str:
        if not self.opened_at:
            return ROUND_ONE
        return CLOSED if self.closed_at else OPEN

    @property
    def round_one_closed(self) -> bool:
        return bool(self.opened_at)


@dataclass(frozen=True)
class Decision:
    """The room's position on one statement: agreed current and target level, a status and a
    note, with when it was (last) decided."""

    workshop_id: str
    item_id: str
    current: int
    target: int
    status: str
    note: str
    decided_at: str

    @property
    def ranks(self) -> bool:
        """Whether the plan ranks from these levels (a deferred statement waits for evidence)."""
        return self.status in RANKING_STATUSES


@dataclass(frozen=True)
class Vote:
    """A participant's dots on one action (0: withdrawn), with when they were placed."""

    participant_id: str
    action_id: str
    count: int
    voted_at: str


def decision_problem(current: object, target: object, status: object, note: str
                     ) -> str | None:
    """None when a decision may be recorded: current and target levels 1-5 (the target not
    below today, ``rules.levels``), a known status and a note (cleaned by ``text.clean_text``)
    within the notes limit; otherwise one sentence."""
    if current is None:
        return tr("An agreed decision needs today's level, a whole number from 1 to 5.")
    if target is None:
        return tr("An agreed decision needs a target level, a whole number from 1 to 5.")
    levels = level_problem(current, target)
    if levels:
        return levels.sentence
    if status not in DECISION_STATUSES:
        return tr("The decision's status must be agreed, dissent (agreed with a recorded "
                  "dissent) or deferred (evidence needed).")
    return too_long("notes", note, what=tr("the decision's note"))


def vote_problem(count: object, others: int, budget: int) -> str | None:
    """None when a participant who has placed ``others`` dots on other actions may place
    ``count`` on this one within ``budget``; otherwise one sentence."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        return tr("A vote is a whole number of dots, 0 or more.")
    if others + count > budget:
        left = max(0, budget - others)
        return tr_n("Each person has {budget} dots: {n} is placed on another action, so at most "
                    "{left} can go on this one.",
                    "Each person has {budget} dots: {n} are placed on other actions, so at most "
                    "{left} can go on this one.", others, budget=budget, left=left)
    return None


def action_problem(action_id: str, library: Collection[str]) -> str | None:
    """None when dots may go on ``action_id``: an action of the action library (``library``:
    its ids). Dots on any other action would still use up the person's dots and weigh in the
    room's tally for something no plan can hold; otherwise one sentence."""
    if action_id not in library:
        return tr("That action is not in the action library.")
    return None


@dataclass(frozen=True)
class CountedVotes:
    """The dots that count in the room's tally and ranking (``counted_votes``), and how many
    stored dots do not: beyond a person's dots per person, or on an action not in the library."""

    votes: tuple[Vote, ...]  # each with the dots of it that count (withdrawn ones left out)
    over_budget: int = 0
    unknown: int = 0


def counted_votes(votes: Iterable[Vote], budget: int, library: Collection[str]
                  ) -> CountedVotes:
    """The dots that count: each person's on actions of the library (``library``: its ids), up
    to ``budget``, the latest placed first (by ``voted_at``, at the same instant by action id,
    so every laptop counts the same). Two laptops can each take a person's dots before their
    bundles merge, and a vote stored before the library was checked may name another action;
    a merge keeps the stored votes as they are (rewriting them would give laptops different
    data), only not counted, until the person's next vote takes the uncounted ones back
    (``Store.vote``). Every reader of the votes counts through here."""
    placed = sorted((v for v in votes if v.count > 0), key=lambda v: v.action_id)
    placed.sort(key=lambda v: stamp_order(v.voted_at), reverse=True)
    counted: list[Vote] = []
    used: dict[str, int] = {}
    over = unknown = 0
    for v in placed:
        if action_problem(v.action_id, library):
            unknown += v.count
            continue
        count = min(v.count, max(0, budget - used.get(v.participant_id, 0)))
        over += v.count - count
        if count:
            used[v.participant_id] = used.get(v.participant_id, 0) + count
            counted.append(Vote(v.participant_id, v.action_id, count, v.voted_at))
    return CountedVotes(tuple(counted), over, unknown)


def budget_problem(budget: object) -> str | None:
    if isinstance(budget, bool) or not isinstance(budget, int) \
            or not 1 <= budget <= VOTE_BUDGET_MAX:
        return tr("The dots per person must be a whole number from 1 to {most}.",
                  most=VOTE_BUDGET_MAX)
    return None


# What may happen only while the round is open: (before it opened, after it closed).
_OPEN_ONLY = {
    "re-rating": (N_("The consensus round is not open yet, so re-rating has not begun."),
                  N_("The consensus round is closed, so re-rating is over.")),
    "voting": (N_("The consensus round is not open yet, so voting has not begun."),
               N_("The consensus round is closed, so voting is over.")),
    "answering": (N_("The consensus round is not open yet, so answering has not begun."),
                  N_("The consensus round is closed, so answering is over.")),
}


def phase_problem(state: RoundState, what: str) -> str | None:
    """None when ``what`` ("re-rating", "voting", "answering", "a decision") may happen in the
    round's current phase; otherwise one sentence."""
    if what == "a decision":
        if state.phase == ROUND_ONE:
            return tr("Open the consensus round before recording the room's decision.")
        return None
    before, after = _OPEN_ONLY[what]
    if state.phase == ROUND_ONE:
        return tr(before)
    if state.phase == CLOSED:
        return tr(after)
    return None


def decision_words(status: str) -> str:
    """A decision's status as the reader's language says it (stored and exported as a code)."""
    if status == "agreed":
        return tr_p("decision", "Agreed")
    if status == "dissent":
        return tr_p("decision", "Agreed, with a recorded dissent")
    if status == "deferred":
        return tr_p("decision", "Deferred: evidence needed")
    return status
