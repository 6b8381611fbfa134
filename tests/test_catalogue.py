"""The message catalogue is complete and current, and every sentence a user reads goes through
it (tools/catalogue.py does the work; these tests are what CI holds)."""

from __future__ import annotations

import ast
import asyncio
import sys
from pathlib import Path

import pytest

from assessment_app import i18n
from assessment_app.i18n import formats, speaking, tr, tr_n
from assessment_app.rules.privacy import withheld_label

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import catalogue  # noqa: E402

# How many sentences a user may read that each area still shows outside the catalogue: 0 once
# an area is translated; until then its ceiling only goes down. (One line between entries, so
# two areas' translators change separate lines.)
CEILINGS = {
    "core": 0,
    # ---
    "cli": 0,
    # ---
    "exchange": 0,
    # ---
    "reports": 0,
    # ---
    "ui": 0,
    # ---
    "web": 0,
}


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_every_marked_sentence_is_translated(language: str) -> None:
    assert catalogue.problems(language) == []


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_the_app_reads_the_po_files_as_gettext_would_read_them_compiled(language: str) -> None:
    """The app reads the .po files itself (po_file); every lookup must give what the compiled
    catalogue Babel writes would give."""
    import gettext
    import io

    from assessment_app.i18n import po_file

    compiled = gettext.GNUTranslations(io.BytesIO(catalogue.compiled(language)))
    ours = po_file.translations(sorted((catalogue.MESSAGES / language).glob("*.po")))
    expected = {k: v for k, v in compiled._catalog.items() if k}  # type: ignore[attr-defined]
    assert ours._catalog == expected  # type: ignore[attr-defined]
    assert [ours.plural(n) for n in range(4)] == [compiled.plural(n) for n in range(4)]


def test_marked_sentences_are_literals_the_extractor_can_read() -> None:
    """An f-string or a concatenation inside tr() would never reach the catalogue."""
    bad = []
    for path in sorted(catalogue.PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in catalogue.MARKERS):
                texts = node.args[:2] if node.func.id in ("tr_n", "tr_p") else node.args[:1]
                for arg in texts:
                    if not isinstance(arg, (ast.Constant, ast.Name, ast.Attribute)):
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []


@pytest.mark.parametrize("area", sorted(CEILINGS))
def test_no_sentence_is_added_outside_the_catalogue(area: str) -> None:
    found = catalogue.unmarked_by_area().get(area, [])
    assert len(found) <= CEILINGS[area], "\n".join(found)


def test_markup_and_style_sheets_are_not_sentences_but_words_inside_markup_are(tmp_path) -> None:
    source = tmp_path / "shown.py"
    source.write_text("\n".join([
        "A = 'QLabel { color: #006b4f; font-weight: 600; }'",
        "B = 'color: #a03c00; font-weight: 600;'",
        "C = '<p style=\"white-space: pre-wrap\">{}</p>'",
        "D = '<b>Nothing has been answered yet.</b>'",
        "E = 'Welcome back {name}, your answers are saved'",
        "F = 'Cannot write: the disk is full; free some space.'",
    ]), encoding="utf-8")
    assert [line for line, _ in catalogue.unmarked(source)] == [4, 5, 6]


def test_a_german_reader_gets_german_and_placeholders_filled() -> None:
    assert withheld_label(4) == "fewer than 4"
    with speaking("de"):
        assert withheld_label(4) == "weniger als 4"
        assert tr_n("{n} answer", "{n} answers", 2) == "2 answers"  # not in the catalogue
    assert i18n.current() == "en"


def test_pseudo_locale_is_longer_accented_and_keeps_placeholders() -> None:
    with speaking("qps"):
        text = tr("{count} people answered", count=7)
    assert "7" in text and "people" not in text and text.endswith("⟧")
    assert len(text) >= 1.4 * len("7 people answered")


def test_two_requests_served_at_once_keep_their_own_language() -> None:
    async def label(code: str) -> str:
        with speaking(code):
            await asyncio.sleep(0.01)
            return withheld_label(3)

    async def both() -> list[str]:
        return list(await asyncio.gather(label("de"), label("en")))

    assert asyncio.run(both()) == ["weniger als 3", "fewer than 3"]


def test_numbers_and_dates_follow_the_language() -> None:
    from datetime import date
    assert formats.number(1.5, 2, signed=True) == "+1.50"
    assert formats.number(-0.001, 2) == "0.00"
    with speaking("de"):
        assert formats.number(1.5, 2, signed=True) == "+1,50"
        assert formats.long_date(date(2027, 3, 31)) == "31. März 2027"
        assert formats.percent(22) == "22\u202f%"


@pytest.mark.parametrize(("environment", "expected"), [
    ({"LANG": "de_DE.UTF-8"}, "de"), ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANGUAGE": "de:en", "LANG": "en_GB.UTF-8"}, "de"), ({"LC_ALL": "C", "LANG": "de_AT"}, "de")])
def test_the_system_language_is_used_when_tandem_speaks_it(
        monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert i18n.system_language() == expected
