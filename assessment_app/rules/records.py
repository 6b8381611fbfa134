"""The records Tandem keeps (workshops, participants, answers, deletions) as plain frozen
dataclasses, without SQLite: scoring, bundles and the demo need only these, and importing them
costs nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Workshop:
    id: str
    name: str
    organization: str
    date: str
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_hash: str
    # When the name, organisation or date were last edited (set at creation): renames travel
    # between laptops by this time (``exchange.bundle_merge``). Empty: not stored yet, "now" on
    # write.
    edited_at: str = ""
    follows: str = ""  # the workshop this one follows up (a series), empty: none
    # The fewest people a shown figure may rest on (``rules.privacy``; never below 3). Bundles
    # carry it; on a merge the higher wins, so a laptop never shows what another withholds.
    privacy_threshold: int = 3
    # The language of the workshop's PDFs and plan workbook ("en", "de"); empty: not stored
    # yet, the process's language on write (``Store.write_workshop``).
    report_language: str = ""


@dataclass(frozen=True)
class Participant:
    id: str
    workshop_id: str
    name: str
    role: str
    title: str
    edited_at: str = ""  # when the name, role or title were last edited (set at creation)
    # The same person across a series: the id of the participant this one was copied from
    # when a follow-up was started (empty: a person of their own). ``identity`` matches people.
    person: str = ""

    @property
    def identity(self) -> str:
        return self.person or self.id


# What a deletion leaves behind, so that a bundle made before it does not bring the record back
# (``exchange.bundle_merge``): a workshop (``workshop_id`` is its own id) or a participant.
@dataclass(frozen=True)
class Deletion:
    kind: str  # "workshop" or "participant" (the table's CHECK, migration 5)
    id: str
    workshop_id: str
    deleted_at: str


@dataclass(frozen=True)
class Answer:
    participant_id: str
    item_id: str
    current: int | None  # None means "don't know"
    target: int | None
    comment: str
    answered_at: str
    # The language the participant answered in (an ``i18n`` code; None: unknown, an answer saved
    # before Tandem kept it). Not part of an answer's content: two answers that differ only in
    # it are the same answer to a merge.
    language: str | None = field(default=None, compare=False)

    @property
    def dont_know(self) -> bool:
        return self.current is None

    @property
    def is_complete(self) -> bool:
        """Done means today's level and a target, or "don't know" (``progress.COMPLETE_SQL``)."""
        return self.current is None or self.target is not None


@dataclass(frozen=True)
class WorkshopSummary:
    """One row of the workshop list: enough to choose a workshop without opening it."""

    id: str
    name: str
    organization: str
    date: str
    questionnaire_id: str
    participants: int
    completed: int
