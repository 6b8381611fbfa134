"""The queue of answers waiting for the next group commit, on the server's event loop: an answer
that arrives while a batch is being written waits, and the next batch (at most ``BATCH_MAX``)
is written in one transaction (one fsync for the batch instead of one per answer).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from ..i18n import speaking, tr
from .page_language import Asked

BATCH_MAX = 200  # answers committed together at most (a commit of 200 takes a few ms)

Result = tuple[int, dict]
Request = tuple[str, bytes, Asked]  # a link's token, the body sent, what it says of language
WriteBatch = Callable[[list[Request]], Awaitable[list[Result]]]

log = logging.getLogger(__name__)


class GroupCommit:
    """``submit`` queues one answer (token, body, language asked) and waits for its outcome;
    ``write`` (on the database thread) stores a batch and returns each answer's result, in
    order."""

    def __init__(self, write: WriteBatch) -> None:
        self._write = write
        self._queued: list[tuple[Request, asyncio.Future[Result]]] = []
        self._writing = False

    async def submit(self, token: str, body: bytes, asked: Asked) -> Result:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Result] = loop.create_future()
        self._queued.append(((token, body, asked), future))
        if not self._writing:
            self._writing = True
            loop.create_task(self._write_queued())
        return await future

    async def _write_queued(self) -> None:
        """Write what is queued, batch after batch, until nothing is left."""
        try:
            while self._queued:
                batch, self._queued = self._queued[:BATCH_MAX], self._queued[BATCH_MAX:]
                try:
                    results = await self._write([request for request, _ in batch])
                except Exception:
                    log.exception("answering server could not write a batch")
                    results = [_not_saved(request[2]) for request, _ in batch]
                for (_, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)
        finally:
            self._writing = False


def _not_saved(asked: Asked) -> Result:
    with speaking(asked.language()):
        return 503, {"error": tr("Not saved yet; the page tries again.")}
