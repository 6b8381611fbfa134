"""The projector's last page in the consensus round: the room's dots on the suggested actions,
most first, as totals only; hidden until Space, and withheld while fewer than the privacy
threshold have voted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..analysis.presenter import Tally
from ..i18n import tr
from .text import WrappedLabel

DOTS_DRAWN = 12  # more dots than this are drawn as twelve and a "+", the number beside them


def tally_lines(tally: Tally) -> list[str]:
    if tally.withheld:
        return [tr("Fewer than {minimum} people have placed dots, so the totals stay hidden.",
                   minimum=tally.minimum)]
    if not tally.rows:
        return [tr("No dots placed yet.")]
    return [f"{n}  {title}  {'●' * min(n, DOTS_DRAWN)}{'+' if n > DOTS_DRAWN else ''}"
            for title, n in tally.rows]


class VotesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = WrappedLabel(tr("The room's dots on the actions"))
        self.lines = WrappedLabel()
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines, 1)

    def show_tally(self, tally: Tally, revealed: bool) -> None:
        # U+2028 breaks the line inside a WrappedLabel (its text layout ignores "\n")
        self.lines.setText("\u2028".join(tally_lines(tally)) if revealed else "")
