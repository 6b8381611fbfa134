"""The answering page as a person in the room meets it, in Debian's chromium at 390x844: the
introduction, keyboard and large text, double taps, the browser's Back, a reload, leaving the
page mid-comment, a dropped network, long comments in any script, dark mode, and axe-core's
WCAG 2.1 AA checks (plus target size) in every state of the page.

axe-core is vendored under tests/data/axe (MPL-2.0), so these tests need no network."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from assessment_app.store.database import Store
from assessment_app.web.server import AnswerServer
from tests.test_answering_browser import (
    PHONE,
    pytestmark,  # noqa: F401 - the same skip when chromium is missing
    tap_target,
    tap_today,
    wait_saved,
    workshop_with,
)

AXE = Path(__file__).parent / "data" / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SAVED = "\u2713 Saved"


@pytest.fixture
def room(tmp_path, mini_catalog, mini, browser):
    """A served workshop on the mini questionnaire; ``room.person(name)`` adds a participant
    and gives their link."""
    path = tmp_path / "t.sqlite"
    store, workshop, _ = workshop_with(path, mini, [])
    server = AnswerServer(path, workshop.id, mini_catalog)
    server.start()

    class Room:
        def __init__(self):
            self.store, self.server, self.path, self.items = store, server, path, mini.items
            self.contexts: list = []

        def person(self, name="Ana", role="marketing"):
            p = store.add_participant(workshop.id, name, role)
            return p, server.join_url(p.id)

        def page(self, url, dark=False, **options):
            context = browser.new_context(viewport=PHONE, has_touch=True,
                                                color_scheme="dark" if dark else "light",
                                                **options)
            context.set_default_timeout(10_000)
            self.contexts.append(context)
            page = context.new_page()
            page.goto(url)
            return page

        def answers(self, pid):
            check = Store.open(path)
            try:
                return check.answers_for_participant(pid)
            finally:
                check.close()

    r = Room()
    yield r
    for context in r.contexts:
        context.close()
    server.stop()
    store.close()


def violations(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations and the target-size rule, one line each."""
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("""async (tags) => {
      const runs = [{runOnly: {type: 'tag', values: tags}},
                    {runOnly: {type: 'rule', values: ['target-size']}}];
      const out = [];
      for (const options of runs) {
        const result = await axe.run(document, options);
        for (const v of result.violations)
          for (const n of v.nodes)
            out.push(v.id + ' ' + n.target.join(' ') + ': ' + n.failureSummary);
      }
      return out;
    }""", AXE_TAGS)
    return found


def status(page) -> str:
    return page.locator("#status").text_content() or ""


def progress(page) -> str:
    return page.locator("#progress").text_content() or ""


def started(page) -> None:
    page.get_by_role("button", name="Start").click()
    page.locator("#question").wait_for()


def test_the_introduction_says_how_long_what_the_target_asks_and_who_reads_comments(room):
    _, url = room.person()
    page = room.page(url)
    intro = page.locator("#intro")
    intro.wait_for()
    text = " ".join(intro.text_content().split())
    assert "about 2 minutes: 4 statements" in text
    assert "where it must be In 12-18 months for the business" in text
    assert "without your name" in text and "function" in text
    assert violations(page) == []
    started(page)
    assert progress(page) == "Statement 1 of 4 \u00b7 0 answered"
    assert "must it be" in page.get_by_role("group", name="In 12-18 months").text_content()
    tap_today(page, 2)
    tap_target(page, 3)
    wait_saved(page)
    assert progress(page) == "Statement 1 of 4 \u00b7 1 answered"
    assert violations(page) == []


def test_no_page_state_fails_axe_in_light_or_dark(room):
    for dark in (False, True):
        _, url = room.person(f"P{dark}")
        page = room.page(url, dark=dark)
        page.locator("#intro").wait_for()
        if dark:
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background != "rgb(255, 255, 255)"
        assert violations(page) == []
        started(page)
        page.locator("#statement .term, #extra-terms .term").first.click()
        page.fill("#comment", "A first thought")  # the note beside the box
        assert violations(page) == []
        tap_today(page, 3)  # targets below today are disabled
        wait_saved(page)
        assert violations(page) == []
        page.click("#next")
        page.click("#next")
        page.click("#next")
        page.click("#next")
        page.get_by_role("heading", name="Review").wait_for()
        assert violations(page) == []
        page.get_by_role("button", name="Finish").click()
        page.get_by_role("heading", name="Thank you").wait_for()
        assert violations(page) == []


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two CSS colours given as rgb(...)."""
    def luminance(css: str) -> float:
        r, g, b = (float(v) / 255 for v in re.findall(r"[\d.]+", css)[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TEXT_SHARE = """() => Math.min(...[...document.querySelectorAll('#today .option')].map(
  o => o.querySelector('.text').getBoundingClientRect().width / o.getBoundingClientRect().width))"""

COVERED = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return done(null);
  const box = focused.getBoundingClientRect();
  const bars = [...document.querySelectorAll('header, footer')].filter(e => {
    const p = getComputedStyle(e).position; return p === 'fixed' || p === 'sticky'; });
  const over = bars.filter(bar => { const b = bar.getBoundingClientRect();
    return b.height > 0 && box.top < b.bottom && box.bottom > b.top; });
  const barHeight = bars.reduce((sum, bar) => sum + bar.getBoundingClientRect().height, 0);
  const ring = getComputedStyle(focused.type === 'radio' ? focused.closest('label') : focused);
  done({id: focused.id || focused.name || focused.tagName, covered: over.length > 0,
        ring: ring.outlineStyle === 'none' ? null : ring.outlineColor,
        tabbable: focused.tabIndex >= 0,
        background: getComputedStyle(document.body).backgroundColor,
        share: barHeight / innerHeight, type: focused.type || '', checked: !!focused.checked,
        view: [...document.querySelectorAll('main > section')].find(s => !s.hidden)?.id});
})))"""


def test_a_keyboard_run_at_200_percent_text_never_hides_the_focus(room):
    pid, url = room.person()
    page = room.page(url)
    page.locator("#intro").wait_for()
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.keyboard.press("Tab")  # the Start button
    seen: list[dict] = []
    for _ in range(200):
        state = page.evaluate(COVERED)
        if state is None:
            page.keyboard.press("Tab")
            continue
        seen.append(state)
        assert not state["covered"], state
        assert state["share"] <= 0.2, state  # fixed bars leave most of the screen
        if state["tabbable"]:  # headings take the focus only to be read from
            assert state["ring"] and contrast(state["ring"], state["background"]) >= 3, state
        if state["view"] == "thanks":
            break
        if state["view"] == "question":  # the levels' words keep most of the width
            assert page.evaluate(TEXT_SHARE) >= 0.75
        if state["id"] in ("start", "next"):
            page.keyboard.press("Enter")
        elif state["type"] == "radio" and not state["checked"]:
            page.keyboard.press("Space")
        else:
            page.keyboard.press("Tab")
    assert seen[-1]["view"] == "thanks"
    answers = room.answers(pid.id)
    assert len(answers) == 4 and all(a.is_complete for a in answers.values())


def test_arrow_keys_through_today_keep_the_target_or_say_it_was_cleared(room):
    pid, url = room.person()
    page = room.page(url)
    started(page)
    tap_today(page, 2)
    tap_target(page, 3)
    wait_saved(page)
    page.locator("#today-options input[value='2']").focus()
    page.keyboard.press("ArrowDown")  # today 3: the target 3 still fits
    page.keyboard.press("ArrowDown")  # today 4: the target 3 cannot stay
    page.get_by_text("Your 12-18 months choice (3) was cleared").wait_for()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # back to today 2: the target comes back
    page.wait_for_function("() => document.getElementById('status').textContent === "
                           f"'{SAVED}'")
    assert page.locator("#target-options input:checked").get_attribute("value") == "3"
    answer = room.answers(pid.id)[room.items[0].id]
    assert (answer.current, answer.target) == (2, 3)


def test_a_double_tap_on_next_moves_one_statement_and_back_goes_back(room):
    _, url = room.person()
    page = room.page(url)
    started(page)
    page.dblclick("#next")
    assert progress(page).startswith("Statement 2 of 4")
    page.dblclick("#next")
    assert progress(page).startswith("Statement 3 of 4")
    page.go_back()
    assert progress(page).startswith("Statement 2 of 4")
    page.go_back()
    assert progress(page).startswith("Statement 1 of 4")
    page.go_back()
    page.locator("#intro").wait_for()
    page.go_forward()
    assert progress(page).startswith("Statement 1 of 4")


def test_a_reload_resumes_at_the_first_open_statement_and_says_so(room):
    pid, url = room.person()
    for item in room.items[:2]:
        room.store.save_answer(pid.id, item.id, 3, 4, "")
    page = room.page(url)
    page.get_by_text("Welcome back: you have answered 2 of 4.").wait_for()
    assert progress(page) == "Statement 3 of 4 \u00b7 2 answered"


def test_a_finished_person_may_change_answers_until_answering_closes(room):
    pid, url = room.person()
    for item in room.items:
        room.store.save_answer(pid.id, item.id, 3, 4, "")
    page = room.page(url)
    page.get_by_text("Welcome back: you have answered all 4 statements").wait_for()
    page.get_by_role("button", name="Finish").click()
    thanks = " ".join(page.locator("#thanks").text_content().split())
    assert "change them with this link until the facilitator closes answering" in thanks
    page.get_by_role("button", name="Look at my answers again").click()
    page.locator("#unanswered button").first.click()
    tap_today(page, 5)
    tap_target(page, 5)
    wait_saved(page)
    assert room.answers(pid.id)[room.items[0].id].current == 5


def test_after_failed_tries_the_page_says_what_to_check(room):
    pid, url = room.person()
    page = room.page(url)
    started(page)
    room.server.stop()
    tap_today(page, 2)
    page.get_by_text("Not saved yet, retrying\u2026").wait_for()
    page.get_by_text("check that this phone is on the room\u2019s Wi-Fi, or ask the "
                     "facilitator for the current link").wait_for()
    assert page.locator("#today-options input:checked").get_attribute("value") == "2"


def wait_for_answer(room, pid, item_id, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = room.answers(pid).get(item_id)
        if answer is not None and answer.comment:
            return answer
        time.sleep(0.1)
    return room.answers(pid).get(item_id)


def test_a_comment_typed_just_before_leaving_is_saved_and_leaving_warns(room):
    pid, url = room.person()
    page = room.page(url)
    started(page)
    tap_today(page, 2)
    tap_target(page, 2)
    wait_saved(page)
    page.locator("#comment").press_sequentially("Typed at the last moment")
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)  # the browser asks before leaving unsaved text
    assert asked.value.type == "beforeunload"
    page.once("dialog", lambda d: d.accept())
    asked.value.dismiss()  # stay
    page.locator("#comment").press_sequentially(", then changed")
    page.goto("about:blank")  # ... and leaving anyway still saves it
    answer = wait_for_answer(room, pid.id, room.items[0].id)
    assert answer.comment == "Typed at the last moment, then changed"


def test_a_comment_before_any_level_is_kept_said_and_saved_with_the_level(room):
    pid, url = room.person()
    page = room.page(url)
    started(page)
    page.fill("#comment", "Depends on the region")
    note = page.locator("#comment-note")
    assert "saved with your answer once you choose a level" in note.text_content()
    page.click("#next")
    page.click("#back")
    assert page.locator("#comment").input_value() == "Depends on the region"
    page.reload()
    page.locator("#question").wait_for()
    assert page.locator("#comment").input_value() == "Depends on the region"
    tap_today(page, 2)
    wait_saved(page)
    assert note.text_content() == ""
    assert room.answers(pid.id)[room.items[0].id].comment == "Depends on the region"


def test_a_full_length_comment_with_emoji_from_the_kiosk_can_be_changed(room):
    pid, url = room.person()
    long = ("Cost 😀 " * 300)[:1999] + "!"  # 2,000 characters, 2,286 UTF-16 units
    room.store.save_answer(pid.id, room.items[0].id, 2, 3, long)
    page = room.page(url)
    page.locator("#question").wait_for()
    page.click("#back")
    assert page.locator("#comment-count").text_content().startswith("2,000 / 2,000")
    page.locator("#comment").press("Home")
    page.keyboard.type("x")  # nothing more fits, wherever the caret is
    assert "1 more was left out" in page.locator("#comment-note").text_content()
    assert page.locator("#comment").input_value() == long
    tap_today(page, 1)
    wait_saved(page)
    answer = room.answers(pid.id)[room.items[0].id]
    assert (answer.current, answer.comment) == (1, long)


def test_comments_and_statements_follow_their_script_direction(room):
    pid, url = room.person()
    page = room.page(url)
    started(page)
    assert page.locator("#comment").get_attribute("dir") == "auto"
    page.fill("#comment", "نحتاج إلى بيانات مشتركة")
    assert page.locator("#comment").evaluate("e => e.matches(':dir(rtl)')")
    page.fill("#comment", "Shared data first")
    assert page.locator("#comment").evaluate("e => e.matches(':dir(ltr)')")


# -- what the server does for the page --------------------------------------------------------


def test_an_old_link_and_the_bare_address_show_a_page_that_says_what_to_do(room):
    from tests.test_web_server import SECURITY, call

    pid, old = room.person()
    new = room.server.reissue(pid.id)
    for path in (old.removeprefix(room.server.url), "/", "/a/short"):
        status, headers, body = call(room.server, "GET", path,
                                     headers={"Accept": "text/html,*/*;q=0.8"})
        assert status == 404 and headers["Content-Type"].startswith("text/html")
        assert "ask the facilitator for the current link or QR code" in " ".join(
            body.decode().split())
        assert SECURITY <= set(headers)
    for dark in (False, True):
        page = room.page(old, dark=dark)
        assert "not valid any more" in page.locator("h1").text_content()
        assert violations(page) == []
    page = room.page(new)
    page.locator("#intro").wait_for()


def test_the_state_comes_compressed_and_is_fetched_while_the_script_loads(room):
    import gzip
    import json

    from tests.test_web_server import call, token_path

    pid, url = room.person()
    path = token_path(room.server, pid.id)
    status, headers, body = call(room.server, "GET", path + "/state",
                                 headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(body))["participant"]["name"] == "Ana"
    _, headers, _ = call(room.server, "GET", "/static/app.js",
                         headers={"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    states: list[str] = []
    page = room.page("about:blank")
    page.on("request", lambda r: states.append(r.url) if r.url.endswith("/state") else None)
    page.goto(url)
    page.locator("#intro").wait_for()
    assert len(states) == 1  # the preload started by the page's headers is the one used


def test_two_devices_on_one_link_never_overwrite_each_other_silently(room):
    from tests.test_web_server import answer

    pid, url = room.person()
    first, second = room.page(url), room.page(url)
    started(first)
    started(second)
    tap_today(first, 2)
    wait_saved(first)
    tap_today(second, 4)  # this device still shows the statement unanswered
    second.get_by_text("This answer was changed on another device").wait_for()
    assert second.locator("#today-options input:checked").get_attribute("value") == "2"
    assert room.answers(pid.id)[room.items[0].id].current == 2
    tap_today(second, 4)  # now it knows the newer answer: its own change goes through
    wait_saved(second)
    assert room.answers(pid.id)[room.items[0].id].current == 4
    # at the HTTP level: a stale "seen" is refused with the stored answer, none is not checked
    item = room.items[1].id
    status, _, body = answer(room.server, pid.id, item, 3, 3, seen="2020-01-01T00:00:00Z")
    assert status == 409
    assert answer(room.server, pid.id, item, 3, 3, seen=None)[0] == 200
    status, _, body = answer(room.server, pid.id, item, 1, 1, seen=None)
    assert status == 409 and b'"current": 3' in body
    assert answer(room.server, pid.id, item, 1, 1)[0] == 200  # no "seen": the later wins


def test_the_same_link_turns_to_round_two_then_voting_and_passes_axe(room):
    """The consensus round on the phone: the page open in round 1 follows the link into round
    2 (only the chosen statements, each with "In round 1 you said …"), re-rates with the same
    controls, then places dots within the budget; no results are ever on the page; every state
    passes axe."""
    from assessment_app.analysis.consensus_view import open_consensus

    person, url = room.person("Ana")
    others = [room.person(name, role)[0] for name, role in
              (("Bodil", "marketing"), ("Cyrus", "marketing"), ("Dilnoza", "it"),
               ("Edvard", "it"), ("Florentyna", "it"))]
    wid = person.workshop_id
    room.store.save_answer(person.id, "trust-1", 2, 4)
    for p in others:  # the room's round 1: a weak, wanted weekly meeting
        for item in ("trust-2", "meet-1"):
            room.store.save_answer(p.id, item, 1, 5)
    page = room.page(url)
    page.locator("#question").wait_for()  # round 1; then the facilitator opens the round
    open_consensus(room.store, wid, ["trust-1", "meet-1"])
    tap_today(page, 3)  # refused (round 1 is closed): the page follows the link to round 2
    page.wait_for_function("() => document.getElementById('progress').textContent"
                           ".startsWith('Statement 1 of 2')")
    assert page.locator("#said").text_content() == "In round 1 you said 2 (Emerging), target 4."
    assert violations(page) == []
    tap_today(page, 3)
    tap_target(page, 4)
    wait_saved(page)
    check = Store.open(room.path)
    try:
        again = check.answers_for_participant(person.id, round_no=2)["trust-1"]
        assert (again.current, again.target) == (3, 4)
        assert check.answers_for_participant(person.id)["trust-1"].current == 2
    finally:
        check.close()
    page.click("#next")
    assert page.locator("#said").text_content() == (
        "You did not answer this statement in round 1.")
    tap_today(page, None)  # don't know
    wait_saved(page)
    page.click("#next")
    page.get_by_role("heading", name="Review").wait_for()
    page.get_by_role("button", name="Finish").click()
    page.get_by_role("heading", name="Vote on the actions").wait_for()
    assert page.locator("#dots-left").text_content() == "3 of your 3 dots left."
    assert violations(page) == []
    more = page.get_by_role("button", name="One dot more on Meet every week")
    for left in (2, 1, 0):
        more.click()
        page.wait_for_function(
            f"() => document.getElementById('dots-left').textContent.startsWith('{left} of')")
    assert more.is_disabled()
    check = Store.open(room.path)
    try:
        assert [(v.action_id, v.count) for v in check.votes_of(person.id)] == [
            ("weekly-meeting", 3)]
    finally:
        check.close()
    body = page.locator("main").text_content()
    assert not any(p.name in body for p in others)  # nobody else's name, no totals
    assert violations(page) == []
    page.get_by_role("button", name="Done").click()
    page.get_by_role("heading", name="Thank you").wait_for()
    assert violations(page) == []
    dark = room.page(url, dark=True)  # the same link again, in dark mode: all re-rated
    dark.get_by_role("heading", name="Review").wait_for()
    assert violations(dark) == []
    dark.get_by_role("button", name="Finish").click()
    dark.get_by_role("heading", name="Vote on the actions").wait_for()
    assert dark.locator("#dots-left").text_content() == "0 of your 3 dots left."
    assert violations(dark) == []
