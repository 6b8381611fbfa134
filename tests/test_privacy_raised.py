"""A privacy threshold raised to 5 holds in every output, not only the results tables: with
four marketers and six IT executives, marketing's figures are withheld, so one marketer's
answers (round 1, round 2, comments and dots) change nothing printed anywhere: the workshop
PDF, the others' handouts, results and consensus JSON, the plan workbook, the projector's
slides and dots, the results screen's rows and the summary. Nothing says "fewer than 3"."""

from __future__ import annotations

import json

import pytest

from assessment_app.analysis.consensus_view import cast_vote, load_consensus, open_consensus
from assessment_app.analysis.gap_rows import gap_rows
from assessment_app.analysis.presenter import load_presentation
from assessment_app.analysis.report_model import load_report
from assessment_app.analysis.summary import headlines
from assessment_app.reports.consensus_report import consensus_json
from assessment_app.store.database import Store

from .test_privacy_everywhere import outputs

CHANGED = "Mia Changes"


@pytest.fixture(scope="module")
def core():
    from assessment_app.content.catalog import load_catalog

    return load_catalog()


def stricter_room(path, catalog, level: int, minimum: int = 5):
    """Four marketers (``CHANGED`` answers ``level`` everywhere, with comments and dots) and
    six IT executives; the workshop's threshold ``minimum``; a consensus round on three
    statements, re-rated by everyone."""
    store = Store.open(path)
    q = catalog.default()
    w = store.create_workshop("Stricter room", q, "Careful plc", on="2026-11-20")
    store.set_privacy_threshold(w.id, minimum)
    people = {}
    for role, names in (("marketing", ("Mara", "Mads", "Mina", CHANGED)),
                        ("it", ("Ivo", "Iris", "Ian", "Ines", "Ida", "Igor"))):
        for k, name in enumerate(names):
            people[name] = store.add_participant(w.id, name, role).id
            for n, item in enumerate(q.items):
                if name == CHANGED:
                    current, target = level, 5
                elif role == "marketing" and item.dimension == "technology" and k < 2:
                    current, target = None, None  # marketing's blind spot
                else:
                    current = 1 + (n + k) % 4 if role == "marketing" else 2 + (n + k) % 3
                    target = min(5, current + 1)
                comment = f"{name}'s own words" if n % 9 == 0 else ""
                store.save_answer(people[name], item.id, current, target, comment)
    items = [i.id for i in q.items[:3]]
    open_consensus(store, w.id, items)
    for name, pid in people.items():
        for item_id in items:
            again = level if name == CHANGED else 3
            store.save_answer(pid, item_id, again, 5, round_no=2)
    for name in (CHANGED, "Mara", "Ivo", "Iris"):  # four voters: fewer than 5
        action = catalog.actions[0 if name != CHANGED or level < 3 else 1].id
        cast_vote(store, people[name], action, 1, catalog.actions)
    return store, w.id


def screens(store, catalog, workshop_id) -> dict[str, str]:
    """What the window shows, as the Qt-free models it draws from: the results table's rows,
    the headlines, the consensus page's view and the projector's slides and dots."""
    report = load_report(store, catalog, workshop_id)
    items, groups = gap_rows(report.scores)
    slides, tally = load_presentation(store, workshop_id, actions=catalog.actions)
    return {"gap rows": repr((items, groups)), "headlines": repr(headlines(report)),
            "consensus": json.dumps({**consensus_json(load_consensus(store, workshop_id)),
                                     "opened_at": "<when>", "workshop": "<id>"},
                                    sort_keys=True, default=str),
            "slides": repr(slides), "dots": repr(tally)}


def test_one_marketer_changes_nothing_shown_under_a_threshold_of_5(core, tmp_path):
    seen = []
    for level in (1, 5):
        store, workshop_id = stricter_room(tmp_path / f"{level}.sqlite", core, level)
        try:
            found = outputs(store, core, workshop_id, tmp_path / str(level), {CHANGED})
            found |= screens(store, core, workshop_id)
            seen.append(found)
        finally:
            store.close()
    first, second = seen
    for name in first:
        assert first[name] == second[name], name
    pdf, results = first["workshop PDF"], first["results JSON"]
    assert "fewer than 5" in pdf and '"withheld": "fewer than 5 respondents"' in results
    assert "Fewer than 5 people have placed dots" not in first["dots"]  # the model, not text
    for name, text in first.items():
        assert "fewer than 3" not in text.lower(), name
    voice = pdf[pdf.index("The voice of the room"):]
    assert f"A participant: {CHANGED}'s own words" in voice  # a function of 4: no label
    assert f"Marketing: {CHANGED}" not in voice


def test_the_projectors_dots_and_comments_follow_the_workshops_threshold(core, tmp_path):
    from assessment_app.ui.presenter_votes import tally_lines

    store, workshop_id = stricter_room(tmp_path / "s.sqlite", core, 4)
    try:
        slides, tally = load_presentation(store, workshop_id, actions=core.actions)
        assert tally.withheld  # four voters under a threshold of 5
        assert tally_lines(tally) == [
            "Fewer than 5 people have placed dots, so the totals stay hidden."]
        assert all(label != "Marketing" for s in slides for label, _ in s.comments)
        store.set_privacy_threshold(workshop_id, 4)
        slides, tally = load_presentation(store, workshop_id, actions=core.actions)
        assert not tally.withheld and sum(n for _, n in tally.rows) == 4
    finally:
        store.close()


def test_the_method_page_gives_the_workshops_threshold_in_german_too():
    """The method's privacy section is found by its heading in the report's language."""
    from assessment_app import i18n
    from assessment_app.reports.method import THRESHOLD, method_text

    with i18n.speaking("de"):
        text, heading = method_text("executive", minimum=5), f"## {i18n.tr(THRESHOLD)}"
    section = text[text.index(heading) + len(heading):].split("\n## ")[0]
    assert "weniger als 5" in section and "weniger als 3" not in section
