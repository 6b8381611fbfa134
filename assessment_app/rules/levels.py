"""Levels: an answer's level today and its target are whole numbers from 1 to 5, and a target
is not below today's level."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.questionnaire import LEVEL_COUNT


def is_level(value: object) -> bool:
    """A level is a whole number from 1 to 5 (true and false are not levels)."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and 1 <= value <= LEVEL_COUNT)


@dataclass(frozen=True)
class LevelProblem:
    """What is wrong with an answer's levels: which one (``current`` or ``target``), its value,
    and, for a target below today's level, today's level (``below``)."""

    level: str
    value: object
    below: int | None = None

    @property
    def target_below_today(self) -> bool:
        return self.below is not None

    @property
    def sentence(self) -> str:
        if self.below is not None:
            return (f"The target level ({self.value}) cannot be below the current level "
                    f"({self.below}).")
        return f"The {self.level} level must be 1 to {LEVEL_COUNT}, not {self.value!r}."


def level_problem(current: object, target: object) -> LevelProblem | None:
    """None when ``current`` and ``target`` may be saved together (either may be None: "don't
    know", or no target yet); otherwise the first thing wrong with them."""
    for name, value in (("current", current), ("target", target)):
        if value is not None and not is_level(value):
            return LevelProblem(name, value)
    if isinstance(current, int) and isinstance(target, int) and target < current:
        return LevelProblem("target", target, below=current)
    return None
