"""Every text of the phone page, in the language of the request (``i18n.speaking``): the page's
HTML is rendered with them (``{{id}}`` in ``static/index.html`` and ``gone.html``), and the
script's sentences travel in the page as JSON (``data-texts`` on ``<html>``, read by
``app.js``; no inline script, so the Content-Security-Policy stays strict). The script fills
``{named}`` placeholders and picks a counted sentence's form.
"""

from __future__ import annotations

import html
import json
import re

from ..i18n import LANGUAGES, N_, current, known, tr, tr_n

# What the HTML shows before and around the script's work: id -> text.
PAGE = {
    "title": N_("Tandem questionnaire"),
    "gone-page-title": N_("Tandem: this link is not valid any more"),
    "loading-who": N_("Loading your questionnaire…"),
    "loading": N_("Loading…"),
    "cannot-reach": N_("Cannot reach the facilitator’s laptop yet; check that this phone is on "
                       "the room’s Wi-Fi, the page keeps trying."),
    "language": N_("Language"),
    "intro-title": N_("Before you start"),
    "intro-levels": N_("For each statement, choose where your organisation is Today, then "
                       "where it must be In 12-18 months for the business to succeed."),
    "intro-dont-know": N_("“Don’t know” is a real answer: choose it rather than guess."),
    "intro-comments": N_("Your comments are shown to the room without your name, at most with "
                         "your function (marketing or IT)."),
    "intro-saved": N_("Each answer is saved as you go, and this link brings you back to where "
                      "you were."),
    "start": N_("Start"),
    "term-help": N_("What this term means"),
    "today": N_("Today"),
    "today-ask": N_("Where is your organisation now?"),
    "target": N_("In 12-18 months"),
    "target-ask": N_("Where must it be for the business to succeed?"),
    "comment": N_("Comment"),
    "optional": N_("(optional)"),
    "review": N_("Review"),
    "vote-title": N_("Vote on the actions"),
    "vote-intro": N_("Place your dots on the actions that matter most to you; several on one "
                     "action is fine. Nobody sees whose dots they are, and the room sees the "
                     "totals only when the facilitator shows them."),
    "done": N_("Done"),
    "thanks-title": N_("Thank you"),
    "thanks-text": N_("Your answers are saved."),
    "thanks-change": N_("You can look at your answers again and change them with this link "
                        "until the facilitator closes answering."),
    "reopen": N_("Look at my answers again"),
    "gone-title": N_("This link is not valid any more"),
    "gone-text": N_("It may have been replaced by a new one, so ask the facilitator for the "
                    "current link or QR code."),
    "back": N_("Back"),
    "next": N_("Next"),
}

# The sentences the script writes: id -> text with {named} placeholders.
SCRIPT = {
    "answering-as": N_("Answering as {name} ({role}) · {workshop}"),
    "answering-as-alone": N_("Answering as {name} ({role})"),
    "title": PAGE["title"],
    "cannot-reach": PAGE["cannot-reach"],
    "welcome-back": N_("Welcome back: you have answered {done} of {total}."),
    "terms": N_("Terms:"),
    "term-title": N_("What this means"),
    "in-marketing": N_("In marketing:"),
    "in-it": N_("In IT:"),
    "dont-know": N_("Don’t know"),
    "today-first": N_("Choose today’s level first."),
    "no-target": N_("No target with “Don’t know”."),
    "below-today": N_("Levels below today ({level}) cannot be chosen."),
    "target-cleared": N_("Your 12-18 months choice ({level}) was cleared, as it is below today: "
                         "choose it again."),
    "characters": N_("{n} / {max} characters"),
    "comment-kept": N_("Comment kept: it is saved with your answer once you choose a level for "
                       "Today."),
    "not-accepted": N_("The answer was not accepted."),
    "changed-elsewhere": N_("This answer was changed on another device, so the page now shows "
                            "the newer one."),
    "retrying": N_("Not saved yet, retrying…"),
    "offline": N_("Not saved yet: this phone is offline, so connect it to the room’s Wi-Fi."),
    "check-wifi": N_("Not saved yet: check that this phone is on the room’s Wi-Fi, or ask the "
                     "facilitator for the current link."),
    "saving": N_("Saving…"),
    "saved": N_("✓ Saved"),
    "position": N_("Statement {n} of {total} · {done} answered"),
    "answered": N_("{done} of {total} answered"),
    "next": PAGE["next"],
    "review": PAGE["review"],
    "finish": N_("Finish"),
    "target-missing": N_("In 12-18 months not chosen yet"),
    "draft-unsaved": N_("Comment not saved until you choose a level"),
    "summary": N_("Today {current} · in 12-18 months {target}"),
    "keep-open": N_("Some answers are not saved yet; the page keeps trying, so keep this page "
                    "open."),
    "saving-last": N_("Saving the last answers…"),
    "thanks-all": N_("Your answers are saved, and you can close this page."),
    "dot-less": N_("One dot less on {title}"),
    "dot-more": N_("One dot more on {title}"),
    "dots-not-placed": N_("The dots were not placed; try again."),
    "dots-offline": N_("The dots were not placed: check that this phone is on the room’s Wi-Fi, "
                       "then try again."),
}


# The script's counted sentences: each gives its form for a count (one, many: the forms English
# and German need); ``{count}`` and the other placeholders stay for the script to fill.
_SLOTS = {"count": "{count}", "max": "{max}", "total": "{total}", "title": "{title}"}
COUNTED = {
    "round-welcome": lambda k: tr_n(
        "The consensus round: re-rate the {count} statement the room discussed. Your first "
        "answers stay as they were, and nobody sees whose answers these are.",
        "The consensus round: re-rate the {count} statements the room discussed. Your first "
        "answers stay as they were, and nobody sees whose answers these are.", k, **_SLOTS),
    # counted by the minutes; a questionnaire has many statements
    "duration": lambda k: tr_n(
        "It takes about {count} minute: {total} statements on how marketing and IT work "
        "together.",
        "It takes about {count} minutes: {total} statements on how marketing and IT work "
        "together.", k, **_SLOTS),
    "all-answered-back": lambda k: tr_n(
        "Welcome back: you have answered the {count} statement, and you can change it until "
        "the facilitator closes answering.",
        "Welcome back: you have answered all {count} statements, and you can change any of "
        "them until the facilitator closes answering.", k, **_SLOTS),
    "trimmed": lambda k: tr_n(
        "A comment holds at most {max} characters; {count} more was left out.",
        "A comment holds at most {max} characters; {count} more were left out.", k, **_SLOTS),
    "all-done": lambda k: tr_n(
        "The {count} statement is answered: tap it to change it, or finish.",
        "All {count} statements are answered: tap one to change it, or finish.", k, **_SLOTS),
    "missing": lambda k: tr_n(
        "{count} of {total} statements is not answered yet: tap it to answer it, or finish "
        "anyway.",
        "{count} of {total} statements are not answered yet: tap one to answer it, or finish "
        "anyway.", k, **_SLOTS),
    "thanks-missing": lambda k: tr_n(
        "Your answers are saved; {count} statement is not answered, and this link brings you "
        "back to it.",
        "Your answers are saved; {count} statements are not answered, and this link brings "
        "you back to them.", k, **_SLOTS),
    "dots-on": lambda k: tr_n("{count} dot on {title}", "{count} dots on {title}", k,
                              **_SLOTS),
}


def script_texts() -> dict[str, object]:
    """Everything the script writes, in the current language."""
    texts: dict[str, object] = {key: tr(text) for key, text in SCRIPT.items()}
    texts.update({key: [form(1), form(2)] for key, form in COUNTED.items()})
    texts["languages"] = dict(LANGUAGES)  # the chooser: each named in its own language
    return texts


_SLOT = re.compile(r"\{\{([a-z-]+)\}\}")


def render(template: str) -> bytes:
    """A page of ``static/`` with its texts in the current language (``{{lang}}``: its code,
    ``{{texts}}``: the script's texts as JSON, for an attribute)."""
    values = {key: tr(text) for key, text in PAGE.items()}
    values["lang"] = current() if known(current()) else "en"  # the script asks in it again
    values["texts"] = json.dumps(script_texts(), ensure_ascii=False, separators=(",", ":"))
    return _SLOT.sub(lambda m: html.escape(values[m.group(1)], quote=True),
                     template).encode("utf-8")
