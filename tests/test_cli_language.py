"""``tandem --language CODE`` on every command, before or after the subcommand: the help, the
messages and the refusals in that language; without it, the system's language for messages and
the workshop's report language for the files an export writes; an unknown code refused in one
sentence naming the known ones; the process's language as it was once the command returns."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from assessment_app import i18n
from assessment_app.cli import main
from assessment_app.exchange.demo import create_demo_workshop
from assessment_app.store.database import Store

from .conftest import MINI_DIR


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("TANDEM_QUESTIONNAIRES", str(MINI_DIR))

    def run(*args: str):
        code = main(["--db", str(tmp_path / "cli.sqlite"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


@pytest.mark.parametrize("where", ["before", "after", "equals"])
def test_a_command_speaks_the_language_asked_for_before_or_after_the_subcommand(cli, where):
    args = {"before": ["--language", "de", "workshops"],
            "after": ["workshops", "--language", "de"],
            "equals": ["workshops", "--language=de"]}[where]
    code, out, err = cli(*args)
    assert code == 0, err
    assert out.startswith("Es gibt noch keine Workshops; legen Sie einen in der App an")
    assert i18n.current() == "en"  # the process's language again
    assert cli("workshops")[1].startswith("No workshops yet.")


def test_a_refusal_in_german(cli, tmp_path):
    Store.open(tmp_path / "cli.sqlite").close()
    code, out, err = cli("--language", "de", "consensus", "decide", "--workshop", "w")
    assert code == 1 and out == ""
    assert err == "tandem: „consensus decide“ braucht --item, --current, --target und " \
                  "--status.\n"
    _, _, err = cli("consensus", "decide", "--workshop", "w")
    assert err.startswith("tandem: consensus decide needs --item")


def test_argparse_s_own_refusals_in_german(capsys):
    with pytest.raises(SystemExit) as refused:
        main(["--language", "de", "results"])
    assert refused.value.code == 2
    assert capsys.readouterr().err == "tandem: diese Argumente fehlen: --workshop (siehe " \
                                      "„tandem --help“).\n"
    with pytest.raises(SystemExit):
        main(["results"])
    assert capsys.readouterr().err.startswith("tandem: the following arguments are required")


def test_without_the_option_messages_are_in_the_systems_language(cli, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "de")
    assert cli("workshops")[1].startswith("Es gibt noch keine Workshops")
    assert cli("--language", "en", "workshops")[1].startswith("No workshops yet.")
    assert i18n.current() == "en"


def test_an_unknown_language_is_refused_in_one_sentence_naming_the_known_ones(cli):
    code, out, err = cli("workshops", "--language", "fr")
    assert code == 2 and out == ""
    assert err == "tandem: Tandem does not speak “fr”; choose one of en (English), " \
                  "de (Deutsch).\n"


def test_the_help_in_german(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--language", "de", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "Workshops auflisten" in out and "diese Hilfe anzeigen und beenden" in out
    assert out.startswith("Aufruf: tandem")
    assert "list workshops" not in out and "show this help" not in out
    with pytest.raises(SystemExit):
        main(["export-pdf", "--help", "--language", "de"])
    out = capsys.readouterr().out
    assert "Papierformat" in out and "paper size" not in out
    assert i18n.current() == "en"


def test_an_export_writes_the_report_language_unless_the_command_names_one(
        cli, catalog, tmp_path, monkeypatch):
    store = Store.open(tmp_path / "cli.sqlite")
    german = create_demo_workshop(store, catalog.default())
    store.set_report_language(german.id, "de")
    store.close()
    monkeypatch.delenv("TANDEM_QUESTIONNAIRES")
    monkeypatch.setattr(i18n, "system_language", lambda: "en")  # messages: English
    code, out, err = cli("export-pdf", "--workshop", german.id, "--out", str(tmp_path / "a.pdf"))
    assert code == 0, err
    text = pdf_text(tmp_path / "a.pdf")
    assert "Wie die Zahlen berechnet werden" in text
    assert "How the numbers are computed" not in text
    code, _, err = cli("export-pdf", "--workshop", german.id, "--out", str(tmp_path / "b.pdf"),
                       "--language", "en")
    assert code == 0, err
    text = pdf_text(tmp_path / "b.pdf")
    assert "How the numbers are computed" in text
    assert "Wie die Zahlen berechnet werden" not in text


def test_the_plan_workbook_follows_the_report_language_unless_the_command_names_one(
        cli, tmp_path):
    from openpyxl import load_workbook

    _, out, _ = cli("--language", "de", "demo")  # made in German: its reports are German
    workshop = out.strip()
    assert cli("export-plan", "--workshop", workshop, "--out", str(tmp_path / "de.xlsx"))[0] == 0
    assert cli("export-plan", "--workshop", workshop, "--out", str(tmp_path / "en.xlsx"),
               "--language", "en")[0] == 0
    assert "Anleitung" in load_workbook(tmp_path / "de.xlsx").sheetnames
    assert "Read me" in load_workbook(tmp_path / "en.xlsx").sheetnames


def test_the_report_language_is_set_on_the_command_line(cli, tmp_path):
    workshop = cli("demo")[1].strip()
    code, out, err = cli("workshop-settings", "--workshop", workshop, "--report-language", "de")
    assert code == 0, err
    assert '"report_language": "de"' in out
    code, _, err = cli("export-pdf", "--workshop", workshop, "--out", str(tmp_path / "w.pdf"))
    assert code == 0, err
    assert "Zusammenfassung" in pdf_text(tmp_path / "w.pdf")
    with pytest.raises(SystemExit) as refused:
        cli("workshop-settings", "--workshop", workshop, "--report-language", "fr")
    assert refused.value.code == 2  # refused; the setting is unchanged
    assert '"report_language": "de"' in cli("workshop-settings", "--workshop", workshop)[1]
