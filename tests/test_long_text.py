"""Long text: the limits of ``rules.text`` hold in the store and in bundle import (one plain
sentence, nothing changed), and any text within them prints in full in both PDFs, however it
is shaped (words, many lines, one unbroken run, CJK), several to a page. Text an older Tandem
stored beyond the limits prints visibly cut, quickly, and never breaks a PDF.

How "prints in full" is checked: every long text here is drawn from an alphabet no other text
in the PDF uses (Cyrillic capitals, or CJK), so keeping only those characters of what pypdf
extracts gives exactly the long texts in reading order, whatever table rows, page breaks and
repeated headers the layout put between their lines."""

from __future__ import annotations

import json
import random
import re
import time

import pytest
from pypdf import PdfReader

from assessment_app.analysis.plan import edited, load_plan, save_plan
from assessment_app.errors import BundleError, StorageError
from assessment_app.exchange.bundle_export import export_bundle, write_bundle
from assessment_app.exchange.bundle_merge import plan_import
from assessment_app.rules.text import (
    COMMENT_MAX_CHARS,
    NAME_MAX_CHARS,
    NOTES_MAX_CHARS,
    too_long,
)

CYRILLIC = "БГДЖЗИЙЛПФЦЧШЩЭЮЯ"
CJK = "中文字漢語日本韓國"


def long_text(seed: int, length: int, shape: str, alphabet: str = CYRILLIC) -> str:
    """``length`` characters: words, many short lines, or one unbroken run."""
    rnd = random.Random(seed)
    out: list[str] = []
    while len("".join(out)) < length:
        word = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(2, 9)))
        sep = {"words": " ", "lines": "\n", "unbroken": ""}[shape]
        out.append(word + sep)
    text = "".join(out)[:length]
    return text[:-1] + alphabet[0] if text[-1] in " \n" else text  # no trailing space to strip


def only(text: str, alphabet: str) -> str:
    return "".join(ch for ch in text if ch in alphabet)


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def people(store, catalog):
    """A workshop whose two participants have names and titles at the limit."""
    q = catalog.default()
    w = store.create_workshop("W" * NAME_MAX_CHARS, q, organization="O" * NAME_MAX_CHARS)
    name = ("Ana Long-Name " * 20)[:NAME_MAX_CHARS - 1] + "Z"
    m = store.add_participant(w.id, name, "marketing", title="T" * NAME_MAX_CHARS)
    i = store.add_participant(w.id, "Ivo", "it")
    return w, m, i, q


# -- the limits --------------------------------------------------------------------------------


def test_one_rule_one_sentence():
    assert too_long("comment", "x" * COMMENT_MAX_CHARS) is None
    sentence = too_long("comment", "x" * (COMMENT_MAX_CHARS + 345))
    assert sentence == ("The comment is 2,345 characters long, over the limit of 2,000: shorten "
                        "it by 345 characters.")
    quoted = too_long("name", "Ж" * 5000, quote=True)
    assert "“" + "Ж" * 40 + "…”" in quoted and "Ж" * 41 not in quoted


def test_store_refuses_text_over_the_limits_and_keeps_what_was_saved(store, people):
    w, m, _, q = people
    item = q.items[0].id
    store.save_answer(m.id, item, 2, 3, "c" * COMMENT_MAX_CHARS)  # exactly at the limit: fine
    with pytest.raises(StorageError, match=r"^The comment is 2,001 characters long, over the "
                                           r"limit of 2,000: shorten it by 1 character\.$"):
        store.save_answer(m.id, item, 4, 5, "c" * (COMMENT_MAX_CHARS + 1))
    kept = store.answers_for_participant(m.id)[item]
    assert (kept.current, kept.comment) == (2, "c" * COMMENT_MAX_CHARS)

    too = "n" * (NAME_MAX_CHARS + 1)
    for call in (lambda: store.add_participant(w.id, too, "it"),
                 lambda: store.add_participant(w.id, "Ok", "it", title=too),
                 lambda: store.update_participant(m.id, too, "marketing", ""),
                 lambda: store.update_participant(m.id, "Ok", "marketing", too),
                 lambda: store.create_workshop(too, q),
                 lambda: store.create_workshop("Ok", q, organization=too),
                 lambda: store.update_workshop(w.id, name=too),
                 lambda: store.update_workshop(w.id, organization=too)):
        with pytest.raises(StorageError, match="over the limit of 200"):
            call()
    assert len(store.participants(w.id)) == 2 and len(store.workshops()) == 1
    assert store.participant(m.id).name.endswith("Z")


def test_the_answering_session_gets_the_sentence_and_keeps_the_answer(store, people):
    """What the answering screen shows after "Not saved:" is the store's sentence."""
    from assessment_app.analysis.answering import AnsweringSession

    _, m, _, _ = people
    session = AnsweringSession.start(store, m.id)
    session.choose_current(2, "fine")
    with pytest.raises(StorageError) as refused:
        session.set_comment("c" * (COMMENT_MAX_CHARS + 10))
    assert str(refused.value) == too_long("comment", "c" * (COMMENT_MAX_CHARS + 10))
    assert session.answer.comment == "fine"
    assert store.answers_for_participant(m.id)[session.item.id].comment == "fine"


def test_store_refuses_plan_notes_over_the_limit(store, people, catalog):
    w, _, _, _ = people
    plan = load_plan(store, w.id, catalog.actions)
    save_plan(store, w.id, [edited(plan[0], notes="n" * NOTES_MAX_CHARS)] + plan[1:])
    with pytest.raises(StorageError, match="The plan note is 2,001 characters long"):
        save_plan(store, w.id, [edited(plan[0], notes="m" * (NOTES_MAX_CHARS + 1))] + plan[1:])
    assert store.plan_rows(w.id)[0].notes == "n" * NOTES_MAX_CHARS


def _bundle(store, w, tmp_path):
    data = export_bundle(store, w.id)
    store.delete_workshop(w.id)
    return data


@pytest.mark.parametrize("where", ["comment", "name", "title", "workshop", "organization",
                                   "notes"])
def test_bundle_over_the_limits_is_refused_naming_who_and_what(store, people, catalog,
                                                               tmp_path, where):
    w, m, _, q = people
    store.save_answer(m.id, q.items[2].id, 2, 3, "fine")
    plan = load_plan(store, w.id, catalog.actions)
    save_plan(store, w.id, plan)
    data = _bundle(store, w, tmp_path)
    huge = "Зачем " * 200_000 + "конец"  # 1.2 MB
    if where == "comment":
        data["answers"][0]["comment"] = huge
    elif where in ("name", "title"):
        data["participants"][0][where] = huge
    elif where == "notes":
        data["plan"][1]["notes"] = huge
    else:
        data["workshop"]["name" if where == "workshop" else "organization"] = huge
    path = tmp_path / "b.json"
    write_bundle(data, path)
    with pytest.raises(BundleError) as refused:
        from assessment_app.exchange.bundle_import import import_bundle_file

        import_bundle_file(store, path, catalog)
    message = str(refused.value)
    assert "1,200,005 characters long, over the limit" in message
    assert len(message) < 400 and message.count("Зачем") <= 8  # quoted, never pasted whole
    assert message.count("\n") == 0 and message.endswith(".")
    if where == "comment":
        assert "answers[0].comment" in message
        assert f"by “{m.name[:40]}…”" in message and f"on item '{q.items[2].id}'" in message
    if where == "name":
        assert f"the name of the Marketing participant {m.id}" in message
    if where == "title":
        assert "job title of “Ana Long-Name" in message and "(Marketing)" in message
    if where == "notes":
        assert f"plan[1].notes: the note on action '{plan[1].id}'" in message
    assert store.workshops() == []  # nothing was imported


def test_bundle_at_the_limits_imports(store, people, catalog, tmp_path):
    w, m, _, q = people
    store.save_answer(m.id, q.items[0].id, 2, 3, "c" * COMMENT_MAX_CHARS)
    data = _bundle(store, w, tmp_path)
    # the workshop was deleted here after the bundle was made: it comes back only on request
    plan = plan_import(store, json.loads(json.dumps(data)), catalog, restore_deleted=True)
    assert len(plan.new_answers) == 1 and plan.new_answers[0].comment == "c" * COMMENT_MAX_CHARS


# -- the PDFs ------------------------------------------------------------------------------------


def _fill(store, m, i, q, shapes: list[str], alphabet: str = CYRILLIC) -> list[str]:
    """One comment at the limit per statement (cycling through ``shapes``), for M."""
    comments = []
    for n, item in enumerate(q.items[:len(shapes)]):
        c = long_text(n, COMMENT_MAX_CHARS, shapes[n], alphabet)
        store.save_answer(m.id, item.id, 2, 3, c)
        store.save_answer(i.id, item.id, 3, 4)
        comments.append(c)
    return comments


def _assert_all_printed(path, texts: list[str], alphabet: str) -> None:
    printed = only(pdf_text(path), alphabet)
    for text in texts:
        assert only(text, alphabet) in printed


@pytest.mark.parametrize("shape", ["words", "lines", "unbroken"])
def test_a_comment_at_the_limit_prints_whole_in_the_handout(store, catalog, people, tmp_path,
                                                            shape):
    from assessment_app.reports import build_handout_pdf

    w, m, i, q = people
    [comment] = _fill(store, m, i, q, [shape])
    out = build_handout_pdf(store, catalog, w.id, m.id, tmp_path / "h.pdf")
    _assert_all_printed(out, [comment], CYRILLIC)
    text = re.sub(r"\s+", "", pdf_text(out))
    assert re.sub(r"\s+", "", m.name) in text  # the name at the limit, whole, in the heading


def test_many_comments_at_the_limit_in_every_shape_print_in_both_pdfs(store, catalog, people,
                                                                      tmp_path):
    from assessment_app.reports import build_handout_pdf, build_workshop_pdf

    w, m, i, q = people
    comments = _fill(store, m, i, q, ["words", "lines", "unbroken", "words", "unbroken",
                                      "words"])
    cjk = long_text(99, COMMENT_MAX_CHARS, "unbroken", CJK)
    store.save_answer(i.id, q.items[0].id, 3, 4, cjk)
    plan = load_plan(store, w.id, catalog.actions)
    notes = long_text(7, NOTES_MAX_CHARS, "lines")
    save_plan(store, w.id, [edited(plan[0], included=True, notes=notes)] + plan[1:])

    handout = build_handout_pdf(store, catalog, w.id, m.id, tmp_path / "h.pdf")
    _assert_all_printed(handout, comments + [notes], CYRILLIC)
    workshop = build_workshop_pdf(store, catalog, w.id, tmp_path / "w.pdf")
    _assert_all_printed(workshop, comments + [notes], CYRILLIC)
    _assert_all_printed(workshop, [cjk], CJK)
    cjk_handout = build_handout_pdf(store, catalog, w.id, i.id, tmp_path / "ivo.pdf")
    _assert_all_printed(cjk_handout, [cjk], CJK)
    flat = re.sub(r"\s+", "", pdf_text(workshop))
    assert "The voice of the room" in pdf_text(workshop)
    assert re.sub(r"\s+", "", m.name) in flat  # names at the limit on the cover
    assert "W" * NAME_MAX_CHARS in flat and "O" * NAME_MAX_CHARS in flat
    assert "T" * NAME_MAX_CHARS in flat


def test_long_unbroken_text_wraps_inside_the_page(store, catalog, people, tmp_path):
    from assessment_app.reports import build_handout_pdf, build_workshop_pdf

    w, m, i, q = people
    url = "https://intranet.example.com/" + "Ж" * 300
    store.save_answer(m.id, q.items[0].id, 2, 3, url)
    for out in (build_handout_pdf(store, catalog, w.id, m.id, tmp_path / "h.pdf"),
                build_workshop_pdf(store, catalog, w.id, tmp_path / "w.pdf")):
        reader = PdfReader(out)
        width = float(reader.pages[0].mediabox.width)
        ends = []

        def visit(text, cm, tm, font_dict, font_size, ends=ends):
            if "Ж" in text:
                x = tm[4] * cm[0] + cm[4]
                ends.append(x + 0.8 * font_size * len(text))

        for page in reader.pages:
            page.extract_text(visitor_text=visit)
        assert ends and max(ends) < width
        assert only(pdf_text(out), "Ж") == "Ж" * 300


def test_text_an_older_tandem_stored_beyond_the_limits_prints_cut_quickly(store, catalog,
                                                                           people, tmp_path):
    from assessment_app.reports import build_handout_pdf, build_workshop_pdf, export_all_handouts

    w, m, i, q = people
    store.save_answer(m.id, q.items[0].id, 2, 3, "short")
    huge = "Ж" * 3_000_000 + "Я"
    store.conn.execute("UPDATE answers SET comment = ? WHERE participant_id = ?", [huge, m.id])
    store.conn.execute("UPDATE participants SET name = ? WHERE id = ?", ["Н" * 5000, i.id])
    store.conn.commit()
    started = time.perf_counter()
    handout = build_handout_pdf(store, catalog, w.id, m.id, tmp_path / "h.pdf")
    workshop = build_workshop_pdf(store, catalog, w.id, tmp_path / "w.pdf")
    files = export_all_handouts(store, catalog, w.id, tmp_path)
    assert time.perf_counter() - started < 20
    assert len(files) == 2 and files.failed == []
    for out in (handout, workshop):
        text = re.sub(r"\s+", " ", pdf_text(out))
        assert only(text, "Ж") == "Ж" * COMMENT_MAX_CHARS and "Я" not in text
        assert "3,000,001 characters" in text and "the first 2,000 are printed" in text
    assert "[cut: 5,000 characters" in re.sub(r"\s+", " ", pdf_text(workshop))  # the name


# -- a batch of handouts --------------------------------------------------------------------------


def test_a_handout_that_fails_is_listed_and_the_others_are_written(store, catalog, people,
                                                                   tmp_path, monkeypatch):
    from assessment_app.reports import export_all_handouts, handout_pdf

    w, m, i, q = people
    extra = store.add_participant(w.id, "Zoe", "it")
    real = handout_pdf.write_handout_pdf

    def failing(report, participant, out, paper="a4"):
        if participant.id == i.id:
            raise RuntimeError("the layout went wrong\n" + "and a long story " * 100)
        return real(report, participant, out, paper)

    monkeypatch.setattr(handout_pdf, "write_handout_pdf", failing)
    calls = []
    result = export_all_handouts(store, catalog, w.id, tmp_path,
                                 progress=lambda d, t: calls.append((d, t)))
    assert sorted(p.name for p in result) == sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert len(result) == 2 and calls[-1] == (3, 3)
    [failure] = result.failed
    assert failure.name == "Ivo" and failure.participant_id == i.id
    assert failure.reason == "Unexpected error: RuntimeError: the layout went wrong"
    assert not (tmp_path / "Ivo - handout.pdf").exists()
    assert (tmp_path / "Zoe - handout.pdf").exists() and extra.id
