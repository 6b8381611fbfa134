"""The personal links the answering server accepts: which participant a token in a URL belongs
to, read from ``store/join`` and read again as soon as another connection commits (a link
re-issued from the window, a participant added or removed), so a revoked link stops at once.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from ..store.database import Store
from ..store.join import participant_for_token

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)


class Links:
    """The map from each link's token to its participant, on the database thread; ``token_of``
    (participant id -> token) is replaced whole, so any thread may read it."""

    def __init__(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        self.token_of: dict[str, str] = {}
        self._by_digest: dict[bytes, tuple[str, str]] = {}  # sha256(token) -> (token, id)
        self._data_version = -1

    def refresh(self, store: Store, force: bool = False) -> None:
        """Read the links again when another connection committed (``PRAGMA data_version``
        moved), or at once when ``force``d (after this connection changed them)."""
        version = store.data_version()
        if not force and version == self._data_version:
            return
        self._data_version = version
        mapping = participant_for_token(store, self.workshop_id)
        self._by_digest = {_digest(t): (t, pid) for t, pid in mapping.items()}
        self.token_of = {pid: t for t, pid in mapping.items()}

    def participant_id(self, store: Store, token: str) -> str | None:
        """The participant a token belongs to, or None. The dictionary is keyed by the token's
        SHA-256, so looking it up tells an attacker nothing about how close a guess came; the
        token itself is then compared in constant time (``hmac.compare_digest``)."""
        if not TOKEN_PATTERN.match(token):
            return None
        self.refresh(store)
        entry = self._by_digest.get(_digest(token))
        if entry is None or not hmac.compare_digest(entry[0].encode(), token.encode()):
            return None
        return entry[1]


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
