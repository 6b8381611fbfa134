"""What the answering server answers over HTTP, and nothing else: ``/a/<token>`` (the page),
``/a/<token>/state`` (that participant's statements and own answers), ``POST /a/<token>/answer``
and ``/static/<file>`` for the page's two files; anything else is a 404 (for a browser, the
small page ``static/gone.html`` that says what to do; plain text otherwise). The pages and every
sentence are in the request's language (``page_language``; the texts: ``page_text``).

A request must name this server by address (``network.host_allowed``); a POST must come from the
page itself (same origin, JSON, at most 16 KB); every response carries a strict
Content-Security-Policy and ``Cache-Control: no-store`` (the page's files: ``no-cache``).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from ..errors import StorageError
from ..i18n import speaking, tr
from .group_commit import GroupCommit
from .network import host_allowed
from .page_data import BODY_MAX_BYTES
from .page_language import Asked
from .page_text import render

if TYPE_CHECKING:
    from aiohttp import web

    from .database_side import DatabaseSide

DatabaseCall = Callable[..., Awaitable[Any]]  # runs a function on the database thread

STATIC = {"app.js": "text/javascript", "app.css": "text/css"}
INDEX, GONE = "index.html", "gone.html"
SECURITY_HEADERS = {
    "Content-Security-Policy": "; ".join((
        "default-src 'none'", "script-src 'self'", "style-src 'self'",
        "img-src 'self' data:",  # not translated: part of an HTTP header
        "connect-src 'self'", "base-uri 'none'", "form-action 'none'",
        "frame-ancestors 'none'")),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Server": "Tandem",
}
# The status texts a program reads (a person's browser gets a page: ``gone.html``)
NOT_FOUND, BAD_REQUEST = "Not Found", "Bad request"  # not translated: HTTP status texts
SERVER_ERROR = "Server error"  # not translated: an HTTP status text
PRELOAD = "rel=preload; as=fetch; crossorigin"  # not translated: part of an HTTP header
BODY_S = 5.0  # an answer's body (under 16 KB) that has not arrived by then never will

log = logging.getLogger(__name__)


def page_files() -> tuple[dict[str, str], dict[str, bytes]]:
    """The answering page's templates (``index.html``, and ``gone.html``, the page for a link
    that is not one, which is not served under /static) and its static files, read from the
    package."""
    folder = files("assessment_app.web").joinpath("static")
    return ({name: folder.joinpath(name).read_text(encoding="utf-8")
             for name in (INDEX, GONE)},
            {name: folder.joinpath(name).read_bytes() for name in STATIC})


def _too_large() -> str:
    return tr("The answer is larger than {size} KB.", size=BODY_MAX_BYTES // 1024)


def _asked(request: web.Request) -> Asked:
    return Asked.of(request.query, request.cookies, request.headers)


class Routes:
    """The handlers of one running server (on its event loop); ``side``'s methods run on the
    database thread through ``db_call``."""

    def __init__(self, host: str, port: int, side: DatabaseSide, db_call: DatabaseCall,
                 pages: tuple[dict[str, str], dict[str, bytes]]) -> None:
        self.host = host
        self.port = port
        self.side = side
        self.db_call = db_call
        self.templates, self.static = pages
        self._rendered: dict[tuple[str, str], bytes] = {}  # (page, language) -> its HTML
        self.commits = GroupCommit(functools.partial(db_call, side.answer_batch))

    def app(self) -> web.Application:
        from aiohttp import web

        app = web.Application(client_max_size=BODY_MAX_BYTES, middlewares=[self._guard()])
        app.router.add_get(r"/a/{token}", self._page, allow_head=False)
        app.router.add_get(r"/a/{token}/state", self._get_state, allow_head=False)
        app.router.add_post(r"/a/{token}/answer", self._post_answer)
        app.router.add_post(r"/a/{token}/vote", self._post_vote)
        app.router.add_get(r"/static/{name}", self._get_static, allow_head=False)
        app.on_response_prepare.append(_secure_headers)
        return app

    def _guard(self):
        from aiohttp import web

        @web.middleware
        async def guard(request: web.Request, handler):
            if not host_allowed(request.headers.get("Host", ""), self.host, self.port):
                return _plain(400, BAD_REQUEST)
            asked = _asked(request)
            with speaking(asked.language()):  # the handler may know better: its own block
                try:
                    response = await handler(request)
                except web.HTTPException as exc:  # 404 and 405 of the router, with no detail
                    response = _plain(exc.status, exc.reason)
                except Exception:
                    log.exception("answering server request failed")
                    return _json(500, {"error": tr("Something went wrong; the page tries "
                                                   "again.")})
                if response.status == 404 and "text/html" in request.headers.get("Accept", ""):
                    # a person opened it (an old link, the bare address): say what to do
                    return web.Response(status=404, body=self._page_in(GONE, asked.language()),
                                        content_type="text/html", charset="utf-8")
            return response
        return guard

    async def _page(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        language = await self.db_call(self.side.language, request.match_info["token"],
                                      _asked(request))
        if language is None:
            return _plain(404, NOT_FOUND)
        response = web.Response(body=self._page_in(INDEX, language), content_type="text/html",
                                charset="utf-8")
        # the phone fetches the state while the script loads (the page's fetch uses this one)
        response.headers["Link"] = f"<{request.path}/state>; {PRELOAD}"
        return response

    async def _get_state(self, request: web.Request) -> web.StreamResponse:
        try:
            state = await self.db_call(self.side.state, request.match_info["token"],
                                       _asked(request))
        except StorageError as exc:
            return _json(503, {"error": str(exc)})
        if state is None:
            return _plain(404, NOT_FOUND)
        response = _json(200, state)
        response.enable_compression()  # 42 KB of JSON for the core questionnaire, 6 KB gzipped
        return response

    async def _post_answer(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        if not isinstance(body, bytes):
            return body
        status, data = await self.commits.submit(request.match_info["token"], body,
                                                 _asked(request))
        if status == 404:
            return _plain(404, NOT_FOUND)
        response = _json(status, data)
        if status == 429:
            response.headers["Retry-After"] = "1"
        return response

    async def _post_vote(self, request: web.Request) -> web.StreamResponse:
        """Dots on one action in the consensus round: ``{"action", "count"}``, answered with
        the person's ballot (or one sentence)."""
        body = await self._body(request)
        if not isinstance(body, bytes):
            return body
        status, data = await self.db_call(self.side.vote, request.match_info["token"], body,
                                          _asked(request))
        return _plain(404, NOT_FOUND) if status == 404 else _json(status, data)

    async def _body(self, request: web.Request) -> bytes | web.StreamResponse:
        """A posted body from the page (same origin, JSON, small, on time), or the refusal."""
        from aiohttp import web

        if not _same_origin(request):
            return _json(403, {"error": tr("Answers are accepted only from the answering "
                                           "page.")})
        if request.content_type != "application/json":
            return _json(400, {"error": tr("An answer must be sent as JSON.")})
        if (request.content_length or 0) > BODY_MAX_BYTES:
            return _json(413, {"error": _too_large()})
        try:
            async with asyncio.timeout(BODY_S):
                body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _json(413, {"error": _too_large()})
        except TimeoutError:
            response = _json(408, {"error": tr("The answer did not arrive in time; the page "
                                               "tries again.")})
            response.force_close()
            return response
        except web.RequestPayloadError as exc:  # a body that cannot be read (bad chunks, a
            # compression that does not decompress): what a page never sends, refused quietly
            return malformed_request(400, exc)
        return body

    def _page_in(self, name: str, language: str) -> bytes:
        """A page of ``static/`` in ``language``, rendered once per language."""
        key = (name, language)
        if key not in self._rendered:
            with speaking(language):
                self._rendered[key] = render(self.templates[name])
        return self._rendered[key]

    async def _get_static(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        name = request.match_info["name"]
        if name not in STATIC:
            return _plain(404, NOT_FOUND)
        response = web.Response(body=self.static[name], content_type=STATIC[name],
                                charset="utf-8")
        response.headers["Cache-Control"] = "no-cache"
        response.enable_compression()
        return response


def _same_origin(request: web.Request) -> bool:
    """A POST comes from the page itself: the browser's Origin is this server as the browser
    addressed it (``Host``), and no other site's fetch metadata says otherwise."""
    origin = request.headers.get("Origin", "")
    host = request.headers.get("Host", "")
    site = request.headers.get("Sec-Fetch-Site", "same-origin")
    return bool(origin) and origin == f"http://{host}" and site == "same-origin"


def malformed_request(status: int, exc: BaseException | None) -> web.Response:
    """aiohttp's answer to a request it could not read (a broken request line or header, a
    body cut short): Tandem's headers, nothing of the request echoed, one quiet log line that
    names only the kind of fault (a request line may hold a participant's token)."""
    log.info("answering server refused a request it could not read (%s, %s)", status,
             type(exc).__name__ if exc is not None else "no detail")
    response = _plain(status, BAD_REQUEST if status < 500 else SERVER_ERROR)
    response.headers.update(SECURITY_HEADERS)
    response.headers["Cache-Control"] = "no-store"
    response.force_close()
    return response


def _json(status: int, data: dict) -> web.Response:
    from aiohttp import web

    return web.json_response(data, status=status,
                             dumps=functools.partial(json.dumps, ensure_ascii=False))


def _plain(status: int, text: str) -> web.Response:
    from aiohttp import web

    return web.Response(status=status, text=text, content_type="text/plain", charset="utf-8")


async def _secure_headers(request, response) -> None:
    """Tandem's headers on every response, whichever handler (or the router) made it."""
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    response.headers.setdefault("Cache-Control", "no-store")
