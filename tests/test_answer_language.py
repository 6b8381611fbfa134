"""The language each participant answered in: kept with every answer (an older answer's is
unknown), counted once per participant for the report, and carried by named bundles."""

from __future__ import annotations

import json
import sqlite3

import pytest

from assessment_app.errors import BundleError
from assessment_app.exchange.bundle_export import export_bundle, write_bundle
from assessment_app.exchange.bundle_import import import_bundle_file
from assessment_app.store.database import Store
from assessment_app.store.migrations import SCHEMA_VERSION

from .conftest import undo_later_migrations


def test_an_answer_keeps_the_language_it_was_given_in(store, mini):
    w = store.create_workshop("Day", mini)
    p = store.add_participant(w.id, "Anna", "it")
    store.save_answer(p.id, "trust-1", 2, 4, language="de")
    store.save_answer(p.id, "meet-1", 3, 3)
    answers = store.answers_for_participant(p.id)
    assert answers["trust-1"].language == "de"
    assert answers["meet-1"].language is None  # not said: unknown
    store.save_answer(p.id, "trust-1", 3, 4, language="en")  # changed on another device
    assert store.answers_for_participant(p.id)["trust-1"].language == "en"


def test_an_upgrade_keeps_older_answers_with_their_language_unknown(tmp_path, mini):
    path = tmp_path / "old.sqlite"
    s = Store.open(path)
    w = s.create_workshop("Old", mini)
    p = s.add_participant(w.id, "P", "it")
    s.save_answer(p.id, "trust-1", 2, 3, "kept")
    s.close()
    conn = sqlite3.connect(path)
    undo_later_migrations(conn, 15)
    conn.execute("PRAGMA user_version = 15")
    conn.commit()
    conn.close()

    s = Store.open(path)
    assert s.schema_version == SCHEMA_VERSION
    old = s.answers_for_participant(p.id)["trust-1"]
    assert (old.current, old.target, old.comment, old.language) == (2, 3, "kept", None)
    assert s.answer_languages(w.id) == {}
    s.close()


def test_each_participant_counts_once_by_the_language_of_most_of_their_answers(store, mini):
    w = store.create_workshop("Day", mini)
    items = mini.item_ids
    mostly_german = store.add_participant(w.id, "A", "it")
    for item in items[:-1]:
        store.save_answer(mostly_german.id, item, 2, 3, language="de")
    store.save_answer(mostly_german.id, items[-1], 2, 3, language="en")
    english = store.add_participant(w.id, "B", "marketing")
    store.save_answer(english.id, items[0], 1, 2, language="en")
    unknown = store.add_participant(w.id, "C", "marketing")
    store.save_answer(unknown.id, items[0], 1, 2)
    store.add_participant(w.id, "D (not answered yet)", "it")
    other = store.create_workshop("Another day", mini)
    store.save_answer(store.add_participant(other.id, "E", "it").id, items[0], 1, 1,
                      language="de")

    assert store.answer_languages(w.id) == {"de": 1, "en": 1}


def test_a_tie_goes_to_the_language_of_the_latest_answer(store, mini):
    w = store.create_workshop("Day", mini)
    p = store.add_participant(w.id, "A", "it")
    store.save_answer(p.id, "trust-1", 2, 3, answered_at="2026-05-04T10:00:00+00:00",
                      language="en")
    store.save_answer(p.id, "meet-1", 2, 3, answered_at="2026-05-04T10:05:00+00:00",
                      language="de")
    assert store.answer_languages(w.id) == {"de": 1}


@pytest.fixture
def spoken(store, mini):
    w = store.create_workshop("Day", mini, on="2026-05-04")
    people = []
    for n, role in enumerate(["it", "marketing"] * 3):
        p = store.add_participant(w.id, f"Person {n}", role)
        store.save_answer(p.id, "trust-1", 2, 3, language="de" if n % 2 else "en")
        people.append(p)
    store.save_answer(people[0].id, "meet-1", 1, 2)  # unknown
    return store, w


def test_a_named_bundle_carries_each_answers_language_and_the_import_keeps_it(
        spoken, tmp_path, mini_catalog):
    store, w = spoken
    bundle = export_bundle(store, w.id)
    unknown = [a for a in bundle["answers"] if a["item"] == "meet-1"]
    assert unknown and all("language" not in a for a in unknown)  # absent: unknown
    path = tmp_path / "w.json"
    write_bundle(bundle, path)
    other = Store.open(tmp_path / "other.sqlite")
    import_bundle_file(other, path, mini_catalog)

    def spoken_in(s: Store) -> set:
        return {(a.participant_id, a.item_id, a.language) for a in s.answers_for_workshop(w.id)}

    assert spoken_in(other) == spoken_in(store)
    assert other.answer_languages(w.id) == store.answer_languages(w.id) == {"de": 3, "en": 3}
    other.close()


def test_a_later_answer_from_a_bundle_brings_its_language(spoken, tmp_path, mini_catalog):
    store, w = spoken
    path = tmp_path / "w.json"
    write_bundle(export_bundle(store, w.id), path)
    other = Store.open(tmp_path / "other.sqlite")
    import_bundle_file(other, path, mini_catalog)
    first = store.participants(w.id)[0]
    store.save_answer(first.id, "trust-1", 3, 4, language="de")  # was English
    write_bundle(export_bundle(store, w.id), path)
    import_bundle_file(other, path, mini_catalog)
    assert other.answers_for_participant(first.id)["trust-1"].language == "de"
    other.close()


def test_an_anonymised_bundle_does_not_say_who_answered_in_which_language(spoken):
    store, w = spoken
    bundle = export_bundle(store, w.id, anonymise=True)
    assert bundle["answers"] and all("language" not in a for a in bundle["answers"])


def test_a_bundle_with_a_language_that_is_no_language_code_is_refused(
        spoken, tmp_path, mini_catalog):
    store, w = spoken
    bundle = export_bundle(store, w.id)
    bundle["answers"][0]["language"] = "Deutsch; DROP TABLE"
    path = tmp_path / "w.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    other = Store.open(tmp_path / "other.sqlite")
    with pytest.raises(BundleError, match=r"answers\[0\]\.language"):
        import_bundle_file(other, path, mini_catalog)
    assert other.workshops() == []
    other.close()


def test_the_language_chosen_at_the_hand_over_is_kept_with_the_kiosk_answers(
        qtbot, main_window, store, mini):
    from PySide6.QtCore import Qt

    from assessment_app import i18n

    w = store.create_workshop("Kiosk day", mini)
    p = store.add_participant(w.id, "Greta", "it")
    main_window.open_workshop(w.id)
    main_window.full_screen_answering = False
    chooser = main_window.workshop.hand_over_language
    assert chooser.currentData() == "en"  # the facilitator's language unless chosen
    chooser.setCurrentIndex(chooser.findData("de"))
    main_window.hand_over(p.id)
    answering = main_window.answering
    assert i18n.current() == "de"  # the participant's screens in their language
    qtbot.keyClick(answering.focusWidget() or answering, Qt.Key_2)
    qtbot.keyClick(answering.focusWidget() or answering, Qt.Key_E)
    answering.writer.wait()
    answering.request_leave()
    qtbot.waitUntil(lambda: main_window.isVisible())
    assert i18n.current() == "en"  # the facilitator's again
    answers = store.answers_for_participant(p.id)
    assert answers and all(a.language == "de" for a in answers.values())
    assert store.answer_languages(w.id) == {"de": 1}


# -- the report says in which languages the room answered, never who -----------------------------


def pdf_words(path) -> str:
    import re

    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def _room(store, mini, spoken: dict[str, int], minimum: int = 3):
    """A workshop whose people answered every statement, ``spoken[code]`` of them in each
    language."""
    w = store.create_workshop("Day", mini, on="2026-05-04")
    if minimum != 3:
        store.set_privacy_threshold(w.id, minimum)
    n = 0
    for language, count in spoken.items():
        for _ in range(count):
            p = store.add_participant(w.id, f"Person {n}", ("it", "marketing")[n % 2])
            for item in mini.item_ids:
                store.save_answer(p.id, item, 2, 3, language=language)
            n += 1
    return w


def test_one_german_answerer_among_seven_english_is_not_counted_in_the_pdf(
        store, mini, mini_catalog, tmp_path):
    """With one person answering in German every German comment would be theirs: the PDF
    names the languages but no count (the total it prints would give a "fewer than 3" away)."""
    from assessment_app.reports import build_workshop_pdf

    w = _room(store, mini, {"de": 1, "en": 7})
    text = pdf_words(build_workshop_pdf(store, mini_catalog, w.id, tmp_path / "w.pdf"))
    assert "Answered in English and German; how many in each is not shown, to protect " \
           "privacy." in text
    assert "fewer than" not in text.split("Answered in")[1][:200]  # nor which one is small
    assert "German 1" not in text and "English 7" not in text


def test_a_german_report_names_the_languages_by_name_not_by_size(
        store, mini, mini_catalog, tmp_path):
    """Listed largest first, "Englisch und Deutsch" would still say which is the small one."""
    from assessment_app.reports import build_workshop_pdf

    w = _room(store, mini, {"de": 1, "en": 7})
    store.set_report_language(w.id, "de")
    text = pdf_words(build_workshop_pdf(store, mini_catalog, w.id, tmp_path / "w.pdf"))
    assert "Beantwortet auf Deutsch und Englisch; wie viele Personen in welcher Sprache " \
           "geantwortet haben, wird zum Schutz der Privatsphäre nicht gezeigt." in text
    assert "weniger als" not in text.split("Beantwortet auf")[1][:200]
    assert "Deutsch 1" not in text and "Englisch 7" not in text


def test_the_counts_follow_the_workshop_s_threshold(store, mini, mini_catalog, tmp_path):
    from assessment_app.reports import build_workshop_pdf

    shown = _room(store, mini, {"de": 4, "en": 4})
    assert "Answered in: English 4, German 4." in pdf_words(
        build_workshop_pdf(store, mini_catalog, shown.id, tmp_path / "shown.pdf"))
    strict = _room(store, mini, {"de": 4, "en": 5}, minimum=5)
    text = pdf_words(build_workshop_pdf(store, mini_catalog, strict.id, tmp_path / "strict.pdf"))
    assert "Answered in English and German; how many in each is not shown, to protect " \
           "privacy." in text
    assert "German 4" not in text


def test_two_people_answering_in_one_language_are_not_counted_either(
        store, mini, mini_catalog, tmp_path):
    """One language is held to the same rule: answers given before Tandem recorded their
    language are not counted in any, so "German 2" beside six such people would tie every
    German comment to two of them."""
    from assessment_app.reports import build_workshop_pdf

    w = _room(store, mini, {"de": 2, None: 6})
    text = pdf_words(build_workshop_pdf(store, mini_catalog, w.id, tmp_path / "w.pdf"))
    assert "Answered in German; how many is not shown, to protect privacy." in text
    assert "German 2" not in text
