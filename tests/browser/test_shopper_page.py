"""The chat page as a shopper meets it, in real headless Chromium against the real server and models: what the
assistant is doing (listening, thinking with the time waited, speaking), text-only, the developer details switch,
the conversation surviving a reload, suggested questions, the microphone level, errors that look like errors, and a
390 px phone where nothing is cut off."""

from __future__ import annotations

import os
import re
import time

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ApitapServer, free_port

pytestmark = [pytest.mark.browser, pytest.mark.models]

TURN_TIMEOUT_MS = 600_000  # a whole turn on the embedded models, on 2 shared cores (speed is benchmarked elsewhere)
VIEWPORTS = {
    "desktop-1280": {"width": 1280, "height": 800},
    "phone-390": {"width": 390, "height": 844},
}
STILL_WORKING = re.compile(r"\d+ s · still working on it")


@pytest.fixture
def open_shopper_page(launch_browser, screenshot, request: pytest.FixtureRequest):
    """Open the page of `server` in a fresh browser profile (its own localStorage) at a viewport, with Playwright's
    page clock installed so a test can move the page's time on; a screenshot of the last page is kept."""
    pages: list[Page] = []

    def open_(server: ApitapServer, viewport: dict, *, touch: bool = False, microphone="beep") -> Page:
        browser = launch_browser(microphone)
        # wait_for_function evaluates in the page, which its CSP forbids; test_the_page_runs_under_its_csp checks
        # the page with the policy in force.
        context = browser.new_context(viewport=viewport, has_touch=touch, bypass_csp=True)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.clock.install()
        page.goto(server.url + "/")
        wait_connected(page)
        pages.append(page)
        return page

    yield open_
    if pages:
        screenshot(pages[-1], request.node.name)


def wait_connected(page: Page) -> None:
    page.wait_for_function("window.__apitap && window.__apitap.connected === true", timeout=30_000)


def turns_done(page: Page) -> int:
    return page.evaluate("window.__apitap.turns")


def conversation(page: Page) -> list[tuple[str, str]]:
    """(role, text) of every question and answer shown."""
    return page.locator(".message.user, .message.assistant").evaluate_all(
        "items => items.map(i => [i.classList.contains('user') ? 'user' : 'assistant', "
        "i.querySelector('.body').textContent])"
    )


def cut_off(page: Page) -> list[str]:
    """Every rendered element that reaches past the left or right edge of the viewport."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const node of document.querySelectorAll("body *")) {
            if (node.closest(".visually-hidden, .skip-link")) continue;
            const box = node.getBoundingClientRect();
            if (box.width === 0 || box.height === 0 || getComputedStyle(node).visibility === "hidden") continue;
            if (box.left < -0.5 || box.right > width + 0.5) {
                out.push(`${node.tagName.toLowerCase()}#${node.id}.${node.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
            }
        }
        return out;
    }""")


def assert_fits(page: Page, viewport: dict) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "horizontal scrolling"
    assert cut_off(page) == []
    for selector in ("#chat-input", "#send-button", "#mic-button", "#stop-button", "#text-only-toggle",
                     "#details-toggle", "#language-select", "#new-conversation"):
        box = page.locator(selector).bounding_box()
        assert box is not None, f"{selector} is not rendered"
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], f"{selector} is off screen: {box}"


@pytest.mark.parametrize("viewport_name", list(VIEWPORTS))
def test_states_text_only_details_and_reload_resume(live_server, open_shopper_page, launch_browser, screenshot,
                                                     viewport_name):
    viewport = VIEWPORTS[viewport_name]
    page = open_shopper_page(live_server, viewport)
    page.select_option("#language-select", "en")

    # The developer view is off by default.
    expect(page.locator("#details-toggle")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#activity")).to_have_attribute("data-state", "idle")

    # Text only: the page asks the server for no speech and plays none.
    page.click("#text-only-toggle")
    expect(page.locator("#text-only-toggle")).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("window.__apitap.lastStart && window.__apitap.lastStart.speak === false")

    first_question = page.locator("#suggestions .chip").first.inner_text()
    before = turns_done(page)
    page.locator("#suggestions .chip").first.click()
    expect(page.locator(".message.user").last).to_have_text(first_question)
    page.wait_for_function("window.__apitap.statesSeen.includes('thinking')")
    # A long wait says how long it has been, and that the assistant is still on it (unless the answer is already
    # back: speed is not what this test checks).
    page.clock.fast_forward(20_000)
    if turns_done(page) == before:
        expect(page.locator("#activity")).to_contain_text("Thinking")
        expect(page.locator("#activity-elapsed")).to_have_text(STILL_WORKING)
        screenshot(page, f"{viewport_name}-thinking")
    page.wait_for_function(f"window.__apitap.turns > {before}", timeout=TURN_TIMEOUT_MS)

    answer = page.locator(".message.assistant").last
    expect(answer.locator(".body")).not_to_be_empty()
    expect(page.locator("#activity")).to_have_attribute("data-state", "idle")
    expect(page.locator("#welcome")).to_be_hidden()
    expect(answer.locator(".tools")).to_be_hidden()
    expect(answer.locator(".latency")).to_be_hidden()
    assert page.evaluate("window.__apitap.audioQueued") == 0, "audio was played in text-only mode"
    assert "thinking" in page.evaluate("window.__apitap.statesSeen")
    assert_fits(page, viewport)

    # Details on: which tools were looked up and how long each stage took.
    page.click("#details-toggle")
    expect(answer.locator(".tools")).to_be_visible()
    expect(answer.locator(".tools")).to_contain_text("Looked up: ")
    expect(answer.locator(".latency")).to_be_visible()
    expect(answer.locator(".latency")).to_contain_text(re.compile(r"Answered in \d+\.\d s"))

    # Sound back on: the answer is spoken, and the page says so while it plays.
    page.click("#text-only-toggle")
    page.wait_for_function("window.__apitap.lastStart && window.__apitap.lastStart.speak === true")
    before = turns_done(page)
    page.fill("#chat-input", "How long does shipping take?")
    page.press("#chat-input", "Enter")
    page.wait_for_function(
        "window.__apitap.activity === 'speaking' && document.querySelectorAll('.message.assistant.speaking').length === 1"
        " && document.getElementById('activity-label').textContent === 'Speaking…'",
        timeout=TURN_TIMEOUT_MS,
    )
    screenshot(page, f"{viewport_name}-speaking")
    page.wait_for_function(f"window.__apitap.turns > {before}", timeout=TURN_TIMEOUT_MS)
    page.wait_for_function("window.__apitap.activity === 'idle'", timeout=120_000)
    assert page.evaluate("window.__apitap.audioPlayed") > 0
    assert_fits(page, viewport)

    said = conversation(page)
    session_id = page.evaluate("window.__apitap.sessionId")
    assert len(said) == 4, said

    # A reload keeps the conversation: the session id from storage, the history from the server.
    page.reload()
    wait_connected(page)
    page.wait_for_function("window.__apitap.restored >= 4", timeout=30_000)
    assert conversation(page) == said
    assert page.evaluate("window.__apitap.sessionId") == session_id
    expect(page.locator("#details-toggle")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#welcome")).to_be_hidden()
    assert_fits(page, viewport)
    screenshot(page, f"{viewport_name}-reloaded")

    # Another browser (its own storage) does not see this conversation.
    stranger = launch_browser().new_context(viewport=viewport, bypass_csp=True).new_page()
    stranger.goto(live_server.url + "/")
    wait_connected(stranger)
    expect(stranger.locator("#welcome")).to_be_visible()
    assert conversation(stranger) == []
    assert stranger.evaluate("window.__apitap.sessionId") != session_id

    # "New conversation" starts over with a new id and the suggested questions.
    page.click("#new-conversation")
    expect(page.locator("#welcome")).to_be_visible()
    assert conversation(page) == []
    assert page.evaluate("window.__apitap.sessionId") != session_id
    assert page.console_errors == []


def test_phone_390_nothing_cut_off_with_touch_wording_and_suggestions(live_server, open_shopper_page):
    viewport = VIEWPORTS["phone-390"]
    page = open_shopper_page(live_server, viewport, touch=True)
    page.select_option("#language-select", "en")

    expect(page.locator("#customer-select")).to_be_visible()
    longest = page.locator("#customer-select option").evaluate_all(
        "options => options.reduce((a, b) => (b.textContent.length > a.textContent.length ? b : a)).value"
    )
    page.select_option("#customer-select", longest)
    expect(page.locator(".message.system").last).to_contain_text("talking as")
    page.wait_for_function(f"window.__apitap.lastStart && window.__apitap.lastStart.customer_id === {int(longest)}")
    signed_in_session = page.evaluate("window.__apitap.sessionId")

    expect(page.locator("#empty-hint")).to_contain_text("tap the microphone")
    expect(page.locator("#empty-hint")).not_to_contain_text("Space")
    chips = page.locator("#suggestions .chip")
    expect(chips).to_have_count(4)
    expect(chips.first).to_be_visible()
    assert_fits(page, viewport)
    picker = page.locator("#customer-select").bounding_box()
    assert picker["x"] >= 0 and picker["x"] + picker["width"] <= viewport["width"], picker

    page.select_option("#language-select", "es")
    expect(page.locator("#empty-hint")).to_contain_text("toca el micrófono")
    expect(chips.first).to_have_text("¿Cuál es la política de devoluciones?")
    expect(page.locator("#text-only-toggle")).to_contain_text("Solo texto")
    assert_fits(page, viewport)
    # Changing the language keeps the signed-in conversation (answers to earlier `start`s must not undo it).
    page.wait_for_function("window.__apitap.lastStart.language === 'es' && window.__apitap.startsPending === 0")
    expect(page.locator(".message.error")).to_have_count(0)
    expect(page.locator("#customer-select")).to_have_value(longest)
    assert page.evaluate("window.__apitap.sessionId") == signed_in_session
    assert page.console_errors == []


def test_desktop_wording_and_suggestions_follow_the_language(live_server, open_shopper_page):
    page = open_shopper_page(live_server, VIEWPORTS["desktop-1280"])
    page.select_option("#language-select", "en")
    expect(page.locator("#empty-hint")).to_contain_text("hold Space to talk")
    expect(page.locator("#suggestions .chip").first).to_have_text("What is your return policy?")
    page.select_option("#language-select", "es")
    expect(page.locator("#suggestions .chip").first).to_have_text("¿Cuál es la política de devoluciones?")
    assert page.console_errors == []


def test_microphone_level_while_recording_and_errors_look_like_errors(live_server, open_shopper_page, screenshot):
    page = open_shopper_page(live_server, VIEWPORTS["desktop-1280"], microphone="beep")
    page.select_option("#language-select", "en")

    page.click("#mic-button")
    expect(page.locator("#activity")).to_have_attribute("data-state", "listening")
    expect(page.locator("#mic-level")).to_be_visible()
    # Chromium's fake microphone beeps: the meter must move with it.
    page.wait_for_function("window.__apitap.micPeakLevel > 0", timeout=10_000)
    screenshot(page, "microphone-level")
    page.click("#mic-button")
    expect(page.locator("#mic-level")).to_be_hidden()

    # A beep holds no words: the server says so, and the page shows it as an error, not as an answer.
    error = page.locator(".message.error")
    expect(error).to_have_count(1, timeout=120_000)
    expect(error).to_have_attribute("role", "alert")
    assert error.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    expect(page.locator("#activity")).to_have_attribute("data-state", "idle")
    assert page.evaluate("window.__apitap.statesSeen")[:3] == ["idle", "listening", "transcribing"]


class UnreachableLLMServer(ApitapServer):
    """The real server with its language model at an address where nothing listens: /health answers 503."""

    def start(self) -> UnreachableLLMServer:
        previous = {name: os.environ.get(name) for name in ("LLM_PROVIDER", "OPENAI_BASE_URL")}
        os.environ["LLM_PROVIDER"] = "openai"
        os.environ["OPENAI_BASE_URL"] = f"http://127.0.0.1:{free_port()}/v1"
        try:
            return super().start()
        finally:
            for name, value in previous.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + 420
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=5).status_code in (200, 503):
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"/health never answered:\n{self.log_tail()}")


@pytest.fixture
def server_without_llm(demo_sqlite_url, tmp_path):
    server = UnreachableLLMServer(demo_sqlite_url, tmp_path / "data", tmp_path / "server.log").start()
    yield server
    server.stop()


def test_an_unavailable_assistant_is_shown_as_an_error(server_without_llm, open_shopper_page):
    page = open_shopper_page(server_without_llm, VIEWPORTS["phone-390"])
    page.select_option("#language-select", "en")
    banner = page.locator("#status-banner")
    expect(banner).to_have_class("error", timeout=15_000)
    expect(banner).to_contain_text("language model")

    page.click("#text-only-toggle")
    before = turns_done(page)
    page.fill("#chat-input", "What is your return policy?")
    page.press("#chat-input", "Enter")
    page.wait_for_function(f"window.__apitap.turns > {before}", timeout=TURN_TIMEOUT_MS)

    answer = page.locator(".message.assistant").last
    expect(answer).to_have_class(re.compile(r"\berror\b"))
    expect(answer).to_have_attribute("data-problem", "llm_unavailable")
    expect(answer).to_have_attribute("role", "alert")
    assert_fits(page, VIEWPORTS["phone-390"])


def test_the_page_runs_under_its_content_security_policy(live_server, launch_browser):
    """No bypass here: every script, style and handler the page uses must be allowed by the CSP it is served with
    (no inline script, style attribute or on* handler). Only Playwright's own locators run, in their own world."""
    csp = httpx.get(live_server.url + "/", timeout=30).headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp, csp
    page = launch_browser().new_context(viewport=VIEWPORTS["phone-390"]).new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(live_server.url + "/")

    expect(page.locator("#activity")).to_have_attribute("data-state", "idle")
    deadline = time.monotonic() + 30
    while not page.evaluate("window.__apitap.connected") and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert page.evaluate("window.__apitap.connected"), "the page never connected under its CSP"
    page.select_option("#language-select", "es")
    expect(page.locator("#suggestions .chip").first).to_have_text("¿Cuál es la política de devoluciones?")
    page.click("#details-toggle")
    expect(page.locator("body")).to_have_class(re.compile(r"\bdetails-on\b"))
    page.click("#text-only-toggle")
    expect(page.locator("#text-only-toggle")).to_have_attribute("aria-pressed", "true")
    page.click("#mic-button")
    expect(page.locator("#mic-level")).to_be_visible()
    page.click("#mic-button")
    expect(page.locator("#mic-level")).to_be_hidden()
    page.click("#new-conversation")
    expect(page.locator("#welcome")).to_be_visible()

    inline = page.locator("script:not([src]), style, [style]")
    expect(inline).to_have_count(0)
    assert problems == [], problems
