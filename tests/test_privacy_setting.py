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
