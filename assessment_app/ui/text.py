"""User text on screen, exactly as typed and never wider than the screen.

Names, titles, organisations, comments and notes can hold anything: ``<b>R&D</b>``, CJK, a
155-character name with no space in it. Qt gets three things wrong with such text unless told:

- a ``QLabel`` (and a tooltip, and a ``QMessageBox``) guesses rich text, so ``<b>R&D</b>`` is
  shown as bold "R&D": labels of user text are ``Qt.PlainText`` (the label classes here),
  tooltips go through ``plain_tooltip``;
- in button, action, menu and tab texts ``&`` marks a keyboard shortcut and disappears:
  user text there goes through ``no_mnemonic``;
- a label's minimum width is its longest line (or unbreakable word), so one long name widens
  the whole window past the screen: one-line headers are ``ElidedLabel`` (elided, the full
  text in the tooltip), running text is ``WrappedLabel`` (wraps, inside words if it must).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget

#: the narrowest a label of user text asks to be, in average characters
MIN_CHARS = 8


def refusal_label(name: str) -> QLabel:
    """The line inside a dialog where its refusal is said: plain text (what was typed is never
    read as markup), wrapped, styled as the app's other refusals, named for screen readers."""
    label = QLabel()
    label.setObjectName("message")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 answer", "3 answers": a count in words people read, never "answer(s)"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def no_mnemonic(text: str) -> str:
    """``text`` for a button, action, menu or tab: every ``&`` shown, none taken as a shortcut."""
    return text.replace("&", "&&")


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as typed. Qt guesses rich text in tooltips too, and wraps
    only rich ones: escaped inside a paragraph, markup shows literally and a long text wraps
    instead of running off the screen."""
    if not text:
        return ""
    return f'<p style="white-space: pre-wrap">{html.escape(text, quote=False)}</p>'


def elide(text: str, metrics: QFontMetrics, width: int,
          mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> str:
    """``text`` cut with "…" to fit ``width`` pixels (unchanged when it fits)."""
    return metrics.elidedText(text, mode, max(0, width))


class _UserTextLabel(QLabel):
    """Plain text, and a minimum width that never depends on how long the text is."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def clear(self) -> None:
        self.setText("")

    def _margins(self) -> tuple[int, int]:
        """Horizontal and vertical room around the text (frame, margins, indent)."""
        m = self.contentsMargins()
        extra = 2 * self.margin()
        indent = max(self.indent(), 0)
        return m.left() + m.right() + extra + indent, m.top() + m.bottom() + extra

    def _text_rect(self) -> QRect:
        rect = self.contentsRect()
        margin = self.margin()
        rect = rect.adjusted(margin, margin, -margin, -margin)
        indent = max(self.indent(), 0)
        if indent:
            if self.alignment() & Qt.AlignmentFlag.AlignRight:
                rect.setRight(rect.right() - indent)
            elif (
                self.alignment() & Qt.AlignmentFlag.AlignLeft
                or not self.alignment() & Qt.AlignmentFlag.AlignHCenter
            ):
                rect.setLeft(rect.left() + indent)
        return rect

    def _natural_width(self) -> int:
        metrics = self.fontMetrics()
        lines = self.text().split("\n") or [""]
        return max(metrics.horizontalAdvance(line) for line in lines)

    def _min_text_width(self) -> int:
        return min(self._natural_width(), self.fontMetrics().averageCharWidth() * MIN_CHARS)


class ElidedLabel(_UserTextLabel):
    """One line of user text: shown whole when it fits, otherwise cut with "…" (the whole text
    in the tooltip). ``text()`` (and what screen readers get) is always the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        self._mode = mode
        self._elided = False
        super().__init__(text, parent)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.updateGeometry()
        self._update_elision()

    def is_elided(self) -> bool:
        return self._elided

    def shown_text(self) -> str:
        """What is painted: the text, or its elided form when the label is too narrow."""
        return elide(self.text().replace("\n", " "), self.fontMetrics(),
                     self._text_rect().width(), self._mode)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        dx, dy = self._margins()
        return QSize(self._min_text_width() + dx, self.fontMetrics().height() + dy)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        dx, dy = self._margins()
        width = self.fontMetrics().horizontalAdvance(self.text().replace("\n", " "))
        return QSize(width + dx, self.fontMetrics().height() + dy)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._update_elision()

    def _update_elision(self) -> None:
        self._elided = self.shown_text() != self.text()
        tooltip = plain_tooltip(self.text()) if self._elided else ""
        if tooltip != self.toolTip():
            self.setToolTip(tooltip)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        self.drawFrame(painter)
        alignment = QStyle.visualAlignment(self.layoutDirection(), self.alignment())
        self.style().drawItemText(painter, self._text_rect(), int(alignment), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())
        painter.end()


class WrappedLabel(_UserTextLabel):
    """Running user text that wraps at spaces, and inside a word only where a word is wider
    than the label (a 150-letter name with no space still fits)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)  # tells layouts the height depends on the width
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.updateGeometry()

    def _layout(self, width: int) -> tuple[QTextLayout, float]:
        layout = QTextLayout(self.text(), self.font())
        option = QTextOption(self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        leading = self.fontMetrics().leading()
        height = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1, width))
            height += leading if height else 0
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        return layout, height

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        dx, dy = self._margins()
        return int(self._layout(width - dx)[1] + 0.999) + dy

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        dx, _ = self._margins()
        width = min(self._natural_width(), self.fontMetrics().averageCharWidth() * 80) + dx
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        dx, dy = self._margins()
        return QSize(self._min_text_width() + dx, self.fontMetrics().height() + dy)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        self.drawFrame(painter)
        rect = self._text_rect()
        layout, height = self._layout(rect.width())
        top = float(rect.top())
        if self.alignment() & Qt.AlignmentFlag.AlignVCenter:
            top += max(0.0, (rect.height() - height) / 2)
        elif self.alignment() & Qt.AlignmentFlag.AlignBottom:
            top += max(0.0, rect.height() - height)
        palette = self.palette()
        group = palette.currentColorGroup() if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(palette.color(group, self.foregroundRole()))
        layout.draw(painter, QPointF(rect.left(), top))
        painter.end()
