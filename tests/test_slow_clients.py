"""Hundreds of idle connections while a room answers (issue 26): a connection that sends nothing
is closed sooner than one that is slow, at the cap the silent ones make room first, and the
server raises a low descriptor limit (macOS starts programs at 256) so that it is not the cap."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assessment_app.web import connections

from .test_hostile_room import _closed_within, _connect
from .test_web_server import answer, stored, token_path
from .test_web_server import served as served  # noqa: F401  (the fixture)


def _half_sent(served):
    sock = _connect(served)
    sock.sendall(b"GET " + token_path(served.server, served.ana.id).encode()
                 + f" HTTP/1.1\r\nHost: 127.0.0.1:{served.server.port}\r\nX-Slow: ".encode())
    return sock


def _heard(served, count: int) -> None:
    """Wait until the server has read the first bytes of ``count`` waiting connections."""
    end = time.monotonic() + 5.0
    while time.monotonic() < end and sum(
            bool(w.received) for w in list(served.server._door.waiting)) < count:
        time.sleep(0.02)


def test_a_connection_that_sends_nothing_is_closed_before_a_slow_one(monkeypatch, served):
    monkeypatch.setattr(connections, "SILENT_S", 0.5)
    monkeypatch.setattr(connections, "IDLE_S", 30.0)
    slow, silent = _half_sent(served), _connect(served)
    try:
        assert _closed_within(silent, 5.0)
        assert not _closed_within(slow, 1.0)  # its request may still come: IDLE_S applies
    finally:
        slow.close()
        silent.close()


def test_at_the_cap_connections_that_sent_nothing_make_room_first(monkeypatch, served):
    monkeypatch.setattr(connections, "MAX_CONNECTIONS", 4)
    slow = [_half_sent(served) for _ in range(2)]  # the oldest: a request begun
    silent = [_connect(served) for _ in range(2)]
    try:
        _heard(served, 2)  # the door knows which sent something
        assert answer(served.server, served.ana.id, "trust-1", 2, 3)[0] == 200
        assert _closed_within(silent[0], 3.0)
        assert not any(_closed_within(sock, 0.5) for sock in slow)
    finally:
        for sock in slow + silent:
            sock.close()


def test_the_server_raises_a_low_descriptor_limit():
    script = ("import resource; from assessment_app.web.connections import room_for_connections; "
              "hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]; "
              "resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard)); "
              "room = room_for_connections(); "
              "print(room, resource.getrlimit(resource.RLIMIT_NOFILE)[0], hard)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    room, soft, hard = (int(v) for v in done.stdout.split())
    assert soft == (connections.WANTED_FDS if hard < 0 else min(connections.WANTED_FDS, hard))
    assert room == soft - connections.FD_HEADROOM > 256


def _held(served, waiting: int) -> tuple[int, int]:
    """(waiting for a request head, handled by aiohttp) once ``waiting`` have arrived."""
    door = served.server._door
    end = time.monotonic() + 5.0
    while len(door.waiting) < waiting and time.monotonic() < end:
        time.sleep(0.02)
    return len(door.waiting), len(door.handled)


def test_connections_without_a_whole_request_cost_no_request_handler(served):
    """Idle and half-sent connections wait at the door, cheaply: aiohttp builds no request
    handler (nor its task and timer) for them, and a participant is answered meanwhile."""
    held = [_half_sent(served) if n % 2 else _connect(served) for n in range(6)]
    try:
        assert _held(served, 6) == (6, 0)
        assert answer(served.server, served.ana.id, "trust-1", 2, 3)[0] == 200
        assert stored(served.path, served.ana.id)["trust-1"].current == 2
    finally:
        for sock in held:
            sock.close()


def test_a_request_head_sent_in_pieces_is_answered(served):
    url = served.server.url
    body = json.dumps({"item": "trust-1", "current": 4, "target": 5, "comment": ""}).encode()
    head = (f"POST {token_path(served.server, served.ana.id)}/answer HTTP/1.1\r\n"
            f"Host: {url.removeprefix('http://')}\r\nOrigin: {url}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode()
    sock = _connect(served)
    try:
        for piece in (head[:5], head[5:40], head[40:-1], head[-1:] + body[:3], body[3:]):
            sock.sendall(piece)
            time.sleep(0.1)
        sock.settimeout(5)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
    finally:
        sock.close()
    assert stored(served.path, served.ana.id)["trust-1"].current == 4


def test_bytes_that_are_no_http_request_are_refused_at_once(served):
    """A phone trying https on the page's port (a TLS greeting) gets a plain 400 with Tandem's
    headers at once, not a wait for a request head that never comes."""
    sock = _connect(served)
    try:
        sock.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")
        sock.settimeout(2)
        reply = sock.recv(4096)
        assert reply.split(b"\r\n")[0].endswith(b" 400 Bad Request")
        assert b"Content-Security-Policy" in reply
    finally:
        sock.close()


@pytest.fixture
def proactor_like(monkeypatch):
    """A loop that cannot watch a socket itself, as Windows' proactor loop: asyncio's server
    accepts and makes the transports, the door the same rules."""
    def cannot(*args, **kwargs):
        raise NotImplementedError

    monkeypatch.setattr(asyncio.selector_events.BaseSelectorEventLoop, "add_reader", cannot)


def test_where_asyncio_accepts_the_door_keeps_the_same_rules(proactor_like, monkeypatch,
                                                               served):
    monkeypatch.setattr(connections, "SILENT_S", 0.5)
    assert served.server._door._server is not None  # asyncio's server accepts
    silent, slow = _connect(served), _half_sent(served)
    try:
        assert _held(served, 2) == (2, 0)
        assert _closed_within(silent, 5.0)
        assert answer(served.server, served.ana.id, "trust-1", 2, 3)[0] == 200
        assert not _closed_within(slow, 0.5)
    finally:
        silent.close()
        slow.close()


def test_a_connection_a_browser_opened_ahead_and_uses_seconds_later_is_answered(served):
    """A browser opens a connection before it needs it and may leave it unused for seconds (as a
    crowded room's Wi-Fi may delay a phone's first bytes): it is still answered then."""
    url = served.server.url
    body = json.dumps({"item": "trust-1", "current": 3, "target": 4, "comment": ""}).encode()
    sock = _connect(served)
    try:
        time.sleep(3.0)
        sock.sendall((f"POST {token_path(served.server, served.ana.id)}/answer HTTP/1.1\r\n"
                      f"Host: {url.removeprefix('http://')}\r\nOrigin: {url}\r\n"
                      f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                      "Connection: close\r\n\r\n").encode() + body)
        sock.settimeout(5)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
    finally:
        sock.close()
    assert stored(served.path, served.ana.id)["trust-1"].current == 3


def test_connections_late_together_are_closed_a_few_a_turn(monkeypatch, served):
    """Connections a device opened together fall late together; the door closes them a few at a
    time, the loop turning to the participants' answers in between, never all in one turn."""
    monkeypatch.setattr(connections, "SILENT_S", 0.3)
    monkeypatch.setattr(connections, "CLOSES_PER_TICK", 2, raising=False)
    closed_per_turn: list[int] = []
    sweep = connections.Door._close_late

    def counted(door):
        before = len(door.waiting)
        sweep(door)
        closed_per_turn.append(before - len(door.waiting))

    monkeypatch.setattr(connections.Door, "_close_late", counted)
    silent = [_connect(served) for _ in range(7)]
    try:
        assert all(_closed_within(sock, 5.0) for sock in silent)
        assert answer(served.server, served.ana.id, "trust-1", 2, 3)[0] == 200
    finally:
        for sock in silent:
            sock.close()
    assert sum(closed_per_turn) == 7
    assert max(closed_per_turn) <= 2


def test_connections_opened_together_fall_late_over_time_not_at_once(monkeypatch, served):
    """Connections a device opened together are each given their own share of ``SPREAD``, so
    they fall late over a second here (over seconds in the room), not all in one sweep, and a
    device that reopens what is closed trickles back instead of coming in one wave."""
    monkeypatch.setattr(connections, "SILENT_S", 1.0)
    monkeypatch.setattr(connections, "SPREAD", 1.0, raising=False)  # limits from 1 s to 2 s
    closed_at: list[float] = []
    drop = connections.Door._drop

    def timed(door, waiting):
        closed_at.append(door.loop.time())
        drop(door, waiting)

    monkeypatch.setattr(connections.Door, "_drop", timed)
    silent = [_connect(served) for _ in range(8)]
    try:
        assert all(_closed_within(sock, 5.0) for sock in silent)
    finally:
        for sock in silent:
            sock.close()
    assert len(closed_at) == 8
    assert max(closed_at) - min(closed_at) >= connections.SWEEP_S  # two sweeps at least
    assert max(closed_at) - min(closed_at) <= 1.0 + 2 * connections.SWEEP_S
