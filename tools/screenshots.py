"""Save screenshots of Tandem's screens for a visual check (run under xvfb-run or offscreen).

    python tools/screenshots.py OUTDIR [WIDTHxHEIGHT ...]

Uses a temporary database with the demo workshop; the answering screen shows the item with the
longest statement and level descriptions, so clipping shows up where it would be worst. A second
workshop tests user text on screen: its name and organisation, and two participants, one named
with markup and scripts (shown exactly as typed?), one with a 150-character name (elided, every
control still on screen?), each on the workshop page ("workshop-...", the hand-over button) and
in the answering window ("handover-...").
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MARKUP_NAME = "Zoë <b>R&D</b> 李明 김민준"
LONG_NAME = ("Marie-Thérèse Anne-Sophie DE LA ROCHEFOUCAULD-DOUDEAUVILLE D'ESTAING DE "
             "MONTMORENCY-LAVAL, DIRECTRICE GÉNÉRALE MARKETING & EXPÉRIENCE CLIENT EMEA ET "
             "AMÉRIQUES")[:150]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    sizes = [tuple(map(int, s.split("x"))) for s in sys.argv[2:]] or [(1366, 768), (1920, 1080)]
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from assessment_app.analysis.answering import AnsweringSession
    from assessment_app.content.catalog import load_catalog
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.store.database import Store
    from assessment_app.ui.answering_window import AnsweringWindow
    from assessment_app.ui.app import apply_style
    from assessment_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    apply_style(app)
    try:  # the bundled CJK fallback fonts, as `tandem` installs them at start
        from assessment_app.ui.fonts import install_fallback_fonts
    except ImportError:
        pass
    else:
        install_fallback_fonts()
    catalog = load_catalog()
    store = Store.open(Path(tempfile.mkdtemp()) / "shots.sqlite")
    workshop = create_demo_workshop(store, catalog.default())
    participant = store.participants(workshop.id)[0]
    tricky = store.create_workshop(f"{MARKUP_NAME} offsite", catalog.default(),
                                   organization=LONG_NAME)
    hand_over = {"markup-name": store.add_participant(tricky.id, MARKUP_NAME, "marketing",
                                                      "VP Digital & Growth <R&D>"),
                 "long-name": store.add_participant(tricky.id, LONG_NAME, "it",
                                                    LONG_NAME[:120])}

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
        window.open_workshop(tricky.id)
        for label, person in hand_over.items():
            model = window.workshop.model
            row = next(r for r in range(model.rowCount()) if model.participant(r).id == person.id)
            window.workshop.table.selectRow(
                window.workshop.proxy.mapFromSource(window.workshop.model.index(row, 0)).row())
            shoot(window, f"workshop-{label}", width, height)
        window.close()

        for label, person in hand_over.items():
            answering = AnsweringWindow(AnsweringSession.start(store, person.id),
                                        catalog.glossary)
            answering.resize(width, height)
            answering.show()
            answering.comment.setPlainText("Wir & <b>R&D</b>: 研发 " * 100)  # cut to 2,000
            shoot(answering, f"handover-{label}", width, height)
            answering.finish()
            shoot(answering, f"handover-{label}-thanks", width, height)
            answering.request_leave()
            answering.deleteLater()

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
