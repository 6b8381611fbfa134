"""The wheel carries every file Tandem reads: the code, and the questionnaires and resources the
source tree keeps at its top level, each in its place inside the package."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _files_under(folder: Path, prefix: str) -> set[str]:
    return {f"{prefix}/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def test_the_wheel_holds_every_questionnaire_font_style_and_module(tmp_path):
    # Built from a copy, so no earlier build/ folder can slip stale files into the wheel.
    source = tmp_path / "source"
    for name in ("assessment_app", "questionnaires", "resources"):
        shutil.copytree(ROOT / name, source / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                            str(tmp_path / "wheel"), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    shipped = {n for n in zipfile.ZipFile(wheel).namelist() if not n.endswith("/")
               and ".dist-info/" not in n}

    expected = (_files_under(ROOT / "assessment_app", "assessment_app")
                | _files_under(ROOT / "questionnaires", "assessment_app/questionnaires")
                | _files_under(ROOT / "resources", "assessment_app/resources"))
    assert {"assessment_app/questionnaires/core.yaml",
            "assessment_app/resources/fonts/DejaVuSans.ttf",
            "assessment_app/resources/styles/tandem.qss"} <= expected
    assert sorted(expected - shipped) == []  # nothing the app reads is left out
    assert sorted(shipped - expected) == []  # and no second copy of anything
