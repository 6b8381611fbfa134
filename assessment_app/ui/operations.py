"""Every write the window makes, by name (the shape of Anki's ``aqt/operations``): each calls
the core, and once the write is committed announces what changed on ``Changes``, so every
screen that shows it follows. No screen writes to the store itself, and no screen refreshes
another by hand.

These writes are single transactions of well under a millisecond, so they run on the UI thread;
the long jobs (PDF exports) run in a worker process (``ui/background.ProcessJob``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .changes import ANSWERS, ANY_WORKSHOP, EVERYTHING, PARTICIPANTS, PLAN, WORKSHOPS, Changes

if TYPE_CHECKING:
    from pathlib import Path

    from ..analysis.plan import PlanEntry
    from ..content.actions import Action
    from ..content.questionnaire import Questionnaire
    from ..exchange.bundle import ImportPlan
    from ..rules.records import Participant, Workshop
    from ..store.backups import Backup
    from ..store.database import Store


class Operations:
    """The store's writes for the window; ``changes`` may be None where nothing listens
    (a model tested on its own)."""

    def __init__(self, store: Store, changes: Changes | None = None) -> None:
        self.store = store
        self.changes = changes

    def _announce(self, workshop_id: str | None, what: str) -> None:
        if self.changes is not None:
            self.changes.announce(workshop_id, what)

    # -- workshops ------------------------------------------------------------------------------

    def create_workshop(self, name: str, questionnaire: Questionnaire, organization: str,
                        on: str | None) -> Workshop:
        workshop = self.store.create_workshop(name, questionnaire, organization=organization,
                                              on=on)
        self._announce(workshop.id, WORKSHOPS)
        return workshop

    def create_demo(self, questionnaire: Questionnaire) -> Workshop:
        from ..exchange.demo import create_demo_workshop

        workshop = create_demo_workshop(self.store, questionnaire)
        self._announce(workshop.id, EVERYTHING)
        return workshop

    def update_workshop(self, workshop_id: str, **fields: str) -> Workshop:
        workshop = self.store.update_workshop(workshop_id, **fields)
        self._announce(workshop_id, WORKSHOPS)
        return workshop

    def delete_workshop(self, workshop_id: str) -> None:
        self.store.delete_workshop(workshop_id)
        self._announce(workshop_id, WORKSHOPS)

    def set_pin(self, workshop_id: str, pin: str | None) -> None:
        self.store.set_pin(workshop_id, pin)
        self._announce(workshop_id, WORKSHOPS)

    # -- participants and answers ---------------------------------------------------------------

    def add_participant(self, workshop_id: str, name: str, role: str, title: str
                        ) -> Participant:
        participant = self.store.add_participant(workshop_id, name, role, title)
        self._announce(workshop_id, PARTICIPANTS)
        return participant

    def update_participant(self, participant_id: str, name: str, role: str, title: str
                           ) -> Participant:
        participant = self.store.update_participant(participant_id, name, role, title)
        self._announce(participant.workshop_id, PARTICIPANTS)
        return participant

    def remove_participant(self, participant: Participant) -> None:
        self.store.remove_participant(participant.id)
        self._announce(participant.workshop_id, PARTICIPANTS)

    def answer_saved(self, workshop_id: str) -> None:
        """The answering session saves each choice itself (``analysis/answering``); the
        answering window reports each committed save here."""
        self._announce(workshop_id, ANSWERS)

    # -- the plan -------------------------------------------------------------------------------

    def save_plan(self, workshop_id: str, entries: list[PlanEntry]) -> None:
        from ..analysis.plan import save_plan

        save_plan(self.store, workshop_id, entries)
        self._announce(workshop_id, PLAN)

    def reset_plan(self, workshop_id: str) -> None:
        from ..analysis.plan import reset_plan

        reset_plan(self.store, workshop_id)
        self._announce(workshop_id, PLAN)

    def mark_plan_agreed(self, workshop_id: str, entries: list[PlanEntry], agreed: bool = True
                         ) -> None:
        """Agreed with the room (the plan stored as it stands), or back to suggested with the
        edits kept."""
        from ..analysis.plan import mark_agreed

        mark_agreed(self.store, workshop_id, entries, agreed)
        self._announce(workshop_id, PLAN)

    def import_plan_workbook(self, workshop_id: str, actions: list[Action], path: Path):
        """A plan edited in Excel, read back all or nothing (``exchange/plan_workbook_read``);
        returns its ``PlanImport``."""
        from ..exchange.plan_workbook_read import import_plan_workbook

        summary = import_plan_workbook(self.store, workshop_id, actions, path)
        self._announce(workshop_id, PLAN)
        return summary

    # -- whole-database changes -----------------------------------------------------------------

    def apply_import(self, plan: ImportPlan) -> str:
        from ..exchange.bundle import apply_import

        apply_import(self.store, plan)
        self._announce(plan.workshop.id, EVERYTHING)
        return plan.workshop.id

    def restore(self, backup: Backup) -> None:
        self.store.restore(backup)
        self._announce(ANY_WORKSHOP, EVERYTHING)
