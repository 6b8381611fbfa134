"""The workshop PDF as a deliverable a board reads: it calls the plan what it is, discloses who
answered how much, numbers the plan in the order printed, never names who wrote a comment, and
its printed numbers add up. Text is read back with pypdf, as a reader gets it."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from assessment_app.analysis.plan import load_plan, mark_agreed
from assessment_app.analysis.plan_story import why
from assessment_app.analysis.report_model import for_print, load_report
from assessment_app.analysis.workshop import load_scored_workshop
from assessment_app.content.actions import HORIZONS
from assessment_app.exchange.demo import create_demo_workshop
from assessment_app.reports import build_workshop_pdf
from assessment_app.reports.workshop_pdf import write_workshop_pdf

PLANTED = "Zebedee Quillfeather"
PLANTED_COMMENT = "Nobody told us the roadmap had moved to the spring again"
# Phrases that would call the plan agreed ("not yet agreed with the room" is removed first)
AGREED_CLAIMS = re.compile(r"agreed plan|plan (?:is |was |the room )?agreed|room agreed|"
                           r"order agreed|agreed actions|marked (?:it |the plan |this plan )?"
                           r"agreed|agreed with the room|agreed on", re.I)


@pytest.fixture
def demo(store, catalog):
    return create_demo_workshop(store, catalog.default())


def text_of(path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_an_untouched_plan_is_suggested_and_an_agreed_one_says_so(store, catalog, demo,
                                                                  tmp_path):
    text = text_of(build_workshop_pdf(store, catalog, demo.id, tmp_path / "a.pdf"))
    assert "Suggested plan (not yet agreed with the room)" in text
    assert "Agreed" not in text  # the capitalised word only ever titles an agreed plan
    claims = AGREED_CLAIMS.findall(text.replace("not yet agreed with the room", ""))
    assert not claims, claims
    mark_agreed(store, demo.id, load_plan(store, demo.id, catalog.actions))
    text = text_of(build_workshop_pdf(store, catalog, demo.id, tmp_path / "b.pdf"))
    assert "Agreed plan" in text and "not yet agreed" not in text
    assert "Suggested plan" not in text


def test_the_summary_discloses_respondents_and_partial_completion(store, catalog, demo,
                                                                  tmp_path):
    scored = load_scored_workshop(store, demo.id, catalog.actions)
    total = len(scored.questionnaire.items)
    partial = [(p, n) for p in scored.participants
               if 0 < (n := scored.progress.of(p.id).done) < total]
    assert partial, "the demo has someone who stopped part way"
    text = text_of(build_workshop_pdf(store, catalog, demo.id, tmp_path / "a.pdf"))
    summary = section(text, "Executive summary", "Maturity by theme")
    for role, label in (("marketing", "Marketing"), ("it", "IT")):
        people = [p for p in scored.participants if p.role == role]
        done = sum(1 for p in people if scored.has_finished(p))
        line = f"{label}: {len(people)} people, "
        assert line in summary
        if done < len(people):
            assert f"{line}{done} answered every statement" in summary
    for _, count in partial:
        assert f"1 answered {count} of {total}" in summary
    cover = text[:text.index("Executive summary")]
    assert f"1 answered {partial[0][1]} of {total}" in cover  # never "5 from IT" alone


def test_comments_carry_no_name(store, catalog, demo, tmp_path):
    person = next(p for p in store.participants(demo.id) if p.role == "marketing")
    store.update_participant(person.id, PLANTED, person.role, person.title)
    item = catalog.default().items[0]
    store.save_answer(person.id, item.id, 2, 4, PLANTED_COMMENT)
    text = text_of(build_workshop_pdf(store, catalog, demo.id, tmp_path / "a.pdf"))
    voice = section(text, "The voice of the room", "How the numbers are computed")
    assert PLANTED_COMMENT in voice and f"Marketing: {PLANTED_COMMENT}" in voice
    assert PLANTED not in voice and PLANTED.split()[0] not in voice
    for p in store.participants(demo.id):
        assert p.name not in voice


def test_a_single_respondent_function_gets_no_function_label(store, catalog, tmp_path):
    q = catalog.default()
    w = store.create_workshop("Small room", q, organization="Acme", on="2026-11-20")
    alone = store.add_participant(w.id, "Only Marketer", "marketing")
    it = [store.add_participant(w.id, f"IT person {n}", "it") for n in range(3)]
    for k, item in enumerate(q.items):
        store.save_answer(alone.id, item.id, 2, 4, "Marketing sees it late" if k == 0 else "")
        for n, p in enumerate(it):
            store.save_answer(p.id, item.id, 3, 4, "IT sees it early" if k == n == 0 else "")
    text = text_of(build_workshop_pdf(store, catalog, w.id, tmp_path / "a.pdf"))
    voice = section(text, "The voice of the room", "How the numbers are computed")
    assert "Marketing sees it late" in voice and "IT sees it early" in voice
    assert "A participant: Marketing sees it late" in voice
    assert "Marketing:" not in voice and "IT:" not in voice  # not even by elimination
    assert "Only Marketer" not in voice


def test_plan_numbers_follow_the_printed_order(store, catalog, demo, tmp_path):
    plan = [e for e in load_plan(store, demo.id, catalog.actions) if e.included]
    text = text_of(build_workshop_pdf(store, catalog, demo.id, tmp_path / "a.pdf"))
    pages = section(text, "Suggested plan (not yet agreed with the room) Tandem suggested",
                    "Gaps by theme")
    printed = [(m.start(), int(m.group(1)), e)
               for e in plan for m in [re.search(rf"(\d+)\. {re.escape(e.action.title)} "
                                                  r"Owner:", pages)] if m]
    assert len(printed) == len(plan)
    printed.sort(key=lambda t: t[0])
    assert [n for _, n, _ in printed] == list(range(1, len(plan) + 1))
    horizons = [HORIZONS.index(e.horizon) for _, _, e in printed]
    assert horizons == sorted(horizons)  # the next 90 days first
    assert "Due: not set" in pages


def in_plan_order(plan):
    """The included entries as the plan orders them, written out here: by horizon, the next
    90 days first, each horizon in the order given."""
    return [e for h in HORIZONS for e in plan if e.included and e.horizon == h]


def test_rows_given_out_of_order_are_still_numbered_in_plan_order(store, catalog, demo,
                                                                  tmp_path):
    """The PDF numbers the plan by its order (horizon first), not by the order its rows
    arrive in: a plan read in any order prints 1, 2, 3 down the page."""
    report = load_report(store, catalog, demo.id)
    shuffled = for_print(replace(report, plan=tuple(reversed(report.plan))))
    text = text_of(write_workshop_pdf(shuffled, tmp_path / "a.pdf"))
    pages = section(text, "Suggested plan (not yet agreed with the room) Tandem suggested",
                    "Gaps by theme")
    expected = in_plan_order(shuffled.plan)
    assert [e for e in shuffled.plan if e.included] != expected  # given out of plan order
    for n, entry in enumerate(expected, start=1):
        assert f"{n}. {entry.action.title} Owner:" in pages


def test_the_held_back_note_states_the_same_statement_cap(store, catalog, demo, monkeypatch,
                                                          tmp_path):
    """The note under an action the cap held back says how many actions may rest mainly on
    one statement, from the ranking's own rule (``SAME_STATEMENT_CAP``), not a copy of it."""
    from assessment_app.analysis import ranking

    report = load_report(store, catalog, demo.id)
    first = report.printed[0].id
    actions = tuple(replace(a, held_back=a.action.id == first) for a in report.scores.actions)
    held = replace(report, scores=replace(report.scores, actions=actions))
    note = "{} higher actions already rest mainly on the same statement"
    text = text_of(write_workshop_pdf(for_print(held), tmp_path / "a.pdf"))
    assert note.format("two") in text
    monkeypatch.setattr(ranking, "SAME_STATEMENT_CAP", 3)
    text = text_of(write_workshop_pdf(for_print(held), tmp_path / "b.pdf"))
    assert note.format("three") in text and note.format("two") not in text


MEAN = r"(\d\.\d\d|fewer than 3)"  # a mean, or withheld under the privacy threshold
GAP_ROW = re.compile(rf"([a-z]+(?:-[a-z]+)*-\d+) · [^·]*? {MEAN} {MEAN} "
                     r"([+-]?\d\.\d\d|–) ")
THEME_ROW = re.compile(rf"\((?:People|Process|Technology)\) {MEAN} {MEAN} "
                       r"([+-]?\d\.\d\d|–)(†?) ")


def test_every_printed_gap_is_the_difference_of_the_printed_means(store, catalog, demo,
                                                                   tmp_path):
    text = text_of(build_workshop_pdf(store, catalog, demo.id, tmp_path / "a.pdf"))
    tables = section(text, "Gaps by theme", "Against the research")
    rows = GAP_ROW.findall(tables)
    assert len({r[0] for r in rows}) == len(catalog.default().items)
    checked = 0
    for _, marketing, it, gap in rows:
        if "fewer than 3" in (marketing, it):
            assert gap == "–"  # no gap beside a withheld mean
        elif gap != "–":
            assert round(float(marketing) - float(it), 2) == float(gap), (marketing, it, gap)
            checked += 1
    themes = THEME_ROW.findall(tables)
    assert len(themes) == len(catalog.default().themes)
    for marketing, it, gap, mixed in themes:
        if mixed:  # † a theme with self-rated statements: no gap that could mislead
            assert gap == "–"
        else:
            assert round(float(marketing) - float(it), 2) == float(gap)
            checked += 1
    assert any(mixed for *_, mixed in themes)
    assert checked > 40


def test_the_glossary_is_in_one_alphabet(store, catalog, demo, tmp_path):
    text = text_of(build_workshop_pdf(store, catalog, demo.id, tmp_path / "a.pdf"))
    glossary = text[text.rindex("Glossary"):]
    terms = sorted(catalog.glossary, key=lambda t: t.term.casefold())
    found = [glossary.index(f"{t.term} {t.marketing.split()[0]}") for t in terms]
    assert found == sorted(found)


def test_why_quotes_statements_never_item_ids(store, catalog, demo, tmp_path):
    scored = load_scored_workshop(store, demo.id, catalog.actions)
    ids = re.compile("|".join(re.escape(i) for i in scored.questionnaire.item_ids))
    plan = [e for e in load_plan(store, demo.id, catalog.actions) if e.included]
    for entry in plan:
        text = why(entry, scored)
        assert text and not ids.search(text), text
        assert "‘" in text and re.search(r"\d\.\d\d", text)  # a statement and its numbers
        assert not re.search(r"[=×÷]|priority|weight", text)  # no arithmetic
    pdf = text_of(build_workshop_pdf(store, catalog, demo.id, tmp_path / "a.pdf"))
    plan_pages = section(pdf, "Suggested plan (not yet agreed with the room) Tandem",
                         "Gaps by theme")
    assert not ids.search(plan_pages)
    assert "How each action was ranked" in pdf or "how each action was ranked" in pdf
