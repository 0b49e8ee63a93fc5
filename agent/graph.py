"""The agent's state machine. Every decision is a node or an edge (LangGraph Studio draws them):

    START → understand → choose_tool → check_call ──(a valid call)──→ run_tools ──(just verified)──→ choose_tool
                              ↑            │                              └──(otherwise)──→ respond → END
                              └─(re-ask once, among fewer tools)─┤
                                           └──(an answer without tools)──→ finish → END

- understand: the turn's facts, worked out once: what was said, what has been heard, the shortlist of tools that
  fit the words (agent/routing.py, learned from the examples tools declare).
- choose_tool: the model picks one of the shortlisted tools, or `reply`, and fills its arguments.
- check_call: the safety checks, each a condition and one action: a call the caller wrote out is never run, proof
  nobody gave is asked for, an identifier nobody said is dropped or re-asked and then asked of the caller, an
  invalid call is re-asked once.
- run_tools: the calls run with the trusted identity; verification locks after repeated failures.
- respond: the tools' own spoken answers (declared on each tool), or the model words them; finish: a direct answer.
Both end in `guarded`: no card number a tool did not return, no security code, no instructions, nothing degenerate.

No tool is named here: the agent reads what tools declare (tools/registry.py), so a plugin gets the same treatment.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from functools import lru_cache
from time import perf_counter
from typing import Annotated, Any, Literal

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
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy.exc import DBAPIError

from agent.answers import answer_from_results
from agent.context import AgentContext
from agent.grounding import (
    Heard,
    complete_proof,
    dictated_tool_names,
    heard_in,
    offers_proof,
    says_any,
    unheard_identifiers,
    written_out,
)
from agent.llm import bind_tools_choosing_among, recover_tool_calls
from agent.mentions import named_values
from agent.numbers import number_tokens, without_quantities
from agent.prompts import (
    ANSWER_NOW,
    ASK_FOR_DETAIL,
    COULD_NOT_ANSWER,
    DATABASE_UNAVAILABLE,
    DIRECT_REPLY_TOOL,
    HOW_CAN_I_HELP,
    INVALID_TOOL_CALL,
    NOT_SHAREABLE,
    VERIFY_FIRST,
    WHICH_ONE,
    caller_note,
    detail_name,
    status_names_note,
)
from agent.routing import REPLY, route
from agent.speech_text import (
    is_degenerate,
    reveals_instructions,
    speakable,
    strip_security_codes,
    strip_unseen_card_numbers,
)
from agent.state import AgentState
from core import i18n, tracing
from tools.context import ToolContext
from tools.errors import ToolError, invalid_argument
from tools.registry import Tool

log = logging.getLogger(__name__)

MAX_REASKS = 1
MAX_REPLY_SENTENCES = 3
"""A direct answer is cut here: measured, the 1.5B model sometimes repeats a question until its token budget ends."""
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# --- nodes --------------------------------------------------------------------------------------------------------


async def understand(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """The turn's facts, worked out once: the caller's words, and which tools fit them."""
    ctx = runtime.context
    said = _last_caller_words(state)
    ranking = route(ctx.tools, said)
    # A follow-up ("and when will it arrive?") leans on the last lookup, which the words alone do not name; when the
    # words are no clear request of their own, any tool keyed like that lookup may answer about the same record.
    previous = _last_lookups(state)
    best_tool = max((p for label, p in zip(ranking.labels, ranking.probabilities, strict=True) if label != REPLY),
                    default=0.0)
    if best_tool < ctx.follow_up_below:
        keys = {key for name in previous if (tool := ctx.tools_by_name.get(name)) for key in tool.keyed_by}
        previous += [t.name for t in ctx.tools if keys & set(t.keyed_by)]
    verifier = ctx.identity_verifier
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    proof_offered = verifier is not None and state.get("verified_customer_id") is None and offers_proof(
        said, language)
    named = await asyncio.to_thread(named_values, ctx.tools, ToolContext(ctx.db, language=language), said)
    return {
        "turn_facts": {
            "said": said,
            "ranking": [[label, round(p, 4)] for label, p in zip(ranking.labels, ranking.probabilities, strict=True)],
            "follow_up": list(dict.fromkeys(previous)),
            "verify_first": proof_offered,
            "named": named,
        },
        "reasks": 0,
        "refused": False,
        "refusal_asked": False,
        "problem": None,
        "unheard_in": None,
        "unheard_key": None,
        "listed_for_one": False,
    }


async def choose_tool(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """The model picks one of the shortlisted tools or `reply` and fills the arguments."""
    ctx = runtime.context
    started = perf_counter()
    facts = state["turn_facts"]
    prompt = _prompt(state, ctx)
    verifier = ctx.identity_verifier
    first_verify = facts["verify_first"] and not any(
        r["name"] == verifier.name for r in state.get("turn_tool_calls", [])) if verifier else False
    if first_verify:
        # A caller who gives proof and asks in one breath is verified first: measured, the model went straight for
        # the records, which need the verification it skipped.
        model = ctx.chat_model.bind_tools(ctx.model_tool_schemas, tool_choice=verifier.name)
        offered = [verifier.name]
    else:
        offered = _choices(state, ctx)
        if state.get("refused"):
            # Declined what the router ranked a tool first for: asked once more, the same words, among the tools.
            offered = [name for name in offered if name != DIRECT_REPLY_TOOL]
        model = bind_tools_choosing_among(ctx.chat_model, ctx.model_tool_schemas, offered)
        confirmed = ctx.tools_by_name.get(offered[0]) if len(offered) == 1 else None
        if state.get("problem") and state.get("unheard_in") in offered:
            # Re-asked after naming an identifier nobody said: the same lookup, by a key the caller can have said
            # (measured: "How much are the Lumen Over-Ear Headphones M92?" got product_id 92 twice).
            confirmed = ctx.tools_by_name[state["unheard_in"]]
        unheard_key = state.get("unheard_key") if state.get("problem") else None
        if confirmed is not None and getattr(ctx.chat_model, "holds_tool_names", False) and (
                first := _opening_argument(confirmed, state, unheard_key)):
            model = ctx.chat_model.bind_tools(ctx.model_tool_schemas, tool_choice=confirmed.name,
                                              first_argument=first)
    if state.get("problem") and state.get("proposal") is not None:
        prompt = [*prompt, state["proposal"], HumanMessage(INVALID_TOOL_CALL.format(problem=state["problem"]))]
    raw = recover_tool_calls(await model.ainvoke(prompt), [*ctx.tools_by_name, DIRECT_REPLY_TOOL])
    proposal = _cleaned(raw, state, ctx, offered)
    asked_for = {call["name"] for call in raw.tool_calls}
    # A call moved to the tool that takes its arguments was offered by that move.
    offered += [c["name"] for c in proposal.tool_calls if c["name"] not in offered and c["name"] not in asked_for]
    return {
        "listed_for_one": any(call["name"] not in asked_for and ctx.tools_by_name[call["name"]].lists
                              for call in proposal.tool_calls if call["name"] in ctx.tools_by_name),
        "proposal": proposal,
        "offered": offered,
        "problem": None,
        "refused": False,
        "model_steps": state.get("model_steps", 0) + 1,
        "turn_timings_ms": _add_timing(state, "call_model", started),
    }


async def check_call(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """The safety checks on the model's call, each a condition and one action."""
    ctx = runtime.context
    proposal: AIMessage = state["proposal"]
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    said = state["turn_facts"]["said"]
    log.debug("tool call proposed", extra={"calls": proposal.tool_calls, "offered": state["offered"]})
    if any(call["name"] in dictated_tool_names(said) for call in proposal.tool_calls):
        return _answer(proposal, NOT_SHAREABLE[language])  # measured: the model obeyed a call the caller wrote
    offered = state["offered"]
    for call in proposal.tool_calls:
        tool = ctx.tools_by_name.get(call["name"])
        verifying = tool is not None and tool.verifies_identity and call["name"] in offered
        if verifying and not complete_proof(tool, call["args"]):
            return _answer(proposal, VERIFY_FIRST[language])  # proof the caller did not give is no proof
    problem, missing = _problem(proposal, state, ctx)
    if problem is None and not state.get("refusal_asked") and (
            _declines_a_tool_question(proposal, state, ctx) or _asks_for_what_a_list_gives(proposal, state, ctx)):
        log.info("asking again among the tools after a refusal or a question a list answers")
        return {"refused": True, "refusal_asked": True}
    if problem is None:
        return {"messages": [_direct_reply_as_text(proposal)], "proposal": None}
    if state.get("reasks", 0) < MAX_REASKS:
        log.info("re-asking after an invalid tool call", extra={"problem": problem})
        unheard_in = next((call["name"] for call in proposal.tool_calls if missing is not None
                           and missing in call["args"]), None)
        return {"problem": problem, "reasks": state.get("reasks", 0) + 1, "unheard_in": unheard_in,
                "unheard_key": missing if unheard_in else None}
    if missing is not None:
        # Still guessing after the re-ask: ask the caller rather than look up an invented number.
        return _answer(proposal, ASK_FOR_DETAIL[language].format(detail=detail_name(missing, language)))
    return _answer(proposal, HOW_CAN_I_HELP[language])


def route_after_check(state: AgentState) -> Literal["choose_tool", "run_tools", "finish"]:
    if state.get("problem") or state.get("refused"):
        return "choose_tool"
    return "run_tools" if getattr(state["messages"][-1], "tool_calls", None) else "finish"


async def run_tools(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    started = perf_counter()
    customer_id = state.get("verified_customer_id")
    failures = state.get("verification_failures", 0)
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    records = list(state.get("turn_tool_calls", []))
    replies: list[BaseMessage] = []
    asked: AIMessage = state["messages"][-1]
    ran: list[dict[str, Any]] = []
    for call in asked.tool_calls:
        tool = ctx.tools_by_name.get(call["name"])
        runtime.stream_writer({"type": "tool_call", "name": call["name"], "args": call["args"]})
        if tool is not None and tool.verifies_identity and failures >= ctx.max_verification_failures:
            result: Any = ToolError(
                error="invalid_argument",
                message="Too many failed verification attempts in this conversation; "
                "the caller should contact support.",
            )
        else:
            tool_ctx = ToolContext(ctx.db, customer_id, language)
            result = await _execute(ctx, call, tool_ctx)
            if fallback := _fallback_call(tool, call, result):
                call = fallback
                runtime.stream_writer({"type": "tool_call", "name": call["name"], "args": call["args"]})
                result = await _execute(ctx, call, tool_ctx)
        ran.append(call)
        if tool is not None and tool.verifies_identity and not isinstance(result, ToolError):
            if getattr(result, "verified", False):
                customer_id = result.customer_id
            else:
                failures += 1
        seen_by_model = result.model_dump(mode="json")
        records.append({"name": call["name"], "args": call["args"], "result": seen_by_model})
        replies.append(ToolMessage(
            # Compact and without empty fields: every token here is read before the answer's first word.
            content=json.dumps(_without_nulls(seen_by_model), ensure_ascii=False, separators=(",", ":")),
            tool_call_id=call["id"], name=call["name"],
        ))
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


def route_after_tools(state: AgentState, runtime: Runtime[AgentContext]) -> Literal["choose_tool", "respond"]:
    """Back to the model only when a verification just succeeded: the caller's real question is still open."""
    ctx = runtime.context
    last_ai = next(m for m in reversed(state["messages"]) if isinstance(m, AIMessage))
    just_results = state.get("turn_tool_calls", [])[-len(last_ai.tool_calls):]
    verified_now = any(_verifies(ctx, r["name"]) and r["result"].get("verified") for r in just_results)
    only_verification = all(_verifies(ctx, call["name"]) for call in last_ai.tool_calls)
    blocked = any(r["result"].get("error") == "verification_required" for r in just_results)
    within_budget = state.get("model_steps", 0) < ctx.max_tool_steps
    return "choose_tool" if verified_now and within_budget and (only_verification or blocked) else "respond"


async def respond(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    started = perf_counter()
    results = [r["result"] for r in state.get("turn_tool_calls", [])]
    if results and all(r.get("error") == "verification_required" for r in results):
        return _said(runtime, VERIFY_FIRST[language])
    if results and all(r.get("error") == "unavailable" for r in results):
        # Nothing to say from the records: a fixed sentence in the caller's language beats a model guessing.
        return _said(runtime, DATABASE_UNAVAILABLE[language])
    if ctx.answers_from_templates and (answer := answer_from_results(
            state.get("turn_tool_calls", []), language, state["turn_facts"]["said"], ctx.tools_by_name)):
        if state.get("listed_for_one") and _lists_several(state.get("turn_tool_calls", [])):
            # "Where's my order?" with several orders: the list is read, and the caller is asked which one.
            answer = f"{answer} {WHICH_ONE[language]}"
        return _said(runtime, _guarded(answer, state, ctx), _add_timing(state, "respond", started))
    model = ctx.chat_model.bind_tools(ctx.model_tool_schemas, tool_choice="none")
    instruction = ANSWER_NOW[language]
    if any("status" in r for r in results):
        instruction += status_names_note(language)
    parts: list[str] = []
    first_token_ms: float | None = None
    async for chunk in model.astream([*_prompt(state, ctx), HumanMessage(instruction)]):
        text = chunk.content if isinstance(chunk.content, str) else ""
        if not text:
            continue
        if first_token_ms is None:
            first_token_ms = (perf_counter() - started) * 1000
        parts.append(text)
        if is_degenerate("".join(parts)):
            break  # measured: an injection was answered with 150 "¡" after 70 s
        runtime.stream_writer({"type": "token", "text": text})
    response = _final_text("".join(parts), state, ctx)
    timings = _add_timing(state, "respond", started)
    if first_token_ms is not None:
        timings["respond_first_token"] = round(first_token_ms, 1)
    return {"messages": [AIMessage(content=response)], "response": response, "turn_timings_ms": timings}


async def finish(state: AgentState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """The model answered directly (greeting, clarifying question, refusal): speak what it wrote."""
    ctx = runtime.context
    last = state["messages"][-1]
    said = _first_sentences(last.content if isinstance(last.content, str) else "", MAX_REPLY_SENTENCES)
    said = _without_unheard_facts(said, state)
    records = state.get("turn_tool_calls", [])
    if records and ctx.answers_from_templates and (done := answer_from_results(
            records, state.get("language", i18n.DEFAULT_LANGUAGE), state["turn_facts"]["said"], ctx.tools_by_name)):
        # A tool already answered this turn (a verification with nothing else asked): its answer is said, and of
        # the model's words only a question. Measured: "Hi, this is John, my email is … and my zip …" verified him,
        # then the model added "I'm sorry, I can't help with that." and the caller never heard he was verified.
        asked = [sentence for sentence in _sentences(said) if sentence.endswith("?")]
        said = " ".join([done, *asked])
    response = _with_an_open_question(_final_text(said, state, ctx), state)
    runtime.stream_writer({"type": "token", "text": response})
    return {"messages": [AIMessage(id=last.id, content=response)], "response": response}


# --- what the model reads -----------------------------------------------------------------------------------------


def _prompt(state: AgentState, ctx: AgentContext) -> list[BaseMessage]:
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    history = [HumanMessage(content=written_out(str(m.content), language), id=m.id) if isinstance(m, HumanMessage)
               else m for m in _recent_history(state["messages"], ctx.max_history_messages)]
    verified = state.get("verified_customer_id") is not None
    focus = _record_in_focus(state, ctx) if verified else None
    note = caller_note(language, verified, focus)
    last_human = max((i for i, m in enumerate(history) if isinstance(m, HumanMessage)), default=None)
    if last_human is not None:
        original = history[last_human]
        history[last_human] = HumanMessage(content=f"{note} {original.content}", id=original.id)
    return [SystemMessage(ctx.system_prompt), *history]


def _choices(state: AgentState, ctx: AgentContext) -> list[str]:
    """The names the model may call: the router's shortlist among the tools that apply now, the previous turn's
    lookups for a follow-up, the identity check for an anonymous caller who needs it, and always `reply`."""
    facts = state["turn_facts"]
    verifier = ctx.identity_verifier
    anonymous = state.get("verified_customer_id") is None
    # The router's ranking without what does not apply now (the identity check for a verified caller): the fewest
    # best labels that hold `shortlist_mass` of what remains, `reply` counted but always offered anyway.
    ranked = [(label, p) for label, p in facts["ranking"] if label == REPLY or (
        label in ctx.tools_by_name and (anonymous or verifier is None or label != verifier.name))]
    total = sum(p for _, p in ranked)
    chosen: list[str] = []
    mass = 0.0
    for label, p in ranked:
        if len(chosen) == ctx.shortlist_size or (chosen and mass >= ctx.shortlist_mass * total):
            break
        chosen.append(label)
        mass += p
    shortlist = [label for label in chosen if label != REPLY]
    if chosen[0] == REPLY and ranked[0][1] >= ctx.confident_reply * total:
        # Words this clearly for no tool get no new tool to call, only a follow-up's: offered one beside `reply`,
        # the 1.5B model measured calling it ("I have a headache, what medicine should I take?" → the profile).
        shortlist = []
    elif chosen[0] != REPLY and ranked[0][1] >= ctx.confident * total:
        # A confident pick is confirmed, not chosen: offered `reply` beside it, the 1.5B model measured asking for
        # a product id it did not need ("How much is the Over-Ear Headphones Kumo?").
        return [*shortlist[:1], *_identity_check(state, ctx, shortlist[:1])]
    shortlist += [name for name in facts["follow_up"] if name not in shortlist]
    return [*shortlist, *_identity_check(state, ctx, shortlist), DIRECT_REPLY_TOOL]


def _identity_check(state: AgentState, ctx: AgentContext, shortlist: list[str]) -> list[str]:
    """The identity check, for an anonymous caller who offers proof or asks for what needs it."""
    verifier = ctx.identity_verifier
    if verifier is None or verifier.name in shortlist or state.get("verified_customer_id") is not None:
        return []
    needs_identity = any(ctx.tools_by_name[name].requires_customer for name in shortlist)
    return [verifier.name] if state["turn_facts"]["verify_first"] or needs_identity else []


def _opening_argument(tool: Tool, state: AgentState, unheard_key: str | None = None) -> str | None:
    """For a confirmed lookup, the key its call should open with when some of its keys cannot have been said: a
    number-typed one when the caller said no number, or the one the model just named unheard. (Measured: "How much
    are the Kumo Over-Ear Headphones Z55?" got product_id 12345, where the name was said; "Is the Kumo Smartphone
    M96 256 GB in stock?" got an unheard product_id twice, the numbers said being part of the name.)"""
    if len(tool.keyed_by) < 2:
        return None
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    said_numbers = bool(number_tokens(without_quantities(_last_caller_words(state), language), language))
    properties = tool.json_schema().get("properties", {})
    sayable = [key for key in tool.keyed_by if key != unheard_key and (
        said_numbers or properties.get(key, {}).get("type") != "integer")]
    return sayable[0] if sayable and len(sayable) < len(tool.keyed_by) else None


def _record_in_focus(state: AgentState, ctx: AgentContext) -> str | None:
    """The record the conversation's last keyed lookup was about ("order 16"), so that "what was in it?" reads
    it. Measured: asked "¿Qué productos tenía?" after a look at order 16, the model searched the catalogue."""
    for message in reversed(state["messages"]):
        if isinstance(message, ToolMessage) and (tool := ctx.tools_by_name.get(str(message.name))) and tool.keyed_by:
            for key in tool.keyed_by:
                if found := re.search(rf'"{key}":"?([\w-]+)', str(message.content)):
                    return f"{key.removesuffix('_id').replace('_', ' ')} {found.group(1)}"
    return None


def _last_lookups(state: AgentState) -> list[str]:
    """The tools the previous turn ran (for a follow-up)."""
    messages = state["messages"]
    humans = [i for i, m in enumerate(messages) if isinstance(m, HumanMessage)]
    if len(humans) < 2:
        return []
    previous = messages[humans[-2]:humans[-1]]
    return list(dict.fromkeys(m.name for m in previous if isinstance(m, ToolMessage) and m.name))


def _recent_history(messages: list[AnyMessage], limit: int) -> list[AnyMessage]:
    """The last `limit` messages, starting at a caller message so no tool result is cut from its call."""
    window = list(messages[-limit:])
    while window and not isinstance(window[0], HumanMessage):
        window.pop(0)
    return window or [m for m in messages if isinstance(m, HumanMessage)][-1:]


# --- the checks ---------------------------------------------------------------------------------------------------


def _heard(state: AgentState, ctx: AgentContext) -> Heard:
    messages = state["messages"]
    return heard_in(
        (str(m.content) for m in messages if isinstance(m, HumanMessage)),
        (str(m.content) for m in messages if isinstance(m, ToolMessage)),
        ctx.identifier_names, state.get("language", i18n.DEFAULT_LANGUAGE),
    )


def _cleaned(message: AIMessage, state: AgentState, ctx: AgentContext, offered: list[str]) -> AIMessage:
    """What is corrected in a call without asking the model again: stray arguments out, a call whose arguments
    another tool takes moved to it, a value the caller named put in, unheard optional identifiers out (a required or
    the only key stays, for `_problem` to re-ask), a lookup by an unheard key for a verified caller turned into the list of their records of
    that kind."""
    heard = _heard(state, ctx)
    verified = state.get("verified_customer_id") is not None
    ranking = [label for label, _ in state["turn_facts"]["ranking"]]
    ranked = [*offered, *(label for label in ranking if label not in offered)]
    near = [*offered, *(label for label in ranking[:ctx.shortlist_size] if label not in offered)]
    calls = []
    for call in message.tool_calls:
        tool = ctx.tools_by_name.get(call["name"])
        if tool is None:
            calls.append(call)
            continue
        call = _without_stray_arguments(call, tool)
        if (owner := _tool_taking_all(call, tool, ranked, ctx)) is not None:
            tool, call = owner[0], {**call, "name": owner[0].name, "args": owner[1]}
        tool, call = _with_named_values(call, tool, state["turn_facts"]["named"], near, ctx)
        call = _with_the_value_under_its_key(call, tool)
        unheard = unheard_identifiers(tool, call["args"], heard)
        required = set(tool.json_schema().get("required", []))
        keys_left = [k for k in tool.keyed_by if call["args"].get(k) is not None and k not in unheard]
        droppable = [n for n in unheard if n not in required and (keys_left or n not in tool.keyed_by)]
        call = {**call, "args": {k: v for k, v in call["args"].items() if k not in droppable}}
        lister = _lister_for(tool, ctx)
        shortlisted = lister is not None and lister.name in offered
        if verified and shortlisted and unheard and not keys_left and not _said_a_number(state):
            # "where is my order?" from a verified caller who named none: their list answers it, a guess does not.
            call = {**call, "name": lister.name, "args": _taken_values(lister, state["turn_facts"]["named"])}
        if not any(c["name"] == call["name"] and c["args"] == call["args"] for c in calls):
            calls.append(call)
    return message if calls == message.tool_calls else AIMessage(
        content=message.content, tool_calls=calls, id=message.id)


def _lister_for(tool: Tool, ctx: AgentContext) -> Tool | None:
    return next((t for t in ctx.tools if t.lists and t.lists in tool.keyed_by), None) if tool.keyed_by else None


def _lists_several(records: list[dict[str, Any]]) -> bool:
    return any(len(value) > 1 for record in records if isinstance(record["result"], dict)
               for value in record["result"].values() if isinstance(value, list))


def _said_a_number(state: AgentState) -> bool:
    return bool(re.search(r"\d", _last_caller_words(state)))


# JSON-Schema words the model sometimes copies from a tool's description into the call's arguments.
_SCHEMA_WORDS = frozenset({"type", "properties", "required", "description", "title"})
# What a tool knows from its trusted context: the model's guess of it is not needed (measured:
# a search with language="es", refused as invalid and then answered with a refusal).
_CONTEXT_WORDS = frozenset({"language"})


def _without_stray_arguments(call: dict[str, Any], tool: Tool) -> dict[str, Any]:
    """Without schema words, and without arguments the tool does not take that say nothing: empty ones, what the
    tool's context already knows, or anything at all for a tool that takes no arguments (its context holds all it
    needs; measured: the profile asked with `name="jane.doe@example.com"` was refused twice, and the verified
    caller heard "how can I help?")."""
    taken = tool.args_model.model_fields

    def stray(name: str, value: Any) -> bool:
        says_nothing = value in (None, "", [], {}) or name in _CONTEXT_WORDS or not taken
        return name in _SCHEMA_WORDS or (name not in taken and says_nothing)

    return {**call, "args": {k: v for k, v in call["args"].items() if not stray(k, v)}}


def _tool_taking_all(call: dict[str, Any], tool: Tool, ranked: list[str],
                     ctx: AgentContext) -> tuple[Tool, dict[str, Any]] | None:
    """The tool that takes every argument of a call its own tool cannot take, offered ones first and then in the
    router's order (a confident pick is offered alone, and its call can still be the other tool's). Measured:
    a product lookup given a search's `query` and `category`, or a product asked "in Los Angeles" given `name` and
    `city`, was refused as invalid, and the re-asked model declined questions the shop can answer; so was a search
    given a `city` ("¿Hay Kumo Leather Boots M38 en Bogotá?"), which the stock check takes with the search's words
    as the product's name (`_args_as_taken_by`)."""
    if set(call["args"]) <= set(tool.args_model.model_fields):
        return None
    for name in ranked:
        other = ctx.tools_by_name.get(name)
        if other is not None and other is not tool and (args := _call_as(other, tool, call["args"])) is not None:
            return other, args
    return None


def _call_as(other: Tool, tool: Tool, args: dict[str, Any], added: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """`tool`'s call arguments (with `added`) as another tool takes them, or None where it cannot: it verifies
    identity, it looks records up and none of its keys is given, or its own validation refuses them."""
    moved = {**_args_as_taken_by(other, tool, args), **(added or {})}
    if other.verifies_identity or (other.keyed_by and not set(other.keyed_by) & set(moved)):
        return None
    try:
        other.args_model.model_validate(moved)  # refuses arguments it does not take
    except ValidationError:
        return None
    return moved


def _with_named_values(call: dict[str, Any], tool: Tool, named: dict[str, str], near: list[str],
                       ctx: AgentContext) -> tuple[Tool, dict[str, Any]]:
    """The call with the values the caller named for arguments it left out, as the same tool when it takes them,
    else as the first tool offered or ranked near the top that takes them and the call's own arguments (at least
    one, and a key when it looks records up). Measured: "Do you have the Vértice Camping Tent E98 in … New York?"
    and a product asked in Medellín were looked up or searched without the place, and the caller heard the product
    instead of its stock there."""
    missing = {name: value for name, value in named.items() if call["args"].get(name) is None}
    # Two tools' arguments may share a name and not their values (an order's status, a ticket's): each tool gets
    # only the values it takes, and a call moves only for a value its own tool has no argument for.
    taken = _taken_values(tool, missing)
    elsewhere = set(missing) - set(tool.args_model.model_fields)
    for other in (ctx.tools_by_name.get(name) for name in near):
        if other is None or other is tool or not call["args"] or not elsewhere & set(
                added := _taken_values(other, missing)):
            continue
        if (args := _call_as(other, tool, call["args"], added)) is not None:
            return other, {**call, "name": other.name, "args": args}
    return tool, ({**call, "args": {**call["args"], **taken}} if taken else call)


def _taken_values(tool: Tool, values: dict[str, Any]) -> dict[str, Any]:
    """The values `tool` takes, of those it has arguments for."""
    taken = {}
    for name, value in values.items():
        if name not in tool.args_model.model_fields:
            continue
        try:
            _argument_type(tool.args_model, name).validate_python(value)
        except ValidationError:
            continue
        taken[name] = value
    return taken


@lru_cache(maxsize=256)
def _argument_type(args_model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """One argument's type with its constraints, built once (a TypeAdapter compiles a validator)."""
    field = args_model.model_fields[name]
    return TypeAdapter(Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation)


def _args_as_taken_by(other: Tool, tool: Tool, args: dict[str, Any]) -> dict[str, Any]:
    """A call's arguments as another tool takes them: the same names, or back through the fallback the other tool
    declares to this one, which runs this call again when the other cannot answer it (a search's words as the
    stock check's product name: one product's stock in the place named, else the same search); what the other
    does not take of the call's own arguments is left to that search (an argument neither takes stays, and fails).
    """
    if other.fallback is None or other.fallback.tool != tool.name:
        return args
    back = {to: source for to, source in other.fallback.args.items()}
    taken, own = other.args_model.model_fields, tool.args_model.model_fields
    return {back.get(name, name): value for name, value in args.items()
            if back.get(name, name) in taken or name not in own}


def _with_the_value_under_its_key(call: dict[str, Any], tool: Tool) -> dict[str, Any]:
    """A lookup's one key whose value that key's type refuses, moved to the other key that takes it. Measured:
    "¿me das el número de seguimiento del pedido quince?" got `tracking_number="15"` twice (the words said
    "tracking number"), which is no tracking number and is order 15."""
    given = [key for key in tool.keyed_by if call["args"].get(key) is not None]
    if len(given) != 1:
        return call
    key = given[0]
    try:
        tool.args_model.model_validate(call["args"])
        return call
    except ValidationError as exc:
        if not any(error["loc"][:1] == (key,) for error in exc.errors()):
            return call
    rest = {k: v for k, v in call["args"].items() if k != key}
    for other in tool.keyed_by:
        if other == key:
            continue
        try:
            tool.args_model.model_validate({**rest, other: call["args"][key]})
        except ValidationError:
            continue
        return {**call, "args": {**rest, other: call["args"][key]}}
    return call


def _problem(message: AIMessage, state: AgentState, ctx: AgentContext) -> tuple[str | None, str | None]:
    """Why the call cannot run as it is (said to the model on a re-ask), and the identifier to ask the caller for."""
    if not message.tool_calls and _looks_like_a_call(message):
        return "the call was not valid JSON; use only values the caller said, or reply and ask for what is missing", None
    heard = _heard(state, ctx)
    offered = set(state["offered"])
    for call in message.tool_calls:
        if call["name"] not in offered:
            return f"{call['name']} is not among the tools offered for these words; use one of them, or reply", None
        if call["name"] == DIRECT_REPLY_TOOL:
            text = call["args"].get("text")
            if not isinstance(text, str) or not text.strip():
                return f"{DIRECT_REPLY_TOOL} needs a text argument", None
            if '"arguments"' in text:
                return f"{DIRECT_REPLY_TOOL} text is said to the caller; to use a tool, call it", None
            continue
        tool = ctx.tools_by_name.get(call["name"])
        if tool is None:
            return f"there is no tool named {call['name']!r}", None
        if unheard := unheard_identifiers(tool, call["args"], heard):
            name = unheard[0]
            others = [key for key in tool.keyed_by if key != name]
            instead = f"; {tool.name} also finds it by {' or '.join(others)}" if others else ""
            return (f"the caller never said {name} {call['args'][name]}{instead}; use only values the caller said, "
                    "or reply and ask for what is missing"), name
        if tool.keyed_by and all(call["args"].get(k) is None for k in tool.keyed_by):
            return f"{tool.name} needs one of {', '.join(tool.keyed_by)}; reply and ask the caller", tool.keyed_by[0]
        try:
            tool.args_model.model_validate(call["args"] or {})
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(map(str, first["loc"])) or "arguments"
            takers = [name for name in state["offered"] if name != call["name"] and name in ctx.tools_by_name
                      and field in ctx.tools_by_name[name].args_model.model_fields]
            hint = f"; {takers[0]} takes {field}" if first["type"] == "extra_forbidden" and takers else ""
            return f"{call['name']}: {field} {first['msg']}{hint}", None
    return None, None


def _declines_a_tool_question(proposal: AIMessage, state: AgentState, ctx: AgentContext) -> bool:
    """The turn's first answer, without a tool, declining words the router ranked a tool first for, a tool offered.
    Measured: "¿Hay Kumo Leather Boots M38 en Bogotá?" and "¿Cómo va mi reclamo del producto que llegó dañado?" were
    answered "Lo siento, no puedo ayudarte con eso" with the stock check and the ticket tools offered."""
    if state.get("turn_tool_calls") or any(call["name"] != DIRECT_REPLY_TOOL for call in proposal.tool_calls):
        return False
    ranking = state["turn_facts"]["ranking"]
    if not ranking or ranking[0][0] == REPLY or not any(name in ctx.tools_by_name for name in state["offered"]):
        return False
    said = " ".join(str(call["args"].get("text", "")) for call in proposal.tool_calls) or str(proposal.content)
    return says_any(said, i18n.message("grounding.refusals", state.get("language", i18n.DEFAULT_LANGUAGE)))


def _asks_for_what_a_list_gives(proposal: AIMessage, state: AgentState, ctx: AgentContext) -> bool:
    """The turn's first answer, without a tool, asking a verified caller who said no number for a number that a
    tool on offer lists, before any list was read to them (the same rule as a keyed lookup without its key).
    Measured: "¿Cómo va mi reclamo del producto que llegó dañado?" was answered "¿Me puede decir el número de
    ticket?" with the ticket list offered; callers rarely know the number."""
    if state.get("verified_customer_id") is None or state.get("turn_tool_calls") or state.get("reasks") or any(
            call["name"] != DIRECT_REPLY_TOOL for call in proposal.tool_calls) or _said_a_number(state):
        return False
    listed_before = set(_last_lookups(state))
    listed = {tool.lists for name in state["offered"] if (tool := ctx.tools_by_name.get(name)) is not None
              and tool.lists and name not in listed_before}
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    said = " ".join(str(call["args"].get("text", "")) for call in proposal.tool_calls) or str(proposal.content)
    return says_any(said, [detail_name(key, language) for key in listed])


def _looks_like_a_call(message: AIMessage) -> bool:
    """A forced call the model wrote but not as valid JSON (e.g. `{"order_id": <order_id>}`): no call came out."""
    text = message.content if isinstance(message.content, str) else ""
    return '"name"' in text or "<tool_call>" in text


def _verifies(ctx: AgentContext, name: str) -> bool:
    tool = ctx.tools_by_name.get(name)
    return tool is not None and tool.verifies_identity


def _fallback_call(tool: Tool | None, call: dict[str, Any], result: Any) -> dict[str, Any] | None:
    """A lookup by a name that names nothing (not found, or several match) becomes the declared fallback: "which
    smart TVs do you have?" sent to a product lookup is answered by the search for it."""
    if tool is None or tool.fallback is None or not isinstance(result, ToolError):
        return None
    fallback = tool.fallback
    if result.error not in {"invalid_argument", "not_found"} or call["args"].get(fallback.when_unmatched) is None:
        return None
    if any(call["args"].get(key) is not None for key in tool.keyed_by if key != fallback.when_unmatched):
        return None
    return {**call, "name": fallback.tool, "args": {to: call["args"][src] for to, src in fallback.args.items()}}


async def _execute(ctx: AgentContext, call: dict[str, Any], tool_ctx: ToolContext) -> Any:
    tool = ctx.tools_by_name.get(call["name"])
    if tool is None:
        return invalid_argument(f"There is no tool named {call['name']!r}.")
    try:
        with tracing.span(f"agent.tool {call['name']}", tool=call["name"]):
            return await asyncio.to_thread(tool.run, tool_ctx, call["args"])
    except DBAPIError:
        # An outage is not a bug in the tool: the model must be able to say so, and the history must stay valid.
        log.exception("database error in tool", extra={"tool": call["name"]})
        return ToolError(error="unavailable", message="The shop's records cannot be reached right now.")


# --- what the caller hears ----------------------------------------------------------------------------------------


def _answer(proposal: AIMessage, text: str) -> dict[str, Any]:
    return {"messages": [AIMessage(content=text, id=proposal.id)], "proposal": None, "problem": None}


def _said(runtime: Runtime[AgentContext], text: str, timings: dict[str, float] | None = None) -> dict[str, Any]:
    runtime.stream_writer({"type": "token", "text": text})
    update: dict[str, Any] = {"messages": [AIMessage(text)], "response": text}
    if timings is not None:
        update["turn_timings_ms"] = timings
    return update


def _direct_reply_as_text(message: AIMessage) -> AIMessage:
    """The `reply` pseudo-tool is how the model answers without a tool: keep it as a plain answer in history."""
    real_calls = [call for call in message.tool_calls if call["name"] != DIRECT_REPLY_TOOL]
    if real_calls:
        return message if len(real_calls) == len(message.tool_calls) else AIMessage(
            content="", tool_calls=real_calls, id=message.id)
    said = " ".join(str(call["args"].get("text", "")) for call in message.tool_calls)
    return AIMessage(content=said or message.content, id=message.id)


def _without_unheard_facts(text: str, state: AgentState) -> str:
    """A direct answer's sentences that state a number or an e-mail address nobody said and no tool returned are
    dropped: such a detail is a fact, and a direct answer has no record behind it. (Measured: "I don't know what
    order 12 is" to an anonymous caller who named no order; order 12 was another customer's. "Her email is
    maria.garcia@…", guessed from a name the caller gave, was a real customer's.)"""
    known = [str(m.content) for m in state["messages"] if isinstance(m, HumanMessage | ToolMessage)]
    said_or_returned = {m.group() for content in known for m in re.finditer(r"\d+", content)}
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    said_or_returned |= {token for message in state["messages"] if isinstance(message, HumanMessage)
                         for token in number_tokens(str(message.content), language)}
    emails = {m.group().casefold() for content in known for m in _EMAIL.finditer(content)}
    kept = [sentence for sentence in _sentences(text)
            if all(number in said_or_returned for number in re.findall(r"\d+", sentence))
            and all(m.group().casefold() in emails for m in _EMAIL.finditer(sentence))]
    return " ".join(kept)


def _sentences(text: str) -> list[str]:
    return re.findall(r"\S.*?(?:[.!?…]+(?=\s|$)|$)", text.strip(), flags=re.DOTALL)


def _first_sentences(text: str, limit: int) -> str:
    return " ".join(_sentences(text)[:limit])


def _with_an_open_question(answer: str, state: AgentState) -> str:
    """A direct answer that asks nothing ends with an offer of help, unless the caller is saying goodbye. Measured:
    the 1.5B model met vague requests ("I have a problem") with a bare refusal, which leaves a caller on the phone
    with nowhere to go."""
    language = state.get("language", i18n.DEFAULT_LANGUAGE)
    if "?" in answer or says_any(_last_caller_words(state), i18n.message("grounding.closing_words", language)):
        return answer
    return f"{answer} {HOW_CAN_I_HELP[language]}"


def _last_caller_words(state: AgentState) -> str:
    return next((str(m.content) for m in reversed(state["messages"]) if isinstance(m, HumanMessage)), "")


def _final_text(raw: str, state: AgentState, ctx: AgentContext) -> str:
    text = speakable(raw)
    if is_degenerate(text):
        text = ""
    return _guarded(text, state, ctx) or COULD_NOT_ANSWER[state.get("language", i18n.DEFAULT_LANGUAGE)]


def _guarded(text: str, state: AgentState, ctx: AgentContext) -> str:
    """The last guards on anything spoken: no card number a tool did not return, no security code, no prompt."""
    tool_text = json.dumps([r["result"] for r in state.get("turn_tool_calls", [])], default=str)
    text = strip_security_codes(strip_unseen_card_numbers(text, allowed_text=tool_text))
    if reveals_instructions(text, ctx.rules, [*ctx.tools_by_name, DIRECT_REPLY_TOOL + "("]):
        return NOT_SHAREABLE[state.get("language", i18n.DEFAULT_LANGUAGE)]
    return text


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _add_timing(state: AgentState, stage: str, started: float) -> dict[str, float]:
    timings = dict(state.get("turn_timings_ms", {}))
    timings[stage] = round(timings.get(stage, 0.0) + (perf_counter() - started) * 1000, 1)
    return timings


builder = StateGraph(AgentState, context_schema=AgentContext)
builder.add_node("understand", understand)
builder.add_node("choose_tool", choose_tool)
builder.add_node("check_call", check_call)
builder.add_node("run_tools", run_tools)
builder.add_node("respond", respond)
builder.add_node("finish", finish)
builder.add_edge(START, "understand")
builder.add_edge("understand", "choose_tool")
builder.add_edge("choose_tool", "check_call")
builder.add_conditional_edges("check_call", route_after_check)
builder.add_conditional_edges("run_tools", route_after_tools)
builder.add_edge("respond", END)
builder.add_edge("finish", END)

graph = builder.compile(name="apitap")
