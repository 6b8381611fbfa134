"""The optional comment under each statement: a text box held to COMMENT_MAX_CHARS, with a live
counter beside it. It is entered only on purpose (a click, or the C key in the answering
window), never by Tab, and Enter, Tab or Esc leave it again (Shift+Enter starts a new line): an
executive answering by keys can never end up typing answer keys into a comment. A
QPlainTextEdit has no maximum length, so what is typed or pasted past the limit is taken out
again at once; counted in characters, as the store counts them (Qt counts
UTF-16 units, so an emoji is two for Qt and one here)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from ..i18n import tr
from ..i18n.formats import whole
from ..rules.text import COMMENT_MAX_CHARS

COMMENT_WARN_AT = COMMENT_MAX_CHARS * 9 // 10  # the counter turns to the warning colour here
COUNT_STYLE = "color: #4a5560;"
COUNT_WARNING_STYLE = "color: #a03c00; font-weight: 600;"


def _utf16_length(text: str) -> int:
    """Qt counts text positions in UTF-16 units; Python in characters."""
    return len(text.encode("utf-16-le")) // 2


def _utf16_to_index(text: str, position: int) -> int:
    """The Python index of Qt's UTF-16 ``position`` in ``text``."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


class CommentBox(QPlainTextEdit):
    """Three lines of comment; ``counter`` is the label to place beside it. ``edited`` fires
    when the person changed the text (after any trimming), ``trimmed(n)`` when n characters
    past the limit were left out, ``left`` when Enter, Tab or Esc asks to go back to the answer
    keys, ``typing(bool)`` when the box gains or loses the focus."""

    edited = Signal()
    trimmed = Signal(int)
    left = Signal()
    typing = Signal(bool)

    LEAVING_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comment")
        self.setPlaceholderText(tr("Optional comment (C): an example, a reason, a caveat"))
        self.setAccessibleName(tr("Optional comment"))
        self.setTabChangesFocus(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not in the Tab chain: see above
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.counter = QLabel()
        self.counter.setObjectName("commentCount")
        self.counter.setAccessibleName(tr("Comment length"))
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counter_warning = False
        self.counter.setStyleSheet(COUNT_STYLE)
        self._trimming = False
        self.textChanged.connect(self._changed)
        self._show_count()

    def event(self, event: QEvent) -> bool:
        """Tab and Esc leave before Qt moves the focus along the chain or ignores them."""
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and self._leaving(event)):
            self.left.emit()
            return True
        return super().event(event)

    @classmethod
    def _leaving(cls, event: QKeyEvent) -> bool:
        if event.key() in cls.LEAVING_KEYS:
            return True
        return (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.typing.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.typing.emit(False)

    def set_comment(self, text: str) -> None:
        """Show a saved comment (not an edit: ``edited`` does not fire)."""
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self._show_count()

    def _changed(self) -> None:
        if self._trimming:
            return
        self._trim()
        self._show_count()
        self.edited.emit()

    def _trim(self) -> None:
        """What was just typed or pasted past the limit, just before the cursor, is taken out
        again, so the start of a paste is kept, the rest of the comment is untouched and the
        cursor stays where the typing was."""
        text = self.toPlainText()
        excess = len(text) - COMMENT_MAX_CHARS
        if excess <= 0:
            return
        cursor = self.textCursor()
        end = _utf16_to_index(text, cursor.position())
        start = end - excess
        if start < 0:  # the cursor is not after the new text: cut the end instead
            start, end = COMMENT_MAX_CHARS, len(text)
        cursor.setPosition(_utf16_length(text[:start]))
        cursor.setPosition(_utf16_length(text[:end]), QTextCursor.MoveMode.KeepAnchor)
        self._trimming = True
        try:
            cursor.removeSelectedText()
        finally:
            self._trimming = False
        self.setTextCursor(cursor)
        self.trimmed.emit(excess)

    def _show_count(self) -> None:
        count = len(self.toPlainText())
        shown, most = whole(count), whole(COMMENT_MAX_CHARS)  # as the language writes them
        self.counter.setText(f"{shown} / {most}")
        self.counter.setAccessibleDescription(
            tr("{count} of at most {most} characters", count=shown, most=most))
        warning = count >= COMMENT_WARN_AT
        if warning != self.counter_warning:  # restyle only when the state changes
            self.counter_warning = warning
            self.counter.setStyleSheet(COUNT_WARNING_STYLE if warning else COUNT_STYLE)
