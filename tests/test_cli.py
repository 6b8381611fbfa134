"""The command line: JSON where it reports, one plain sentence and a non-zero status on error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessment_app.cli import main
from assessment_app.store.database import Store

from .conftest import MINI_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("TANDEM_QUESTIONNAIRES", str(MINI_DIR))
    db = tmp_path / "cli.sqlite"

    def run(*args: str, db_path: Path | None = db):
        argv = (["--db", str(db_path)] if db_path else []) + list(args)
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_demo_then_workshops_json(cli):
    code, out, err = cli("demo")
    assert code == 0, err
    workshop_id = out.strip()
    code, out, _ = cli("workshops", "--json")
    [w] = json.loads(out)
    assert w["id"] == workshop_id
    assert w["participants"] == 10 and w["completed"] == 9
    assert set(w) >= {"id", "name", "organization", "date", "participants", "completed"}


def test_demo_twice_keeps_one_demo_and_says_so(cli):
    first = cli("demo")[1].strip()
    code, out, err = cli("demo")
    assert code == 0 and out.strip() == first  # the same workshop, its id printed again
    assert "already there" in err and err.count(". ") == 0
    assert len(json.loads(cli("workshops", "--json")[1])) == 1


def test_default_database_lives_in_the_user_data_folder(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_path / "data"))
    assert cli("demo", db_path=None)[0] == 0
    assert (tmp_path / "data" / "tandem.sqlite").exists()


def test_questionnaire_json_has_the_documented_keys(cli):
    code, out, _ = cli("questionnaire", "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == "mini" and data["version"] == "1"
    item = data["items"][2]
    assert set(item) >= {"id", "dimension", "theme", "text", "levels", "weight", "benchmark"}
    assert item["benchmark"] == {"marketing": 55, "it": 68, "source": "Test survey",
                                 "statement": "", "true_from": 4}
    assert data["items"][0]["benchmark"] is None
    assert [t["id"] for t in data["themes"]] == ["trust", "meetings", "data"]
    assert data["actions"][0]["id"] == "weekly-meeting"
    assert data["glossary"][0]["term"] == "Agile"
    code, out, _ = cli("questionnaire", "--json", "--id", "mini-pulse")
    assert [i["id"] for i in json.loads(out)["items"]] == ["trust-1", "data-1"]


def test_export_and_import_bundle_between_databases(cli, tmp_path):
    workshop_id = cli("demo")[1].strip()
    bundle = tmp_path / "w.json"
    assert cli("export-bundle", "--workshop", workshop_id, "--out", str(bundle))[0] == 0
    other = tmp_path / "other.sqlite"
    code, out, _ = cli("import", str(bundle), db_path=other)
    assert code == 0 and json.loads(out)["new_participants"] == 10
    code, out, _ = cli("import", str(bundle), db_path=other)
    summary = json.loads(out)
    assert summary["new_answers"] == 0 and summary["new_workshop"] is False
    a = cli("export-bundle", "--workshop", workshop_id, "--out", str(tmp_path / "a.json"))
    b = cli("export-bundle", "--workshop", workshop_id, "--out", str(tmp_path / "b.json"),
            db_path=other)
    assert a[0] == b[0] == 0
    strip = lambda p: {k: v for k, v in json.loads(p.read_text()).items()  # noqa: E731
                       if k != "exported_at"}
    assert strip(tmp_path / "a.json") == strip(tmp_path / "b.json")


def test_export_csv_has_a_row_per_participant_and_item(cli, tmp_path):
    workshop_id = cli("demo")[1].strip()
    out = tmp_path / "answers.csv"
    code, printed, _ = cli("export-csv", "--workshop", workshop_id, "--out", str(out),
                           "--anonymise")
    assert code == 0 and json.loads(printed)["rows"] == 10 * 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("workshop,participant,role,title,dimension")
    assert "Marketing 1" in text and "Inès" not in text


@pytest.mark.parametrize("args,expected", [
    (["export-bundle", "--workshop", "nope", "--out", "x.json"], "There is no workshop with id"),
    (["import", "missing.json"], "missing.json: cannot be read"),
    (["questionnaire", "--json", "--id", "ghost"], "There is no questionnaire with id 'ghost'"),
])
def test_errors_are_one_sentence_on_stderr(cli, tmp_path, args, expected):
    Store.open(tmp_path / "cli.sqlite").close()  # a database without that workshop
    code, out, err = cli(*args)
    assert code != 0 and out == ""
    assert err.startswith("tandem: ") and expected in err and "Traceback" not in err


def test_corrupt_database_from_the_command_line(tmp_path):
    db = tmp_path / "bad.sqlite"
    db.write_bytes(b"garbage" * 500)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db),
                             "workshops", "--json"], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is damaged" in result.stderr and result.stderr.count("\n") == 1
    assert db.read_bytes() == b"garbage" * 500


def test_unknown_subcommand_is_a_usage_error(cli):
    with pytest.raises(SystemExit) as exit_:
        cli("frobnicate")
    assert exit_.value.code == 2


def test_self_check_passes(cli, monkeypatch):
    code, out, err = cli("self-check")
    assert code == 0, err
    assert "OK bundle export and import round trip" in out
    assert "OK PDFs written" in out


def test_self_check_names_a_broken_questionnaire_file(cli, monkeypatch, tmp_path):
    import shutil

    folder = tmp_path / "questionnaires"
    shutil.copytree(ROOT / "questionnaires", folder)
    text = (folder / "core.yaml").read_text(encoding="utf-8")
    (folder / "core.yaml").write_text(text.replace("weight: 2\n", "weight: heavy\n", 1),
                                      encoding="utf-8")
    monkeypatch.setenv("TANDEM_QUESTIONNAIRES", str(folder))
    code, out, err = cli("self-check")
    assert code == 1
    assert "core.yaml: item 'trust-1': 'weight' must be a positive number" in out + err
