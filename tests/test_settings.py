"""One settings registry for the window and the command line: the paper size chosen in the app
is the one `tandem export-pdf` uses, and both default by the system's locale."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from assessment_app import settings
from assessment_app.cli import main
from assessment_app.settings import PAPER, default_paper

from .conftest import MINI_DIR


@pytest.mark.parametrize(("name", "paper"), [
    ("en_US.UTF-8", "letter"), ("fr_CA", "letter"), ("English_United States", "letter"),
    ("en_GB.UTF-8", "a4"), ("de_DE", "a4"), ("C", "a4"), ("", "a4"),
])
def test_the_default_paper_follows_the_locale(name, paper):
    assert default_paper(name) == paper


def test_the_window_and_the_command_line_share_the_paper_size(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TANDEM_QUESTIONNAIRES", str(MINI_DIR))
    monkeypatch.setattr(settings, "default_paper", lambda: "a4")
    db = str(tmp_path / "t.sqlite")
    assert main(["--db", db, "demo"]) == 0
    workshop = capsys.readouterr().out.strip()

    def page_width(name: str) -> float:
        out = tmp_path / name
        assert main(["--db", db, "export-pdf", "--workshop", workshop, "--out", str(out)]) == 0
        return float(PdfReader(out).pages[0].mediabox.width)

    assert PAPER.get() == "a4" and round(page_width("a4.pdf")) == 595
    PAPER.set("letter")  # what File > PDF paper size does
    assert PAPER.get() == "letter" and round(page_width("letter.pdf")) == 612


def test_an_unreadable_settings_file_gives_the_defaults(tmp_path, monkeypatch):
    from assessment_app import paths

    (paths.data_dir()).mkdir(parents=True, exist_ok=True)
    (paths.data_dir() / settings.SETTINGS_FILE).write_bytes(b"\xff\xfe[[[not ini")
    monkeypatch.setattr(settings, "default_paper", lambda: "letter")
    assert PAPER.get() == "letter"
    with pytest.raises(ValueError):
        PAPER.set("a3")


def test_a_settings_write_cut_short_keeps_the_earlier_preferences(monkeypatch):
    """A full disk mid-write: the settings file keeps what it held, never half a file."""
    import builtins
    from pathlib import Path

    from assessment_app.settings import LAST_FOLDER

    PAPER.set("letter")
    LAST_FOLDER.set("/somewhere")
    real_open, real_write_bytes = builtins.open, Path.write_bytes

    class HalfFile:
        """A file written in text mode that takes half of what is written, then fails."""

        def __init__(self, path):
            self.handle = real_open(path, "w", encoding="utf-8")

        def write(self, text):
            self.handle.write(text[: len(text) // 2])
            self.handle.close()
            raise OSError(28, "No space left on device")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def cut_open(path, mode="r", *args, **kwargs):
        return HalfFile(path) if "w" in mode else real_open(path, mode, *args, **kwargs)

    def cut_write_bytes(path, data):
        real_write_bytes(path, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(builtins, "open", cut_open)
        m.setattr(Path, "write_bytes", cut_write_bytes)
        PAPER.set("a4")
    assert PAPER.get() == "letter" and LAST_FOLDER.get() == "/somewhere"
