"""A hostile room: devices on the workshop's network that connect and never finish a request,
send malformed ones, or post JSON a page never sends; the server keeps answering the real
participants, says nothing of the request back, and prints no token. Loopback only, bounded."""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import socket
import sqlite3
import time

import pytest

from assessment_app.web import connections, routes

from .test_web_server import answer, call, stored, token_path
from .test_web_server import served as served  # noqa: F401  (the fixture)


def _connect(server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.server.port), timeout=5)
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection within ``seconds`` (anything it sends first
    is read and dropped)."""
    sock.settimeout(0.2)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if sock.recv(4096) == b"":
                return True
        except TimeoutError:
            continue
        except ConnectionResetError:
            return True
    return False


@pytest.fixture
def quick(monkeypatch):
    """The room's limits shortened, so the suite waits a second, not fifteen."""
    monkeypatch.setattr(connections, "SILENT_S", 0.5)
    monkeypatch.setattr(connections, "IDLE_S", 1.0)
    monkeypatch.setattr(routes, "BODY_S", 1.0)


def test_idle_and_half_sent_connections_are_dropped(quick, served):
    socks = [_connect(served) for _ in range(6)]
    host = f"127.0.0.1:{served.server.port}".encode()
    for n, sock in enumerate(socks):
        if n % 2:  # headers begun, never finished
            sock.sendall(b"GET " + token_path(served.server, served.ana.id).encode()
                         + b" HTTP/1.1\r\nHost: " + host + b"\r\nX-Slow: ")
    try:
        assert all(_closed_within(sock, 5.0) for sock in socks)
        assert answer(served.server, served.ana.id, "trust-1", 2, 3)[0] == 200
    finally:
        for sock in socks:
            sock.close()


def test_a_body_that_never_finishes_gets_a_timeout_and_the_connection_closes(quick, served):
    sock = _connect(served)
    url = served.server.url
    try:
        sock.sendall(f"POST {token_path(served.server, served.ana.id)}/answer HTTP/1.1\r\n"
                     f"Host: {url.removeprefix('http://')}\r\nOrigin: {url}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                     '{"item"'.encode())
        sock.settimeout(5)
        reply = sock.recv(4096)
        assert reply.startswith(b"HTTP/1.1 408")
        assert _closed_within(sock, 5.0)
    finally:
        sock.close()
    assert stored(served.path, served.ana.id) == {}


def test_at_the_connection_cap_the_oldest_never_answered_makes_room(monkeypatch, served):
    """A flood of idle connections cannot keep a participant out: at the cap the oldest one
    that never got an answer is closed and the participant's answer is saved."""
    monkeypatch.setattr(connections, "MAX_CONNECTIONS", 4)
    held = [_connect(served) for _ in range(4)]
    try:
        time.sleep(0.2)  # accepted by the server's loop
        assert answer(served.server, served.ana.id, "trust-1", 2, 3)[0] == 200
        assert _closed_within(held[0], 3.0)
    finally:
        for sock in held:
            sock.close()


def test_at_the_cap_of_answered_connections_a_new_one_is_closed(monkeypatch, served):
    monkeypatch.setattr(connections, "MAX_CONNECTIONS", 2)
    kept = []
    for _ in range(2):  # two participants' kept-alive connections, each answered once
        conn = http.client.HTTPConnection("127.0.0.1", served.server.port, timeout=5)
        conn.request("GET", token_path(served.server, served.ana.id) + "/state")
        conn.getresponse().read()
        kept.append(conn)
    extra = _connect(served)
    try:
        assert _closed_within(extra, 3.0)
        kept[0].request("GET", token_path(served.server, served.ana.id) + "/state")
        assert kept[0].getresponse().status == 200  # the answered ones are kept
    finally:
        extra.close()
        for conn in kept:
            conn.close()


@pytest.mark.parametrize("request_bytes", [
    b"GET /a/TOKEN\x01 HTTP/1.1\r\nHost: HOST\r\n\r\n",
    b"GET /a/TOKEN HTTP/1.1\r\nHost: HOST\r\nBad Header\r\n\r\n",
    b"GET /a/TOKEN HTTP/9.9\r\nHost: HOST\r\n\r\n",
    b"POST /a/TOKEN/answer HTTP/1.1\r\nHost: HOST\r\nContent-Length: x\r\n\r\n",
])
def test_a_malformed_request_gets_tandems_headers_and_no_echo_or_traceback(served, caplog,
                                                                           request_bytes):
    token = token_path(served.server, served.ana.id).removeprefix("/a/")
    host = f"127.0.0.1:{served.server.port}"
    sock = _connect(served)
    caplog.set_level(logging.DEBUG)
    try:
        sock.sendall(request_bytes.replace(b"TOKEN", token.encode())
                     .replace(b"HOST", host.encode()))
        sock.settimeout(5)
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    finally:
        sock.close()
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400"
    headers = head.decode().lower()
    assert "content-security-policy:" in headers and "server: tandem" in headers
    assert "aiohttp" not in headers and token.encode() not in body
    assert all(token not in r.getMessage() and r.exc_info is None for r in caplog.records)


@contextlib.contextmanager
def _locked_by_another_program(path):
    """The database's write lock held by another program for as long as the block runs."""
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.rollback()
        other.close()


def test_a_database_locked_by_another_program_gets_a_503(served):
    with _locked_by_another_program(served.path):
        status, _, body = answer(served.server, served.ana.id, "trust-1", 2, 3)
    assert status == 503
    assert json.loads(body)["error"].endswith(".")
    assert answer(served.server, served.ana.id, "trust-1", 2, 3)[0] == 200  # the retry saves


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_body_that_does_not_decompress_is_refused_quietly(served, caplog, encoding):
    """Before: 'Content-Encoding: gzip' on bytes that are not gzip got a 500 and printed two
    tracebacks to the serve terminal."""
    url = served.server.url
    sock = _connect(served)
    caplog.set_level(logging.DEBUG)
    try:
        sock.sendall(f"POST {token_path(served.server, served.ana.id)}/answer HTTP/1.1\r\n"
                     f"Host: {url.removeprefix('http://')}\r\nOrigin: {url}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 5\r\n"
                     f"Content-Encoding: {encoding}\r\n\r\nhello".encode())
        sock.settimeout(5)
        reply = sock.recv(4096)
    finally:
        sock.close()
    assert reply.startswith(b"HTTP/1.1 400") and b"Server: Tandem" in reply
    assert all(r.exc_info is None and r.levelno < logging.WARNING for r in caplog.records)
    assert stored(served.path, served.ana.id) == {}


def _vote(served, action: str, count: int):
    return call(served.server, "POST", token_path(served.server, served.ana.id) + "/vote",
                {"action": action, "count": count})


def test_a_vote_while_another_program_holds_the_database_gets_a_503(served, mini_catalog):
    """Before: the dots got a 400 with the database's path in it, as if the vote were wrong."""
    served.store.open_round(served.workshop.id, [])
    with _locked_by_another_program(served.path):
        status, _, body = _vote(served, mini_catalog.actions[0].id, 1)
    error = json.loads(body)["error"]
    assert status == 503 and error.endswith("."), error
    assert str(served.path.parent) not in error
    assert _vote(served, mini_catalog.actions[0].id, 1)[0] == 200  # tapped again: placed


def test_a_vote_with_a_key_twice_is_refused_saying_so(served, mini_catalog):
    """Before: refused as 'not valid JSON', which it is."""
    served.store.open_round(served.workshop.id, [])
    action = mini_catalog.actions[0].id
    body = f'{{"action": "{action}", "count": 1, "count": 3}}'.encode()
    status, _, raw = call(served.server, "POST",
                          token_path(served.server, served.ana.id) + "/vote", body)
    assert status == 400 and "twice" in json.loads(raw)["error"]
    assert served.store.votes(served.workshop.id) == []


def test_a_locked_database_says_nothing_of_the_laptops_files(served):
    with _locked_by_another_program(served.path):
        status, _, body = answer(served.server, served.ana.id, "trust-1", 2, 3)
    assert status == 503 and str(served.path.parent) not in json.loads(body)["error"]


def test_an_answer_with_a_key_twice_is_refused(served):
    body = (b'{"item": "trust-1", "current": 2, "target": 3, "comment": "", '
            b'"current": 5}')
    status, _, raw = call(served.server, "POST",
                          token_path(served.server, served.ana.id) + "/answer", body)
    assert status == 400
    assert "twice" in json.loads(raw)["error"]
    assert stored(served.path, served.ana.id) == {}


@pytest.mark.parametrize("command", [
    ["serve", "--workshop", "any"], ["results", "--workshop", "any"],
    ["export-csv", "--workshop", "any", "--out", "a.csv"], ["clear-pin", "--workshop", "any"],
    ["import-plan", "--workshop", "any", "plan.xlsx"], ["consensus", "--workshop", "any"],
    ["workshop-settings", "--workshop", "any"]])
def test_a_mistyped_db_creates_nothing(tmp_path, capsys, command):
    """Before, every command but serve made the mistyped folder and an empty database, then
    said 'There is no workshop with id any', hiding the path."""
    from assessment_app.cli import main

    typo = tmp_path / "Tandme" / "tandem.sqlite"
    assert main(["--db", str(typo), *command]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tandem: There is no Tandem database at") and err.count("\n") == 1
    assert not typo.parent.exists()


def test_listing_workshops_of_a_mistyped_db_creates_nothing(tmp_path, capsys):
    from assessment_app.cli import main

    typo = tmp_path / "Tandme" / "tandem.sqlite"
    assert main(["--db", str(typo), "workshops"]) == 0
    assert capsys.readouterr().out.startswith("No workshops yet.")
    assert not typo.parent.exists()
