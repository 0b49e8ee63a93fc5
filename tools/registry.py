"""How a typed function becomes a tool the model can call, and how a call is validated and executed.

A tool is a plain function `def name(ctx: ToolContext, arg: T = default, ...) -> SomeModel | ToolError`.
Its docstring is the only description the model reads. `@tool(...)` derives a pydantic argument model from the
signature (everything after `ctx`), so the JSON schema the model sees and the validation the executor applies are
the same thing.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import MappingProxyType
from typing import Any, Literal, get_type_hints

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from tools.context import ToolContext
from tools.errors import ToolError, invalid_argument, verification_required

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "apitap.tools"

_KEYWORDS_THE_MODEL_READS = frozenset({"type", "enum", "description", "items", "default"})

IdentifierKind = Literal["token", "words", "email"]
"""How an identifier argument must have been heard before the model may use it:
token: said by the caller as a whole number or code, or returned by a tool in a field of that name;
words: a name the caller used (one of its words was said: callers shorten names);
email: its part before the @ was said (speech recognition writes "jane at example dot com")."""

Answer = Callable[[dict[str, Any], dict[str, Any], str, str], "str | None"]
"""(result, args, language, question) -> the spoken answer, or None to let the model word it."""

Values = Callable[[ToolContext], "list[str] | Mapping[str, str]"]
"""The values an argument can take, read from the shop's own data (its cities and stores), or {words: value} where
callers say a value in other words than it is stored in (a status, in the caller's language)."""


@dataclass(frozen=True)
class Fallback:
    """When a lookup by `when_unmatched` names nothing (not found, or several match), run `tool` instead, its
    arguments taken from this call's (`args`: {its argument: this call's argument})."""

    when_unmatched: str
    tool: str
    args: Mapping[str, str]


@dataclass(frozen=True, eq=False)
class Tool:
    """A typed read-only function the model can call, and everything the agent needs to know about it.

    The agent reads only these declarations, never a tool's name, so a plugin tool gets the same treatment."""

    name: str
    description: str
    args_model: type[BaseModel]
    func: Callable[..., BaseModel]
    requires_customer: bool
    intent: str
    identifiers: Mapping[str, IdentifierKind] = field(default_factory=lambda: MappingProxyType({}))
    """Arguments that name a record or a person: they must have been heard (see IdentifierKind)."""
    keyed_by: tuple[str, ...] = ()
    """The identifiers this tool looks one record up by; it needs one of them."""
    lists: str | None = None
    """The identifier of the records this tool lists (e.g. "order_id" for a list of the caller's orders)."""
    proof: tuple[frozenset[str], ...] = ()
    """Sets of arguments that together prove who the caller is: this tool verifies identity."""
    answer: Answer | None = None
    """The spoken answer from a result; None: the model words it."""
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Requests this tool answers, per language: what routing learns from."""
    fallback: Fallback | None = None
    named_values: Mapping[str, Values] = field(default_factory=lambda: MappingProxyType({}))
    """Arguments whose values are a closed set in the shop's data, with where to read it: when the caller names
    one of them, the call carries it (callers say "in Madrid" and the model leaves the place out)."""

    @property
    def verifies_identity(self) -> bool:
        return bool(self.proof)

    def json_schema(self) -> dict[str, Any]:
        """The arguments' JSON schema, without what only costs prompt tokens: titles that repeat the names, and
        `anyOf [T, null]` for optional arguments (they are optional already; the executor still accepts null)."""
        schema = self.args_model.model_json_schema()
        schema.pop("title", None)
        for prop in schema.get("properties", {}).values():
            prop.pop("title", None)
            branches = prop.get("anyOf")
            if prop.get("default", ...) is None and branches and len(branches) == 2 and {"type": "null"} in branches:
                prop.update(next(b for b in branches if b != {"type": "null"}))
                del prop["anyOf"]
        return schema

    def openai_schema(self) -> dict[str, Any]:
        """The function description in the OpenAI / LangChain `bind_tools` format."""
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": self.json_schema()},
        }

    def model_schema(self) -> dict[str, Any]:
        """What the model reads: `openai_schema()` without the validation keywords (lengths, ranges, patterns).

        The executor still enforces every one of them; in the prompt they only cost a small model tokens and
        attention.
        """
        schema = self.openai_schema()
        parameters = schema["function"]["parameters"]
        parameters.pop("additionalProperties", None)
        for prop in parameters.get("properties", {}).values():
            for keyword in [k for k in prop if k not in _KEYWORDS_THE_MODEL_READS]:
                del prop[keyword]
        return schema

    def run(self, ctx: ToolContext, raw_args: dict[str, Any] | None) -> BaseModel:
        """Validate `raw_args` and run the tool; expected failures come back as ToolError values."""
        if self.requires_customer and ctx.customer_id is None:
            return verification_required()
        try:
            args = self.args_model.model_validate(raw_args or {})
        except ValidationError as exc:
            return invalid_argument(_describe_validation_error(exc))
        return self.func(ctx, **args.model_dump())


def tool(
    *,
    intent: str,
    requires_customer: bool,
    identifiers: Mapping[str, IdentifierKind] | None = None,
    keyed_by: tuple[str, ...] = (),
    lists: str | None = None,
    proof: tuple[tuple[str, ...], ...] = (),
    answer: Answer | None = None,
    examples: Mapping[str, list[str] | tuple[str, ...]] | None = None,
    fallback: Fallback | None = None,
    named_values: Mapping[str, Values] | None = None,
) -> Callable[[Callable[..., Any]], Tool]:
    """Register a typed function as a tool, with what the agent needs to know about it (see `Tool`'s fields).
    `intent` is the turn intent it answers (a free label in the turn contract)."""

    def wrap(func: Callable[..., Any]) -> Tool:
        doc = inspect.getdoc(func)
        if not doc:
            raise TypeError(f"tool {func.__name__} needs a docstring: it is what the model reads")
        args_model = _args_model(func)
        taken = set(args_model.model_fields)
        named = {*(identifiers or {}), *keyed_by, *(name for group in proof for name in group), *(named_values or {})}
        if unknown := named - taken:
            raise TypeError(f"tool {func.__name__} declares {sorted(unknown)}, which it does not take")
        return Tool(
            name=func.__name__,
            description=doc,
            args_model=args_model,
            func=func,
            requires_customer=requires_customer,
            intent=intent,
            identifiers=MappingProxyType(dict(identifiers or {})),
            keyed_by=keyed_by,
            lists=lists,
            proof=tuple(frozenset(group) for group in proof),
            answer=answer,
            examples=MappingProxyType({lang: tuple(items) for lang, items in (examples or {}).items()}),
            fallback=fallback,
            named_values=MappingProxyType(dict(named_values or {})),
        )

    return wrap


def _args_model(func: Callable[..., Any]) -> type[BaseModel]:
    hints = get_type_hints(func, include_extras=True)
    params = list(inspect.signature(func).parameters.values())
    if not params or hints.get(params[0].name) is not ToolContext:
        raise TypeError(f"tool {func.__name__}: the first parameter must be `ctx: ToolContext`")
    fields: dict[str, Any] = {}
    for param in params[1:]:
        annotation = hints.get(param.name, Any)
        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[param.name] = (annotation, default)
    model_name = "".join(part.title() for part in func.__name__.split("_")) + "Args"
    return create_model(model_name, __config__=ConfigDict(extra="forbid", str_strip_whitespace=True), **fields)


def _describe_validation_error(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors()[:3]:
        where = ".".join(str(part) for part in err["loc"]) or "arguments"
        problems.append(f"{where}: {err['msg']}")
    return "Invalid arguments: " + "; ".join(problems)


def load_plugin_tools() -> list[Tool]:
    """Tools that installed packages add through the `apitap.tools` entry-point group.

    An entry point may name a Tool or a list of Tools.
    """
    found: list[Tool] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        loaded = ep.load()
        items = loaded if isinstance(loaded, list | tuple) else [loaded]
        for item in items:
            if not isinstance(item, Tool):
                raise TypeError(f"entry point {ep.name!r} ({ep.value}) must name a Tool or a list of Tools")
            found.append(item)
    return found


def index_by_name(tools: list[Tool]) -> dict[str, Tool]:
    by_name: dict[str, Tool] = {}
    for item in tools:
        if item.name in by_name:
            raise ValueError(f"two tools are named {item.name!r}")
        by_name[item.name] = item
    return by_name


def is_error(result: BaseModel) -> bool:
    return isinstance(result, ToolError)
