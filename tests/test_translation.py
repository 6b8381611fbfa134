"""Questionnaire, glossary and action-library translations: a file beside the original, keyed by
its ids, refused with a precise message when it does not cover the original exactly, and shown
without ever changing what a workshop stores."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assessment_app.content.catalog import load_catalog
from assessment_app.content.questionnaire import LEVEL_COUNT, ROLES

from .conftest import MINI_DIR

MINI_DE = {
    "kind": "translation", "of": "mini@1", "language": "de",
    "title": "Mini-Fragebogen", "description": "Ein kleiner Fragebogen für die Tests.",
    "themes": {"trust": {"title": "Vertrauen"}, "meetings": {"title": "Treffen"},
               "data": {"title": "Kundendaten"}},
    "items": {
        "trust-1": {"text": {"marketing": "Die IT liefert, was das Marketing anfordert.",
                             "it": "Das Marketing vertraut darauf, dass die IT liefert."},
                    "levels": ["Nie", "Selten", "Manchmal", "Meistens", "Immer"]},
        "trust-2": {"text": "Die beiden Führungskräfte sprechen wöchentlich miteinander.",
                    "levels": ["Nie", "Jährlich", "Monatlich", "Wöchentlich", "Täglich"]},
        "meet-1": {"text": "Ein gemeinsames Gremium genehmigt Projekte.",
                   "levels": ["Keines", "Informell", "Fallweise", "Regelmäßig", "Mit Mandat"]},
        "data-1": {"text": "Wir haben eine einheitliche Sicht auf jeden Kunden.",
                   "levels": ["Nein", "Teilweise", "Einiges", "Das meiste", "Vollständig"]},
    },
}
GLOSSARY_DE = {"kind": "translation", "of": "glossary", "language": "de",
               "terms": {"agile": {"term": "Agil", "marketing": "Schnell reagierend.",
                                   "it": "Ein Vorgehen in kurzen Iterationen."}}}
ACTIONS_DE = {"kind": "translation", "of": "actions", "language": "de",
              "actions": {"weekly-meeting": {
                  "title": "Sich jede Woche treffen",
                  "description": "CMO und CIO treffen sich wöchentlich."}}}
PULSE_DE = {"kind": "translation", "of": "mini-pulse@1", "language": "de",
            "title": "Mini-Pulse-Check"}


def folder(tmp_path: Path, *translations: tuple[str, dict]) -> Path:
    for path in MINI_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    for name, data in translations:
        (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


def with_item(**changes) -> dict:
    """The mini translation with item trust-1's translation changed (None: removed)."""
    data = yaml.safe_load(yaml.safe_dump(MINI_DE))
    for key, value in changes.items():
        if value is None:
            del data["items"]["trust-1"][key]
        else:
            data["items"]["trust-1"][key] = value
    return data


def test_a_full_translation_shows_every_word_in_german_and_keeps_the_original_stored(tmp_path):
    catalog = load_catalog(folder(tmp_path, ("mini.de.yaml", MINI_DE),
                                  ("glossary.de.yaml", GLOSSARY_DE),
                                  ("actions.de.yaml", ACTIONS_DE), ("pulse.de.yaml", PULSE_DE)))
    assert catalog.problems == []
    mini = catalog.get("mini")
    german = catalog.in_language(mini, "de")
    assert german.language == "de" and german.title == "Mini-Fragebogen"
    item = german.item("trust-1")
    assert item.text_for("it") == "Das Marketing vertraut darauf, dass die IT liefert."
    assert item.levels[0] == "Nie" and german.theme("trust").title == "Vertrauen"
    # what is measured and what a workshop stores stay the original's
    assert german.item("meet-1").weight == mini.item("meet-1").weight
    assert german.item("meet-1").benchmark == mini.item("meet-1").benchmark
    assert german.content_hash == mini.content_hash and german.content() == mini.content()
    assert catalog.in_language(german, "en") is mini
    assert catalog.in_language(mini, "en") is mini
    assert catalog.glossary_in("de")[0].term == "Agil"
    assert catalog.actions_in("de")[0].title == "Sich jede Woche treffen"
    assert catalog.actions_in("de")[0].items == catalog.actions[0].items
    pulse = catalog.in_language(catalog.get("mini-pulse"), "de")
    assert pulse.title == "Mini-Pulse-Check"
    assert pulse.item("data-1").levels[-1] == "Vollständig"


def test_a_stored_copy_that_differs_from_the_translated_edition_stays_in_english(tmp_path):
    catalog = load_catalog(folder(tmp_path, ("mini.de.yaml", MINI_DE)))
    mini = catalog.get("mini")
    from dataclasses import replace

    edited = replace(mini, content_hash="another wording", _item_index={})
    assert catalog.in_language(edited, "de") is edited


def test_no_translation_means_the_original_in_every_language(tmp_path):
    catalog = load_catalog(folder(tmp_path))
    mini = catalog.get("mini")
    assert catalog.in_language(mini, "de") is mini
    assert catalog.glossary_in("de") == catalog.glossary
    assert catalog.actions_in("de") == catalog.actions


@pytest.mark.parametrize(("data", "expected"), [
    ({**MINI_DE, "items": {k: v for k, v in MINI_DE["items"].items() if k != "data-1"}},
     "mini.de.yaml: item 'data-1': is missing from the translation."),
    ({**MINI_DE, "items": {**MINI_DE["items"], "data-9": MINI_DE["items"]["data-1"]}},
     "mini.de.yaml: item 'data-9': is not in the original."),
    (with_item(levels=["Nie", "Selten", "Immer"]),
     f"mini.de.yaml: item 'trust-1': 'levels' needs {LEVEL_COUNT} entries, as the original "
     "has, found 3."),
    (with_item(levels=None),
     f"mini.de.yaml: item 'trust-1': 'levels' needs {LEVEL_COUNT} entries, as the original "
     "has, found nothing."),
    (with_item(text={"marketing": "Nur eine Seite."}),
     "mini.de.yaml: item 'trust-1': text: 'it' is missing"),
    (with_item(weight=3), "mini.de.yaml: item 'trust-1': 'weight' is not a field a "
                          "translation has."),
    ({**MINI_DE, "themes": {"trust": {"title": "Vertrauen"}, "data": {"title": "Daten"}}},
     "mini.de.yaml: theme 'meetings': is missing from the translation."),
    ({**MINI_DE, "of": "mini@7"},
     "mini.de.yaml: translates questionnaire 'mini' version 7, which is not installed; "
     "file skipped."),
    ({**MINI_DE, "language": "xx"}, "mini.de.yaml: 'language' 'xx' is not a language"),
    ({**MINI_DE, "sources": {"Another survey": "Eine andere Umfrage"}},
     "mini.de.yaml: source 'Another survey': is not in the original."),
])
def test_a_translation_that_does_not_cover_its_original_is_refused_precisely(
        tmp_path, data, expected):
    catalog = load_catalog(folder(tmp_path, ("mini.de.yaml", data)))
    assert any(expected in p for p in catalog.problems), catalog.problems
    mini = catalog.get("mini")
    assert catalog.in_language(mini, "de") is mini  # the original still loads, in English


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("glossary.de.yaml", {**GLOSSARY_DE, "terms": {}},
     "glossary.de.yaml: term 'agile': is missing from the translation."),
    ("glossary.de.yaml", {**GLOSSARY_DE, "terms": {**GLOSSARY_DE["terms"],
                                                   "dr": {"term": "DR"}}},
     "glossary.de.yaml: term 'dr': is not in the original."),
    ("actions.de.yaml", {**ACTIONS_DE, "actions": {"weekly-meeting": {"title": "Treffen"}}},
     "actions.de.yaml: action 'weekly-meeting': 'description' is missing"),
    ("actions.de.yaml", {**ACTIONS_DE, "actions": {}},
     "actions.de.yaml: action 'weekly-meeting': is missing from the translation."),
])
def test_a_library_translation_that_does_not_fit_is_refused(tmp_path, name, data, expected):
    catalog = load_catalog(folder(tmp_path, (name, data)))
    assert any(expected in p for p in catalog.problems), catalog.problems
    assert catalog.glossary_in("de") == catalog.glossary
    assert catalog.actions_in("de") == catalog.actions


def test_two_translations_of_one_original_into_one_language_keep_the_first(tmp_path):
    catalog = load_catalog(folder(tmp_path, ("mini.de.yaml", MINI_DE),
                                  ("mini.de2.yaml", {**MINI_DE, "title": "Zweiter"})))
    assert any("mini.de2.yaml: mini@1 is already translated into de by" in p
               for p in catalog.problems), catalog.problems
    assert catalog.in_language(catalog.get("mini"), "de").title == "Mini-Fragebogen"


INSTALLED = Path(__file__).resolve().parent.parent / "questionnaires"


def test_the_installed_german_translation_covers_every_statement_term_and_action(catalog):
    """CI fails when a statement, level, theme, term or action is added to the English content
    without its German: the translation is then refused on load."""
    assert catalog.problems == []
    for questionnaire in catalog.questionnaires.values():
        german = catalog.in_language(questionnaire, "de")
        assert german.language == "de" and german.title != questionnaire.title
        assert german.content_hash == questionnaire.content_hash
        for item in questionnaire.items:
            shown = german.item(item.id)
            assert all(shown.text_for(r) != item.text_for(r) for r in ROLES), item.id
            assert len(shown.levels) == LEVEL_COUNT
            assert all(de != en for de, en in zip(shown.levels, item.levels, strict=True))
    english = {t.id: t for t in catalog.glossary}
    assert all(t.marketing != english[t.id].marketing and t.it != english[t.id].it
               for t in catalog.glossary_in("de"))
    originals = {a.id: a for a in catalog.actions}
    for action in catalog.actions_in("de"):
        original = originals[action.id]
        assert action.title != original.title and action.description != original.description
        assert [c.about for c in action.success_test] != [c.about for c in original.success_test]
        assert action.items == original.items and action.original is original


def test_a_german_translation_missing_a_statement_is_refused_and_the_core_shown_in_english(
        tmp_path):
    for path in INSTALLED.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    data = yaml.safe_load((INSTALLED / "core.de.yaml").read_text(encoding="utf-8"))
    del data["items"]["trust-2"]
    (tmp_path / "core.de.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                           encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert any(p.endswith("core.de.yaml: item 'trust-2': is missing from the translation.")
               for p in catalog.problems), catalog.problems
    core = catalog.get("core")
    assert catalog.in_language(core, "de") is core
    assert catalog.glossary_in("de") != catalog.glossary  # the other translations still load


def test_a_translation_words_the_sources_it_names_and_cites_the_others_as_written(tmp_path):
    """A source that describes its citation ("cited in", "survey") is a sentence a German
    reader should not meet in English; a bare reference may stay as the original has it."""
    worded = load_catalog(folder(tmp_path, ("mini.de.yaml", {
        **MINI_DE, "sources": {"Test survey": "Testumfrage"}})))
    assert worded.problems == []
    mini = worded.get("mini")
    assert worded.in_language(mini, "de").item("meet-1").benchmark.source == "Testumfrage"
    assert mini.item("meet-1").benchmark.source == "Test survey"  # the original keeps its own
    assert worded.in_language(mini, "de").content_hash == mini.content_hash


def test_the_installed_german_questionnaire_cites_no_source_in_english(catalog):
    german = catalog.in_language(catalog.default(), "de")
    cited = [f.source for f in german.business_case]
    cited += [f.source for item in german.items for f in item.context]
    cited += [item.benchmark.source for item in german.items if item.benchmark is not None]
    assert "Frühere Forrester-Studien, zitiert in Forrester 2021 (Husson)" in cited
    assert not [s for s in cited if "cited" in s or "survey" in s]


def _long(text: str) -> bool:
    return text.startswith("⟦") and text.endswith("⟧")


def test_the_pseudo_locale_makes_every_word_of_the_content_long_from_the_english(catalog):
    """qps needs no file: every statement, level, theme, finding, term and action is the
    English made long (between ⟦ ⟧), so screens and PDFs are tested with long content; what is
    measured (ids, weights, hash) stays the original's."""
    from assessment_app import i18n

    for questionnaire in catalog.questionnaires.values():
        long = catalog.in_language(questionnaire, "qps")
        assert long.language == "qps" and _long(long.title)
        assert long.content_hash == questionnaire.content_hash
        assert long.item_ids == questionnaire.item_ids
        assert catalog.in_language(long, "en").title == questionnaire.title  # its original
        for item in long.items:
            assert all(_long(item.text_for(r)) for r in ROLES), item.id
            assert all(_long(level) for level in item.levels), item.id
            assert all(_long(f.text) for f in item.context), item.id
        assert all(_long(t.title) for t in long.themes)
        assert all(_long(f.text) for f in long.business_case)
    assert all(_long(t.term) and _long(t.marketing) and _long(t.it)
               for t in catalog.glossary_in("qps"))
    with i18n.speaking("qps"):
        actions = catalog.actions_in("qps")
    originals = {a.id: a for a in catalog.actions}
    for action in actions:
        assert _long(action.title) and _long(action.description), action.id
        assert all(_long(c.about) for c in action.success_test), action.id
        assert action.items == originals[action.id].items
    assert catalog.glossary_in("en") == catalog.glossary


def test_the_installed_german_action_library_cites_its_sources_in_german(catalog):
    """A source the plan pages print under each action ("Tandem practice, answering the
    finding that ...") is a sentence: in German, each cited source of it is German."""
    cited = [a.source for a in catalog.actions_in("de")]
    assert "Tandem-Praxis" in cited
    assert "Umfrage von Forrester und Forbes Insights; Forrester 2021 (Husson)" in cited
    english = ("practice", "survey", "reported by", "answering", "does not cover", "'")
    assert [s for s in cited if any(words in s for words in english)] == []
    assert all(a.source for a in catalog.actions)  # the originals keep their own
    assert not any("Tandem-Praxis" in a.source for a in catalog.actions)
