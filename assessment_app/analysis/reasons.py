"""Why each ranked action stands where it does, in sentences a facilitator can read aloud.

Each action's reasons: a plain sentence naming the statements that put it there, its own
formula, what it adds in the plan when actions above share its statements, a note when it is
held back or tied, and one line per statement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..content.questionnaire import ROLE_LABELS, ROLES
from ..rules.privacy import PRIVACY_THRESHOLD, withheld_label
from .agreed import agreed_parts, agreed_words
from .item_stats import GOOD_LEVEL, ItemScore, RoleStats, shown_gap, visibility_term
from .numbers import reported, rounded
from .ranking import (
    DECAY,
    MISMATCH_FACTOR,
    SAME_STATEMENT_CAP,
    SUGGESTED_SIZE,
    ActionScore,
    effort_divisor,
)

EFFORT_WORDS = {"S": "small", "M": "medium", "L": "large"}
ALL_RESPONDENTS = "all respondents"  # everyone's answers together (``disclosure.pooled``)


def _drivers(score: ItemScore) -> str:
    """What makes a statement pressing, largest part first, in words."""
    if score.agreed is not None:
        return agreed_words(score.agreed)
    parts = (_perception_part(score) + _ambition_part(score) + _visibility_part(score)
             + _shortfall_part(score))
    parts.sort(key=lambda p: -p[0])
    if not parts:
        return "which shows no gap"
    return "where " + " and ".join(text for _, text in parts[:2])


def _perception_part(score: ItemScore) -> list[tuple[float, str]]:
    gap = score.perception_gap
    if gap is None or rounded(abs(gap)) <= 0:
        return []
    higher, lower = ("marketing", "IT") if gap > 0 else ("IT", "marketing")
    return [(abs(gap), f"{higher} rates it {reported(abs(gap))} levels higher than {lower}")]


def _ambition_part(score: ItemScore) -> list[tuple[float, str]]:
    gap = score.ambition_gap
    if gap is None or rounded(gap) <= 0:
        return []
    return [(gap, f"the room wants to climb {reported(gap)} levels")]


def _shortfall_part(score: ItemScore) -> list[tuple[float, str]]:
    short = score.shortfall
    if short is None or short <= 0:
        return []
    return [(short, f"the room puts it {reported(short)} levels below {reported(GOOD_LEVEL)}")]


def _visibility_part(score: ItemScore) -> list[tuple[float, str]]:
    term = visibility_term(score.visibility_gap)
    if term <= 0:
        return []
    shares = {ROLE_LABELS[role]: share for role in ROLES
              if (share := score.roles[role].dont_know_share) is not None}
    if not shares and score.pooled is not None and score.pooled.dont_know_share is not None:
        shares = {ALL_RESPONDENTS: score.pooled.dont_know_share}
    if not shares:
        return []
    role, share = max(shares.items(), key=lambda pair: pair[1])
    return [(term, f"{share:.0f}% of {role} cannot say")]


def names(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _statement_sentence(score: ActionScore, items: Mapping[str, ItemScore],
                        theme_titles: Mapping[str, str]) -> str:
    pressing = [items[i] for i in score.item_ids if items[i].priority]
    if score.own_priority is None:
        return "No statement it answers has been answered yet, so it has no priority."
    if not pressing:
        return (f"The statements it answers ({names(score.item_ids)}) show no gap yet, so it "
                "adds nothing to the plan.")
    main = pressing[0]
    where = f"{main.item.id} ({theme_titles.get(main.item.theme, main.item.theme)})"
    others = [s.item.id + (" (agreed by the room)" if s.agreed else "") for s in pressing[1:]]
    if not others:
        return f"Ranked here by one statement, {where}, {_drivers(main)}."
    adds = "adds to it" if len(others) == 1 else "add to it, each less than the one before"
    return f"Ranked here mainly by {where}, {_drivers(main)}; {names(others)} {adds}."


def _value_sum(needs: Sequence[tuple[float, float]]) -> str:
    """'5.46 + 0.5 × 2.62 + ...' for (need, factor) pairs, highest contribution first."""
    ordered = sorted(needs, key=lambda pair: -(pair[0] * pair[1]))
    parts = []
    for k, (need, factor) in enumerate(ordered):
        weight = DECAY ** k * factor
        parts.append(reported(need) if weight == 1 else f"{weight:g} × {reported(need)}")
    return " + ".join(parts)


def misfit(score: ActionScore) -> str:
    """' × 0.5, as it builds where the statement calls for reconciling' for an action that does
    not fit its main statement; ''."""
    votes = voted(score)
    if score.fits:
        return votes
    return (f" × {MISMATCH_FACTOR:g}, as it does {FIXES_WORDS[score.action.fixes]} where "
            f"{score.main_item} calls for {FIXES_WORDS[score.calls_for or '']}{votes}")


def voted(score: ActionScore) -> str:
    """' × 1.25 for the room's votes (3 dots)' when the room's dots raise it (``agreed``)."""
    if score.importance == 1.0:
        return ""
    return (f" × {score.importance:g} for the room's votes ({score.votes} "
            f"dot{'' if score.votes == 1 else 's'})")


FIXES_WORDS = {"build": "building", "reconcile": "establishing the facts",
               "visibility": "restoring visibility", "": "nothing"}


def _formula(score: ActionScore, items: Mapping[str, ItemScore]) -> str:
    needs = [(p, 1.0) for i in score.item_ids if (p := items[i].priority) is not None]
    effort = score.action.effort
    return (f"priority {reported(score.own_priority)} = value {reported(score.value)} ÷ "
            f"{effort_divisor(effort):g} for a {EFFORT_WORDS.get(effort, effort)} "
            f"effort{misfit(score)}; value = {_value_sum(needs)}")


def _role_phrase(label: str, stats: RoleStats, minimum: int) -> str:
    if stats.counts_withheld:
        return f"{label}: {withheld_label(minimum)} answered"
    unknown = f", {stats.dont_know} don't know" if stats.dont_know else ""
    if stats.withheld:
        return f"{label}: {withheld_label(minimum)} gave a level{unknown}"
    if stats.mean_current is None:
        return f"{label} gave no level{unknown}"
    if stats.ambition_gap is None:
        return f"{label} at {reported(stats.mean_current)}, no target{unknown}"
    return (f"{label} at {reported(stats.mean_current)} wants "
            f"+{reported(stats.ambition_gap)}{unknown}")


def item_reason(score: ItemScore, theme_title: str, minimum: int = PRIVACY_THRESHOLD) -> str:
    """One line a facilitator can read aloud: the item and the numbers behind its priority
    (all respondents' too where the ranking used them, ``disclosure``)."""
    where = f"{score.item.id} ({theme_title})"
    if score.priority is None:
        return f"{where}: no answer yet, so no priority"
    if score.agreed is not None:
        ambition, short = agreed_parts(score.agreed)
        return (f"{where}: priority {reported(score.priority)} = weight {score.item.weight:g} × "
                f"(agreed ambition {reported(ambition)} + shortfall {reported(short)}), "
                f"{agreed_words(score.agreed)}")
    perception = ("no perception gap: each function rates itself" if not score.item.compared
                  else f"perception gap {reported(abs(shown_gap(score.roles) or 0.0))}")
    phrases = [_role_phrase(ROLE_LABELS[role], score.roles[role], minimum) for role in ROLES]
    if score.pooled is not None:
        phrases.append(_role_phrase(ALL_RESPONDENTS, score.pooled, minimum))
    roles = ", ".join(phrases)
    return (f"{where}: priority {reported(score.priority)} = weight {score.item.weight:g} × "
            f"(ambition gap {reported(score.ambition_gap or 0.0)} + {perception} + "
            f"visibility {reported(visibility_term(score.visibility_gap))} + "
            f"shortfall {reported(score.shortfall or 0.0)}); {roles}")


def _counts_because(item_id: str, titles: Sequence[str]) -> str:
    verb = "answers" if len(titles) == 1 else "answer"
    return (f"{item_id} counts {DECAY ** len(titles):g} because "
            f"{names([repr(t) for t in titles])} above already {verb} it")


def _in_plan_line(score: ActionScore, ranked: Sequence[ActionScore],
                  items: Mapping[str, ItemScore]) -> str:
    """How the actions above lower what this one adds, as a formula; '' when they do not."""
    above = ranked[:score.rank - 1]
    answered = [(i, [a for a in above if i in a.item_ids]) for i in score.item_ids]
    shared = [(i, [a.action.title for a in actions]) for i, actions in answered
              if actions and items[i].priority]
    if not shared or score.priority is None or score.plan_value == score.value:
        return ""
    needs = [(p, DECAY ** len(actions)) for i, actions in answered
             if (p := items[i].priority) is not None]
    why = "; ".join(_counts_because(i, titles) for i, titles in shared)
    return (f"In the plan: priority {reported(score.priority)} = value "
            f"{reported(score.plan_value)} ÷ {effort_divisor(score.action.effort):g}"
            f"{misfit(score)}; "
            f"value = {_value_sum(needs)}, as {why}.")


def _standing(score: ActionScore, ranked: Sequence[ActionScore]) -> str:
    """Notes on the action's place (held back, tied), or ''."""
    notes = []
    if score.waits_for:
        notes.append(f"{ROLE_LABELS[score.waits_for]} did not take part and would lead it, so "
                     "it takes no place in the suggested plan until they have answered.")
    if score.held_back:
        notes.append(f"Held back from the first {SUGGESTED_SIZE} places: {SAME_STATEMENT_CAP} "
                     f"actions there already rest mainly on {score.main_item}.")
    if score.tied:
        others = [f"'{s.action.title}'" for s in ranked
                  if s.shared_rank == score.shared_rank and s is not score]
        notes.append(f"Tied with {names(others)}: the priorities differ by less than one "
                     "person moving one level.")
    return " ".join(notes)


def explain(ranked: Sequence[ActionScore], items: Mapping[str, ItemScore],
            theme_titles: Mapping[str, str], minimum: int = PRIVACY_THRESHOLD
            ) -> list[ActionScore]:
    """Each ranked action with its reasons: the sentence, its own formula, what it adds in the
    plan when actions above answer some of its statements, any note on its place (held back,
    tied), and one line per statement (most pressing first)."""
    explained = []
    for s in ranked:
        reasons = [_statement_sentence(s, items, theme_titles)]
        if s.value is not None:
            reasons.append(_formula(s, items))
        reasons += [line for line in (_in_plan_line(s, ranked, items), _standing(s, ranked))
                    if line]
        reasons += [item_reason(items[i], theme_titles.get(items[i].item.theme, ""), minimum)
                    for i in s.item_ids]
        explained.append(replace(s, reasons=tuple(reasons)))
    return explained
