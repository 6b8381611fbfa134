"""Progress between a baseline and a follow-up: one statement reworded, one dropped, one added,
two people new; every figure against hand computation, the comparable count, the privacy
threshold, and each plan action's verdict."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest

from assessment_app.analysis.compare import UNDEFINED_PROGRESS, Side, compare, progress_of
from assessment_app.analysis.plan_check import MET, NOT_MEASURABLE, NOT_MET, judge
from assessment_app.content.catalog import load_catalog
from assessment_app.content.questionnaire import ROLES

from .conftest import MINI_DIR

# version 2 of the mini questionnaire: trust-1 and meet-1 the same, trust-2 reworded,
# data-1 dropped, data-2 new
MINI_V2 = """kind: questionnaire
id: mini
version: "2"
title: Mini questionnaire
themes:
  - {id: trust, dimension: people, title: Trust}
  - {id: meetings, dimension: process, title: Meetings}
  - {id: data, dimension: technology, title: Customer data}
items:
  - id: trust-1
    theme: trust
    supersedes: {trust-1@1: same}
    text: {marketing: "IT delivers what marketing asks for.", it: "Marketing trusts IT to deliver."}
    levels: [Never, Rarely, Sometimes, Usually, Always]
    terms: [agile]
  - id: trust-2
    theme: trust
    supersedes: {trust-2@1: reworded}
    text: The CMO and the CIO speak every week.
    levels: [Never, Yearly, Monthly, Weekly, Daily]
  - id: meet-1
    theme: meetings
    supersedes: {meet-1@1: same}
    text:
      marketing: A joint committee approves projects.
      it: A joint committee approves projects.
    levels: [None, Informal, Ad hoc, Regular, Chartered]
    weight: 2
    benchmark: {marketing: 55, it: 68, source: "Test survey", true_from: 4}
  - id: data-2
    theme: data
    text: Customer data moves between systems automatically.
    levels: [Never, Rarely, Sometimes, Mostly, Always]
"""

# (current, target) per person, in the order M1 M2 M3 | I1 I2 I3; None: don't know
BASELINE = {
    "trust-1": [(2, 4), (3, 4), (2, 3), (3, 4), (3, 5), (4, 4)],
    "trust-2": [(1, 3), (2, 3), (2, 4), (2, 3), (3, 4), (1, 3)],
    "meet-1": [(3, 4), (3, 4), (3, 4), (4, 4), (4, 5), (3, 4)],
    "data-1": [(1, 2)] * 6,
}
# M1 M2 M3 | I1 I2 I3 (returning) I4 I5 (new)
FOLLOW_UP = {
    "trust-1": [3, 4, 3, 4, 4, 4, 3, 3],
    "trust-2": [2, 3, 3, 2, 3, 2, 2, None],
    "meet-1": [4, 4, 3, 3, 3, 3, 2, 2],
    "data-2": [3] * 8,
}


def mean(*values):
    return sum(values) / len(values)


def r(x):
    return round(x, 2)


@pytest.fixture
def two_versions(tmp_path):
    folder = tmp_path / "q"
    folder.mkdir()
    for name in ("glossary.yaml", "actions.yaml"):
        shutil.copy(MINI_DIR / name, folder / name)
    shutil.copy(MINI_DIR / "mini.yaml", folder / "mini-1.yaml")
    (folder / "mini.yaml").write_text(MINI_V2, encoding="utf-8")
    catalog = load_catalog(folder)
    assert catalog.problems == []
    return catalog


@pytest.fixture
def series(store, two_versions):
    catalog = two_versions
    base = store.create_workshop("Spring", catalog.find("mini", "1"), on="2026-03-02")
    people = [store.add_participant(base.id, f"{role[0].upper()}{n}", role)
              for role in ROLES for n in (1, 2, 3)]
    for item, answers in BASELINE.items():
        for p, (current, target) in zip(people, answers, strict=True):
            store.save_answer(p.id, item, current, target)
    follow = store.create_follow_up(base.id, catalog.get("mini"), on="2026-11-02")
    later = store.participants(follow.id) + [store.add_participant(follow.id, n, "it")
                                             for n in ("I4", "I5")]
    for item, levels in FOLLOW_UP.items():
        for p, current in zip(later, levels, strict=True):
            store.save_answer(p.id, item, current, None if current is None else 5)
    return base, follow


def side(store, workshop):
    return Side(workshop, store.questionnaire(workshop.questionnaire_hash),
                tuple(store.participants(workshop.id)),
                tuple(store.answers_for_workshop(workshop.id)))


@pytest.fixture
def comparison(store, series, two_versions):
    base, follow = series
    return compare(side(store, base), side(store, follow), two_versions.editions)


def test_only_comparable_statements_count_and_the_count_is_said(comparison):
    assert comparison.comparable_sentence == "3 of 4 statements comparable"
    kinds = {p.item: p.change for p in comparison.pairings}
    assert kinds == {"trust-1": "same", "trust-2": "reworded", "meet-1": "same", "data-2": "new"}
    assert comparison.dropped == ("data-1",)
    assert [s.item for s in comparison.statements] == ["trust-1", "trust-2", "meet-1"]


def test_statement_means_then_and_now(comparison):
    by = {s.item: s for s in comparison.statements}
    assert by["trust-1"].then["marketing"] == pytest.approx(mean(2, 3, 2))
    assert by["trust-1"].target["marketing"] == pytest.approx(mean(4, 4, 3))
    assert by["trust-1"].now["it"] == pytest.approx(mean(4, 4, 4, 3, 3))
    assert by["trust-2"].now["it"] == pytest.approx(mean(2, 3, 2, 2))  # a don't-know left out
    # the room's change: the mean of the functions' changes of printed means
    m = r(r(mean(2, 3, 3)) - r(mean(1, 2, 2)))
    i = r(r(mean(2, 3, 2, 2)) - r(mean(2, 3, 1)))
    assert by["trust-2"].change == r((m + i) / 2)
    m1 = r(r(mean(3, 4, 3)) - r(mean(2, 3, 2)))
    i1 = r(r(mean(4, 4, 4, 3, 3)) - r(mean(3, 3, 4)))
    assert by["trust-1"].change == r((m1 + i1) / 2)
    m3 = r(r(mean(4, 4, 3)) - r(mean(3, 3, 3)))
    i3 = r(r(mean(3, 3, 3, 2, 2)) - r(mean(4, 4, 3)))
    assert by["meet-1"].change == r((m3 + i3) / 2)
    assert [s.item for s in comparison.most_improved()] == sorted(
        ["trust-1", "trust-2"], key=lambda x: -by[x].change)
    assert [s.item for s in comparison.most_worsened()] == ["meet-1"]


def test_change_and_progress_to_target_per_function_and_dimension(comparison):
    people = comparison.functions["marketing"]["people"]
    then = r(mean(mean(2, 3, 2), mean(1, 2, 2)))
    now = r(mean(mean(3, 4, 3), mean(2, 3, 3)))
    target = r(mean(mean(4, 4, 3), mean(3, 3, 4)))
    assert (people.statements, people.then, people.now, people.target) == (2, then, now, target)
    assert people.change == r(now - then)
    assert people.progress == pytest.approx((now - then) / (target - then), abs=1e-4)
    # over all three, meet-1 weighs 2
    every = comparison.functions["it"]["all"]
    w_then = r((mean(3, 3, 4) + mean(2, 3, 1) + 2 * mean(4, 4, 3)) / 4)
    w_now = r((mean(4, 4, 4, 3, 3) + mean(2, 3, 2, 2) + 2 * mean(3, 3, 3, 2, 2)) / 4)
    w_target = r((mean(4, 5, 4) + mean(3, 4, 3) + 2 * mean(4, 5, 4)) / 4)
    assert (every.then, every.now, every.target) == (w_then, w_now, w_target)
    assert every.progress == pytest.approx(r(w_now - w_then) / (w_target - w_then), abs=1e-4)
    # technology: data-1 was dropped and data-2 is new, so nothing compares there
    assert "technology" not in comparison.functions["it"]


def test_progress_is_undefined_where_the_target_equals_the_baseline(comparison):
    flat = [s for s in comparison.statements if s.item == "trust-1"][0]
    same = type(flat)(**{**flat.__dict__, "target": {**flat.target, "it": flat.then["it"]}})
    progress = progress_of([same], "it")
    assert progress.progress is None and progress.note == UNDEFINED_PROGRESS
    assert progress.change is not None


def test_returning_people_apart_from_newcomers_within_the_threshold(comparison):
    assert comparison.people["returning"] == {"marketing": 3, "it": 3}
    assert comparison.people["newcomers"] == {"marketing": 0, "it": 2}
    back = comparison.returning_functions
    # marketing: the same three people both times, so their figures are everyone's
    assert back["marketing"]["people"] == comparison.functions["marketing"]["people"]
    # IT: two newcomers beside three returning people: the returning figure would show the
    # newcomers' by subtraction, so it is withheld
    assert back["it"]["all"].then is None and back["it"]["all"].statements == 0
    # and it says so: three IT people answered both times, it is the two newcomers who are few
    assert "fewer than 3 people of this function are new" in back["it"]["all"].note
    assert "newcomers included" in comparison.headline_note


def test_people_copied_into_a_follow_up_return_only_by_answering(store, series, two_versions):
    base, _ = series
    quiet = store.create_follow_up(base.id, two_versions.get("mini"), on="2026-12-01")
    some = store.participants(quiet.id)
    for p in some[:2] + some[3:5]:  # two of each function answer; M3 and I3 say nothing
        store.save_answer(p.id, "trust-1", 3, 4)
    c = compare(side(store, base), side(store, quiet), two_versions.editions)
    assert c.people["returning"] == {"marketing": 2, "it": 2}
    assert c.people["not_returning"] == {"marketing": 1, "it": 1}
    assert c.people["copied_not_answered"] == {"marketing": 1, "it": 1}
    assert c.people["newcomers"] == {"marketing": 0, "it": 0}


def test_a_function_under_the_threshold_is_withheld(store, series, two_versions):
    base, follow = series
    gone = [p for p in store.participants(follow.id) if p.role == "marketing"][:1]
    store.remove_participant(gone[0].id)  # two marketing answers left in the follow-up
    c = compare(side(store, base), side(store, follow), two_versions.editions)
    assert all(s.now["marketing"] is None for s in c.statements)
    assert c.functions["marketing"]["all"].now is None
    # and the room's change, which would carry it, with it
    assert all(s.change is None for s in c.statements)


@dataclass(frozen=True)
class Condition:
    statement: str
    level: int
    share: float
    functions: tuple[str, ...] = ROLES


def test_each_action_is_judged_against_the_follow_up(store, series):
    _, follow = series
    q = store.questionnaire(follow.questionnaire_hash)
    people, answers = store.participants(follow.id), store.answers_for_workshop(follow.id)

    def verdict(*conditions):
        return judge("a", "A", conditions, q, people, answers)

    # trust-2 at 3 or above: marketing 2 of 3, IT 1 of 4 (a don't-know not counted)
    both = verdict(Condition("trust-2", 3, 50))
    assert both.verdict == NOT_MET
    [check] = both.checks
    assert [(m.function, m.reached, m.n, m.outcome) for m in check.measured] == [
        ("marketing", 2, 3, MET), ("it", 1, 4, NOT_MET)]
    assert "IT 25% (1 of 4)" in both.sentence and "(50% needed)" in both.sentence
    # the statement in its own words, never its id (the client reads it)
    assert "‘The CMO and the CIO speak every week’ at level 3 or above" in both.sentence
    assert "trust-2" not in both.sentence
    assert verdict(Condition("meet-1", 3, 60, ("marketing",))).verdict == MET
    assert verdict(Condition("trust-1", 3, 100)).verdict == MET
    # the follow-up did not ask data-1 (dropped): nothing to judge it by
    dropped = verdict(Condition("data-1", 2, 50))
    assert dropped.verdict == NOT_MEASURABLE and "did not ask data-1" in dropped.sentence
    assert verdict().verdict == NOT_MEASURABLE
    # a failed condition beside one that cannot be measured: not met
    assert verdict(Condition("data-1", 2, 50), Condition("trust-2", 3, 50)).verdict == NOT_MET


def test_compare_on_the_command_line(tmp_path, capsys):
    import json

    from assessment_app.cli import main

    db = str(tmp_path / "t.sqlite")
    assert main(["--db", db, "demo"]) == 0
    demo = capsys.readouterr().out.strip()
    assert main(["--db", db, "follow-up", "--baseline", demo, "--questionnaire", "pulse"]) == 0
    follow = capsys.readouterr().out.strip()
    assert main(["--db", db, "compare", "--baseline", demo, "--followup", follow,
                 "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["comparable"]["sentence"] == "14 of 14 statements comparable"
    assert report["followup"]["follows"] == demo
    assert report["people"]["newcomers"] == {"marketing": 0, "it": 0}
    assert report["people_note"] is None  # the same people: nothing mixed in
    # nobody has answered the follow-up yet: every figure of now is missing, none invented
    assert all(s["roles"][r]["now"] is None for s in report["statements"] for r in ROLES)
    assert main(["--db", db, "compare", "--baseline", demo, "--followup", demo]) == 1
    assert "cannot be compared with itself" in capsys.readouterr().err


def test_the_json_prints_then_and_now_alike(comparison):
    from assessment_app.reports.compare_report import comparison_report

    figures = [v for s in comparison_report(comparison)["statements"]
               for role in s["roles"].values() for k, v in role.items() if k != "withheld"]
    assert 11 / 3 in [s.now["marketing"] for s in comparison.statements]  # meet-1: 4, 4, 3
    assert all(v is None or v == r(v) for v in figures) and r(11 / 3) in figures


def _action(action_id: str, items: list[str], success) -> dict:
    return {"id": action_id, "title": action_id.replace("-", " ").capitalize(),
            "description": "A step.", "lead": "cmo", "horizon": "90d", "effort": "S",
            "fixes": "build", "items": items, "source": "Test survey", "success": success}


def test_the_baseline_plan_is_checked_against_the_follow_up(store, series, two_versions):
    from assessment_app.analysis.series import load_comparison
    from assessment_app.content.actions import parse_actions

    base, follow = series
    actions = parse_actions({"actions": [
        _action("talk-weekly", ["trust-2"], [{"statement": "trust-2", "level": 3, "share": 50}]),
        _action("committee", ["meet-1"], {"statement": "meet-1", "level": 3, "share": 60,
                                          "functions": ["marketing"]}),
        _action("one-view", ["data-1"], {"statement": "data-1", "level": 2, "share": 50}),
    ]}, "actions.yaml", {"trust-2", "meet-1", "data-1"})
    c = load_comparison(store, base.id, follow.id, actions, two_versions.editions)
    verdicts = {v.action: v for v in c.verdicts}
    # trust-2 at 3 or above: marketing 2 of 3 (67%), IT 1 of 4 (25%) against 50% needed
    assert verdicts["talk-weekly"].verdict == NOT_MET
    assert "Marketing 67% (2 of 3), IT 25% (1 of 4)" in verdicts["talk-weekly"].sentence
    # meet-1 at 3 or above, marketing only: 3 of 3
    assert verdicts["committee"].verdict == MET
    # data-1 was dropped: the follow-up did not ask it
    assert verdicts["one-view"].verdict == NOT_MEASURABLE


def test_the_stricter_threshold_of_the_two_workshops_holds(store, series, two_versions):
    """Three marketers each time are shown under 3; a threshold of 4 set on the follow-up
    withholds them then and now, in the comparison and its JSON."""
    import json

    from assessment_app.analysis.series import load_comparison
    from assessment_app.reports.compare_report import comparison_report

    base, follow = series
    shown = load_comparison(store, base.id, follow.id, [], two_versions.editions)
    assert shown.minimum == 3 and shown.functions["marketing"]["all"].now is not None
    store.set_privacy_threshold(follow.id, 4)
    c = load_comparison(store, base.id, follow.id, [], two_versions.editions)
    assert c.minimum == 4
    assert all(s.now["marketing"] is None for s in c.statements)
    assert c.functions["marketing"]["all"].now is None
    text = json.dumps(comparison_report(c))
    assert "fewer than 4 respondents" in text and "fewer than 3" not in text
