"""Structured JSON logs with personal data redacted before anything is written."""

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
session_id_var: ContextVar[str | None] = ContextVar("session_id", default=None)

_CARD = re.compile(r"\b(?:\d[ -]?){13,19}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ().-]{7,}\d(?!\w)")
_URL_CREDENTIALS = re.compile(r"(\w+://[^:/\s@]+:)[^@\s]+@")
_NAMED_SECRET = re.compile(r"(?i)\b(password|passwd|pwd|api[_-]?key|token|secret)(\s*[=:]\s*)\S+")
_BEARER = re.compile(r"(?i)\bBearer\s+\S+")
_SECRET_KEYS = ("password", "api_key", "apikey", "secret", "token", "authorization", "cvv", "card_number")

_STANDARD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


def redact(text: str) -> str:
    """Mask credentials, card numbers, e-mail addresses and phone numbers in free text."""
    text = _URL_CREDENTIALS.sub(r"\1[redacted]@", text)
    text = _NAMED_SECRET.sub(r"\1\2[redacted]", text)
    text = _BEARER.sub("Bearer [redacted]", text)
    text = _CARD.sub("[card]", text)
    text = _EMAIL.sub("[email]", text)
    return _PHONE.sub(_phone_unless_address, text)


_IP_ADDRESS = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def _phone_unless_address(match: re.Match[str]) -> str:
    # "127.0.0.1" has the shape of a dotted phone number; an IP address is not personal data worth hiding here.
    return match.group(0) if _IP_ADDRESS.fullmatch(match.group(0).strip()) else "[phone]"


def _redact_value(key: str, value: object) -> object:
    if any(secret in key.lower() for secret in _SECRET_KEYS):
        return "[redacted]"
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_value(key, v) for v in value]
    return value


def redact_fields(value: object, key: str = "") -> object:
    """A JSON-like value as a log line holds it: secret-named fields masked, free text redacted."""
    return _redact_value(key, value)


def without_secrets(value: object) -> object:
    """A JSON-like value with only its secret-named fields masked (card number, CVV, passwords, tokens); other text
    is left as it is, for data that is masked at its source (tool results)."""
    if isinstance(value, dict):
        return {k: "[redacted]" if any(s in str(k).lower() for s in _SECRET_KEYS) else without_secrets(v)
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [without_secrets(v) for v in value]
    return value


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        if rid := request_id_var.get():
            entry["request_id"] = rid
        if sid := session_id_var.get():
            entry["session_id"] = sid
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = _redact_value(key, value)
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: str = "INFO", as_json: bool = True) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if as_json else logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "urllib3", "faster_whisper"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
