"""Logs are structured JSON with request and session ids; card numbers, e-mails, phone numbers and secrets never
reach a log line or an error body."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from agent.contract import TurnRequest
from api.app import create_app
from core.logging import JsonFormatter, redact, request_id_var, session_id_var
from core.settings import Settings
from tests.api.conftest import LOOPBACK_CLIENT
from tests.api.doubles import ScriptedAgent, ScriptedVoice

CARD = "4111 1111 1111 1111"
CARD_DIGITS = "4111111111111111"
EMAIL = "maria.lopez+shop@example.com"
PHONE = "+34 612 345 678"
API_KEY = "k3y-that-must-never-be-logged-9f8e7d"
DB_PASSWORD = "db-pa55word-never-logged"


class JsonLines:
    """Every log record of the process, formatted by the real JsonFormatter, as parsed JSON objects."""

    def __init__(self) -> None:
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(JsonFormatter())

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def entries(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]


@pytest.fixture
def json_logs() -> Iterator[JsonLines]:
    lines = JsonLines()
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(lines.handler)
    root.setLevel(logging.INFO)
    try:
        yield lines
    finally:
        root.removeHandler(lines.handler)
        root.setLevel(previous_level)


def format_record(message: str, *args: object, exc: BaseException | None = None, **extra: object) -> dict:
    record = logging.LogRecord("apitap.test", logging.INFO, __file__, 1, message, args,
                               (type(exc), exc, exc.__traceback__) if exc else None)
    record.__dict__.update(extra)
    return json.loads(JsonFormatter().format(record))


def assert_no_personal_data(text: str) -> None:
    for secret in (CARD, CARD_DIGITS, EMAIL, PHONE, "612 345 678", API_KEY, DB_PASSWORD):
        assert secret not in text, f"{secret!r} reached the output"


@pytest.mark.parametrize(("raw", "marker"), [
    (f"card {CARD} declined", "[card]"),
    ("card 4111-1111-1111-1111 declined", "[card]"),
    (f"card {CARD_DIGITS} declined", "[card]"),
    ("amex 3782 822463 10005", "[card]"),
    (f"write to {EMAIL} please", "[email]"),
    ("escribe a JOSE@Correo.Example.ES", "[email]"),
    (f"call {PHONE}", "[phone]"),
    ("llama al (555) 123-4567", "[phone]"),
    ("call 555.123.4567 now", "[phone]"),
])
def test_redact_masks_cards_emails_and_phones(raw: str, marker: str) -> None:
    masked = redact(raw)
    assert marker in masked
    assert not any(ch.isdigit() for ch in masked) if marker != "[email]" else "@" not in masked


@pytest.mark.parametrize("harmless", ["order 1042 has shipped", "total 59.90 EUR", "postal code 28013",
                                      "tracking 1Z00000000336", "2 items, 3 days"])
def test_redact_leaves_ordinary_numbers_alone(harmless: str) -> None:
    assert redact(harmless) == harmless


def test_a_log_line_is_json_with_request_and_session_ids() -> None:
    request_token, session_token = request_id_var.set("req-123"), session_id_var.set("sess-456")
    try:
        entry = format_record("turn done", status=200)
    finally:
        request_id_var.reset(request_token)
        session_id_var.reset(session_token)
    assert entry["request_id"] == "req-123" and entry["session_id"] == "sess-456"
    assert entry["msg"] == "turn done" and entry["status"] == 200
    assert {"ts", "level", "logger"} <= set(entry)


def test_personal_data_is_redacted_in_the_message_its_arguments_extras_and_tracebacks() -> None:
    try:
        raise ValueError(f"bad card {CARD} for {EMAIL}")
    except ValueError as exc:
        entry = format_record("caller said %s", f"my phone is {PHONE}", exc=exc,
                              said=f"e-mail {EMAIL}", nested={"cards": [CARD], "note": f"tel {PHONE}"})
    assert_no_personal_data(json.dumps(entry, ensure_ascii=False))
    assert "[phone]" in entry["msg"] and "[email]" in entry["said"] and "[card]" in entry["exc"]


@pytest.mark.parametrize("key", ["password", "db_password", "api_key", "x_api_key",
                                 "authorization", "openai_api_key", "token", "cvv", "card_number"])
def test_secret_fields_are_redacted_whatever_their_value(key: str) -> None:
    entry = format_record("connecting", **{key: "plain-value-without-digits"})
    assert entry[key] == "[redacted]"


def test_a_nested_secret_field_is_redacted() -> None:
    entry = format_record("config", settings={"database": {"password": DB_PASSWORD}, "api_keys": [API_KEY]})
    assert_no_personal_data(json.dumps(entry))


class ExplodingAgent(ScriptedAgent):
    """A turn that fails with an unexpected bug whose message carries personal data and a secret."""

    async def run_turn(self, request: TurnRequest):  # type: ignore[override]
        raise RuntimeError(f"bug while handling {request.text!r}")


def secured_settings(tmp_path) -> Settings:
    return Settings(
        _env_file=None, data_dir=tmp_path, api_keys=API_KEY,
        database_url=f"mysql+pymysql://apitap:{DB_PASSWORD}@127.0.0.1:1/",
    )


def test_requests_are_logged_with_their_request_id_and_without_the_api_key(tmp_path, json_logs: JsonLines) -> None:
    app = create_app(secured_settings(tmp_path), agent=ScriptedAgent(), voice=ScriptedVoice())
    with TestClient(app, client=LOOPBACK_CLIENT) as client:
        reply = client.post("/text-query", json={"text": f"my card is {CARD}, e-mail {EMAIL}", "speak": False},
                            headers={"X-API-Key": API_KEY, "X-Request-ID": "trace-me-42"})
        assert reply.status_code == 200
    request_lines = [e for e in json_logs.entries() if e.get("msg") == "request" and e.get("path") == "/text-query"]
    assert request_lines and request_lines[0]["request_id"] == "trace-me-42"
    assert reply.headers["X-Request-ID"] == "trace-me-42"
    assert_no_personal_data(json_logs.text)


def test_a_wrong_api_key_is_neither_echoed_nor_logged(tmp_path, json_logs: JsonLines) -> None:
    wrong_key = "wrong-" + API_KEY
    app = create_app(secured_settings(tmp_path), agent=ScriptedAgent(), voice=ScriptedVoice())
    with TestClient(app, client=LOOPBACK_CLIENT) as client:
        reply = client.post("/text-query", json={"text": "hi", "customer_id": 3}, headers={"X-API-Key": wrong_key})
    assert reply.status_code == 401 and reply.json()["detail"]
    assert wrong_key not in reply.text and wrong_key not in json_logs.text
    assert_no_personal_data(reply.text + json_logs.text)


def test_an_internal_error_answers_without_details_and_logs_them_redacted(tmp_path, json_logs: JsonLines) -> None:
    app = create_app(secured_settings(tmp_path), agent=ExplodingAgent(), voice=ScriptedVoice())
    with TestClient(app, client=LOOPBACK_CLIENT, raise_server_exceptions=False) as client:
        reply = client.post("/text-query", json={"text": f"card {CARD} mail {EMAIL}", "speak": False},
                            headers={"X-API-Key": API_KEY})
    assert reply.status_code == 500
    body = reply.json()
    assert body["detail"] == "Internal error" and body["request_id"]
    assert_no_personal_data(reply.text)
    errors = [e for e in json_logs.entries() if e.get("msg") == "unhandled error"]
    assert errors and errors[0]["request_id"] == body["request_id"] and "RuntimeError" in errors[0]["exc"]
    assert_no_personal_data(json_logs.text)


def test_secrets_inside_free_text_are_redacted() -> None:
    try:
        raise ConnectionError(f"cannot connect to mysql+pymysql://apitap:{DB_PASSWORD}@db:3306/ "
                              f"(api_key={API_KEY}, Authorization: Bearer {API_KEY})")
    except ConnectionError as exc:
        entry = format_record("database down: %s", str(exc), exc=exc)
    assert_no_personal_data(json.dumps(entry))


def test_health_and_api_info_never_show_the_database_password_or_keys(tmp_path) -> None:
    from agent.service import AgentService
    from tests.agent.scripted_model import ScriptedChatModel

    settings = secured_settings(tmp_path)
    agent = AgentService.from_settings(settings, chat_model=ScriptedChatModel(replies=[]))
    app = create_app(settings, agent=agent, voice=ScriptedVoice())
    with TestClient(app, client=LOOPBACK_CLIENT) as client:
        bodies = [client.get("/health").text, client.get("/api").text, client.get("/openapi.json").text]
    for body in bodies:
        assert DB_PASSWORD not in body and API_KEY not in body
    assert "database unreachable" in bodies[0]


def test_addresses_are_not_mistaken_for_phone_numbers() -> None:
    from core.logging import redact

    assert redact("listening on 127.0.0.1:8000") == "listening on 127.0.0.1:8000"
    assert redact("call 555.123.4567") == "call [phone]"
