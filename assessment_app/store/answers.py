"""Answers: each one saved as its own committed transaction, after the shared rules accept it.
Round 1 lives in ``answers``; the consensus round's re-ratings (round 2) in ``round2_answers``,
so round 1 is never rewritten by them."""

from __future__ import annotations

from ..errors import StorageError
from ..i18n import tr
from ..rules import stamps
from ..rules.answers import ROUND_ONE_CLOSED, answer_problem
from ..rules.consensus import RoundState
from ..rules.records import Answer
from ..rules.text import clean_text
from .connection import record_columns
from .consensus import ConsensusRecords

TABLES = {1: "answers", 2: "round2_answers"}  # round -> its table


def checked_answer(participant_id: str, item_id: str, current: int | None, target: int | None,
                   comment: str, answered_at: str | None = None, round_no: int = 1,
                   state: RoundState | None = None, language: str | None = None) -> Answer:
    """The answer as the store writes it (its comment cleaned, stamped now unless
    ``answered_at`` says when, given in ``language``, None: unknown), or a ``StorageError`` with
    the sentence of ``rules.answers.answer_problem`` (with the workshop's round ``state`` when
    known); the kiosk's writer thread checks with this before it queues an answer."""
    comment = clean_text(comment, True)
    problem = answer_problem(current, target, comment, round_no, state, item_id)
    if problem:
        raise StorageError(problem.sentence)
    return Answer(participant_id, item_id, current, target, comment,
                  answered_at or stamps.now_iso(), language)


class Answers(ConsensusRecords):
    """Answers, one committed transaction each."""

    def save_answer(self, participant_id: str, item_id: str, current: int | None,
                    target: int | None, comment: str = "", answered_at: str | None = None,
                    round_no: int = 1, language: str | None = None) -> Answer:
        """Save one answer as one committed transaction; ``current=None`` is "don't know";
        ``language`` is the one the participant answered in (None: unknown).
        The workshop's round is read in the same transaction: a round-1 answer once the
        consensus round opened, or a round-2 one outside it, is refused with its sentence."""
        with self.transaction():
            answer = checked_answer(participant_id, item_id, current, target, comment,
                                    answered_at, round_no, self.round_state_of(participant_id),
                                    language)
            self.write_answer(answer, round_no)
        return answer

    def write_answer(self, answer: Answer, round_no: int = 1) -> None:
        """Insert or replace one answer of round ``round_no`` inside the caller's
        transaction."""
        self.db.execute(
            f"""INSERT INTO {TABLES[round_no]} (participant_id, item_id, current, target,
                                    comment, answered_at, language)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (participant_id, item_id) DO UPDATE SET
                 current = excluded.current, target = excluded.target,
                 comment = excluded.comment, answered_at = excluded.answered_at,
                 language = excluded.language""",
            [answer.participant_id, answer.item_id, answer.current, answer.target,
             answer.comment, answer.answered_at, answer.language])

    def clear_answer(self, participant_id: str, item_id: str, round_no: int = 1) -> None:
        if round_no == 1:
            state = self.round_state_of(participant_id)
            if state is not None and state.round_one_closed:
                raise StorageError(tr(ROUND_ONE_CLOSED))
        with self.transaction():
            self.db.execute(f"DELETE FROM {TABLES[round_no]} WHERE participant_id = ? "
                            "AND item_id = ?", [participant_id, item_id])

    def answers_for_participant(self, participant_id: str, round_no: int = 1
                                ) -> dict[str, Answer]:
        answers = self._records(Answer, f"SELECT {record_columns(Answer)} "
                                        f"FROM {TABLES[round_no]} WHERE participant_id = ?",
                                [participant_id])
        return {a.item_id: a for a in answers}

    def answers_for_workshop(self, workshop_id: str, round_no: int = 1) -> list[Answer]:
        return self._records(Answer, f"""SELECT {record_columns(Answer, "a")}
                                         FROM {TABLES[round_no]} a JOIN participants p
                                         ON p.id = a.participant_id WHERE p.workshop_id = ?
                                         ORDER BY p.created_at, p.rowid, a.item_id""",
                             [workshop_id])

    def answer_languages(self, workshop_id: str) -> dict[str, int]:
        """How many of the workshop's participants answered in each language (``i18n`` code ->
        participants), each counted once, by the language of most of their answers (a tie: the
        language of their latest of those). Answers of unknown language (saved before Tandem
        kept it) count for none, so a workshop of older answers only gives ``{}``."""
        rows = self.db.execute(
            """SELECT a.participant_id, a.language, count(*), max(a.answered_at)
               FROM answers a JOIN participants p ON p.id = a.participant_id
               WHERE p.workshop_id = ? AND a.language IS NOT NULL
               GROUP BY a.participant_id, a.language""", [workshop_id]).fetchall()
        chosen: dict[str, tuple[int, str, str]] = {}
        for participant, language, count, latest in rows:
            chosen[participant] = max(chosen.get(participant, (0, "", "")),
                                      (count, latest, language))
        counts: dict[str, int] = {}
        for _, _, language in chosen.values():
            counts[language] = counts.get(language, 0) + 1
        return counts

    def participant_language(self, participant_id: str) -> str | None:
        """The language of the participant's latest answer that has one (None: none has), the
        language their phone page opens in when this phone has not chosen one."""
        row = self.db.execute("""SELECT language FROM answers WHERE participant_id = ?
                                 AND language IS NOT NULL ORDER BY answered_at DESC LIMIT 1""",
                              [participant_id]).fetchone()
        return row[0] if row else None
