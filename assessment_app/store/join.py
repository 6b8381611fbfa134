"""Join tokens: the secret in each participant's link for answering on the local network.

A token is 128 random bits (``secrets.token_urlsafe(16)``, 22 characters), one per participant,
kept in ``join_tokens`` (migration 8) so a printed QR code keeps working when the server
restarts. Re-issuing replaces it: the old link stops working at once. A token reaches only its
own participant's answers; deleting the participant deletes the token (ON DELETE CASCADE).
"""

from __future__ import annotations

import secrets

from ..errors import StorageError
from ..i18n import tr
from ..rules.stamps import now_iso
from .database import Store

# A new token replaces the old one when asked to.
REPLACE_TOKEN = ("DO UPDATE SET token = excluded.token, "  # not translated: SQL
                 "issued_at = excluded.issued_at")
TOKEN_BYTES = 16  # 128 bits: far beyond guessing, even at thousands of tries a second


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def join_token(store: Store, participant_id: str) -> str:
    """The participant's token, issued (and committed) if they have none yet."""
    rows = store._query("SELECT token FROM join_tokens WHERE participant_id = ?",
                        [participant_id])
    if rows:
        return rows[0]["token"]
    return _issue(store, participant_id, replace=False)


def reissue_token(store: Store, participant_id: str) -> str:
    """A new token for the participant; the old one stops working as soon as this commits."""
    return _issue(store, participant_id, replace=True)


def workshop_tokens(store: Store, workshop_id: str) -> dict[str, str]:
    """Participant id -> token for every participant of the workshop, issuing missing ones (in
    one transaction)."""
    participants = store._query("SELECT id FROM participants WHERE workshop_id = ? "
                                "ORDER BY created_at, rowid", [workshop_id])
    tokens = {row["participant_id"]: row["token"] for row in store._query(
        "SELECT participant_id, token FROM join_tokens WHERE workshop_id = ?", [workshop_id])}
    missing = [row["id"] for row in participants if row["id"] not in tokens]
    if missing:
        with store.transaction():
            for participant_id in missing:
                tokens[participant_id] = _write(store, participant_id, workshop_id, False)
    return {row["id"]: tokens[row["id"]] for row in participants}


def participant_for_token(store: Store, workshop_id: str) -> dict[str, str]:
    """Token -> participant id for the workshop's issued tokens (what the server checks
    links against)."""
    rows = store._query("SELECT participant_id, token FROM join_tokens WHERE workshop_id = ?",
                        [workshop_id])
    return {row["token"]: row["participant_id"] for row in rows}


def _issue(store: Store, participant_id: str, replace: bool) -> str:
    rows = store._query("SELECT workshop_id FROM participants WHERE id = ?", [participant_id])
    if not rows:
        raise StorageError(tr("There is no participant with id {id}.", id=participant_id))
    with store.transaction():
        return _write(store, participant_id, rows[0]["workshop_id"], replace)


def _write(store: Store, participant_id: str, workshop_id: str, replace: bool) -> str:
    """Store a fresh token inside the caller's transaction (keeping an existing one unless
    ``replace``) and return the participant's token."""
    token = new_token()
    conflict = REPLACE_TOKEN if replace else "DO NOTHING"  # not translated: SQL
    store.db.execute(f"""INSERT INTO join_tokens (participant_id, workshop_id, token, issued_at)
                         VALUES (?, ?, ?, ?) ON CONFLICT (participant_id) {conflict}""",
                     [participant_id, workshop_id, token, now_iso()])
    if replace:
        return token
    return store._query("SELECT token FROM join_tokens WHERE participant_id = ?",
                        [participant_id])[0]["token"]
