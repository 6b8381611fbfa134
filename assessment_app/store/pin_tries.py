"""The facilitator PIN of a workshop and the count of wrong tries at it (the rules are ``pin``)."""

from __future__ import annotations

from ..errors import StorageError
from ..rules.changes import Changed, Kind, changed
from . import pin as pins
from .connection import Connection
from .pin import PinCheck, hash_pin, is_valid_pin, pin_matches, pin_rule


class PinTries(Connection):
    """The workshop's facilitator PIN and the wrong tries at it."""

    def set_pin(self, workshop_id: str, pin: str | None) -> Changed:
        """Set (or with None/"" remove) the PIN that guards leaving answering mode; either way
        the count of wrong tries starts again (``pin``)."""
        if pin and not is_valid_pin(pin):
            raise StorageError(pin_rule())
        with self.transaction():
            self.db.execute("UPDATE workshops SET pin_hash = ? WHERE id = ?",
                            [hash_pin(pin) if pin else "", workshop_id])
            self.db.execute("DELETE FROM pin_attempts WHERE workshop_id = ?", [workshop_id])
        return changed(workshop_id, Kind.WORKSHOPS)

    def has_pin(self, workshop_id: str) -> bool:
        return bool(self._pin_hash(workshop_id))

    def pin_wait(self, workshop_id: str) -> float:
        """Seconds before the next try at the PIN is taken (0: it may be tried now)."""
        at = pins.now()
        failures, last_try = self._pin_attempts(workshop_id)
        if pins.anchored(last_try, at) != last_try:  # the clock was set back
            with self.transaction():
                failures, last_try = self._pin_attempts(workshop_id)
                last_try = self._anchor(workshop_id, last_try, at)
        return pins.wait_left(failures, last_try, at)

    def check_pin(self, workshop_id: str, pin: str) -> PinCheck:
        """One try at the workshop's PIN (right when there is none). During a wait the try is
        not taken; otherwise it is counted as wrong, and committed, before the PIN is checked
        (two tries at once gain nothing), and a right PIN clears the count (``pin``)."""
        stored = self._pin_hash(workshop_id)
        if not stored:
            return PinCheck(True)
        at = pins.now()
        with self.transaction():
            failures, last_try = self._pin_attempts(workshop_id)
            last_try = self._anchor(workshop_id, last_try, at)
            wait = pins.wait_left(failures, last_try, at)
            if wait > 0:
                return PinCheck(False, wait, taken=False)
            self.db.execute("""INSERT INTO pin_attempts (workshop_id, failures, last_try)
                               VALUES (?, ?, ?) ON CONFLICT (workshop_id) DO UPDATE SET
                               failures = excluded.failures, last_try = excluded.last_try""",
                            [workshop_id, failures + 1, at])
        if pin_matches(pin, stored):
            with self.transaction():
                self.db.execute("DELETE FROM pin_attempts WHERE workshop_id = ?", [workshop_id])
            return PinCheck(True)
        return PinCheck(False, pins.wait_after(failures + 1))

    def _anchor(self, workshop_id: str, last_try: float, at: float) -> float:
        """The last try moved back with a clock set back (``pins.anchored``), in the open
        transaction."""
        moved = pins.anchored(last_try, at)
        if moved != last_try:
            self.db.execute("UPDATE pin_attempts SET last_try = ? WHERE workshop_id = ?",
                            [moved, workshop_id])
        return moved

    def _pin_attempts(self, workshop_id: str) -> tuple[int, float]:
        """Wrong tries in a row at a workshop's PIN, and when the last was made."""
        rows = self._query("SELECT failures, last_try FROM pin_attempts WHERE workshop_id = ?",
                           [workshop_id])
        return (rows[0]["failures"], rows[0]["last_try"]) if rows else (0, 0.0)

    def _pin_hash(self, workshop_id: str) -> str:
        rows = self._query("SELECT pin_hash FROM workshops WHERE id = ?", [workshop_id])
        return rows[0]["pin_hash"] if rows else ""
