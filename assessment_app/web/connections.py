"""The connections the answering server holds, and the door each one comes in by.

A hostile (or broken) device in the room must not hold the server's file descriptors (256 in
all on macOS by default) nor keep a participant waiting, and opening connections that never
finish a request must cost the server little, since they compete with the participants for the
same cores. So a new connection first waits at the door (``Waiting``: a few bytes of state, no
timer, no task, none of aiohttp's machinery) until a whole request head has arrived, as
FreeBSD's ``accf_http`` accept filter waits; only then does aiohttp's request handler take it
over, with the bytes read so far. Where the loop can watch a socket (every loop but Windows'
proactor) the door accepts by itself, at most ``ACCEPTS_PER_TICK`` at a time so that a wave of
connections never holds up the loop's other work, and a waiting connection is a bare socket:
asyncio builds no transport for it. One sweep timer for all of them closes a connection that
sent no byte within ``SILENT_S``, or no whole head within ``IDLE_S``, each stretched by its own
share of up to ``SPREAD`` (connections a device opened together then fall late over seconds,
not all in one turn, and the device's reopening trickles in instead of coming in waves), at most
``CLOSES_PER_TICK`` a turn; a handled one idle between requests is closed by aiohttp's
keep-alive timeout (``KEEPALIVE_S``), a body that never finishes by the route's own
(``routes.BODY_S``).

Those limits are generous (a browser keeps a connection it opened ahead unused for up to 10 s,
and a crowded room's Wi-Fi may take seconds to deliver a phone's first bytes) because the cap,
not the clock, is what keeps the descriptors: a held waiting connection costs nothing, while
each one closed is, from a device that reopens it at once, another accept and close on the loop
the participants' answers share: with limits of 2 and 5 s, 300 such connections came back in
waves of 150 every few seconds, and the participants' slowest answers fell in those waves
(``benchmarks/slow_clients.py``).

The server holds at most ``MAX_CONNECTIONS``, fewer when the descriptors leave less room
(``room_for_connections``); at the cap one is closed to make room: the oldest that sent
nothing, else the oldest still waiting for its head, else the oldest handled but never answered
(a body that never came), so a flood of them cannot keep a participant out; when every one has
been answered, the new one is closed at once (the page retries).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import re
import socket
from typing import Any

from .network import BACKLOG

log = logging.getLogger(__name__)

SILENT_S = 10.0  # no byte yet
IDLE_S = 15.0  # no whole request head yet
KEEPALIVE_S = 5.0  # a handled connection idle between requests
SPREAD = 0.5  # each connection's limits stretched by its own share of up to this much
SWEEP_S = 0.25  # how often the door looks for connections past their time
ACCEPTS_PER_TICK = 16  # connections accepted before the loop turns to its other work
CLOSES_PER_TICK = 16  # late connections closed before the loop turns to its other work
ACCEPT_PAUSE_S = 0.5  # no descriptor left for a new connection: accepting waits this long
MAX_CONNECTIONS = 1024
WANTED_FDS = 4096  # the descriptor limit asked for when the system's is lower
FD_HEADROOM = 64  # descriptors kept for the database, its journal, pipes and the loop
HEAD_MAX = 16 * 1024  # beyond this aiohttp sees the bytes and refuses an overlong head itself
# the start of an HTTP request line: a method (or the first letters of one) then a space
_REQUEST_START = re.compile(rb"[A-Z]{1,20} |[A-Z]{0,20}\Z")


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


def head_arrived(received: bytes) -> bool:
    """Whether aiohttp should see a new connection's bytes now: a whole request head (with
    whatever part of the body came with it), bytes that cannot be the start of an HTTP request
    (aiohttp refuses them at once, as before), or more than any head Tandem's page sends."""
    return (b"\r\n\r\n" in received or b"\n\n" in received or len(received) > HEAD_MAX
            or _REQUEST_START.match(received) is None)


class Door:
    """The connections of one running server, on its loop: those waiting for their request
    head and those aiohttp handles, each oldest first. ``protocol`` is the protocol factory of
    ``open``; ``close`` closes every waiting connection when the server stops."""

    def __init__(self, server: Any, loop: asyncio.AbstractEventLoop,
                 room: int = MAX_CONNECTIONS) -> None:
        self.server = server  # aiohttp's low-level server (``AppRunner.server``)
        self.loop = loop
        self.room = room
        self.waiting: dict[Waiting, None] = {}
        self.handled: dict[Any, None] = {}  # aiohttp's handlers (``handler_class``)
        self._sweep: asyncio.Handle | None = None  # the next look for late connections
        self._handler = handler_class(self)
        self._listening: socket.socket | None = None  # accepted by the door itself
        self._server: asyncio.AbstractServer | None = None  # else by asyncio's server

    async def open(self, sock: socket.socket) -> None:
        """Accept connections on the listening ``sock``."""
        sock.setblocking(False)
        try:
            self.loop.add_reader(sock.fileno(), self._accept, sock)
            self._listening = sock
        except NotImplementedError:  # a proactor loop: asyncio accepts, and makes transports
            self._server = await self.loop.create_server(self.protocol, sock=sock,
                                                         backlog=BACKLOG)

    def close(self) -> None:
        """Stop accepting and close the connections still waiting (aiohttp's runner closes the
        handled ones)."""
        if self._listening is not None:
            self.loop.remove_reader(self._listening.fileno())
            self._listening = None
        if self._server is not None:
            self._server.close()
        if self._sweep is not None:
            self._sweep.cancel()
            self._sweep = None
        for waiting in list(self.waiting):
            self._drop(waiting)

    def protocol(self) -> asyncio.Protocol:
        """The protocol of a connection asyncio's server accepted."""
        return Waiting(self) if self._room_made() else _Closed()

    def _room_made(self) -> bool:
        return (len(self.waiting) + len(self.handled) < min(MAX_CONNECTIONS, self.room)
                or self._make_room())

    def _accept(self, listening: socket.socket) -> None:
        for _ in range(ACCEPTS_PER_TICK):
            try:
                sock, _address = listening.accept()
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                return
            except OSError:  # no descriptor left (EMFILE, ENFILE, ENOBUFS): wait a moment
                self.loop.remove_reader(listening.fileno())
                self.loop.call_later(ACCEPT_PAUSE_S, self._resume, listening)
                return
            if not self._room_made():
                sock.close()
                continue
            sock.setblocking(False)
            waiting = Waiting(self)
            waiting.sock = sock
            self.arrived(waiting)
            self.loop.add_reader(sock.fileno(), self._readable, waiting)

    def _resume(self, listening: socket.socket) -> None:
        if self._listening is listening:
            self.loop.add_reader(listening.fileno(), self._accept, listening)

    def _readable(self, waiting: Waiting) -> None:
        assert waiting.sock is not None
        try:
            data = waiting.sock.recv(HEAD_MAX)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if data:
            waiting.data_received(data)
        else:  # closed by the other side before its request came
            self._drop(waiting)

    def arrived(self, waiting: Waiting) -> None:
        self.waiting[waiting] = None
        if self._sweep is None:
            self._sweep = self.loop.call_later(SWEEP_S, self._close_late)

    def hand_over(self, waiting: Waiting) -> None:
        """aiohttp's handler takes the connection, and the bytes it sent, from here on."""
        self.waiting.pop(waiting, None)
        handler = self._handler(self.server, loop=self.loop, keepalive_timeout=KEEPALIVE_S,
                                lingering_time=1.0, access_log=None)  # None: no access log
        handler.early = waiting.received  # read by its connection_made
        if waiting.transport is not None:
            waiting.transport.set_protocol(handler)
            handler.connection_made(waiting.transport)
        elif waiting.sock is not None:
            self.loop.remove_reader(waiting.sock.fileno())
            self.loop.create_task(self._transport_for(waiting.sock, handler))

    async def _transport_for(self, sock: socket.socket, handler: Any) -> None:
        try:
            await self.loop.connect_accepted_socket(lambda: handler, sock)
        except (OSError, ValueError):  # gone in the meantime
            sock.close()

    def _close_late(self) -> None:
        """Close the connections past their time, ``CLOSES_PER_TICK`` a turn (connections
        opened together fall late together), then look again in ``SWEEP_S``."""
        self._sweep = None
        now = self.loop.time()
        soonest = min(SILENT_S, IDLE_S)
        late: list[Waiting] = []
        for waiting in self.waiting:  # oldest first: the rest are younger than this one
            age = now - waiting.since
            if age < soonest or len(late) == CLOSES_PER_TICK:
                break
            if age >= (IDLE_S if waiting.received else SILENT_S) * waiting.stretch:
                late.append(waiting)
        for waiting in late:
            self._drop(waiting)
        if len(late) == CLOSES_PER_TICK:
            self._sweep = self.loop.call_soon(self._close_late)
        elif self.waiting:
            self._sweep = self.loop.call_later(SWEEP_S, self._close_late)

    def _make_room(self) -> bool:
        victim = next((w for w in self.waiting if not w.received), None) or next(
            iter(self.waiting), None)
        if victim is not None:
            self._drop(victim)
            return True
        handler = next((h for h in self.handled if not h.answered), None)
        if handler is not None:
            handler.force_close()
            self.handled.pop(handler, None)
            return True
        return False

    def _drop(self, waiting: Waiting) -> None:
        self.waiting.pop(waiting, None)
        if waiting.transport is not None:
            waiting.transport.close()
        elif waiting.sock is not None:
            self.loop.remove_reader(waiting.sock.fileno())
            waiting.sock.close()
            waiting.sock = None


class Waiting(asyncio.Protocol):
    """A connection whose request head has not all arrived: its bytes so far and its age; a
    bare socket where the door accepts by itself, else asyncio's transport."""

    __slots__ = ("door", "sock", "transport", "since", "stretch", "received")

    def __init__(self, door: Door) -> None:
        self.door = door
        self.sock: socket.socket | None = None
        self.transport: asyncio.Transport | None = None
        self.since = door.loop.time()
        self.stretch = 1.0 + SPREAD * random.random()  # its limits' own share of ``SPREAD``
        self.received = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.door.arrived(self)

    def data_received(self, data: bytes) -> None:
        self.received += data
        if head_arrived(self.received):
            self.door.hand_over(self)

    def eof_received(self) -> bool:
        return False  # the head can no longer come: the transport closes

    def connection_lost(self, exc: BaseException | None) -> None:
        self.door.waiting.pop(self, None)


class _Closed(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()


def handler_class(door: Door) -> type:
    """aiohttp's request handler with the room's rules: no access log (``log_access`` only
    marks the connection answered), Tandem's quiet answer to a request it cannot read, and the
    door's count of handled connections kept."""
    from aiohttp import web

    from .routes import malformed_request

    class Handler(web.RequestHandler):
        __slots__ = ("answered", "early")

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.answered = False
            self.early = b""  # what came while the connection waited at the door

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            door.handled[self] = None
            early, self.early = self.early, b""
            if early:
                self.data_received(early)

        def connection_lost(self, exc: BaseException | None) -> None:
            door.handled.pop(self, None)
            super().connection_lost(exc)

        def log_access(self, request: Any, response: Any, time: float | None) -> None:
            self.answered = True  # called once a response is sent (no access log is kept)

        def handle_error(self, request: Any, status: int = 500, exc: BaseException | None = None,
                         message: str | None = None) -> web.StreamResponse:
            return malformed_request(status, exc)

        def log_exception(self, *args: Any, **kwargs: Any) -> None:
            """A body that could not be read was answered already (``Routes._body``); what is
            left of it fails again as aiohttp reads it away: one quiet line, no traceback."""
            if isinstance(kwargs.get("exc_info"), web.RequestPayloadError):
                log.info("answering server closed a connection whose body could not be read")
                return
            super().log_exception(*args, **kwargs)

    return Handler
