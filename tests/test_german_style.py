"""What a German reviewer reads: German quotation marks, the singular where one person is
counted, German dates in the plan workbook and on the workshop page, and the method's worked
example marked as invented."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from assessment_app.i18n.po_file import entries

ROOT = Path(__file__).resolve().parent.parent
GERMAN_PO = sorted((ROOT / "assessment_app" / "i18n" / "messages" / "de").glob("*.po"))
GERMAN_CONTENT = sorted((ROOT / "questionnaires").glob("*.de.yaml"))

# A word group between single quotes: the opening mark begins a word (an apostrophe inside or at
# the end of a word, as in "Hans' Plan", opens nothing), the closing mark ends one.
SINGLE_QUOTED = re.compile(r"(?<!\w)['‘‚][^'‘’\n]+['’](?!\w)")
MARKUP = re.compile(r"<[^<>]*>")  # an attribute's quotes (color='#4a5560') are code, not text


def _single_quoted(text: str) -> list[str]:
    return SINGLE_QUOTED.findall(MARKUP.sub("", text))


def _german_texts(value: object):
    """Every German text of a content file (its keys are the English originals)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _german_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _german_texts(item)


def test_german_quotes_a_word_group_with_german_quotation_marks() -> None:
    found = []
    for path in GERMAN_PO:
        with path.open(encoding="utf-8") as handle:
            for entry in entries(handle):
                for name, text in entry.items():
                    if name.startswith("msgstr") and entry.get("msgid"):
                        found += [f"{path.name}: {q}" for q in _single_quoted(text)]
    for path in GERMAN_CONTENT:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [f"{path.name}: {q}" for t in _german_texts(content) for q in _single_quoted(t)]
    assert found == []


def test_the_quote_check_tells_quotation_marks_from_apostrophes() -> None:
    assert _single_quoted("siehe 'tandem workshops'") == ["'tandem workshops'"]
    assert _single_quoted("‘Daten teilen’ fehlt") == ["‘Daten teilen’"]
    assert _single_quoted("Hans' Plan und Grete's Ziel") == []
    assert _single_quoted("<font color='#4a5560'>Quelle</font>") == []
