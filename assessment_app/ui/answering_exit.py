"""Handing the laptop back from answering mode: a stray Esc asks first, and a workshop with a
facilitator PIN asks for it, with wrong tries slowed down (``store.pin``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ..i18n import tr
from ..store.database import Store
from . import dialogs


def escape_confirmed(parent: QWidget, store: Store, workshop_id: str, last_page: bool) -> bool:
    """Without a PIN, a stray Esc must not end the session at once: ask first (with a PIN,
    asking for it is the confirmation; on the last page leaving is what is expected)."""
    if last_page or store.has_pin(workshop_id):
        return True
    return dialogs.ask_confirm(
        parent, tr("Hand the laptop back?"),
        tr("Stop answering and hand the laptop back to the facilitator? Everything answered so "
           "far is saved; answering can go on later from where it stopped."), tr("Hand back"))


def facilitator_lets_go(parent: QWidget, store: Store, workshop_id: str,
                        say: Callable[[str], None]) -> bool:
    """True when the workshop has no PIN or the right one was typed. A wrong PIN, or a try
    during the wait after too many, is refused, said on the page (``say``) and in a box."""
    if not store.has_pin(workshop_id):
        return True
    from ..store.pin import PinCheck, wait_sentence

    wait = store.pin_wait(workshop_id)
    if wait > 0:  # during a wait, no PIN is even asked for
        check = PinCheck(False, wait, taken=False)
    else:
        pin = dialogs.ask_pin(parent)
        if pin is None:
            return False
        check = store.check_pin(workshop_id, pin)
    if check:
        return True
    parts = (tr("That PIN is not right; only the facilitator can leave answering mode.")
             if check.taken else "", wait_sentence(check.wait) if check.wait > 0 else "")
    text = " ".join(part for part in parts if part)
    say(text)
    dialogs.show_error(parent, tr("Wrong PIN") if check.taken else tr("Please wait"), text)
    return False
