"""Levels: an answer's level today and its target are whole numbers from 1 to 5; "don't know"
(no level today) carries no target; a target is not below today's level.

Each problem is said in one sentence, the same at every door an answer comes through (the
store, bundle import, the phone page and the kiosk), so whoever meets it reads the same words."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.questionnaire import LEVEL_COUNT
from ..i18n import N_, tr

# A value that is not a level, one whole sentence per level of an answer.
NOT_A_LEVEL = {
    "current": N_("Today's level must be a whole number from 1 to {count}, not {value}."),
    "target": N_("The target level must be a whole number from 1 to {count}, not {value}."),
}
DONT_KNOW_WITH_TARGET = N_("A target needs today's level; with 'Don't know' there is no target.")


def is_level(value: object) -> bool:
    """A level is a whole number from 1 to 5 (true and false are not levels)."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and 1 <= value <= LEVEL_COUNT)


def shown(value: object) -> str:
    """A value that is not a level, in plain words: a whole number as written, anything else
    by its kind (a phone sends JSON, a program may send anything)."""
    if isinstance(value, bool):
        # Translators: what was sent instead of a number ("..., not true or false.")
        return tr("true or false")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Translators: what was sent instead of a whole number ("..., not a decimal number.")
        return tr("a decimal number")
    if isinstance(value, str):
        # Translators: what was sent instead of a number ("..., not text.")
        return tr("text")
    # Translators: what was sent instead of a number ("..., not a list or object.")
    return tr("a list or object")


@dataclass(frozen=True)
class LevelProblem:
    """What is wrong with an answer's levels: which one (``current`` or ``target``) and the
    sentence that says it; ``target_below_today`` for a target below today's level, which the
    kiosk clears instead of refusing when today's level is chosen again."""

    level: str
    sentence: str
    target_below_today: bool = False


def value_problem(level: str, value: object) -> LevelProblem | None:
    """None when ``value`` may stand as the ``level`` ("current" or "target") of an answer on
    its own: a level, or None (don't know; no target yet)."""
    if value is None or is_level(value):
        return None
    sentence = NOT_A_LEVEL[level]
    return LevelProblem(level, tr(sentence, count=LEVEL_COUNT, value=shown(value)))


def level_problem(current: object, target: object) -> LevelProblem | None:
    """None when ``current`` and ``target`` may be saved together (either may be None: "don't
    know", or no target yet, but not a target without today's level); otherwise the first
    thing wrong with them."""
    problem = value_problem("current", current) or value_problem("target", target)
    if problem:
        return problem
    if current is None and target is not None:
        return LevelProblem("target", tr(DONT_KNOW_WITH_TARGET))
    if isinstance(current, int) and isinstance(target, int) and target < current:
        return LevelProblem("target", tr(
            "The target level ({target}) cannot be below today's level ({current}): choose "
            "{current} or higher (the same level means 'hold this level').",
            target=target, current=current), True)
    return None
