"""The plan in words an executive reads: why each action is in the plan, told by the statements
behind it and the numbers the room gave them (never an item id or a formula: the arithmetic is
the ranking appendix's), and how the room will know it worked.

The numbers are printed as every other table of the PDF prints them (``numbers.reported``), so
a reader can find each one again in the gap tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..content.questionnaire import ROLES, Item, Questionnaire, role_in_sentence, role_label
from ..content.success import success_text
from ..i18n import tr, tr_n
from .agreed import agreed_words
from .item_stats import GOOD_LEVEL
from .numbers import reported

if TYPE_CHECKING:  # plan pulls in the store; this only reads the entry's and scores' fields
    from ..content.actions import Action
    from .item_stats import ItemScore
    from .plan import PlanEntry
    from .workshop import ScoredWorkshop

SHORT_STATEMENT = 86  # characters of a statement quoted in running text (most are whole)
# The target the questionnaire asks for is "in 12 to 18 months": each sentence says it whole.


def short_statement(item: Item, limit: int = SHORT_STATEMENT) -> str:
    """The statement as marketing reads it, without its full stop, cut at a word with '…'
    when longer than ``limit`` characters: short enough to quote in a sentence."""
    text = item.text_for(ROLES[0]).strip().rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def quoted(item: Item) -> str:
    # Translators: the quotation marks around a statement quoted in running text
    return tr("‘{statement}’", statement=short_statement(item))


def unknown_phrase(score: ItemScore) -> str:
    """'2 of the 5 in IT answered "don't know"', for each function with a don't-know whose
    counts may be shown (``disclosure``); ''."""
    shown = [(score.roles[role], role) for role in ROLES
             if score.roles[role].dont_know and not score.roles[role].counts_withheld]
    if not shown:
        return ""
    (first, role), *rest = shown
    if not rest:
        # Translators: a clause; it also starts a sentence (its first letter made a capital)
        return tr_n("{n} of the {total} in {function} answered “don't know”",
                    "{n} of the {total} in {function} answered “don't know”", first.dont_know,
                    total=first.n + first.dont_know, function=in_sentence(role))
    (second, other), = rest
    # Translators: a clause; it also starts a sentence (its first letter made a capital)
    return tr("{count} of the {total} in {function} and {count2} of the {total2} in {function2} "
              "answered “don't know”", count=first.dont_know, total=first.n + first.dont_know,
              function=in_sentence(role), count2=second.dont_know,
              total2=second.n + second.dont_know, function2=in_sentence(other))


def _targets(score: ItemScore) -> str:
    """'both want 4.00 in 12 to 18 months' or 'marketing wants 4.20 and IT 3.80 …'; ''."""
    targets = {role: score.roles[role].mean_target for role in ROLES}
    given = {role: t for role, t in targets.items() if t is not None}
    if not given:
        return ""
    # Translators: a main clause after a semicolon: "…; both want 4.00 in 12 to 18 months."
    if len(given) == 2 and len({reported(t) for t in given.values()}) == 1:
        return tr("both want {target} in 12 to 18 months",
                  target=reported(next(iter(given.values()))))
    if len(given) == 2:
        return tr("marketing wants {marketing} and IT {it} in 12 to 18 months",
                  marketing=reported(given["marketing"]), it=reported(given["it"]))
    role, target = next(iter(given.items()))
    return tr("{function} wants {target} in 12 to 18 months", function=in_sentence(role),
              target=reported(target))


def in_sentence(role: str) -> str:
    """A function's name inside a sentence: 'marketing', 'IT'."""
    return role_in_sentence(role)


def _unshown(score: ItemScore) -> str:
    """The first clause when neither function's level is shown: all respondents together,
    withheld levels, or nobody."""
    item = score.item
    everyone = score.pooled.mean_current if score.pooled is not None else None
    if everyone is not None:
        return tr("All respondents together put {statement} at {level}", statement=quoted(item),
                  level=reported(everyone))
    if any(score.roles[role].withheld for role in ROLES):
        return tr("The levels given for {statement} are withheld", statement=quoted(item))
    return tr("Nobody could give a level for {statement}", statement=quoted(item))


def _today(score: ItemScore) -> str:
    """The first clause: where each function whose level is shown puts the statement."""
    item = score.item
    if score.agreed is not None:
        d = score.agreed
        values = {"statement": quoted(item), "current": d.current, "target": d.target,
                  "round_one": _levels(replace(score, agreed=None))}
        if d.status == "dissent":
            return tr("The room agreed that {statement} stands at {current} today and must reach "
                      "{target} in 12 to 18 months (agreed by the room, with a recorded dissent; "
                      "in round 1 {round_one}).", **values)
        return tr("The room agreed that {statement} stands at {current} today and must reach "
                  "{target} in 12 to 18 months (agreed by the room; in round 1 {round_one}).",
                  **values)
    today = {role: score.roles[role].mean_current for role in ROLES}
    given = [role for role in ROLES if today[role] is not None]
    if not given:
        return _unshown(score)
    if not item.compared and len(given) == 2:
        return tr("Each function rates itself on {statement}: Marketing at {marketing} and IT "
                  "at {it}", statement=quoted(item), marketing=reported(today["marketing"]),
                  it=reported(today["it"]))
    if not item.compared:
        return tr("Each function rates itself on {statement}: {function} at {level}",
                  statement=quoted(item), function=role_label(given[0]),
                  level=reported(today[given[0]]))
    if len(given) == 2:
        return tr("Marketing puts {statement} at {marketing} and IT at {it}",
                  statement=quoted(item), marketing=reported(today["marketing"]),
                  it=reported(today["it"]))
    values = {"function": role_label(given[0]), "statement": quoted(item),
              "level": reported(today[given[0]])}
    if any(score.roles[role].withheld for role in ROLES):
        return tr("{function} puts {statement} at {level}", **values)
    return tr("Only {function} gave a level for {statement}: {level}", **values)


def statement_story(score: ItemScore) -> str:
    """One or two sentences on one statement: where each function puts it today, where they
    want it, whose levels are withheld (``disclosure``), and who could not say."""
    first = _today(score)
    target = _targets(score)
    sentence = f"{first}; {target}." if target else f"{first}."
    withheld = [role for role in ROLES if score.roles[role].withheld]
    if withheld:
        sentence += " " + withheld_sentence(withheld, score.minimum)
    unknown = unknown_phrase(score)
    if unknown:
        sentence += f" {unknown[0].upper()}{unknown[1:]}."
    return sentence


def withheld_sentence(roles: Sequence[str], minimum: int) -> str:
    """'Fewer than 3 in marketing gave a level, so their levels are withheld.'"""
    if len(roles) == 1:
        return tr("Fewer than {n} in {function} gave a level, so their levels are withheld.",
                  n=minimum, function=in_sentence(roles[0]))
    return tr("Fewer than {n} in {function} and {function2} gave a level, so their levels are "
              "withheld.", n=minimum, function=in_sentence(roles[0]),
              function2=in_sentence(roles[1]))


def _action_score(entry: PlanEntry, scored: ScoredWorkshop):
    return next((s for s in scored.scores.actions if s.action.id == entry.action.id), None)


def why(entry: PlanEntry, scored: ScoredWorkshop) -> str:
    """Why the action is in the plan, in plain sentences that quote its statements and the
    room's numbers for them (most pressing first); no ids, no arithmetic."""
    action_score = _action_score(entry, scored)
    item_ids: Sequence[str] = action_score.item_ids if action_score else entry.action.items
    known = {s.item.id: s for s in scored.scores.items}
    pressing = [known[i] for i in item_ids if i in known and known[i].priority]
    if not pressing:
        return tr("Nobody has yet given the statements this action answers a level that shows a "
                  "gap, so the room's answers do not call for it yet.")
    text = statement_story(pressing[0])
    calls = None if pressing[0].agreed else CALLS_FOR.get(pressing[0].reason or "")
    if calls:
        text += f" {calls(pressing[0])}"
    others = pressing[1:]
    if len(others) == 1:
        text += " " + tr("It also answers {statement} ({levels}).",
                         statement=quoted(others[0].item), levels=_levels(others[0]))
    elif others:
        text += " " + tr_n("It also answers {statement} ({levels}) and {n} more statement.",
                           "It also answers {statement} ({levels}) and {n} more statements.",
                           len(others) - 1, statement=quoted(others[0].item),
                           levels=_levels(others[0]))
    return text


def _build_words(score: ItemScore) -> str:
    levels = [m for r in score.levels_used() if (m := r.mean_current) is not None]
    if score.shortfall and all(m < GOOD_LEVEL for m in levels):
        if len(levels) == 2:
            return tr("Both functions rate this low: it needs building.")
        return tr("The room rates this low: it needs building.")
    return tr("The room wants this higher: it needs building.")


# What the statement's largest gap calls for (``ItemScore.reason``), in a sentence.
CALLS_FOR = {"build": _build_words,
             "reconcile": lambda _: tr("The functions see this differently: establish the facts "
                                       "first."),
             "visibility": lambda _: tr("Many could not say: make it visible first.")}


def _levels(score: ItemScore) -> str:
    """'marketing 2.00, IT 3.00': where each function puts a statement today ('agreed by the
    room at 2, to reach 4' once the room decided)."""
    if score.agreed is not None:
        return agreed_words(score.agreed)
    # Translators: a function and its level in a list in brackets: "(marketing 2.00, IT 3.00)"
    given = [tr("{function} {level}", function=in_sentence(role),
                level=reported(score.roles[role].mean_current)) for role in ROLES
             if score.roles[role].mean_current is not None]
    if not given and score.pooled is not None and score.pooled.mean_current is not None:
        given = [tr("all respondents {level}", level=reported(score.pooled.mean_current))]
    withheld = any(score.roles[role].withheld for role in ROLES)
    return ", ".join(given) if given else tr("levels withheld") if withheld else tr(
        "no level given")


_WORKED = re.compile(r"It worked when\s+(.*?)(?:\.(?:\s|$)|$)", re.S)


def worked_when(action: Action, questionnaire: Questionnaire | None = None) -> str:
    """The action's success test, as a sentence that completes "It worked when": its
    conditions with each statement quoted from ``questionnaire`` where it asks them all, else
    the action's own ``success`` where the library gives one, else the "It worked when …"
    sentence of its description, else the statements the pulse check asks again
    (``measured_by``); '' when there is nothing to say."""
    quoted_test = _quoted_test(action, questionnaire)
    if quoted_test:
        return _sentence(quoted_test)
    success = str(getattr(action, "success", "") or "").strip()
    if success:
        return _sentence(re.sub(r"^It worked when\s+", "", success, flags=re.I))
    found = _WORKED.search(action.description or "")
    if found:
        return _sentence(found.group(1))
    items = [questionnaire.item(i) for i in action.measured_by] if questionnaire else []
    named = [quoted(item) for item in items if item is not None]
    if named:
        return _sentence(tr("the room rates {statements} higher at the next pulse check",
                            statements=listed(named)))
    return ""


def listed(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' as the current language lists them."""
    if len(words) == 1:
        return words[0]
    # Translators: the end of a list: "people, process and technology"
    return tr("{items} and {last}", items=", ".join(words[:-1]), last=words[-1])


def listed_or(words: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c' as the current language lists them."""
    if len(words) == 1:
        return words[0]
    # Translators: the end of a list of alternatives: "people, process or technology"
    return tr("{items} or {last}", items=", ".join(words[:-1]), last=words[-1])


def _quoted_test(action: Action, questionnaire: Questionnaire | None) -> str:
    """A structured success test with the workshop's own wording of each statement; '' when
    there is none or the questionnaire does not ask one of its statements."""
    test = getattr(action, "success_test", ())
    items = [questionnaire.item(c.statement) for c in test] if questionnaire else []
    if not test or not all(items):
        return ""
    return success_text(test, [quoted(i) for i in items if i is not None])


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return f"{text}." if text else ""


def people(count: int) -> str:
    """'1 person', '5 people'."""
    return tr_n("{n} person", "{n} people", count)
