"""What of one answering session is on disk. The writer (``answer_writer``) commits answers off
the UI thread and reports each one saved or failed; this keeps the last committed answer of
each statement, so a failed save puts the session back to what is on disk, and which failures
the participant has been told about when handing back."""

from __future__ import annotations

from ..analysis.answering import AnsweringSession
from ..rules.records import Answer


class SavedAnswers:
    """The committed answer of each statement, and the statements whose last save failed."""

    def __init__(self, session: AnsweringSession) -> None:
        self.session = session
        self._on_disk = dict(session.answers)  # each statement's answer as committed
        self.not_saved: dict[str, str] = {}  # statement id -> why its last answer failed
        self._told: set[str] = set()  # failures already shown when handing back

    def committed(self, answer: Answer) -> None:
        self._on_disk[answer.item_id] = answer
        self.not_saved.pop(answer.item_id, None)
        self._told.discard(answer.item_id)

    def failed(self, item_id: str, problem: str) -> None:
        """The statement's last answer was not written: the session goes back to the one on
        disk (or to none)."""
        self.not_saved[item_id] = problem
        on_disk = self._on_disk.get(item_id)
        if on_disk is None:
            self.session.answers.pop(item_id, None)
        else:
            self.session.answers[item_id] = on_disk

    def first_untold(self) -> str | None:
        """The first failed statement not yet shown when handing back; all of them count as
        told from now on (a second hand-back leaves them without that answer)."""
        untold = [i for i in self.not_saved if i not in self._told]
        self._told.update(untold)
        return untold[0] if untold else None

    def number(self, item_id: str) -> int:
        """A statement's position in the session (from 0)."""
        return next(n for n, item in enumerate(self.session.items) if item.id == item_id)
