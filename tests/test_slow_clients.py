"""Hundreds of idle connections while a room answers (issue 26): a connection that sends nothing
is closed sooner than one that is slow, at the cap the silent ones make room first, and the
server raises a low descriptor limit (macOS starts programs at 256) so that it is not the cap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assessment_app.web import server as server_module

from .test_hostile_room import _closed_within, _connect
from .test_web_server import answer, token_path
from .test_web_server import served as served  # noqa: F401  (the fixture)


def _half_sent(served):
    sock = _connect(served)
    sock.sendall(b"GET " + token_path(served.server, served.ana.id).encode()
                 + f" HTTP/1.1\r\nHost: 127.0.0.1:{served.server.port}\r\nX-Slow: ".encode())
    return sock


def test_a_connection_that_sends_nothing_is_closed_before_a_slow_one(monkeypatch, served):
    monkeypatch.setattr(server_module, "SILENT_S", 0.5)
    monkeypatch.setattr(server_module, "IDLE_S", 30.0)
    slow, silent = _half_sent(served), _connect(served)
    try:
        assert _closed_within(silent, 5.0)
        assert not _closed_within(slow, 1.0)  # its request may still come: IDLE_S applies
    finally:
        slow.close()
        silent.close()


def test_at_the_cap_connections_that_sent_nothing_make_room_first(monkeypatch, served):
    monkeypatch.setattr(server_module, "MAX_CONNECTIONS", 4)
    slow = [_half_sent(served) for _ in range(2)]  # the oldest: a request begun
    silent = [_connect(served) for _ in range(2)]
    try:
        assert answer(served.server, served.ana.id, "trust-1", 2, 3)[0] == 200
        assert _closed_within(silent[0], 3.0)
        assert not any(_closed_within(sock, 0.5) for sock in slow)
    finally:
        for sock in slow + silent:
            sock.close()


def test_the_server_raises_a_low_descriptor_limit():
    script = ("import resource; from assessment_app.web.server import room_for_connections; "
              "hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]; "
              "resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard)); "
              "room = room_for_connections(); "
              "print(room, resource.getrlimit(resource.RLIMIT_NOFILE)[0], hard)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    room, soft, hard = (int(v) for v in done.stdout.split())
    assert soft == (server_module.WANTED_FDS if hard < 0 else min(server_module.WANTED_FDS, hard))
    assert room == soft - server_module.FD_HEADROOM > 256
