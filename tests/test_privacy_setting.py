"""The privacy threshold as a facilitator sets it: on the command line and in the window, within
3 to 20, carried by bundles (the stricter wins on a merge), and read by every output that
withholds a figure, so a threshold of 5 withholds a function of 4 everywhere."""

from __future__ import annotations

import json

import pytest

from assessment_app.cli import main


@pytest.fixture
def cli(capsys, tmp_path):
    db = tmp_path / "cli.sqlite"

    def run(*args: str):
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_the_threshold_is_set_on_the_command_line_and_the_results_follow(cli):
    workshop_id = cli("demo")[1].strip()
    code, out, err = cli("workshop-settings", "--workshop", workshop_id)
    assert code == 0, err
    assert json.loads(out)["privacy_threshold"] == 3
    shown = json.loads(cli("results", "--json", "--workshop", workshop_id)[1])
    assert shown["items"][0]["roles"]["it"]["mean_current"] is not None
    code, out, err = cli("workshop-settings", "--workshop", workshop_id,
                         "--privacy-threshold", "11")  # more than either function has
    assert code == 0, err
    assert json.loads(out)["privacy_threshold"] == 11
    results = json.loads(cli("results", "--json", "--workshop", workshop_id)[1])
    assert results["privacy"]["threshold"] == 11
    for item in results["items"]:
        for role in item["roles"].values():
            assert role["mean_current"] is None
            assert role["withheld"] == "fewer than 11 respondents"


@pytest.mark.parametrize("value", ["2", "21", "0"])
def test_a_threshold_out_of_range_is_refused_in_one_sentence(cli, value):
    workshop_id = cli("demo")[1].strip()
    code, out, err = cli("workshop-settings", "--workshop", workshop_id,
                         "--privacy-threshold", value)
    assert code == 1 and out == ""
    assert err.startswith("tandem: The privacy threshold must be a whole number from 3 to 20")
    assert err.count(".") == 1 and err.endswith(".\n")
    assert json.loads(cli("workshop-settings", "--workshop", workshop_id)[1])[
        "privacy_threshold"] == 3  # unchanged


# -- bundles carry the threshold; on a merge the stricter wins ----------------------------------


@pytest.fixture
def laptops(tmp_path, mini):
    """A workshop on laptop A and its copy on laptop B (through a bundle)."""
    from assessment_app.exchange.bundle_export import export_bundle
    from assessment_app.exchange.bundle_import import apply_import
    from assessment_app.exchange.bundle_merge import plan_import
    from assessment_app.store.database import Store

    a = Store.open(tmp_path / "a.sqlite")
    w = a.create_workshop("Board day", mini, "Acme")
    for role in ("marketing", "it"):
        for n in range(3):
            p = a.add_participant(w.id, f"{role} {n}", role)
            a.save_answer(p.id, mini.item_ids[0], 2 + n, 4)
    b = Store.open(tmp_path / "b.sqlite")
    apply_import(b, plan_import(b, export_bundle(a, w.id)))
    yield a, b, w.id
    a.close()
    b.close()


def _merge(into, source, workshop_id, edit=None):
    from assessment_app.exchange.bundle_export import export_bundle
    from assessment_app.exchange.bundle_import import apply_import
    from assessment_app.exchange.bundle_merge import plan_import

    data = export_bundle(source, workshop_id)
    if edit is not None:
        edit(data)
    plan = plan_import(into, data)
    apply_import(into, plan)
    return plan


def test_a_bundle_carries_the_threshold_and_the_stricter_wins_either_way(laptops):
    a, b, wid = laptops
    assert b.workshop(wid).privacy_threshold == 3
    a.set_privacy_threshold(wid, 5)
    from assessment_app.exchange.bundle_export import export_bundle

    assert export_bundle(a, wid)["workshop"]["privacy_threshold"] == 5
    from assessment_app.errors import TandemError

    with pytest.raises(TandemError, match="fewer than the privacy threshold of 5"):
        export_bundle(a, wid, anonymise=True)  # three a function: too few under 5
    plan = _merge(b, a, wid)  # B took 3, A's bundle says 5: B withholds as A does
    assert plan.summary()["privacy_threshold"] == 5 and plan.raised_threshold == 5
    assert b.workshop(wid).privacy_threshold == 5
    b.set_privacy_threshold(wid, 4)  # lowered on B later: A's stricter 5 is kept
    plan = _merge(a, b, wid)
    assert a.workshop(wid).privacy_threshold == 5 and plan.raised_threshold is None
    assert not plan.changes_anything


def test_a_bundle_without_the_key_means_3_and_never_lowers_one(laptops):
    a, b, wid = laptops
    a.set_privacy_threshold(wid, 6)

    def old_tandem(data):
        del data["workshop"]["privacy_threshold"]

    plan = _merge(a, b, wid, old_tandem)
    assert a.workshop(wid).privacy_threshold == 6 and plan.raised_threshold is None


@pytest.mark.parametrize("value", [2, "5", 21, None, True])
def test_a_bundle_with_a_threshold_out_of_range_is_refused_whole(laptops, value):
    from assessment_app.errors import BundleError

    a, b, wid = laptops

    def broken(data):
        data["workshop"]["privacy_threshold"] = value

    with pytest.raises(BundleError) as caught:
        _merge(b, a, wid, broken)
    assert "workshop.privacy_threshold: must be a whole number from 3 to 20" in str(caught.value)
    assert b.workshop(wid).privacy_threshold == 3
