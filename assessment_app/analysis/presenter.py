"""What the projector shows of one statement in the consensus round, decided before any
drawing: both functions' wordings, the five levels, per function how many chose each level
(never who) in round 1 and, once re-rated, in round 2, and the round-1 comments by function.

The privacy threshold holds here as everywhere (``rules.privacy``): a function's dots are shown
only when its measures are (``analysis.consensus``: 3 answers or more, and never where the
other's would give it away), and its comments only when at least that many of the function
answered the statement; otherwise the slide says "fewer than 3" and shows no comment of that
function. Comments carry their function, never a name, in alphabetical order so their order
tells nothing about who wrote them. No participant's name enters a slide."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..content.questionnaire import LEVEL_COUNT, LEVEL_NAMES, ROLE_LABELS, ROLES, Questionnaire
from ..rules.privacy import PRIVACY_THRESHOLD, threshold, withheld_note
from .consensus import GroupLevels
from .consensus_view import ConsensusView, load_consensus

if TYPE_CHECKING:  # storage pulls in sqlite-utils; this only calls the store it is given
    from ..content.actions import Action
    from ..content.questionnaire import Item
    from ..rules.records import Answer
    from ..store.database import Store

COMMENTS_PER_FUNCTION = 3  # a projector has room for a few; the PDF keeps them all
COMMENT_CHARS = 140  # a longer comment is cut with "…" (whole in the PDF)


@dataclass(frozen=True)
class Strip:
    """One function's answers in one round: how many chose each level (None: withheld) and
    how many said "don't know"."""

    role: str
    counts: tuple[int, ...] | None
    dont_know: int
    median: float | None
    minimum: int = PRIVACY_THRESHOLD  # the workshop's privacy threshold

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def withheld(self) -> str:
        return withheld_note(self.minimum) if self.counts is None else ""


@dataclass(frozen=True)
class Slide:
    """One statement as the projector shows it; ``round2`` is empty until at least one
    function's re-ratings may be shown."""

    item_id: str
    number: int  # from 1, in the facilitator's order
    total: int
    wordings: tuple[tuple[str, str], ...]  # (function label, its wording), marketing first
    levels: tuple[tuple[int, str, str], ...]  # (level, name, text)
    round1: tuple[Strip, ...]
    round2: tuple[Strip, ...]
    comments: tuple[tuple[str, tuple[str, ...]], ...]  # (function label, comments)
    rerated: int

    @property
    def revoted(self) -> bool:
        return any(s.counts is not None for s in self.round2)


def strip(role: str, group: GroupLevels) -> Strip:
    if group.measures is None:
        return Strip(role, None, 0, None, group.minimum)
    counts = tuple(group.levels.count(level) for level in range(1, LEVEL_COUNT + 1))
    return Strip(role, counts, group.dont_know, group.measures.median, group.minimum)


def cut(text: str, limit: int = COMMENT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def round1_comments(item_id: str, answers: Sequence[Answer], role_of: Mapping[str, str],
                    minimum: int = PRIVACY_THRESHOLD) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The statement's round-1 comments by function, alphabetical, a few each; nothing of a
    function fewer than the threshold answered (its comments would point at someone)."""
    mine = [a for a in answers if a.item_id == item_id and a.participant_id in role_of]
    shown = []
    for role in ROLES:
        theirs = [a for a in mine if role_of[a.participant_id] == role]
        if len(theirs) < threshold(minimum):
            continue
        texts = sorted((a.comment.strip() for a in theirs if a.comment.strip()),
                       key=lambda t: (t.casefold(), t))
        if texts:
            shown.append((ROLE_LABELS[role],
                          tuple(cut(t) for t in texts[:COMMENTS_PER_FUNCTION])))
    return tuple(shown)


def slide(view: ConsensusView, item: Item, number: int, total: int,
          round1: Sequence[Answer], role_of: Mapping[str, str]) -> Slide:
    rounds = view.statements[item.id]
    twice = tuple(strip(role, rounds.round2[role]) for role in ROLES)
    return Slide(
        item.id, number, total,
        tuple((ROLE_LABELS[role], item.text_for(role)) for role in ROLES),
        tuple((n, LEVEL_NAMES[n - 1], text) for n, text in enumerate(item.levels, start=1)),
        tuple(strip(role, rounds.round1[role]) for role in ROLES),
        twice if any(s.counts is not None for s in twice) else (),
        round1_comments(item.id, round1, role_of, view.minimum), rounds.rerated)


@dataclass(frozen=True)
class Tally:
    """The room's dots on actions, most first (how many, never whose); ``withheld`` while
    fewer than the privacy threshold have voted (a total of one or two people's dots would
    tell what they chose)."""

    rows: tuple[tuple[str, int], ...]  # (action title, dots)
    voters: int
    withheld: bool
    minimum: int = PRIVACY_THRESHOLD  # the workshop's privacy threshold


def tally(view: ConsensusView, actions: Sequence[Action]) -> Tally:
    titles = {a.id: a.title for a in actions}
    rows = sorted(((titles.get(a, a), n) for a, n in view.votes.items() if n > 0),
                  key=lambda row: (-row[1], row[0].casefold()))
    return Tally(tuple(rows), view.voters, view.voters < view.minimum, view.minimum)


def load_presentation(store: Store, workshop_id: str, items: Sequence[str] | None = None,
                      actions: Sequence[Action] = (),
                      shown: Callable[[Questionnaire], Questionnaire] | None = None
                      ) -> tuple[list[Slide], Tally]:
    """The statements' slides (``load_slides``) and the tally of dots on ``actions`` (the
    action library), from one reading."""
    view = load_consensus(store, workshop_id, {a.id for a in actions})
    return load_slides(store, workshop_id, items, view, shown), tally(view, actions)


def load_slides(store: Store, workshop_id: str, items: Sequence[str] | None = None,
                view: ConsensusView | None = None,
                shown: Callable[[Questionnaire], Questionnaire] | None = None) -> list[Slide]:
    """The slides of ``items`` (by default the round's selected statements) in that order;
    ``shown`` gives the stored questionnaire in the words to show (``Wording``)."""
    view = view or load_consensus(store, workshop_id, library=())  # its dots are not read
    chosen = list(items) if items is not None else list(view.selected)
    questionnaire = store.questionnaire_for(workshop_id)
    if shown is not None:
        questionnaire = shown(questionnaire)
    by_id = {item.id: item for item in questionnaire.items}
    role_of = {p.id: p.role for p in store.participants(workshop_id) if p.role in ROLES}
    round1 = store.answers_for_workshop(workshop_id)
    chosen = [i for i in chosen if i in by_id]
    return [slide(view, by_id[item_id], n, len(chosen), round1, role_of)
            for n, item_id in enumerate(chosen, start=1)]
