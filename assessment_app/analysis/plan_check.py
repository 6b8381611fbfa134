"""The plan checked: every action of the baseline's plan, its "It worked when" test judged
against the follow-up's answers.

A test is a list of conditions, each "at least SHARE% of each named function rate STATEMENT at
LEVEL or above" (``content/success``). For each function a condition names: the share of that
function's follow-up answers to the statement that give a current level at or above ``level``
(don't-knows excluded) must be at least ``share``. The verdict:

- ``met``: every condition holds for every function it names;
- ``not met``: some condition fails for some function (with the figures that show it);
- ``not measurable``: nothing failed, but something could not be judged: the action has no
  machine-checkable test, the follow-up did not ask the statement, or a function gave fewer
  levels than the privacy threshold (a share of one or two people is never shown).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..content.questionnaire import Questionnaire, role_label
from ..i18n import formats, tr
from ..rules.privacy import PRIVACY_THRESHOLD
from ..rules.records import Answer, Participant
from .plan_story import quoted

# The outcomes as the results' JSON names them; ``outcome_label`` shows them.
MET, NOT_MET, NOT_MEASURABLE = "met", "not met", "not measurable"  # not translated: keys


def outcome_label(outcome: str) -> str:
    """An outcome as a reader of the current language says it."""
    if outcome == MET:
        return tr("met")
    return tr("not met") if outcome == NOT_MET else tr("not measurable")


class Condition(Protocol):
    """What the judge needs of one condition of a success test."""

    @property
    def statement(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def share(self) -> float: ...
    @property
    def functions(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Measured:
    """One function's figure for one condition."""

    function: str
    n: int  # levels given
    reached: int  # of them at ``level`` or above
    share: float | None  # percent; None when withheld (fewer than the threshold)
    outcome: str  # met | not met | not measurable


@dataclass(frozen=True)
class ConditionCheck:
    statement: str
    level: int
    share: float  # required
    measured: tuple[Measured, ...]
    note: str = ""  # why it could not be judged
    name: str = ""  # the statement in words: the library's ``about``, else its own wording
    minimum: int = PRIVACY_THRESHOLD  # the privacy threshold a figure is withheld under

    @property
    def outcome(self) -> str:
        return _combined([m.outcome for m in self.measured]) if self.measured else NOT_MEASURABLE


@dataclass(frozen=True)
class Verdict:
    action: str
    title: str
    verdict: str
    checks: tuple[ConditionCheck, ...]
    note: str = ""

    @property
    def sentence(self) -> str:
        """The figures in words: "IT 67% (4 of 6) at level 4 or above, 75% needed"."""
        if self.note:
            return self.note
        return "; ".join(_check_sentence(c) for c in self.checks)


def judge(action_id: str, title: str, conditions: Sequence[Condition], followup: Questionnaire,
          participants: Iterable[Participant], answers: Iterable[Answer],
          minimum: int = PRIVACY_THRESHOLD, baseline: Questionnaire | None = None) -> Verdict:
    """One action's verdict against the follow-up's answers (``baseline``: where a statement
    the follow-up dropped finds its wording)."""
    if not conditions:
        return Verdict(action_id, title, NOT_MEASURABLE, (),
                       tr("Its test is not one the answers can check."))
    roles = {p.id: p.role for p in participants}
    levels: dict[tuple[str, str], list[int]] = {}
    for a in answers:
        if a.current is not None and a.participant_id in roles:
            levels.setdefault((a.item_id, roles[a.participant_id]), []).append(a.current)
    checks = tuple(_check(c, followup, levels, minimum, _name(c, followup, baseline))
                   for c in conditions)
    return Verdict(action_id, title, _combined([c.outcome for c in checks]), checks)


def _name(c: Condition, followup: Questionnaire, baseline: Questionnaire | None) -> str:
    """A client page never prints an item id: the condition's ``about``, else the statement's
    wording in the follow-up (or the baseline, for a dropped one); the id only when neither
    has it."""
    about = getattr(c, "about", "")
    if about:
        return about
    for q in (followup, baseline):
        item = q.item(c.statement) if q is not None else None
        if item is not None:
            return quoted(item)
    return c.statement


def _check(c: Condition, followup: Questionnaire, levels: Mapping[tuple[str, str], list[int]],
           minimum: int, name: str) -> ConditionCheck:
    if followup.item(c.statement) is None:
        return ConditionCheck(c.statement, c.level, c.share, (),
                              tr("The follow-up did not ask {statement}.", statement=name), name)
    measured = []
    for role in c.functions:
        given = levels.get((c.statement, role), [])
        reached = sum(level >= c.level for level in given)
        if len(given) < minimum:
            measured.append(Measured(role, len(given), 0, None, NOT_MEASURABLE))
            continue
        share = 100 * reached / len(given)
        measured.append(Measured(role, len(given), reached, share,
                                 MET if share >= c.share else NOT_MET))
    return ConditionCheck(c.statement, c.level, c.share, tuple(measured), name=name,
                          minimum=minimum)


def _combined(outcomes: Sequence[str]) -> str:
    if NOT_MET in outcomes:
        return NOT_MET
    return NOT_MEASURABLE if NOT_MEASURABLE in outcomes else MET


def _check_sentence(c: ConditionCheck) -> str:
    if c.note:
        return c.note
    parts = []
    # Translators: one function's result in "‘…’ at level 4 or above: Marketing 80% (4 of 5), …"
    for m in c.measured:
        who = role_label(m.function)
        if m.share is None:
            parts.append(tr("{function}: fewer than {n} answers", function=who,
                            n=c.minimum))
        else:
            parts.append(tr("{function} {share} ({reached} of {count})", function=who,
                            share=formats.percent(m.share, 0), reached=m.reached, count=m.n))
    needed = formats.percent(0).replace("0", f"{c.share:g}".replace(".", formats.decimal_mark()),
                                        1)
    return tr("{statement} at level {level} or above: {results} ({needed} needed)",
              statement=c.name or c.statement, level=c.level, results=", ".join(parts),
              needed=needed)
