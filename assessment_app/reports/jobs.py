"""PDF exports as jobs for a separate process: what runs in the worker, and the small message
protocol it speaks to the window that started it.

Laying out PDFs is CPU-bound Python; in a thread it holds the GIL and the window stutters. So
the window (``ui/background.ProcessJob``) starts a *spawned* process that runs ``child_main``
with one of the jobs below, reads its messages, and on Cancel terminates it: a file being laid
out is abandoned at once, and since every file is written to a ``.part`` sibling and renamed
into place (``files``), nothing half written is left under the real name (the window removes
the ``.part`` of the file that was in progress).

This module never imports Qt: the worker process starts quickly and carries no GUI.

Messages (tuples sent through a ``multiprocessing`` connection), in order:
``("progress", done, total)``, ``("starting", path)`` before each file, and exactly one of
``("finished", result)`` or ``("failed", sentence)`` at the end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import TandemError
from ..i18n import tr

MESSAGE_CHARS = 300  # a failure is one plain sentence, at most about this long


class Reporter:
    """The worker's side of the connection: progress and the file being written."""

    def __init__(self, conn) -> None:
        self.conn = conn

    def progress(self, done: int, total: int) -> None:
        self.conn.send(("progress", done, total))

    def starting(self, path: Path) -> None:
        self.conn.send(("starting", str(path)))


def one_sentence(exc: BaseException) -> str:
    """A failure as the user sees it: a TandemError's own sentence, anything else named, and
    never longer than ``MESSAGE_CHARS`` (reportlab's messages can quote whole paragraphs)."""
    if isinstance(exc, TandemError):
        text = str(exc)
    else:
        first = (str(exc).strip().splitlines() or [""])[0]
        text = (tr("Unexpected error: {error}: {detail}", error=type(exc).__name__, detail=first)
                if first else tr("Unexpected error: {error}", error=type(exc).__name__))
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS - 1].rstrip() + "…"


def child_main(conn, job, args: tuple) -> None:
    """The worker process's entry point: run ``job(reporter, *args)`` and send its result, or
    one sentence when it fails."""
    try:
        conn.send(("finished", job(Reporter(conn), *args)))
    except BaseException as exc:  # noqa: BLE001 - everything must reach the window as a sentence
        conn.send(("failed", one_sentence(exc)))
    finally:
        conn.close()


def _store(db_path: str):
    from ..store.database import Store

    return Store.open(db_path)  # the worker's own connection to the same file


def workshop_pdf(reporter: Reporter, db_path: str, catalog, workshop_id: str, out: str,
                 paper: str, language: str | None = None) -> list[Path]:
    """The workshop action plan PDF (in ``language``, else the workshop's report language:
    the worker starts in English, so the language is never taken from the window's process)."""
    from . import build_workshop_pdf

    reporter.progress(0, 1)
    store = _store(db_path)
    try:
        reporter.starting(Path(out))
        written = [build_workshop_pdf(store, catalog, workshop_id, Path(out), paper,
                                      language)]
    finally:
        store.close()
    reporter.progress(1, 1)
    return written


def all_handouts(reporter: Reporter, db_path: str, catalog, workshop_id: str, folder: str,
                 paper: str, language: str | None = None) -> Any:
    """Every participant's handout; the result lists the files and the handouts that could
    not be made (``reports.handout_files.HandoutFiles``)."""
    from . import export_all_handouts

    store = _store(db_path)
    try:
        return export_all_handouts(store, catalog, workshop_id, Path(folder), paper=paper,
                                   progress=reporter.progress, starting=reporter.starting,
                                   language=language)
    finally:
        store.close()


def run_in_worker(job, *args: Any, timeout_s: float = 120.0) -> Any:
    """Run ``job`` in a spawned worker process exactly as the window does, and wait for its
    result (for ``self-check``: proves the standalone app can start its export worker)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=child_main, args=(sender, job, args), daemon=True)
    process.start()
    sender.close()
    try:
        while receiver.poll(timeout_s):
            message = receiver.recv()
            if message[0] == "finished":
                return message[1]
            if message[0] == "failed":
                raise TandemError(message[1])
        raise TandemError(tr("The export worker gave no answer within {seconds} s.",
                             seconds=round(timeout_s)))
    except EOFError:
        raise TandemError(tr("The export worker stopped without a result.")) from None
    finally:
        receiver.close()
        process.join(5)
        if process.is_alive():
            process.kill()


def remove_part_file(path: str | Path) -> None:
    """After a worker was stopped mid-file: remove the temporary sibling it may have left."""
    part = Path(path).with_name(Path(path).name + ".part")
    try:
        part.unlink(missing_ok=True)
    except OSError:
        pass

