"""The PDFs: what a facilitator and each executive take home. Text is read back with pypdf, so
these tests see what a reader (or a screen reader) gets, not what the code meant to draw."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from assessment_app.analysis.handout import handout_rows
from assessment_app.analysis.plan import edited, load_plan, save_plan
from assessment_app.analysis.plan_story import quoted
from assessment_app.analysis.report_model import load_report
from assessment_app.analysis.summary import disagreement

MARKUP_NAME = '<b>R&D</b> "Ops" <font size=90>'
NAMES = {
    "marketing": [MARKUP_NAME, "Zoë Ångström-Núñez", "Дмитрий Иванов"],
    "it": ["Γιώργος Παπαδόπουλος", "王小明", "Beatriz O'Connor & Søn"],
}
LONG_COMMENT = ("We tried three times to agree on this; " * 30
                + "https://intranet.example.com/" + "x" * 300)


@pytest.fixture
def workshop(store, catalog):
    """A small real workshop: six people with hard names, every item answered, a comment that
    is far too long, and an edited plan."""
    q = catalog.default()
    w = store.create_workshop("Q3 alignment <i>offsite</i> & review", q,
                              organization="Nordlicht & Söhne <GmbH>", on="2026-11-20")
    people = {}
    for role, names in NAMES.items():
        for n, name in enumerate(names):
            people[name] = store.add_participant(w.id, name, role, title=f"Title {n} «x»")
    for k, item in enumerate(q.items):
        for n, (name, p) in enumerate(people.items()):
            role_bias = 1 if p.role == "it" else 0
            current = 1 + (k + n + role_bias) % 4
            if name == "王小明" and k == 3:
                store.save_answer(p.id, item.id, None, None)  # don't know
                continue
            comment = LONG_COMMENT if (name == MARKUP_NAME and k == 0) else ""
            if name == "Дмитрий Иванов" and k == 1:
                comment = "Комментарий: <script>alert(1)</script> & 中文"
            store.save_answer(p.id, item.id, current, min(5, current + 1), comment)
    return w, people


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_workshop_pdf_carries_every_name_exactly_as_typed(store, catalog, workshop, tmp_path):
    from assessment_app.reports import build_workshop_pdf

    w, people = workshop
    out = build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf")
    text = flat(pdf_text(out))
    assert "Nordlicht & Söhne <GmbH>" in text
    assert "Q3 alignment <i>offsite</i> & review" in text
    for name in people:
        assert name in text, name
    assert "Title 0 «x»" in text


def test_plan_actions_appear_in_plan_order_within_each_horizon(store, catalog, workshop,
                                                               tmp_path):
    from assessment_app.content.actions import HORIZONS
    from assessment_app.reports import build_workshop_pdf

    w, _ = workshop
    plan = [e for e in load_plan(store, w.id, catalog.actions) if e.included]
    assert len(plan) >= 5
    printed = [e for h in HORIZONS for e in plan if e.horizon == h]
    text = flat(pdf_text(build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf")))
    pages = text[text.index("Suggested plan (not yet agreed with the room) Tandem"):]
    positions = [pages.index(f"{n}. {e.action.title} Owner:") for n, e in enumerate(printed, 1)]
    assert positions == sorted(positions)


def test_facilitator_edits_reach_the_pdf(store, catalog, workshop, tmp_path):
    from assessment_app.reports import build_workshop_pdf

    w, _ = workshop
    plan = load_plan(store, w.id, catalog.actions)
    dropped = next(e for e in plan if e.included)
    last = next(e for e in plan if not e.included)
    plan = [edited(e, included=False) if e.id == dropped.id else
            edited(e, included=True, owner="cio", due="2027-03-31",
                   notes="Ask <Legal> & \"Procurement\" first") if e.id == last.id else e
            for e in plan]
    save_plan(store, w.id, plan)
    text = flat(pdf_text(build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf")))
    summary = text[text.index("Executive summary"):text.index("Maturity by theme")]
    assert last.action.title in summary and "31 March 2027" in summary  # the due date, written out
    assert dropped.action.title not in summary
    assert 'Ask <Legal> & "Procurement" first' in text


def test_pdf_has_every_section_page_numbers_and_no_empty_page(store, catalog, workshop,
                                                              tmp_path):
    from assessment_app.reports import build_workshop_pdf

    w, _ = workshop
    reader = PdfReader(build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf"))
    pages = [page.extract_text() for page in reader.pages]
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {total}" in page
        body = page.replace(f"Page {n} of {total}", "")
        assert len(body.split()) > 20, f"page {n} is nearly empty"
    text = flat("\n".join(pages))
    for heading in ("Executive summary", "Maturity by theme", "Gaps by theme",
                    "Gaps by statement", "Against the research", "Suggested plan",
                    "How the numbers are computed", "Appendix: formulas", "Glossary"):
        assert heading in text, heading
    assert "need = weight × (A + P + V + S)" in text and "value = s1 + s2 / 2 + s3 / 4" in text
    assert "Disaster recovery" in text  # the glossary appendix


def test_radar_charts_are_vector_drawings_with_labels(store, catalog, workshop, tmp_path):
    from assessment_app.reports import build_workshop_pdf

    w, _ = workshop
    reader = PdfReader(build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf"))
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
    charts = flat(next(p.extract_text() for p in reader.pages
                       if "Marketing and IT, today" in p.extract_text()))
    for theme in ("Trust and", "Security and", "Hybrid talent"):
        assert theme in charts
    assert "Marketing, today" in charts and "IT, today" in charts


def test_paper_size_letter_and_a4(store, catalog, workshop, tmp_path):
    from assessment_app.reports import build_workshop_pdf

    w, _ = workshop
    a4 = PdfReader(build_workshop_pdf(store, catalog, w.id, tmp_path / "a4.pdf", "a4"))
    letter = PdfReader(build_workshop_pdf(store, catalog, w.id, tmp_path / "l.pdf", "letter"))
    assert [round(float(v)) for v in a4.pages[0].mediabox.upper_right] == [595, 842]
    assert [round(float(v)) for v in letter.pages[0].mediabox.upper_right] == [612, 792]


PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">'
                  r'(.*?)</word>', re.S)


def word_boxes(path) -> list[tuple[int, float, float, tuple[float, ...], str]]:
    """Every word poppler finds in a PDF: (page number, page width, page height, its box as
    (xMin, yMin, xMax, yMax) in points from the top left, the word)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read where each word is drawn")
    xhtml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    return [(n, float(width), float(height), tuple(float(v) for v in word[:4]), word[4])
            for n, (width, height, body) in enumerate(PAGE.findall(xhtml), start=1)
            for word in WORD.findall(body)]


def test_nothing_is_drawn_outside_the_page(store, catalog, workshop, tmp_path):
    """Long comments and names wrap: every word's whole box lies inside its page, on the
    handout and on the workshop PDF (an unbroken run of text too long for the page fails)."""
    from assessment_app.reports import build_handout_pdf, build_workshop_pdf

    w, people = workshop
    handout = build_handout_pdf(store, catalog, w.id, people[MARKUP_NAME].id, tmp_path / "h.pdf")
    plan = build_workshop_pdf(store, catalog, w.id, tmp_path / "plan.pdf")
    for pdf in (handout, plan):
        words = word_boxes(pdf)
        assert len({n for n, *_ in words}) == len(PdfReader(pdf).pages)  # text on every page
        outside = [(pdf.name, n, box, word) for n, width, height, box, word in words
                   if not (0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height)]
        assert not outside, outside[:5]
    text = flat(pdf_text(handout))
    assert "x" * 40 in text.replace(" ", "")  # the unbreakable URL is there, wrapped


def test_handout_shows_own_answers_beside_both_role_means(store, catalog, workshop, tmp_path):
    from assessment_app.reports import build_handout_pdf

    w, people = workshop
    person = people["Дмитрий Иванов"]
    report = load_report(store, catalog, w.id)
    rows = handout_rows(report, person)
    first = rows[0]
    assert first.current is not None
    out = build_handout_pdf(store, catalog, w.id, person.id, tmp_path / "h.pdf")
    text = flat(pdf_text(out))
    assert "Дмитрий Иванов" in text
    assert "Комментарий: <script>alert(1)</script> & 中文" in text
    assert first.statement[:30] in text
    # two others in the reader's function: fewer than the privacy threshold, so withheld
    assert first.others_mean is None and first.others_withheld and "fewer than 3" in text
    assert f"{first.other_role_mean:.2f}" in text
    for name in people:
        if name != "Дмитрий Иванов":
            assert name not in text  # nobody else's name on a personal handout
    assert "The plan: suggested" in text  # edited, never marked agreed


def test_handout_says_dont_know_for_a_dont_know(store, catalog, workshop, tmp_path):
    from assessment_app.reports import build_handout_pdf

    w, people = workshop
    out = build_handout_pdf(store, catalog, w.id, people["王小明"].id, tmp_path / "h.pdf")
    assert "don't know" in pdf_text(out)


def test_export_all_handouts_reports_progress_and_can_be_cancelled(store, catalog, workshop,
                                                                   tmp_path):
    from assessment_app.reports import export_all_handouts

    w, people = workshop
    store.add_participant(w.id, "Дмитрий Иванов", "it")  # a namesake needs its own file
    calls = []
    files = export_all_handouts(store, catalog, w.id, tmp_path,
                                progress=lambda done, total: calls.append((done, total)))
    assert len(files) == 7 and len({f.name for f in files}) == 7
    assert all(f.exists() and f.read_bytes().startswith(b"%PDF") for f in files)
    assert calls[0] == (0, 7) and calls[-1] == (7, 7)
    assert any(f.name.startswith("_b_R&D__b_") for f in files)  # markup made file-safe
    later = tmp_path / "later"
    later.mkdir()
    stop_after = iter([False, False, True])
    partial = export_all_handouts(store, catalog, w.id, later, cancelled=lambda: next(stop_after))
    assert len(partial) == 2 and sorted(later.iterdir()) == sorted(partial)


def test_empty_workshop_still_gives_a_readable_pdf(store, catalog, tmp_path):
    from assessment_app.reports import build_workshop_pdf

    w = store.create_workshop("Kick-off", catalog.default(), organization="Acme")
    text = flat(pdf_text(build_workshop_pdf(store, catalog, w.id, tmp_path / "empty.pdf")))
    assert "Nobody has given a level yet" in text
    assert "no action is in the plan yet" in text


def test_a_folder_that_cannot_be_written_gives_one_clear_sentence(store, catalog, workshop,
                                                                  tmp_path):
    from assessment_app.errors import TandemError
    from assessment_app.reports import build_workshop_pdf

    w, _ = workshop
    with pytest.raises(TandemError, match="Cannot write .*missing"):
        build_workshop_pdf(store, catalog, w.id, tmp_path / "missing" / "plan.pdf")
    assert not (tmp_path / "missing").exists()


def test_cli_export_pdf_writes_workshop_and_handout(store, catalog, workshop, tmp_path, capsys):
    from assessment_app.cli import main

    w, people = workshop
    db = str(store.path)
    assert main(["--db", db, "export-pdf", "--workshop", w.id, "--out",
                 str(tmp_path / "w.pdf"), "--paper", "letter"]) == 0
    assert round(float(PdfReader(tmp_path / "w.pdf").pages[0].mediabox.width)) == 612
    person = people["Γιώργος Παπαδόπουλος"]
    assert main(["--db", db, "export-pdf", "--workshop", w.id, "--participant", person.id,
                 "--out", str(tmp_path / "h.pdf")]) == 0
    assert "Γιώργος Παπαδόπουλος" in pdf_text(tmp_path / "h.pdf")
    capsys.readouterr()
    assert main(["--db", db, "export-pdf", "--workshop", w.id, "--participant", "nobody",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tandem: ") and "participant" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_summary_names_the_widest_disagreement_whichever_function_is_higher(store, catalog):
    """The disagreement the summary names is the widest, with who sees it higher."""
    q = catalog.default()
    w = store.create_workshop("Gaps", q)
    levels = {q.items[0].id: (1, 5), q.items[1].id: (5, 2), q.items[2].id: (2, 4)}
    for n in range(3):  # three a function: over the privacy threshold
        m = store.add_participant(w.id, f"M{n}", "marketing")
        i = store.add_participant(w.id, f"I{n}", "it")
        for item in q.items:
            mine, theirs = levels.get(item.id, (3, 3))
            store.save_answer(m.id, item.id, mine, 5)
            store.save_answer(i.id, item.id, theirs, 5)
    report = load_report(store, catalog, w.id)
    line = disagreement(report, minimum=1)
    assert quoted(q.items[0]) in line and "IT sees it 4.00 levels higher" in line
    assert report.headlines[0] == disagreement(report)
