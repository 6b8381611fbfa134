"""What the answering server answers over HTTP, and nothing else: ``/a/<token>`` (the page),
``/a/<token>/state`` (that participant's statements and own answers), ``POST /a/<token>/answer``
and ``/static/<file>`` for the page's two files; anything else is a 404 (for a browser, the
small page ``static/gone.html`` that says what to do; plain text otherwise).

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
from .group_commit import GroupCommit
from .network import host_allowed
from .page_data import BODY_MAX_BYTES

if TYPE_CHECKING:
    from aiohttp import web

    from .database_side import DatabaseSide

DatabaseCall = Callable[..., Awaitable[Any]]  # runs a function on the database thread

STATIC = {"app.js": "text/javascript", "app.css": "text/css"}
GONE = "gone.html"
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
TOO_LARGE = f"The answer is larger than {BODY_MAX_BYTES // 1024} KB."
BODY_S = 5.0  # an answer's body (under 16 KB) that has not arrived by then never will

log = logging.getLogger(__name__)


def page_files() -> tuple[bytes, dict[str, bytes]]:
    """The answering page and its static files, read from the package (with ``gone.html``, the
    page for a link that is not one, which is not served under /static)."""
    folder = files("assessment_app.web").joinpath("static")
    return (folder.joinpath("index.html").read_bytes(),
            {name: folder.joinpath(name).read_bytes() for name in (*STATIC, GONE)})


class Routes:
    """The handlers of one running server (on its event loop); ``side``'s methods run on the
    database thread through ``db_call``."""

    def __init__(self, host: str, port: int, side: DatabaseSide, db_call: DatabaseCall,
                 pages: tuple[bytes, dict[str, bytes]]) -> None:
        self.host = host
        self.port = port
        self.side = side
        self.db_call = db_call
        self.index, self.static = pages
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
                return _plain(400, "Bad request")
            try:
                response = await handler(request)
            except web.HTTPException as exc:  # 404 and 405 of the router, with no detail
                response = _plain(exc.status, exc.reason)
            except Exception:
                log.exception("answering server request failed")
                return _json(500, {"error": "Something went wrong; the page tries again."})
            if response.status == 404 and "text/html" in request.headers.get("Accept", ""):
                # a person opened it (an old link, the bare address): say what to do
                return web.Response(status=404, body=self.static[GONE], content_type="text/html",
                                    charset="utf-8")
            return response
        return guard

    async def _page(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        if await self.db_call(self.side.participant_id, request.match_info["token"]) is None:
            return _plain(404, "Not Found")
        response = web.Response(body=self.index, content_type="text/html", charset="utf-8")
        # the phone fetches the state while the script loads (the page's fetch uses this one)
        response.headers["Link"] = f"<{request.path}/state>; rel=preload; as=fetch; crossorigin"
        return response

    async def _get_state(self, request: web.Request) -> web.StreamResponse:
        try:
            state = await self.db_call(self.side.state, request.match_info["token"])
        except StorageError as exc:
            return _json(503, {"error": str(exc)})
        if state is None:
            return _plain(404, "Not Found")
        response = _json(200, state)
        response.enable_compression()  # 42 KB of JSON for the core questionnaire, 6 KB gzipped
        return response

    async def _post_answer(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        if not isinstance(body, bytes):
            return body
        status, data = await self.commits.submit(request.match_info["token"], body)
        if status == 404:
            return _plain(404, "Not Found")
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
        status, data = await self.db_call(self.side.vote, request.match_info["token"], body)
        return _plain(404, "Not Found") if status == 404 else _json(status, data)

    async def _body(self, request: web.Request) -> bytes | web.StreamResponse:
        """A posted body from the page (same origin, JSON, small, on time), or the refusal."""
        from aiohttp import web

        if not _same_origin(request):
            return _json(403, {"error": "Answers are accepted only from the answering page."})
        if request.content_type != "application/json":
            return _json(400, {"error": "An answer must be sent as JSON."})
        if (request.content_length or 0) > BODY_MAX_BYTES:
            return _json(413, {"error": TOO_LARGE})
        try:
            async with asyncio.timeout(BODY_S):
                body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _json(413, {"error": TOO_LARGE})
        except TimeoutError:
            response = _json(408, {"error": "The answer did not arrive in time; the page tries "
                                            "again."})
            response.force_close()
            return response
        return body

    async def _get_static(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        name = request.match_info["name"]
        if name not in STATIC:
            return _plain(404, "Not Found")
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
    response = _plain(status, "Bad request" if status < 500 else "Server error")
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
