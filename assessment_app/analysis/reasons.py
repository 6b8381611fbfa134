"""Why each ranked action stands where it does, in sentences a facilitator can read aloud.

Each action's reasons: a plain sentence naming the statements that put it there, its own
formula, what it adds in the plan when actions above share its statements, a note when it is
held back or tied, and one line per statement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..content.questionnaire import ROLES, role_label
from ..i18n import N_, formats, tr, tr_n
from ..rules.privacy import PRIVACY_THRESHOLD, withheld_label
from .agreed import agreed_parts, agreed_words
from .item_stats import GOOD_LEVEL, ItemScore, RoleStats, shown_gap, visibility_term
from .numbers import reported, rounded
from .plan_story import listed
from .ranking import (
    DECAY,
    MISMATCH_FACTOR,
    SAME_STATEMENT_CAP,
    SUGGESTED_SIZE,
    ActionScore,
    effort_divisor,
)

# Translators: an action's effort in "÷ 2 for a medium effort"
EFFORT_WORDS = {"S": N_("small"), "M": N_("medium"), "L": N_("large")}
ALL_RESPONDENTS = N_("all respondents")  # everyone's answers together (``disclosure.pooled``)


def _drivers(score: ItemScore) -> str:
    """What makes a statement pressing, largest part first, in words."""
    if score.agreed is not None:
        return agreed_words(score.agreed)
    parts = (_perception_part(score) + _ambition_part(score) + _visibility_part(score)
             + _shortfall_part(score))
    parts.sort(key=lambda p: -p[0])
    # Translators: the end of "Ranked here by one statement, P1.2 (Theme), where …"
    if not parts:
        return tr("which shows no gap")
    if len(parts) == 1:
        return tr("where {reason}", reason=parts[0][1])
    return tr("where {reason} and {reason2}", reason=parts[0][1], reason2=parts[1][1])


def _perception_part(score: ItemScore) -> list[tuple[float, str]]:
    gap = score.perception_gap
    if gap is None or rounded(abs(gap)) <= 0:
        return []
    # Translators: a clause after "where": "where marketing rates it 1.20 levels higher than IT"
    if gap > 0:
        return [(abs(gap), tr("marketing rates it {gap} levels higher than IT",
                              gap=reported(abs(gap))))]
    return [(abs(gap), tr("IT rates it {gap} levels higher than marketing",
                          gap=reported(abs(gap))))]


def _ambition_part(score: ItemScore) -> list[tuple[float, str]]:
    gap = score.ambition_gap
    if gap is None or rounded(gap) <= 0:
        return []
    # Translators: a clause after "where": "where the room wants to climb 1.50 levels"
    return [(gap, tr("the room wants to climb {gap} levels", gap=reported(gap)))]


def _shortfall_part(score: ItemScore) -> list[tuple[float, str]]:
    short = score.shortfall
    if short is None or short <= 0:
        return []
    # Translators: a clause after "where": "where the room puts it 0.80 levels below 3.50"
    return [(short, tr("the room puts it {short} levels below {good}", short=reported(short),
                       good=reported(GOOD_LEVEL)))]


def _visibility_part(score: ItemScore) -> list[tuple[float, str]]:
    term = visibility_term(score.visibility_gap)
    if term <= 0:
        return []
    shares = {role_label(role): share for role in ROLES
              if (share := score.roles[role].dont_know_share) is not None}
    if not shares and score.pooled is not None and score.pooled.dont_know_share is not None:
        shares = {tr(ALL_RESPONDENTS): score.pooled.dont_know_share}
    if not shares:
        return []
    role, share = max(shares.items(), key=lambda pair: pair[1])
    # Translators: a clause after "where": "where 40% of IT cannot say"
    return [(term, tr("{share} of {function} cannot say", share=formats.percent(share, 0),
                      function=role))]


def names(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' (``plan_story.listed``)."""
    return listed(words)


def _statement_sentence(score: ActionScore, items: Mapping[str, ItemScore],
                        theme_titles: Mapping[str, str]) -> str:
    pressing = [items[i] for i in score.item_ids if items[i].priority]
    if score.own_priority is None:
        return tr("No statement it answers has been answered yet, so it has no priority.")
    if not pressing:
        return tr("The statements it answers ({statements}) show no gap yet, so it adds nothing "
                  "to the plan.", statements=names(score.item_ids))
    main = pressing[0]
    where = f"{main.item.id} ({theme_titles.get(main.item.theme, main.item.theme)})"
    others = [tr("{statement} (agreed by the room)", statement=s.item.id) if s.agreed
              else s.item.id for s in pressing[1:]]
    if not others:
        return tr("Ranked here by one statement, {statement}, {drivers}.", statement=where,
                  drivers=_drivers(main))
    if len(others) == 1:
        return tr("Ranked here mainly by {statement}, {drivers}; {others} adds to it.",
                  statement=where, drivers=_drivers(main), others=others[0])
    return tr("Ranked here mainly by {statement}, {drivers}; {others} add to it, each less than "
              "the one before.", statement=where, drivers=_drivers(main), others=names(others))


def _value_sum(needs: Sequence[tuple[float, float]]) -> str:
    """'5.46 + 0.5 × 2.62 + ...' for (need, factor) pairs, highest contribution first."""
    ordered = sorted(needs, key=lambda pair: -(pair[0] * pair[1]))
    parts = []
    for k, (need, factor) in enumerate(ordered):
        weight = DECAY ** k * factor
        parts.append(reported(need) if weight == 1 else f"{_g(weight)} × {reported(need)}")
    return " + ".join(parts)


def misfit(score: ActionScore) -> str:
    """' × 0.5, as it builds where the statement calls for reconciling' for an action that does
    not fit its main statement; ''."""
    votes = voted(score)
    if score.fits:
        return votes
    does, calls = FIXES_WORDS[score.action.fixes], FIXES_WORDS[score.calls_for or ""]
    # Translators: a part of a formula: "… ÷ 2 for a medium effort × 0.5, as it does building
    # where P1.2 calls for establishing the facts"
    return " " + tr("× {factor}, as it does {does} where {statement} calls for {calls}",
                    factor=_g(MISMATCH_FACTOR), does=tr(does), statement=score.main_item,
                    calls=tr(calls)) + votes


def voted(score: ActionScore) -> str:
    """' × 1.25 for the room's votes (3 dots)' when the room's dots raise it (``agreed``)."""
    if score.importance == 1.0:
        return ""
    # Translators: a part of a formula: "× 1.25 for the room's votes (3 dots)"
    return " " + tr_n("× {factor} for the room's votes ({n} dot)",
                      "× {factor} for the room's votes ({n} dots)", score.votes,
                      factor=_g(score.importance))


def _g(value: float) -> str:
    """A factor as short as it is exact ('0.5', '1.25'), with the language's decimal mark."""
    return f"{value:g}".replace(".", formats.decimal_mark())


# Translators: what an action does, or what a statement calls for ("as it does building where
# P1.2 calls for establishing the facts")
FIXES_WORDS = {"build": N_("building"), "reconcile": N_("establishing the facts"),
               "visibility": N_("restoring visibility"), "": N_("nothing")}


def _formula(score: ActionScore, items: Mapping[str, ItemScore]) -> str:
    needs = [(p, 1.0) for i in score.item_ids if (p := items[i].priority) is not None]
    effort = score.action.effort
    size = EFFORT_WORDS.get(effort)
    # Translators: an action's formula; {more} is what follows the effort (or nothing)
    return tr("priority {priority} = value {value} ÷ {divisor} for a {effort} effort{more}; "
              "value = {sum}", priority=reported(score.own_priority),
              value=reported(score.value), divisor=_g(effort_divisor(effort)),
              effort=tr(size) if size else effort, more=misfit(score), sum=_value_sum(needs))


def _role_phrase(label: str, stats: RoleStats, minimum: int) -> str:
    # Translators: one function's figures in a statement's line, after its formula:
    # "marketing at 2.00 wants +1.50, 1 don't know"
    if stats.counts_withheld:
        return tr("{function}: {fewer} answered", function=label, fewer=withheld_label(minimum))
    unknown = tr(", {count} don't know", count=stats.dont_know) if stats.dont_know else ""
    if stats.withheld:
        return tr("{function}: {fewer} gave a level{unknown}", function=label,
                  fewer=withheld_label(minimum), unknown=unknown)
    if stats.mean_current is None:
        return tr("{function} gave no level{unknown}", function=label, unknown=unknown)
    if stats.ambition_gap is None:
        return tr("{function} at {level}, no target{unknown}", function=label,
                  level=reported(stats.mean_current), unknown=unknown)
    return tr("{function} at {level} wants +{gap}{unknown}", function=label,
              level=reported(stats.mean_current), gap=reported(stats.ambition_gap),
              unknown=unknown)


def item_reason(score: ItemScore, theme_title: str, minimum: int = PRIVACY_THRESHOLD) -> str:
    """One line a facilitator can read aloud: the item and the numbers behind its priority
    (all respondents' too where the ranking used them, ``disclosure``)."""
    where = f"{score.item.id} ({theme_title})"
    if score.priority is None:
        return tr("{statement}: no answer yet, so no priority", statement=where)
    if score.agreed is not None:
        ambition, short = agreed_parts(score.agreed)
        return tr("{statement}: priority {priority} = weight {weight} × (agreed ambition "
                  "{ambition} + shortfall {short}), {agreed}", statement=where,
                  priority=reported(score.priority), weight=_g(score.item.weight),
                  ambition=reported(ambition), short=reported(short),
                  agreed=agreed_words(score.agreed))
    perception = (tr("no perception gap: each function rates itself") if not score.item.compared
                  else tr("perception gap {gap}",
                          gap=reported(abs(shown_gap(score.roles) or 0.0))))
    phrases = [_role_phrase(role_label(role), score.roles[role], minimum) for role in ROLES]
    if score.pooled is not None:
        phrases.append(_role_phrase(tr(ALL_RESPONDENTS), score.pooled, minimum))
    return tr("{statement}: priority {priority} = weight {weight} × (ambition gap {ambition} + "
              "{perception} + visibility {visibility} + shortfall {short}); {functions}",
              statement=where, priority=reported(score.priority), weight=_g(score.item.weight),
              ambition=reported(score.ambition_gap or 0.0), perception=perception,
              visibility=reported(visibility_term(score.visibility_gap)),
              short=reported(score.shortfall or 0.0), functions=", ".join(phrases))


def _counts_because(item_id: str, titles: Sequence[str]) -> str:
    # Translators: a reason in a formula: "as P1.2 counts 0.5 because 'Shared KPIs' above
    # already answers it"
    return tr_n("{statement} counts {factor} because {actions} above already answers it",
                "{statement} counts {factor} because {actions} above already answer it",
                len(titles), statement=item_id, factor=_g(DECAY ** len(titles)),
                actions=names([repr(t) for t in titles]))


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
    return tr("In the plan: priority {priority} = value {value} ÷ {divisor}{more}; value = "
              "{sum}, as {why}.", priority=reported(score.priority),
              value=reported(score.plan_value), divisor=_g(effort_divisor(score.action.effort)),
              more=misfit(score), sum=_value_sum(needs), why=why)


def _standing(score: ActionScore, ranked: Sequence[ActionScore]) -> str:
    """Notes on the action's place (held back, tied), or ''."""
    notes = []
    if score.waits_for:
        notes.append(tr("{function} did not take part and would lead it, so it takes no place "
                        "in the suggested plan until they have answered.",
                        function=role_label(score.waits_for)))
    if score.held_back:
        notes.append(tr("Held back from the first {places} places: {cap} actions there already "
                        "rest mainly on {statement}.", places=SUGGESTED_SIZE,
                        cap=SAME_STATEMENT_CAP, statement=score.main_item))
    if score.tied:
        others = [f"'{s.action.title}'" for s in ranked
                  if s.shared_rank == score.shared_rank and s is not score]
        notes.append(tr("Tied with {actions}: the priorities differ by less than one person "
                        "moving one level.", actions=names(others)))
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
