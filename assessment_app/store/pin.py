"""The facilitator PIN that guards leaving answering mode: what a PIN may be, and how it is kept
(a salted PBKDF2 hash, never the digits) and checked."""

from __future__ import annotations

import hashlib
import hmac
import os

PIN_RULE = "A facilitator PIN is 4 to 8 digits."


def is_valid_pin(pin: str) -> bool:
    return pin.isdigit() and 4 <= len(pin) <= 8


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``salt$digest`` in hex; a new random salt unless one is given (to check a PIN)."""
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 100_000)
    return f"{salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the one hashed in ``stored`` (compared in constant time)."""
    salt = bytes.fromhex(stored.split("$")[0])
    return hmac.compare_digest(hash_pin(pin, salt), stored)
