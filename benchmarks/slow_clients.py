"""Slow clients on the answering server, on this computer only (127.0.0.1): 20 participants
answer while hundreds of connections sit idle or send half a request and stop, and each
participant's round trip (p50 / p99, retries included, as the page retries) is printed beside
the same participants answering without them, in the same run: ``--rounds`` times each, in
turn and each second round the other way round (alone, held, held, alone, ...), so that whatever
else the computer does, and what changes slowly over a run, falls on both alike.

The server runs as ``tandem serve`` in its own process, limited to 256 file descriptors (macOS's
default), so the idle connections compete for what a laptop really has. Bounded: at most 1,000
idle connections, at most ``--seconds`` per phase; it stops by itself.

    PYTHONPATH=$PWD python benchmarks/slow_clients.py [--idle 300] [--answers 300] [--rounds 3]

The idle connections are in place, and the server already closing and the holder reopening
them, for longer than the door's longest limit before the participants start, and each phase
lasts longer than that limit too (300 answers, about 16 s), so every phase with them sees the
closing and reopening a hostile device keeps up, not only the quiet first seconds. The load
average before and after is printed: on a shared computer the figures mean little above 1.

``--cost`` measures instead the server's own work on the idle connections: the server in this
process and no participants, the CPU time of its loop's thread per connection the idle ones
opened (where the system has a clock per thread), which the rest of the computer's load barely
changes.

In the room the participants and the idle connections are other devices, with processors of
their own; on loopback they share this computer's. So, on a computer with two cores or more, the
server runs on the first and everyone else on the others, and the process holding the idle
connections runs only when the participants leave the processor idle (Linux's ``SCHED_IDLE``,
elsewhere the lowest priority), so that its own work (reopening what the server closes) does not
take the participants' processor, as another device's would not (the README gives the figures
both ways). ``--shared-cores`` runs everything on the same cores at the same priority.

A participant is "within" when their answers over their own p99 alone, with the idle
connections held, are no more than chance allows: at most the 99.9th percentile of the count a
binomial draw of that many answers at 1% gives (about 2% of 900 answers).

``--idle 0`` measures the measurement: the same phases with nothing held, so the shares over
the p99 alone and the spread of the ratios of p99s show what the figures can tell apart (a p99
of a few hundred answers is one of their slowest few, and one pause of the computer moves it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"  # loopback only, never another machine
PARTICIPANTS = 20
FD_LIMIT = 256
MAX_IDLE = 1000


def make_workshop(db: Path) -> tuple[str, list[str]]:
    from assessment_app.content.catalog import load_catalog
    from assessment_app.store.database import Store

    catalog = load_catalog()
    store = Store.open(db)
    try:
        questionnaire = catalog.default()
        workshop = store.create_workshop("Slow clients", questionnaire, "Bench")
        for n in range(PARTICIPANTS):
            store.add_participant(workshop.id, f"P{n}", "marketing" if n % 2 else "it")
        return workshop.id, list(questionnaire.item_ids)
    finally:
        store.close()


def serve(db: Path, workshop_id: str, cores: set[int] | None
          ) -> tuple[subprocess.Popen, dict]:
    def limit() -> None:
        import resource

        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        resource.setrlimit(resource.RLIMIT_NOFILE, (FD_LIMIT, hard))
        if cores:
            os.sched_setaffinity(0, cores)

    process = subprocess.Popen(
        [sys.executable, "-m", "assessment_app.cli", "--db", str(db), "serve", "--workshop",
         workshop_id, "--host", HOST], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, preexec_fn=limit if sys.platform != "win32" else None)
    assert process.stdout is not None
    return process, json.loads(process.stdout.readline())


def participant(url: str, items: list[str], answers: int, deadline: float,
                times: list[float]) -> None:
    """Answer ``answers`` statements one after another as a phone does between answers a few
    seconds apart (a new connection for each, since an idle one is closed after 5 s; a retry
    after a failure, as the page retries), recording each answer's time until it is saved."""
    base, path = url.split("/a/", 1)
    port = int(base.rsplit(":", 1)[1])
    for n in range(answers):
        body = json.dumps({"item": items[n % len(items)], "current": 1 + n % 5,
                           "target": 5, "comment": ""}).encode()
        started = time.perf_counter()
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
            try:
                conn.request("POST", f"/a/{path}/answer", body,
                             {"Origin": base, "Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conn.close()
            time.sleep(0.2)  # refused, 429 or 503: the page tries again shortly
        else:
            return
        times.append(time.perf_counter() - started)
        time.sleep(0.05)


def idle_connections(port: int, count: int, stop: threading.Event) -> int:
    """Hold ``count`` connections that never finish a request (half idle, half with half a
    header), opening a new one as soon as the server drops one, as a hostile device would;
    returns how many were dropped. It waits on all of them at once (``selectors``) rather than
    looking at each in turn, so that its own work is only what the server's closing causes."""
    import selectors

    head = f"GET /a/x HTTP/1.1\r\nHost: {HOST}:{port}\r\nX-Slow: ".encode()
    watching = selectors.DefaultSelector()
    dropped = 0

    def open_one(half_sent: bool) -> None:
        try:
            sock = socket.create_connection((HOST, port), timeout=2)
            if half_sent:
                sock.sendall(head)
            sock.setblocking(False)
            watching.register(sock, selectors.EVENT_READ, half_sent)
        except OSError:
            pending.append(half_sent)  # tried again on the next turn

    pending: list[bool] = [bool(n % 2) for n in range(count)]
    while not stop.is_set():
        opening, pending = pending, []
        for half_sent in opening:
            open_one(half_sent)
        for key, _events in watching.select(0.2 if not pending else 0.05):
            sock = key.fileobj
            assert isinstance(sock, socket.socket)
            try:
                if sock.recv(1024) != b"":
                    continue  # a refusal's bytes: the close follows
            except BlockingIOError:
                continue
            except OSError:
                pass
            watching.unregister(sock)
            sock.close()
            dropped += 1
            pending.append(key.data)
    for key in list(watching.get_map().values()):
        key.fileobj.close()  # type: ignore[union-attr]
    watching.close()
    return dropped


def _hold(port: int, count: int, stop, dropped, lowest: bool = False) -> None:
    if lowest:  # another device's processor: only what the participants leave idle
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        except (AttributeError, OSError):  # not Linux: the lowest priority it has
            os.setpriority(os.PRIO_PROCESS, 0, 19)
    dropped.value = idle_connections(port, count, stop)


def phase(links: list[str], items: list[str], answers: int, seconds: float
          ) -> list[list[float]]:
    deadline = time.monotonic() + seconds
    times: list[list[float]] = [[] for _ in links]
    threads = [threading.Thread(target=participant, args=(url, items, answers, deadline, t))
               for url, t in zip(links, times, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def loop_cost(idle: int, seconds: float) -> None:
    """Print the server loop's CPU time per idle connection opened (see the module's text)."""
    from assessment_app.web.server import AnswerServer

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        workshop_id, _items = make_workshop(db)
        server = AnswerServer(db, workshop_id)
        server.start()
        try:
            assert server._thread is not None and server._thread.ident is not None
            clock = time.pthread_getcpuclockid(server._thread.ident)
            context = multiprocessing.get_context("fork")
            stop = context.Event()
            dropped = context.Value("i", 0)
            started = time.clock_gettime(clock)
            holder = context.Process(target=_hold, args=(server.port, idle, stop, dropped))
            holder.start()
            time.sleep(seconds)
            stop.set()
            holder.join(30)
            time.sleep(0.5)  # the last ones closed
            spent = time.clock_gettime(clock) - started
        finally:
            server.stop()
    opened = idle + dropped.value
    print(f"{idle} idle/half-sent connections held for {seconds:.0f} s, {opened} opened in all: "
          f"the server's loop spent {spent * 1000:.0f} ms of CPU on them, "
          f"{spent / opened * 1e6:.0f} us per connection")


def split_cores(shared: bool) -> tuple[set[int] | None, set[int] | None]:
    """The server's cores and everyone else's: the first and the rest, where the system can
    say (Linux) and has two at least, else no split."""
    if shared or not hasattr(os, "sched_getaffinity"):
        return None, None
    cores = sorted(os.sched_getaffinity(0))
    return ({cores[0]}, set(cores[1:])) if len(cores) > 1 else (None, None)


def order(rounds: int) -> list[str]:
    """The phases in turn, each second round the other way round (alone, held, held, alone,
    alone, held, ...), so that what changes slowly over a run (the database's file growing,
    the computer's other work) falls on both kinds alike, not on the later one."""
    return [kind for n in range(rounds)
            for kind in (("alone", "held") if n % 2 == 0 else ("held", "alone"))]


def chance_bound(answers: int, share: float = 0.01, level: float = 0.999) -> int:
    """The most answers out of ``answers`` over a p99 that chance alone gives at ``level``
    (the binomial distribution's quantile)."""
    total, count = 0.0, 0
    while count <= answers:
        total += math.comb(answers, count) * share ** count * (1 - share) ** (answers - count)
        if total >= level:
            return count
        count += 1
    return answers


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idle", type=int, default=300, help="idle connections (max 1000)")
    parser.add_argument("--answers", type=int, default=300, help="answers per participant")
    parser.add_argument("--seconds", type=float, default=60, help="limit of each phase")
    parser.add_argument("--rounds", type=int, default=4,
                        help="phases of each kind: alone then held, held then alone, ...")
    parser.add_argument("--shared-cores", action="store_true",
                        help="the server on the same cores as the participants and idle ones")
    parser.add_argument("--cost", action="store_true",
                        help="only the server loop's CPU time per idle connection")
    args = parser.parse_args()
    idle = max(0, min(args.idle, MAX_IDLE))
    if args.cost:
        loop_cost(idle, min(args.seconds, 10.0))
        return
    from assessment_app.web.connections import IDLE_S, SILENT_S

    settle = max(SILENT_S, IDLE_S) + 1.0 if idle else 1.0
    server_cores, client_cores = split_cores(args.shared_cores)
    if client_cores:
        os.sched_setaffinity(0, client_cores)  # the participants, and the holder it forks
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        workshop_id, items = make_workshop(db)
        process, served = serve(db, workshop_id, server_cores)
        try:
            links = [p["url"] for p in served["participants"]]
            port = int(served["url"].rsplit(":", 1)[1])
            baseline: list[list[float]] = [[] for _ in links]
            hostile: list[list[float]] = [[] for _ in links]
            dropped = 0
            phases: list[tuple[str, list[float]]] = []  # each phase's kind and times, in order
            phase(links, items, 5, args.seconds)  # warm: the first answers of a fresh server
            for kind in order(max(1, args.rounds)):
                if kind == "alone":
                    answered = phase(links, items, args.answers, args.seconds)
                    for mine, more in zip(baseline, answered, strict=True):
                        mine += more
                    phases.append(("alone", [t for ts in answered for t in ts]))
                    continue
                # the idle connections come from another process, as from other devices: in
                # this one their loop would take the interpreter lock from the participants'
                context = multiprocessing.get_context("fork")
                stop = context.Event()
                dropped_count = context.Value("i", 0)
                holder = context.Process(target=_hold, args=(port, idle, stop, dropped_count,
                                                             bool(client_cores)))
                holder.start()
                time.sleep(settle)  # in place, and closed and reopened once at least
                answered = phase(links, items, args.answers, args.seconds)
                for mine, more in zip(hostile, answered, strict=True):
                    mine += more
                phases.append(("held", [t for ts in answered for t in ts]))
                stop.set()
                holder.join(30)
                dropped += dropped_count.value
                time.sleep(1.0)  # the server has closed the connections let go
        finally:
            process.terminate()
            process.wait(10)
    rounds = max(1, args.rounds)
    load_after = os.getloadavg()
    print(f"{PARTICIPANTS} participants x {args.answers} answers, server limited to {FD_LIMIT} "
          f"file descriptors; then the same with {idle} idle/half-sent connections held "
          f"(the server dropped {dropped} of them, each reopened); {rounds} rounds of each; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
          + (f"server on core {sorted(server_cores)}, the rest on {sorted(client_cores)}, "
             "the idle connections' process only when the rest is idle"
             if server_cores and client_cores else "all on the same cores and priority"))
    print(f"{'participant':>11}  {'alone p50':>9} {'p99':>7} {'max':>7}   {'idle p50':>9} "
          f"{'p99':>7} {'max':>7}  {'saved':>9}  {'over':>5}")
    rows = [(str(n), alone, crowded) for n, (alone, crowded)
            in enumerate(zip(baseline, hostile, strict=True))]
    rows.append(("all", [t for ts in baseline for t in ts], [t for ts in hostile for t in ts]))
    for label, alone, crowded in rows:
        wanted = args.answers * rounds * (PARTICIPANTS if label == "all" else 1)
        over = "" if label == "all" else f"{_over(alone, crowded):.1%}"
        print(f"{label:>11}  {_ms(alone, .5):>9} {_ms(alone, .99):>7} {_ms(alone, 1):>7}   "
              f"{_ms(crowded, .5):>9} {_ms(crowded, .99):>7} {_ms(crowded, 1):>7}  "
              f"{len(crowded):>4}/{wanted}  {over:>5}")
    shares = [_over(a, c) for a, c in zip(baseline, hostile, strict=True)]
    answers = min(map(len, hostile))
    bound = chance_bound(answers)
    within = sum(share * answers <= bound for share in shares)
    ratios = sorted(percentile(c, .99) / percentile(a, .99)
                    for a, c in zip(baseline, hostile, strict=True))
    over_all = sum(s * len(c) for s, c in zip(shares, hostile, strict=True))
    print(f"with the idle connections, {within} of {PARTICIPANTS} participants within their "
          f"own p99 alone (answers over it at most {bound} of {answers}, "
          f"{bound / answers:.1%}, as chance allows at 99.9%); worst {max(shares):.1%}, all "
          f"{over_all / max(1, sum(map(len, hostile))):.1%} (1% if nothing changed); "
          f"ratio of p99s median {ratios[len(ratios) // 2]:.2f}, worst {ratios[-1]:.2f}")
    print("p50 / p99 of all answers in each phase, in turn: " + ", ".join(
        f"{kind} {_ms(times, .5)} / {_ms(times, .99)}" for kind, times in phases))


def _over(alone: list[float], crowded: list[float]) -> float:
    """The share of ``crowded`` answers slower than the p99 of ``alone``."""
    limit = percentile(alone, .99)
    return sum(t > limit for t in crowded) / max(1, len(crowded))


def _ms(values: list[float], share: float) -> str:
    return f"{percentile(values, share) * 1000:.1f}ms"

if __name__ == "__main__":
    main()
