"""One answer as every door checks it before anything is stored: its round (``round_problem``:
round 1 closes when the consensus round opens; round 2 only for the selected statements while
the round is open), its levels (``levels``) and its comment, cleaned and within its limit
(``text``). The store, bundle import, the phone page and the kiosk all ask ``answer_problem``
and refuse with its sentence."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, tr
from .consensus import ROUNDS, RoundState, phase_problem
from .levels import level_problem
from .stamps import stamp_order
from .text import too_long

ROUND_ONE_CLOSED = N_("Round 1 closed when the consensus round opened, so this answer can no "
                    "longer be given or changed.")


@dataclass(frozen=True)
class AnswerProblem:
    """Which part of an answer is wrong (``round``, ``current``, ``target`` or ``comment``) and
    the one sentence that says so."""

    field: str
    sentence: str


def round_problem(round_no: object, state: RoundState | None = None, item_id: str = "",
                  answered_at: str | None = None) -> str | None:
    """None when an answer of round ``round_no`` to ``item_id`` may be stored in a workshop
    whose consensus round is ``state`` (None: not known here, only the round's value is
    checked). Round 1 is closed once the round opened; an answer carried from another laptop
    (``answered_at`` given) was late only if given after the opening. Round 2 takes only the
    selected statements, only while the round is open."""
    if round_no not in ROUNDS or isinstance(round_no, bool):
        return tr("An answer's round must be 1 or 2.")
    if state is None:
        return None
    if round_no == 1:
        late = state.round_one_closed and (
            answered_at is None or stamp_order(answered_at) > stamp_order(state.opened_at))
        return tr(ROUND_ONE_CLOSED) if late else None
    if answered_at is not None:  # carried: the laptop that took it applied the round's rules
        return None
    phase = phase_problem(state, "re-rating")
    if phase:
        return phase
    if item_id not in state.items:
        return tr("This statement was not chosen for the consensus round, so it has no round 2.")
    return None


def answer_problem(current: object, target: object, comment: str, round_no: object = 1,
                   state: RoundState | None = None, item_id: str = "",
                   answered_at: str | None = None) -> AnswerProblem | None:
    """None when an answer of ``current`` and ``target`` with ``comment`` (already cleaned by
    ``text.clean_text``) may be stored; otherwise the first thing wrong with it. The round's
    arguments are ``round_problem``'s."""
    late = round_problem(round_no, state, item_id, answered_at)
    if late:
        return AnswerProblem("round", late)
    levels = level_problem(current, target)
    if levels:
        return AnswerProblem(levels.level, levels.sentence)
    long = too_long("comment", comment)
    if long:
        return AnswerProblem("comment", long)
    return None
