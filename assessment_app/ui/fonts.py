"""Fallback fonts for the window, so names in Chinese, Japanese or Korean, and emoji in a
comment, show on a machine that has no font for them (a bare Linux install, a kiosk image).

The window keeps the system's font: Tandem's bundled fonts (the same files as the PDFs use, see
``resources/fonts/README.md``) are registered with Qt and made substitutes of the application
font's family, which Qt tries only for characters that family lacks, before the system's own
fallbacks. A bundled font is not loaded at all where the system already has a font for its
scripts (Windows, macOS, most Linux desktops), so there the system's fonts keep drawing CJK
text and start-up pays nothing for the files.

``QFontDatabase.addApplicationFallbackFontFamily`` (Qt 6.8) would say this per script, but
PySide6 6.11 does not bind it (it takes a ``QChar.Script``, which PySide6 lacks); substitutes
work on every Qt 6 and leave the application font, and the theme's fonts per widget class, as
they are.
"""

from __future__ import annotations

from functools import cache
from typing import cast

BUNDLED = (
    # (file in resources/fonts, writing systems that make it unnecessary when the system
    #  already has a font for every one of them)
    ("TandemHangul.ttf", ("Korean",)),
    ("DroidSansFallbackFull.ttf", ("SimplifiedChinese", "TraditionalChinese", "Japanese")),
)
EMOJI_FONT = "TandemEmoji.ttf"  # black and white emoji (the PDFs' too), up to Unicode 9
EMOJI_FAMILY_WORDS = ("emoji", "symbola")  # Noto Color Emoji, Segoe UI Emoji, Apple Color…


def has_emoji_family(families: list[str]) -> bool:
    """Whether the system has a font for emoji: Qt has no writing system for them, so the
    families' names say it."""
    return any(word in family.casefold() for family in families for word in EMOJI_FAMILY_WORDS)


@cache
def install_fallback_fonts() -> tuple[str, ...]:
    """Make the bundled CJK fonts fallbacks of the application font (once per process; call
    after the QApplication exists). Returns the families it loaded; empty where the system
    covers every script itself. A missing or unreadable font file is skipped: the window then
    shows boxes for that script, as it would without this function, and the PDFs report it."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication

    from .. import paths

    folder = paths.resources_dir() / "fonts"
    loaded: list[str] = []
    for file, systems in BUNDLED:
        if all(QFontDatabase.families(getattr(QFontDatabase.WritingSystem, name))
               for name in systems):
            continue
        font_id = QFontDatabase.addApplicationFont(str(folder / file))
        if font_id != -1:
            loaded += QFontDatabase.applicationFontFamilies(font_id)
    if not has_emoji_family(QFontDatabase.families()):
        font_id = QFontDatabase.addApplicationFont(str(folder / EMOJI_FONT))
        emoji = QFontDatabase.applicationFontFamilies(font_id) if font_id != -1 else []
        for family in emoji:  # Qt 6.9 on: the font Qt asks first for emoji
            QFontDatabase.addApplicationEmojiFontFamily(family)
        loaded += emoji
    if loaded:
        font = QApplication.font()
        # The family as asked for ("Sans Serif", "Segoe UI") and as resolved ("DejaVu Sans").
        for family in dict.fromkeys([*font.families(), QFontInfo(font).family()]):
            QFont.insertSubstitutions(family, [*QFont.substitutes(family), *loaded])
    return tuple(loaded)


_BASE_POINT_SIZE: list[float] = []  # the system's application font size, read once


def apply_text_size(size: str) -> float:
    """Scale the application font by the chosen text size (``settings.TEXT_SIZES``): larger
    text for a projector, on every screen at once. Qt passes a new application font only to
    widgets the stylesheet has not polished yet, so the stylesheet is set again: every open
    screen is re-polished with the new size, not just the menus. Returns the point size set."""
    from PySide6.QtWidgets import QApplication

    from ..settings import TEXT_SIZES

    app = cast(QApplication, QApplication.instance())  # called once the application exists
    font = app.font()
    if not _BASE_POINT_SIZE:
        _BASE_POINT_SIZE.append(font.pointSizeF())
    font.setPointSizeF(_BASE_POINT_SIZE[0] * TEXT_SIZES.get(size, 1.0))
    app.setFont(font)
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet(sheet)
    return font.pointSizeF()
