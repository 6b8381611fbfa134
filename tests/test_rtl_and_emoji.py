"""Arabic and Hebrew are shaped and drawn in reading order, emoji are drawn with real glyphs
(or a visible substitute), in the PDFs made by the real export functions.

A PDF holds glyphs in the order they are drawn, left to right. pypdf gives them in that order,
line by line, so a right-to-left line read back and reversed is the text in reading order;
presentation forms (the joined shapes of Arabic letters) are folded back to letters with NFKC.
The font of every piece of text is read too, and each character must be in that font's
character map (a character a font lacks prints as an empty box).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from functools import cache

import pytest
from pypdf import PdfReader

from assessment_app import paths

# No harakat and no digits: a line of these reversed is exactly the text in reading order.
LONG_ARABIC = ("نحن بحاجة إلى تحديث نظام إدارة العملاء قبل نهاية الربع الثالث، لأن فريق "
               "التسويق لا يستطيع الوصول إلى بيانات العملاء في الوقت المناسب، والمشاريع "
               "المشتركة مع تقنية المعلومات تتأخر دائما بسبب غياب خارطة طريق واضحة ومتفق "
               "عليها بين الطرفين")
MIXED_ARABIC = "نحتاج تحديث CRM 2.0 قريبا"
HEBREW = "אנחנו צריכים תהליך משותף לשחרור גרסאות"
NAMES = {"Layla ليلى": "marketing", "محمد العلي": "it", "דנה כהן": "marketing",
         "Zoë 😀👍🏽 🇩🇪": "it"}
EMOJI_COMMENT = "Great 🎉 ❤️ 👨‍👩‍👧 🫠"
WORKSHOP = "Spring 🚀 workshop"
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@pytest.fixture
def workshop(store, catalog):
    q = catalog.default()
    w = store.create_workshop(WORKSHOP, q, organization="شركة النور", on="2026-11-20")
    people = {name: store.add_participant(w.id, name, role) for name, role in NAMES.items()}
    comments = {0: LONG_ARABIC, 1: HEBREW, 2: MIXED_ARABIC, 3: EMOJI_COMMENT}
    for k, item in enumerate(q.items):
        for n, p in enumerate(people.values()):
            current = 1 + (k + n) % 4
            store.save_answer(p.id, item.id, current, current + 1, comments.get(k, ""))
    return w, people


def fold(text: str) -> str:
    """Presentation forms back to letters, invisible marks out, spaces made single."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


def words(path) -> list[tuple[int, float, float, str]]:
    """(page, top, left, text) of every word, as drawn: its glyphs in drawing order (left to
    right), from pdftotext's bounding boxes (no bidi applied)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read where each word is drawn")
    # (poppler writes an emoji in the document title, which is not read here, as CESU-8)
    xhtml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           check=True).stdout.decode("utf-8", "replace")
    result = []
    for number, page in enumerate(xhtml.split("<page ")[1:], 1):
        for x0, y0, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            result.append((number, round(float(y0)), float(x0), html.unescape(text)))
    return result


def lines(path) -> list[list[tuple[float, str]]]:
    """Each line's words, left to right, top to bottom, page by page."""
    rows: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for page, top, left, text in words(path):
        rows.setdefault((page, top), []).append((left, text))
    return [sorted(row) for _, row in sorted(rows.items())]


def reading_order(path) -> str:
    """The right-to-left words of every line as a reader reads them: right to left, each
    word's glyphs reversed; lines top to bottom. A paragraph wrapped over several lines reads
    on as one text."""
    read = []
    for row in lines(path):
        read += [fold(text[::-1]) for _, text in reversed(row) if RTL.search(text)]
    return " ".join(read)


def visual(path) -> str:
    """The text as drawn, left to right, line by line (Arabic folded to its letters)."""
    return "\n".join(fold(" ".join(text for _, text in row)) for row in lines(path))


def extracted(path) -> str:
    return fold("\n".join(page.extract_text() for page in PdfReader(path).pages))


@cache
def charmap(ps_name: str) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFont

    for file in (paths.resources_dir() / "fonts").glob("*.ttf"):
        font = TTFont("probe", str(file))
        if font.face.name.decode() == ps_name:
            return frozenset(font.face.charToGlyph)
    raise AssertionError(f"{ps_name} is not a bundled font")


def drawn(path) -> list[tuple[int, str, str]]:
    """(page number, text, PostScript name of its font) for every piece of text drawn."""
    pieces = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        def visit(text, cm, tm, font_dict, font_size, number=number):
            if text.strip() and font_dict:
                name = str(font_dict["/BaseFont"]).lstrip("/").split("+")[-1]
                pieces.append((number, text, name))

        page.extract_text(visitor_text=visit)
    return pieces


def assert_every_glyph_exists(path) -> list[tuple[int, str, str]]:
    pieces = drawn(path)
    for _, text, font in pieces:
        if font == "Helvetica":  # reportlab's own list bullets
            continue
        lacking = {ch for ch in text if not ch.isspace() and ord(ch) not in charmap(font)}
        assert not lacking, f"{font} has no glyph for {sorted(lacking)} in {text!r}"
    return pieces


def shaped(path) -> None:
    """Arabic is drawn in joined forms: no bare Arabic letter (U+0621-064A) is left."""
    text = "".join(text for _, text, _ in drawn(path))
    assert any("\ufe70" <= ch <= "\ufefc" for ch in text)
    assert not [ch for ch in text if "\u0621" <= ch <= "\u064a"]


def rows_read(path) -> list[str]:
    """Each line's right-to-left words as read (see ``reading_order``)."""
    return [" ".join(fold(text[::-1]) for _, text in reversed(row) if RTL.search(text))
            for row in lines(path)]


def test_handout_draws_arabic_and_hebrew_shaped_and_in_reading_order(store, catalog, workshop,
                                                                     tmp_path):
    from assessment_app.reports import build_handout_pdf

    w, people = workshop
    out = build_handout_pdf(store, catalog, w.id, people["محمد العلي"].id, tmp_path / "h.pdf")
    order = reading_order(out)
    assert "محمد العلي" in order  # the reader's name, the heading
    assert fold(LONG_ARABIC) in order
    assert HEBREW in order
    # Drawn left to right: the Latin run keeps its order inside the right-to-left line.
    assert f"{'قريبا'[::-1]} CRM 2.0 {'نحتاج تحديث'[::-1]}" in visual(out)
    shaped(out)
    assert_every_glyph_exists(out)


def test_a_long_arabic_comment_wraps_over_several_lines_in_order(store, catalog, workshop,
                                                                 tmp_path):
    from assessment_app.reports import build_handout_pdf

    w, people = workshop
    out = build_handout_pdf(store, catalog, w.id, people["Layla ليلى"].id, tmp_path / "h.pdf")
    rows = rows_read(out)
    first = next(n for n, row in enumerate(rows) if row.startswith("نحن بحاجة إلى"))
    text, used = "", 0
    while len(text) < len(fold(LONG_ARABIC)):
        text = f"{text} {rows[first + used]}".strip()
        used += 1
    assert text == fold(LONG_ARABIC)  # line after line, each read right to left
    assert used >= 3


def test_workshop_pdf_draws_names_comments_and_footer(store, catalog, workshop, tmp_path):
    from assessment_app.reports import build_workshop_pdf

    w, _ = workshop
    out = build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf")
    order = reading_order(out)
    for name in ("محمد العلي", "דנה כהן", "شركة النور"):
        assert name in order, name
    assert fold(LONG_ARABIC) in order  # the voice of the room
    assert HEBREW in order
    assert "Layla ىليل" in visual(out)  # the Latin part first, the Arabic part drawn RTL
    shaped(out)
    pieces = assert_every_glyph_exists(out)
    pages = len(PdfReader(out).pages)
    # The workshop name is in every page's header: the rocket in the emoji font each time.
    rocket = {page for page, text, font in pieces
              if "🚀" in text and font == "TandemEmoji-Regular"}
    assert len(rocket) >= pages - 1
    assert "Spring 🚀 workshop" in extracted(out)


def test_emoji_are_drawn_or_named_never_boxed(store, catalog, workshop, tmp_path):
    from assessment_app.reports import build_handout_pdf, build_workshop_pdf

    w, people = workshop
    handout = build_handout_pdf(store, catalog, w.id, people["Zoë 😀👍🏽 🇩🇪"].id,
                                tmp_path / "h.pdf")
    plan = build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf")
    for out in (handout, plan):
        pieces = assert_every_glyph_exists(out)
        text = extracted(out)
        assert "Zoë 😀👍 [flag DE]" in text  # skin tone dropped, the flag named
        fonts_of = {ch: font for _, piece, font in pieces for ch in piece}
        for ch in "😀👍🎉❤👨👩👧🚀":
            assert ch in fonts_of, ch
            assert ord(ch) in charmap(fonts_of[ch])
        assert "[melting face]" in text  # newer than the emoji font: its name, visibly
        assert "\ufe0f" not in text and "\u200d" not in text and "\U0001F3FD" not in text


def test_latin_text_is_untouched():
    from assessment_app.reports import fonts

    text = "Zoë <b>R&D</b> 李明 김민준\nsecond line"
    assert fonts.lines(text) == [("Zoë <b>R&D</b> 李明 김민준", False), ("second line", False)]
    assert fonts.markup("<b>R&D</b> plain") == "&lt;b&gt;R&amp;D&lt;/b&gt; plain"
    assert fonts.markup("Zoë\nDmitri") == "Zoë<br/>Dmitri"


def test_emoji_sequences_reduce_to_what_a_monochrome_font_shows():
    from assessment_app.reports import fonts, scripts

    def has(code: int) -> bool:
        return fonts._has_glyph(code)

    assert scripts.symbols("❤️", has) == "❤"  # variation selector dropped
    assert scripts.symbols("👍🏽", has) == "👍"  # skin tone dropped
    assert scripts.symbols("🏽", has) == "🏽"  # ...unless it stands alone
    assert scripts.symbols("👨‍👩‍👧", has) == "👨👩👧"  # ZWJ sequence: its parts
    assert scripts.symbols("🇩🇪 🇯🇵", has) == "[flag DE] [flag JP]"
    assert scripts.symbols("1️⃣ #⃣", has) == "[keycap 1] [keycap #]"
    assert scripts.symbols("🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
                           has) == "🏴"
    assert scripts.symbols("🫠", has) == "[melting face]"
    assert scripts.symbols("\U0001FAE8", has) == "[U+1FAE8]"  # unknown to this Python
    assert scripts.symbols("ع\u200dب", has) == "ع\u200dب"  # a joiner in Arabic is kept
    for ch in "😀🎉🚀👨❤☕":
        assert has(ord(ch)), ch


def test_words_go_between_visual_and_reading_order():
    from assessment_app.reports import scripts

    def same(w: str) -> str:
        return w

    visual_words = ["ج", "CRM", "2.0", "ب", "أ"]  # as drawn: "أ ب CRM 2.0 ج" read RTL
    reading = scripts.reorder_words(visual_words, same, rtl=True)
    assert reading == ["أ", "ب", "CRM", "2.0", "ج"]
    assert scripts.reorder_words(reading, same, rtl=True) == visual_words
    assert scripts.reorder_words(["Layla", "ب", "أ", "x"], same, rtl=False) == [
        "Layla", "أ", "ب", "x"]


def test_a_wrapped_right_to_left_paragraph_reads_top_down(tmp_path):
    """Straight through reportlab: a Hebrew paragraph in a narrow frame, read back."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate

    from assessment_app.reports import fonts

    fonts.register()
    words = ["אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה", "תשע", "עשר"]
    style = ParagraphStyle("p", fontName=fonts.SANS, fontSize=12, leading=15)
    out = tmp_path / "p.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=(130, 400), leftMargin=10, rightMargin=10)
    doc.build([fonts.Paragraph(fonts.markup(" ".join(words), marked=True), style)])
    rows = [row for row in rows_read(out) if row]
    assert len(rows) >= 3
    assert " ".join(rows) == " ".join(words)
    assert rows[0].startswith("אחת")


def test_right_to_left_text_keeps_the_weight_of_its_context():
    """<font name=...> sets the regular weight in reportlab: a right-to-left line in a bold
    heading or inside <b> is drawn bold all the same."""
    from reportlab.lib.styles import ParagraphStyle

    from assessment_app.reports import fonts

    fonts.register()
    bold = ParagraphStyle("h", fontName=fonts.BOLD)
    regular = ParagraphStyle("p", fontName=fonts.SANS)
    heading = fonts.Paragraph(fonts.markup("محمد العلي", marked=True), bold)
    assert {f.fontName for f in heading.frags} == {fonts.BOLD_RTL}
    mixed = fonts.Paragraph("<b>" + fonts.markup("شركة النور", marked=True) + "</b> and "
                            + fonts.markup("ليلى", marked=True), regular)
    assert [f.fontName for f in mixed.frags] == [fonts.BOLD_RTL, fonts.SANS, fonts.SANS_RTL]
    assert fonts.markup("محمد العلي") == "ﻲﻠﻌﻟﺍ ﺪﻤﺤﻣ"  # unmarked: the context's font and weight


def test_arabic_with_a_ligature_is_shaped_even_in_a_font_without_ligature_forms():
    """arabic-reshaper 3.1 fails (KeyError) when every ligature is switched off; a font
    without the lam-alef forms must still get joined letters, not an error."""
    from assessment_app.reports.scripts import visual

    drawn, rtl = visual("سلام")
    assert rtl and drawn != "سلام" and len(drawn) == 4
