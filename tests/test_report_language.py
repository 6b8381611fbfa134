"""The report language: each workshop's PDFs and plan workbook are written in the language the
facilitator chose for it (the language Tandem spoke when the workshop was made, unless changed),
whatever language the window or the export worker runs in; a command may override it."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from assessment_app import i18n
from assessment_app.exchange.demo import create_demo_workshop
from assessment_app.reports import build_handout_pdf, build_workshop_pdf
from assessment_app.reports.jobs import run_in_worker, workshop_pdf


def text_of(path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


@pytest.fixture
def german(store, catalog):
    workshop = create_demo_workshop(store, catalog.default())
    store.set_report_language(workshop.id, "de")
    return workshop


def test_a_new_workshop_takes_the_language_tandem_speaks(store, mini):
    assert store.create_workshop("English", mini).report_language == "en"
    i18n.use("de")
    try:
        assert store.create_workshop("Deutsch", mini).report_language == "de"
    finally:
        i18n.use("en")


def test_only_a_language_tandem_speaks_can_be_chosen(store, mini):
    workshop = store.create_workshop("W", mini)
    with pytest.raises(ValueError):
        store.set_report_language(workshop.id, "fr")
    store.set_report_language(workshop.id, "de")
    assert store.workshop(workshop.id).report_language == "de"


def test_a_german_workshop_pdf_has_german_headings(store, catalog, german, tmp_path):
    text = text_of(build_workshop_pdf(store, catalog, german.id, tmp_path / "de.pdf"))
    assert "Wie die Zahlen berechnet werden" in text and "Anhang: Formeln" in text
    assert "How the numbers are computed" not in text
    assert i18n.current() == "en"  # the PDF's language did not leak into the process


def test_a_command_may_override_the_report_language(store, catalog, german, tmp_path):
    text = text_of(build_workshop_pdf(store, catalog, german.id, tmp_path / "en.pdf",
                                      language="en"))
    assert "How the numbers are computed" in text and "Anhang: Formeln" not in text


def test_the_export_worker_writes_the_workshop_s_language(store, catalog, german, tmp_path):
    """A spawned worker starts in English: it must still write the workshop's German."""
    [out] = run_in_worker(workshop_pdf, str(store.path), catalog, german.id,
                          str(tmp_path / "w.pdf"), "a4")
    assert "Wie die Zahlen berechnet werden" in text_of(out)


def test_a_follow_up_keeps_its_baseline_s_language(store, catalog, german):
    follow_up = store.create_follow_up(german.id, catalog.default())
    assert follow_up.report_language == "de"


def test_a_handout_follows_the_report_language(store, catalog, german, tmp_path):
    person = store.participants(german.id)[0]
    i18n.use("de")  # the window in German; the workshop's report is English
    try:
        store.set_report_language(german.id, "en")
        out = build_handout_pdf(store, catalog, german.id, person.id, tmp_path / "h.pdf")
    finally:
        i18n.use("en")
    assert "Personal handout" in text_of(out)


def test_the_german_method_page_is_in_german(store, catalog, german, tmp_path):
    text = text_of(build_workshop_pdf(store, catalog, german.id, tmp_path / "m.pdf"))
    assert "Was „weiß nicht“ bedeutet" in text and "What \"don't know\" means" not in text
    assert "Für jede Aussage (Item) und jede Funktion" in text  # the formulas appendix too


@pytest.mark.parametrize(("written_in", "read_in"), [("de", "en"), ("en", "de")])
def test_a_plan_workbook_reads_back_whatever_language_wrote_it(store, catalog, german, tmp_path,
                                                               written_in, read_in):
    """A German workbook imported on an English laptop (and the other way round): the edits
    typed in the workbook's own words (a status, a horizon, Yes/No) are read."""
    import openpyxl

    from assessment_app.analysis.plan import load_plan
    from assessment_app.exchange.plan_workbook import import_plan_workbook, write_plan_workbook

    out = write_plan_workbook(store, german.id, catalog, tmp_path / "plan.xlsx",
                              language=written_in)
    book = openpyxl.load_workbook(out)
    sheet = book["Plan"]
    header = next(row for row in range(1, 20) if sheet[f"A{row}"].value == "№")
    assert (sheet[f"B{header}"].value == "Maßnahme") == (written_in == "de")
    choices = book["Listen" if written_in == "de" else "Lists"]
    with i18n.speaking(written_in):
        from assessment_app.exchange.plan_sheet import status_choices
        in_progress = next(label for label, code in status_choices().items()
                           if code == "in progress")
    assert in_progress in [c.value for c in choices["D"]]  # the status list, as written
    sheet[f"H{header + 1}"].value = in_progress
    book.save(out)
    i18n.use(read_in)
    try:
        result = import_plan_workbook(store, german.id, catalog.actions, out)
    finally:
        i18n.use("en")
    assert result.written
    first = load_plan(store, german.id, catalog.actions)[0]
    assert first.status == "in progress"
