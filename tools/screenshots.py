"""Save screenshots of Tandem's screens for a visual check (run under xvfb-run or offscreen).

    python tools/screenshots.py OUTDIR [WIDTHxHEIGHT ...]

Uses a temporary database with the demo workshop; the answering screen shows the item with the
longest statement and level descriptions, so clipping shows up where it would be worst.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    sizes = [tuple(map(int, s.split("x"))) for s in sys.argv[2:]] or [(1366, 768), (1920, 1080)]
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from assessment_app.answering import AnsweringSession
    from assessment_app.catalog import load_catalog
    from assessment_app.demo import create_demo_workshop
    from assessment_app.storage import Store
    from assessment_app.ui.answering_window import AnsweringWindow
    from assessment_app.ui.app import apply_style
    from assessment_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    apply_style(app)
    catalog = load_catalog()
    store = Store.open(Path(tempfile.mkdtemp()) / "shots.sqlite")
    workshop = create_demo_workshop(store, catalog.default())
    participant = store.participants(workshop.id)[0]

    def settle():
        for _ in range(5):
            app.processEvents()

    def shoot(widget, name: str, width: int, height: int) -> None:
        """Let pending layout and paint events run, then save what the widget shows."""
        settle()
        widget.grab().save(str(out / f"{name}-{width}x{height}.png"))

    for width, height in sizes:
        window = MainWindow(store, catalog)
        window.resize(width, height)
        window.show()
        shoot(window, "workshops", width, height)
        window.open_workshop(workshop.id)
        window.workshop.table.selectRow(0)
        shoot(window, "workshop", width, height)
        window.show_results(workshop.id)
        shoot(window, "results-radar", width, height)
        window.results.tabs.setCurrentIndex(1)
        window.results.show_items.setChecked(True)
        window.results.table.selectRow(0)
        shoot(window, "results-table", width, height)
        window.show_plan(workshop.id)
        shoot(window, "plan", width, height)
        window.close()

        session = AnsweringSession.start(store, participant.id)
        longest = max(range(len(session.items)),
                      key=lambda n: len(session.text(session.items[n]))
                      + max(len(level) for level in session.items[n].levels))
        session.go_to(longest)
        answering = AnsweringWindow(session, catalog.glossary)
        answering.resize(width, height)
        answering.show()
        answering.show_item()
        answering.choose_current(3)
        shoot(answering, "answering", width, height)
        answering.show_review()
        shoot(answering, "review", width, height)
        answering.finish()
        shoot(answering, "thanks", width, height)
        answering.request_leave()
        # delete both now, in order, rather than leaving it to interpreter shutdown
        answering.deleteLater()
        window.deleteLater()
        settle()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
