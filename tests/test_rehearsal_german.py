"""The German rehearsal (issue 29): a workshop whose executives answer half in German and half
in English, reported in German, on a laptop that speaks English. Its workshop PDF, the handouts
and the plan workbook carry no English sentence of the interface: every sentence of the
catalogue's areas below, as English writes it, is looked for in their text; and the PDF says
in which language the room answered."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from assessment_app import i18n
from assessment_app.analysis.plan import edited, load_plan, mark_agreed, save_plan
from assessment_app.exchange.plan_workbook import write_plan_workbook
from assessment_app.reports import build_workshop_pdf, export_all_handouts

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import catalogue  # noqa: E402

AREAS = ("reports", "exchange", "core")
MIN_WORDS = 4  # shorter runs ("the owner", "not set") are words German may share
GERMAN = [("Anja Vogel", "marketing"), ("Jörg Bäumer", "marketing"), ("Petra Lindner", "it"),
          ("Ömer Yılmaz", "it")]
ENGLISH = [("Grace Miller", "marketing"), ("Tom Baker", "marketing"), ("Ruth Adler", "it"),
           ("Sam Osei", "it")]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


def workbook_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return flat(" ".join(str(cell) for sheet in book.worksheets
                         for row in sheet.iter_rows(values_only=True) for cell in row if cell))


def english_runs() -> set[str]:
    """Every run of at least ``MIN_WORDS`` words of an English sentence of the catalogue,
    between its placeholders and markup: what an untranslated sentence would leave in the
    text whatever was filled in."""
    runs: set[str] = set()
    for area in AREAS:
        for message in catalogue.extract()[area].values():
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            for text in ids:
                for run in re.split(r"\{[^{}]*\}|<[^<>]*>|\n", text):
                    run = flat(run).strip(" .,;:()“”'\"·–-")
                    if len(run.split()) >= MIN_WORDS:
                        runs.add(run)
    return runs


@pytest.fixture
def rehearsal(store, installed_catalog):
    """Eight executives, four answering in German and four in English, every statement
    answered, a few comments, and an agreed plan with an owner, a due date and a status."""
    q = installed_catalog.default()
    workshop = store.create_workshop("Probelauf Abstimmung", q, organization="Nordwind AG",
                                     on="2026-12-05")
    store.set_report_language(workshop.id, "de")
    for group, language in ((GERMAN, "de"), (ENGLISH, "en")):
        for n, (name, role) in enumerate(group):
            person = store.add_participant(workshop.id, name, role, title="Bereichsleitung")
            for k, item in enumerate(q.items):
                current = 1 + (k + n + (role == "it")) % 4
                comment = "Hier fehlt uns noch der Überblick." if k == n else ""
                store.save_answer(person.id, item.id, current, min(5, current + 1), comment,
                                  language=language)
    plan = load_plan(store, workshop.id, installed_catalog.actions)
    plan[0] = edited(plan[0], due="2027-03-31", status="in progress")
    save_plan(store, workshop.id, plan)
    mark_agreed(store, workshop.id, load_plan(store, workshop.id, installed_catalog.actions))
    return workshop


def test_the_german_rehearsal_speaks_german_throughout(store, installed_catalog, rehearsal,
                                                        tmp_path):
    assert i18n.current() == "en"  # the laptop speaks English; the report is German
    texts = {"workshop PDF": pdf_text(build_workshop_pdf(store, installed_catalog, rehearsal.id,
                                                         tmp_path / "plan.pdf"))}
    handouts = export_all_handouts(store, installed_catalog, rehearsal.id, tmp_path)
    assert len(handouts) == 8 and not handouts.failed
    for path in handouts:
        texts[path.name] = pdf_text(path)
    texts["workbook"] = workbook_text(write_plan_workbook(
        store, rehearsal.id, installed_catalog.actions, tmp_path / "plan.xlsx"))
    runs = english_runs()
    assert len(runs) > 200  # the catalogue was read
    english = {name: sorted(run for run in runs if run in text) for name, text in texts.items()}
    assert {name: found for name, found in english.items() if found} == {}
    assert "Beantwortet auf: Deutsch 4, Englisch 4." in texts["workshop PDF"]
    assert "Zusammenfassung" in texts["workshop PDF"]
