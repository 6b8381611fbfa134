"""``tandem self-check``: proves an installation works end to end, in a temporary folder, so
support can ask a facilitator to run one command and read back what is broken."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .errors import TandemError


def _check_pdf(store, catalog, workshop_id: str, tmp: Path) -> str:
    """Write the workshop PDF and one handout; check they are PDFs with the expected pages."""
    from .reports import build_handout_pdf, build_workshop_pdf

    pdf = build_workshop_pdf(store, catalog, workshop_id, tmp / "workshop.pdf")
    person = store.participants(workshop_id)[0]
    handout = build_handout_pdf(store, catalog, workshop_id, person.id, tmp / "handout.pdf")
    for path in (pdf, handout):
        data = path.read_bytes()
        if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
            return f"FAIL {path.name} is not a complete PDF"
    return f"OK PDFs written: workshop plan ({pdf.stat().st_size // 1024} KB), one handout"


def _check_worker(store, catalog, workshop_id: str, tmp: Path) -> str:
    """Every handout, written by the spawned worker process the window's exports use."""
    from .reports.jobs import all_handouts, run_in_worker

    folder = tmp / "handouts"
    folder.mkdir()
    written = run_in_worker(all_handouts, store.path, catalog, workshop_id, str(folder), "a4")
    if getattr(written, "failed", None) or len(written) != len(store.participants(workshop_id)):
        return "FAIL the export worker did not write every handout"
    return f"OK export worker process wrote {len(written)} handouts"


def _check_plan_workbook(store, catalog, workshop_id: str, tmp: Path) -> str:
    """The editable plan: written as a workbook and read back unchanged (openpyxl is there)."""
    from .analysis.plan import load_plan
    from .exchange.plan_workbook import import_plan_workbook, write_plan_workbook

    before = load_plan(store, workshop_id, catalog.actions)
    out = write_plan_workbook(store, workshop_id, catalog.actions, tmp / "plan.xlsx")
    import_plan_workbook(store, workshop_id, catalog.actions, out)
    after = load_plan(store, workshop_id, catalog.actions)
    same = [(e.id, e.included, e.owner, e.horizon) for e in before] == [
        (e.id, e.included, e.owner, e.horizon) for e in after]
    return (("OK" if same else "FAIL") + f" plan workbook written and read back "
            f"({len(after)} actions)")


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
            return "FAIL the answering page was not served"
    finally:
        server.stop()
    return "OK answering server started, served a participant's page and stopped"


def _check_scripts() -> str:
    """Arabic is joined and put in reading order before reportlab draws it."""
    from .reports.scripts import visual

    drawn, _ = visual("سلام")
    if drawn == "سلام":
        return "FAIL Arabic text is not shaped"
    return "OK Arabic and Hebrew shaping"


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
        lines.extend(f"FAIL {p}" for p in catalog.problems)
    if not catalog.questionnaires:
        lines.append("FAIL no questionnaire could be loaded")
        return False, lines
    labels = ", ".join(q.label() for q in catalog.questionnaires.values())
    lines.append(f"OK questionnaires: {labels}"
                 f"; {len(catalog.glossary)} glossary terms; {len(catalog.actions)} actions")
    try:
        with tempfile.TemporaryDirectory(prefix="tandem-self-check-") as folder:
            tmp = Path(folder)
            store = Store.open(tmp / "check.sqlite")
            workshop = create_demo_workshop(store, catalog.default())
            lines.append(f"OK database written: {len(store.answers_for_workshop(workshop.id))} "
                         "answers")
            bundle = export_bundle(store, workshop.id)
            other = Store.open(tmp / "copy.sqlite")
            apply_import(other, plan_import(other, bundle, catalog))
            same = export_bundle(other, workshop.id)["answers"] == bundle["answers"]
            lines.append(("OK" if same else "FAIL") + " bundle export and import round trip")
            rows = export_csv(store, workshop.id, tmp / "answers.csv")
            lines.append(f"OK CSV written: {rows} rows")
            lines.append(_check_pdf(store, catalog, workshop.id, tmp))
            lines.append(_check_worker(store, catalog, workshop.id, tmp))
            lines.append(_check_plan_workbook(store, catalog, workshop.id, tmp))
            lines.append(_check_server(store, catalog, workshop.id))
            lines.append(_check_scripts())
            store.close()
            other.close()
    except TandemError as exc:
        lines.append(f"FAIL {exc}")
    return all(not line.startswith("FAIL") for line in lines), lines
