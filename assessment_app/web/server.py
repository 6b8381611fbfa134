"""The answering server: each participant answers on their own phone or laptop over the room's
network, with no internet.

aiohttp runs in its own thread with its own event loop. Every database call runs on one more
thread that owns the server's own connection (``Store.open``). Answers that arrive together are
committed together (a group commit: one fsync for the batch), each through ``Store.save_answer``
(the kiosk's rules, a savepoint each), and a phone is told "saved" only after that commit
(``synchronous=FULL``). The facilitator's window notices these commits through
``PRAGMA data_version`` like any other connection's. A slow disk delays answers, never the pages.

What is served, and nothing else: ``/a/<token>`` (the page), ``/a/<token>/state`` (that
participant's statements and own answers), ``POST /a/<token>/answer`` and ``/static/<file>`` for
the page's two files. Tokens (``store/join``) are checked in constant time; an unknown one gets a
plain 404. A POST must come from the page itself (same origin, JSON, at most 16 KB) and each
link may write at most ``RATE`` answers a second on average (``BURST`` at once). The pages are
plain HTTP: a phone trusts no certificate for a laptop's local address, so the room's network
(the laptop's hotspot with a password, never an open guest Wi-Fi) is what keeps them private.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import hmac
import ipaddress
import json
import logging
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import StorageError, TandemError
from .page_data import (
    BODY_MAX_BYTES,
    AnswerRequest,
    BadAnswer,
    answer_json,
    parse_answer,
    questionnaire_payload,
    state_payload,
)

if TYPE_CHECKING:
    from aiohttp import web

    from ..rules.records import Answer
    from ..store.database import Store

T = TypeVar("T")

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)
RATE = 20.0  # answers a second per link, on average ...
BURST = 40  # ... with this many at once (a person taps a few a second at most)
SHUTDOWN_S = 2.0  # how long stop() lets an answer in flight finish
START_TIMEOUT_S = 15.0
BATCH_MAX = 200  # answers committed together at most (a commit of 200 takes a few ms)

STATIC = {"app.js": "text/javascript", "app.css": "text/css"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Server": "Tandem",
}

log = logging.getLogger(__name__)


class AnswerServer:
    """One workshop's answering server; ``start()`` and ``stop()`` from any thread (the window's
    or the command line's), nothing else keeps listening after ``stop()``."""

    def __init__(self, db_path: str | Path, workshop_id: str, catalog=None,
                 host: str = "127.0.0.1", port: int = 0, *, rate: float = RATE,
                 burst: int = BURST) -> None:
        self.db_path = Path(db_path)
        self.workshop_id = workshop_id
        self.catalog = catalog
        self.host = host
        self.port = port
        self.rate = rate
        self.burst = burst
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._db: ThreadPoolExecutor | None = None
        self._sock: socket.socket | None = None
        self._url = ""
        # owned by the database thread
        self._store: Store | None = None
        self._data_version = -1
        self._by_digest: dict[bytes, tuple[str, str]] = {}  # sha256(token) -> (token, id)
        self._token_of: dict[str, str] = {}  # participant id -> token (read by any thread)
        self._buckets: dict[str, tuple[float, float]] = {}  # participant id -> (tokens, at)
        self._items: dict[str, list[dict]] = {}  # role -> the page's statements
        self._item_ids: frozenset[str] = frozenset()
        self._workshop_name = ""
        self._glossary: list = []
        self._questionnaire: Any = None
        self._index = b""
        # answers waiting for the next group commit (loop thread only)
        self._queued: list[tuple[str, bytes, asyncio.Future]] = []
        self._writing = False
        self._static: dict[str, bytes] = {}

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
            self._read_static()
            sock = _listen(self.host, self.port)
            self._db = ThreadPoolExecutor(1, thread_name_prefix="tandem-answers")
            try:
                self._db.submit(self._open).result()
            except BaseException:
                sock.close()
                self._shutdown_db()
                raise
            self._sock = sock
            self.port = sock.getsockname()[1]
            self._url = f"http://{_url_host(self.host)}:{self.port}"
            self._loop = asyncio.new_event_loop()
            ready = threading.Event()
            failure: list[BaseException] = []
            self._thread = threading.Thread(target=self._run, args=(sock, ready, failure),
                                            name="tandem-answer-server", daemon=True)
            self._thread.start()
            if not ready.wait(START_TIMEOUT_S) or failure:
                self._stop_locked()
                raise TandemError("The answering server could not start"
                                  + (f" ({failure[0]})." if failure else " in time."))

    def join_url(self, participant_id: str) -> str:
        """The participant's personal link (the token is issued if they have none yet)."""
        token = self._token_of.get(participant_id)
        if token is None:
            token = self._on_db(self._issue, participant_id, False)
        return f"{self._url}/a/{token}"

    def reissue(self, participant_id: str) -> str:
        """A new link for the participant; the old one stops working at once."""
        token = self._on_db(self._issue, participant_id, True)
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
            self._db.submit(self._close).result()
        self._db.shutdown(wait=True)
        self._db = None

    def _on_db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn`` on the database thread and wait for it (from a thread other than the
        server's loop)."""
        if self._db is None:
            raise TandemError("The answering server is not running.")
        return self._db.submit(fn, *args).result()

    async def _db_call(self, fn: Callable[..., T], *args: Any) -> T:
        assert self._db is not None
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def _run(self, sock: socket.socket, ready: threading.Event,
             failure: list[BaseException]) -> None:
        from aiohttp import web

        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        runner = web.AppRunner(self._app(), access_log=None, handle_signals=False,
                               shutdown_timeout=SHUTDOWN_S)
        try:
            loop.run_until_complete(runner.setup())
            site = web.SockSite(runner, sock)
            loop.run_until_complete(site.start())
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
            with contextlib.suppress(Exception):
                loop.run_until_complete(runner.cleanup())
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    # -- the database thread ---------------------------------------------------------------------

    def _open(self) -> None:
        from ..store.database import Store
        from ..store.join import workshop_tokens

        store = Store.open(self.db_path)
        try:
            workshop = store.workshop(self.workshop_id)
            questionnaire = store.questionnaire_for(workshop.id)
            workshop_tokens(store, workshop.id)  # every participant has a link from the start
        except BaseException:
            store.close()
            raise
        self._store = store
        self._workshop_name = workshop.name
        self._item_ids = frozenset(questionnaire.item_ids)
        self._questionnaire = questionnaire
        catalog = self.catalog
        if catalog is None:
            from ..content.catalog import load_catalog

            catalog = load_catalog()
        self._glossary = list(catalog.glossary)
        self._items = {}
        self._refresh_tokens(force=True)

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _refresh_tokens(self, force: bool = False) -> None:
        """Read the links again when another connection committed (a participant added or
        removed, a link re-issued from the window): a revoked link stops working at once."""
        from ..store.join import participant_for_token

        store = self._require_store()
        version = store.data_version()
        if not force and version == self._data_version:
            return
        self._data_version = version
        mapping = participant_for_token(store, self.workshop_id)
        self._by_digest = {_digest(t): (t, pid) for t, pid in mapping.items()}
        self._token_of = {pid: t for t, pid in mapping.items()}

    def _require_store(self) -> Store:
        if self._store is None:
            raise StorageError("The answering server has stopped.")
        return self._store

    def _issue(self, participant_id: str, replace: bool) -> str:
        from ..store.join import join_token, reissue_token

        store = self._require_store()
        participant = store.participant(participant_id)
        if participant.workshop_id != self.workshop_id:
            raise TandemError("That participant is not in the workshop being served.")
        token = (reissue_token if replace else join_token)(store, participant_id)
        self._refresh_tokens(force=True)
        return token

    def _participant_id(self, token: str) -> str | None:
        """The participant a token belongs to, or None. The dictionary is keyed by the token's
        SHA-256, so looking it up tells an attacker nothing about how close a guess came; the
        token itself is then compared in constant time (``hmac.compare_digest``)."""
        if not TOKEN_PATTERN.match(token):
            return None
        self._refresh_tokens()
        entry = self._by_digest.get(_digest(token))
        if entry is None or not hmac.compare_digest(entry[0].encode(), token.encode()):
            return None
        return entry[1]

    def _state(self, token: str) -> dict | None:
        participant_id = self._participant_id(token)
        if participant_id is None:
            return None
        store = self._require_store()
        participant = store.participant(participant_id)
        items = self._items.get(participant.role)
        if items is None:
            items = self._items[participant.role] = questionnaire_payload(
                self._questionnaire, participant.role, self._glossary)
        answers = store.answers_for_participant(participant_id)
        answers = {k: v for k, v in answers.items() if k in self._item_ids}
        return state_payload(participant, self._workshop_name, items, answers)

    def _answer_batch(self, requests: list[tuple[str, bytes]]) -> list[tuple[int, dict]]:
        """Check and store the answers that arrived together, in one transaction (a group
        commit: one fsync for the batch instead of one per answer). Each is saved through
        ``Store.save_answer`` (the kiosk's rules; a savepoint each inside the batch) and is
        reported saved only once the batch is committed."""
        results: list[tuple[int, dict]] = [(0, {})] * len(requests)
        valid: list[tuple[int, str, AnswerRequest]] = []
        for n, (token, body) in enumerate(requests):
            participant_id = self._participant_id(token)
            if participant_id is None:
                results[n] = (404, {})
            elif not self._take(participant_id):
                results[n] = (429, {"error": "Too many answers at once; the page tries again "
                                             "in a moment."})
            else:
                try:
                    valid.append((n, participant_id, parse_answer(body, self._item_ids)))
                except BadAnswer as exc:
                    results[n] = (400, {"error": str(exc)})
        if not valid:
            return results
        store = self._require_store()
        saved: list[tuple[int, str, Answer]] = []
        try:
            with store.transaction():
                for n, participant_id, request in valid:
                    try:
                        saved.append((n, participant_id, store.save_answer(
                            participant_id, request.item_id, request.current, request.target,
                            request.comment)))
                    except StorageError as exc:  # this answer only (its savepoint)
                        results[n] = (503, {"error": f"Not saved: {exc}"})
        except StorageError as exc:  # the commit failed: nothing of the batch is saved
            for n, _, _ in saved:
                results[n] = (503, {"error": f"Not saved: {exc}"})
            return results
        done = store.completion(self.workshop_id)
        total = len(self._item_ids)
        for n, participant_id, answer in saved:
            results[n] = (200, {"saved": True, "item": answer.item_id,
                                "answer": answer_json(answer),
                                "done": min(done.get(participant_id, 0), total),
                                "total": total})
        return results

    def _take(self, participant_id: str) -> bool:
        """A token bucket per participant: ``burst`` answers at once, ``rate`` a second."""
        now = time.monotonic()
        tokens, at = self._buckets.get(participant_id, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - at) * self.rate)
        if tokens < 1.0:
            self._buckets[participant_id] = (tokens, now)
            return False
        self._buckets[participant_id] = (tokens - 1.0, now)
        return True

    # -- HTTP ----------------------------------------------------------------------------------

    def _read_static(self) -> None:
        folder = files("assessment_app.web").joinpath("static")
        self._index = folder.joinpath("index.html").read_bytes()
        self._static = {name: folder.joinpath(name).read_bytes() for name in STATIC}

    def _app(self) -> web.Application:
        from aiohttp import web

        app = web.Application(client_max_size=BODY_MAX_BYTES, middlewares=[self._guard()])
        app.router.add_get(r"/a/{token}", self._page, allow_head=False)
        app.router.add_get(r"/a/{token}/state", self._get_state, allow_head=False)
        app.router.add_post(r"/a/{token}/answer", self._post_answer)
        app.router.add_get(r"/static/{name}", self._get_static, allow_head=False)
        app.on_response_prepare.append(_secure_headers)
        return app

    def _guard(self):
        from aiohttp import web

        @web.middleware
        async def guard(request: web.Request, handler):
            if not self._host_allowed(request.headers.get("Host", "")):
                return _plain(400, "Bad request")
            try:
                return await handler(request)
            except web.HTTPException as exc:  # 404 and 405 of the router, with no detail
                return _plain(exc.status, exc.reason)
            except Exception:
                log.exception("answering server request failed")
                return _json(500, {"error": "Something went wrong; the page tries again."})
        return guard

    def _host_allowed(self, host_header: str) -> bool:
        """The Host a browser sends: an address of this server (an IP literal or localhost,
        never a name a DNS rebinding attack could point here) with the server's port."""
        host, port = _split_host(host_header)
        if port != self.port:
            return False
        if host == "localhost":
            return _is_loopback(self.host) or self.host in ("", "0.0.0.0", "::")
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        if self.host in ("", "0.0.0.0", "::"):
            return True
        try:
            return address == ipaddress.ip_address(self.host)
        except ValueError:  # bound by name ("localhost")
            return address.is_loopback

    def _same_origin(self, request: web.Request) -> bool:
        """A POST comes from the page itself: the browser's Origin is this server as the
        browser addressed it (``Host``), and no other site's fetch metadata says otherwise."""
        origin = request.headers.get("Origin", "")
        host = request.headers.get("Host", "")
        site = request.headers.get("Sec-Fetch-Site", "same-origin")
        return bool(origin) and origin == f"http://{host}" and site == "same-origin"

    async def _page(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        if await self._db_call(self._participant_id, request.match_info["token"]) is None:
            return _plain(404, "Not Found")
        return web.Response(body=self._index, content_type="text/html", charset="utf-8")

    async def _get_state(self, request: web.Request) -> web.StreamResponse:
        try:
            state = await self._db_call(self._state, request.match_info["token"])
        except StorageError as exc:
            return _json(503, {"error": str(exc)})
        if state is None:
            return _plain(404, "Not Found")
        return _json(200, state)

    async def _post_answer(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        if not self._same_origin(request):
            return _json(403, {"error": "Answers are accepted only from the answering page."})
        if request.content_type != "application/json":
            return _json(400, {"error": "An answer must be sent as JSON."})
        if (request.content_length or 0) > BODY_MAX_BYTES:
            return _json(413, {"error": f"The answer is larger than "
                                        f"{BODY_MAX_BYTES // 1024} KB."})
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _json(413, {"error": f"The answer is larger than "
                                        f"{BODY_MAX_BYTES // 1024} KB."})
        status, data = await self._submit(request.match_info["token"], body)
        if status == 404:
            return _plain(404, "Not Found")
        response = _json(status, data)
        if status == 429:
            response.headers["Retry-After"] = "1"
        return response

    async def _submit(self, token: str, body: bytes) -> tuple[int, dict]:
        """Queue one answer for the next group commit and wait for its outcome."""
        future: asyncio.Future[tuple[int, dict]] = asyncio.get_running_loop().create_future()
        self._queued.append((token, body, future))
        if not self._writing:
            self._writing = True
            asyncio.get_running_loop().create_task(self._write_queued())
        return await future

    async def _write_queued(self) -> None:
        """Write what is queued, batch after batch, until nothing is left (loop thread)."""
        try:
            while self._queued:
                batch, self._queued = self._queued[:BATCH_MAX], self._queued[BATCH_MAX:]
                try:
                    results = await self._db_call(self._answer_batch,
                                                  [(t, b) for t, b, _ in batch])
                except Exception:
                    log.exception("answering server could not write a batch")
                    results = [(503, {"error": "Not saved yet; the page tries again."})] \
                        * len(batch)
                for (_, _, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)
        finally:
            self._writing = False

    async def _get_static(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        name = request.match_info["name"]
        if name not in STATIC:
            return _plain(404, "Not Found")
        response = web.Response(body=self._static[name], content_type=STATIC[name],
                                charset="utf-8")
        response.headers["Cache-Control"] = "no-cache"
        return response


# -- helpers ----------------------------------------------------------------------------------


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _json(status: int, data: dict) -> web.Response:
    from aiohttp import web

    return web.Response(status=status, text=json.dumps(data, ensure_ascii=False),
                        content_type="application/json", charset="utf-8")


def _plain(status: int, text: str) -> web.Response:
    from aiohttp import web

    return web.Response(status=status, text=text, content_type="text/plain", charset="utf-8")


async def _secure_headers(request, response) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    response.headers.setdefault("Cache-Control", "no-store")


def _split_host(value: str) -> tuple[str, int | None]:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8080
        host, _, rest = value[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port_text = value.rpartition(":") if ":" in value else (value, "", "")
    if not port_text:
        return host, 80
    return (host, int(port_text)) if port_text.isdigit() and len(port_text) <= 5 else (host, None)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    """How a link names the server: the bound address, or this computer's first network
    address when bound to all of them."""
    if host in ("", "0.0.0.0", "::"):
        host = network_addresses()[0][0]
    return f"[{host}]" if ":" in host else host


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or a TandemError saying plainly why not."""
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise TandemError(f"The port must be a number from 0 to 65535, not {port!r}.")
    shown = f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        raise TandemError(f"{host!r} is not an address of this computer; choose one of the "
                          "addresses the app lists (or 127.0.0.1 to test alone).") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        if sys.platform != "win32":  # on Windows it would let another program share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise TandemError(f"Port {port} on {host} is already in use by another program; "
                              "choose another port, or 0 for any free one.") from None
        if exc.errno in (errno.EADDRNOTAVAIL, getattr(errno, "WSAEADDRNOTAVAIL", -1)):
            raise TandemError(f"The address {host} does not belong to this computer (is the "
                              "network connected?); choose one of the addresses the app "
                              "lists.") from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise TandemError(f"Listening on {shown} is not allowed here (ports below 1024 "
                              "need administrator rights); choose a port above 1023, or 0 "
                              "for any free one.") from None
        raise TandemError(f"Cannot listen on {shown} ({exc.strerror or exc}).") from None
    return sock


# -- this computer's addresses ------------------------------------------------------------------


def network_addresses() -> list[tuple[str, str]]:
    """This computer's IPv4 addresses as ``(ip, label)``: network ones first (the one with the
    default route before the others), "127.0.0.1" (this computer only) last. Standard library
    only, no packet is sent, no internet needed; never raises."""
    found: dict[str, str] = {}

    def add(ip: str, label: str) -> None:
        try:
            address = ipaddress.IPv4Address(ip)
        except ValueError:
            return
        if address.is_loopback or address.is_unspecified or address.is_multicast:
            return
        found.setdefault(ip, label)

    with contextlib.suppress(Exception):  # the address the default route leaves from
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # a documentation address: UDP connect sends nothing
            add(probe.getsockname()[0], "main network")
    with contextlib.suppress(Exception):
        for name, ip in _interface_addresses():
            add(ip, f"network {name}")
    with contextlib.suppress(Exception):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            add(str(info[4][0]), "network")
    ordered = sorted(found.items(), key=lambda kv: ipaddress.IPv4Address(kv[0]).is_link_local)
    return [*ordered, ("127.0.0.1", "this computer only")]


def _interface_addresses() -> list[tuple[str, str]]:
    """(interface, IPv4) of every interface, where the platform lets the standard library ask
    (Linux: the SIOCGIFADDR ioctl); elsewhere empty (the hostname's addresses cover Windows
    and macOS)."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl
    import struct

    result = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            with contextlib.suppress(OSError):
                packed = fcntl.ioctl(probe.fileno(), 0x8915,  # SIOCGIFADDR
                                     struct.pack("256s", name.encode()[:15]))
                result.append((name, socket.inet_ntoa(packed[20:24])))
    return result
