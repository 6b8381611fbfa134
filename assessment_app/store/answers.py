"""Answers: each one saved as its own committed transaction, after the shared rules accept it."""

from __future__ import annotations

from ..errors import StorageError
from ..rules import stamps
from ..rules.answers import answer_problem
from ..rules.records import Answer
from ..rules.text import clean_text
from .connection import Connection, record_from_row


def checked_answer(participant_id: str, item_id: str, current: int | None, target: int | None,
                   comment: str, answered_at: str | None = None) -> Answer:
    """The answer as the store writes it (its comment cleaned, stamped now unless
    ``answered_at`` says when), or a ``StorageError`` with the sentence of
    ``rules.answers.answer_problem``; the kiosk's writer thread checks with this before it
    queues an answer."""
    comment = clean_text(comment, True)
    problem = answer_problem(current, target, comment)
    if problem:
        raise StorageError(problem.sentence)
    return Answer(participant_id, item_id, current, target, comment,
                  answered_at or stamps.now_iso())


class Answers(Connection):
    """Answers, one committed transaction each."""

    def save_answer(self, participant_id: str, item_id: str, current: int | None,
                    target: int | None, comment: str = "", answered_at: str | None = None
                    ) -> Answer:
        """Save one answer as one committed transaction; ``current=None`` is "don't know"."""
        answer = checked_answer(participant_id, item_id, current, target, comment, answered_at)
        with self.transaction():
            self.write_answer(answer)
        return answer

    def write_answer(self, answer: Answer) -> None:
        """Insert or replace one answer inside the caller's transaction."""
        self.db.execute(
            """INSERT INTO answers (participant_id, item_id, current, target, comment,
                                    answered_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (participant_id, item_id) DO UPDATE SET
                 current = excluded.current, target = excluded.target,
                 comment = excluded.comment, answered_at = excluded.answered_at""",
            [answer.participant_id, answer.item_id, answer.current, answer.target,
             answer.comment, answer.answered_at])

    def clear_answer(self, participant_id: str, item_id: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM answers WHERE participant_id = ? AND item_id = ?",
                            [participant_id, item_id])

    def answers_for_participant(self, participant_id: str) -> dict[str, Answer]:
        rows = self._query("SELECT * FROM answers WHERE participant_id = ?", [participant_id])
        return {r["item_id"]: record_from_row(Answer, r) for r in rows}

    def answers_for_workshop(self, workshop_id: str) -> list[Answer]:
        rows = self._query("""SELECT a.* FROM answers a JOIN participants p
                              ON p.id = a.participant_id WHERE p.workshop_id = ?
                              ORDER BY p.created_at, p.rowid, a.item_id""", [workshop_id])
        return [record_from_row(Answer, r) for r in rows]
