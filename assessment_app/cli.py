"""The ``tandem`` command: with no subcommand it opens the window; with one it runs a single job
without a window, prints JSON where it reports, and on failure prints one plain sentence to
stderr with a non-zero exit status (never a traceback)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from .errors import TandemError

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 70


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one sentence, not a usage dump
        sys.stderr.write(f"tandem: {message} (see 'tandem --help').\n")
        raise SystemExit(EXIT_USAGE)


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (start-up skips the TOML parse)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from . import __version__

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
                                "the privacy threshold (3), put everyone under 'all "
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
    p = sub.add_parser("serve", help="let the participants answer on their own phones over the "
                                     "local network; prints one JSON line with the links once "
                                     "listening, serves until interrupted")
    p.add_argument("--workshop", required=True, help="workshop id (see 'tandem workshops')")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, this computer only; use one "
                        "of its network addresses, or 0.0.0.0 for all, to let phones in)")
    p.add_argument("--port", type=int, default=0, help="port (default 0: any free one)")
    return parser


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _open_store(args: argparse.Namespace):
    from . import paths
    from .store.database import Store

    return Store.open(args.db or paths.default_db_path())


def _catalog():
    from .content.catalog import load_catalog

    return load_catalog()


def cmd_workshops(args: argparse.Namespace) -> int:
    store = _open_store(args)
    rows = store.workshops()
    if args.json:
        _print_json([{"id": w.id, "name": w.name, "organization": w.organization, "date": w.date,
                      "questionnaire": w.questionnaire_id, "participants": w.participants,
                      "completed": w.completed} for w in rows])
    elif not rows:
        print("No workshops yet. Create one in the app, or run 'tandem demo'.")
    else:
        for w in rows:
            print(f"{w.id}  {w.date}  {w.name} ({w.organization or 'no organisation'}): "
                  f"{w.completed}/{w.participants} participants done")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .exchange.demo import demo_workshop

    catalog = _catalog()
    workshop, made = demo_workshop(_open_store(args), catalog.default())
    if not made:
        print("The demo workshop was already there, so no second one was made; delete it in "
              "the app for a fresh one.", file=sys.stderr)
    print(workshop.id)
    return 0


def cmd_questionnaire(args: argparse.Namespace) -> int:
    catalog = _catalog()
    report = catalog.report(args.id)
    report["problems"] = catalog.problems
    _print_json(report)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .exchange.bundle_import import import_bundle_file

    store = _open_store(args)
    plan = import_bundle_file(store, args.file, _catalog(),
                              restore_deleted=args.restore_deleted)
    _print_json(plan.summary())
    return 0


def _keep_comments(args: argparse.Namespace) -> bool | None:
    """--drop-comments, --keep-comments, or neither: the export's default (kept unless
    anonymised)."""
    return False if args.drop_comments else True if args.keep_comments else None


def cmd_export_bundle(args: argparse.Namespace) -> int:
    from .exchange.bundle_export import export_bundle, write_bundle

    store = _open_store(args)
    data = export_bundle(store, args.workshop, anonymise=args.anonymise,
                         keep_comments=_keep_comments(args))
    write_bundle(data, args.out)
    _print_json({"out": str(args.out), "participants": len(data["participants"]),
                 "answers": len(data["answers"])})
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    from .exchange.csv_export import export_csv

    store = _open_store(args)
    rows = export_csv(store, args.workshop, args.out, anonymise=args.anonymise,
                      keep_comments=_keep_comments(args),
                      merge_small=args.merge_small_functions)
    _print_json({"out": str(args.out), "rows": rows})
    return 0


def cmd_export_aggregate(args: argparse.Namespace) -> int:
    from .exchange.aggregate import aggregate_extract, write_aggregate

    data = aggregate_extract(_open_store(args), args.workshop)
    write_aggregate(data, args.out)
    withheld = sum("withheld" in cell for s in data["statements"]
                   for cell in s["functions"].values())
    _print_json({"out": str(args.out), "statements": len(data["statements"]),
                 "withheld_cells": withheld})
    return 0


def cmd_follow_up(args: argparse.Namespace) -> int:
    store, catalog = _open_store(args), _catalog()
    qid = args.questionnaire or store.workshop(args.baseline).questionnaire_id
    questionnaire = catalog.get(qid) if args.questionnaire or qid in catalog.questionnaires \
        else catalog.default()
    print(store.create_follow_up(args.baseline, questionnaire, args.name, args.date).id)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .analysis.series import load_comparison
    from .reports.compare_report import comparison_report

    store, catalog = _open_store(args), _catalog()
    _print_json(comparison_report(load_comparison(store, args.baseline, args.followup,
                                                  catalog.actions, catalog.editions)))
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from .reports.results_report import results_report

    _print_json(results_report(_open_store(args), _catalog(), args.workshop))
    return 0


def cmd_consensus(args: argparse.Namespace) -> int:
    from .analysis.consensus_view import load_consensus, open_consensus
    from .reports.consensus_report import consensus_json

    store = _open_store(args)
    if args.step == "open":
        items = [i.strip() for i in args.items.split(",") if i.strip()] if args.items else None
        open_consensus(store, args.workshop, items)
    elif args.step == "close":
        store.close_round(args.workshop)
    elif args.step == "decide":
        if not args.item or args.status is None:
            raise TandemError("consensus decide needs --item, --current, --target and "
                              "--status.")
        store.decide(args.workshop, args.item, args.current, args.target, args.status,
                     args.note)
    _print_json(consensus_json(load_consensus(store, args.workshop)))
    return 0


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from .reports import build_handout_pdf, build_workshop_pdf
    from .settings import PAPER

    store = _open_store(args)
    paper = args.paper or PAPER.get()
    language = vars(args).get("language")  # --language, else the workshop's report language
    if args.participant:
        out = build_handout_pdf(store, _catalog(), args.workshop, args.participant, args.out,
                                paper, language)
    else:
        out = build_workshop_pdf(store, _catalog(), args.workshop, args.out, paper, language)
    print(out)
    return 0


def cmd_export_plan(args: argparse.Namespace) -> int:
    from .analysis.plan import plan_state
    from .exchange.plan_workbook import write_plan_workbook

    store = _open_store(args)
    workshop = store.workshop(args.workshop)
    out = write_plan_workbook(store, workshop.id, _catalog().actions, args.out,
                              vars(args).get("language"))  # else the report language
    _print_json({"out": str(out), "workshop": workshop.id,
                 "state": plan_state(store, workshop.id)})
    return 0


def cmd_import_plan(args: argparse.Namespace) -> int:
    from .exchange.plan_workbook import import_plan_workbook

    store = _open_store(args)
    workshop = store.workshop(args.workshop)
    _print_json(import_plan_workbook(store, workshop.id, _catalog().actions,
                                     args.file).as_json())
    return 0


def cmd_self_check(args: argparse.Namespace) -> int:
    from .self_check import run_self_check

    ok, lines = run_self_check()
    for line in lines:
        print(line)
    if not ok:
        raise TandemError("Self-check failed: " + "; ".join(
            line for line in lines if line.startswith("FAIL")))
    return 0


def cmd_clear_pin(args: argparse.Namespace) -> int:
    """The facilitator's way back in when the PIN is forgotten: run where a participant at the
    hand-over screen cannot (a terminal), it removes the PIN, so leaving answering mode needs
    none; a PIN can be set again in the app."""
    store = _open_store(args)
    workshop = store.workshop(args.workshop)
    had_pin = store.has_pin(workshop.id)
    store.set_pin(workshop.id, None)
    _print_json({"workshop": workshop.id, "name": workshop.name, "had_pin": had_pin,
                 "pin": "cleared"})
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the answering pages until SIGINT or SIGTERM, then stop listening and exit 0."""
    import signal
    import threading

    from . import paths
    from .web.server import AnswerServer

    db = args.db or paths.default_db_path()
    if not db.is_file():  # a mistyped --db: refused before anything is created
        raise TandemError(f"There is no Tandem database at {db}; check --db (serve never "
                          "creates one).")
    store = _open_store(args)
    try:
        workshop = store.workshop(args.workshop)
        participants = store.participants(workshop.id)
    finally:
        store.close()
    server = AnswerServer(db, workshop.id, _catalog(),
                          host=args.host, port=args.port)
    stop = threading.Event()
    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in handled}
    try:
        server.start()
        print(json.dumps({"url": server.url, "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "url": server.join_url(p.id)}
            for p in participants]}, ensure_ascii=False), flush=True)
        while not stop.wait(0.5):
            if not server.running:
                raise TandemError("The answering server stopped unexpectedly.")
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


COMMANDS = {
    "workshops": cmd_workshops, "demo": cmd_demo, "questionnaire": cmd_questionnaire,
    "import": cmd_import, "export-bundle": cmd_export_bundle, "export-csv": cmd_export_csv,
    "export-aggregate": cmd_export_aggregate,
    "results": cmd_results, "export-pdf": cmd_export_pdf, "self-check": cmd_self_check,
    "clear-pin": cmd_clear_pin, "serve": cmd_serve, "export-plan": cmd_export_plan,
    "import-plan": cmd_import_plan, "consensus": cmd_consensus,
    "follow-up": cmd_follow_up,
    "compare": cmd_compare,
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
    return f"unexpected error ({detail}); set TANDEM_DEBUG=1 to see the details."


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from .ui.display import display_problem

        problem = display_problem()
        if problem:
            sys.stderr.write(f"tandem: {problem}\n")
            return EXIT_ERROR
        from .ui.app import run_app

        return run_app(db_path=args.db, exit_when_shown=args.exit_when_shown)
    try:
        return COMMANDS[args.command](args)
    except TandemError as exc:
        sys.stderr.write(f"tandem: {one_line(str(exc))}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("tandem: interrupted.\n")
        return 130
    except Exception as exc:  # the promise is: never a traceback
        if os.environ.get("TANDEM_DEBUG"):
            raise
        sys.stderr.write(f"tandem: {unexpected(exc)}\n")
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    raise SystemExit(main())
