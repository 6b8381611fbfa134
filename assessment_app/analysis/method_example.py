"""The method page's worked example, computed from this workshop: its most pressing statement
worked through from the numbers the gap tables print, what it calls for, and the first action
the ranking rests mainly on it. Every client's report shows its own room's arithmetic, never a
fixed demo text, so a reader can redo it from the same PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES, role_label
from ..i18n import N_, formats, tr, tr_n
from .item_stats import GOOD_LEVEL, VISIBILITY_LEVELS, ItemScore, shown_gap, visibility_term
from .numbers import percent, reported, rounded, whole_percent
from .plan_story import in_sentence, listed, quoted
from .ranking import MISMATCH_FACTOR, ActionScore, effort_divisor
from .reasons import EFFORT_WORDS, FIXES_WORDS
from .summary import answering

if TYPE_CHECKING:
    from .workshop import ScoredWorkshop

CALLS_FOR_WORDS = {
    "build": N_("The largest part is the level is what falls short, so it calls for building."),
    "reconcile": N_("The largest part is the functions see it differently, so it calls for "
                    "establishing the facts before building anything."),
    "visibility": N_("The largest part is many could not say, so it calls for making it visible "
                     "first.")}


def _g(value: float) -> str:
    """A factor as short as it is exact, with the language's decimal mark."""
    return f"{value:g}".replace(".", formats.decimal_mark())


def _room(scored: ScoredWorkshop) -> str:
    counts = {role: answering(scored, role) for role in ROLES}
    return tr_n("In this workshop {marketing} marketing and {n} IT executive answered.",
                "In this workshop {marketing} marketing and {n} IT executives answered.",
                counts["it"], marketing=counts["marketing"])


def _levels(score: ItemScore) -> str:
    given = [(in_sentence(role), m) for role in ROLES
             if (m := score.roles[role].mean_current) is not None]
    if not given and score.pooled is not None and score.pooled.mean_current is not None:
        given = [(tr("all respondents together"), score.pooled.mean_current)]
    withheld = [in_sentence(role) for role in ROLES if score.roles[role].withheld]
    # Translators: the clauses that open the worked example's arithmetic
    hidden = tr("{functions}'s levels are withheld, as fewer than {n} gave one",
                functions=listed(withheld), n=score.minimum) if withheld else ""
    if not given:
        return hidden or tr("nobody gave a level")
    said = listed([tr("{function} puts it at {level}", function=who, level=reported(m))
                   for who, m in given])
    return f"{said} ({hidden})" if hidden else said


def _need(score: ItemScore) -> str:
    """The statement's need as a sum of the numbers printed in the gap table."""
    means = [m for r in score.levels_used() if (m := r.mean_current) is not None]
    share = whole_percent(score.visibility_gap or 0.0)
    average = sum(rounded(m) for m in means) / len(means) if means else None
    short = (tr("the room's average {average} is {short} below {good}",
                average=reported(average), short=reported(score.shortfall),
                good=reported(GOOD_LEVEL)) if average is not None and score.shortfall
             else tr("the room's average is not below {good}", good=reported(GOOD_LEVEL)))
    gap = abs(shown_gap(score.roles) or 0.0) if score.item.compared else 0.0
    return tr("{levels} (a perception gap of {gap}); the room wants to climb {ambition} levels; "
              "{share} could not say, which counts {factor} × {share} = {visibility}; {short}. "
              "Its need is {weight} × ({ambition} + {gap} + {visibility} + {shortfall}) = "
              "{need}.", levels=_levels(score), gap=reported(gap),
              ambition=reported(score.ambition_gap or 0.0), share=percent(share),
              factor=_g(VISIBILITY_LEVELS),
              visibility=reported(visibility_term(score.visibility_gap)), short=short,
              weight=_g(score.item.weight), shortfall=reported(score.shortfall or 0.0),
              need=reported(score.priority))


def _action(action: ActionScore, number: int | None) -> str:
    effort = action.action.effort
    does, calls = FIXES_WORDS[action.action.fixes], FIXES_WORDS[action.calls_for or ""]
    # Translators: a remark in the worked example's arithmetic, after the effort
    misfit = ("" if action.fits else
              tr(", × {factor} because it does {does} where the statement calls for {calls}",
                 factor=_g(MISMATCH_FACTOR), does=tr(does), calls=tr(calls)))
    size = EFFORT_WORDS.get(effort)
    values = {"action": action.action.title, "value": reported(action.value),
              "divisor": _g(effort_divisor(effort)), "effort": tr(size) if size else effort,
              "misfit": misfit, "priority": reported(action.own_priority)}
    if number:
        return tr("‘{action}’ rests mainly on it: its value is {value} (this need in full, each "
                  "further statement it answers half the one before), divided by {divisor} for "
                  "a {effort} effort{misfit}: priority {priority}: action {number} of the plan.",
                  number=number, **values)
    if action.waits_for:
        return tr("‘{action}’ rests mainly on it: its value is {value} (this need in full, each "
                  "further statement it answers half the one before), divided by {divisor} for "
                  "a {effort} effort{misfit}: priority {priority}; it is not in the plan: "
                  "{function} did not take part and would lead it.",
                  function=role_label(action.waits_for), **values)
    return tr("‘{action}’ rests mainly on it: its value is {value} (this need in full, each "
              "further statement it answers half the one before), divided by {divisor} for a "
              "{effort} effort{misfit}: priority {priority}; it is not in the plan.", **values)


def _tied(scored: ScoredWorkshop, top: ItemScore) -> str:
    """', one of 12 statements tied at the top' when the ranking cannot tell them apart."""
    tied = sum(1 for s in scored.scores.items if s.shared_rank == top.shared_rank)
    # Translators: a remark in brackets after a statement's weight: "(weight 1, one of 12 …)"
    return tr(", one of {count} statements tied at the top", count=tied) if tied > 1 else ""


def worked_example(scored: ScoredWorkshop) -> tuple[str, ...]:
    """Paragraphs working through this workshop's most pressing statement and the first action
    resting mainly on it; () before anyone gave a level."""
    ranked = [s for s in scored.scores.ranked_items if s.priority]
    if not ranked:
        return ()
    top = ranked[0]
    lines = [_room(scored),
             tr("Its most pressing statement is {statement} (weight {weight}{tied}): {need}",
                statement=quoted(top.item), weight=_g(top.item.weight),
                tied=_tied(scored, top), need=_need(top))]
    if top.reason:
        calls = CALLS_FOR_WORDS[top.reason]
        lines.append(tr(calls))
    first = next((a for a in scored.scores.actions if a.main_item == top.item.id
                  and a.own_priority), None)
    if first is not None:
        lines.append(_action(first, scored.numbers.get(first.action.id)))
    return tuple(lines)
