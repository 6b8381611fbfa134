"""An action's success test in a form a later workshop can judge: one or more conditions, each
"at least SHARE% of FUNCTION(S) rate STATEMENT at LEVEL or above". A follow-up workshop (or the
pulse check) answers the same statement ids, so the test is met, not met or not measurable
without anyone reading a sentence; the sentence the plan prints ("It worked when ...") is
generated from the conditions, so the two never drift apart.

How a condition is judged (docs/questionnaires.md, "Success tests"): for each function it
names, the share of that function's follow-up answers to the statement that give a current
level at or above ``level``, counting only those who gave a level (don't-knows excluded), must
be at least ``share``. The test is met when every condition holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import formats, tr
from .questionnaire import ROLES
from .questionnaire_file import Problems, level_number, percentage, require_text, type_name

CONDITION_FIELDS = ("statement", "level", "share", "functions", "about")


@dataclass(frozen=True)
class SuccessCondition:
    statement: str  # an item id
    level: int  # 1-5: the level counted as reached, or any above it
    share: float  # 0-100: the percentage of each named function that must reach it
    functions: tuple[str, ...] = ROLES  # each judged on its own ("marketing", "it")
    about: str = ""  # a few words naming the statement in the sentence (else its id)

    @property
    def sentence(self) -> str:
        """The condition in words, naming the statement by ``about`` (else its id): "at least
        75% in each function rate the leaders' meetings at level 4 or above"."""
        return self.worded(self.about or self.statement)

    def worded(self, statement: str) -> str:
        """The condition in words, with ``statement`` as the name of the statement (a report
        quotes the workshop's own wording)."""
        # the share as exact as the file gives it (75%, 62.5%), as the language writes it
        share = formats.percent(0).replace(
            "0", f"{self.share:g}".replace(".", formats.decimal_mark()), 1)
        # Translators: a condition completing "It worked when …"
        if set(self.functions) == set(ROLES):
            return tr("at least {share} in each function rate {statement} at level {level} or "
                      "above", share=share, statement=statement, level=self.level)
        if self.functions[0] == "marketing":
            return tr("at least {share} of marketing rate {statement} at level {level} or above",
                      share=share, statement=statement, level=self.level)
        return tr("at least {share} of IT rate {statement} at level {level} or above",
                  share=share, statement=statement, level=self.level)

    def report(self) -> dict[str, Any]:
        """The condition as JSON, the form a follow-up comparison reads."""
        return {"statement": self.statement, "level": self.level, "share": self.share,
                "functions": list(self.functions)}


def success_text(conditions: Sequence[SuccessCondition], names: Sequence[str] = ()) -> str:
    """The completion of "It worked when ..." for a structured test; ``names`` (one per
    condition) name the statements instead of their ``about``."""
    parts = [c.worded(name) for c, name in zip(conditions, names, strict=True)] if names \
        else [c.sentence for c in conditions]
    # Translators: joins the conditions of a success test: "at least 75% …, and at least 60% …"
    return tr(", and ").join(parts)


def parse_success_test(problems: Problems, where: str, value: Any, items: Sequence[str]
                       ) -> tuple[SuccessCondition, ...]:
    """A structured ``success``: a condition or a list of them, each naming one of the action's
    own statements, a level from 1 to 5 and a share from 0 to 100."""
    raw_list = [value] if isinstance(value, Mapping) else value
    if not raw_list:
        problems.add(where, tr("'{key}' is empty", key="success"))
    conditions = []
    for index, raw in enumerate(raw_list):
        at = f"{where}: success" if isinstance(value, Mapping) else f"{where}: success #{index + 1}"
        if not isinstance(raw, Mapping):
            problems.add(at, tr("must be a condition (statement, level, share), found {found}",
                                found=type_name(raw)))
            continue
        condition = _condition(problems, at, raw, items)
        if condition is not None:
            conditions.append(condition)
    return tuple(conditions)


def _condition(problems: Problems, at: str, raw: Mapping, items: Sequence[str]
               ) -> SuccessCondition | None:
    before = len(problems.messages)
    for key in raw:
        if key not in CONDITION_FIELDS:
            problems.add(at, tr("unknown field {key} (expected {fields})", key=repr(key),
                                fields=", ".join(CONDITION_FIELDS)))
    statement = require_text(problems, at, raw, "statement")
    if statement and statement not in items:
        problems.add(at, tr("'statement' {statement} is not among the action's 'items'",
                            statement=repr(statement)))
    level = level_number(problems, at, raw, "level")
    share = percentage(problems, at, raw, "share")
    functions = _functions(problems, at, raw.get("functions", list(ROLES)))
    about = require_text(problems, at, raw, "about", required=False)
    if len(problems.messages) > before:
        return None
    return SuccessCondition(statement, level, share, functions, about)


def _functions(problems: Problems, at: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        found = type_name(value) if value != [] else tr("an empty list")
        problems.add(at, tr("'functions' must be a list of marketing and it, found {found}",
                            found=found))
        return ROLES
    unknown = [f for f in value if f not in ROLES]
    if unknown:
        problems.add(at, tr("'functions' names {name}; the functions are marketing and it",
                            name=repr(unknown[0])))
        return ROLES
    return tuple(r for r in ROLES if r in value)
