"""The consensus round in a bundle: written beside the answers (a round-2 answer is an answer
with ``"round": 2``; ``decisions``, ``votes`` and the round's state ``consensus_round`` are extra
keys) and read strictly, each value by its rule (``rules.answers``, ``rules.consensus``), each
time as every time in a bundle (``bundle_times.check_time``). Merging is ``consensus_merge``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..content.questionnaire import Questionnaire
from ..i18n import tr
from ..rules.consensus import Decision, RoundState, Vote, budget_problem, decision_problem
from ..rules.consensus import vote_problem as dots_problem
from ..rules.records import Answer
from ..rules.text import clean_text, excerpt
from ..store.database import Store
from .bundle_check import BundlePeople, Check, check_answers, language_key, shown
from .bundle_times import check_time


def consensus_for_export(store: Store, workshop_id: str, notes: Callable[[str], str] | None,
                         ids: Mapping[str, str] | None = None, day: str = ""
                         ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(the round-2 answers as bundle answers, the extra keys): ``notes`` turns a comment or
    note into what is exported (None: left out), ``ids`` maps participant ids (an anonymised
    bundle's fresh ones), ``day`` stands for every time (an anonymised bundle's date)."""
    state = store.round_state(workshop_id)
    if not state.opened_at:
        return [], {}

    def person(pid: str) -> str:
        return ids.get(pid, pid) if ids is not None else pid

    def text(value: str) -> str:
        return notes(value) if notes else ""

    answers = [{"participant": person(a.participant_id), "item": a.item_id, "round": 2,
                "current": a.current, "target": a.target, "comment": text(a.comment),
                "answered_at": day or a.answered_at,
                **(language_key(a) if ids is None else {})}
               for a in store.answers_for_workshop(workshop_id, round_no=2)]
    keys = {"consensus_round": {"opened_at": day or state.opened_at,
                                "closed_at": (day if state.closed_at else "") if day
                                else state.closed_at,
                                "items": list(state.items), "vote_budget": state.vote_budget,
                                "edited_at": day or state.edited_at},
            "decisions": [{"item": d.item_id, "current": d.current, "target": d.target,
                           "status": d.status, "note": text(d.note),
                           "decided_at": day or d.decided_at}
                          for d in store.decisions(workshop_id)],
            "votes": [{"participant": person(v.participant_id), "action": v.action_id,
                       "count": v.count, "voted_at": day or v.voted_at}
                      for v in store.votes(workshop_id)]}
    return answers, keys


@dataclass
class CarriedConsensus:
    """What a bundle carries of the consensus round, checked."""

    state: RoundState | None = None
    answers: list[Answer] = field(default_factory=list)  # round 2
    decisions: list[Decision] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)


def check_consensus(check: Check, top: Mapping[str, Any], workshop_id: str,
                    questionnaire: Questionnaire, people: BundlePeople, now: datetime
                    ) -> CarriedConsensus:
    """The bundle's round, round-2 answers, decisions and votes, every value and time checked;
    the first problem is refused with one sentence naming where it is."""
    carried = CarriedConsensus()
    if "consensus_round" in top:
        carried.state = _round_state(check, top["consensus_round"], workshop_id,
                                     questionnaire, now)
    round2 = check_answers(check, top, questionnaire, people, round_no=2)
    positions = [n for n, a in enumerate(top["answers"]) if _is_round_two(a)]
    for n, (answer, _) in zip(positions, round2, strict=True):
        who = excerpt(people.names.get(answer.participant_id, answer.participant_id))
        check_time(check, f"answers[{n}].answered_at", answer.answered_at,
                   tr("the round-2 answer of “{name}” to item {item}", name=who,
                      item=repr(excerpt(answer.item_id))), now)
        carried.answers.append(answer)
    carried.decisions = _decisions(check, top.get("decisions", []), workshop_id,
                                   questionnaire, now)
    carried.votes = _votes(check, top.get("votes", []), people, now)
    return carried


def _is_round_two(raw: Any) -> bool:
    return isinstance(raw, Mapping) and raw.get("round", 1) == 2


def _round_state(check: Check, raw: Any, workshop_id: str, questionnaire: Questionnaire,
                 now: datetime) -> RoundState:
    where = "consensus_round"
    entry = check.mapping(raw, where)
    opened = check.text(entry, "opened_at", where)
    check_time(check, f"{where}.opened_at", opened, tr("the opening of the consensus round"),
               now)
    closed = check.text(entry, "closed_at", where, required=False)
    if closed:
        check_time(check, f"{where}.closed_at", closed, tr("the closing of the consensus round"),
                   now)
    edited = check.text(entry, "edited_at", where)
    check_time(check, f"{where}.edited_at", edited, tr("the consensus round's last change"),
               now)
    items = check.lst(entry.get("items"), f"{where}.items")
    for n, item in enumerate(items):
        if not isinstance(item, str) or questionnaire.item(item) is None:
            raise check.fail(f"{where}.items[{n}]", tr(
                "{item} is not an item of questionnaire {questionnaire}", item=shown(item),
                questionnaire=shown(questionnaire.id)))
    if len(set(items)) != len(items):
        raise check.fail(f"{where}.items", tr("names a statement twice"))
    budget = entry.get("vote_budget", 3)
    problem = budget_problem(budget)
    if problem:
        raise check.fail(f"{where}.vote_budget", problem.rstrip("."))
    return RoundState(workshop_id, opened, closed, tuple(items), budget, edited)


def _decisions(check: Check, raw: Any, workshop_id: str, questionnaire: Questionnaire,
               now: datetime) -> list[Decision]:
    found: dict[str, Decision] = {}
    for n, value in enumerate(check.lst(raw, "decisions")):
        where = f"decisions[{n}]"
        entry = check.mapping(value, where)
        item = check.ident(entry, "item", where)
        if questionnaire.item(item) is None:
            raise check.fail(f"{where}.item", tr(
                "{item} is not an item of questionnaire {questionnaire}", item=shown(item),
                questionnaire=shown(questionnaire.id)))
        if item in found:
            raise check.fail(where, tr("a second decision on {item}", item=shown(item)))
        note = clean_text(check.text(entry, "note", where, required=False), True)
        status = entry.get("status")
        problem = decision_problem(entry.get("current"), entry.get("target"), status, note)
        if problem:
            raise check.fail(where, problem.rstrip("."))
        stamp = check.text(entry, "decided_at", where)
        check_time(check, f"{where}.decided_at", stamp,
                   tr("the decision on item {item}", item=repr(excerpt(item))), now)
        found[item] = Decision(workshop_id, item, entry["current"], entry["target"],
                               str(status), note, stamp)
    return list(found.values())


def _votes(check: Check, raw: Any, people: BundlePeople, now: datetime) -> list[Vote]:
    found: dict[tuple[str, str], Vote] = {}
    for n, value in enumerate(check.lst(raw, "votes")):
        where = f"votes[{n}]"
        entry = check.mapping(value, where)
        pid = check.ident(entry, "participant", where)
        if pid not in people.ids:
            raise check.fail(f"{where}.participant", tr(
                "{id} is not a participant of this workshop", id=shown(pid)))
        action = check.ident(entry, "action", where)
        if (pid, action) in found:
            raise check.fail(where, tr("a second vote by {id} on {action}", id=shown(pid),
                                       action=shown(action)))
        problem = dots_problem(entry.get("count"), 0, 10 ** 6)
        if problem:
            raise check.fail(f"{where}.count", problem.rstrip("."))
        stamp = check.text(entry, "voted_at", where)
        who = excerpt(people.names.get(pid, pid))
        check_time(check, f"{where}.voted_at", stamp,
                   tr("the vote of “{name}” on action {action}", name=who,
                      action=repr(excerpt(action))), now)
        found[(pid, action)] = Vote(pid, action, entry["count"], stamp)
    return list(found.values())
