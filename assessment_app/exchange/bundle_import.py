"""Importing a bundle: its merge plan (``bundle_merge.plan_import``) written in one
transaction, all of it or, on any error, none of it."""

from __future__ import annotations

from pathlib import Path

from ..content.catalog import Catalog
from ..rules.changes import Changed
from ..store.database import Store
from .bundle_file import read_bundle
from .bundle_merge import ImportPlan, plan_import
from .consensus_merge import apply_consensus


def apply_import(store: Store, plan: ImportPlan) -> Changed:
    """Write a planned import in one transaction: all of it, or (on any error) none of it."""
    with store.transaction():
        if plan.new_workshop:
            store.write_workshop(plan.workshop, plan.questionnaire)
        elif plan.renamed_workshop is not None:
            store.write_workshop_details(plan.renamed_workshop)
        if plan.raised_threshold is not None:
            store.set_privacy_threshold(plan.workshop.id, plan.raised_threshold)
        for deletion in plan.deletions:
            store.write_deletion(deletion)
        for participant, _ in plan.removed_participants:
            store.erase_participant(participant.id)
        for participant in plan.new_participants:
            store.write_participant(participant)
        for _, participant in plan.renamed_participants:
            store.write_participant_details(participant)
        for answer in plan.new_answers + [new for _, new in plan.replaced_answers]:
            store.write_answer(answer)
        if plan.plan_rows:
            store.save_plan_rows(plan.workshop.id, plan.plan_rows, carried_times=True)
            store.set_plan_agreed_at(plan.workshop.id, plan.plan_agreed_at)
        apply_consensus(store, plan.consensus)
    return plan.changed()


def import_bundle_file(store: Store, path: Path, catalog: Catalog | None = None,
                       restore_deleted: bool = False) -> ImportPlan:
    plan = plan_import(store, read_bundle(path), catalog, source=str(path),
                       restore_deleted=restore_deleted)
    apply_import(store, plan)
    return plan
