"""The privacy threshold everywhere: no figure that rests on fewer than the workshop's threshold
of people (3 unless raised) is shown on screen, in either PDF, in the plan workbook or in
``tandem results --json``, nor any figure it could be worked out from by subtraction; withheld
figures read "fewer than 3" (JSON: null with "withheld"), and the ranking says what it used.

The strongest check is that a withheld person's answers change nothing printed: if every output
is the same whatever they answered, no arithmetic on the outputs can recover it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from assessment_app.analysis.report_model import load_report
from assessment_app.reports.handout_pdf import write_handout_pdf
from assessment_app.reports.results_report import results_report
from assessment_app.reports.workshop_pdf import write_workshop_pdf
from assessment_app.store.database import Store

from .known_story import MARKETING, known_story

WITHHELD = "fewer than 3"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def core():
    from assessment_app.content.catalog import load_catalog

    return load_catalog()


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDFs' text")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())


def workbook_text(store, catalog, workshop_id, path) -> str:
    from openpyxl import load_workbook

    from assessment_app.exchange.plan_workbook import write_plan_workbook

    write_plan_workbook(store, workshop_id, catalog, path)
    book = load_workbook(path)
    text = " ".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows()
                    for c in row if c.value is not None)
    return UUID.sub("<id>", text)  # the workshop's and rows' ids differ from store to store


def outputs(store, catalog, workshop_id, folder, skip=()) -> dict[str, str]:
    """Every output's text: the workshop PDF, each handout but those of ``skip`` (names), the
    results JSON (without the workshop's id) and the plan workbook."""
    folder.mkdir(exist_ok=True)
    report = load_report(store, catalog, workshop_id)
    found = {"workshop PDF": pdf_text(write_workshop_pdf(report, folder / "w.pdf"))}
    for n, person in enumerate(report.participants):
        if person.name not in skip:
            found[f"handout of {person.name}"] = pdf_text(
                write_handout_pdf(report, person, folder / f"h{n}.pdf"))
    results = results_report(store, catalog, workshop_id)
    del results["workshop"]["id"]
    found["results JSON"] = json.dumps(results, sort_keys=True, ensure_ascii=False)
    found["workbook"] = workbook_text(store, catalog, workshop_id, folder / "plan.xlsx")
    return found


def story_store(path, catalog, lone_level: int):
    """The known-story workshop, its one marketer who rates technology at ``lone_level``."""
    store = Store.open(path)
    q = catalog.default()
    workshop_id = known_story(store, q)
    lone = next(p for p in store.participants(workshop_id) if p.name == MARKETING[3])
    for item in q.items:
        if item.dimension == "technology":
            store.save_answer(lone.id, item.id, lone_level, 5)
    return store, workshop_id


def two_it_store(path, catalog, second_level: int):
    """Four marketers and two IT people (fewer than 3) on the core questionnaire; the second
    IT person answers ``second_level`` everywhere, with a comment on the first statement."""
    store = Store.open(path)
    q = catalog.default()
    w = store.create_workshop("Two in IT", q, "Small IT Ltd", on="2026-11-20")
    for n in range(4):
        p = store.add_participant(w.id, f"Marketer {n}", "marketing")
        for k, item in enumerate(q.items):
            level = 1 + (n + k) % 3
            store.save_answer(p.id, item.id, *((None, None) if (n + k) % 7 == 0
                                               else (level, level + 1)),
                              "Marketing comment" if k == 0 and n == 0 else "")
    for name, level in (("Ida Tech", 5), ("Ivo Tech", second_level)):
        p = store.add_participant(w.id, name, "it")
        for k, item in enumerate(q.items):
            store.save_answer(p.id, item.id, level, 5, "IT says so" if k == 0 else "")
    return store, w.id


@pytest.mark.parametrize("build, levels, changed", [
    (story_store, (3, 5), MARKETING[3]),
    (two_it_store, (4, 2), "Ivo Tech"),
], ids=["known story: one marketer rates technology", "two IT people"])
def test_a_withheld_answer_changes_nothing_printed(core, tmp_path, build, levels, changed):
    """The one marketer who rates technology (3 of 4 said don't know), or one of two IT people,
    answers differently: every PDF, the JSON and the workbook stay word for word the same (their
    own handout aside), so nothing shows their answers, not even by subtraction."""
    seen = []
    for level in levels:
        store, workshop_id = build(tmp_path / f"{level}.sqlite", core, level)
        try:
            seen.append(outputs(store, core, workshop_id, tmp_path / str(level), {changed}))
        finally:
            store.close()
    first, second = seen
    for name in first:
        assert first[name] == second[name], name
    assert WITHHELD in first["workshop PDF"]
    assert '"withheld": "fewer than 3 respondents"' in first["results JSON"]


def test_the_known_story_prints_fewer_than_3_for_marketing_on_technology(core, tmp_path):
    """The issue's case: the gap table printed the lone marketer's levels with a coloured gap,
    the summary's technology bar a marketing mean, the research page '100% of 1', a colleague's
    handout 'Others in marketing 3.00', and a one-person gap ranked a statement 2nd."""
    store, workshop_id = story_store(tmp_path / "s.sqlite", core, 3)
    try:
        report = load_report(store, core, workshop_id)
        technology = [s for s in report.scores.items if s.item.dimension == "technology"]
        for s in technology:
            marketing = s.roles["marketing"]
            assert marketing.withheld and marketing.mean_current is None
            assert s.perception_gap is None and s.reason != "reconcile"
        text = pdf_text(write_workshop_pdf(report, tmp_path / "w.pdf"))
        for s in technology:
            row = text[text.index(f"{s.item.id} · "):][:200]
            assert row.split(" · ", 1)[1].count(WITHHELD) >= 1, row
        summary = text[text.index("Executive summary"):text.index("Executive summary") + 3000]
        assert "Marketing: fewer than 3 gave a level" in summary
        assert not re.search(r"\b\d+% of [12]\b", text)  # the research page: '100% of 1'
        assert "Where fewer than 3 people in a function gave a level" in text
        reader = next(p for p in report.participants if p.name == MARKETING[0])
        handout = pdf_text(write_handout_pdf(report, reader, tmp_path / "h.pdf"))
        statement = technology[0].item.text_for("marketing")
        after = handout[handout.index(statement[:40], handout.index("All your answers")):]
        assert after[len(statement):len(statement) + 80].count(WITHHELD) >= 1, after[:200]
        results = results_report(store, core, workshop_id)
        for item in results["items"]:
            if item["dimension"] == "technology":
                m = item["roles"]["marketing"]
                assert m["mean_current"] is None and m["share_at_least_4"] is None
                assert m["withheld"] == "fewer than 3 respondents"
                assert item["perception_gap"] is None
        assert results["privacy"]["threshold"] == 3 and results["privacy"]["ranking"]
    finally:
        store.close()


def test_comments_of_a_function_under_the_threshold_carry_no_function(core, tmp_path):
    store, workshop_id = two_it_store(tmp_path / "t.sqlite", core, 4)
    try:
        report = load_report(store, core, workshop_id)
        assert report.voice is not None and not report.voice.labelled
        text = pdf_text(write_workshop_pdf(report, tmp_path / "w.pdf"))
        voice = text[text.index("The voice of the room"):]
        assert "A participant: IT says so" in voice and "IT: IT says so" not in voice
    finally:
        store.close()


def test_all_respondents_are_never_shown_beside_one_shown_function(core, tmp_path):
    """Subtraction: with IT's four shown and one marketer withheld, an 'all respondents' figure
    would give the marketer's level away; the ranking then rests on IT's figures alone. With two
    in each function neither is shown, and all four together rank the statement."""
    store, workshop_id = story_store(tmp_path / "s.sqlite", core, 3)
    try:
        items = {i["id"]: i for i in results_report(store, core, workshop_id)["items"]}
        technology = [i for i in items.values() if i["dimension"] == "technology"]
        for item in technology:
            together = item["all_respondents"]
            assert together is None or together["mean_current"] is None
            it = item["roles"]["it"]
            assert item["ambition_gap"] == it["ambition_gap"]  # IT's alone
    finally:
        store.close()
    store = Store.open(tmp_path / "pairs.sqlite")
    try:
        q = core.default()
        w = store.create_workshop("Pairs", q)
        for name, role, level in (("M1", "marketing", 1), ("M2", "marketing", 2),
                                  ("I1", "it", 3), ("I2", "it", 4)):
            p = store.add_participant(w.id, name, role)
            for item in q.items:
                store.save_answer(p.id, item.id, level, 5)
        result = results_report(store, core, w.id)
        first = result["items"][0]
        assert first["roles"]["marketing"]["mean_current"] is None
        assert first["roles"]["it"]["mean_current"] is None
        assert first["all_respondents"]["mean_current"] == 2.5  # four people together
        assert first["priority"] is not None and first["perception_gap"] is None
        assert result["privacy"]["ranking"].startswith("Where fewer than 3 people")
        ambition = result["summary"]["headlines"][1]  # the room's climb, said of all four
        assert ": all respondents together from 2.50 today to 5.00, in 12 to 18" in ambition
    finally:
        store.close()


def test_a_threshold_raised_to_4_hides_a_function_of_3(core, tmp_path):
    store = Store.open(tmp_path / "four.sqlite")
    try:
        q = core.default()
        w = store.create_workshop("Stricter", q)
        for name, role in (("M1", "marketing"), ("M2", "marketing"), ("M3", "marketing"),
                           ("I1", "it"), ("I2", "it"), ("I3", "it"), ("I4", "it")):
            p = store.add_participant(w.id, name, role)
            for item in q.items:
                store.save_answer(p.id, item.id, 2 if role == "marketing" else 4, 5)
        before = results_report(store, core, w.id)["items"][0]["roles"]["marketing"]
        assert before["mean_current"] == 2.0 and "withheld" not in before
        with pytest.raises(ValueError):
            store.set_privacy_threshold(w.id, 2)
        store.set_privacy_threshold(w.id, 4)
        result = results_report(store, core, w.id)
        marketing = result["items"][0]["roles"]["marketing"]
        assert marketing["mean_current"] is None
        assert marketing["withheld"] == "fewer than 4 respondents"
        assert result["items"][0]["roles"]["it"]["mean_current"] == 4.0
        assert result["privacy"]["threshold"] == 4
        text = pdf_text(write_workshop_pdf(load_report(store, core, w.id), tmp_path / "w.pdf"))
        first = q.items[0].id
        assert "fewer than 4" in text[text.index(f"{first} · "):][:200]
    finally:
        store.close()
