"""The ``tandem`` command's arguments: every subcommand and flag, with its help, in the
command's language (the parser is built after ``--language`` is read, so ``tr`` runs then)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from .. import i18n
from ..i18n import N_, tr
from ..rules.privacy import HIGHEST_THRESHOLD, PRIVACY_THRESHOLD

EXIT_USAGE = 2


# argparse's own words a user of ``tandem`` can meet (usage, section titles, its refusals),
# marked so the catalogue has them: argparse looks each up through its module's ``_`` as it
# writes it, and ``_argparse_speaking`` points that at ``tr`` while the arguments are read.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("expected one argument"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"), N_("ambiguous option: %(option)s could match %(matches)s"))


@contextmanager
def _argparse_speaking() -> Iterator[None]:
    names = vars(argparse)  # argparse's globals: its gettext ``_`` is looked up there per use
    original = names["_"]
    names["_"] = tr
    try:
        yield
    finally:
        names["_"] = original


class _Parser(argparse.ArgumentParser):
    """argparse's parser, its refusals one sentence."""

    def error(self, message: str) -> NoReturn:
        _refuse(message)


def _refuse(message: str) -> NoReturn:
    """A usage error as one sentence, not a usage dump."""
    sys.stderr.write("tandem: " + tr("{problem} (see 'tandem --help').", problem=message) + "\n")
    raise SystemExit(EXIT_USAGE)


class _LanguageOnly(argparse.ArgumentParser):
    """Reads ``--language`` alone, before the command's parser is built in that language."""

    def error(self, message: str) -> NoReturn:
        _refuse(message)


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (start-up skips the TOML parse)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from .. import __version__

        parser.exit(message=f"Tandem {__version__}\n")


class UnknownLanguage(ValueError):
    """A ``--language`` code Tandem does not speak; the message is one sentence naming the
    known ones."""


def _known_codes() -> str:
    return ", ".join(f"{code} ({name})" for code, name in i18n.LANGUAGES.items())


def asked_language(argv: list[str]) -> str | None:
    """The code ``--language`` asks for anywhere in ``argv`` (before or after the subcommand),
    or None when it is not given; ``UnknownLanguage`` for a code Tandem does not speak (said in
    the language the command would otherwise speak)."""
    early = _LanguageOnly(add_help=False)
    early.add_argument("--language")
    with _argparse_speaking():
        code = early.parse_known_args(argv)[0].language
    if code is not None and not i18n.known(code):
        raise UnknownLanguage(tr("Tandem does not speak “{code}”; choose one of {codes}.",
                                 code=code, codes=_known_codes()))
    return code


def _add_language(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--language", metavar="CODE", default=default, help=tr(
        "the language of the messages, and of the PDF or workbook an export writes: {codes} "
        "(default: the system's for messages, the workshop's report language for files)",
        codes=_known_codes()))


def read_arguments(argv: list[str]) -> argparse.Namespace:
    """``argv`` read by the command's parser, its help and refusals in the current language."""
    with _argparse_speaking():
        return build_parser().parse_args(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tandem", description=tr(
        "Tandem: the marketing-and-IT alignment workshop. With no subcommand, opens the app."))
    parser.add_argument("--db", type=Path, help=tr(
        "the database file (default: one file in your per-user data folder)"))
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help=tr("show Tandem's version and exit"))
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    _add_language(parser, None)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    workshop_id, see_workshops = tr("workshop id"), tr("workshop id (see 'tandem workshops')")
    json_only = tr("print JSON (the only format)")

    p = sub.add_parser("workshops", help=tr("list workshops"))
    p.add_argument("--json", action="store_true", help=tr("print JSON"))
    sub.add_parser("demo", help=tr(
        "create the demo workshop (unless it is there) and print its id"))
    p = sub.add_parser("questionnaire", help=tr(
        "print a questionnaire with its actions and glossary"))
    p.add_argument("--json", action="store_true", help=json_only)
    p.add_argument("--id", help=tr("questionnaire id (default: core)"))
    p = sub.add_parser("import", help=tr(
        "import (merge) a workshop bundle; prints what was added, changed and skipped, and why"))
    p.add_argument("file", type=Path)
    p.add_argument("--restore-deleted", action="store_true", help=tr(
        "bring back workshops and participants the bundle has but that were deleted (here or "
        "on another laptop) after it was made; without it they are skipped"))
    for name, helptext in (("export-bundle", N_("write a workshop bundle (JSON)")),
                           ("export-csv", N_("write all answers as CSV"))):
        p = sub.add_parser(name, help=tr(helptext))
        p.add_argument("--workshop", required=True, help=workshop_id)
        p.add_argument("--out", required=True, type=Path, help=tr("output file"))
        p.add_argument("--anonymise", "--anonymize", action="store_true", help=tr(
            "for a third party: fresh random ids, 'Marketing 1', 'IT 2'... for names, no "
            "titles or organisation, times cut to the workshop date, rows shuffled; comments "
            "and plan notes left out"))
        comments = p.add_mutually_exclusive_group()
        comments.add_argument("--drop-comments", action="store_true", help=tr(
            "leave comments and plan notes out (with or without --anonymise)"))
        comments.add_argument("--keep-comments", action="store_true", help=tr(
            "with --anonymise, keep comments and plan notes, every name, title and organisation "
            "in them replaced"))
        if name == "export-csv":
            p.add_argument("--merge-small-functions", action="store_true", help=tr(
                "with --anonymise, when a function has fewer respondents than the privacy "
                "threshold ({lowest} unless raised), put everyone under 'all respondents' "
                "instead of refusing", lowest=PRIVACY_THRESHOLD))
    p = sub.add_parser("export-aggregate", help=tr(
        "write counts only, per statement and function, withheld under the privacy threshold: "
        "for sharing beyond the firm (JSON)"))
    p.add_argument("--workshop", required=True, help=workshop_id)
    p.add_argument("--out", required=True, type=Path, help=tr("output file (.json)"))
    p = sub.add_parser("follow-up", help=tr(
        "start a follow-up of a workshop (same organisation, its participants copied) and "
        "print its id"))
    p.add_argument("--baseline", required=True, help=tr("the workshop it follows up"))
    p.add_argument("--questionnaire", help=tr(
        "questionnaire id (default: the baseline's, else core)"))
    p.add_argument("--name", default="", help=tr(
        "name (default: the baseline's, as a follow-up)"))
    p.add_argument("--date", help=tr("date as YYYY-MM-DD (default: today)"))
    p = sub.add_parser("compare", help=tr(
        "compare a follow-up with an earlier workshop: change, progress to target and the "
        "plan's tests (JSON)"))
    p.add_argument("--json", action="store_true", help=json_only)
    p.add_argument("--baseline", required=True, help=tr("the earlier workshop's id"))
    p.add_argument("--followup", required=True, help=tr("the later workshop's id"))
    p = sub.add_parser("results", help=tr("print a workshop's scores, gaps and ranked actions"))
    p.add_argument("--json", action="store_true", help=json_only)
    p.add_argument("--workshop", required=True, help=workshop_id)
    p = sub.add_parser("consensus", help=tr(
        "the consensus round: print its state, triage, decisions and votes; open it, record a "
        "decision, close it"))
    p.add_argument("step", nargs="?", choices=("open", "decide", "close"))
    p.add_argument("--workshop", required=True, help=workshop_id)
    p.add_argument("--json", action="store_true", help=json_only)
    p.add_argument("--items", help=tr(
        "open: the statements to re-rate, in order (A,B,...; default: triage's top 6)"))
    p.add_argument("--item", help=tr("decide: the statement"))
    p.add_argument("--current", type=int, help=tr("decide: the agreed level today (1-5)"))
    p.add_argument("--target", type=int, help=tr("decide: the agreed target level (1-5)"))
    p.add_argument("--status", choices=("agreed", "dissent", "deferred"),
                   help=tr("decide: how the room decided"))
    p.add_argument("--note", default="", help=tr("decide: rationale, who brings the evidence"))
    p = sub.add_parser("export-pdf", help=tr(
        "write the workshop action plan PDF, or one participant's handout"))
    p.add_argument("--workshop", required=True, help=workshop_id)
    p.add_argument("--out", required=True, type=Path, help=tr("output file (.pdf)"))
    p.add_argument("--participant", help=tr(
        "participant id: write that person's handout instead"))
    p.add_argument("--paper", choices=("a4", "letter"), type=str.lower, help=tr(
        "paper size (default: the app's setting, else the local norm)"))
    p = sub.add_parser("export-plan", help=tr(
        "write the workshop's plan as an Excel workbook to finish after the workshop"))
    p.add_argument("--workshop", required=True, help=workshop_id)
    p.add_argument("--out", required=True, type=Path, help=tr("output file (.xlsx)"))
    p = sub.add_parser("import-plan", help=tr(
        "read an edited plan workbook back, all or nothing; prints what changed"))
    p.add_argument("--workshop", required=True, help=workshop_id)
    p.add_argument("file", type=Path, help=tr("the edited workbook (.xlsx)"))
    sub.add_parser("self-check", help=tr(
        "load everything and write test files to a temporary folder; exit 0 if all is well"))
    p = sub.add_parser("clear-pin", help=tr(
        "remove a workshop's facilitator PIN (for a forgotten PIN; the wrong-PIN wait is "
        "cleared too)"))
    p.add_argument("--workshop", required=True, help=see_workshops)
    p = sub.add_parser("workshop-settings", help=tr(
        "show a workshop's settings, or change them; prints them (JSON)"))
    p.add_argument("--workshop", required=True, help=see_workshops)
    p.add_argument("--privacy-threshold", type=int, metavar="N", help=tr(
        "withhold every figure that rests on fewer than N people's answers ({lowest} to "
        "{highest}; {lowest} by default)", lowest=PRIVACY_THRESHOLD, highest=HIGHEST_THRESHOLD))
    p.add_argument("--report-language", choices=list(i18n.LANGUAGES), metavar="CODE", help=tr(
        "the language the workshop's PDFs and plan workbook are written in ({choices}); a "
        "command's --language still overrides it", choices=", ".join(i18n.LANGUAGES)))
    p = sub.add_parser("serve", help=tr(
        "let the participants answer on their own phones over the local network; prints one "
        "JSON line with the links once listening, serves until interrupted"))
    p.add_argument("--workshop", required=True, help=see_workshops)
    p.add_argument("--host", default="127.0.0.1", help=tr(
        "address to listen on (default 127.0.0.1, this computer only; use one of its network "
        "addresses, or 0.0.0.0 for all, to let phones in)"))
    p.add_argument("--port", type=int, default=0, help=tr("port (default 0: any free one)"))
    for command in sub.choices.values():  # --language after the subcommand too
        _add_language(command, argparse.SUPPRESS)
    return parser
