"""The answering server: each participant answers on their own phone or laptop over the room's
network, with no internet. This module starts and stops it; the rooms it runs are
``routes`` (what is answered over HTTP), ``group_commit`` (answers queued for the next commit),
``database_side`` (every database call, on its own thread), ``links`` (tokens, checked in
constant time), ``rate_limit`` (answers a second per link) and ``network`` (the socket and this
computer's addresses).

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
from .database_side import DatabaseSide
from .network import BACKLOG, listen, url_host
from .rate_limit import BURST, RATE, RateLimit
from .routes import Routes, page_files

T = TypeVar("T")

SHUTDOWN_S = 2.0  # how long stop() lets an answer in flight finish
START_TIMEOUT_S = 15.0
# A hostile (or broken) device in the room must not hold the server's file descriptors (256 in
# all on macOS by default) nor keep a participant waiting: a connection that sends no byte
# within ``SILENT_S``, or no whole request within ``IDLE_S`` (idle, or headers never finished),
# is closed; the server raises its own descriptor limit where the system allows
# (``room_for_connections``) and holds at most that many connections less ``FD_HEADROOM`` (a
# room of 60 phones holds far fewer; see ``connections``).
SILENT_S = 2.0
IDLE_S = 5.0
MAX_CONNECTIONS = 1024
WANTED_FDS = 4096  # the descriptor limit asked for when the system's is lower
FD_HEADROOM = 64  # descriptors kept for the database, its journal, pipes and the loop


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
                raise TandemError("The answering server could not start"
                                  + (f" ({failure[0]})." if failure else " in time."))

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
            raise TandemError("The answering server is not running.")
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
        listening: asyncio.AbstractServer | None = None
        try:
            loop.run_until_complete(runner.setup())
            listening = loop.run_until_complete(loop.create_server(
                connections(runner.server, loop, room_for_connections()), sock=sock,
                backlog=BACKLOG))
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
            listening.close()
            with contextlib.suppress(Exception):
                loop.run_until_complete(runner.cleanup())
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()


def room_for_connections() -> int:
    """How many connections the descriptors allow: the limit, raised toward ``WANTED_FDS``
    where the hard limit allows (macOS starts programs at 256), less ``FD_HEADROOM``."""
    try:
        import resource
    except ImportError:  # Windows: no such limit on sockets
        return WANTED_FDS
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = WANTED_FDS if hard == resource.RLIM_INFINITY else min(WANTED_FDS, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
    if soft == resource.RLIM_INFINITY:
        return WANTED_FDS
    return max(16, soft - FD_HEADROOM)


def connections(server: Any, loop: asyncio.AbstractEventLoop, room: int = MAX_CONNECTIONS
                ) -> Callable[[], asyncio.Protocol]:
    """The protocol of each accepted connection: aiohttp's request handler with the room's
    limits (``SILENT_S``, ``IDLE_S``, no access log, Tandem's quiet answer to a malformed
    request). At the cap (``MAX_CONNECTIONS``, or fewer when the descriptors leave only
    ``room``) one connection is closed to make room: the oldest that has sent
    nothing, else the oldest never answered (a request never finished), so a flood of them
    cannot keep a participant out; when every one has been answered, the new one is closed at
    once (the page retries)."""
    from aiohttp import web

    from .routes import malformed_request

    class Handler(web.RequestHandler):
        __slots__ = ("answered", "heard", "_silence")

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.answered = False
            self.heard = False
            self._silence: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            self._silence = loop.call_later(SILENT_S, self._close_if_silent)

        def connection_lost(self, exc: BaseException | None) -> None:
            if self._silence is not None:
                self._silence.cancel()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            self.heard = True
            super().data_received(data)

        def _close_if_silent(self) -> None:
            if not self.heard:
                self.force_close()

        def log_access(self, request: Any, response: Any, time: float | None) -> None:
            self.answered = True  # called once a response is sent (no access log is kept)

        def handle_error(self, request: Any, status: int = 500, exc: BaseException | None = None,
                         message: str | None = None) -> web.StreamResponse:
            return malformed_request(status, exc)

    def accept() -> asyncio.Protocol:
        held = server.connections  # oldest first
        if len(held) >= min(MAX_CONNECTIONS, room):
            open_ = [h for h in held if h.transport is not None]
            victim = next((h for h in open_ if not getattr(h, "heard", True)), None) or next(
                (h for h in open_ if not getattr(h, "answered", True)), None)
            if victim is None:
                return _Closed()
            victim.force_close()
        return Handler(server, loop=loop, keepalive_timeout=IDLE_S, lingering_time=1.0,
                       access_log=None)  # None: no access log

    return accept


class _Closed(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()
