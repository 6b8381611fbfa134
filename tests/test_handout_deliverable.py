"""The personal handout speaks to its reader: where they differ most from their own function
and from the other (their own answer left out of their function's figures), the actions they
are accountable for with their success tests, a note for what they left unanswered, and the
plan called what it is (suggested until the facilitator marks it agreed). No type in either
PDF is smaller than 8.5 pt. Text is read back with pypdf: what a reader gets."""

from __future__ import annotations

import math
import re

import pytest
from pypdf import PdfReader

from assessment_app.analysis import plan_story
from assessment_app.analysis.handout import differ_most, handout_rows, owned_actions
from assessment_app.analysis.plan import edited, load_plan, mark_agreed, save_plan
from assessment_app.analysis.report_model import load_report

BASE, TARGET = 3, 4
# (colleague A, colleague B) levels on the compared statements c0..c5: the reader says 3, so
# the differences from the others in marketing are +2, -2, +1.5, -1.5, +1 and +0.5
OWN = [(1, 1), (5, 5), (1, 2), (4, 5), (2, 2), (2, 3)]
# (IT X, IT Y) on c6..c11: +2, -1.5, +1.5, +1, -1, +0.5
OTHER = [(1, 1), (5, 4), (1, 2), (2, 2), (4, 4), (2, 3)]
SKIPPED = 3  # statements the reader leaves unanswered: c12, c13, c14


def text_of(path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


def between(text: str, start: str, end: str) -> str:
    head = text.index(start)
    return text[head:text.index(end, head)]


@pytest.fixture
def room(store, installed_catalog):
    """Marketing: the reader and two pairs of colleagues; IT: two pairs (each pair answers
    alike, so every group is over the privacy threshold). Everyone says 3 (target 4) except
    where ``OWN`` and ``OTHER`` say, and a self-rated statement where IT says 1: a difference
    the "other function" list must not show."""
    q = installed_catalog.default()
    w = store.create_workshop("Handout check", q, on="2026-11-20")
    reader = store.add_participant(w.id, "Rita Reader", "marketing")
    a = store.add_participant(w.id, "Ana Colleague", "marketing")
    b = store.add_participant(w.id, "Ben Colleague", "marketing")
    x = store.add_participant(w.id, "Xia Tech", "it")
    y = store.add_participant(w.id, "Yusuf Tech", "it")
    compared = [i for i in q.items if i.compared]
    self_rated = [i for i in q.items if not i.compared]
    assert self_rated, "the questionnaire has self-rated statements"
    levels = {p.id: {i.id: BASE for i in q.items} for p in (reader, a, b, x, y)}
    for item, (la, lb) in zip(compared[:6], OWN, strict=True):
        levels[a.id][item.id], levels[b.id][item.id] = la, lb
    for item, (lx, ly) in zip(compared[6:12], OTHER, strict=True):
        levels[x.id][item.id], levels[y.id][item.id] = lx, ly
    levels[x.id][self_rated[0].id] = levels[y.id][self_rated[0].id] = 1
    levels[a.id][compared[12].id], levels[b.id][compared[12].id] = 2, 4
    skipped = {i.id for i in compared[12:12 + SKIPPED]}
    for twin in (a, b, x, y):
        levels[store.add_participant(w.id, f"{twin.name} Twin", twin.role).id] = levels[twin.id]
    for person, answers in levels.items():
        for item_id, level in answers.items():
            if person == reader.id and item_id in skipped:
                continue
            store.save_answer(person, item_id, level, max(level, TARGET))
    return w, q, compared, self_rated, {"reader": reader, "a": a, "x": x}


def test_differ_most_lists_the_largest_differences_from_each_function(store, installed_catalog,
                                                                      room, tmp_path):
    w, q, compared, self_rated, people = room
    report = load_report(store, installed_catalog, w.id)
    rows = handout_rows(report, people["reader"])
    own = differ_most(rows, "own")
    assert [d.row.item.id for d in own] == [i.id for i in compared[:5]]
    assert [d.gap for d in own] == [2.0, -2.0, 1.5, -1.5, 1.0]
    assert own[0].mean == 1.0  # the colleagues' mean: the reader's own 3 is left out
    other = differ_most(rows, "other")
    assert [d.row.item.id for d in other] == [i.id for i in compared[6:11]]
    assert self_rated[0].id not in {d.row.item.id for d in other}  # rated about itself

    from assessment_app.reports import build_handout_pdf

    text = text_of(build_handout_pdf(store, installed_catalog, w.id, people["reader"].id,
                                     tmp_path / "h.pdf"))
    mine = between(text, "Where you differ most from marketing", "Where you differ most from IT")
    for statement in compared[:5]:
        assert statement.text_for("marketing")[:25] in mine
    assert compared[5].text_for("marketing")[:25] not in mine  # the sixth, +0.5, is left out
    assert "+2.00" in mine and "1.00" in mine and "Others in marketing" in mine
    theirs = between(text, "Where you differ most from IT", "Actions you are accountable for")
    assert self_rated[0].text_for("marketing")[:25] not in theirs
    assert "rates itself" in text  # the full table leaves IT's column out on that statement


def test_a_handout_lists_its_readers_actions_with_their_success_tests(store, installed_catalog,
                                                                      room, tmp_path):
    from assessment_app.reports import build_handout_pdf

    w, q, compared, self_rated, people = room
    plan = load_plan(store, w.id, installed_catalog.actions)
    included = [n for n, e in enumerate(plan) if e.included]
    mine, theirs = plan[included[0]], plan[included[1]]
    plan[included[0]] = edited(mine, accountable=people["reader"].id)
    plan[included[1]] = edited(theirs, accountable=people["x"].id)
    save_plan(store, w.id, plan)
    report = load_report(store, installed_catalog, w.id)
    owned, _ = owned_actions(report.printed, people["reader"])
    assert [e.id for e in owned] == [mine.id]

    def accountable_part(person) -> str:
        out = build_handout_pdf(store, installed_catalog, w.id, person.id,
                                tmp_path / f"{person.name}.pdf")
        function = "IT" if person.role == "it" else "marketing"
        return between(text_of(out), "Actions you are accountable for", f"Actions {function} owns")

    reader_part = accountable_part(people["reader"])
    test = plan_story.worked_when(mine.action, q)
    assert test, "the action library gives every suggested action a success test"
    assert mine.action.title in reader_part
    assert "It worked when" in reader_part and test[:40] in reader_part
    assert theirs.action.title not in reader_part  # someone else's action
    x_part = accountable_part(people["x"])
    assert theirs.action.title in x_part and mine.action.title not in x_part
    colleague = accountable_part(people["a"])
    assert "No action in the plan names you as accountable yet." in colleague


def test_an_untouched_plan_is_suggested_never_agreed(store, mini_catalog, tmp_path):
    """The mini library and questionnaire say "agreed" nowhere, so any "agreed" on the page
    would be the handout's own wording about the plan."""
    from assessment_app.reports import build_handout_pdf

    q = mini_catalog.get("mini")
    w = store.create_workshop("Plain", q, on="2026-11-20")
    for k in range(3):  # three a function: over the privacy threshold
        m = store.add_participant(w.id, f"Mia{k}", "marketing")
        i = store.add_participant(w.id, f"Ivo{k}", "it")
        for n, item in enumerate(q.items):
            store.save_answer(m.id, item.id, 1 + n % 3, 5)
            store.save_answer(i.id, item.id, 4, 5)
    assert any(e.included for e in load_plan(store, w.id, mini_catalog.actions))
    text = text_of(build_handout_pdf(store, mini_catalog, w.id, m.id, tmp_path / "h.pdf"))
    assert "The plan: suggested" in text and "Suggested:" in text
    assert "agreed" not in text.lower()
    mark_agreed(store, w.id, load_plan(store, w.id, mini_catalog.actions))
    text = text_of(build_handout_pdf(store, mini_catalog, w.id, m.id, tmp_path / "a.pdf"))
    assert "The plan: agreed" in text and "suggested" not in text.lower()


def test_unanswered_statements_get_a_note_and_count_nowhere(store, installed_catalog, room,
                                                            tmp_path):
    from assessment_app.reports import build_handout_pdf

    w, q, compared, self_rated, people = room
    report = load_report(store, installed_catalog, w.id)
    skipped = report.scores.item(compared[12].id).roles["marketing"]
    assert (skipped.n, skipped.mean_current) == (4, 3.0)  # the colleagues' 2s and 4s only
    text = text_of(build_handout_pdf(store, installed_catalog, w.id, people["reader"].id,
                                     tmp_path / "h.pdf"))
    assert (f"You did not answer {SKIPPED} statements; they count nowhere in marketing's "
            "averages") in text
    assert text.count("not answered") >= SKIPPED
    complete = text_of(build_handout_pdf(store, installed_catalog, w.id, people["a"].id,
                                         tmp_path / "a.pdf"))
    assert "You did not answer" not in complete


def smallest_type(path) -> float:
    """The smallest size any text is drawn at: each text run's font size scaled by the text
    and current transformation matrices (their vertical scale), so a scaled or rotated
    drawing counts as drawn."""
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            sizes.append(font_size * math.hypot(c, d))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    assert sizes
    return min(sizes)


def test_no_type_under_eight_and_a_half_points(store, installed_catalog, room, tmp_path):
    from assessment_app.reports import build_handout_pdf, build_workshop_pdf

    w, q, compared, self_rated, people = room
    handout = build_handout_pdf(store, installed_catalog, w.id, people["reader"].id,
                                tmp_path / "h.pdf")
    workshop = build_workshop_pdf(store, installed_catalog, w.id, tmp_path / "w.pdf")
    assert smallest_type(handout) >= 8.5 - 0.01  # a rotated label: matrices print rounded
    assert smallest_type(workshop) >= 8.5 - 0.01
