"""The agent's state machine.

    START → call_model ──(tool calls)──→ run_tools ──(someone was just verified, within the step budget)──→ call_model
                │                                   └──(otherwise)──→ respond → END
                └──(a direct answer: greeting, question back, refusal)──→ finish → END

`call_model` makes the model pick one of the tools or the `reply` pseudo-tool (a direct answer); `respond` reads the
built-in tools' results out from fixed sentences (agent/answers.py), or has the model write the answer without
offering tools (a small model offered tools again tends to repeat the call) and streams it token by token.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from time import perf_counter
from typing import Any, Literal

from langchain_core.messages import (
    AIMessage,
    AnyMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError

from agent.answers import answer_from_results
from agent.context import AgentContext
from agent.grounding import (
    GROUNDED_ARGUMENTS,
    LOOKUPS_BY_ORDER,
    ORDER_IDENTIFIERS,
    POLICY_TOOL,
    PRODUCT_TOOL,
    RE_ASK_HINTS,
    RE_ASK_WHEN_UNHEARD,
    RECENT_ORDERS_TOOL,
    SEARCH_TOOL,
    VERIFY_TOOL,
    asks_about_changing,
    asks_for_what_is_in_stock,
    dictated_tool_names,
    mentions_an_order,
    offers_proof,
    policy_topics_asked,
    speaks_of_their_own,
    squeeze,
    touches_the_shop,
    verification_without_proof,
    was_heard,
    with_spoken_numbers_as_digits,
)
from agent.llm import bind_tools_choosing_among, recover_tool_calls
from agent.prompts import (
    ANSWER_NOW,
    ASK_FOR_DETAIL,
    COULD_NOT_ANSWER,
    DATABASE_UNAVAILABLE,
    DETAIL_NAMES,
    DIRECT_REPLY_TOOL,
    HOW_CAN_I_HELP,
    INVALID_TOOL_CALL,
    NOT_SHAREABLE,
    SPANISH_STATUS_NAMES,
    SYSTEM_PROMPT,
    VERIFY_FIRST,
    caller_note,
)
from agent.speech_text import (
    reveals_instructions,
    speakable,
    strip_security_codes,
    strip_unseen_card_numbers,
)
from agent.state import AgentState
from tools.context import ToolContext
from tools.errors import ToolError, invalid_argument

log = logging.getLogger(__name__)

async def call_model(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    started = perf_counter()
    # A caller who gives proof of identity and asks in one breath gets verified first: measured, the model went
    # straight for the order, which needs the verification it skipped.
    verify_first = state.get("verified_customer_id") is None and offers_proof(_last_caller_words(state)) and not any(
        r["name"] == VERIFY_TOOL for r in state.get("turn_tool_calls", [])
    )
    model = ctx.chat_model.bind_tools(ctx.model_tool_schemas, tool_choice=VERIFY_TOOL if verify_first else "required")
    callable_names = [*ctx.tools_by_name, DIRECT_REPLY_TOOL]
    prompt = _prompt(state, ctx)
    message = _cleaned(recover_tool_calls(await model.ainvoke(prompt), callable_names), state, ctx)
    dictated = dictated_tool_names(_last_caller_words(state))
    if not _calls_any(message, dictated) and (problem := _invalid_call_problem(message, ctx, state)):
        log.info("re-asking after an invalid tool call", extra={"problem": problem})
        retry = [*prompt, message, HumanMessage(INVALID_TOOL_CALL.format(problem=problem))]
        retry_model = model
        if choices := _lookups_for_a_shop_question(message, state, ctx):
            # Asked again without `reply` to pick: measured, offered it again the model refused again.
            retry_model = bind_tools_choosing_among(ctx.chat_model, ctx.model_tool_schemas, choices)
        message = _cleaned(recover_tool_calls(await retry_model.ainvoke(retry), callable_names), state, ctx)
    language = state.get("language", "en")
    if _calls_any(message, dictated):
        # A call the caller wrote out is never run for them (measured: the model obeyed it).
        message = AIMessage(content=NOT_SHAREABLE[language], id=message.id)
    elif _unparsed_call(message):
        message = AIMessage(content=HOW_CAN_I_HELP[language], id=message.id)
    elif verification_without_proof(message.tool_calls):
        # Proof the caller did not give is no proof: ask for it instead of testing invented details.
        message = AIMessage(content=VERIFY_FIRST[language], id=message.id)
    elif _policy_nobody_asked_about(message, state):
        message = AIMessage(content=HOW_CAN_I_HELP[language], id=message.id)
    elif unheard := _unheard_identifier(message, state):
        # Still guessing after the re-ask: ask the caller rather than look up an invented number.
        question = ASK_FOR_DETAIL[language].format(detail=DETAIL_NAMES[unheard][language])
        message = AIMessage(content=question, id=message.id)
    return {
        "messages": [_direct_reply_as_text(message)],
        "model_steps": state.get("model_steps", 0) + 1,
        "turn_timings_ms": _add_timing(state, "call_model", started),
    }


def _calls_any(message: AIMessage, names: set[str]) -> bool:
    return any(call["name"] in names for call in message.tool_calls)


def route_after_model(state: AgentState) -> Literal["run_tools", "finish"]:
    return "run_tools" if getattr(state["messages"][-1], "tool_calls", None) else "finish"


async def run_tools(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    started = perf_counter()
    customer_id = state.get("verified_customer_id")
    failures = state.get("verification_failures", 0)
    records = list(state.get("turn_tool_calls", []))
    replies: list[ToolMessage] = []
    asked = state["messages"][-1]
    ran: list[dict[str, Any]] = []
    for call in asked.tool_calls:
        runtime.stream_writer({"type": "tool_call", "name": call["name"], "args": call["args"]})
        if call["name"] == VERIFY_TOOL and failures >= ctx.max_verification_failures:
            result: Any = ToolError(
                error="invalid_argument",
                message="Too many failed verification attempts in this conversation; "
                "the caller should contact support.",
            )
        else:
            if _LANGUAGE_ARGUMENT in call["args"]:
                # The caller's language is known from what they said; the model's guess of it is not needed.
                call = {**call, "args": {**call["args"], "language": state.get("language", "en")}}
            tool_ctx = ToolContext(ctx.db, customer_id, state.get("language", "en"))
            result = await _execute(ctx, call, tool_ctx)
            if search := _search_for_a_product_name(call, result, ctx):
                call = _with_the_stock_filter_asked_for(search, state)
                runtime.stream_writer({"type": "tool_call", "name": call["name"], "args": call["args"]})
                result = await _execute(ctx, call, tool_ctx)
        ran.append(call)
        if call["name"] == VERIFY_TOOL and not isinstance(result, ToolError):
            if getattr(result, "verified", False):
                customer_id = result.customer_id
            else:
                failures += 1
        seen_by_model = result.model_dump(mode="json")
        records.append({"name": call["name"], "args": call["args"], "result": seen_by_model})
        replies.append(
            ToolMessage(
                # Compact and without empty fields: every token here is read before the answer's first word.
                content=json.dumps(_without_nulls(seen_by_model), ensure_ascii=False, separators=(",", ":")),
                tool_call_id=call["id"],
                name=call["name"],
            )
        )
    if ran != asked.tool_calls:
        # History shows the calls that answered, so the next turn's model reads a consistent exchange.
        replies.insert(0, AIMessage(content=asked.content, tool_calls=ran, id=asked.id))
    return {
        "messages": replies,
        "verified_customer_id": customer_id,
        "verification_failures": failures,
        "turn_tool_calls": records,
        "turn_timings_ms": _add_timing(state, "tools", started),
    }


def _search_for_a_product_name(call: dict[str, Any], result: Any, ctx: AgentContext) -> dict[str, Any] | None:
    """get_product by a name that names no single product is answered by the search for that name: the caller hears
    the matching products, or that there are none. Measured: handed "several match", the model told a caller asking
    "which smart TVs do you have?" that there were none; and it sent "eh oiga tienen bocinas bluetooth" (do you have
    bluetooth speakers?) to get_product, whose not-found answered a question about a kind of product."""
    name = call["args"].get("name")
    unmatched = isinstance(result, ToolError) and result.error in {"invalid_argument", "not_found"} and name
    if call["name"] != PRODUCT_TOOL or not unmatched or call["args"].get("product_id") is not None:
        return None
    if SEARCH_TOOL not in ctx.tools_by_name:
        return None
    return {**call, "name": SEARCH_TOOL, "args": {"query": name}}


def route_after_tools(state: AgentState, runtime: Runtime[AgentContext]) -> Literal["call_model", "respond"]:
    """Go back to the model only when a verification just succeeded: the caller's real question is still open."""
    last_ai = next(m for m in reversed(state["messages"]) if isinstance(m, AIMessage))
    names = {call["name"] for call in last_ai.tool_calls}
    just_results = state.get("turn_tool_calls", [])[-len(last_ai.tool_calls):]
    verified_now = any(r["name"] == VERIFY_TOOL and r["result"].get("verified") for r in just_results)
    blocked = any(r["result"].get("error") == "verification_required" for r in just_results)
    within_budget = state.get("model_steps", 0) < runtime.context.max_tool_steps
    if verified_now and within_budget and (names == {VERIFY_TOOL} or blocked):
        return "call_model"
    return "respond"


async def respond(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    language = state.get("language", "en")
    started = perf_counter()
    if _only_verification_required(state):
        runtime.stream_writer({"type": "token", "text": VERIFY_FIRST[language]})
        return {"messages": [AIMessage(VERIFY_FIRST[language])], "response": VERIFY_FIRST[language]}
    if _records_unreachable(state):
        # Nothing to say from the records: a fixed sentence in the caller's language beats a model guessing.
        runtime.stream_writer({"type": "token", "text": DATABASE_UNAVAILABLE[language]})
        return {"messages": [AIMessage(DATABASE_UNAVAILABLE[language])], "response": DATABASE_UNAVAILABLE[language]}
    if ctx.answers_from_templates and (answer := _answer_from_templates(state, ctx)):
        runtime.stream_writer({"type": "token", "text": answer})
        timings = _add_timing(state, "respond", started)
        return {"messages": [AIMessage(content=answer)], "response": answer, "turn_timings_ms": timings}
    model = ctx.chat_model.bind_tools(ctx.model_tool_schemas, tool_choice="none")
    instruction = ANSWER_NOW[language]
    if language == "es" and any("status" in r["result"] for r in state.get("turn_tool_calls", [])):
        instruction += SPANISH_STATUS_NAMES
    prompt = [*_prompt(state, ctx), HumanMessage(instruction)]
    parts: list[str] = []
    first_token_ms: float | None = None
    async for chunk in model.astream(prompt):
        text = chunk.content if isinstance(chunk.content, str) else ""
        if not text:
            continue
        if first_token_ms is None:
            first_token_ms = (perf_counter() - started) * 1000
        parts.append(text)
        runtime.stream_writer({"type": "token", "text": text})
    response = _final_text("".join(parts), state, ctx)
    timings = _add_timing(state, "respond", started)
    if first_token_ms is not None:
        timings["respond_first_token"] = round(first_token_ms, 1)
    return {"messages": [AIMessage(content=response)], "response": response, "turn_timings_ms": timings}


async def finish(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """The model answered directly (greeting, clarifying question, refusal): speak what it wrote."""
    last = state["messages"][-1]
    said = _first_sentences(last.content if isinstance(last.content, str) else "", MAX_REPLY_SENTENCES)
    response = _with_an_open_question(_final_text(said, state, runtime.context), state)
    runtime.stream_writer({"type": "token", "text": response})
    return {"messages": [AIMessage(id=last.id, content=response)], "response": response}


# --- helpers ------------------------------------------------------------------------------------------------------


def _prompt(state: AgentState, ctx: AgentContext) -> list[BaseMessage]:
    history = _recent_history(state["messages"], ctx.max_history_messages)
    verified = state.get("verified_customer_id") is not None
    note = caller_note(state.get("language", "en"), verified, _order_in_focus(state) if verified else None)
    last_human = max((i for i, m in enumerate(history) if isinstance(m, HumanMessage)), default=None)
    if last_human is not None:
        original = history[last_human]
        history[last_human] = HumanMessage(content=f"{note} {original.content}", id=original.id)
    return [SystemMessage(SYSTEM_PROMPT), *history]


def _order_in_focus(state: AgentState) -> int | None:
    """The order the caller's records were last looked up by. Measured: asked "¿Qué productos tenía?" (what was in
    it?) after a look at order 16, the model searched the catalogue for T-shirts."""
    for message in reversed(state["messages"]):
        if isinstance(message, ToolMessage) and message.name in LOOKUPS_BY_ORDER:
            found = re.search(r'"order_id":(\d+)', str(message.content))
            if found:
                return int(found.group(1))
    return None


def _recent_history(messages: list[AnyMessage], limit: int) -> list[AnyMessage]:
    """The last `limit` messages, starting at a caller message so no tool result is cut from its call."""
    window = list(messages[-limit:])
    while window and not isinstance(window[0], HumanMessage):
        window.pop(0)
    return window or [m for m in messages if isinstance(m, HumanMessage)][-1:]


def _direct_reply_as_text(message: AIMessage) -> AIMessage:
    """The `reply` pseudo-tool is how the model answers without a tool: keep it as a plain answer in history."""
    real_calls = [call for call in message.tool_calls if call["name"] != DIRECT_REPLY_TOOL]
    if real_calls:
        return message if len(real_calls) == len(message.tool_calls) else AIMessage(
            content="", tool_calls=real_calls, id=message.id
        )
    said = " ".join(str(call["args"].get("text", "")) for call in message.tool_calls)
    return AIMessage(content=said or message.content, id=message.id)


def _heard(state: AgentState) -> str:
    """Everything the caller said and the tools returned in this conversation, squeezed for substring checks, once as
    written and once with number words as digits (speech recognition writes "order three")."""
    spoken = " ".join(str(m.content) for m in state["messages"] if isinstance(m, HumanMessage | ToolMessage))
    return squeeze(spoken) + "\n" + squeeze(with_spoken_numbers_as_digits(spoken))


def _cleaned(message: AIMessage, state: AgentState, ctx: AgentContext) -> AIMessage:
    """What the graph corrects in a call without asking the model again (the rest `_invalid_call_problem` finds)."""
    message = _with_calls(message, [_without_stray_arguments(call, ctx) for call in message.tool_calls])
    message = _recent_orders_for_an_unnamed_order(message, state, ctx)
    message = _without_unheard_identifiers(message, state, ctx)
    message = _in_stock_only_when_asked(message, state)
    return _policy_topic_from_the_callers_words(message, state)


def _with_calls(message: AIMessage, calls: list[dict[str, Any]]) -> AIMessage:
    if calls == message.tool_calls:
        return message
    return AIMessage(content=message.content, tool_calls=calls, id=message.id)


def _without_unheard_identifiers(message: AIMessage, state: AgentState, ctx: AgentContext) -> AIMessage:
    """Drop optional identifier arguments nobody said, except those worth asking about again
    (`RE_ASK_WHEN_UNHEARD`). Required ones stay too: `_invalid_call_problem` re-asks about them."""
    heard = _heard(state)
    calls = []
    for call in message.tool_calls:
        tool = ctx.tools_by_name.get(call["name"])
        required = set(tool.json_schema().get("required", [])) if tool else set()
        args = {
            name: value
            for name, value in call["args"].items()
            if name in required
            or name in RE_ASK_WHEN_UNHEARD
            or name not in GROUNDED_ARGUMENTS
            or value is None
            or was_heard(name, value, heard)
        }
        calls.append({**call, "args": args})
    return _with_calls(message, calls)


def _in_stock_only_when_asked(message: AIMessage, state: AgentState) -> AIMessage:
    return _with_calls(message, [_with_the_stock_filter_asked_for(call, state) for call in message.tool_calls])


def _with_the_stock_filter_asked_for(call: dict[str, Any], state: AgentState) -> dict[str, Any]:
    """A search for a caller who asks what is in stock lists only what is. Measured: for "Which smart TVs do you have
    in stock right now?" the model left the filter out."""
    if call["name"] != SEARCH_TOOL or not asks_for_what_is_in_stock(_last_caller_words(state)):
        return call
    return {**call, "args": {**call["args"], "in_stock_only": True}}


RECENT_ORDERS_READ_OUT = 3  # each one is a date, a status and an amount, read aloud


def _recent_orders_for_an_unnamed_order(message: AIMessage, state: AgentState, ctx: AgentContext) -> AIMessage:
    """A verified caller who asks about "my order" and says no number hears their recent orders. Measured: the model
    filled in an order number nobody said, and asking back costs a turn the caller's own order list answers. (A
    number the caller said but the model garbled is re-asked instead, and so is a guess for words about no order,
    such as "is it available?".)"""
    if state.get("verified_customer_id") is None or RECENT_ORDERS_TOOL not in ctx.tools_by_name:
        return message
    said = _last_caller_words(state)
    if not mentions_an_order(said) or re.search(r"\d", with_spoken_numbers_as_digits(said)):
        return message
    heard = _heard(state)
    calls = []
    for call in message.tool_calls:
        named = [arg for arg in ORDER_IDENTIFIERS if call["args"].get(arg) is not None]
        if call["name"] in LOOKUPS_BY_ORDER and not any(was_heard(arg, call["args"][arg], heard) for arg in named):
            call = {**call, "name": RECENT_ORDERS_TOOL, "args": {"limit": RECENT_ORDERS_READ_OUT}}
        if not any(c["name"] == call["name"] and c["args"] == call["args"] for c in calls):
            calls.append(call)
    return _with_calls(message, calls)


def _unheard_identifier(message: AIMessage, state: AgentState) -> str | None:
    heard = _heard(state)
    for call in message.tool_calls:
        for name in sorted(GROUNDED_ARGUMENTS & set(call["args"])):
            value = call["args"][name]
            if value is not None and not was_heard(name, value, heard):
                return name
    return None


# JSON-Schema words the model sometimes copies from a tool's description into the call's arguments.
_SCHEMA_WORDS = frozenset({"type", "properties", "required", "description", "title"})
_LANGUAGE_ARGUMENT = "language"


def _without_stray_arguments(call: dict[str, Any], ctx: AgentContext) -> dict[str, Any]:
    """Without schema words, and without arguments the tool does not take that say nothing: an empty one, or the
    caller's language, known from what they said. Measured: search_products(language="es") and
    get_customer_profile(city=null), each refused as invalid and then answered with a refusal."""
    tool = ctx.tools_by_name.get(call["name"])
    taken = tool.args_model.model_fields if tool is not None else None

    def stray(name: str, value: Any) -> bool:
        says_nothing = value is None or name == _LANGUAGE_ARGUMENT
        return name in _SCHEMA_WORDS or (taken is not None and name not in taken and says_nothing)

    return {**call, "args": {k: v for k, v in call["args"].items() if not stray(k, v)}}


MAX_REPLY_SENTENCES = 3
"""A direct answer is cut here: measured, the 1.5B model sometimes repeats a question until its token budget ends."""


def _first_sentences(text: str, limit: int) -> str:
    sentences = re.findall(r"\S.*?(?:[.!?…]+(?=\s|$)|$)", text.strip(), flags=re.DOTALL)
    return " ".join(sentences[:limit])


_CLOSING_WORDS = re.compile(
    r"\b(thanks?|thank you|bye|goodbye|good night|see you|that'?s (all|it)|that is all|nothing else|gracias|adi[oó]s"
    r"|hasta (luego|pronto|ma[nñ]ana)|chao|nada m[aá]s|eso es todo|es todo|buenas noches)\b",
    re.IGNORECASE,
)


def _with_an_open_question(answer: str, state: AgentState) -> str:
    """A direct answer that asks nothing ends with an offer of help, unless the caller is saying goodbye. Measured:
    the 1.5B model met vague requests ("I have a problem", "I want to change something") with a bare refusal, which
    leaves a caller on the phone with nowhere to go."""
    if "?" in answer or _CLOSING_WORDS.search(_last_caller_words(state)):
        return answer
    return f"{answer} {HOW_CAN_I_HELP[state.get('language', 'en')]}"


def _last_caller_words(state: AgentState) -> str:
    return next((str(m.content) for m in reversed(state["messages"]) if isinstance(m, HumanMessage)), "")


def _policy_topic_from_the_callers_words(message: AIMessage, state: AgentState) -> AIMessage:
    """A get_policy topic the caller's words do not touch is replaced by the one they touch most, if any."""
    asked = policy_topics_asked(_last_caller_words(state))
    calls = [
        {**call, "args": {**call["args"], "topic": asked[0]}}
        if call["name"] == POLICY_TOOL and asked and call["args"].get("topic") not in asked
        else call
        for call in message.tool_calls
    ]
    return _with_calls(message, calls)


def _policy_nobody_asked_about(message: AIMessage, state: AgentState) -> bool:
    return any(call["name"] == POLICY_TOOL for call in message.tool_calls) and not policy_topics_asked(
        _last_caller_words(state)
    )


def _refuses_a_shop_question(message: AIMessage, state: AgentState) -> bool:
    """A direct reply that asks nothing to words about the catalogue or a policy: a refusal of what the shop does."""
    if any(call["name"] != DIRECT_REPLY_TOOL for call in message.tool_calls):
        return False
    said = _last_caller_words(state)
    reply = _direct_reply_as_text(message).content
    return "?" not in str(reply) and touches_the_shop(said) and not _CLOSING_WORDS.search(said)


def _records_nobody_asked_about(message: AIMessage, state: AgentState, ctx: AgentContext) -> bool:
    """A first step towards the caller's records (a customer-only lookup, or verification) for words that speak of
    nothing of theirs, in a conversation that has not been about their records. Measured: "Do you take PayPal?" went
    to list_payment_methods, "tienen telefonos smartfon baratos" (cheap phones?) to verify_customer, and "What is
    Amazon's phone number?" to get_customer_profile; each caller was asked to prove their identity. A question about
    changing something (how to, or whether one can) is answered by how the shop works, since nothing can be changed
    here: "How do I change the e-mail on my account?" went to get_customer_profile, and "si ya hice un pedido lo
    puedo cancelar" to get_order_status with an invented order number."""
    said = _last_caller_words(state)
    if not any(_opens_records(call["name"], ctx) for call in message.tool_calls):
        return False
    if asks_about_changing(said):
        return True
    return not speaks_of_their_own(said) and not any(
        isinstance(m, ToolMessage) and _opens_records(str(m.name), ctx) for m in state["messages"]
    )


def _opens_records(tool_name: str, ctx: AgentContext) -> bool:
    tool = ctx.tools_by_name.get(tool_name)
    return tool_name == VERIFY_TOOL or (tool is not None and tool.requires_customer)


def _lookups_for_a_shop_question(message: AIMessage, state: AgentState, ctx: AgentContext) -> list[str]:
    """The tools a re-ask must choose among when the model refused a question about the shop, or picked a policy or
    the caller's records for words that are not about them (measured: asked again with every choice open, it refused
    or picked the same again). A policy is a choice only when the words touch a policy topic: any other policy call
    is not read out (`_policy_nobody_asked_about`)."""
    said = _last_caller_words(state)
    if _refuses_a_shop_question(message, state):
        choices = list(ctx.tools_by_name)
    elif _policy_nobody_asked_about(message, state) and touches_the_shop(said):
        choices = list(ctx.tools_by_name) if speaks_of_their_own(said) else _public_tools(ctx)
    elif _records_nobody_asked_about(message, state, ctx):
        if asks_about_changing(said) and POLICY_TOOL in ctx.tools_by_name:
            # Measured: offered every public tool, "Can I cancel order 16?" went to a catalogue search.
            choices = [POLICY_TOOL]
        else:
            choices = _public_tools(ctx) if touches_the_shop(said) else [*_public_tools(ctx), DIRECT_REPLY_TOOL]
    else:
        return []
    return [name for name in choices if name != POLICY_TOOL or policy_topics_asked(said)]


def _public_tools(ctx: AgentContext) -> list[str]:
    return [name for name in ctx.tools_by_name if not _opens_records(name, ctx)]


def _unparsed_call(message: AIMessage) -> bool:
    """A forced call the model wrote but not as valid JSON (e.g. `{"order_id": <order_id>}`): no call came out."""
    text = message.content if isinstance(message.content, str) else ""
    return not message.tool_calls and ('"name"' in text or "<tool_call>" in text)


_CALL_A_SHOP_TOOL = ("call the tool that fits (search_products for what the shop sells, get_product or check_stock for "
                     "a named product, get_policy for how the shop works)")


def _invalid_call_problem(message: AIMessage, ctx: AgentContext, state: AgentState) -> str | None:
    if _unparsed_call(message):
        return "the call was not valid JSON; use only values the caller said, or reply and ask for what is missing"
    if _policy_nobody_asked_about(message, state):
        return "the caller did not ask about a shop policy; use the tool that fits, or reply"
    if _records_nobody_asked_about(message, state, ctx):
        if touches_the_shop(_last_caller_words(state)):
            return "the caller asked about the shop, not about their own records; " + _CALL_A_SHOP_TOOL
        return "the caller did not ask about their own records; use the tool that fits, or reply"
    if unheard := _unheard_identifier(message, state):
        value = next(c["args"][unheard] for c in message.tool_calls if unheard in c["args"])
        hint = RE_ASK_HINTS.get(unheard, "ask the caller for it")
        return f"the caller never said {unheard} {value}; {hint}"
    for call in message.tool_calls:
        if call["name"] == DIRECT_REPLY_TOOL:
            text = call["args"].get("text")
            if not isinstance(text, str):
                return f"{DIRECT_REPLY_TOOL} needs a text argument"
            if '"arguments"' in text:
                return f"{DIRECT_REPLY_TOOL} text is said to the caller; to use a tool, call it"
            continue
        tool = ctx.tools_by_name.get(call["name"])
        if tool is None:
            return f"there is no tool named {call['name']!r}"
        try:
            tool.args_model.model_validate(call["args"] or {})
        except ValidationError as exc:
            first = exc.errors()[0]
            return f"{call['name']}: {'.'.join(map(str, first['loc'])) or 'arguments'} {first['msg']}"
    if _refuses_a_shop_question(message, state):
        return "the caller asked about the shop, which you must not refuse; " + _CALL_A_SHOP_TOOL
    return None


async def _execute(ctx: AgentContext, call: dict[str, Any], tool_ctx: ToolContext) -> Any:
    tool = ctx.tools_by_name.get(call["name"])
    if tool is None:
        return invalid_argument(f"There is no tool named {call['name']!r}.")
    try:
        return await asyncio.to_thread(tool.run, tool_ctx, call["args"])
    except DBAPIError:
        # An outage is not a bug in the tool: the model must be able to say so, and the history must stay valid.
        log.exception("database error in tool", extra={"tool": call["name"]})
        return ToolError(error="unavailable", message="The shop's records cannot be reached right now.")


def _final_text(raw: str, state: AgentState, ctx: AgentContext) -> str:
    return _guarded(speakable(raw), state, ctx) or COULD_NOT_ANSWER[state.get("language", "en")]


def _guarded(text: str, state: AgentState, ctx: AgentContext) -> str:
    """The last guards on anything spoken: no card number a tool did not return, no security code, no prompt."""
    tool_text = json.dumps([r["result"] for r in state.get("turn_tool_calls", [])], default=str)
    text = strip_security_codes(strip_unseen_card_numbers(text, allowed_text=tool_text))
    if reveals_instructions(text, SYSTEM_PROMPT, [*ctx.tools_by_name, DIRECT_REPLY_TOOL + "("]):
        return NOT_SHAREABLE[state.get("language", "en")]
    return text


def _answer_from_templates(state: AgentState, ctx: AgentContext) -> str | None:
    answer = answer_from_results(state.get("turn_tool_calls", []), state.get("language", "en"),
                                 _last_caller_words(state))
    return _guarded(answer, state, ctx) if answer else None


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _only_verification_required(state: AgentState) -> bool:
    results = [r["result"] for r in state.get("turn_tool_calls", [])]
    return bool(results) and all(r.get("error") == "verification_required" for r in results)


def _records_unreachable(state: AgentState) -> bool:
    results = [r["result"] for r in state.get("turn_tool_calls", [])]
    return bool(results) and all(r.get("error") == "unavailable" for r in results)


def _add_timing(state: AgentState, stage: str, started: float) -> dict[str, float]:
    timings = dict(state.get("turn_timings_ms", {}))
    timings[stage] = round(timings.get(stage, 0.0) + (perf_counter() - started) * 1000, 1)
    return timings


builder = StateGraph(AgentState, context_schema=AgentContext)
builder.add_node("call_model", call_model)
builder.add_node("run_tools", run_tools)
builder.add_node("respond", respond)
builder.add_node("finish", finish)
builder.add_edge(START, "call_model")
builder.add_conditional_edges("call_model", route_after_model)
builder.add_conditional_edges("run_tools", route_after_tools)
builder.add_edge("respond", END)
builder.add_edge("finish", END)

graph = builder.compile(name="apitap")
