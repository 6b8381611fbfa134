"""The ``tandem`` command: with no subcommand it opens the window; with one it runs a single job
without a window, prints JSON where it reports, and on failure prints one plain sentence to
stderr with a non-zero exit status (never a traceback)."""

from __future__ import annotations

import os
import sys

from .. import i18n
from ..errors import TandemError
from ..i18n import tr
from . import commands, exports
from .parser import EXIT_USAGE, UnknownLanguage, asked_language, build_parser, read_arguments
from .serve import cmd_serve

__all__ = ["EXIT_ERROR", "EXIT_UNEXPECTED", "EXIT_USAGE", "build_parser", "main", "one_line",
           "unexpected"]

EXIT_ERROR = 1
EXIT_UNEXPECTED = 70

COMMANDS = {
    "workshops": commands.cmd_workshops, "demo": commands.cmd_demo,
    "questionnaire": commands.cmd_questionnaire, "import": commands.cmd_import,
    "follow-up": commands.cmd_follow_up, "compare": commands.cmd_compare,
    "results": commands.cmd_results, "consensus": commands.cmd_consensus,
    "self-check": commands.cmd_self_check, "clear-pin": commands.cmd_clear_pin,
    "workshop-settings": commands.cmd_workshop_settings,
    "export-bundle": exports.cmd_export_bundle, "export-csv": exports.cmd_export_csv,
    "export-aggregate": exports.cmd_export_aggregate, "export-pdf": exports.cmd_export_pdf,
    "export-plan": exports.cmd_export_plan, "import-plan": exports.cmd_import_plan,
    "serve": cmd_serve,
}

MESSAGE_MAX_CHARS = 600  # a sentence is about 300; past this, a value was quoted whole


def one_line(message: str) -> str:
    """A message as the terminal shows it: on one line and, whatever a bug let through, short
    (the start of an overlong message and an ellipsis)."""
    flat = " ".join(message.split())
    return flat if len(flat) <= MESSAGE_MAX_CHARS else flat[:MESSAGE_MAX_CHARS] + "…"


def unexpected(exc: BaseException) -> str:
    """The sentence for a failure no check foresaw (a bug): what kind, and how to see more."""
    detail = one_line(f"{type(exc).__name__}: {exc}")[:120]
    return tr("unexpected error ({detail}); set TANDEM_DEBUG=1 to see the details.",
              detail=detail)


def main(argv: list[str] | None = None) -> int:
    """Run one command in its language: ``--language CODE`` when given, else the system's. The
    process's language is as it was once it returns (tests and scripts call ``main`` again)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    before = i18n.process_language()
    i18n.use(i18n.system_language())
    try:
        code = asked_language(argv)
        if code is not None:
            i18n.use(code)
        return _run(argv, code)
    except UnknownLanguage as exc:
        sys.stderr.write(f"tandem: {exc}\n")
        return EXIT_USAGE
    finally:
        i18n.use(before)


def _run(argv: list[str], language: str | None) -> int:
    """``language``: the code ``--language`` gave, or None, so an export keeps the workshop's
    report language."""
    args = read_arguments(argv)
    args.language = language
    if args.command is None:
        from ..ui.display import display_problem

        problem = display_problem()
        if problem:
            sys.stderr.write(f"tandem: {problem}\n")
            return EXIT_ERROR
        from ..ui.app import run_app

        return run_app(db_path=args.db, exit_when_shown=args.exit_when_shown)
    try:
        return COMMANDS[args.command](args)
    except TandemError as exc:
        sys.stderr.write(f"tandem: {one_line(str(exc))}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("tandem: " + tr("The command was interrupted.") + "\n")
        return 130
    except Exception as exc:  # the promise is: never a traceback
        if os.environ.get("TANDEM_DEBUG"):
            raise
        sys.stderr.write(f"tandem: {unexpected(exc)}\n")
        return EXIT_UNEXPECTED
