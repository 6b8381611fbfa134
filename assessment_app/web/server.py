"""The answering server: each participant answers on their own phone or laptop over the room's
network, with no internet. This module starts and stops it; the rooms it runs are
``routes`` (what is answered over HTTP), ``group_commit`` (answers queued for the next commit),
``database_side`` (every database call, on its own thread), ``links`` (tokens, checked in
constant time), ``rate_limit`` (answers a second per link), ``network`` (the socket and this
computer's addresses) and ``connections`` (the door each connection comes in by, its time
limits and the cap).

aiohttp runs in its own thread with its own event loop. Every database call runs on one more
thread that owns the server's own connection, so a slow disk delays answers, never the pages.
The facilitator's window notices the server's commits through ``PRAGMA data_version`` like any
other connection's. The pages are plain HTTP: a phone trusts no certificate for a laptop's local
address, so the room's network (the laptop's hotspot with a password, never an open guest
Wi-Fi) is what keeps them private.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from ..content.catalog import Catalog
from ..errors import TandemError
from ..i18n import tr
from .connections import Door, room_for_connections
from .database_side import DatabaseSide
from .network import listen, url_host
from .rate_limit import BURST, RATE, RateLimit
from .routes import Routes, page_files

T = TypeVar("T")

SHUTDOWN_S = 2.0  # how long stop() lets an answer in flight finish
START_TIMEOUT_S = 15.0
class AnswerServer:
    """One workshop's answering server; ``start()`` and ``stop()`` from any thread (the window's
    or the command line's), nothing else keeps listening after ``stop()``."""

    def __init__(self, db_path: str | Path, workshop_id: str, catalog: Catalog | None = None,
                 host: str = "127.0.0.1", port: int = 0, *, rate: float = RATE,
                 burst: int = BURST) -> None:
        self.host = host
        self.port = port
        self._side = DatabaseSide(Path(db_path), workshop_id, catalog, RateLimit(rate, burst))
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._db: ThreadPoolExecutor | None = None
        self._sock: socket.socket | None = None
        self._door: Door | None = None  # the connections held, on the server's loop
        self._url = ""

    # -- the public side ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def url(self) -> str:
        return self._url

    def start(self) -> None:
        """Listen on ``host:port`` (port 0: a free one) and serve; returns once listening.
        Raises TandemError with one sentence when the address cannot be used or the database
        or workshop cannot be opened."""
        with self._lock:
            if self.running:
                return
            pages = page_files()
            sock = listen(self.host, self.port)
            self._db = ThreadPoolExecutor(1, thread_name_prefix="tandem-answers")
            try:
                self._db.submit(self._side.open).result()
            except BaseException:
                sock.close()
                self._shutdown_db()
                raise
            self._sock = sock
            self.port = sock.getsockname()[1]
            self._url = f"http://{url_host(self.host)}:{self.port}"
            self._loop = asyncio.new_event_loop()
            routes = Routes(self.host, self.port, self._side, self._db_call, pages)
            ready = threading.Event()
            failure: list[BaseException] = []
            self._thread = threading.Thread(target=self._run, args=(sock, routes, ready, failure),
                                            name="tandem-answer-server", daemon=True)
            self._thread.start()
            if not ready.wait(START_TIMEOUT_S) or failure:
                self._stop_locked()
                raise TandemError(
                    tr("The answering server could not start ({reason}).", reason=failure[0])
                    if failure else tr("The answering server could not start in time."))

    def join_url(self, participant_id: str) -> str:
        """The participant's personal link (the token is issued if they have none yet)."""
        token = self._side.links.token_of.get(participant_id)
        if token is None:
            token = self._on_db(self._side.issue, participant_id, False)
        return f"{self._url}/a/{token}"

    def reissue(self, participant_id: str) -> str:
        """A new link for the participant; the old one stops working at once."""
        token = self._on_db(self._side.issue, participant_id, True)
        return f"{self._url}/a/{token}"

    def stop(self) -> None:
        """Stop serving: the listening socket is closed and the threads have ended when this
        returns. Calling it again does nothing."""
        with self._lock:
            self._stop_locked()

    # -- threads -------------------------------------------------------------------------------

    def _stop_locked(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            with contextlib.suppress(RuntimeError):  # the loop may have closed already
                loop.call_soon_threadsafe(loop.stop)
            thread.join(SHUTDOWN_S + 10)
        self._thread = None
        self._loop = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._shutdown_db()

    def _shutdown_db(self) -> None:
        if self._db is None:
            return
        with contextlib.suppress(Exception):
            self._db.submit(self._side.close).result()
        self._db.shutdown(wait=True)
        self._db = None

    def _on_db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn`` on the database thread and wait for it (from a thread other than the
        server's loop)."""
        if self._db is None:
            raise TandemError(tr("The answering server is not running."))
        return self._db.submit(fn, *args).result()

    async def _db_call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn`` on the database thread, from the server's loop, without blocking it."""
        assert self._db is not None
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def _run(self, sock: socket.socket, routes: Routes, ready: threading.Event,
             failure: list[BaseException]) -> None:
        from aiohttp import web

        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        runner = web.AppRunner(routes.app(), handle_signals=False, shutdown_timeout=SHUTDOWN_S)
        try:
            loop.run_until_complete(runner.setup())
            door = self._door = Door(runner.server, loop, room_for_connections())
            loop.run_until_complete(door.open(sock))
        except Exception as exc:  # reported by start()
            failure.append(exc)
            ready.set()
            with contextlib.suppress(Exception):
                loop.run_until_complete(runner.cleanup())
            loop.close()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            door.close()
            with contextlib.suppress(Exception):
                loop.run_until_complete(runner.cleanup())
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
