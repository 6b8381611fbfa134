"""``tandem results --json``: checked against numbers recomputed from the raw answers in the
database file, without the scoring module."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from assessment_app.cli import main
from assessment_app.content.questionnaire_file import parse_questionnaire
from assessment_app.reports.results_report import results_report
from assessment_app.store.database import Store

from .conftest import MINI_DIR

ROLES = ("marketing", "it")


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("TANDEM_QUESTIONNAIRES", str(MINI_DIR))
    db = tmp_path / "results.sqlite"

    def run(*args: str):
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    run.db = db
    return run


@pytest.fixture
def demo_results(cli):
    code, out, err = cli("demo")
    assert code == 0, err
    workshop_id = out.strip()
    code, out, err = cli("results", "--json", "--workshop", workshop_id)
    assert code == 0 and err == ""
    return workshop_id, json.loads(out)


def r2(value):
    return None if value is None else round(value, 2)


def mean(values):
    return sum(values) / len(values) if values else None


def raw_rows(db: Path, workshop_id: str):
    with sqlite3.connect(db) as conn:
        rows = conn.execute("""SELECT a.item_id, p.role, a.current, a.target FROM answers a
                               JOIN participants p ON p.id = a.participant_id
                               WHERE p.workshop_id = ?""", [workshop_id]).fetchall()
        [content] = conn.execute("""SELECT q.content FROM questionnaires q
                                    JOIN workshops w ON w.questionnaire_hash = q.hash
                                    WHERE w.id = ?""", [workshop_id]).fetchone()
    return rows, {item["id"]: item for item in json.loads(content)["items"]}


def expected_role(answers: list[tuple[int | None, int | None]], true_from: int | None) -> dict:
    levels = [c for c, _ in answers if c is not None]
    paired = [(c, t) for c, t in answers if c is not None and t is not None]
    return {
        "n": len(levels), "dont_know": len(answers) - len(levels),
        "mean_current": r2(mean(levels)), "mean_target": r2(mean([t for _, t in paired])),
        "share_at_least_4": r2(100 * sum(v >= 4 for v in levels) / len(levels)) if levels
        else None,
        "min": min(levels, default=None), "max": max(levels, default=None),
        "spread": max(levels) - min(levels) if levels else None,
        "ambition_gap": r2(mean([t - c for c, t in paired])),
        "dont_know_share": r2(100 * (len(answers) - len(levels)) / len(answers)) if answers
        else None,
        "share_statement_true": None if true_from is None or not levels
        else r2(100 * sum(v >= true_from for v in levels) / len(levels)),
    }


def test_every_item_matches_a_recount_of_the_raw_answers(cli, demo_results):
    workshop_id, report = demo_results
    rows, stored = raw_rows(cli.db, workshop_id)
    by_item: dict[tuple[str, str], list] = defaultdict(list)
    for item_id, role, current, target in rows:
        by_item[item_id, role].append((current, target))
    assert [item["id"] for item in report["items"]] == list(stored)
    for item in report["items"]:
        answers = {role: by_item[item["id"], role] for role in ROLES}
        bench = stored[item["id"]]["benchmark"]
        true_from = None if bench is None else bench.get("true_from", 4)
        for role in ROLES:
            assert item["roles"][role] == expected_role(answers[role], true_from), item["id"]
        current = {role: mean([c for c, _ in answers[role] if c is not None]) for role in ROLES}
        steps = [mean([t - c for c, t in answers[role] if c is not None and t is not None])
                 for role in ROLES]
        perception = current["marketing"] - current["it"]
        ambition = mean([step for step in steps if step is not None])
        unknown = mean([sum(c is None for c, _ in answers[role]) / len(answers[role])
                        for role in ROLES if answers[role]])
        assert item["perception_gap"] == r2(perception)
        assert item["ambition_gap"] == r2(ambition)
        assert item["visibility_gap"] == r2(100 * unknown)
        # weight × (ambition + |perception| + 2 × the mean don't-know share + shortfall), terms
        # as printed: the gap of the printed means, the share in whole percent, the shortfall
        # 3.5 - the mean of the printed means
        shown = 0.0 if item["perception_gap"] is None else abs(
            r2(r2(current["marketing"]) - r2(current["it"])))
        short = r2(max(0.0, 3.5 - mean([r2(current[role]) for role in ROLES])))
        assert item["priority"] == r2(stored[item["id"]]["weight"] * (
            r2(ambition) + shown + r2(2 * round(100 * unknown) / 100) + short))


def test_workshop_block_names_the_snapshot_and_counts_people(cli, demo_results):
    workshop_id, report = demo_results
    w = report["workshop"]
    code, out, _ = cli("workshops", "--json")
    [listed] = json.loads(out)
    assert (w["id"], w["name"], w["organization"], w["date"]) == (
        listed["id"], listed["name"], listed["organization"], listed["date"])
    with sqlite3.connect(cli.db) as conn:
        stored = conn.execute("SELECT questionnaire_id, questionnaire_version, "
                              "questionnaire_hash FROM workshops").fetchone()
    assert (w["questionnaire"]["id"], w["questionnaire"]["version"],
            w["questionnaire"]["hash"]) == stored
    assert w["participants"] == {"marketing": 5, "it": 5}
    assert w["completed"] == {"marketing": 5, "it": 4}  # the demo's last IT executive stopped


def test_themes_dimensions_and_ranked_actions_have_the_documented_keys(demo_results):
    _, report = demo_results
    assert set(report) >= {"workshop", "items", "themes", "dimensions", "actions"}
    assert [t["id"] for t in report["themes"]] == ["trust", "meetings", "data"]
    assert [d["id"] for d in report["dimensions"]] == ["people", "process", "technology"]
    for group in report["themes"] + report["dimensions"]:
        assert set(group) >= {"id", "title", "roles", "perception_gap", "ambition_gap"}
        assert set(group["roles"]["it"]) >= {"n", "dont_know", "dont_know_share",
                                             "mean_current", "mean_target", "ambition_gap"}
    assert {"id", "dimension"} <= set(report["themes"][0])
    priorities = {item["id"]: item["priority"] for item in report["items"]}
    [action] = report["actions"]
    assert set(action) >= {"id", "title", "owner", "horizon", "effort", "priority", "reasons",
                           "own_priority", "value", "kind", "rank", "shared_rank", "tied",
                           "suggested", "held_back", "main_item", "measured_by"}
    assert (action["owner"], action["lead"], action["partner"]) == ("cmo", "cmo", "cio")
    # both statements count: the more pressing in full, the other half (a small effort: ÷ 1)
    high, low = sorted((priorities["trust-2"], priorities["meet-1"]), reverse=True)
    assert action["value"] == action["priority"] == round(high + low / 2, 2)
    assert action["reasons"][0].startswith("Ranked here mainly by")
    assert f"priority {action['priority']:.2f} = value" in action["reasons"][1]
    ranks = sorted(report["items"], key=lambda item: item["rank"])
    assert [item["priority"] for item in ranks] == sorted(priorities.values(), reverse=True)
    assert report["method"]["suggested_size"] == 8 and report["method"]["tie_margin"] == 0.2


def test_unknown_workshop_is_one_sentence(cli):
    Store.open(cli.db).close()  # a database without that workshop
    code, out, err = cli("results", "--json", "--workshop", "nope")
    assert code == 1 and out == ""
    assert err == "tandem: There is no workshop with id nope.\n"


def test_workshop_id_is_required(cli):
    with pytest.raises(SystemExit) as exit_:
        cli("results", "--json")
    assert exit_.value.code == 2


def test_one_role_workshop_reports_nulls_not_a_wrong_gap(store, mini_catalog, mini):
    w = store.create_workshop("Marketing only", mini)
    for name, level in (("Ana", 2), ("Ben", 4)) * 3:  # three of each: over the threshold
        p = store.add_participant(w.id, name, "marketing")
        for item in mini.items:
            store.save_answer(p.id, item.id, level, 5)
    report = results_report(store, mini_catalog, w.id)
    for row in report["items"] + report["themes"] + report["dimensions"]:
        assert row["perception_gap"] is None
        assert row["roles"]["it"]["mean_current"] is None and row["roles"]["it"]["n"] == 0
    trust = report["items"][0]
    assert trust["roles"]["marketing"]["share_at_least_4"] == 50.0
    # ambition 2.00 + shortfall 3.5 - 3.00 (marketing's level alone)
    assert (trust["ambition_gap"], trust["visibility_gap"], trust["priority"]) == (2.0, 0.0, 2.5)
    assert report["workshop"]["participants"] == {"marketing": 6, "it": 0}


def test_results_use_the_workshops_snapshot_not_the_current_file(store, mini_catalog):
    data = yaml.safe_load((MINI_DIR / "mini.yaml").read_text(encoding="utf-8"))
    data["items"][2]["weight"] = 5  # meet-1 weighs 2 in the installed file
    w = store.create_workshop("Old wording", parse_questionnaire(data, "edited"))
    report = results_report(store, mini_catalog, w.id)
    assert report["items"][2]["id"] == "meet-1" and report["items"][2]["weight"] == 5
    assert report["workshop"]["questionnaire"]["hash"] != mini_catalog.get("mini").content_hash


def test_benchmarks_sit_beside_the_workshops_own_share(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TANDEM_QUESTIONNAIRES", str(MINI_DIR))
    db = str(tmp_path / "b.sqlite")
    main(["--db", db, "demo"])
    workshop_id = capsys.readouterr().out.strip()
    main(["--db", db, "results", "--json", "--workshop", workshop_id])
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    bench = items["meet-1"]["benchmark"]
    assert (bench["marketing"], bench["it"], bench["source"]) == (55, 68, "Test survey")
    # the room's share at or above the level from which the survey statement is true (4 here)
    assert bench["true_from"] == 4
    assert bench["workshop"] == {r: items["meet-1"]["roles"][r]["share_statement_true"]
                                 for r in ("marketing", "it")}
    assert bench["workshop"] == {r: items["meet-1"]["roles"][r]["share_at_least_4"]
                                 for r in ("marketing", "it")}
    assert bench["n"] == {r: items["meet-1"]["roles"][r]["n"] for r in ("marketing", "it")}
    assert items["trust-1"]["benchmark"] is None


def test_benchmark_share_follows_the_declared_level(store, mini_catalog):
    """A survey statement true from level 3 counts the room's 3s as agreeing; the share at 4 or
    5 stays what it always was."""
    data = yaml.safe_load((MINI_DIR / "mini.yaml").read_text(encoding="utf-8"))
    data["items"][2]["benchmark"]["true_from"] = 3
    w = store.create_workshop("Level 3", parse_questionnaire(data, "edited"))
    for name, level in (("Ana", 2), ("Ben", 3), ("Cy", 4), ("Di", 3)):
        p = store.add_participant(w.id, name, "marketing")
        store.save_answer(p.id, "meet-1", level, 5)
    store.save_answer(store.add_participant(w.id, "Ed", "marketing").id, "meet-1", None, None)
    meet = next(i for i in results_report(store, mini_catalog, w.id)["items"]
                if i["id"] == "meet-1")
    assert meet["benchmark"]["workshop"]["marketing"] == 75.0  # 3 of the 4 who gave a level
    assert meet["roles"]["marketing"]["share_at_least_4"] == 25.0
    assert meet["benchmark"]["n"] == {"marketing": 4, "it": 0}


def test_an_item_each_function_rates_itself_reports_no_perception_gap(store, mini_catalog):
    data = yaml.safe_load((MINI_DIR / "mini.yaml").read_text(encoding="utf-8"))
    data["items"][0]["perspective"] = "self"
    w = store.create_workshop("Self", parse_questionnaire(data, "edited"))
    for name, role, level in (("Ana", "marketing", 1), ("Ivo", "it", 5)) * 3:
        p = store.add_participant(w.id, name, role)
        store.save_answer(p.id, "trust-1", level, 5)
        store.save_answer(p.id, "trust-2", level, 5)
    items = {i["id"]: i for i in results_report(store, mini_catalog, w.id)["items"]}
    assert items["trust-1"]["perspective"] == "self"
    assert items["trust-1"]["perception_gap"] is None
    assert items["trust-1"]["roles"]["marketing"]["mean_current"] == 1.0
    assert items["trust-2"]["perception_gap"] == -4.0
