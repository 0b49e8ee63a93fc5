"""`python -m agent.llm.measure`: load time, tool-decision latency cold and with prefix reuse, decode speed and
respond-step time to first token of the embedded model, printed as one JSON object (figures from this machine)."""

from __future__ import annotations

import json
import statistics
import sys
import time
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from agent.llm.llamacpp import EmbeddedLlamaChat
from agent.llm.probe import PROBE_CASES, PROBE_RESPOND_INSTRUCTION, PROBE_SYSTEM_PROMPT, PROBE_TOOLS
from core.settings import Settings

RESPOND_RESULTS = [
    ("What's the status of order 12345?", "lookup_order", {"order_id": 12345},
     {"order_id": 12345, "status": "shipped", "carrier": "UPS", "estimated_delivery": "2026-11-27"}),
    ("¿Dónde está mi pedido 5501?", "lookup_order", {"order_id": 5501},
     {"order_id": 5501, "status": "processing", "estimated_delivery": "2026-12-02"}),
    ("Do you have wireless headphones?", "find_products", {"query": "wireless headphones"},
     {"products": [{"name": "SoundMax BT-200", "price": 59.9, "in_stock": True}]}),
    ("¿Cuál es la política de envíos?", "shop_policy", {"topic": "shipping", "language": "es"},
     {"topic": "shipping", "text": "Envío gratis en pedidos de más de 50 euros; entrega en 3 a 5 días laborables."}),
]


def run(settings: Settings | None = None) -> dict[str, Any]:
    # A slow run should report slow figures, not stop: the timeout is lifted for measuring.
    settings = (settings or Settings()).model_copy(update={"llm_timeout_s": 3600.0})
    chat = EmbeddedLlamaChat.from_settings(settings)
    started = time.perf_counter()
    model = chat.load()
    load_s = time.perf_counter() - started
    bound = chat.bind_tools(PROBE_TOOLS)

    model.llama.reset()  # the first decision reads the whole prompt, as after a restart
    cold = _timed(lambda: bound.invoke([SystemMessage(PROBE_SYSTEM_PROMPT), HumanMessage(PROBE_CASES[0].text)]))
    warm, right, details = [], 0, []
    for case in PROBE_CASES:
        seconds, message = _timed(lambda case=case: bound.invoke(
            [SystemMessage(PROBE_SYSTEM_PROMPT), HumanMessage(case.text)]))
        warm.append(seconds)
        right += case.judge(message.tool_calls)
        details.append({"text": case.text, "calls": [[c["name"], c["args"]] for c in message.tool_calls],
                        "right": case.judge(message.tool_calls), "s": round(seconds, 2),
                        "reused_tokens": message.response_metadata["reused_prompt_tokens"],
                        "prompt_tokens": message.response_metadata["prompt_tokens"]})

    respond = chat.bind_tools(PROBE_TOOLS, tool_choice="none")
    first_token, answers, decode_rates = [], [], []
    for question, name, args, result in RESPOND_RESULTS:
        conversation = [SystemMessage(PROBE_SYSTEM_PROMPT), HumanMessage(question)]
        bound.invoke(conversation)  # the call step, so the cache holds what a real turn leaves there
        conversation += [AIMessage("", tool_calls=[{"name": name, "args": args, "id": "call_1"}]),
                         ToolMessage(json.dumps(result, ensure_ascii=False), tool_call_id="call_1"),
                         SystemMessage(PROBE_RESPOND_INSTRUCTION)]
        began, first, text, last = time.perf_counter(), None, "", None
        for chunk in respond.stream(conversation):
            if chunk.content and first is None:
                first = time.perf_counter() - began
            text += chunk.content
            last = chunk
        total = time.perf_counter() - began
        tokens = last.response_metadata["completion_tokens"] if last else 0
        first_token.append(first or total)
        if tokens > 1 and first is not None and total > first:
            decode_rates.append((tokens - 1) / (total - first))
        answers.append(text)

    return {
        "model": chat.model_name,
        "threads": chat.threads,
        "load_s": round(load_s, 2),
        "tool_decision_cold_s": round(cold[0], 2),
        "tool_decision_prefix_reused_s": _summary(warm),
        "tool_probe_right": f"{right}/{len(PROBE_CASES)}",
        "respond_first_token_s": _summary(first_token),
        "decode_tokens_per_s": round(statistics.median(decode_rates), 1) if decode_rates else None,
        "probe": details,
        "respond_answers": answers,
    }


def _timed(call: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    result = call()
    return time.perf_counter() - began, result


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 2), "max": round(ordered[-1], 2), "n": len(ordered)}


if __name__ == "__main__":
    json.dump(run(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
