"""The facilitator PIN that guards leaving answering mode: what a PIN may be, how it is kept (a
salted PBKDF2 hash, never the digits) and checked, and how wrong tries are slowed down.

Slowing down. A script at the hand-over screen could try about 40 PINs a second, every 4-digit
PIN in four minutes. Now the first ``FREE_TRIES`` wrong tries cost nothing (typos happen), and
each one after that makes the next try wait twice as long as the last: 1 s, 2 s, 4 s ... up to
``MAX_WAIT_S`` (5 minutes) per try. In a 3-hour workshop that is 46 tries, under half a
percent of the 4-digit PINs. The count is kept in the database (``pin_attempts``, made by
migration 6), so quitting
and restarting the app does not reset it; a right PIN, setting a new one or clearing it
(``tandem clear-pin``, for a forgotten PIN) does. While a wait runs no try is taken, right or
wrong, and every try is counted before it is checked, so two tries at once gain nothing.
A clock set back takes the last try back with it (``anchored``), so a wait is never longer
than its own length, whatever the clock does.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import time
from dataclasses import dataclass

from ..i18n import tr, tr_n

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8


def pin_rule() -> str:
    """What a facilitator PIN is, in one sentence."""
    return tr("A facilitator PIN is {least} to {most} digits.", least=PIN_MIN_DIGITS,
              most=PIN_MAX_DIGITS)


FREE_TRIES = 3  # wrong tries before the first wait
FIRST_WAIT_S = 1.0
MAX_WAIT_S = 300.0

def is_valid_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS


def new_pin_problem(pin: str, again: str) -> str | None:
    """What is wrong with a new PIN typed twice, in one sentence, or None."""
    if not is_valid_pin(pin):
        return pin_rule()
    if pin != again:
        return tr("The two PINs are not the same; type the same PIN twice.")
    return None


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``salt$digest`` in hex; a new random salt unless one is given (to check a PIN)."""
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 100_000)
    return f"{salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the one hashed in ``stored`` (compared in constant time)."""
    salt = bytes.fromhex(stored.split("$")[0])
    return hmac.compare_digest(hash_pin(pin, salt), stored)


def wait_after(failures: int) -> float:
    """Seconds the next try must wait after ``failures`` wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** min(failures - FREE_TRIES, 32))


def wait_left(failures: int, last_try: float, at: float) -> float:
    """Seconds still to wait at time ``at``, never more than the wait's own length (a clock set
    back counts as no time passed; ``anchored`` then moves the last try back with it)."""
    return max(0.0, wait_after(failures) - max(0.0, at - last_try))


def anchored(last_try: float, at: float) -> float:
    """When the last try was, as a clock now at ``at`` sees it: a clock set back (by hand, or
    by the network's time) takes the last try back with it, so the wait counts down from now
    instead of standing still until the clock catches up, an hour later for an hour back."""
    return min(last_try, at)


def now() -> float:
    """The clock the waits are measured by (seconds since the epoch, so they survive a
    restart); tests replace it."""
    return time.time()


@dataclass(frozen=True)
class PinCheck:
    """The outcome of one try: whether it was right, and how long until the next is taken
    (``taken`` is False when it came during a wait and was not checked at all). True when
    right, so ``if store.check_pin(...)`` reads as before."""

    ok: bool
    wait: float = 0.0
    taken: bool = True

    def __bool__(self) -> bool:
        return self.ok


def wait_sentence(seconds: float) -> str:
    """How long to wait before the next try, said plainly."""
    whole = max(1, math.ceil(seconds))
    if whole < 90:
        return tr_n("Too many wrong PINs: wait {n} second, then try again.",
                    "Too many wrong PINs: wait {n} seconds, then try again.", whole)
    minutes = math.ceil(whole / 60)
    return tr_n("Too many wrong PINs: wait {n} minute, then try again.",
                "Too many wrong PINs: wait {n} minutes, then try again.", minutes)
