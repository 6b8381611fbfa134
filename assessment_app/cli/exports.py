"""The subcommands that write or read a file: bundles, CSV, the aggregate extract, PDFs and
the plan workbook."""

from __future__ import annotations

import argparse

from .common import get_catalog, keep_comments, open_store, print_json


def cmd_export_bundle(args: argparse.Namespace) -> int:
    from ..exchange.bundle_export import export_bundle, write_bundle

    store = open_store(args)
    data = export_bundle(store, args.workshop, anonymise=args.anonymise,
                         keep_comments=keep_comments(args))
    write_bundle(data, args.out)
    print_json({"out": str(args.out), "participants": len(data["participants"]),
                 "answers": len(data["answers"])})
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    from ..exchange.csv_export import export_csv

    store = open_store(args)
    rows = export_csv(store, args.workshop, args.out, anonymise=args.anonymise,
                      keep_comments=keep_comments(args),
                      merge_small=args.merge_small_functions)
    print_json({"out": str(args.out), "rows": rows})
    return 0


def cmd_export_aggregate(args: argparse.Namespace) -> int:
    from ..exchange.aggregate import aggregate_extract, write_aggregate

    data = aggregate_extract(open_store(args), args.workshop)
    write_aggregate(data, args.out)
    withheld = sum("withheld" in cell for s in data["statements"]
                   for cell in s["functions"].values())
    print_json({"out": str(args.out), "statements": len(data["statements"]),
                 "withheld_cells": withheld})
    return 0


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from ..reports import build_handout_pdf, build_workshop_pdf

    store = open_store(args)
    from ..settings import PAPER

    paper = args.paper or PAPER.get()
    language = args.language  # --language, else the workshop's report language
    if args.participant:
        out = build_handout_pdf(store, get_catalog(), args.workshop, args.participant, args.out,
                                paper, language)
    else:
        out = build_workshop_pdf(store, get_catalog(), args.workshop, args.out, paper, language)
    print(out)
    return 0


def cmd_export_plan(args: argparse.Namespace) -> int:
    from ..analysis.plan import plan_state
    from ..exchange.plan_workbook import write_plan_workbook

    store = open_store(args)
    workshop = store.workshop(args.workshop)
    out = write_plan_workbook(store, workshop.id, get_catalog(), args.out,
                              args.language)  # --language, else the report language
    print_json({"out": str(out), "workshop": workshop.id,
                 "state": plan_state(store, workshop.id)})
    return 0


def cmd_import_plan(args: argparse.Namespace) -> int:
    from ..exchange.plan_workbook import import_plan_workbook

    store = open_store(args)
    workshop = store.workshop(args.workshop)
    print_json(import_plan_workbook(store, workshop.id, get_catalog().actions,
                                     args.file).as_json())
    return 0
