"""``tandem self-check``: proves an installation works end to end, in a temporary folder, so
support can ask a facilitator to run one command and read back what is broken. Each line starts
with OK or FAIL in every language (support and ``tandem self-check`` read those), then says what
in the command's language."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .errors import TandemError
from .i18n import tr


def ok(sentence: str) -> str:
    return f"OK {sentence}"


def fail(sentence: str) -> str:
    return f"FAIL {sentence}"


def _check_pdf(store, catalog, workshop_id: str, tmp: Path) -> str:
    """Write the workshop PDF and one handout; check they are PDFs with the expected pages."""
    from .reports import build_handout_pdf, build_workshop_pdf

    pdf = build_workshop_pdf(store, catalog, workshop_id, tmp / "workshop.pdf")
    person = store.participants(workshop_id)[0]
    handout = build_handout_pdf(store, catalog, workshop_id, person.id, tmp / "handout.pdf")
    for path in (pdf, handout):
        data = path.read_bytes()
        if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
            return fail(tr("{file} is not a complete PDF", file=path.name))
    return ok(tr("PDFs written: workshop plan ({size} KB), one handout",
                 size=pdf.stat().st_size // 1024))


def _check_worker(store, catalog, workshop_id: str, tmp: Path) -> str:
    """Every handout, written by the spawned worker process the window's exports use."""
    from .reports.jobs import all_handouts, run_in_worker

    folder = tmp / "handouts"
    folder.mkdir()
    written = run_in_worker(all_handouts, store.path, catalog, workshop_id, str(folder), "a4")
    if getattr(written, "failed", None) or len(written) != len(store.participants(workshop_id)):
        return fail(tr("the export worker did not write every handout"))
    return ok(tr("export worker process wrote {count} handouts", count=len(written)))


def _check_plan_workbook(store, catalog, workshop_id: str, tmp: Path) -> str:
    """The editable plan: written as a workbook and read back unchanged (openpyxl is there)."""
    from .analysis.plan import load_plan
    from .exchange.plan_workbook import import_plan_workbook, write_plan_workbook

    before = load_plan(store, workshop_id, catalog.actions)
    out = write_plan_workbook(store, workshop_id, catalog, tmp / "plan.xlsx")
    import_plan_workbook(store, workshop_id, catalog.actions, out)
    after = load_plan(store, workshop_id, catalog.actions)
    same = [(e.id, e.included, e.owner, e.horizon) for e in before] == [
        (e.id, e.included, e.owner, e.horizon) for e in after]
    if not same:
        return fail(tr("the plan workbook read back differs from the plan written ({count} "
                       "actions)", count=len(after)))
    return ok(tr("plan workbook written and read back ({count} actions)", count=len(after)))


def _check_server(store, catalog, workshop_id: str) -> str:
    """Answering on the local network: the server starts on this computer only, serves one
    participant's page, and stops listening."""
    import urllib.request

    from .web.server import AnswerServer

    person = store.participants(workshop_id)[0]
    server = AnswerServer(store.path, workshop_id, catalog, host="127.0.0.1", port=0)
    server.start()
    try:
        with urllib.request.urlopen(server.join_url(person.id), timeout=10) as response:
            page = response.read()
        if response.status != 200 or b"<html" not in page.lower():
            return fail(tr("the answering page was not served"))
    finally:
        server.stop()
    return ok(tr("answering server started, served a participant’s page and stopped"))


def _check_scripts() -> str:
    """Arabic is joined and put in reading order before reportlab draws it."""
    from .reports.scripts import visual

    drawn, _ = visual("سلام")
    if drawn == "سلام":
        return fail(tr("Arabic text is not shaped"))
    return ok(tr("Arabic and Hebrew shaping"))


def run_self_check() -> tuple[bool, list[str]]:
    """Run every check; returns (all passed, one line per check starting OK or FAIL)."""
    from .content.catalog import load_catalog
    from .exchange.bundle_export import export_bundle
    from .exchange.bundle_import import apply_import
    from .exchange.bundle_merge import plan_import
    from .exchange.csv_export import export_csv
    from .exchange.demo import create_demo_workshop
    from .store.database import Store

    lines: list[str] = []
    catalog = load_catalog()
    if catalog.problems:
        lines.extend(fail(p) for p in catalog.problems)
    if not catalog.questionnaires:
        lines.append(fail(tr("no questionnaire could be loaded")))
        return False, lines
    labels = ", ".join(q.label() for q in catalog.questionnaires.values())
    lines.append(ok(tr("questionnaires: {labels}; {terms} glossary terms; {actions} actions",
                       labels=labels, terms=len(catalog.glossary),
                       actions=len(catalog.actions))))
    try:
        with tempfile.TemporaryDirectory(prefix="tandem-self-check-") as folder:
            tmp = Path(folder)
            store = Store.open(tmp / "check.sqlite")
            workshop = create_demo_workshop(store, catalog.default())
            lines.append(ok(tr("database written: {count} answers",
                               count=len(store.answers_for_workshop(workshop.id)))))
            bundle = export_bundle(store, workshop.id)
            other = Store.open(tmp / "copy.sqlite")
            apply_import(other, plan_import(other, bundle, catalog))
            same = export_bundle(other, workshop.id)["answers"] == bundle["answers"]
            lines.append(ok(tr("bundle export and import round trip")) if same
                         else fail(tr("the bundle imported differs from the bundle exported")))
            rows = export_csv(store, workshop.id, tmp / "answers.csv")
            lines.append(ok(tr("CSV written: {count} rows", count=rows)))
            lines.append(_check_pdf(store, catalog, workshop.id, tmp))
            lines.append(_check_worker(store, catalog, workshop.id, tmp))
            lines.append(_check_plan_workbook(store, catalog, workshop.id, tmp))
            lines.append(_check_server(store, catalog, workshop.id))
            lines.append(_check_scripts())
            store.close()
            other.close()
    except TandemError as exc:
        lines.append(fail(str(exc)))
    return all(not line.startswith("FAIL") for line in lines), lines
