"""The method page's worked example, computed from this workshop: its most pressing statement
worked through from the numbers the gap tables print, what it calls for, and the first action
the ranking rests mainly on it. Every client's report shows its own room's arithmetic, never a
fixed demo text, so a reader can redo it from the same PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.questionnaire import ROLE_LABELS, ROLES
from ..rules.privacy import withheld_label
from .item_stats import GOOD_LEVEL, VISIBILITY_LEVELS, ItemScore, shown_gap, visibility_term
from .numbers import percent, reported, rounded, whole_percent
from .plan_story import in_sentence, quoted
from .ranking import MISMATCH_FACTOR, ActionScore, effort_divisor
from .reasons import EFFORT_WORDS, FIXES_WORDS
from .summary import answering

if TYPE_CHECKING:
    from .workshop import ScoredWorkshop

CALLS_FOR_WORDS = {"build": "the level is what falls short, so it calls for building",
                   "reconcile": "the functions see it differently, so it calls for "
                                "establishing the facts before building anything",
                   "visibility": "many could not say, so it calls for making it visible first"}


def _room(scored: ScoredWorkshop) -> str:
    counts = {role: answering(scored, role) for role in ROLES}
    return (f"In this workshop {counts['marketing']} marketing and {counts['it']} IT "
            f"{'executive' if counts['it'] == 1 else 'executives'} answered.")


def _levels(score: ItemScore) -> str:
    given = [(in_sentence(role), m) for role in ROLES
             if (m := score.roles[role].mean_current) is not None]
    if not given and score.pooled is not None and score.pooled.mean_current is not None:
        given = [("all respondents together", score.pooled.mean_current)]
    withheld = [in_sentence(role) for role in ROLES if score.roles[role].withheld]
    hidden = (f"{' and '.join(withheld)}'s levels are withheld, as "
              f"{withheld_label(score.minimum)} gave one" if withheld else "")
    if not given:
        return hidden or "nobody gave a level"
    said = " and ".join(f"{who} puts it at {reported(m)}" for who, m in given)
    return f"{said} ({hidden})" if hidden else said


def _need(score: ItemScore) -> str:
    """The statement's need as a sum of the numbers printed in the gap table."""
    means = [m for r in score.levels_used() if (m := r.mean_current) is not None]
    share = whole_percent(score.visibility_gap or 0.0)
    average = sum(rounded(m) for m in means) / len(means) if means else None
    short = (f"the room's average {reported(average)} is {reported(score.shortfall)} below "
             f"{reported(GOOD_LEVEL)}" if average is not None and score.shortfall
             else f"the room's average is not below {reported(GOOD_LEVEL)}")
    gap = abs(shown_gap(score.roles) or 0.0) if score.item.compared else 0.0
    return (f"{_levels(score)} (a perception gap of {reported(gap)}); the room wants to climb "
            f"{reported(score.ambition_gap or 0.0)} levels; {percent(share)} could not say, "
            f"which counts {VISIBILITY_LEVELS:g} × {percent(share)} = "
            f"{reported(visibility_term(score.visibility_gap))}; {short}. Its need is "
            f"{score.item.weight:g} × ({reported(score.ambition_gap or 0.0)} + {reported(gap)} "
            f"+ {reported(visibility_term(score.visibility_gap))} + "
            f"{reported(score.shortfall or 0.0)}) = {reported(score.priority)}.")


def _action(action: ActionScore, number: int | None) -> str:
    effort = action.action.effort
    misfit = ("" if action.fits else
              f", × {MISMATCH_FACTOR:g} because it does {FIXES_WORDS[action.action.fixes]} "
              f"where the statement calls for {FIXES_WORDS[action.calls_for or '']}")
    return (f"‘{action.action.title}’ rests mainly on it: its value is "
            f"{reported(action.value)} (this need in full, each further statement it answers "
            f"half the one before), divided by {effort_divisor(effort):g} for a "
            f"{EFFORT_WORDS.get(effort, effort)} effort{misfit}: priority "
            f"{reported(action.own_priority)}"
            + (f": action {number} of the plan." if number else
               f"; it is not in the plan: {ROLE_LABELS[action.waits_for]} did not take part and "
               "would lead it." if action.waits_for else "; it is not in the plan."))


def _tied(scored: ScoredWorkshop, top: ItemScore) -> str:
    """', one of 12 statements tied at the top' when the ranking cannot tell them apart."""
    tied = sum(1 for s in scored.scores.items if s.shared_rank == top.shared_rank)
    return f", one of {tied} statements tied at the top" if tied > 1 else ""


def worked_example(scored: ScoredWorkshop) -> tuple[str, ...]:
    """Paragraphs working through this workshop's most pressing statement and the first action
    resting mainly on it; () before anyone gave a level."""
    ranked = [s for s in scored.scores.ranked_items if s.priority]
    if not ranked:
        return ()
    top = ranked[0]
    lines = [_room(scored),
             f"Its most pressing statement is {quoted(top.item)} (weight "
             f"{top.item.weight:g}{_tied(scored, top)}): {_need(top)}"]
    if top.reason:
        lines.append(f"The largest part is {CALLS_FOR_WORDS[top.reason]}.")
    first = next((a for a in scored.scores.actions if a.main_item == top.item.id
                  and a.own_priority), None)
    if first is not None:
        lines.append(_action(first, scored.numbers.get(first.action.id)))
    return tuple(lines)
