"""The answering server at the HTTP level: a real server on 127.0.0.1 (port 0), requests with
http.client, and the database read through another connection, as the window reads it."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from assessment_app.errors import TandemError
from assessment_app.store.database import Store
from assessment_app.store.join import join_token, reissue_token, workshop_tokens
from assessment_app.web.network import network_addresses
from assessment_app.web.page_data import statement_segments
from assessment_app.web.server import AnswerServer

SECURITY = {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"}


def make_workshop(path: Path, questionnaire, people=(("Ana", "marketing"), ("Ben", "it"))):
    store = Store.open(path)
    workshop = store.create_workshop("Web workshop", questionnaire, "Org")
    participants = [store.add_participant(workshop.id, name, role) for name, role in people]
    return store, workshop, participants


@pytest.fixture
def served(tmp_path, mini_catalog, mini):
    path = tmp_path / "tandem.sqlite"
    store, workshop, (ana, ben) = make_workshop(path, mini)
    server = AnswerServer(path, workshop.id, mini_catalog)
    server.start()
    yield SimpleNamespace(server=server, store=store, workshop=workshop, ana=ana, ben=ben,
                          path=path, items=mini.item_ids)
    server.stop()
    store.close()


def call(server_or_url, method: str, path: str, body=None, headers=None, origin=True):
    url = server_or_url if isinstance(server_or_url, str) else server_or_url.url
    host, port = url.removeprefix("http://").rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    sent = {}
    if origin:
        sent["Origin"] = url
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body).encode()
    if body is not None:
        sent["Content-Type"] = "application/json"
    sent.update(headers or {})
    try:
        conn.request(method, path, body, sent)
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def token_path(server: AnswerServer, participant_id: str) -> str:
    return server.join_url(participant_id).removeprefix(server.url)


def answer(server, participant_id, item, current, target=None, comment="", **extra):
    data = {"item": item, "current": current, "target": target, "comment": comment, **extra}
    return call(server, "POST", token_path(server, participant_id) + "/answer", data)


def stored(path: Path, participant_id: str) -> dict:
    other = Store.open(path)  # another connection: what the window would see
    try:
        return other.answers_for_participant(participant_id)
    finally:
        other.close()


# -- join tokens --------------------------------------------------------------------------------


def test_join_tokens_are_long_random_stable_and_reissued(store, mini):
    workshop = store.create_workshop("W", mini)
    a = store.add_participant(workshop.id, "A", "marketing")
    b = store.add_participant(workshop.id, "B", "it")
    first = join_token(store, a.id)
    assert len(first) == 22 and first == join_token(store, a.id)  # 128 bits, kept
    tokens = workshop_tokens(store, workshop.id)
    assert tokens[a.id] == first and set(tokens) == {a.id, b.id}
    assert tokens[a.id] != tokens[b.id]
    again = reissue_token(store, a.id)
    assert again != first and join_token(store, a.id) == again
    store.remove_participant(a.id)
    assert workshop_tokens(store, workshop.id) == {b.id: tokens[b.id]}


# -- answers ------------------------------------------------------------------------------------


def test_an_answer_round_trip_lands_in_the_database(served):
    s = served
    status, headers, body = answer(s.server, s.ana.id, "trust-1", 2, 4, "Ça va, 日本 <b>&amp;")
    assert status == 200, body
    data = json.loads(body)
    assert data["saved"] is True and data["done"] == 1 and data["total"] == len(s.items)
    saved = stored(s.path, s.ana.id)["trust-1"]
    assert (saved.current, saved.target, saved.comment) == (2, 4, "Ça va, 日本 <b>&amp;")
    assert headers["Cache-Control"] == "no-store"
    assert SECURITY <= set(headers)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    # a reload shows what is stored, including the kiosk's answers (another connection)
    s.store.save_answer(s.ana.id, "trust-2", None, None, "kiosk")
    status, _, body = call(s.server, "GET", token_path(s.server, s.ana.id) + "/state")
    state = json.loads(body)
    assert state["answers"]["trust-1"]["comment"] == "Ça va, 日本 <b>&amp;"
    kiosk = state["answers"]["trust-2"]
    assert kiosk.pop("answered_at")  # what the page sends back as "seen"
    assert kiosk == {"current": None, "target": None, "comment": "kiosk", "complete": True}
    assert [i["id"] for i in state["items"]] == s.items
    assert state["items"][0]["statement"][0]["text"] == "IT delivers what marketing asks for."


def test_the_page_uses_the_functions_wording_and_marks_terms(served):
    s = served
    _, _, body = call(s.server, "GET", token_path(s.server, s.ben.id) + "/state")
    first = json.loads(body)["items"][0]
    assert "".join(seg["text"] for seg in first["statement"]) == "Marketing trusts IT to deliver."
    assert first["extra_terms"] == ["agile"] and first["terms"]["agile"]["term"] == "Agile"
    assert [lv["level"] for lv in first["levels"]] == [1, 2, 3, 4, 5]


def test_statement_segments_mark_the_first_whole_word_of_each_term():
    from assessment_app.content.glossary import Term

    terms = [Term("dr", "DR", "m", "i"), Term("agile", "agile", "m", "i"),
             Term("x", "zz", "m", "i")]
    segments, missing = statement_segments("Our DR plan is agile; DRY agile.", terms)
    assert segments == [{"text": "Our "}, {"text": "DR", "term": "dr"}, {"text": " plan is "},
                        {"text": "agile", "term": "agile"}, {"text": "; DRY agile."}]
    assert missing == ["x"]


def test_a_target_below_today_is_refused_and_nothing_is_stored(served):
    s = served
    status, _, body = answer(s.server, s.ana.id, "trust-1", 4, 2)
    assert status == 400
    assert "cannot be below" in json.loads(body)["error"]
    assert stored(s.path, s.ana.id) == {}


def test_dont_know_and_a_partial_answer_are_stored_as_the_kiosk_stores_them(served):
    s = served
    assert answer(s.server, s.ana.id, "trust-1", None)[0] == 200
    assert answer(s.server, s.ana.id, "trust-2", 3)[0] == 200
    saved = stored(s.path, s.ana.id)
    assert saved["trust-1"].dont_know and saved["trust-1"].is_complete
    assert saved["trust-2"].current == 3 and not saved["trust-2"].is_complete


def test_a_token_reaches_only_its_own_participant(served):
    s = served
    assert answer(s.server, s.ben.id, "trust-1", 1, 5, "Ben's secret")[0] == 200
    _, _, body = call(s.server, "GET", token_path(s.server, s.ana.id) + "/state")
    assert b"Ben" not in body and b"secret" not in body  # no other participant, no other answer
    # Ana's link cannot be pointed at Ben's answers
    status, _, _ = answer(s.server, s.ana.id, "trust-1", 2, 2, participant=s.ben.id)
    assert status == 400
    assert answer(s.server, s.ana.id, "trust-1", 2, 2)[0] == 200
    assert stored(s.path, s.ben.id)["trust-1"].comment == "Ben's secret"
    assert stored(s.path, s.ana.id)["trust-1"].current == 2


@pytest.mark.parametrize("path", [
    "/a/AAAAAAAAAAAAAAAAAAAAAA", "/a/AAAAAAAAAAAAAAAAAAAAAA/state", "/a/short", "/",
    "/a/", "/static/", "/static/../store/join.py", "/static/index.html", "/a/x/../../etc",
    "/favicon.ico", "/static/app.js/",
])
def test_unknown_tokens_and_paths_get_a_plain_404(served, path):
    status, headers, body = call(served.server, "GET", path)
    assert status == 404
    assert body in (b"Not Found", b"404: Not Found")
    assert SECURITY <= set(headers)


def test_every_response_carries_the_security_headers(served):
    """Whatever answers (a page, JSON, the router's 404 or 405, a refusal before any handler),
    the browser gets the same Content-Security-Policy and is told not to store it."""
    s = served
    link = token_path(s.server, s.ana.id)
    good = {"item": "trust-1", "current": 1, "target": 1, "comment": ""}
    responses = {
        "page": call(s.server, "GET", link),
        "state": call(s.server, "GET", link + "/state"),
        "saved": call(s.server, "POST", link + "/answer", good),
        "bad answer": call(s.server, "POST", link + "/answer", b"[1]"),
        "too large": call(s.server, "POST", link + "/answer", {**good, "comment": "x" * 40_000}),
        "cross origin": call(s.server, "POST", link + "/answer", good,
                             headers={"Origin": "http://evil.example"}),
        "unknown path": call(s.server, "GET", "/nothing"),
        "wrong method": call(s.server, "PUT", link + "/answer", good),
        "foreign host": call(s.server, "GET", link,
                             headers={"Host": f"evil.example:{s.server.port}"}),
    }
    statuses = {what: status for what, (status, _, _) in responses.items()}
    assert statuses == {"page": 200, "state": 200, "saved": 200, "bad answer": 400,
                        "too large": 413, "cross origin": 403, "unknown path": 404,
                        "wrong method": 405, "foreign host": 400}
    for what, (_, headers, _) in responses.items():
        assert headers["Content-Security-Policy"].startswith("default-src 'none'"), what
        assert headers["X-Content-Type-Options"] == "nosniff", what
        assert headers["Referrer-Policy"] == "no-referrer", what
        assert headers["X-Frame-Options"] == "DENY", what
        assert headers["Cache-Control"] == "no-store", what
    for what in ("state", "saved", "bad answer"):
        assert responses[what][1]["Content-Type"] == "application/json; charset=utf-8", what
    _, headers, _ = call(s.server, "GET", "/static/app.js")
    assert headers["Cache-Control"] == "no-cache" and SECURITY <= set(headers)


def test_unknown_token_post_gets_404_and_nothing_is_stored(served):
    status, _, body = call(served.server, "POST", "/a/AAAAAAAAAAAAAAAAAAAAAA/answer",
                           {"item": "trust-1", "current": 1, "target": 1, "comment": ""})
    assert status == 404 and body == b"Not Found"


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
])
def test_a_cross_origin_post_is_forbidden(served, headers):
    s = served
    status, _, _ = call(s.server, "POST", token_path(s.server, s.ana.id) + "/answer",
                        {"item": "trust-1", "current": 1, "target": 1, "comment": ""},
                        headers=headers)
    assert status == 403
    status, _, _ = call(s.server, "POST", token_path(s.server, s.ana.id) + "/answer",
                        {"item": "trust-1", "current": 1, "target": 1, "comment": ""},
                        origin=False)
    assert status == 403
    assert stored(s.path, s.ana.id) == {}


def test_a_foreign_host_name_is_refused(served):
    """A DNS-rebinding page names the server by its own host name: refused before anything."""
    status, _, _ = call(served.server, "GET", token_path(served.server, served.ana.id),
                        headers={"Host": f"evil.example:{served.server.port}"})
    assert status == 400


def test_a_form_post_is_refused(served):
    s = served
    status, _, _ = call(s.server, "POST", token_path(s.server, s.ana.id) + "/answer",
                        b"item=trust-1&current=1", headers={
                            "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400
    assert stored(s.path, s.ana.id) == {}


def test_an_oversized_body_is_refused(served):
    s = served
    big = {"item": "trust-1", "current": 1, "target": 1, "comment": "x" * 40_000}
    status, _, body = call(s.server, "POST", token_path(s.server, s.ana.id) + "/answer", big)
    assert status == 413 and "larger than" in json.loads(body)["error"]
    assert stored(s.path, s.ana.id) == {}


HOSTILE = [
    b'{"item": "trust-1", "current": NaN, "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": Infinity, "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": 1e400, "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": 3.0, "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": ' + b"9" * 5000 + b', "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": 2, "target": 9, "comment": ""}',
    b'{"item": "trust-1", "current": 0, "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": "3", "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": true, "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": [3], "target": null, "comment": ""}',
    b'{"item": "trust-1", "current": null, "target": 3, "comment": ""}',
    b'{"item": "trust-1", "current": 1, "target": 1, "comment": "\\ud800"}',
    b'{"item": "trust-1", "current": 1, "target": 1, "comment": 5}',
    b'{"item": "trust-1", "current": 1, "target": 1, "comment": "' + b"y" * 2001 + b'"}',
    b'{"item": "nope", "current": 1, "target": 1, "comment": ""}',
    b'{"item": ["trust-1"], "current": 1, "target": 1, "comment": ""}',
    b'{"item": "trust-1", "current": 1, "target": 1, "comment": "", "participant": "x"}',
    b'[1, 2, 3]',
    b'"just text"',
    b'',
    b'{"item": "trust-1", "current": 1,',
    b'\xff\xfe{"item": "trust-1"}',
    b"[" * 5000 + b"]" * 5000,
]


@pytest.mark.parametrize("body", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_one_sentence_and_nothing_is_stored(served, body):
    s = served
    status, headers, raw = call(s.server, "POST", token_path(s.server, s.ana.id) + "/answer",
                                body)
    assert status == 400, raw
    assert headers["Content-Type"].startswith("application/json")
    error = json.loads(raw)["error"]
    assert error.endswith(".") and "\n" not in error and len(error) < 300
    assert stored(s.path, s.ana.id) == {}


def test_each_link_is_rate_limited(tmp_path, mini_catalog, mini):
    path = tmp_path / "t.sqlite"
    store, workshop, (ana, ben) = make_workshop(path, mini)
    server = AnswerServer(path, workshop.id, mini_catalog, rate=1.0, burst=5)
    server.start()
    try:
        statuses = [answer(server, ana.id, "trust-1", 1, 2)[0] for _ in range(8)]
        assert statuses[:5] == [200] * 5 and 429 in statuses[5:]
        status, headers, body = answer(server, ana.id, "trust-1", 1, 3)
        assert status == 429 and headers["Retry-After"] == "1"
        assert json.loads(body)["error"].endswith(".")
        assert answer(server, ben.id, "trust-1", 1, 2)[0] == 200  # another link is not slowed
        assert stored(path, ana.id)["trust-1"].target == 2  # the refused ones stored nothing
    finally:
        server.stop()
        store.close()


def test_stop_leaves_no_listener_and_is_idempotent(served):
    server = served.server
    port = server.port
    assert server.running
    server.stop()
    server.stop()
    assert not server.running
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 2):
        pass
    alive = [t.name for t in threading.enumerate()
             if t.name.startswith(("tandem-answer-server", "tandem-answers"))]
    assert alive == []


def test_reissue_kills_the_old_link_at_once(served):
    s = served
    old = token_path(s.server, s.ana.id)
    new_url = s.server.reissue(s.ana.id)
    assert new_url != s.server.url + old
    assert call(s.server, "GET", old)[0] == 404
    assert call(s.server, "POST", old + "/answer", {"item": "trust-1", "current": 1,
                                                    "target": 1, "comment": ""})[0] == 404
    assert call(s.server, "GET", new_url.removeprefix(s.server.url))[0] == 200
    # re-issued from another connection (the window): noticed through data_version
    current = token_path(s.server, s.ana.id)
    reissue_token(s.store, s.ana.id)
    assert call(s.server, "GET", current)[0] == 404
    assert call(s.server, "GET", token_path(s.server, s.ana.id))[0] == 200


def test_a_removed_participants_link_stops_working(served):
    s = served
    link = token_path(s.server, s.ben.id)
    s.store.remove_participant(s.ben.id)
    assert call(s.server, "GET", link)[0] == 404


def test_kiosk_and_phone_at_once_never_mix_an_answer(served):
    """The same statement answered on the kiosk (another connection) and on the phone at the
    same time: each save is one whole-row transaction, so the stored answer is always exactly
    one of the two (the later), never levels from one and the comment from the other."""
    s = served
    phone = (2, 3, "phone")
    kiosk = (4, 5, "kiosk")
    errors: list[BaseException] = []

    def from_kiosk():
        other = Store.open(s.path)
        try:
            for _ in range(40):
                other.save_answer(s.ana.id, "trust-1", *kiosk)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            other.close()

    thread = threading.Thread(target=from_kiosk)
    thread.start()
    for _ in range(40):
        status, _, _ = answer(s.server, s.ana.id, "trust-1", *phone)
        assert status in (200, 429)
        time.sleep(0.002)
    thread.join()
    assert not errors
    final = stored(s.path, s.ana.id)["trust-1"]
    assert (final.current, final.target, final.comment) in (phone, kiosk)


# -- starting ---------------------------------------------------------------------------------


def test_a_port_in_use_is_one_sentence(served, mini_catalog):
    other = AnswerServer(served.path, served.workshop.id, mini_catalog, port=served.server.port)
    with pytest.raises(TandemError, match="already in use"):
        other.start()
    assert not other.running


def test_an_address_not_on_this_computer_is_one_sentence(served, mini_catalog):
    other = AnswerServer(served.path, served.workshop.id, mini_catalog, host="192.0.2.77")
    with pytest.raises(TandemError, match="does not belong to this computer"):
        other.start()
    with pytest.raises(TandemError, match="no workshop"):
        AnswerServer(served.path, "nope", mini_catalog).start()


def test_network_addresses_end_with_loopback():
    addresses = network_addresses()
    assert addresses[-1] == ("127.0.0.1", "this computer only")
    assert all(ip.count(".") == 3 and label for ip, label in addresses)
    assert [ip for ip, _ in addresses].count("127.0.0.1") == 1


def test_qr_codes():
    from assessment_app.web.qr import qr_matrix, qr_png, qr_svg

    url = "http://192.168.1.20:8765/a/" + "A" * 22
    matrix = qr_matrix(url)
    assert len(matrix) == len(matrix[0]) >= 21 and any(any(row) for row in matrix)
    assert qr_png(url, 4).startswith(b"\x89PNG")
    assert qr_svg(url).startswith("<svg") and "viewBox" in qr_svg(url)


# -- tandem serve -------------------------------------------------------------------------------


def start_serve(path: Path, workshop_id: str, port: int = 0) -> tuple[subprocess.Popen, dict]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "assessment_app.cli", "--db", str(path), "serve", "--workshop",
         workshop_id, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline() if process.stdout else ""
    if not line:
        process.kill()
        raise AssertionError(f"tandem serve printed nothing: {process.stderr.read()}")
    return process, json.loads(line)


def test_tandem_serve_prints_the_links_serves_and_stops_on_sigterm(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    store, workshop, (ana, ben) = make_workshop(path, mini)
    store.close()
    process, info = start_serve(path, workshop.id)
    try:
        assert info["url"].startswith("http://127.0.0.1:")
        people = {p["name"]: p for p in info["participants"]}
        assert set(people) == {"Ana", "Ben"} and people["Ana"]["role"] == "marketing"
        assert people["Ana"]["id"] == ana.id
        link = people["Ana"]["url"]
        assert link.startswith(info["url"] + "/a/")
        status, _, _ = call(info["url"], "POST", link.removeprefix(info["url"]) + "/answer",
                            {"item": "trust-1", "current": 3, "target": 4, "comment": ""})
        assert status == 200
        assert stored(path, ana.id)["trust-1"].target == 4
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert err == "" and out == ""
    port = int(info["url"].rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 2):
        pass


def test_tandem_serve_errors_are_one_sentence(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    store, workshop, _ = make_workshop(path, mini)
    store.close()
    result = subprocess.run([sys.executable, "-m", "assessment_app.cli", "--db", str(path),
                             "serve", "--workshop", "nope"], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("tandem: ") and result.stderr.count("\n") == 1
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = subprocess.run([sys.executable, "-m", "assessment_app.cli", "--db", str(path),
                                 "serve", "--workshop", workshop.id, "--port",
                                 str(busy.getsockname()[1])], capture_output=True, text=True,
                                timeout=30)
    assert result.returncode == 1 and "already in use" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_sigkill_mid_answering_loses_nothing_acknowledged(tmp_path, mini):
    path = tmp_path / "t.sqlite"
    people = [(f"P{n}", "marketing" if n % 2 else "it") for n in range(4)]
    store, workshop, participants = make_workshop(path, mini, people)
    store.close()
    process, info = start_serve(path, workshop.id)
    acknowledged: list[tuple[str, str, int]] = []
    stop = threading.Event()
    items = mini.item_ids

    def answer_loop(entry: dict) -> None:
        base = entry["url"].removeprefix(info["url"])
        n = 0
        while not stop.is_set():
            item = items[n % len(items)]
            level = 1 + n % 5
            try:
                status, _, body = call(info["url"], "POST", base + "/answer",
                                       {"item": item, "current": level, "target": level,
                                        "comment": f"round {n}"})
            except OSError:
                return
            if status == 200:
                acknowledged.append((entry["id"], item, n))
            n += 1
            time.sleep(0.03)  # a person taps a few times a second at most

    threads = [threading.Thread(target=answer_loop, args=(p,)) for p in info["participants"]]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.01)
    process.kill()  # SIGKILL: no clean shutdown
    process.wait(10)
    stop.set()
    for t in threads:
        t.join(10)
    assert len(acknowledged) >= 40
    latest: dict[tuple[str, str], int] = {}
    for pid, item, n in acknowledged:
        latest[(pid, item)] = max(n, latest.get((pid, item), -1))
    for p in participants:
        answers = stored(path, p.id)
        for (pid, item), n in latest.items():
            if pid == p.id:
                # the stored round is the last acknowledged one or a later one that was
                # committed just before the kill (its reply never arrived)
                assert int(answers[item].comment.split()[1]) >= n


def test_answers_arriving_together_are_committed_together_each_judged_alone(served):
    """Many answers at once share one commit (group commit); a bad one among them is refused
    alone and every good one is on disk when its reply says saved."""
    from concurrent.futures import ThreadPoolExecutor

    s = served
    jobs = [(s.ana.id, item, 2, 3) for item in s.items] + \
           [(s.ben.id, item, 1, 5) for item in s.items] + [(s.ana.id, "trust-1", 5, 1)]
    with ThreadPoolExecutor(len(jobs)) as pool:
        results = list(pool.map(lambda job: answer(s.server, *job)[0], jobs))
    assert results[:-1] == [200] * (len(jobs) - 1) and results[-1] == 400
    assert {k: (a.current, a.target) for k, a in stored(s.path, s.ben.id).items()} == \
        {item: (1, 5) for item in s.items}
    assert stored(s.path, s.ana.id)["trust-1"].current == 2
