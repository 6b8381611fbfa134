"""The privacy threshold: no figure that rests on fewer than this many people's answers leaves
the room, and no anonymised export shows a function with fewer members than this.

The threshold is a workshop setting (``Workshop.privacy_threshold``, 3 by default), read
through ``threshold``, which never lets it fall below 3. Which figures it withholds in the
results is decided once, in ``analysis.disclosure``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..errors import SettingRefused
from ..i18n import tr

PRIVACY_THRESHOLD = 3
# The highest a facilitator may set: past this a workshop's results would be all withheld in
# any room Tandem is made for (a workshop of two functions around a table).
HIGHEST_THRESHOLD = 20


def threshold(setting: int | None = None) -> int:
    """The threshold in force: the setting, never below ``PRIVACY_THRESHOLD``."""
    return max(PRIVACY_THRESHOLD, setting or PRIVACY_THRESHOLD)


def checked_threshold(value: object) -> int:
    """``value`` as a threshold a workshop may be set to, or ``SettingRefused`` in one sentence:
    a whole number from ``PRIVACY_THRESHOLD`` to ``HIGHEST_THRESHOLD``."""
    if isinstance(value, bool) or not isinstance(value, int) \
            or not PRIVACY_THRESHOLD <= value <= HIGHEST_THRESHOLD:
        raise SettingRefused(tr("The privacy threshold must be a whole number from {lowest} "
                                "to {highest}, so no figure ever rests on fewer than {lowest} "
                                "people.", lowest=PRIVACY_THRESHOLD, highest=HIGHEST_THRESHOLD))
    return value


def stricter(*settings: int | None) -> int:
    """The threshold two copies of a workshop agree on when merged: the higher, so a laptop
    never shows a figure another laptop withholds."""
    return max(threshold(s) for s in settings)


def withheld_note(minimum: int = PRIVACY_THRESHOLD) -> str:
    """What a withheld figure says instead of itself (JSON: beside ``null``)."""
    return tr("fewer than {n} respondents", n=minimum)


def withheld_label(minimum: int = PRIVACY_THRESHOLD) -> str:
    """What a withheld figure reads on screen and paper."""
    # Translators: stands in a table cell instead of a figure resting on too few people.
    return tr("fewer than {n}", n=minimum)


def small_groups(members: Iterable[str], minimum: int = PRIVACY_THRESHOLD
                 ) -> dict[str, int]:
    """Each group (a function) of ``members`` (one group name per person) with at least one
    but fewer than ``minimum`` members, and its size."""
    sizes = Counter(members)
    return {group: n for group, n in sorted(sizes.items()) if 0 < n < minimum}


def hidden_by_subtraction(total: int, shown: Iterable[int], minimum: int = PRIVACY_THRESHOLD
                          ) -> bool:
    """Whether a total of ``total`` people, beside the shown parts of sizes ``shown``, would
    let someone work out a withheld remainder of fewer than ``minimum`` people by subtraction
    (the total must then be withheld too)."""
    rest = total - sum(shown)
    return 0 < rest < minimum
