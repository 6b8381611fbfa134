"""Every participant's handout in one go (``export_all_handouts``), for a background job: one
file per participant with progress and cancel; a handout that cannot be made is listed with its
reason and the others are still written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..analysis.handout import participants_in_order
from ..analysis.report_model import load_report
from ..analysis.workshop import ScoredWorkshop
from ..content.catalog import Catalog
from ..files import safe_file_name
from ..i18n import speaking, tr
from ..rules.records import Participant
from ..rules.text import excerpt
from ..store.database import Store
from . import handout_pdf
from .handout_files import HandoutFailure, HandoutFiles
from .jobs import one_sentence


def handout_file_names(participants: list[Participant]) -> dict[str, str]:
    """A distinct, file-system-safe name per participant (two people can share a name)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for p in participants:
        fallback = tr("participant")  # a name with nothing a file name may hold
        stem = tr("{name} - handout", name=safe_file_name(p.name, fallback))
        candidate, n = stem, 2
        while candidate.casefold() in used:
            candidate, n = f"{stem} ({n})", n + 1
        used.add(candidate.casefold())
        names[p.id] = candidate + ".pdf"
    return names


def export_all_handouts(store: Store, catalog: Catalog, workshop_id: str, folder: Path,
                        paper: str = "a4",
                        progress: Callable[[int, int], None] = lambda done, total: None,
                        cancelled: Callable[[], bool] = lambda: False,
                        starting: Callable[[Path], None] = lambda path: None,
                        language: str | None = None) -> HandoutFiles:
    """One handout per participant into ``folder``. A handout that fails is listed in the
    result's ``failed`` with its reason and the next one is written; a missing folder stops the
    batch with its one sentence (every file would fail the same way). Stops between files when
    ``cancelled()``; ``starting(path)`` is told each file before it is laid out (so a process
    that runs this and is killed knows which file was in progress). In the workshop's report
    language, unless ``language`` overrides it."""
    with speaking(store.report_language(workshop_id, language)):
        return _write_all_handouts(load_report(store, catalog, workshop_id), Path(folder), paper,
                                   progress, cancelled, starting)


def _write_all_handouts(report: ScoredWorkshop, folder: Path, paper: str,
                        progress: Callable[[int, int], None], cancelled: Callable[[], bool],
                        starting: Callable[[Path], None]) -> HandoutFiles:
    people = participants_in_order(report.participants)
    names = handout_file_names(people)
    result = HandoutFiles()
    progress(0, len(people))
    for n, p in enumerate(people, start=1):
        if cancelled():
            break
        out = folder / names[p.id]
        starting(out)
        try:
            result.append(handout_pdf.write_handout_pdf(report, p, out, paper))
        except Exception as exc:  # noqa: BLE001 - one bad handout must not stop the others
            if not folder.is_dir():  # no folder (any more): nothing else can be written
                raise
            result.failed.append(HandoutFailure(p.id, excerpt(p.name, 80), one_sentence(exc)))
        progress(n, len(people))
    return result
