"""The ``tandem`` command's arguments: every subcommand and flag, with its help."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from ..i18n import tr
from ..rules.privacy import HIGHEST_THRESHOLD, PRIVACY_THRESHOLD

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one sentence, not a usage dump
        sys.stderr.write(f"tandem: {message} (see 'tandem --help').\n")
        raise SystemExit(EXIT_USAGE)


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (start-up skips the TOML parse)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from .. import __version__

        parser.exit(message=f"Tandem {__version__}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tandem", description="Tandem: the marketing-and-IT alignment "
                                                "workshop. With no subcommand, opens the app.")
    parser.add_argument("--db", type=Path, help="the database file (default: one file in your "
                                                "per-user data folder)")
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="show Tandem's version and exit")
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("workshops", help="list workshops")
    p.add_argument("--json", action="store_true", help="print JSON")
    sub.add_parser("demo", help="create the demo workshop (unless it is there) and print its id")
    p = sub.add_parser("questionnaire", help="print a questionnaire with its actions and glossary")
    p.add_argument("--json", action="store_true", help="print JSON (the only format)")
    p.add_argument("--id", help="questionnaire id (default: core)")
    p = sub.add_parser("import", help="import (merge) a workshop bundle; prints what was added, "
                                      "changed and skipped, and why")
    p.add_argument("file", type=Path)
    p.add_argument("--restore-deleted", action="store_true",
                   help="bring back workshops and participants the bundle has but that were "
                        "deleted (here or on another laptop) after it was made; without it "
                        "they are skipped")
    for name, helptext in (("export-bundle", "write a workshop bundle (JSON)"),
                           ("export-csv", "write all answers as CSV")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--workshop", required=True, help="workshop id")
        p.add_argument("--out", required=True, type=Path, help="output file")
        p.add_argument("--anonymise", "--anonymize", action="store_true",
                       help="for a third party: fresh random ids, 'Marketing 1', 'IT 2'... "
                            "for names, no titles or organisation, times cut to the workshop "
                            "date, rows shuffled; comments and plan notes left out")
        comments = p.add_mutually_exclusive_group()
        comments.add_argument("--drop-comments", action="store_true",
                              help="leave comments and plan notes out (with or without "
                                   "--anonymise)")
        comments.add_argument("--keep-comments", action="store_true",
                              help="with --anonymise, keep comments and plan notes, every "
                                   "name, title and organisation in them replaced")
        if name == "export-csv":
            p.add_argument("--merge-small-functions", action="store_true",
                           help="with --anonymise, when a function has fewer respondents than "
                                "the privacy threshold (3 unless raised), put everyone under 'all "
                                "respondents' instead of refusing")
    p = sub.add_parser("export-aggregate", help="write counts only, per statement and "
                                                "function, withheld under the privacy "
                                                "threshold: for sharing beyond the firm (JSON)")
    p.add_argument("--workshop", required=True, help="workshop id")
    p.add_argument("--out", required=True, type=Path, help="output file (.json)")
    p = sub.add_parser("follow-up", help="start a follow-up of a workshop (same organisation, "
                                         "its participants copied) and print its id")
    p.add_argument("--baseline", required=True, help="the workshop it follows up")
    p.add_argument("--questionnaire", help="questionnaire id (default: the baseline's, else core)")
    p.add_argument("--name", default="", help="name (default: the baseline's, as a follow-up)")
    p.add_argument("--date", help="date as YYYY-MM-DD (default: today)")
    p = sub.add_parser("compare", help="compare a follow-up with an earlier workshop: change, "
                                       "progress to target and the plan's tests (JSON)")
    p.add_argument("--json", action="store_true", help="print JSON (the only format)")
    p.add_argument("--baseline", required=True, help="the earlier workshop's id")
    p.add_argument("--followup", required=True, help="the later workshop's id")
    p = sub.add_parser("results", help="print a workshop's scores, gaps and ranked actions")
    p.add_argument("--json", action="store_true", help="print JSON (the only format)")
    p.add_argument("--workshop", required=True, help="workshop id")
    p = sub.add_parser("consensus", help="the consensus round: print its state, triage, "
                                         "decisions and votes; open it, record a decision, "
                                         "close it")
    p.add_argument("step", nargs="?", choices=("open", "decide", "close"))
    p.add_argument("--workshop", required=True, help="workshop id")
    p.add_argument("--json", action="store_true", help="print JSON (the only format)")
    p.add_argument("--items", help="open: the statements to re-rate, in order (A,B,...; "
                                   "default: triage's top 6)")
    p.add_argument("--item", help="decide: the statement")
    p.add_argument("--current", type=int, help="decide: the agreed level today (1-5)")
    p.add_argument("--target", type=int, help="decide: the agreed target level (1-5)")
    p.add_argument("--status", choices=("agreed", "dissent", "deferred"), help="decide")
    p.add_argument("--note", default="", help="decide: rationale, who brings the evidence")
    p = sub.add_parser("export-pdf", help="write the workshop action plan PDF, or one "
                                          "participant's handout")
    p.add_argument("--workshop", required=True, help="workshop id")
    p.add_argument("--out", required=True, type=Path, help="output file (.pdf)")
    p.add_argument("--participant", help="participant id: write that person's handout instead")
    p.add_argument("--paper", choices=("a4", "letter"), type=str.lower,
                   help="paper size (default: the app's setting, else the local norm)")
    p = sub.add_parser("export-plan", help="write the workshop's plan as an Excel workbook to "
                                           "finish after the workshop")
    p.add_argument("--workshop", required=True, help="workshop id")
    p.add_argument("--out", required=True, type=Path, help="output file (.xlsx)")
    p = sub.add_parser("import-plan", help="read an edited plan workbook back, all or nothing; "
                                           "prints what changed")
    p.add_argument("--workshop", required=True, help="workshop id")
    p.add_argument("file", type=Path, help="the edited workbook (.xlsx)")
    sub.add_parser("self-check", help="load everything and write test files to a temporary "
                                      "folder; exit 0 if all is well")
    p = sub.add_parser("clear-pin", help="remove a workshop's facilitator PIN (for a forgotten "
                                         "PIN; the wrong-PIN wait is cleared too)")
    p.add_argument("--workshop", required=True, help="workshop id (see 'tandem workshops')")
    p = sub.add_parser("workshop-settings", help=tr("show a workshop's settings, or change "
                                                    "them; prints them (JSON)"))
    p.add_argument("--workshop", required=True, help=tr("workshop id (see 'tandem workshops')"))
    p.add_argument("--privacy-threshold", type=int, metavar="N",
                   help=tr("withhold every figure that rests on fewer than N people's answers "
                           "({lowest} to {highest}; {lowest} by default)",
                           lowest=PRIVACY_THRESHOLD, highest=HIGHEST_THRESHOLD))
    p = sub.add_parser("serve", help="let the participants answer on their own phones over the "
                                     "local network; prints one JSON line with the links once "
                                     "listening, serves until interrupted")
    p.add_argument("--workshop", required=True, help="workshop id (see 'tandem workshops')")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, this computer only; use one "
                        "of its network addresses, or 0.0.0.0 for all, to let phones in)")
    p.add_argument("--port", type=int, default=0, help="port (default 0: any free one)")
    return parser
