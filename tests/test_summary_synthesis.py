"""The executive summary synthesises and tells an unusual workshop as it is: on the known-story
workshop it names the weakness both functions agree on and marketing's blind spot on
technology; a workshop where everyone answered "don't know" and one where IT did not take part
read the same story on the summary page, the cover, the handout and ``results --json``."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from assessment_app.analysis.report_model import load_report
from assessment_app.content.actions import FUNCTION_OWNER
from assessment_app.reports.handout_pdf import write_handout_pdf
from assessment_app.reports.results_report import results_report
from assessment_app.reports.workshop_pdf import write_workshop_pdf

from .known_story import known_story


def pages(path) -> list[str]:
    """The PDF's pages as text, each with its white space made single spaces."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDF's text")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


def _all_dont_know(store, q) -> str:
    w = store.create_workshop("Nobody can say", q, "Fog Ltd")
    for role, names in (("marketing", ("Ada", "Ben", "Cy")), ("it", ("Dee", "Eli", "Fay"))):
        for name in names:
            pid = store.add_participant(w.id, name, role).id
            for item in q.items:
                store.save_answer(pid, item.id, None, None)
    return w.id


def _marketing_only(store, q) -> str:
    w = store.create_workshop("Marketing alone", q, "Solo Ltd")
    for k, name in enumerate(("Ada", "Ben", "Cy", "Di")):
        pid = store.add_participant(w.id, name, "marketing").id
        for i, item in enumerate(q.items):
            store.save_answer(pid, item.id, 1 + (k + i) % 3, 4)
    return w.id


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """(store, catalog, {name: (report, workshop PDF pages, first participant's handout pages,
    results JSON)}) for the known story, everyone "don't know" and marketing alone."""
    from assessment_app.content.catalog import load_catalog
    from assessment_app.store.database import Store

    catalog = load_catalog()
    folder = tmp_path_factory.mktemp("synthesis")
    store = Store.open(folder / "rooms.sqlite")
    q = catalog.default()
    built = {"story": known_story(store, q), "unknown": _all_dont_know(store, q),
             "alone": _marketing_only(store, q)}
    try:
        found = {}
        for name, wid in built.items():
            report = load_report(store, catalog, wid)
            pdf = pages(write_workshop_pdf(report, folder / f"{name}.pdf"))
            handout = pages(write_handout_pdf(report, report.participants[0],
                                              folder / f"{name}-handout.pdf"))
            found[name] = (report, pdf, handout, results_report(store, catalog, wid))
        yield found
    finally:
        store.close()


def summary_page(pdf: list[str]) -> str:
    return next(p for p in pdf if "Executive summary" in p)


def test_the_known_story_summary_names_the_agreed_weakness_and_marketings_blind_spot(room):
    report, pdf, _, data = room["story"]
    page = summary_page(pdf)
    assert "Both functions rate people lowest" in page
    assert "Marketing cannot rate technology" in page
    assert "IT sees process as more mature than marketing does" in page
    # the count can be checked against the gap table: it counts gaps of the tie margin or more
    assert re.search(r"more mature than marketing does: higher by \d\.\d\d or more on", page)
    assert "Where you agree" in page and "you agree on a weakness, not a strength" in page
    # each function's people figure is the one the summary's chart prints beside it
    people = next(d for d in report.dimensions if d.id == "people")
    for role in ("marketing", "it"):
        assert f"{role if role == 'marketing' else 'IT'} " \
               f"{people.roles[role].mean_current:.2f}" in page
    # the screen, the JSON and the PDF say the same
    assert data["summary"]["findings"] == list(report.findings)
    assert all(" ".join(f.split()) in page for f in report.findings)


def test_a_tie_for_lowest_is_disclosed_not_silently_broken(room):
    """In the known story marketing rates process as low as people: the finding says so."""
    report, pdf, _, _ = room["story"]
    line = next(f for f in report.findings if f.startswith("Both functions rate"))
    marketing = {d.id: round(m, 2) for d in report.dimensions  # technology: withheld
                 if (m := d.roles["marketing"].mean_current) is not None}
    tied = [d for d, m in marketing.items() if d != "people"
            and round(abs(m - marketing["people"]) * 100) < report.scores.tie_margin * 100]
    assert tied
    for d in tied:
        assert f"marketing rates {d}" in line


def test_everyone_answering_dont_know_reads_as_such_everywhere(room):
    report, pdf, handout, data = room["unknown"]
    cover, page = pdf[0], summary_page(pdf)
    told = "no statement has a level"
    assert "every answer “don't know”" in cover
    assert told in page and "Everyone answered" in page
    assert "there are no results" not in page
    assert told in " ".join(handout[0].split())
    assert told in data["summary"]["situation"]
    # one plan, the same on page 2, the plan pages, the handout and the JSON's suggestion
    suggested = [a["title"] for a in data["actions"] if a["suggested"]]
    assert suggested and len(suggested) == len(report.printed)
    for printed in report.printed:
        line = f"{printed.number}. {printed.entry.action.title}"
        assert line[:40] in page
        assert any(line[:40] in p for p in pdf[2:])
    # a statement nobody could rate calls for making it visible; the plan's first actions do
    assert {s.reason for s in report.scores.items} == {"visibility"}
    assert report.printed[0].entry.action.fixes == "visibility"


def test_a_workshop_without_it_says_so_and_hands_it_no_action(room):
    report, pdf, handout, data = room["alone"]
    page = summary_page(pdf)
    assert "IT did not take part" in page
    assert "No real disagreement yet" not in page
    assert "IT: nobody took part." in pdf[0]
    assert "IT did not take part" in handout[0]
    assert "IT did not take part" in data["summary"]["situation"]
    assert not any("No real disagreement" in h for h in data["summary"]["headlines"])
    assert report.printed
    assert all(p.entry.owner != FUNCTION_OWNER["it"] for p in report.printed)
    waiting = [a for a in data["actions"] if a["owner"] == FUNCTION_OWNER["it"]]
    assert waiting and not any(a["suggested"] for a in waiting)
    assert all(re.search("IT did not take part and would lead it", " ".join(a["reasons"]))
               for a in waiting if a["priority"])


# -- one numbering, an honest cut-off, one theme-gap rule -----------------------------------

def test_a_tie_at_the_plans_cut_off_is_shown_not_silently_dropped(room):
    """Everyone "don't know": the statements tie, and so do actions at the plan's last place;
    each action left out within the tie margin of the lowest in the plan is named on the plan
    page and on page 2."""
    report, pdf, _, _ = room["unknown"]
    margin = report.scores.tie_margin
    inside = {p.id for p in report.printed}
    lowest = min(p.score.priority for p in report.printed if p.score)
    left = [a for a in report.scores.actions if a.action.id not in inside and a.priority
            and a.priority <= lowest and round((lowest - a.priority) * 100) < margin * 100]
    assert left, "the all-don't-know workshop ties at its cut-off"
    plan_page = next(p for p in pdf if "Tandem suggested these actions" in p)
    for page in (plan_page, summary_page(pdf)):
        assert "cut-off falls inside a tie" in page
        for action in left[:3]:
            assert action.action.title[:30] in page


def test_the_plan_has_one_numbering_everywhere(room):
    for name in ("story", "alone"):
        report, pdf, _, data = room[name]
        text = " ".join(pdf)
        assert not re.search(r"\d+(st|nd|rd|th) by priority", text)
        assert "in the ranking." not in text  # the method page's example uses plan numbers
        numbers = {p.id: p.number for p in report.printed}
        assert {a["id"]: a["number"] for a in data["actions"] if a["number"]} == numbers
        appendix = text[text.index("Appendix: how each action was ranked"):]
        by_number = {p.number: p for p in report.printed}
        for number, after in re.findall(r"(\d+)\. [^·]{3,80}· priority [\d.]+, ranked after "
                                        r"actions? ([\d, and]+)", appendix):
            mine = by_number[int(number)].score
            for other in re.findall(r"\d+", after):
                assert by_number[int(other)].score.priority > mine.priority


MEAN = r"(?:fewer than(?: \d)?|\S+)"  # a mean, or withheld ("fewer than 3", wrapped)
GAP_ROW = re.compile(rf"^ *(?P<theme>\S.*?)\s{{2,}}(?P<m>{MEAN})\s+(?P<i>{MEAN})\s+(?P<gap>\S+)\s+"
                     r"[+-]?\d+\.\d\d\s+\d+%", re.M)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def test_a_theme_gap_is_the_difference_of_its_printed_means_or_carries_the_explained_mark(
        room, tmp_path):
    """Paper: every theme row's gap is the difference of the two means printed beside it, or
    '–†' with the note that explains it; the radar comparing the functions marks the same
    themes and explains the mark under the chart."""
    from assessment_app.analysis.gap_rows import SELF_RATED_NOTE
    from assessment_app.analysis.radar_series import RADAR_NOTE

    report, _, _, data = room["story"]
    raw = subprocess.run(["pdftotext", "-layout", str(write_workshop_pdf(
        report, tmp_path / "story.pdf")), "-"], capture_output=True, text=True).stdout
    table = raw[raw.index("Gaps by theme"):raw.index("Gaps by statement")]
    rows = list(GAP_ROW.finditer(table))
    assert len(rows) == len(report.scores.themes)
    marked = {t.title for t in report.scores.themes if t.self_rated}
    assert marked
    for row in rows:
        m, i, gap = _number(row["m"]), _number(row["i"]), row["gap"]
        if gap.endswith("†"):
            assert row["theme"].split(" (")[0] in marked  # a long title wraps its dimension
        elif m is not None and i is not None:
            assert float(gap) == pytest.approx(m - i, abs=1e-9), row["theme"]
        else:
            assert _number(gap) is None
    flat = " ".join(raw.split())
    assert " ".join(SELF_RATED_NOTE.split()) in flat
    assert " ".join(RADAR_NOTE.split()) in flat
    radar = report.radars
    assert radar is not None
    assert {a.title[:-2] for a in radar.compare_axes if a.title.endswith(" †")} == marked
    themes = {t["id"]: t for t in data["themes"]}
    for t in report.scores.themes:
        assert themes[t.id]["self_rated"] == t.self_rated
        assert (themes[t.id]["shown_gap"] is None) == (t.self_rated or t.shown_gap is None)


def test_the_screen_prints_theme_gaps_by_the_same_rule_and_explains_the_mark(
        main_window, store, catalog):
    from assessment_app.analysis.gap_rows import SELF_RATED_NOTE
    from assessment_app.analysis.radar_series import RADAR_NOTE

    wid = known_story(store, catalog.default())
    main_window.show_results(wid)
    results = main_window.results
    results.show_themes.setChecked(True)
    model = results.model
    marked = 0
    for row in range(model.rowCount()):
        m, i, gap = (model.index(row, c).data() for c in (3, 4, 5))
        if model.row(row).self_rated:
            assert gap == "–†"
            marked += 1
        elif _number(m) is not None and _number(i) is not None:
            assert float(gap) == pytest.approx(float(m) - float(i), abs=1e-9)
    assert marked
    assert results.table_note.text().startswith(SELF_RATED_NOTE)
    assert not results.table_note.isHidden()
    results.show_items.setChecked(True)  # no † on statements: the withheld marker's note only
    assert SELF_RATED_NOTE not in results.table_note.text()
    results.tabs.setCurrentIndex(0)
    results.chart_choice.setCurrentIndex(0)  # marketing and IT, today
    results.draw_chart()
    labels = [label.toPlainText() for label in results.chart.label_items]
    assert sum(1 for label in labels if label.endswith("†")) == marked
    assert RADAR_NOTE in results.chart_note.text()


def test_a_plan_that_leaves_the_summarys_blind_spot_unanswered_names_the_action_that_would(
        room, tmp_path):
    """The room drops every action answering the blind spot the summary headlines: the plan
    page names the best-ranked action that answers it, instead of dropping it silently."""
    from dataclasses import replace

    from assessment_app.analysis.report_model import for_print
    from assessment_app.analysis.summary import blind_spots

    report = room["story"][0]
    spots = {s.item.id for s in blind_spots(report)}
    assert report.headlines and spots
    assert not any("the summary’s largest blind spot" in n for n in report.cut_off)
    edited = for_print(replace(report, plan=tuple(
        replace(e, included=False) if spots & set(e.action.items) else e for e in report.plan)))
    best = next(a for a in edited.scores.actions if spots & set(a.item_ids))
    plan_page = next(p for p in pages(write_workshop_pdf(edited, tmp_path / "edited.pdf"))
                     if "Tandem suggested these actions" in p)
    assert "No action in the plan answers the summary’s largest blind spot" in plan_page
    assert best.action.title in plan_page


def test_the_method_example_discloses_a_tie_for_the_most_pressing_statement(room):
    report = room["unknown"][0]
    top = report.scores.ranked_items[0]
    tied = sum(1 for s in report.scores.items if s.shared_rank == top.shared_rank)
    assert tied > 1
    assert f"one of {tied} statements tied at the top" in " ".join(report.method_example)
