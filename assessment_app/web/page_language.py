"""Which language a phone page and every server sentence for it are in: the page's own (sent
with each of its requests), else the one chosen on this phone (a cookie per link), else the
one the participant last answered in, else the browser's (Accept-Language) when Tandem speaks
it, else the workshop's report language, else English."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import i18n

COOKIE = "tandem-language"  # set by the page's chooser, for its link's path only


def accepted(header: str) -> str | None:
    """The language Tandem speaks that the browser prefers most (``de-DE,de;q=0.9,en;q=0.8``),
    or None."""
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        code = tag.strip().split("-")[0].lower()
        if code in i18n.LANGUAGES and quality > 0:
            ranked.append((-quality, n, code))
    return min(ranked)[2] if ranked else None


def page_language(*choices: str | None) -> str:
    """The first of ``choices`` (in the order above) that Tandem can speak, else English."""
    return next((c for c in choices if c is not None and i18n.known(c)), i18n.ENGLISH)


def stored_language(code: str) -> str | None:
    """What is kept with an answer given in ``code``: a language a participant may choose
    (never the pseudo-locale of the tests)."""
    return code if code in i18n.LANGUAGES else None


@dataclass(frozen=True)
class Asked:
    """What one request says of its language: the page's own (``?lang=``), the one chosen on
    this phone (the cookie) and the browser's (Accept-Language, a code Tandem speaks)."""

    page: str | None = None
    chosen: str | None = None
    browser: str | None = None

    @classmethod
    def of(cls, query: Mapping[str, str], cookies: Mapping[str, str],
           headers: Mapping[str, str]) -> Asked:
        return cls(query.get("lang"), cookies.get(COOKIE),
                   accepted(headers.get("Accept-Language", "")))

    def language(self, remembered: str | None = None, report: str | None = None) -> str:
        """The request's language, given the participant's ``remembered`` one and the
        workshop's ``report`` language (when known)."""
        return page_language(self.page, self.chosen, remembered, self.browser, report)
