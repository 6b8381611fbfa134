"""An honest cut-off: the plan holds a few actions, and where its last place is decided by less
than the numbers can tell, the plan page says so instead of dropping the others silently.

- A tie at the cut-off: an action left out of the plan whose priority is within the tie margin
  below the lowest included one is named, with both priorities: the numbers cannot choose
  between them, the room does.
- The summary's blind spot: when the summary names a largest blind spot
  (``summary.blind_spots``) and no action in the plan answers any of its statements, the
  best-ranked action that does is named, so the plan never silently leaves the summary's own
  headline unanswered.

An action that waits for a function that did not take part (``ActionScore.waits_for``) is never
offered: nobody in the room could own it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..i18n import tr, tr_n
from .numbers import reported
from .plan_story import quoted
from .reasons import names
from .summary import blind_spots
from .ties import within_margin

if TYPE_CHECKING:
    from .ranking import ActionScore
    from .report_model import PrintedAction
    from .workshop import ScoredWorkshop

SHOWN = 3  # actions a note names before it counts the rest


def _priority(printed: PrintedAction) -> float | None:
    return None if printed.score is None else printed.score.priority


def _lowest(printed: Sequence[PrintedAction]) -> float | None:
    """The lowest priority of the actions in the plan (None when none is ranked)."""
    return min((p for p in map(_priority, printed) if p is not None), default=None)


def _tied_below(scored: ScoredWorkshop, inside: set[str], lowest: float) -> list[ActionScore]:
    """Actions left out, offerable, within the tie margin below ``lowest``."""
    margin = scored.scores.tie_margin
    return [s for s in scored.scores.actions
            if s.action.id not in inside and not s.waits_for and s.priority
            and s.priority <= lowest and within_margin(s.priority, lowest, margin)]


def _tie_note(scored: ScoredWorkshop, printed: Sequence[PrintedAction], lowest: float,
              left: list[ActionScore], answers: list[ActionScore]) -> str:
    margin = scored.scores.tie_margin
    # the plan's lowest, each at the priority the sentence prints ("action 8 at 3.13"); those
    # merely near it have other priorities, and may be further from the ones left out
    last = [str(p.number) for p in printed
            if (q := _priority(p)) is not None and reported(q) == reported(lowest)]
    # Translators: an action left out in the list of "The plan’s cut-off falls inside a tie: …"
    shown = [tr("‘{action}’ ({priority}, which answers the summary’s largest blind spot)",
                action=s.action.title, priority=reported(s.priority)) if s in answers
             else tr("‘{action}’ ({priority})", action=s.action.title,
                     priority=reported(s.priority)) for s in left[:SHOWN]]
    if len(left) > SHOWN:
        shown.append(tr("{count} more", count=len(left) - SHOWN))
    values = {"left": names(shown), "margin": reported(margin), "last": names(last),
              "lowest": reported(lowest)}
    if len(left) == 1:
        return tr_n("The plan’s cut-off falls inside a tie: {left} is left out, yet within "
                    "{margin} (one person moving one level) of action {last} at {lowest}. The "
                    "numbers cannot choose between them: the room does.",
                    "The plan’s cut-off falls inside a tie: {left} is left out, yet within "
                    "{margin} (one person moving one level) of actions {last} at {lowest}. The "
                    "numbers cannot choose between them: the room does.", len(last), **values)
    return tr_n("The plan’s cut-off falls inside a tie: {left} are left out, yet within {margin} "
                "(one person moving one level) of action {last} at {lowest}. The numbers cannot "
                "choose between them: the room does.",
                "The plan’s cut-off falls inside a tie: {left} are left out, yet within {margin} "
                "(one person moving one level) of actions {last} at {lowest}. The numbers cannot "
                "choose between them: the room does.", len(last), **values)


def _blind_spot_note(scored: ScoredWorkshop, best: ActionScore) -> str:
    return tr("No action in the plan answers the summary’s largest blind spot ({statement}): "
              "‘{action}’ (priority {priority}) would; add it if the room wants that blind spot "
              "closed.", statement=quoted(blind_spots(scored)[0].item), action=best.action.title,
              priority=reported(best.priority))


def cut_off_notes(scored: ScoredWorkshop, printed: Sequence[PrintedAction]) -> tuple[str, ...]:
    """What the plan page says about its cut-off (module docstring); () when nothing is tied
    at it and the plan answers the summary's blind spot."""
    lowest = _lowest(printed)
    if lowest is None:
        return ()
    inside = {p.id for p in printed}
    left = _tied_below(scored, inside, lowest)
    spots = {s.item.id for s in blind_spots(scored)} if scored.headlines else set()
    answers = [s for s in scored.scores.actions if spots & set(s.item_ids) and not s.waits_for]
    notes = [_tie_note(scored, printed, lowest, left, answers)] if left else []
    named = any(s in answers for s in left)
    if answers and not named and not any(s.action.id in inside for s in answers):
        notes.append(_blind_spot_note(scored, answers[0]))
    return tuple(notes)
