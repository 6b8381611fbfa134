"""The workshop PDF, a handout and the join sheet in the pseudo-locale (every sentence and every
questionnaire text 40% longer, between ⟦ ⟧): no text is cut off, drawn outside the page's
margins or over another text (``pdf_layout``). German runs about a third longer than English;
a page that holds the pseudo-locale holds German."""

from __future__ import annotations

import pytest
from reportlab.pdfgen.canvas import Canvas

from assessment_app import i18n
from assessment_app.content.questionnaire import ROLES
from assessment_app.exchange.demo import create_demo_workshop
from assessment_app.reports import build_handout_pdf, build_workshop_pdf
from assessment_app.reports.document import MARGIN, page_size
from assessment_app.reports.join_sheet import JoinCard, sheet_pdf
from assessment_app.reports.tables import function_label
from assessment_app.web.qr import qr_matrix

from .pdf_layout import layout_problems

PSEUDO = "qps"


@pytest.fixture
def demo(store, catalog):
    return create_demo_workshop(store, catalog.default())


@pytest.fixture
def quoted(catalog) -> list[str]:
    """The questionnaire's texts a PDF may quote shortened with "…" (statements in tables and
    in the plan's reasons, theme and action names in charts), as the pseudo-locale writes them."""
    shown = catalog.in_language(catalog.default(), PSEUDO)
    with i18n.speaking(PSEUDO):
        actions = catalog.actions_in(PSEUDO)
    texts = [item.text_for(role) for item in shown.items for role in ROLES]
    return [text.removeprefix("⟦") for text in
            texts + [theme.title for theme in shown.themes] + [a.title for a in actions]]


def test_the_workshop_pdf_holds_long_text(store, catalog, demo, quoted, tmp_path):
    out = build_workshop_pdf(store, catalog, demo.id, tmp_path / "w.pdf", language=PSEUDO)
    assert layout_problems(out, quoted) == []


def test_a_handout_holds_long_text(store, catalog, demo, quoted, tmp_path):
    person = store.participants(demo.id)[0]
    out = build_handout_pdf(store, catalog, demo.id, person.id, tmp_path / "h.pdf",
                            language=PSEUDO)
    assert layout_problems(out, quoted) == []


def test_the_join_sheet_holds_long_text(store, demo, tmp_path):
    """The instructions print whole, however long: a participant who misses "keep your card to
    yourself" may hand their code on."""
    url = "http://192.168.100.123:8765/a/" + "x" * 22
    with i18n.speaking(PSEUDO):
        cards = [JoinCard(p.name, function_label(p.role), p.title, url)
                 for p in store.participants(demo.id)]
        pdf = sheet_pdf(cards, demo.name, qr_matrix)
    (tmp_path / "j.pdf").write_bytes(pdf)
    assert layout_problems(tmp_path / "j.pdf") == []


def test_a_cut_a_broken_a_misplaced_and_an_overlapping_text_are_named(tmp_path):
    from assessment_app.reports import fonts

    fonts.register()
    width, height = page_size("a4")
    canvas = Canvas(str(tmp_path / "bad.pdf"), pagesize=(width, height))
    with i18n.speaking(PSEUDO):
        sentence = i18n.tr("Nobody has answered yet.")
    canvas.setFont(fonts.SANS, 10)
    canvas.drawString(MARGIN, height - 100, sentence)
    canvas.drawString(MARGIN, height - 120, fonts.fit(sentence, 10, 60))  # cut with "…"
    canvas.drawString(width - MARGIN - 20, height - 140, sentence)  # past the right margin
    canvas.drawString(MARGIN + 100, height - 104, sentence)  # over the first
    word = sentence.split()[0]  # a word broken across two lines
    canvas.drawString(MARGIN, height - 200, word[:3])
    canvas.drawString(MARGIN, height - 212, word[3:] + " " + " ".join(sentence.split()[1:]))
    canvas.save()
    found = layout_problems(tmp_path / "bad.pdf")
    assert [p for p in found if "cut off" in p] and [p for p in found if "outside" in p]
    assert [p for p in found if "over each other" in p]
    assert [p for p in found if "broken" in p]
    assert layout_problems(tmp_path / "bad.pdf", [sentence[1:]]) == [
        p for p in found if "cut off" not in p]  # a quoted text may be shortened


def test_the_workshop_pdf_names_dimensions_in_its_language(store, catalog, demo, tmp_path):
    """The dimensions' names (bar chart, theme table) are looked up where printed; plain
    English in the pseudo-locale is a name that skipped the catalogue."""
    import re

    from pypdf import PdfReader

    from assessment_app.content.questionnaire import DIMENSION_LABELS

    out = build_workshop_pdf(store, catalog, demo.id, tmp_path / "w.pdf", language=PSEUDO)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    for person in store.participants(demo.id):
        text = text.replace(person.title, "")  # "Chief Technology Officer": as typed
    assert [name for name in DIMENSION_LABELS.values()
            if re.search(rf"\b{name}\b", text)] == []
