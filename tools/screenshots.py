"""Save screenshots of Tandem's screens for a visual check (run under xvfb-run or offscreen).

    python tools/screenshots.py OUTDIR [WIDTHxHEIGHT ...] [--language CODE]

``--language de`` takes them in German (``qps``: the pseudo-locale): the window, the statements
and the demo workshop's report language (its join sheet).

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


def shoot_join_screen(window, shoot, out: Path, width: int, height: int, workshop_id: str,
                      tricky_id: str) -> None:
    """The join screen serving on loopback: the demo workshop ("join"), the tricky names
    ("join-markup-name", "join-long-name"), the code alone on the projector ("join-projector")
    and the printed sheet of cards ("join-sheet.pdf", with a PNG of its first page when
    pdftoppm is there)."""
    import shutil
    import subprocess

    from assessment_app.content.questionnaire import ROLE_LABELS
    from assessment_app.reports.join_sheet import JoinCard, write_sheet
    from assessment_app.web.qr import qr_matrix

    window.serving.port = 0  # any free port: a second run never finds its port taken
    # the demo on the first address listed (a network one where there is one), the others on
    # loopback, which the screen says phones cannot reach
    for label, workshop, row in (("join", workshop_id, 0), ("join-markup-name", tricky_id, 0),
                                 ("join-long-name", tricky_id, 1)):
        window.serving.stop()
        window.open_workshop(workshop)
        window.show_join(workshop)
        page = window.join
        page.address.setCurrentIndex(0 if label == "join" else
                                     max(0, page.address.findData("127.0.0.1")))
        page.start()
        page.table.selectRow(row)
        shoot(window, label, width, height)
        if label == "join":
            page.show_projector()
            page.projector.showNormal()  # offscreen, full screen is the platform's 800x800
            page.projector.resize(width, height)
            shoot(page.projector, "join-projector", width, height)
            page.projector.close()
            people = [page.model.participant(r) for r in range(page.model.rowCount())]
            cards = [JoinCard(p.name, ROLE_LABELS[p.role], p.title,
                              window.serving.join_url(p.id)) for p in people]
            sheet = out / "join-sheet.pdf"
            write_sheet(cards, page.workshop_name, sheet, qr_matrix)
            if shutil.which("pdftoppm"):
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                                "-singlefile", str(sheet), str(out / "join-sheet")],
                               check=False)
    window.serving.stop()
    window.show_workshops()


def main() -> int:
    import argparse

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(description="Save screenshots of Tandem's screens.")
    parser.add_argument("out", nargs="?", default="shots")
    parser.add_argument("sizes", nargs="*", help="WIDTHxHEIGHT (default 1366x768 1920x1080)")
    parser.add_argument("--language", default="en", help="en, de or qps (the pseudo-locale)")
    args = parser.parse_args()
    out = Path(args.out)
    sizes = [tuple(map(int, s.split("x"))) for s in args.sizes] or [(1366, 768), (1920, 1080)]
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from assessment_app.analysis.answering import AnsweringSession
    from assessment_app.content.catalog import load_catalog
    from assessment_app.exchange.demo import create_demo_workshop
    from assessment_app.i18n import LANGUAGES
    from assessment_app.store.database import Store
    from assessment_app.ui.answering_window import AnsweringWindow
    from assessment_app.ui.app import apply_style
    from assessment_app.ui.language import apply_language
    from assessment_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    apply_style(app)
    speaks = apply_language(args.language)
    try:  # the bundled CJK fallback fonts, as `tandem` installs them at start
        from assessment_app.ui.fonts import install_fallback_fonts
    except ImportError:
        pass
    else:
        install_fallback_fonts()
    catalog = load_catalog()
    store = Store.open(Path(tempfile.mkdtemp()) / "shots.sqlite")
    workshop = create_demo_workshop(store, catalog.default())
    if speaks in LANGUAGES:  # the pseudo-locale is no report language a user may choose
        store.set_report_language(workshop.id, speaks)
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
        plan = window.plan  # the plan agreed, then as impact versus effort
        plan.toggle_agreed()
        shoot(window, "plan-agreed", width, height)
        plan.tabs.setCurrentWidget(plan.impact)
        shoot(window, "plan-impact", width, height)
        plan.tabs.setCurrentIndex(0)
        plan.toggle_agreed()  # back to suggested: the later shots show the plan untouched
        window.open_workshop(tricky.id)
        for label, person in hand_over.items():
            model = window.workshop.model
            row = next(r for r in range(model.rowCount()) if model.participant(r).id == person.id)
            window.workshop.table.selectRow(
                window.workshop.proxy.mapFromSource(window.workshop.model.index(row, 0)).row())
            shoot(window, f"workshop-{label}", width, height)
        shoot_join_screen(window, shoot, out, width, height, workshop.id, tricky.id)
        window.close()

        for label, person in hand_over.items():
            answering = AnsweringWindow(AnsweringSession.start(store, person.id,
                                                               catalog.in_language),
                                        catalog.glossary_in(speaks))
            answering.resize(width, height)
            answering.show()
            answering.comment.setPlainText("Wir & <b>R&D</b>: 研发 " * 100)  # cut to 2,000
            shoot(answering, f"handover-{label}", width, height)
            answering.finish()
            shoot(answering, f"handover-{label}-thanks", width, height)
            answering.request_leave()
            answering.deleteLater()

        session = AnsweringSession.start(store, participant.id, catalog.in_language)
        longest = max(range(len(session.items)),
                      key=lambda n: len(session.text(session.items[n]))
                      + max(len(level) for level in session.items[n].levels))
        session.go_to(longest)
        answering = AnsweringWindow(session, catalog.glossary_in(speaks))
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
