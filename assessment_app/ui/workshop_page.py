"""A workshop's page: its details and participants (add, edit, remove) with their progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..content.questionnaire import Questionnaire
from ..i18n import tr, tr_n
from ..rules.dates import day_label
from ..rules.records import Participant
from . import dialogs, workshop_settings
from .changes import PARTICIPANTS, PROGRESS, WORKSHOPS, follow
from .models import ParticipantsModel, SortRole
from .operations import Operations
from .text import WrappedLabel, elide, no_mnemonic, plain_tooltip

# the focus as a key would move it: Qt then draws it, so the facilitator sees where Enter goes
KEYS = Qt.FocusReason.TabFocusReason
NAME_ON_BUTTON_CHARS = 40  # a longer name is cut with "…" on the hand-over button


class WorkshopPage(QWidget):
    back_requested = Signal()
    hand_over_requested = Signal(str)
    results_requested = Signal(str)
    plan_requested = Signal(str)
    join_requested = Signal(str)  # let everyone answer on their own device (ui/join_screen)
    follow_up_requested = Signal(str)  # start a follow-up of this workshop (a series)
    consensus_requested = Signal(str)  # the consensus round (ui/consensus_page)

    def __init__(self, ops: Operations, parent: QWidget | None = None,
                 shown: Callable[[Questionnaire], Questionnaire] | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.shown = shown  # the questionnaire's title in the window's words (``Wording``)
        self.store = ops.store
        self.workshop_id: str | None = None
        self.model = ParticipantsModel(self.store, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)

        self.back_button = QPushButton(tr("← All workshops"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = WrappedLabel()  # the workshop's name, as typed
        self.title.setObjectName("pageTitle")
        self.details = WrappedLabel()  # organisation, date, questionnaire
        self.summary = QLabel()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(tr("Participants"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order they were added
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        # double-click edits; Enter hands over (``activated`` fires for both, so it is not used)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table,
                              context=Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.hand_over_selected)

        self.add_button = QPushButton(tr("&Add participant…"))
        self.edit_button = QPushButton(tr("&Edit…"))
        self.remove_button = QPushButton(tr("Re&move…"))
        self.hand_over_button = QPushButton(tr("Hand &over…"))
        self.hand_over_button.setObjectName("primary")
        self.hand_over_button.clicked.connect(self.hand_over_selected)
        self.hand_over_language = QComboBox()  # the language the participant answers in
        for code, name in i18n.LANGUAGES.items():
            self.hand_over_language.addItem(name, code)
        self.hand_over_language.setCurrentIndex(
            max(0, self.hand_over_language.findData(i18n.current())))
        self.settings_button = QPushButton(tr("Se&ttings…"))
        self.settings_button.setToolTip(tr("The privacy threshold (the fewest people a figure "
                                           "shown may rest on) and the report language"))
        self.settings_button.clicked.connect(self.change_settings)
        self.pin_button = QPushButton(tr("Facilitator &PIN…"))
        self.pin_button.clicked.connect(self.change_pin)
        self.results_button = QPushButton(tr("Show &results"))
        self.results_button.clicked.connect(
            lambda: self.workshop_id and self.results_requested.emit(self.workshop_id))
        self.join_button = QPushButton(tr("Let everyone answer on their own &device…"))
        self.join_button.setToolTip(tr("Serve the questionnaire to phones and laptops on this "
                                       "room's network, one personal link and code each"))
        self.join_button.clicked.connect(
            lambda: self.workshop_id and self.join_requested.emit(self.workshop_id))
        self.add_button.clicked.connect(self.add_participant)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.pin_button)
        top.addWidget(self.results_button)
        self.plan_button = QPushButton(tr("Action p&lan"))
        self.plan_button.clicked.connect(
            lambda: self.workshop_id and self.plan_requested.emit(self.workshop_id))
        top.addWidget(self.plan_button)
        self.follow_up_button = QPushButton(tr("Start a follo&w-up…"))
        self.follow_up_button.setToolTip(tr("A new workshop of the same organisation with these "
                                            "participants, compared with this one"))
        self.follow_up_button.clicked.connect(
            lambda: self.workshop_id and self.follow_up_requested.emit(self.workshop_id))
        top.addWidget(self.follow_up_button)
        self.consensus_button = QPushButton(tr("&Consensus round"))
        self.consensus_button.clicked.connect(
            lambda: self.workshop_id and self.consensus_requested.emit(self.workshop_id))
        top.insertWidget(top.indexOf(self.results_button) + 1, self.consensus_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.join_button)
        hand_over = QVBoxLayout()  # the language under the button: the row keeps its width
        hand_over.addWidget(self.hand_over_button)
        hand_over.addWidget(self.hand_over_language)
        buttons.addLayout(hand_over)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        details = QHBoxLayout()  # the settings beside the line that says the threshold
        details.addWidget(self.details, 1)
        details.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(details)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        if ops.changes is not None:
            follow(self, ops.changes, self.refresh, workshop=lambda: self.workshop_id,
                   kinds=(WORKSHOPS, PARTICIPANTS, PROGRESS))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def show_workshop(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        with dialogs.reporting_errors(self, tr("Cannot open the workshop")):
            w = self.store.workshop(workshop_id)
            q = self.store.questionnaire(w.questionnaire_hash)
            q = self.shown(q) if self.shown else q
            self.title.setText(w.name)
            parts = [p for p in (w.organization, day_label(w.date) or w.date) if p]
            parts.append(tr_n("questionnaire: {title} v{version}, {n} statement",
                              "questionnaire: {title} v{version}, {n} statements",
                              len(q.items), title=q.title, version=q.version))
            if w.follows and self.store.has_workshop(w.follows):  # a series
                base = self.store.workshop(w.follows)
                parts.append(tr("follow-up of “{name}” of {date}", name=base.name,
                                date=day_label(base.date)))
            parts.append(tr("privacy threshold: {n} people", n=w.privacy_threshold))
            parts.append(tr("reports in {language}",
                            language=i18n.language_name(w.report_language)))
            self.details.setText(" · ".join(parts))
            self.model.set_workshop(workshop_id)

    def focus_first_step(self) -> None:
        """The focus where the next step is: "Add participant" in a workshop nobody is in yet
        (a new one), else the participants with one chosen, so Enter hands over."""
        if self.model.rowCount() == 0:
            self.add_button.setFocus(KEYS)
            return
        if self.selected_row() is None:
            self.table.selectRow(0)
        self.table.setFocus(KEYS)

    def refresh(self) -> None:
        chosen = self.selected_participant()
        with dialogs.reporting_errors(self, tr("Cannot read the participants")):
            self.model.refresh()
        # answers arriving from the network refresh this list every half second or so: the
        # facilitator's selection must survive that
        row = self.model.row_of(chosen.id) if chosen else None
        if row is not None:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _update_buttons(self) -> None:
        selected = self.selected_participant()
        for button in (self.edit_button, self.remove_button, self.hand_over_button):
            button.setEnabled(selected is not None)
        self._show_hand_over_name(selected.name if selected else None)
        if self.workshop_id:
            self.pin_button.setText(tr("Facilitator &PIN: on…") if self.store.has_pin(
                self.workshop_id) else tr("Set facilitator &PIN…"))
        done = self.model.finished()
        roles = [p.role for p in self.model.participants()]
        self.summary.setText(
            tr("{marketing} marketing and {it} IT participants; {finished} finished.",
               marketing=roles.count("marketing"), it=roles.count("it"), finished=done)
            + self._still_open() if roles else
            tr("No participants yet. Add each marketing and IT executive who will answer."))

    def _still_open(self) -> str:
        """Who started and left statements open, by how far they got: "finished" means every
        statement answered, so someone who pressed Finish at 44 of 45 shows here as that."""
        counts = sorted((progress.done for p in self.model.participants()
                         if 0 < (progress := self.model.progress_of(p.id)).done
                         and not progress.finished), reverse=True)
        if not counts:
            return ""
        total = self.model.total_items
        figures = ", ".join(str(c) for c in counts)
        return " " + tr_n("{n} participant has statements open ({figures} of {total} answered).",
                          "{n} participants have statements open ({figures} of {total} "
                          "answered).", len(counts), figures=figures, total=total)

    def _show_hand_over_name(self, name: str | None) -> None:
        """"Hand over to <name>…" with the name as typed: its "&" kept (not a shortcut), cut
        with "…" when long so the button cannot widen the window (whole in the tooltip)."""
        button = self.hand_over_button
        if name is None:
            button.setText(tr("Hand &over…"))
            button.setToolTip("")
            return
        metrics = button.fontMetrics()
        shown = elide(name, metrics, metrics.averageCharWidth() * NAME_ON_BUTTON_CHARS)
        # one "…" at the end: the cut name's, or the usual one of a button that opens a window
        button.setText(tr("Hand &over to {name}", name=no_mnemonic(shown))
                       + ("" if shown != name else "…"))
        button.setToolTip(plain_tooltip(tr("Hand over to {name}", name=name)))

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]).row() if rows else None

    def selected_participant(self) -> Participant | None:
        row = self.selected_row()
        return self.model.participant(row) if row is not None else None

    def hand_over_selected(self) -> None:
        p = self.selected_participant()
        if p is not None:
            self.hand_over_requested.emit(p.id)

    def change_pin(self) -> None:
        if not self.workshop_id:
            return
        pin = dialogs.ask_new_pin(self, self.store.has_pin(self.workshop_id))
        if pin is None:
            return
        with dialogs.reporting_errors(self, tr("Cannot set the PIN")):
            self.ops.set_pin(self.workshop_id, pin or None)
        self._update_buttons()

    def change_settings(self) -> None:
        """The workshop's settings dialog; a new privacy threshold applies at once to every
        figure shown (the results re-score on the change)."""
        if not self.workshop_id:
            return
        workshop = self.store.workshop(self.workshop_id)
        current = workshop_settings.WorkshopSettings(workshop.privacy_threshold,
                                                     workshop.report_language)
        chosen = workshop_settings.ask_settings(self, current)
        if chosen is None or chosen == current:
            return
        with dialogs.reporting_errors(self, tr("Cannot change the settings")):
            if chosen.privacy_threshold != current.privacy_threshold:
                self.ops.set_privacy_threshold(self.workshop_id, chosen.privacy_threshold)
            if chosen.report_language != current.report_language:
                self.ops.set_report_language(self.workshop_id, chosen.report_language)
        self.show_workshop(self.workshop_id)

    def add_participant(self) -> None:
        """Add one participant, or several in a row ("Add and next" opens the dialog again
        with the name field ready); then the newest is chosen and the focus is back on "Add
        participant", one key away from the next."""
        added = None
        while self.workshop_id:
            fields = dialogs.ask_participant(self)
            if fields is None:
                break
            added = self._add(fields) or added
            if not fields.another:
                break
        if added is not None:
            row = self.model.row_of(added.id)
            if row is not None:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self.add_button.setFocus(KEYS)

    def _add(self, fields: dialogs.ParticipantFields) -> Participant | None:
        assert self.workshop_id is not None
        same = [p for p in self.store.participants(self.workshop_id)
                if p.name.casefold() == fields.name.strip().casefold()]
        if same and not dialogs.ask_confirm(
                self, tr("Same name twice"),
                tr("{name} is already a participant of this workshop. Add a second person "
                   "with the same name? (To change the first one, choose Edit instead.)",
                   name=fields.name.strip()),
                tr("Add another")):
            return None
        with dialogs.reporting_errors(self, tr("Cannot add the participant")):
            return self.ops.add_participant(self.workshop_id, fields.name, fields.role,
                                            fields.title)
        return None

    def edit_selected(self) -> None:
        p = self.selected_participant()
        if p is None:
            return
        fields = dialogs.ask_participant(self, dialogs.ParticipantFields(p.name, p.role, p.title))
        if fields is None:
            return
        with dialogs.reporting_errors(self, tr("Cannot save the participant")):
            self.ops.update_participant(p.id, fields.name, fields.role, fields.title)

    def remove_selected(self) -> None:
        p = self.selected_participant()
        if p is None:
            return
        answered = self.model.answered(p.id)
        if not dialogs.ask_confirm(
                self, tr("Remove participant"),
                tr_n("Remove {name} and their {n} answer from this workshop? This cannot be "
                     "undone.", "Remove {name} and their {n} answers from this workshop? This "
                     "cannot be undone.", answered, name=p.name), tr("Remove participant")):
            return
        with dialogs.reporting_errors(self, tr("Cannot remove the participant")):
            self.ops.remove_participant(p)
