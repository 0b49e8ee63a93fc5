"""`/docs` (Swagger UI) and `/redoc` render the API's operations in real headless Chromium with no network beyond
this server: every asset comes from the packaged copies, and the Content-Security-Policy blocks nothing they need.
The chat page works under its (stricter) policy too.

The server is the real app under uvicorn on loopback, around the scripted doubles: the pages, not the models, are
what is tested here."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from api.app import create_app
from core.settings import Settings
from tests.api.doubles import ScriptedAgent, ScriptedVoice
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP
from tests.security.live_server import serve

pytestmark = pytest.mark.browser

# Name resolution fails for every host but loopback, as on a machine with no network.
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
# ReDoc's bundle always renders Redocly's logo from their CDN and hides it when it fails to load: the policy refuses
# it (so nothing leaves the machine) and the page shows no broken image. The one refusal these tests expect.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory) -> Iterator[str]:
    settings = Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("docs-server"))
    with serve(create_app(settings, agent=ScriptedAgent(), voice=ScriptedVoice())) as url:
        yield url


@pytest.fixture
def offline_page(playwright_driver, docs_server):
    """A page in Chromium that can reach only the docs server; `page.foreign_requests` lists anything else it
    asked for (all refused)."""
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=OFFLINE_ARGS)
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.foreign_requests = []
    page.console_errors = []
    server_host = urlsplit(docs_server).netloc

    def only_this_server(route, request) -> None:
        if urlsplit(request.url).netloc == server_host or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            page.foreign_requests.append(request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    browser.close()


def operation_paths(client_openapi: dict) -> set[str]:
    return set(client_openapi["paths"])


def test_swagger_ui_renders_every_operation_offline(offline_page, docs_server, screenshot):
    page = offline_page
    page.goto(docs_server + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    shown = {element.get_attribute("data-path") or element.inner_text().strip()
             for element in page.query_selector_all(".opblock-summary-path")}
    screenshot(page, "docs-swagger-offline")
    openapi = page.evaluate("fetch('/openapi.json').then((reply) => reply.json())")
    assert {"/text-query", "/text-query/stream", "/process-voice", "/health"} <= shown
    assert shown == operation_paths(openapi)
    assert page.title() == "Apitap API – Swagger UI"
    assert page.foreign_requests == []
    assert page.evaluate("window.__cspViolations") == []
    assert page.console_errors == []


def test_swagger_ui_try_it_out_calls_the_api(offline_page, docs_server):
    page = offline_page
    page.goto(docs_server + "/docs#/service/health_health_get")
    page.wait_for_selector("#operations-service-health_health_get .opblock-summary", timeout=30_000)
    section = page.locator("#operations-service-health_health_get")
    if not section.locator(".try-out__btn").is_visible():
        section.locator(".opblock-summary").click()
    section.locator(".try-out__btn").click()
    section.locator(".execute").click()
    answer = section.locator(".live-responses-table .response .response-col_status").first
    answer.wait_for(timeout=30_000)
    status = answer.inner_text().strip()
    assert status == "200"
    assert page.evaluate("window.__cspViolations") == []


def test_redoc_renders_the_operations_offline(offline_page, docs_server, screenshot):
    page = offline_page
    page.goto(docs_server + "/redoc")
    page.wait_for_selector("h2:has-text('Text Query Stream')", timeout=60_000)
    screenshot(page, "docs-redoc-offline")
    headings = {text.strip() for text in page.locator("h2").all_inner_texts()}
    assert {"Text Query", "Text Query Stream", "Process Voice", "Health"} <= headings
    assert page.title() == "Apitap API – ReDoc"
    assert page.foreign_requests == []
    assert set(page.evaluate("window.__cspViolations")) <= {f"img-src {REDOC_LOGO}"}
    assert [error for error in page.console_errors if REDOC_LOGO not in error] == []
    assert page.locator(f"img[src='{REDOC_LOGO}']").count() == 0, "the refused logo must not show as a broken image"


def test_the_chat_page_works_under_its_policy(offline_page, docs_server):
    page = offline_page
    page.goto(docs_server + "/")
    page.wait_for_function("window.__apitap && window.__apitap.connected === true", timeout=30_000)
    assert page.evaluate("window.__cspViolations") == []
    assert page.foreign_requests == []
