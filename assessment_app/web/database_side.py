"""The answering server's database side: everything it reads or writes, run on the one thread
that owns the server's own connection (``Store.open``), so a slow disk delays answers but never
the pages.

Answers that arrive together are committed together (a group commit: one fsync for the batch),
each through ``Store.save_answer`` (the kiosk's rules, a savepoint each), and an answer is
reported saved only after that commit (``synchronous=FULL``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis.ballot import Ballot, ballot
from ..analysis.consensus_view import cast_vote
from ..content.catalog import Catalog, load_catalog
from ..errors import DatabaseInUse, StorageError, TandemError
from ..i18n import current, known, speaking, tr
from ..rules.consensus import OPEN
from ..rules.records import Answer
from ..store.database import Store
from ..store.join import join_token, reissue_token, workshop_tokens
from .group_commit import Request
from .links import Links
from .page_data import (
    AnswerRequest,
    BadAnswer,
    answer_json,
    ballot_json,
    parse_answer,
    parse_vote,
    questionnaire_payload,
    round_payload,
    state_payload,
)
from .page_language import Asked, stored_language
from .rate_limit import RateLimit

Result = tuple[int, dict]  # an HTTP status and the JSON it answers with


def _too_fast() -> Result:
    return 429, {"error": tr("Too many answers at once; the page tries again in a moment.")}


class _Refused(Exception):
    def __init__(self, result: Result) -> None:
        super().__init__(result)
        self.result = result


class DatabaseSide:
    """One workshop's data as the server serves it; every method runs on the database thread."""

    def __init__(self, db_path: Path, workshop_id: str, catalog: Catalog | None,
                 limit: RateLimit) -> None:
        self.db_path = db_path
        self.workshop_id = workshop_id
        self.catalog = catalog
        self.limit = limit
        self.links = Links(workshop_id)
        self._store: Store | None = None
        self._items: dict[tuple[str, str], list[dict]] = {}  # (role, language) -> statements
        self._item_ids: frozenset[str] = frozenset()
        self._workshop_name = ""
        self._content = Catalog()  # the statements and glossary in each participant's language
        self._actions: list = []
        self._questionnaire: Any = None

    def open(self) -> None:
        """Open the server's own connection; every participant has a link from the start."""
        store = Store.open(self.db_path)
        try:
            workshop = store.workshop(self.workshop_id)
            questionnaire = store.questionnaire_for(workshop.id)
            workshop_tokens(store, workshop.id)
        except BaseException:
            store.close()
            raise
        self._store = store
        self._workshop_name = workshop.name
        self._item_ids = frozenset(questionnaire.item_ids)
        self._questionnaire = questionnaire
        catalog = self.catalog if self.catalog is not None else load_catalog()
        self._content = catalog
        self._actions = list(catalog.actions)  # what the consensus round's dots go on
        self._items = {}
        self.links.refresh(store, force=True)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _require_store(self) -> Store:
        if self._store is None:
            raise StorageError(tr("The answering server has stopped."))
        return self._store

    def participant_id(self, token: str) -> str | None:
        return self.links.participant_id(self._require_store(), token)

    def issue(self, participant_id: str, replace: bool) -> str:
        """The participant's token, a new one when ``replace`` (the old link dies at once)."""
        store = self._require_store()
        participant = store.participant(participant_id)
        if participant.workshop_id != self.workshop_id:
            raise TandemError(tr("That participant is not in the workshop being served."))
        token = (reissue_token if replace else join_token)(store, participant_id)
        self.links.refresh(store, force=True)
        return token

    def language(self, token: str, asked: Asked) -> str | None:
        """The language of the page of ``token`` (``page_language``); None for a link that is
        not one."""
        participant_id = self.participant_id(token)
        return None if participant_id is None else self._language_of(participant_id, asked)

    def _language_of(self, participant_id: str, asked: Asked) -> str:
        if known(asked.page) or known(asked.chosen):  # the store need not be asked
            return asked.language()
        store = self._require_store()
        return asked.language(store.participant_language(participant_id),
                              store.report_language(self.workshop_id))

    def state(self, token: str, asked: Asked) -> dict | None:
        """What the page of ``token`` shows, in its language: that participant's statements
        and own answers only; None for a link that is not one."""
        participant_id = self.participant_id(token)
        if participant_id is None:
            return None
        with speaking(self._language_of(participant_id, asked)):
            return self._state(participant_id)

    def _state(self, participant_id: str) -> dict:
        store = self._require_store()
        participant = store.participant(participant_id)
        key = (participant.role, current())
        items = self._items.get(key)
        if items is None:
            items = self._items[key] = questionnaire_payload(
                self._content.in_language(self._questionnaire, current()), participant.role,
                self._content.glossary_in(current()))
        state = store.round_state(self.workshop_id)
        if state.phase == OPEN and state.items:  # the same link, now round 2 and voting
            round1 = store.answers_for_participant(participant_id)
            return state_payload(
                participant, self._workshop_name, items,
                store.answers_for_participant(participant_id, round_no=2),
                round_payload(items, state, round1, self._ballot(participant_id)))
        answers = store.answers_for_participant(participant_id)
        answers = {k: v for k, v in answers.items() if k in self._item_ids}
        return state_payload(participant, self._workshop_name, items, answers)

    def _ballot(self, participant_id: str) -> Ballot | None:
        try:
            return ballot(self._require_store(), participant_id,
                          self._content.actions_in(current()))
        except TandemError:
            return None

    def vote(self, token: str, body: bytes, asked: Asked) -> Result:
        """Place dots on one action (``consensus_view.cast_vote``: the round and the budget
        checked by the store); answered with the person's ballot, in their language."""
        participant_id = self.participant_id(token)
        if participant_id is None:
            return 404, {}
        with speaking(self._language_of(participant_id, asked)):
            return self._vote(participant_id, body)

    def _vote(self, participant_id: str, body: bytes) -> Result:
        if not self.limit.take(participant_id):
            return _too_fast()
        try:
            action, count = parse_vote(body)
            cast_vote(self._require_store(), participant_id, action, count, self._actions)
        except DatabaseInUse:  # another program holds the write lock: not the person's fault
            return 503, {"error": tr("The dots were not placed; try again.")}
        except (BadAnswer, TandemError) as exc:
            return 400, {"error": str(exc)}
        return 200, {"ballot": ballot_json(self._ballot(participant_id))}

    def answer_batch(self, requests: list[Request]) -> list[Result]:
        """Check and store the answers (token, body, language asked) that arrived together, in
        one transaction (a group commit: one fsync for the batch instead of one per answer).
        Each is saved through ``Store.save_answer`` (the kiosk's rules; a savepoint each inside
        the batch) with the language it was given in, is refused in that language, and is
        reported saved only once the batch is committed."""
        results: list[Result] = [(0, {})] * len(requests)
        valid: list[_Valid] = []
        for n, (token, body, asked) in enumerate(requests):
            try:
                valid.append((n, *self._checked(token, body, asked)))
            except _Refused as refused:
                results[n] = refused.result
        if valid:
            self._save(valid, results)
        return results

    def _checked(self, token: str, body: bytes, asked: Asked
                 ) -> tuple[str, AnswerRequest, str]:
        """One answer read strictly, with whose it is and its language; ``_Refused`` says why
        not."""
        participant_id = self.participant_id(token)
        if participant_id is None:
            raise _Refused((404, {}))
        language = self._language_of(participant_id, asked)
        with speaking(language):
            if not self.limit.take(participant_id):
                raise _Refused(_too_fast())
            try:
                state = self._require_store().round_state(self.workshop_id)
                return participant_id, parse_answer(body, self._item_ids, state), language
            except BadAnswer as exc:
                raise _Refused((400, {"error": str(exc)})) from None

    def _save(self, valid: list[_Valid], results: list[Result]) -> None:
        """Store the checked answers in one transaction and fill in each one's result."""
        store = self._require_store()
        saved: list[tuple[int, str, Answer]] = []
        try:
            with store.transaction():
                for n, participant_id, request, language in valid:
                    with speaking(language):
                        outcome = _save_one(store, participant_id, request, language)
                    if isinstance(outcome, Answer):
                        saved.append((n, participant_id, outcome))
                    else:
                        results[n] = outcome
        except StorageError:  # the batch could not begin or commit: none of it is saved (the
            # reason names the facilitator's database file, which is not the room's business)
            for n, _, _, language in valid:
                with speaking(language):
                    results[n] = (503, {"error": tr("Not saved yet; the page tries again.")})
            return
        progress = store.progress(self.workshop_id)
        for n, participant_id, answer in saved:
            mine = progress.of(participant_id)
            results[n] = (200, {"saved": True, "item": answer.item_id,
                                "answer": answer_json(answer),
                                "done": min(mine.done, mine.total), "total": mine.total})


_Valid = tuple[int, str, AnswerRequest, str]  # (position in the batch, whose, what, language)


def _save_one(store: Store, participant_id: str, request: AnswerRequest,
              language: str) -> Answer | Result:
    """One answer of a batch saved (in its savepoint), or the refusal to answer with."""
    stale = _changed_meanwhile(store, participant_id, request)
    if stale is not None:
        return stale
    try:
        return store.save_answer(participant_id, request.item_id, request.current,
                                 request.target, request.comment, round_no=request.round_no,
                                 language=stored_language(language))
    except StorageError as exc:  # this answer only (its savepoint)
        return 503, {"error": tr("Not saved: {reason}", reason=exc)}


def _changed_meanwhile(store: Store, participant_id: str,
                       request: AnswerRequest) -> Result | None:
    """Compare-and-set: a page that says which answer it last had (``seen``) may replace it only
    while it is still the stored one, so two devices on one link never overwrite each other
    unseen. The refusal carries the stored answer, for the page to show. Called inside the
    batch's transaction (BEGIN IMMEDIATE), so nothing can change between the check and the
    write."""
    if not request.checked:
        return None
    stored = store.answers_for_participant(participant_id, request.round_no).get(
        request.item_id)
    if (stored.answered_at if stored else None) == request.seen:
        return None
    return 409, {"error": tr("This answer was changed on another device; the page shows the "
                             "newer one."), "answer": answer_json(stored) if stored else None}
