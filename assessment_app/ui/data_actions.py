"""File menu jobs on whole workshops: import (merge) a bundle, export bundles and CSV (plain or
anonymised), and restore the database from a backup. Each asks what it needs through the
``dialogs`` seams and reports problems as messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..content.catalog import Catalog
from ..exchange.bundle_export import export_bundle, write_bundle
from ..exchange.bundle_file import read_bundle
from ..exchange.bundle_merge import ImportPlan, Skipped, plan_import, removal_reason
from ..exchange.csv_export import export_csv
from ..files import safe_file_name
from ..i18n import tr, tr_n
from ..rules.dates import day_text
from ..rules.records import Participant
from ..rules.text import excerpt
from ..store.backups import Backup, list_backups
from ..store.database import Store
from . import background, dialogs
from .models import BackupListModel
from .operations import Operations


def _names(people: Sequence[Participant | Skipped], most: int = 4) -> str:
    """“Ann”, “Bob” and 3 more: the names of a list, shortened."""
    shown = ", ".join(f"“{excerpt(p.name)}”" for p in people[:most])
    more = len(people) - min(len(people), most)
    return tr("{names} and {more} more", names=shown, more=more) if more else shown


def describe_plan(plan: ImportPlan, source: str, adds: bool = True) -> str:
    """The preview before an import: what it adds, changes and skips, each with why
    (``adds`` False: a bundle with nothing new, whose "Added: 0 new answers" says nothing)."""
    lines = [tr("Import “{name}” from {file}:", name=excerpt(plan.workshop.name),
                file=Path(source).name)]
    gone = plan.skipped_workshop
    if gone is not None:
        lines.append(tr("• skipped: this workshop was {reason}; nothing is imported unless you "
                        "bring it back", reason=gone.reason))
        return "\n".join(lines)
    for heading, part in ((tr("Added:"), _added(plan) if adds else []),
                          (tr("Changed:"), _changed(plan)), (tr("Skipped:"), _skipped(plan))):
        if part:
            lines.append(heading)
            lines.extend(part)
    if plan.restored:
        lines.append(tr("Brought back, as you chose: {names}", names=_names(plan.restored)))
    unchanged = plan.summary()["unchanged_answers"]
    if unchanged:
        lines.append(tr_n("• {n} answer already here, unchanged",
                          "• {n} answers already here, unchanged", unchanged))
    return "\n".join(lines)


def _added(plan: ImportPlan) -> list[str]:
    s = plan.summary()
    people = tr_n("• {n} new participant", "• {n} new participants", s["new_participants"])
    added = [tr("• a new workshop on this laptop") if plan.new_workshop
             else tr("• (merges into the workshop already here)"),
             people + (f": {_names(plan.new_participants)}" if plan.new_participants else ""),
             tr_n("• {n} new answer", "• {n} new answers", s["new_answers"])]
    if plan.plan_rows:
        added.append(tr("• the bundle's action plan (none is edited here)"))
    return added


def _changed(plan: ImportPlan) -> list[str]:
    changed = []
    if plan.renamed_workshop is not None:
        changed.append(tr("• the workshop's name, organisation or date, edited later on the "
                          "other laptop: now “{name}”", name=excerpt(plan.renamed_workshop.name)))
    if plan.raised_threshold is not None:
        changed.append(tr("• the privacy threshold rises to {n} people, as set on the other "
                          "laptop (the stricter wins)", n=plan.raised_threshold))
    for old, new in plan.renamed_participants:
        changed.append(tr("• “{old}” becomes “{new}” ({title}): edited later on the other laptop",
                          old=excerpt(old.name), new=excerpt(new.name), title=excerpt(new.title))
                       if new.title else
                       tr("• “{old}” becomes “{new}”: edited later on the other laptop",
                          old=excerpt(old.name), new=excerpt(new.name)))
    if plan.replaced_answers:
        changed.append(tr_n("• {n} answer given on both laptops: the bundle's is newer and "
                            "replaces the one here", "• {n} answers given on both laptops: the "
                            "bundle's are newer and replace the ones here",
                            len(plan.replaced_answers)))
    for person, deletion in plan.removed_participants:
        changed.append(tr("• “{name}” is removed with their answers: {reason}",
                          name=excerpt(person.name), reason=removal_reason(deletion)))
    return changed


def _skipped(plan: ImportPlan) -> list[str]:
    skipped = [tr_n("• “{name}” and {n} answer: {reason}", "• “{name}” and {n} answers: {reason}",
                    x.answers, name=excerpt(x.name), reason=x.reason) for x in plan.skipped]
    if plan.kept_answers:
        skipped.append(tr_n("• {n} answer given on both laptops: the one here is newer and is "
                            "kept", "• {n} answers given on both laptops: the ones here are "
                            "newer and are kept", len(plan.kept_answers)))
    if plan.kept_names:
        skipped.append(tr_n("• {n} name or title: the one here was edited later and is kept",
                            "• {n} names or titles: the ones here were edited later and are "
                            "kept", plan.kept_names))
    unknown = plan.consensus.unknown_votes if plan.consensus is not None else []
    if unknown:
        skipped.append(tr_n("• {n} vote on an action that is not in the action library on this "
                            "laptop: left out", "• {n} votes on actions that are not in the "
                            "action library on this laptop: left out", len(unknown)))
    over = plan.consensus.over_budget if plan.consensus is not None else 0
    if over:
        skipped.append(tr_n("• {n} dot is not counted: together the laptops held more than a "
                            "person's dots per person, and each person's latest dots count",
                            "• {n} dots are not counted: together the laptops held more than a "
                            "person's dots per person, and each person's latest dots count",
                            over))
    return skipped


def _ask_restore(parent: QWidget, plan: ImportPlan) -> bool:
    """Whether to bring back what the import would skip as deleted (asked only then)."""
    gone = plan.skipped_workshop
    if gone is not None:
        question = tr("The workshop “{name}” was {reason}.", name=excerpt(gone.name),
                      reason=gone.reason) + "\n\n" + tr(
            "Bring it back from this bundle? (No: nothing is imported.)")
    else:
        question = tr_n("{n} participant in this bundle was deleted after the bundle's copy was "
                        "last edited: {names}.", "{n} participants in this bundle were deleted "
                        "after the bundle's copy was last edited: {names}.", len(plan.skipped),
                        names=_names(plan.skipped)) + "\n\n" + tr_n(
            "Bring them back with this import? (No: they and their answers are left out.)",
            "Bring them back with this import? (No: they and their answers are left out.)",
            len(plan.skipped))
    return dialogs.ask_yes_no(parent, tr("Deleted since this bundle was made"), question)


class Imported(NamedTuple):
    """Where a bundle went, and whether it changed anything there (a bundle whose every
    answer is already here imports nothing, and the window must not say it did)."""

    workshop_id: str
    changed: bool


class _Read(NamedTuple):
    """What the reading thread made of a bundle: its data, the plan, and the plan that brings
    back what was deleted here (made only when there is something to bring back), or the
    error that stopped it (raised again on the UI thread, to be told as it always was)."""

    data: Any = None
    plan: ImportPlan | None = None
    restoring: ImportPlan | None = None
    error: Exception | None = None


def _read_and_plan(db_path: str, path: str, catalog: Catalog) -> _Read:
    """The slow part of an import (reading a large bundle, merging it with every answer
    here), on a thread with its own read-only connection: the window stays responsive."""
    try:
        data = read_bundle(Path(path))
        store = Store.reader(db_path)
        try:
            with store.snapshot():
                plan = plan_import(store, data, catalog, source=Path(path).name)
                restoring = (plan_import(store, data, catalog, source=Path(path).name,
                                         restore_deleted=True) if plan.skipped else None)
        finally:
            store.close()
    except Exception as exc:  # noqa: BLE001 - reported on the UI thread, as before
        return _Read(error=exc)
    return _Read(data, plan, restoring)


def import_bundle(parent: QWidget, ops: Operations, catalog: Catalog, path: str | None = None,
                  done: Callable[[Imported | None], None] | None = None) -> background.Job | None:
    """Ask for (or take) a bundle, read and plan it in a thread (the caller keeps the returned
    job until ``done``), then show what it would add, change and skip, and write it on
    confirmation. What was deleted since the bundle was made is left out unless the
    facilitator chooses to bring it back. ``done`` gets the workshop it went into (also when
    nothing was new), or None."""
    path = path or dialogs.ask_open_path(parent, tr("Import workshop bundle"),
                                         tr("Tandem bundles (*.json);;All files (*)"))
    if not path:
        return None
    mark = ops.store.state_mark()  # taken before the thread reads: see Operations.apply_import
    job = background.Job(lambda _progress, _cancelled: _read_and_plan(ops.store.path, path,
                                                                     catalog))
    status = parent.statusBar() if isinstance(parent, QMainWindow) else None
    if status is not None:
        status.showMessage(tr("Reading the bundle “{file}”…", file=Path(path).name))
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def finished(read: _Read) -> None:
        QApplication.restoreOverrideCursor()
        if status is not None:
            status.clearMessage()
        imported = None
        try:
            imported = _carry_on(parent, ops, catalog, path, read, mark)
        finally:
            if done is not None:
                done(imported)

    job.signals.finished.connect(finished)
    background.start(job)
    return job


def _carry_on(parent: QWidget, ops: Operations, catalog: Catalog, path: str, read: _Read,
              mark: tuple[int, int]) -> Imported | None:
    """On the UI thread, once the bundle is read and planned: ask, preview, confirm, write."""
    with dialogs.reporting_errors(parent, tr("Cannot import this bundle")):
        if read.error is not None:
            raise read.error
        plan, restore = read.plan, False
        assert plan is not None
        if read.restoring is not None and _ask_restore(parent, plan):
            plan, restore = read.restoring, True
        if not plan.changes_anything:
            gone = plan.skipped_workshop is not None
            dialogs.show_info(parent, tr("Nothing to import"), describe_plan(plan, path, adds=False)
                              + ("" if gone else "\n\n" + (
                                  tr("Everything else in this bundle is already here.")
                                  if plan.skipped else
                                  tr("Everything in this bundle is already here."))))
            return None if gone else Imported(plan.workshop.id, changed=False)
        if not dialogs.ask_confirm(parent, tr("Import bundle"), describe_plan(plan, path),
                                   tr("Import")):
            return None
        return Imported(ops.apply_import(plan, mark, lambda: plan_import(
            ops.store, read.data, catalog, source=Path(path).name, restore_deleted=restore)),
            changed=True)
    return None


def export_workshop(parent: QWidget, store: Store, workshop_id: str, kind: str,
                    anonymise: bool) -> Path | None:
    """Export a bundle (kind "bundle") or CSV (kind "csv"), optionally anonymised."""
    with dialogs.reporting_errors(parent, tr("Cannot export")):
        w = store.workshop(workshop_id)
        keep_comments = True
        if anonymise:
            keep_comments = dialogs.ask_yes_no(
                parent, tr("Anonymised export"),
                tr("Keep the participants' comments? Names and job titles are removed either "
                   "way, but a comment can still reveal who wrote it."))
        extension = "json" if kind == "bundle" else "csv"
        default = (tr("{name} (anonymised)", name=safe_file_name(w.name)) if anonymise
                   else safe_file_name(w.name)) + f".{extension}"
        filters = tr("Tandem bundle (*.json)") if kind == "bundle" else "CSV (*.csv)"
        path = dialogs.ask_save_path(parent, tr("Export"), default, filters)
        if not path:
            return None
        out = Path(path)
        if kind == "bundle":
            write_bundle(export_bundle(store, workshop_id, anonymise, keep_comments), out)
        else:
            export_csv(store, workshop_id, out, anonymise, keep_comments)
        return out
    return None


class RestoreDialog(QDialog):
    """Pick one of the database's backups."""

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Restore from backup"))
        self.resize(640, 380)
        self.model = BackupListModel(backups, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        text = QLabel(tr("Choose the backup to go back to. What is in the database now is backed "
                         "up first, so this can be undone."))
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None


def ask_backup(parent: QWidget, backups: list[Backup]) -> Backup | None:
    dialog = RestoreDialog(backups, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def restore_from_backup(parent: QWidget, ops: Operations) -> bool:
    backups = list_backups(ops.store.path)
    if not backups:
        dialogs.show_info(parent, tr("No backups yet"),
                          tr("There is no backup of this database yet. Tandem makes one each "
                             "time it starts after the data changed."))
        return False
    chosen = ask_backup(parent, backups)
    if chosen is None:
        return False
    from ..store.backups import damaged_backup, is_good

    if not is_good(chosen):  # checked before anything, even the backup of what is here
        dialogs.show_error(parent, tr("Cannot restore"), damaged_backup(chosen))
        return False
    with dialogs.reporting_errors(parent, tr("Cannot restore")):
        ops.restore(chosen)
        dialogs.show_info(parent, tr("Restored"), tr(
            "The database is back as it was on {day} at {time}. The state before the restore "
            "was backed up too.", day=day_text(chosen.made_at.date()),
            time=f"{chosen.made_at:%H:%M}"))
        return True
    return False
