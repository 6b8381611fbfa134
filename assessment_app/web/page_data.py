"""What the answering page receives and sends, as plain data: the participant's statements in
their function's wording (with glossary terms marked), their answers, and the strict reading of
one answer sent by a phone. No HTTP here, so every rule is testable on its own.

The page builds its text with ``textContent`` from these segments, never from HTML, so nothing a
questionnaire or a participant wrote can become markup.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..analysis.answering import round_one_said
from ..analysis.ballot import Ballot
from ..content.glossary import Term
from ..content.questionnaire import (
    LEVEL_NAMES,
    ROLE_LABELS,
    Item,
    Questionnaire,
    dimension_label,
)
from ..exchange.bundle_file import JsonProblem, loads_strict
from ..i18n import tr
from ..rules.answers import answer_problem
from ..rules.consensus import RoundState
from ..rules.records import Answer, Participant
from ..rules.text import COMMENT_MAX_CHARS, clean_text

BODY_MAX_BYTES = 16 * 1024  # one answer with a 2,000-character comment in any script is < 9 KB
ANSWER_FIELDS = frozenset({"item", "current", "target", "comment", "seen", "round"})
STAMP_MAX_CHARS = 64  # an ISO-8601 time as the store writes it is 29


class BadAnswer(ValueError):
    """An answer the page (or something pretending to be it) sent that cannot be stored; the
    message is one plain sentence."""


# -- the statement with its glossary terms -------------------------------------------------------


def statement_segments(text: str, terms: Iterable[Term]) -> tuple[list[dict], list[str]]:
    """The statement as segments ``{"text"}`` or ``{"text", "term"}`` (the first whole-word,
    case-insensitive occurrence of each term, as the kiosk marks them), and the ids of terms the
    wording does not contain (listed after it, so their help is still there)."""
    spans: list[tuple[int, int, str]] = []
    missing: list[str] = []
    for term in terms:
        match = re.search(rf"\b{re.escape(term.term)}\b", text, re.IGNORECASE)
        if match and not any(s < match.end() and match.start() < e for s, e, _ in spans):
            spans.append((match.start(), match.end(), term.id))
        else:
            missing.append(term.id)
    segments: list[dict] = []
    at = 0
    for start, end, term_id in sorted(spans):
        if start > at:
            segments.append({"text": text[at:start]})
        segments.append({"text": text[start:end], "term": term_id})
        at = end
    if at < len(text) or not segments:
        segments.append({"text": text[at:]})
    return segments, missing


def item_payload(item: Item, role: str, themes: dict[str, str],
                 glossary: dict[str, Term]) -> dict:
    terms = [glossary[t] for t in item.terms if t in glossary]
    segments, extra = statement_segments(item.text_for(role), terms)
    return {
        "id": item.id,
        "dimension": dimension_label(item.dimension),
        "theme": themes.get(item.theme, item.theme),
        "statement": segments,
        "extra_terms": extra,
        "levels": [{"level": n, "name": tr(name), "text": text}
                   for n, (name, text) in enumerate(zip(LEVEL_NAMES, item.levels, strict=False),
                                                    start=1)],
        "terms": {t.id: {"term": t.term, "marketing": t.marketing, "it": t.it, "note": t.note}
                  for t in terms},
    }


def questionnaire_payload(questionnaire: Questionnaire, role: str,
                          glossary: list[Term]) -> list[dict]:
    themes = {t.id: t.title for t in questionnaire.themes}
    by_id = {t.id: t for t in glossary}
    return [item_payload(item, role, themes, by_id) for item in questionnaire.items]


def answer_json(answer: Answer) -> dict:
    return {"current": answer.current, "target": answer.target, "comment": answer.comment,
            "complete": answer.is_complete, "answered_at": answer.answered_at}


def state_payload(participant: Participant, workshop_name: str, items: list[dict],
                  answers: dict[str, Answer], round_two: dict | None = None) -> dict:
    """Everything one participant's page needs: their own name, role and answers only (in
    the consensus round: round 2's statements and answers, ``round_payload``)."""
    if round_two is not None:
        items = round_two["items"]
    role = ROLE_LABELS.get(participant.role, participant.role)
    return {
        "round": {k: v for k, v in round_two.items() if k != "items"} if round_two else None,
        "participant": {"name": participant.name,
                        "role": tr(role)},
        "workshop": workshop_name,
        "items": items,
        "answers": {item_id: answer_json(a) for item_id, a in answers.items()},
        "comment_max": COMMENT_MAX_CHARS,
    }


# -- the consensus round -------------------------------------------------------------------------


def ballot_json(ballot: Ballot | None) -> dict | None:
    if ballot is None:
        return None
    return {"budget": ballot.budget, "left": ballot.left, "says": ballot.dots_left_text(),
            "options": [{"id": a, "title": t} for a, t in ballot.options],
            "mine": dict(ballot.mine)}


def round_payload(items: list[dict], state: RoundState, round1: dict[str, Answer],
                  ballot: Ballot | None) -> dict:
    """Round 2 of the page: only the chosen statements in the round's order, each with what
    the person said in round 1 (their own answer only), and their ballot."""
    by_id = {it["id"]: it for it in items}
    chosen = [by_id[i] for i in state.items if i in by_id]
    return {"number": 2, "items": chosen,
            "said": {it["id"]: round_one_said(round1.get(it["id"])) for it in chosen},
            "ballot": ballot_json(ballot)}


def parse_vote(body: bytes) -> tuple[str, int]:
    """``{"action": id, "count": dots}`` read strictly; the store judges the count."""
    if len(body) > BODY_MAX_BYTES:
        raise BadAnswer(tr("The vote is larger than {size} KB.", size=BODY_MAX_BYTES // 1024))
    try:
        data = loads_strict(body.decode("utf-8"), parse_constant=_no_constant,
                            parse_int=_small_int, parse_float=_decimal)
    except BadAnswer:
        raise
    except JsonProblem as refused:  # valid JSON a page never sends: a key twice, say
        raise BadAnswer(tr("The vote {reason}.", reason=refused.reason)) from None
    except (UnicodeDecodeError, ValueError):
        raise BadAnswer(tr("The vote is not valid JSON.")) from None
    if not isinstance(data, dict) or set(data) != {"action", "count"}:
        raise BadAnswer(tr("A vote names one action and a number of dots."))
    action, count = data["action"], data["count"]
    if not isinstance(action, str) or isinstance(count, bool) or not isinstance(count, int):
        raise BadAnswer(tr("A vote names one action and a number of dots."))
    return action, count


# -- one answer, read strictly --------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRequest:
    """``seen`` is the ``answered_at`` of the answer the page last showed (None: it showed none),
    so the server can refuse a change made meanwhile on another device; ``checked`` is False
    when the request did not say (then the later answer wins, as between kiosk and page)."""
    item_id: str
    current: int | None  # None: don't know
    target: int | None
    comment: str
    seen: str | None = None
    checked: bool = False
    round_no: int = 1  # 2: a re-rating in the consensus round


def _no_constant(name: str) -> Any:
    raise BadAnswer(tr("The answer holds {value}, which is not a level.", value=name))


def _small_int(text: str) -> int:
    """A whole number, which the level rule then judges; only a number too long to read
    cheaply (thousands of digits) is refused here, before Python converts it."""
    if len(text.lstrip("-")) > 18:
        raise BadAnswer(tr("The answer holds a number with far too many digits to be a level."))
    return int(text)


def _decimal(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadAnswer(tr("The answer holds a number that is not a level."))
    return value


def _encodable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadAnswer(tr("The comment holds characters that are not valid text.")) from None
    return value


def _seen(data: dict) -> str | None:
    """The ``answered_at`` the page last had (None: it had no answer), for compare-and-set."""
    seen = data.get("seen")
    if seen is not None and (not isinstance(seen, str) or len(seen) > STAMP_MAX_CHARS):
        raise BadAnswer(tr("The answer’s “seen” must be the time of the answer the page "
                           "showed."))
    return seen


def parse_answer(body: bytes, item_ids: set[str] | frozenset[str],
                 state: RoundState | None = None) -> AnswerRequest:
    """One answer from a request body: ``{"item": id, "current": 1-5 or null (don't know),
    "target": 1-5 or null, "comment": text, "seen": the answered_at the page showed or null
    (optional), "round": 1 or 2 (optional, 1)}``. Anything else, or an answer the workshop's
    consensus round ``state`` does not take (``rules.answers.round_problem``), is refused with
    one sentence (``BadAnswer``) before anything is stored."""
    if len(body) > BODY_MAX_BYTES:
        raise BadAnswer(tr("The answer is larger than {size} KB.", size=BODY_MAX_BYTES // 1024))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadAnswer(tr("The answer is not UTF-8 text.")) from None
    try:
        data = loads_strict(text, parse_constant=_no_constant, parse_int=_small_int,
                            parse_float=_decimal)
    except BadAnswer:
        raise
    except JsonProblem as refused:
        if refused.where and refused.where != "(top level)":
            raise BadAnswer(tr("The answer’s {where} {reason}.", where=refused.where,
                               reason=refused.reason)) from None
        raise BadAnswer(tr("The answer {reason}.", reason=refused.reason)) from None
    except ValueError:
        raise BadAnswer(tr("The answer is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise BadAnswer(tr("The answer must be a JSON object."))
    unknown = set(data) - ANSWER_FIELDS
    if unknown:
        raise BadAnswer(tr("The answer holds fields the page does not send."))
    item_id = data.get("item")
    if not isinstance(item_id, str) or item_id not in item_ids:
        raise BadAnswer(tr("The answer names no statement of this questionnaire."))
    current, target = data.get("current"), data.get("target")
    comment = data.get("comment", "")
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        raise BadAnswer(tr("The comment must be text."))
    comment = clean_text(_encodable(comment), multiline=True)
    round_no = data.get("round", 1)
    problem = answer_problem(current, target, comment, round_no, state, item_id)  # every door
    if problem:
        raise BadAnswer(problem.sentence)
    return AnswerRequest(item_id, current, target, comment, _seen(data), "seen" in data,
                         round_no)
