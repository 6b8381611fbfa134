"""One executive's answering session: which item they are on, what they have answered, and the
rule that every change is saved before anything else happens.

Plain Python so the whole flow (resume, navigation, the target rule, the review before finishing)
is testable without a window; the answering screen only draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .. import i18n
from ..content.questionnaire import DIMENSIONS, Item, Questionnaire, level_name
from ..errors import TandemError
from ..i18n import tr
from ..rules.consensus import OPEN, phase_problem
from ..rules.levels import level_problem
from ..rules.records import Answer, Participant
from ..store.database import Store

# (participant id, item id, today, target, comment) -> the answer as saved; raises StorageError
SaveAnswer = Callable[[str, str, int | None, int | None, str], Answer]
# (questionnaire, language code) -> the questionnaire in that language's words
# (``Catalog.in_language``): how the statements are shown, never what is stored
Words = Callable[[Questionnaire, str], Questionnaire]


class AnswerRefused(TandemError):
    """The choice breaks a rule (for example a target below today's level); nothing was saved."""


def is_complete(answer: Answer | None) -> bool:
    return answer is not None and answer.is_complete


def round_one_said(answer: Answer | None) -> str:
    """What a participant re-rating a statement sees of their own round-1 answer (theirs
    only): the same sentence on the phone and in the kiosk."""
    if answer is None:
        return tr("You did not answer this statement in round 1.")
    if answer.current is None:
        return tr("In round 1 you said you don't know.")
    if answer.target:
        return tr("In round 1 you said {level} ({name}), target {target}.", level=answer.current,
                  name=level_name(answer.current), target=answer.target)
    return tr("In round 1 you said {level} ({name}).", level=answer.current,
              name=level_name(answer.current))


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


class AnsweringSession:
    """The state of one participant's pass through the questionnaire."""

    def __init__(self, store: Store, participant: Participant, questionnaire: Questionnaire,
                 save: SaveAnswer | None = None, round_no: int = 1,
                 items: list[str] | None = None, words: Words | None = None):
        self.store = store
        # round 2: re-rating the consensus round's chosen statements (``items``, in order),
        # with the same choices and save rules, beside the person's own round-1 answers
        self.round_no = round_no
        # where each answer goes: the store itself (committed when it returns), or what the
        # answering window gives, a writer thread that commits it and acknowledges it later
        self.save: SaveAnswer = save or partial(store.save_answer, round_no=round_no)
        self.participant = participant
        self.language: str | None = None  # the one they answer in (chosen at the hand-over)
        self.questionnaire = questionnaire
        self.words = words
        shown = self.shown = self._shown(i18n.current())  # its words: statements, themes
        by_id = {item.id: item for item in shown.items}
        self.items: list[Item] = (list(shown.items) if items is None
                                  else [by_id[i] for i in items if i in by_id])
        self.round1: dict[str, Answer] = (store.answers_for_participant(participant.id)
                                          if round_no == 2 else {})
        self.answers: dict[str, Answer] = store.answers_for_participant(participant.id,
                                                                        round_no)
        # comments typed before any level was chosen, per item: kept while the person moves
        # about, and saved with the first choice on that statement
        self.drafts: dict[str, str] = {}
        self.index = self.first_unfinished_index()

    def _shown(self, code: str) -> Questionnaire:
        return self.words(self.questionnaire, code) if self.words else self.questionnaire

    def show_in(self, code: str) -> None:
        """Show the statements in ``code``'s words (the answers, kept by item id, stay)."""
        self.shown = self._shown(code)
        by_id = {item.id: item for item in self.shown.items}
        self.items = [by_id[item.id] for item in self.items]

    @classmethod
    def start(cls, store: Store, participant_id: str,
              words: Words | None = None) -> AnsweringSession:
        """The participant's session: round 2 (the chosen statements) while the workshop's
        consensus round is open, round 1 before it opens; after it closed, one sentence
        (``AnswerRefused``) instead of a session that would refuse every answer."""
        participant = store.participant(participant_id)
        questionnaire = store.questionnaire_for(participant.workshop_id)
        state = store.round_state(participant.workshop_id)
        if state.phase == OPEN and state.items:
            return cls(store, participant, questionnaire, round_no=2, items=list(state.items),
                       words=words)
        if state.round_one_closed:
            # round 1 closed when the round opened, and a closed round takes no re-rating:
            # a session now could only refuse every answer, so say so before it starts
            raise AnswerRefused(phase_problem(state, "answering")
                                or tr("This workshop's consensus round has no statements to "
                                      "re-rate."))
        return cls(store, participant, questionnaire, words=words)

    @property
    def round_one_said(self) -> str:
        """In round 2: the person's own round-1 answer to the statement on screen."""
        return round_one_said(self.round1.get(self.item.id)) if self.round_no == 2 else ""

    # -- where we are --------------------------------------------------------------------------

    @property
    def role(self) -> str:
        return self.participant.role

    @property
    def item(self) -> Item:
        return self.items[self.index]

    @property
    def answer(self) -> Answer | None:
        return self.answers.get(self.item.id)

    @property
    def comment(self) -> str:
        """The comment of the statement on screen: its answer's, or the one typed before any
        level was chosen."""
        answer = self.answer
        return answer.comment if answer else self.drafts.get(self.item.id, "")

    def take_answers(self, on_disk: dict[str, Answer], keep: set[str]) -> set[str]:
        """Answers saved meanwhile elsewhere (the same person on their phone): take those
        that differ from what the session holds, except the items in ``keep`` (answers of
        this session still on their way to the disk). Returns the items taken."""
        taken = {item_id for item_id, answer in on_disk.items()
                 if item_id not in keep and self.answers.get(item_id) != answer}
        for item_id in taken:
            self.answers[item_id] = on_disk[item_id]
            self.drafts.pop(item_id, None)
        return taken

    def text(self, item: Item | None = None) -> str:
        return (item or self.item).text_for(self.role)

    def first_unfinished_index(self) -> int:
        for n, item in enumerate(self.items):
            if not is_complete(self.answers.get(item.id)):
                return n
        return len(self.items) - 1

    def unfinished(self) -> list[tuple[int, Item]]:
        return [(n, item) for n, item in enumerate(self.items)
                if not is_complete(self.answers.get(item.id))]

    def progress_by_dimension(self) -> dict[str, Progress]:
        result = {}
        for dimension in DIMENSIONS:
            items = [i for i in self.items if i.dimension == dimension]
            if items:
                done = sum(1 for i in items if is_complete(self.answers.get(i.id)))
                result[dimension] = Progress(done, len(items))
        return result

    # -- moving --------------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        self.index = max(0, min(index, len(self.items) - 1))

    def next(self) -> bool:
        """Move on; False when already on the last item (time to review)."""
        if self.index >= len(self.items) - 1:
            return False
        self.index += 1
        return True

    def back(self) -> bool:
        if self.index == 0:
            return False
        self.index -= 1
        return True

    # -- answering: every call hands the answer to ``save`` before it returns -----------------
    # ``comment`` is what the comment box holds at the moment of the choice: a comment typed
    # before choosing a level is saved together with that choice.

    def choose_current(self, level: int, comment: str | None = None) -> Answer:
        """Today's level; a target that would now sit below it is cleared, not kept wrong."""
        target = self.answer.target if self.answer else None
        problem = level_problem(level, target)
        if problem and problem.target_below_today:
            target = None
        return self._save(level, target, comment)

    def choose_target(self, level: int, comment: str | None = None) -> Answer:
        """The target, refused with the sentence of ``rules.levels.level_problem`` (the same
        at every door) when it breaks a rule: below today's level, or after "don't know"."""
        old = self.answer
        if old is None:
            raise AnswerRefused(tr("Choose where the organisation is today first, then the "
                                   "target."))
        problem = level_problem(old.current, level)
        if problem:
            raise AnswerRefused(problem.sentence)
        return self._save(old.current, level, comment)

    def choose_dont_know(self, comment: str | None = None) -> Answer:
        return self._save(None, None, comment)

    def set_comment(self, comment: str) -> Answer | None:
        """Save a changed comment on an existing answer; without an answer there is nothing to
        attach it to yet: it is kept as a draft and saved with the first choice."""
        old = self.answer
        if old is None:
            if comment.strip():
                self.drafts[self.item.id] = comment
            else:
                self.drafts.pop(self.item.id, None)
            return None
        if old.comment == comment.strip():
            return old
        return self._save(old.current, old.target, comment)

    def _save(self, current: int | None, target: int | None, comment: str | None) -> Answer:
        old = self.answer
        if comment is None:
            comment = old.comment if old else ""
        answer = self.save(self.participant.id, self.item.id, current, target, comment)
        self.answers[self.item.id] = answer
        self.drafts.pop(self.item.id, None)
        return answer
