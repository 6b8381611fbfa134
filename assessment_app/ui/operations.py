"""Every write the window makes, by name (the shape of Anki's ``aqt/operations``): each calls
the core, and once the write is committed announces what changed on ``Changes``, so every
screen that shows it follows. No screen writes to the store itself, and no screen refreshes
another by hand.

These writes are single transactions of well under a millisecond, so they run on the UI thread;
the long jobs (PDF exports) run in a worker process (``ui/background.ProcessJob``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..rules.changes import (
    ANSWERED,
    NEW_PARTICIPANT,
    NEW_WORKSHOP,
    Changed,
    Kind,
    changed,
    everything,
)
from .changes import Changes

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from ..analysis.plan import PlanEntry
    from ..content.actions import Action
    from ..content.questionnaire import Questionnaire
    from ..exchange.bundle_merge import ImportPlan
    from ..exchange.plan_workbook_read import PlanImport
    from ..rules.records import Participant, Workshop
    from ..store.backups import Backup
    from ..store.database import Store


class Operations:
    """The store's writes for the window; ``changes`` may be None where nothing listens
    (a model tested on its own). Each returns what the core says it changed, as announced."""

    def __init__(self, store: Store, changes: Changes | None = None) -> None:
        self.store = store
        self.changes = changes

    def _announce(self, change: Changed) -> Changed:
        if self.changes is not None:
            self.changes.announce(change)
        return change

    # -- workshops ------------------------------------------------------------------------------

    def create_workshop(self, name: str, questionnaire: Questionnaire, organization: str,
                        on: str | None) -> Workshop:
        workshop = self.store.create_workshop(name, questionnaire, organization=organization,
                                              on=on)
        self._announce(Changed(workshop.id, NEW_WORKSHOP))
        return workshop

    def create_follow_up(self, baseline_id: str, questionnaire: Questionnaire, name: str,
                         organization: str, on: str | None) -> Workshop:
        workshop = self.store.create_follow_up(baseline_id, questionnaire, name, on,
                                               organization)
        self._announce(Changed(workshop.id, NEW_WORKSHOP | NEW_PARTICIPANT))
        return workshop

    def create_demo(self, questionnaire: Questionnaire) -> tuple[Workshop, bool]:
        """The demo workshop, made unless it is there (``demo.demo_workshop``); and whether
        it was made now."""
        from ..exchange.demo import demo_workshop

        workshop, made = demo_workshop(self.store, questionnaire)
        if made:
            self._announce(everything(workshop.id))  # a whole workshop: people, answers, plan
        return workshop, made

    def update_workshop(self, workshop_id: str, **fields: str) -> Changed:
        return self._announce(self.store.update_workshop(workshop_id, **fields))

    def delete_workshop(self, workshop_id: str) -> Changed:
        return self._announce(self.store.delete_workshop(workshop_id))

    def set_privacy_threshold(self, workshop_id: str, minimum: int) -> Changed:
        return self._announce(self.store.set_privacy_threshold(workshop_id, minimum))

    def set_report_language(self, workshop_id: str, code: str) -> Changed:
        return self._announce(self.store.set_report_language(workshop_id, code))

    def set_pin(self, workshop_id: str, pin: str | None) -> Changed:
        return self._announce(self.store.set_pin(workshop_id, pin))

    # -- participants and answers ---------------------------------------------------------------

    def add_participant(self, workshop_id: str, name: str, role: str, title: str
                        ) -> Participant:
        participant = self.store.add_participant(workshop_id, name, role, title)
        self._announce(Changed(workshop_id, NEW_PARTICIPANT))
        return participant

    def update_participant(self, participant_id: str, name: str, role: str, title: str
                           ) -> Changed:
        return self._announce(self.store.update_participant(participant_id, name, role, title))

    def remove_participant(self, participant: Participant) -> Changed:
        return self._announce(self.store.remove_participant(participant.id))

    def answer_saved(self, workshop_id: str) -> Changed:
        """The answering session saves each choice itself (``analysis/answering``); the
        answering window reports each committed save here."""
        return self._announce(Changed(workshop_id, ANSWERED))

    # -- the plan -------------------------------------------------------------------------------

    def save_plan(self, workshop_id: str, entries: list[PlanEntry]) -> Changed:
        from ..analysis.plan import save_plan

        return self._announce(save_plan(self.store, workshop_id, entries))

    def reset_plan(self, workshop_id: str) -> Changed:
        from ..analysis.plan import reset_plan

        return self._announce(reset_plan(self.store, workshop_id))

    def mark_plan_agreed(self, workshop_id: str, entries: list[PlanEntry], agreed: bool = True
                         ) -> Changed:
        """Agreed with the room (the plan stored as it stands), or back to suggested with the
        edits kept."""
        from ..analysis.plan import mark_agreed

        return self._announce(mark_agreed(self.store, workshop_id, entries, agreed))

    def import_plan_workbook(self, workshop_id: str, actions: list[Action], path: Path,
                             rows: Any = None) -> PlanImport:
        """A plan edited in Excel, read back all or nothing (``exchange/plan_workbook_read``;
        ``rows``: its Plan sheet already read by ``workbook_rows``); returns its
        ``PlanImport``."""
        from ..exchange.plan_workbook_read import import_plan_workbook

        summary = import_plan_workbook(self.store, workshop_id, actions, path, rows)
        self._announce(summary.changed)
        return summary

    # -- the consensus round --------------------------------------------------------------------

    def open_round(self, workshop_id: str, items: list[str]) -> Changed:
        """Open the consensus round with these statements in this order (closing round 1), or
        choose again while it is open."""
        from ..analysis.consensus_view import open_consensus

        return self._announce(open_consensus(self.store, workshop_id, items))

    def close_round(self, workshop_id: str) -> Changed:
        return self._announce(self.store.close_round(workshop_id))

    def decide(self, workshop_id: str, item_id: str, current: int, target: int, status: str,
               note: str = "") -> Changed:
        self.store.decide(workshop_id, item_id, current, target, status, note)
        return self._announce(changed(workshop_id, Kind.CONSENSUS))

    def vote(self, participant_id: str, action_id: str, count: int, actions: list[Action]
             ) -> Changed:
        from ..analysis.consensus_view import cast_vote

        cast_vote(self.store, participant_id, action_id, count, actions)
        workshop_id = self.store.participant(participant_id).workshop_id
        return self._announce(changed(workshop_id, Kind.CONSENSUS))

    # -- whole-database changes -----------------------------------------------------------------

    def apply_import(self, plan: ImportPlan, mark: tuple[int, int] | None = None,
                     replan: Callable[[], ImportPlan] | None = None) -> str:
        """Write a planned import. A plan made on another connection (the window plans in a
        thread) comes with the database's ``state_mark`` it was made from: if anything was
        committed since, ``replan`` makes it again here, under the write lock, so the merge
        rules always judge what is in the file at the moment it is written."""
        from ..exchange.bundle_import import apply_import

        with self.store.transaction():
            if replan is not None and self.store.state_mark() != mark:
                plan = replan()
            change = apply_import(self.store, plan)
        self._announce(change)
        return plan.workshop.id

    def restore(self, backup: Backup) -> Changed:
        return self._announce(self.store.restore(backup))
