"""Start-up on a large database, warm and with a cold page cache: ``main.py --exit-when-shown``
(the normal start path, quit at the first paint) on a file of 500 workshops x 30 participants,
beside an empty file and a bare PySide6 window in the same run. "before" is the same start with
the whole-file check before the window (as every start did before issue 25: a file left by an
unclean shutdown still gets it).

    python benchmarks/startup_big_file.py [--runs 3] [--db FILE]

The file is made through the app's store (``big_file.py``: about 110 MB, cached in
``benchmarks/.cache``), unless ``--db`` names another. A cold page cache needs root (``sync``,
then ``echo 3 > /proc/sys/vm/drop_caches`` before each cold run, for every variant alike);
without root those rows say so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

START = """
import sys
from assessment_app.store import refusals
if sys.argv[2] == "before":
    refusals.unclean_shutdown = lambda path: True
from assessment_app.ui.app import run_app
sys.exit(run_app(sys.argv[1], exit_when_shown=True))
"""


def drop_caches() -> bool:
    if os.geteuid() != 0:
        return False
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")
    return True


def timed(command: list[str], env: dict[str, str], cold: bool) -> float:
    if cold:
        drop_caches()
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    from big_file import copy_of_big_file
    from common import BARE_WINDOW, bytecode_env

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**bytecode_env(folder), "HOME": str(folder),
               "PYTHONPATH": str(ROOT)}
        big = args.db
        if big is None:
            from assessment_app.content.catalog import load_catalog

            catalog = load_catalog()
            big = copy_of_big_file(folder, catalog.questionnaires["core"], catalog.actions)
        empty = folder / "empty.sqlite"
        bare_py = folder / "bare.py"
        bare_py.write_text(BARE_WINDOW)
        script = folder / "start.py"
        script.write_text(START)
        commands = {"bare window": [sys.executable, str(bare_py)],
                    "empty file": [sys.executable, str(script), str(empty), "now"],
                    "big file, before": [sys.executable, str(script), str(big), "before"],
                    "big file, now": [sys.executable, str(script), str(big), "now"]}
        for command in commands.values():  # compile the bytecode once, as installed
            timed(command, env, cold=False)
        cold_ok = os.geteuid() == 0
        times: dict[tuple[str, bool], list[float]] = {}
        for _ in range(args.runs):
            for cold in (False, True) if cold_ok else (False,):
                for name, command in commands.items():
                    times.setdefault((name, cold), []).append(timed(command, env, cold))
        size = big.stat().st_size / 2**20
        cold_note = ("yes (root: sync + drop_caches before each run)" if cold_ok
                     else "not measured (not root)")
        print(f"file: {size:.0f} MB; {args.runs} runs each, interleaved; cold cache: {cold_note}")
        print("| start-up to first paint | warm (median, min-max) | cold (median, min-max) |")
        print("|---|---|---|")
        for name in commands:
            cells = []
            for cold in (False, True):
                got = times.get((name, cold))
                cells.append(f"{statistics.median(got):.0f} ms ({min(got):.0f}-{max(got):.0f})"
                             if got else "not measured")
            print(f"| {name} | {cells[0]} | {cells[1]} |")
        base = {c: statistics.median(times[("empty file", c)]) for c in (False, True)
                if ("empty file", c) in times}
        for c, b in base.items():
            for name in ("big file, before", "big file, now"):
                extra = statistics.median(times[(name, c)]) - b
                print(f"{'cold' if c else 'warm'}: {name} {extra:+.0f} ms over the empty file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
