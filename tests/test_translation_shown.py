"""Where the statements are shown, they are in the reader's language: the answering screen and
the phone page in the participant's, the PDFs in the report's; what is stored stays the
English original."""

from __future__ import annotations

import re
import subprocess

from assessment_app.analysis.answering import AnsweringSession
from assessment_app.analysis.report_model import load_report
from assessment_app.exchange.demo import create_demo_workshop
from assessment_app.i18n import speaking
from assessment_app.reports import build_workshop_pdf
from assessment_app.web.database_side import DatabaseSide
from assessment_app.web.page_language import Asked
from assessment_app.web.rate_limit import RateLimit


def test_the_answering_session_shows_the_statements_in_the_participants_language(
        store, catalog):
    core = catalog.get("core")
    german = catalog.in_language(core, "de")
    workshop = store.create_workshop("W", core)
    ann = store.add_participant(workshop.id, "Ann", "marketing", "CMO")
    with speaking("de"):
        session = AnsweringSession.start(store, ann.id, catalog.in_language)
    item = session.item
    assert session.text() == german.item(item.id).text_for("marketing")
    assert item.levels == german.item(item.id).levels
    session.choose_current(3)
    session.show_in("en")
    assert session.text() == core.item(item.id).text_for("marketing")
    assert session.answer is not None and session.answer.current == 3
    assert store.questionnaire_for(workshop.id).content() == core.content()
    assert store.workshop(workshop.id).questionnaire_hash == core.content_hash


def test_the_phone_page_receives_the_statements_in_the_requests_language(store, catalog):
    core = catalog.get("core")
    workshop = store.create_workshop("W", core)
    ivan = store.add_participant(workshop.id, "Ivan", "it", "CIO")
    side = DatabaseSide(store.path, workshop.id, catalog, RateLimit())
    side.open()
    try:
        token = side.issue(ivan.id, replace=False)
        german = side.state(token, Asked(page="de"))
        english = side.state(token, Asked(page="en"))
    finally:
        side.close()
    assert german is not None and english is not None
    shown = "".join(s["text"] for s in german["items"][0]["statement"])
    first = core.items[0]
    assert shown == catalog.in_language(core, "de").item(first.id).text_for("it")
    assert "".join(s["text"] for s in english["items"][0]["statement"]) == first.text_for("it")
    assert [lv["text"] for lv in german["items"][0]["levels"]] == list(
        catalog.in_language(core, "de").item(first.id).levels)


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return re.sub(r"\s+", " ", out)


def test_the_workshop_pdf_prints_statements_glossary_and_plan_in_the_report_language(
        store, catalog, tmp_path):
    core = catalog.get("core")
    german = catalog.in_language(core, "de")
    workshop = create_demo_workshop(store, core)
    store.set_report_language(workshop.id, "de")
    with speaking("de"):
        report = load_report(store, catalog, workshop.id)
    text = pdf_text(build_workshop_pdf(store, catalog, workshop.id, tmp_path / "w.pdf"))
    assert report.questionnaire.item("trust-1") == german.item("trust-1")
    assert {t.term for t in report.glossary} == {t.term for t in catalog.glossary_in("de")}
    titles = {a.id: a.title for a in catalog.actions_in("de")}
    assert report.plan and all(e.action.title == titles[e.id] for e in report.plan)
    for item in german.items:
        assert " ".join(item.text_for("marketing").split()) in text, item.id
        assert " ".join(item.levels[4].split()) in text, item.id
    assert store.questionnaire(workshop.questionnaire_hash).content() == core.content()


def test_a_workshop_ranks_its_actions_alike_in_every_language(store, catalog):
    """Ties in the ranking are broken by the library's own title, not the shown one: a German
    PDF suggests the plan an English screen suggests."""
    from assessment_app.analysis.workshop import load_scored_workshop

    workshop = create_demo_workshop(store, catalog.get("core"))
    ranked = {code: [s.action.id for s in load_scored_workshop(
        store, workshop.id, catalog.actions_in(code)).scores.actions] for code in ("en", "de")}
    assert ranked["de"] == ranked["en"]
    assert [s.action.id for s in load_scored_workshop(
        store, workshop.id, catalog.actions).scores.actions] == ranked["en"]
