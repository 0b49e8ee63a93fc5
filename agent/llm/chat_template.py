"""Render a conversation into the model's own prompt text, from the chat template stored in the GGUF.

Rendering is deterministic: the same system prompt and tool list give the same leading bytes whatever the rest of
the conversation is, so llama.cpp can keep that prefix in its KV cache from one call to the next (measured: a cold
tool decision costs several seconds of prefill that a reused prefix skips).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

# Qwen2.5-Instruct's template (as stored in the packaged GGUF); used when a GGUF carries none.
QWEN25_CHAT_TEMPLATE = (
    "{%- if tools %}\n"
    "    {{- '<|im_start|>system\\n' }}\n"
    "    {%- if messages[0]['role'] == 'system' %}\n"
    "        {{- messages[0]['content'] }}\n"
    "    {%- else %}\n"
    "        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}\n"
    "    {%- endif %}\n"
    '    {{- "\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\n'
    'You are provided with function signatures within <tools></tools> XML tags:\\n<tools>" }}\n'
    "    {%- for tool in tools %}\n"
    '        {{- "\\n" }}\n'
    "        {{- tool | tojson }}\n"
    "    {%- endfor %}\n"
    '    {{- "\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments '
    "within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{{\\\"name\\\": <function-name>, \\\"arguments\\\": "
    '<args-json-object>}}\\n</tool_call><|im_end|>\\n" }}\n'
    "{%- else %}\n"
    "    {%- if messages[0]['role'] == 'system' %}\n"
    "        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n"
    "    {%- else %}\n"
    "        {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
    "<|im_end|>\\n' }}\n"
    "    {%- endif %}\n"
    "{%- endif %}\n"
    "{%- for message in messages %}\n"
    '    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or '
    '(message.role == "assistant" and not message.tool_calls) %}\n'
    "        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n"
    '    {%- elif message.role == "assistant" %}\n'
    "        {{- '<|im_start|>' + message.role }}\n"
    "        {%- if message.content %}\n"
    "            {{- '\\n' + message.content }}\n"
    "        {%- endif %}\n"
    "        {%- for tool_call in message.tool_calls %}\n"
    "            {%- if tool_call.function is defined %}\n"
    "                {%- set tool_call = tool_call.function %}\n"
    "            {%- endif %}\n"
    "            {{- '\\n<tool_call>\\n{\"name\": \"' }}\n"
    "            {{- tool_call.name }}\n"
    "            {{- '\", \"arguments\": ' }}\n"
    "            {{- tool_call.arguments | tojson }}\n"
    "            {{- '}\\n</tool_call>' }}\n"
    "        {%- endfor %}\n"
    "        {{- '<|im_end|>\\n' }}\n"
    '    {%- elif message.role == "tool" %}\n'
    '        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}\n'
    "            {{- '<|im_start|>user' }}\n"
    "        {%- endif %}\n"
    "        {{- '\\n<tool_response>\\n' }}\n"
    "        {{- message.content }}\n"
    "        {{- '\\n</tool_response>' }}\n"
    '        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}\n'
    "            {{- '<|im_end|>\\n' }}\n"
    "        {%- endif %}\n"
    "    {%- endif %}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}\n"
    "    {{- '<|im_start|>assistant\\n' }}\n"
    "{%- endif %}\n"
)


class ChatTemplateError(ValueError):
    """The GGUF's chat template cannot render this conversation."""


def _tojson(value: Any, indent: int | None = None, separators: Any = None, sort_keys: bool = False,
            ensure_ascii: bool = False) -> str:
    # Hugging Face's `tojson`, not Jinja's: no HTML escaping of <, >, & and non-ASCII kept as written.
    return json.dumps(value, indent=indent, separators=separators, sort_keys=sort_keys, ensure_ascii=ensure_ascii)


def _raise_exception(message: str) -> None:
    raise ChatTemplateError(message)


class ChatTemplate:
    """A compiled chat template plus the special tokens it refers to."""

    def __init__(self, source: str, *, bos_token: str = "", eos_token: str = "<|im_end|>") -> None:
        environment = ImmutableSandboxedEnvironment(
            loader=jinja2.BaseLoader(), trim_blocks=True, lstrip_blocks=True, undefined=jinja2.ChainableUndefined
        )
        environment.filters["tojson"] = _tojson
        environment.globals["raise_exception"] = _raise_exception
        self.source = source
        self.bos_token = bos_token
        self.eos_token = eos_token
        self._template = environment.from_string(source)

    def render(self, messages: Sequence[dict[str, Any]], tools: Sequence[dict[str, Any]] | None = None,
               *, add_generation_prompt: bool = True) -> str:
        try:
            return self._template.render(
                messages=list(messages),
                tools=list(tools) if tools else None,
                add_generation_prompt=add_generation_prompt,
                bos_token=self.bos_token,
                eos_token=self.eos_token,
            )
        except jinja2.TemplateError as exc:
            raise ChatTemplateError(f"chat template failed: {exc}") from exc


_CONTROL_MARKUP = re.compile(r"<\|([^|<>]{0,40})\|>|<(/?)(tool_call|tool_response)>")


def inert(text: str) -> str:
    """Text with the chat template's control markup broken up (`<|im_start|>` → `<| im_start |>`): the prompt is
    tokenised with special tokens on, so a caller or a stored ticket writing them would otherwise open a new role
    or a tool call of its own."""
    return _CONTROL_MARKUP.sub(lambda m: f"<| {m.group(1)} |>" if m.group(3) is None
                               else f"< {m.group(2)}{m.group(3).replace('_', ' ')} >", text)


def to_template_messages(messages: Sequence[BaseMessage]) -> list[dict[str, Any]]:
    """LangChain messages → the `{"role", "content", "tool_calls"}` dicts chat templates expect. Only the system
    prompt is ours; every other text is made inert."""
    rendered: list[dict[str, Any]] = []
    for message in messages:
        content = message.text if hasattr(message, "text") else str(message.content)
        if not isinstance(message, SystemMessage):
            content = inert(content)
        if isinstance(message, SystemMessage):
            rendered.append({"role": "system", "content": content})
        elif isinstance(message, HumanMessage):
            rendered.append({"role": "user", "content": content})
        elif isinstance(message, AIMessage):
            entry: dict[str, Any] = {"role": "assistant", "content": content}
            if message.tool_calls:
                entry["tool_calls"] = [
                    {"type": "function", "function": {"name": call["name"], "arguments": call["args"]}}
                    for call in message.tool_calls
                ]
            rendered.append(entry)
        elif isinstance(message, ToolMessage):
            rendered.append({"role": "tool", "content": content, "tool_call_id": message.tool_call_id})
        else:
            raise ChatTemplateError(f"cannot render a {type(message).__name__} for the model")
    return rendered
