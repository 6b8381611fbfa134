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


@pytest.fixture
def consensus_and_follow_up(store, installed_catalog, rehearsal):
    """The rehearsal's consensus round (two decisions, the room's dots) and its follow-up
    workshop half a year later, answered again: the pages and sheets that print the room's
    decisions, and the progress since."""
    q = installed_catalog.default()
    store.open_round(rehearsal.id, [q.items[0].id, q.items[1].id])
    store.decide(rehearsal.id, q.items[0].id, 2, 4, "dissent", "Die IT sieht das anders.")
    store.decide(rehearsal.id, q.items[1].id, 3, 4, "agreed")
    voted = load_plan(store, rehearsal.id, installed_catalog.actions)[1].id
    for person in store.participants(rehearsal.id)[:4]:
        store.vote(person.id, voted, 2, {a.id for a in installed_catalog.actions})
    follow_up = store.create_follow_up(rehearsal.id, q, on="2027-06-01")
    for n, person in enumerate(store.participants(follow_up.id)):
        for k, item in enumerate(q.items):
            store.save_answer(person.id, item.id, 1 + (k + n + 1) % 5, 5, "", language="de")
    return follow_up


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
        store, rehearsal.id, installed_catalog, tmp_path / "plan.xlsx"))
    runs = english_runs()
    assert len(runs) > 200  # the catalogue was read
    english = {name: sorted(run for run in runs if run in text) for name, text in texts.items()}
    assert {name: found for name, found in english.items() if found} == {}
    assert "Beantwortet auf: Deutsch 4, Englisch 4." in texts["workshop PDF"]
    assert "Zusammenfassung" in texts["workshop PDF"]


def english_content(catalog) -> dict[str, str]:
    """Every statement (each function's wording), level, theme name and action title of the
    installed questionnaire and action library that German words otherwise: what an output
    showing the English original would carry."""
    english, german = catalog.default(), catalog.in_language(catalog.default(), "de")
    pairs = []
    for item in english.items:
        shown = german.item(item.id)
        pairs += [(f"{item.id} ({role})", item.text_for(role), shown.text_for(role))
                  for role in ("marketing", "it")]
        pairs += [(f"{item.id} level {n}", level, shown.levels[n - 1])
                  for n, level in enumerate(item.levels, start=1)]
    pairs += [(f"theme {t.id}", t.title, german.theme(t.id).title) for t in english.themes]
    titles = {a.id: a.title for a in catalog.actions_in("de")}
    pairs += [(f"action {a.id}", a.title, titles[a.id]) for a in catalog.actions]
    return {where: flat(text).strip() for where, text, translated in pairs
            if flat(text).strip() != flat(translated).strip()}


def test_the_german_outputs_show_the_questionnaire_and_legends_in_german(
        store, installed_catalog, rehearsal, consensus_and_follow_up, tmp_path):
    follow_up = consensus_and_follow_up
    texts = {}
    for workshop in (rehearsal, follow_up):
        texts[f"{workshop.name} PDF"] = pdf_text(build_workshop_pdf(
            store, installed_catalog, workshop.id, tmp_path / f"{workshop.id}.pdf"))
        texts[f"{workshop.name} workbook"] = workbook_text(write_plan_workbook(
            store, workshop.id, installed_catalog, tmp_path / f"{workshop.id}.xlsx"))
    for path in export_all_handouts(store, installed_catalog, rehearsal.id, tmp_path):
        texts[path.name] = pdf_text(path)
    english = english_content(installed_catalog)
    assert len(english) > 300  # statements, levels, themes and actions were read
    found = {name: sorted(where for where, words in english.items() if words in text)
             for name, text in texts.items()}
    assert {name: where for name, where in found.items() if where} == {}
    pdf = texts[f"{rehearsal.name} PDF"]
    with i18n.speaking("de"):
        legend = [i18n.tr("Today"), i18n.tr("Target (12–18 months)"),
                  i18n.tr("{function}, today", function=i18n.tr("Marketing"))]
    assert all(words in pdf for words in legend)
    assert "Target (12–18 months)" not in pdf and "Marketing, today" not in pdf
    dimensions = {name: [text[max(0, m.start() - 60):m.end() + 20] for m in
                         re.finditer(r"\b(?:People|Process|Technology)\b", text)]
                  for name, text in texts.items()}  # the dimensions' English names
    assert {name: found for name, found in dimensions.items() if found} == {}
    german = installed_catalog.in_language(installed_catalog.default(), "de")
    follow_up_pdf = texts[f"{follow_up.name} PDF"]
    assert sum(flat(t.title) in follow_up_pdf for t in german.themes) > 10
