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

from ..content.questionnaire import ROLE_LABELS, ROLES, Item, Questionnaire
from ..content.success import success_text
from ..rules.privacy import withheld_label
from .agreed import agreed_words
from .item_stats import GOOD_LEVEL
from .numbers import reported

if TYPE_CHECKING:  # plan pulls in the store; this only reads the entry's and scores' fields
    from ..content.actions import Action
    from .item_stats import ItemScore
    from .plan import PlanEntry
    from .workshop import ScoredWorkshop

SHORT_STATEMENT = 86  # characters of a statement quoted in running text (most are whole)
HORIZON_WORDS = "in 12 to 18 months"  # the target the questionnaire asks for


def short_statement(item: Item, limit: int = SHORT_STATEMENT) -> str:
    """The statement as marketing reads it, without its full stop, cut at a word with '…'
    when longer than ``limit`` characters: short enough to quote in a sentence."""
    text = item.text_for(ROLES[0]).strip().rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def quoted(item: Item) -> str:
    return f"‘{short_statement(item)}’"


def unknown_phrase(score: ItemScore) -> str:
    """'2 of the 5 in IT answered "don't know"', for each function with a don't-know whose
    counts may be shown (``disclosure``); ''."""
    parts = []
    for role in ROLES:
        r = score.roles[role]
        if r.dont_know and not r.counts_withheld:
            parts.append(f"{r.dont_know} of the {r.n + r.dont_know} in {in_sentence(role)}")
    if not parts:
        return ""
    return f"{' and '.join(parts)} answered “don't know”"


def _targets(score: ItemScore) -> str:
    """'both want 4.00 in 12 to 18 months' or 'marketing wants 4.20 and IT 3.80 …'; ''."""
    targets = {role: score.roles[role].mean_target for role in ROLES}
    given = {role: t for role, t in targets.items() if t is not None}
    if not given:
        return ""
    if len(given) == 2 and len({reported(t) for t in given.values()}) == 1:
        return f"both want {reported(next(iter(given.values())))} {HORIZON_WORDS}"
    if len(given) == 2:
        return (f"marketing wants {reported(given['marketing'])} and IT "
                f"{reported(given['it'])} {HORIZON_WORDS}")
    role, target = next(iter(given.items()))
    return f"{in_sentence(role)} wants {reported(target)} {HORIZON_WORDS}"


def in_sentence(role: str) -> str:
    """A function's name inside a sentence: 'marketing', 'IT'."""
    label = ROLE_LABELS[role]
    return label if label.isupper() else label.lower()


def _unshown(score: ItemScore) -> str:
    """The first clause when neither function's level is shown: all respondents together,
    withheld levels, or nobody."""
    item = score.item
    everyone = score.pooled.mean_current if score.pooled is not None else None
    if everyone is not None:
        return f"All respondents together put {quoted(item)} at {reported(everyone)}"
    if any(score.roles[role].withheld for role in ROLES):
        return f"The levels given for {quoted(item)} are withheld"
    return f"Nobody could give a level for {quoted(item)}"


def _today(score: ItemScore) -> str:
    """The first clause: where each function whose level is shown puts the statement."""
    item = score.item
    if score.agreed is not None:
        d = score.agreed
        dissent = ", with a recorded dissent" if d.status == "dissent" else ""
        return (f"The room agreed that {quoted(item)} stands at {d.current} today and must "
                f"reach {d.target} {HORIZON_WORDS} (agreed by the room{dissent}; in round 1 "
                f"{_levels(replace(score, agreed=None))}).")
    today = {role: score.roles[role].mean_current for role in ROLES}
    given = [role for role in ROLES if today[role] is not None]
    if not given:
        return _unshown(score)
    if not item.compared:
        rated = " and ".join(f"{ROLE_LABELS[r]} at {reported(today[r])}" for r in given)
        return f"Each function rates itself on {quoted(item)}: {rated}"
    if len(given) == 2:
        return (f"Marketing puts {quoted(item)} at {reported(today['marketing'])} and IT at "
                f"{reported(today['it'])}")
    if any(score.roles[role].withheld for role in ROLES):
        return f"{ROLE_LABELS[given[0]]} puts {quoted(item)} at {reported(today[given[0]])}"
    return f"Only {ROLE_LABELS[given[0]]} gave a level for {quoted(item)}: " \
           f"{reported(today[given[0]])}"


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
    who = " and ".join(in_sentence(role) for role in roles)
    return (f"{withheld_label(minimum).capitalize()} in {who} gave a level, so their levels "
            "are withheld.")


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
        return ("Nobody has yet given the statements this action answers a level that shows a "
                "gap, so the room's answers do not call for it yet.")
    text = statement_story(pressing[0])
    calls = None if pressing[0].agreed else CALLS_FOR.get(pressing[0].reason or "")
    if calls:
        text += f" {calls(pressing[0])}"
    others = pressing[1:]
    if others:
        also = f"It also answers {quoted(others[0].item)} ({_levels(others[0])})"
        more = len(others) - 1
        if more:
            also += f" and {more} more statement{'' if more == 1 else 's'}"
        text += f" {also}."
    return text


def _build_words(score: ItemScore) -> str:
    levels = [m for r in score.levels_used() if (m := r.mean_current) is not None]
    if score.shortfall and all(m < GOOD_LEVEL for m in levels):
        who = "Both functions rate" if len(levels) == 2 else "The room rates"
        return f"{who} this low: it needs building."
    return "The room wants this higher: it needs building."


# What the statement's largest gap calls for (``ItemScore.reason``), in a sentence.
CALLS_FOR = {"build": _build_words,
             "reconcile": lambda _: "The functions see this differently: establish the facts "
                                    "first.",
             "visibility": lambda _: "Many could not say: make it visible first."}


def _levels(score: ItemScore) -> str:
    """'marketing 2.00, IT 3.00': where each function puts a statement today ('agreed by the
    room at 2, to reach 4' once the room decided)."""
    if score.agreed is not None:
        return agreed_words(score.agreed)
    given = [f"{in_sentence(role)} {reported(score.roles[role].mean_current)}" for role in ROLES
             if score.roles[role].mean_current is not None]
    if not given and score.pooled is not None and score.pooled.mean_current is not None:
        given = [f"all respondents {reported(score.pooled.mean_current)}"]
    withheld = any(score.roles[role].withheld for role in ROLES)
    return ", ".join(given) if given else "levels withheld" if withheld else "no level given"


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
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        return _sentence(f"the room rates {listed} higher at the next pulse check")
    return ""


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
    return f"{count} {'person' if count == 1 else 'people'}"
