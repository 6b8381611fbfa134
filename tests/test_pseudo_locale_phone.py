"""The phone page in the pseudo-locale (every sentence and every statement, level and theme 40%
longer, between ⟦ ⟧) at 390x844: on the introduction, every statement and the review, the page
is never wider than the phone (no sideways scrolling) and no text is cut off in its box.
German runs about a third longer than English; a page that holds this holds German."""

from __future__ import annotations

from assessment_app.web.server import AnswerServer
from tests.test_answering_browser import PHONE
from tests.test_answering_browser import pytestmark as browser_mark
from tests.test_phone_language import _clipped
from tests.test_web_server import make_workshop

pytestmark = browser_mark


def _too_wide(page, where: str) -> list[str]:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    found = [f"{where}: the page is {width}px wide"] if width > PHONE["width"] else []
    return found + [f"{where}: {name} is cut off" for name in _clipped(page)]


def test_the_phone_page_holds_long_text(tmp_path, catalog, browser):
    path = tmp_path / "tandem.sqlite"
    store, workshop, (ana, _) = make_workshop(path, catalog.default())
    server = AnswerServer(path, workshop.id, catalog)
    server.start()
    context = browser.new_context(viewport=PHONE, has_touch=True, device_scale_factor=1)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(server.join_url(ana.id) + "?lang=qps")
        page.locator("#start").wait_for()
        assert page.locator("#intro-title").text_content().startswith("⟦")
        problems = _too_wide(page, "introduction")
        page.locator("#start").click()
        for item in catalog.in_language(catalog.default(), "qps").items:
            page.wait_for_function(
                "text => document.getElementById('statement').textContent.startsWith(text)",
                arg=item.text_for(ana.role)[:12])
            problems += _too_wide(page, item.id)
            page.locator("#next").click()
        page.locator("#review").wait_for()
        problems += _too_wide(page, "review")
        assert problems == []
    finally:
        context.close()
        server.stop()
        store.close()
