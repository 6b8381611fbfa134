"""The privacy threshold on anonymised outputs (issue 26, "A hostile room"): a function with
fewer respondents than the threshold is refused with a sentence, or merged into "all
respondents" when the facilitator asks; and the aggregate extract, counts only, which cannot be
joined back to anyone."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from assessment_app.cli import main
from assessment_app.errors import TandemError
from assessment_app.exchange.aggregate import aggregate_extract
from assessment_app.exchange.bundle_export import export_bundle
from assessment_app.exchange.csv_export import csv_rows
from assessment_app.exchange.demo import create_demo_workshop
from assessment_app.store.database import Store

from .conftest import MINI_DIR


def _workshop(mini, marketing: int, it: int):
    """A workshop of the mini questionnaire with that many respondents in each function; every
    one answers the first statement, the marketing people the second too."""
    store = Store.in_memory()
    w = store.create_workshop("Board day", mini, organization="Acme", on="2026-03-02")
    first, second = mini.item_ids[:2]
    for n in range(marketing):
        p = store.add_participant(w.id, f"Mara Keting{n}", "marketing", "VP")
        store.save_answer(p.id, first, 1 + n % 5, 5, f"comment by Mara Keting{n}")
        store.save_answer(p.id, second, None if n == 0 else 2, None if n == 0 else 3)
    for n in range(it):
        p = store.add_participant(w.id, f"Ian Tee{n}", "it", "CIO")
        store.save_answer(p.id, first, 5 - n % 5, 5)
    return store, w


def test_a_function_of_one_is_refused_by_every_row_level_anonymised_export(mini):
    """Before: the only IT member was exported as "IT 1", their answers theirs, no warning."""
    store, w = _workshop(mini, marketing=4, it=1)
    for export in (lambda: export_bundle(store, w.id, anonymise=True),
                   lambda: csv_rows(store, w.id, anonymise=True)):
        with pytest.raises(TandemError) as caught:
            export()
        message = str(caught.value)
        assert message.startswith("IT has 1 respondent, fewer than the privacy threshold of 3")
        assert "\n" not in message and len(message) < 320 and "aggregate extract" in message
    assert csv_rows(store, w.id)  # the named export is the facilitator's own: not refused


def test_merging_small_functions_puts_everyone_under_all_respondents(mini, tmp_path, capsys,
                                                                    monkeypatch):
    store, w = _workshop(mini, marketing=4, it=1)
    rows = csv_rows(store, w.id, anonymise=True, merge_small=True)
    assert {r[2] for r in rows} == {"all respondents"}
    assert {r[1] for r in rows} == {f"Respondent {n}" for n in range(1, 6)}
    db = tmp_path / "t.sqlite"
    on_disk = Store.open(db)
    disk_w = on_disk.create_workshop("Board day", mini)
    for p in store.participants(w.id):
        on_disk.add_participant(disk_w.id, p.name, p.role, "")
    on_disk.close()
    monkeypatch.setenv("TANDEM_QUESTIONNAIRES", str(MINI_DIR))
    out = tmp_path / "a.csv"
    args = ["--db", str(db), "export-csv", "--workshop", disk_w.id, "--out", str(out),
            "--anonymise"]
    assert main(args) == 0  # nobody has answered yet: no function to give away
    again = Store.open(db)
    for someone in again.participants(disk_w.id)[-3:]:  # the IT member and two marketers
        again.save_answer(someone.id, mini.item_ids[0], 2, 3)
    again.close()
    capsys.readouterr()
    assert main(args) == 1
    assert "--merge-small-functions" in capsys.readouterr().err
    assert main([*args, "--merge-small-functions"]) == 0
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {row[2] for row in table[1:]} == {"all respondents"}


@pytest.mark.parametrize("marketing,it", [(1, 1), (2, 0), (0, 1)])
def test_merged_functions_under_the_threshold_together_are_refused(mini, marketing, it):
    """Before: with two people in the room, --merge-small-functions exported 'Respondent 1'
    and 'Respondent 2' under 'all respondents', each person's answers theirs."""
    store, w = _workshop(mini, marketing, it)
    with pytest.raises(TandemError, match=rf"^{marketing + it} (person|people) answered, fewer "
                                          "than the privacy threshold of 3"):
        csv_rows(store, w.id, anonymise=True, merge_small=True)
    store, w = _workshop(mini, 2, 2)  # four together: enough at 3, not at a threshold of 5
    store.set_privacy_threshold(w.id, 5)
    with pytest.raises(TandemError, match="^4 people answered, fewer than the privacy threshold "
                                          "of 5"):
        csv_rows(store, w.id, anonymise=True, merge_small=True)


# -- the aggregate extract ---------------------------------------------------------------------


def _all_values(data) -> list:
    if isinstance(data, dict):
        return [*data.keys(), *(v for value in data.values() for v in _all_values(value))]
    if isinstance(data, list):
        return [v for value in data for v in _all_values(value)]
    return [data]


@pytest.mark.parametrize("marketing,it", [(4, 2), (3, 1), (5, 5), (2, 2)])
def test_the_aggregate_extract_cannot_be_joined_back(mini, marketing, it):
    store, w = _workshop(mini, marketing, it)
    data = aggregate_extract(store, w.id)
    text = json.dumps(data, ensure_ascii=False)
    # nothing that names or dates anyone: no id, name, title, organisation, time or comment
    people = store.participants(w.id)
    for secret in [w.id, w.name, "Acme", "VP", "CIO", "comment", "answered_at", "2026-03-02",
                   *(p.id for p in people), *(p.name for p in people)]:
        assert secret not in text, secret
    assert data["year"] == 2026 and data["questionnaire"] == {
        "id": w.questionnaire_id, "version": w.questionnaire_version}
    # counts only: every value is a number, a level's name, null or the withheld note
    assert all(v is None or isinstance(v, (int, str)) for v in _all_values(data))
    assert not any(isinstance(v, str) and re.search(r"\d{4}-\d\d-\d\d", v)
                   for v in _all_values(data))
    true_sizes = {}
    for a in store.answers_for_workshop(w.id):
        role = store.participant(a.participant_id).role
        true_sizes[(a.item_id, role)] = true_sizes.get((a.item_id, role), 0) + 1
    for statement in data["statements"]:
        cells = statement["functions"]
        sizes = {role: true_sizes.get((statement["item"], role), 0) for role in ("marketing",
                                                                                 "it")}
        sizes["all"] = sum(sizes.values())
        for key, cell in cells.items():
            if 0 < sizes[key] < 3:  # under the threshold: withheld, nothing but the note
                assert cell == {"respondents": None, "current": None, "target": None,
                                "dont_know": None, "withheld": "fewer than 3 respondents"}
            elif "withheld" not in cell:
                assert cell["respondents"] == sizes[key]
                assert sum(cell["current"].values()) + cell["dont_know"] == sizes[key]
        # no withheld function can be worked out as "all" minus the functions shown
        shown = [sizes[r] for r in ("marketing", "it") if "withheld" not in cells[r]]
        if "withheld" not in cells["all"]:
            assert sizes["all"] - sum(shown) == 0 or sizes["all"] - sum(shown) >= 3


def test_export_aggregate_on_the_command_line(tmp_path, capsys, catalog):
    db = tmp_path / "t.sqlite"
    store = Store.open(db)
    w = create_demo_workshop(store, catalog.default())
    store.close()
    out = tmp_path / "aggregate.json"
    assert main(["--db", str(db), "export-aggregate", "--workshop", w.id, "--out",
                 str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert printed["statements"] == len(data["statements"]) > 10
    assert data["format"] == "tandem-aggregate" and "participants" not in data
