"""The subcommands that read or change a workshop: list, demo, questionnaire, import,
follow-up, compare, results, the consensus round, self-check, the PIN and the workshop's
settings."""

from __future__ import annotations

import argparse
import sys

from ..errors import TandemError
from ..i18n import tr
from ..rules.dates import short_day_label
from .common import db_path, get_catalog, open_store, print_json


def cmd_workshops(args: argparse.Namespace) -> int:
    rows = open_store(args).workshops() if db_path(args).is_file() else []  # nothing made
    if args.json:
        print_json([{"id": w.id, "name": w.name, "organization": w.organization, "date": w.date,
                      "questionnaire": w.questionnaire_id, "participants": w.participants,
                      "completed": w.completed} for w in rows])
    elif not rows:
        print(tr("No workshops yet. Create one in the app, or run 'tandem demo'."))
    else:
        for w in rows:
            print(f"{w.id}  {short_day_label(w.date)}  " + _workshop_line(w))
    return 0


def _workshop_line(w) -> str:
    if w.organization:
        return tr("{name} ({organization}): {done}/{total} participants done", name=w.name,
                  organization=w.organization, done=w.completed, total=w.participants)
    return tr("{name} (no organisation): {done}/{total} participants done", name=w.name,
              done=w.completed, total=w.participants)


def cmd_demo(args: argparse.Namespace) -> int:
    from ..exchange.demo import demo_workshop

    catalog = get_catalog()
    workshop, made = demo_workshop(open_store(args, create=True), catalog.default())
    if not made:
        print(tr("The demo workshop was already there, so no second one was made; delete it "
                 "in the app for a fresh one."), file=sys.stderr)
    print(workshop.id)
    return 0


def cmd_questionnaire(args: argparse.Namespace) -> int:
    catalog = get_catalog()
    report = catalog.report(args.id)
    report["problems"] = catalog.problems
    print_json(report)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..exchange.bundle_import import import_bundle_file

    store = open_store(args, create=True)
    plan = import_bundle_file(store, args.file, get_catalog(),
                              restore_deleted=args.restore_deleted)
    print_json(plan.summary())
    return 0


def cmd_follow_up(args: argparse.Namespace) -> int:
    store, catalog = open_store(args), get_catalog()
    qid = args.questionnaire or store.workshop(args.baseline).questionnaire_id
    questionnaire = catalog.get(qid) if args.questionnaire or qid in catalog.questionnaires \
        else catalog.default()
    print(store.create_follow_up(args.baseline, questionnaire, args.name, args.date).id)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from ..analysis.series import load_comparison
    from ..reports.compare_report import comparison_report

    store, catalog = open_store(args), get_catalog()
    print_json(comparison_report(load_comparison(store, args.baseline, args.followup,
                                                  catalog.actions, catalog.editions)))
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from ..reports.results_report import results_report

    print_json(results_report(open_store(args), get_catalog(), args.workshop))
    return 0


def cmd_consensus(args: argparse.Namespace) -> int:
    from ..analysis.consensus_view import load_consensus, open_consensus
    from ..reports.consensus_report import consensus_json

    store = open_store(args)
    if args.step == "open":
        items = [i.strip() for i in args.items.split(",") if i.strip()] if args.items else None
        open_consensus(store, args.workshop, items)
    elif args.step == "close":
        store.close_round(args.workshop)
    elif args.step == "decide":
        if not args.item or args.status is None:
            raise TandemError(tr("consensus decide needs --item, --current, --target and "
                                 "--status."))
        store.decide(args.workshop, args.item, args.current, args.target, args.status,
                     args.note)
    library = {a.id for a in get_catalog().actions}
    print_json(consensus_json(load_consensus(store, args.workshop, library)))
    return 0


def cmd_self_check(args: argparse.Namespace) -> int:
    from ..self_check import run_self_check

    ok, lines = run_self_check()
    for line in lines:
        print(line)
    if not ok:
        raise TandemError(tr("The self-check failed: {failures}", failures="; ".join(
            line for line in lines if line.startswith("FAIL"))))
    return 0


def cmd_clear_pin(args: argparse.Namespace) -> int:
    """The facilitator's way back in when the PIN is forgotten: run where a participant at the
    hand-over screen cannot (a terminal), it removes the PIN, so leaving answering mode needs
    none; a PIN can be set again in the app."""
    store = open_store(args)
    workshop = store.workshop(args.workshop)
    had_pin = store.has_pin(workshop.id)
    store.set_pin(workshop.id, None)
    print_json({"workshop": workshop.id, "name": workshop.name, "had_pin": had_pin,
                 "pin": "cleared"})
    return 0


def cmd_workshop_settings(args: argparse.Namespace) -> int:
    """A workshop's settings, changed first where a flag asks: the privacy threshold applies
    at once to the screen, the PDFs, the workbook and the JSON; the report language to every
    PDF and workbook written after."""
    store = open_store(args)
    workshop = store.workshop(args.workshop)
    if args.privacy_threshold is not None:
        store.set_privacy_threshold(workshop.id, args.privacy_threshold)
    if args.report_language is not None:
        store.set_report_language(workshop.id, args.report_language)
    workshop = store.workshop(workshop.id)
    print_json({"workshop": workshop.id, "name": workshop.name,
                "privacy_threshold": workshop.privacy_threshold,
                "report_language": workshop.report_language})
    return 0
