"""``tandem serve``: the answering server without a window."""

from __future__ import annotations

import argparse
import json

from ..errors import TandemError
from ..i18n import tr
from .common import db_path, get_catalog, open_store


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the answering pages until SIGINT or SIGTERM, then stop listening and exit 0."""
    import signal
    import threading

    from ..web.server import AnswerServer

    store = open_store(args)  # a mistyped --db is refused before anything is created
    try:
        workshop = store.workshop(args.workshop)
        participants = store.participants(workshop.id)
    finally:
        store.close()
    server = AnswerServer(db_path(args), workshop.id, get_catalog(),
                          host=args.host, port=args.port)
    stop = threading.Event()
    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in handled}
    try:
        server.start()
        print(json.dumps({"url": server.url, "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "url": server.join_url(p.id)}
            for p in participants]}, ensure_ascii=False), flush=True)
        while not stop.wait(0.5):
            if not server.running:
                raise TandemError(tr("The answering server stopped unexpectedly."))
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
