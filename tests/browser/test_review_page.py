"""The operators' review page in real headless Chromium against the real server and models: a conversation just
held over `/text-query` is listed with its turns, tool calls and flags, its handoff is in the queue and can be
taken, and one click exports it as an eval case that `apitap eval check` accepts. The page runs under the
service's Content-Security-Policy with nothing blocked, and fits a 390 px screen."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import httpx
import pytest
from playwright.sync_api import expect

from evals.cases import load_case_file
from tests.browser.conftest import ARTIFACTS_DIR, DESKTOP, REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.models]

TURN_TIMEOUT_S = 600.0  # one turn on the embedded models, on 2 shared cores
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


@pytest.fixture(scope="module")
def held_conversation(live_server, order_of, picker_customer_ids) -> dict:
    """A signed-in customer's question about their order, then a request for a person, over `/text-query`."""
    order = order_of(picker_customer_ids)
    session = f"review-page-{uuid.uuid4().hex[:12]}"
    question = f"What is the status of order {order['order_id']}?"
    turns = []
    for said in (question, "I want to talk to a person"):
        response = httpx.post(f"{live_server.url}/text-query", timeout=TURN_TIMEOUT_S, json={
            "text": said, "session_id": session, "customer_id": order["customer_id"], "speak": False,
        })
        assert response.status_code == 200, response.text
        turns.append(response.json())
    assert turns[1]["handoff"]["reason"] == "asked_for_person"
    return {"session": session, "question": question, "order": order, "turns": turns}


@pytest.fixture
def review_page(launch_browser, request):
    pages = []

    def open_(url: str, viewport: dict = DESKTOP):
        browser = launch_browser()
        context = browser.new_context(viewport=viewport, accept_downloads=True)
        context.add_init_script(WATCH_CSP)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.goto(url)
        # Not wait_for_function: it evaluates its predicate with eval, which the page's CSP (rightly) refuses.
        deadline = time.monotonic() + 30
        while not page.evaluate("Boolean(window.__review && window.__review.loaded === true)"):
            assert time.monotonic() < deadline, "the review page did not load"
            page.wait_for_timeout(200)
        pages.append(page)
        return page

    yield open_
    if pages:
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        pages[-1].screenshot(path=str(ARTIFACTS_DIR / f"{request.node.name}.png"), full_page=True)


def test_review_lists_a_conversation_just_held_and_exports_a_case_eval_accepts(
    live_server, held_conversation, review_page, tmp_path
):
    session = held_conversation["session"]
    page = review_page(f"{live_server.url}/review")

    row = page.locator(f"tr[data-session='{session}']")
    expect(row).to_be_visible()
    expect(row.locator(".chip[data-flag='handoff']")).to_be_visible()
    expect(row).to_contain_text(held_conversation["question"])

    handoff_id = held_conversation["turns"][1]["handoff"]["id"]
    queued = page.locator(f"#queue [data-handoff='{handoff_id}']")
    expect(queued).to_contain_text("Why: the caller asked for a person.")

    page.fill("[data-testid=filter-text]", "talk to a person")
    page.select_option("[data-testid=filter-flag]", "handoff")
    page.click("[data-testid=apply-filters]")
    expect(page.locator("[data-testid=list-count]")).to_contain_text("of ")
    expect(page.locator(f"tr[data-session='{session}']")).to_be_visible()

    page.locator(f"tr[data-session='{session}']").click()
    turns = page.locator("#turns > li")
    expect(turns).to_have_count(2)
    expect(turns.nth(0).locator(".heard .text")).to_have_text(held_conversation["question"])
    expect(turns.nth(0).locator(".tool-calls")).to_contain_text("(")
    expect(turns.nth(0).locator(".timings")).to_contain_text("total")
    expect(turns.nth(1).locator(".chip[data-flag='handoff']")).to_be_visible()

    with page.expect_download() as download_info:
        page.click("[data-testid=export-case]")
    case_file = tmp_path / "exported.yaml"
    download_info.value.save_as(str(case_file))
    expect(page.locator("[data-testid=case-yaml]")).to_contain_text("cases:")

    [case] = load_case_file(case_file)
    assert case.caller.identity == "verified"
    assert case.caller.customer_id == held_conversation["order"]["customer_id"]
    assert case.turns[0].say == held_conversation["question"]
    assert case.turns[1].expect.no_tool
    expected_calls = [call["name"] for call in held_conversation["turns"][0]["tool_calls"]]
    assert [name for call in case.turns[0].expect.tools for name in call.names] == expected_calls
    check = subprocess.run([sys.executable, "-m", "api", "eval", "check", "--cases", str(case_file)],
                           cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == "1 cases OK (en: 1)"

    queued.locator("button[data-status='taken']").click()
    expect(page.locator(f"#queue [data-handoff='{handoff_id}']")).to_contain_text("taken")
    assert page.evaluate("window.__cspViolations") == []
    assert page.console_errors == []


def test_review_page_fits_a_phone(live_server, held_conversation, review_page):
    page = review_page(f"{live_server.url}/review", viewport={"width": 390, "height": 844})
    expect(page.locator(f"tr[data-session='{held_conversation['session']}']")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("window.__cspViolations") == []
