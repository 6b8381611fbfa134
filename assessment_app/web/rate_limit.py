"""How fast one link may send answers: a token bucket per participant, ``burst`` answers at
once, then ``rate`` a second on average (a person taps a few a second at most)."""

from __future__ import annotations

import time

RATE = 20.0  # answers a second per link, on average ...
BURST = 40  # ... with this many at once


class RateLimit:
    """One bucket per key (a participant id); ``take`` spends one answer or says no."""

    def __init__(self, rate: float = RATE, burst: int = BURST) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, key: str) -> bool:
        now = time.monotonic()
        tokens, at = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - at) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1.0, now)
        return True
