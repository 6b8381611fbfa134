"""Every script a name can be typed in is drawn with real glyphs, in the PDFs and in the window.

The PDF is read back with pypdf, which reports the font each piece of text was drawn in; every
character must be in that font's character map (a character a font lacks prints as an empty box,
and extracts as a NUL). The window is checked on Qt's own layout: the glyphs Qt chose for each
character, and the pixels a QLabel paints, compared with an unassigned code point's box.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from pypdf import PdfReader

from assessment_app import paths

NAMES = {"Zoë <b>R&D</b> 李明 김민준": "marketing", "Дмитрий": "marketing",
         "山田太郎": "it", "김민준": "it"}
KOREAN = "김민준"
MISSING = "\u0378"  # unassigned in Unicode: no font has it, every font draws its box


@pytest.fixture
def workshop(store, catalog):
    q = catalog.default()
    w = store.create_workshop("Scripts 한국어 中文 日本語", q, organization="Nordlicht & Söhne",
                              on="2026-11-20")
    people = {name: store.add_participant(w.id, name, role) for name, role in NAMES.items()}
    for k, item in enumerate(q.items):
        for n, p in enumerate(people.values()):
            current = 1 + (k + n) % 4
            store.save_answer(p.id, item.id, current, current + 1,
                              "정보 공유가 필요합니다" if k == 0 else "")
    return w, people


@cache
def font_files() -> dict[str, str]:
    """PostScript name -> bundled font file, for every font the PDFs may use."""
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.resources_dir() / "fonts"
    return {TTFont("probe", str(f)).face.name.decode(): str(f) for f in folder.glob("*.ttf")}


@cache
def charmap(ps_name: str) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFont

    return frozenset(TTFont("probe", font_files()[ps_name]).face.charToGlyph)


def drawn_pieces(path) -> list[tuple[str, str]]:
    """(text, PostScript name of the font it is drawn in) for every piece of text in the PDF.
    reportlab names subsets AAAAAA+Name, AAAAAB+Name, ...: the tag is dropped."""
    pieces = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            pieces.append((text, str(font_dict["/BaseFont"]).lstrip("/").split("+")[-1]))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return pieces


def flat(path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def assert_no_missing_glyph(pieces: list[tuple[str, str]]) -> None:
    for text, font in pieces:
        if font == "Helvetica":
            assert set(text.strip()) <= {"\x7f", "•"}, text  # bullets only
            continue
        assert font in font_files(), f"{font} is not a bundled font"
        lacking = {ch for ch in text if not ch.isspace() and ord(ch) not in charmap(font)}
        assert not lacking, f"{font} has no glyph for {sorted(lacking)} in {text!r}"


def assert_every_character_has_its_glyph(path) -> set[str]:
    """Each character of each name is drawn, somewhere, in a font that has it, and no
    character anywhere is drawn in a bundled font that lacks it (the list bullets, reportlab's
    own, are Helvetica). Returns the fonts used."""
    pieces = drawn_pieces(path)
    assert_no_missing_glyph(pieces)
    for name in NAMES:
        for ch in set(name) - {" "}:
            assert any(ch in text for text, _ in pieces), f"{ch!r} of {name!r} is not drawn"
    return {font for _, font in pieces}


def test_workshop_pdf_draws_korean_chinese_japanese_and_cyrillic_names(store, catalog,
                                                                          workshop, tmp_path):
    from assessment_app.reports import build_workshop_pdf

    w, _ = workshop
    out = build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf")
    used = assert_every_character_has_its_glyph(out)
    assert "TandemHangul-Regular" in used
    text = flat(out)
    for name in NAMES:
        assert name in text, name
    assert "Scripts 한국어 中文 日本語" in text
    assert "정보 공유가 필요합니다" in text  # a Korean comment, in the voice of the room


@pytest.mark.parametrize("name", ["Zoë <b>R&D</b> 李明 김민준", KOREAN])
def test_handout_draws_a_korean_name_and_extracts_it_exactly(store, catalog, workshop,
                                                            tmp_path, name):
    from assessment_app.reports import build_handout_pdf

    w, people = workshop
    out = build_handout_pdf(store, catalog, w.id, people[name].id, tmp_path / "h.pdf")
    pieces = drawn_pieces(out)
    assert_no_missing_glyph(pieces)
    assert any(KOREAN in text and font == "TandemHangul-Regular" for text, font in pieces)
    assert name in flat(out)
    assert "\x00" not in flat(out)


def test_each_script_goes_to_the_font_that_has_it():
    from assessment_app.reports import fonts

    assert fonts.font_for("ë") == fonts.SANS
    assert fonts.font_for("Д") == fonts.SANS
    for ch in "김민준한글ㄱ":  # syllables and a compatibility jamo
        assert fonts.font_for(ch) == fonts.HANGUL, ch
    for ch in "李明山田やマ":  # Han, hiragana, katakana stay with Droid Sans Fallback
        assert fonts.font_for(ch) == fonts.CJK, ch
    assert fonts.runs("Zoë 李明 김민준") == [(fonts.SANS, "Zoë "), (fonts.CJK, "李明"),
                                           (fonts.SANS, " "), (fonts.HANGUL, "김민준")]
    assert fonts.markup("<b>R&D</b> 김") == (
        '&lt;b&gt;R&amp;D&lt;/b&gt; <font name="TandemHangul">김</font>')


def test_the_hangul_font_covers_every_syllable_and_is_truetype():
    from reportlab.pdfbase.ttfonts import TTFont

    path = paths.resources_dir() / "fonts" / "TandemHangul.ttf"
    covered = TTFont("probe", str(path)).face.charToGlyph
    assert all(code in covered for code in range(0xAC00, 0xD7A4))  # 11,172 syllables
    assert (paths.resources_dir() / "fonts" / "LICENSE-TandemHangul.txt").read_text(
        "utf-8").count("SIL Open Font License") >= 1


# --- the window -------------------------------------------------------------------------------

def glyphs(text: str, font) -> list[tuple[str, list[int]]]:
    """(family, glyph indexes) of each run Qt lays ``text`` out in; glyph 0 is the box."""
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes()))
            for run in layout.glyphRuns()]


def layout_runs(text: str, font) -> list:
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return layout.glyphRuns()


def painted(label, text: str):
    label.setText(text)
    label.repaint()
    return label.grab().toImage()


def test_window_draws_chinese_and_korean_with_real_glyphs(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QLabel

    from assessment_app.ui.fonts import install_fallback_fonts

    app_font = QApplication.font()
    loaded = install_fallback_fonts()
    assert QApplication.font() == app_font  # the window keeps the system's font
    for family in loaded:  # ... and the bundled ones stand behind it
        assert family.casefold() in {f.casefold() for f in QFont.substitutes(app_font.family())}

    label = QLabel()
    label.setTextFormat(Qt.PlainText)
    font = label.font()
    font.setPixelSize(40)
    label.setFont(font)
    label.setFixedSize(60, 60)
    label.setAlignment(Qt.AlignCenter)
    qtbot.addWidget(label)
    label.show()

    assert any(0 in indexes for _, indexes in glyphs(MISSING, label.font()))  # the probe works
    box = painted(label, MISSING)
    blank = painted(label, " ")
    for ch in "李明김민준":
        runs = glyphs(ch, label.font())
        assert runs and all(0 not in indexes for _, indexes in runs), (ch, runs)
        image = painted(label, ch)
        assert image != box, f"{ch} is drawn as the missing-glyph box"
        assert image != blank, f"{ch} is drawn as nothing"
    label.setText("李明 김민준")
    runs = glyphs(label.text(), label.font())
    assert all(0 not in indexes for _, indexes in runs), runs


def test_an_emoji_in_a_comment_is_drawn_not_boxed(qtbot):
    """Where the system has no emoji font (this one has none), Tandem's own (the PDFs') is
    asked for emoji: a comment's rocket and smile were boxes on screen."""
    from assessment_app.ui.comment_box import CommentBox
    from assessment_app.ui.fonts import install_fallback_fonts

    install_fallback_fonts()
    box = CommentBox()
    qtbot.addWidget(box)
    box.set_comment("Great session 🚀 we agree 😀")
    box.show()
    qtbot.waitExposed(box)
    runs = layout_runs(box.toPlainText(), box.font())
    assert runs and all(0 not in list(run.glyphIndexes()) for run in runs), [
        (run.rawFont().familyName(), list(run.glyphIndexes())) for run in runs]
    for emoji in (0x1F680, 0x1F600):
        assert any(run.rawFont().supportsCharacter(emoji) for run in runs), hex(emoji)


def test_the_bundled_emoji_font_stands_back_where_the_system_has_one():
    from assessment_app.ui.fonts import has_emoji_family

    assert has_emoji_family(["DejaVu Sans", "Noto Color Emoji"])
    assert has_emoji_family(["Segoe UI", "Segoe UI Emoji"])
    assert not has_emoji_family(["DejaVu Sans", "Droid Sans Fallback"])
