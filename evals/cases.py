"""The eval case format: YAML files validated by these models (exported as `evals/case.schema.json`).

A case file holds `cases: [...]`. Text in a case may name database facts as `{lookup.field}` placeholders
(`{order.status}`, `{product.price}`, `{customer.first_name}`); they are resolved against the database at run time
by `evals.lookups`, so cases stay true when the demo data is regenerated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.i18n import Language

Stage = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description=(
    "A timing stage the turn reports: total, llm_first_token, tools, respond, stt, tts_first_audio, or any other "
    "stage name the agent adds. A budget on a stage the turn does not report fails."))]
Identity = Literal["anonymous", "verified", "self_verifying"]

PLACEHOLDER = re.compile(r"\{([a-z_]+)\.([a-z_0-9]+)\}")
"""`{lookup.field}`. Deliberately narrow so JSON in an injection attempt (`{"name": …}`) is left alone."""

BUNDLED_CASES_DIR = Path(__file__).parent / "cases"
SCHEMA_PATH = Path(__file__).parent / "case.schema.json"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Caller(_Strict):
    """Who is calling, and what the agent is told about it."""

    identity: Identity = Field(
        "anonymous",
        description="anonymous: no customer id is passed. verified: the customer's id is passed as the trusted "
        "`customer_id`. self_verifying: no id is passed, the caller proves who they are in the conversation "
        "(e-mail + postal code), and their own data then counts as theirs for leak detection.",
    )
    customer_id: int | None = Field(None, ge=1, description="A fixed customer; the `{customer.*}` lookup.")
    with_order_status: str | None = Field(
        None,
        description="Pick, at run time, a customer who has an order in this status; that order is `{order.*}`.",
    )
    owns: Literal["return", "ticket", "card", "injected_ticket"] | None = Field(
        None, description="Pick, at run time, a customer who owns one of these (`{return.*}`, `{ticket.*}`, …).",
    )

    @model_validator(mode="after")
    def _who(self) -> Caller:
        chosen = [name for name in ("customer_id", "with_order_status", "owns") if getattr(self, name) is not None]
        if len(chosen) > 1:
            raise ValueError(f"give only one of customer_id, with_order_status, owns (got {', '.join(chosen)})")
        if self.identity != "anonymous" and not chosen:
            raise ValueError(f"identity {self.identity!r} needs customer_id, with_order_status or owns")
        return self


class ValueMatch(_Strict):
    """A looser expectation for one argument value."""

    contains: str | None = Field(None, description="The argument, as text, contains this (case-insensitive).")
    one_of: list[Any] | None = Field(None, description="The argument equals one of these.")
    present: bool | None = Field(None, description="true: the argument is given (any value); false: absent.")

    @model_validator(mode="after")
    def _exactly_one(self) -> ValueMatch:
        given = [name for name in ("contains", "one_of", "present") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("an argument matcher needs exactly one of: contains, one_of, present")
        return self


ArgValue = ValueMatch | str | int | float | bool | None


class ExpectedCall(_Strict):
    name: str | list[str] = Field(description="The tool's name, or a list of names any one of which will do.")
    args: dict[str, ArgValue] = Field(default_factory=dict, description="Expected arguments (may use placeholders).")
    args_match: Literal["subset", "exact"] = Field(
        "subset", description="subset: these arguments match, others may be given; exact: no other arguments."
    )

    @property
    def names(self) -> list[str]:
        return [self.name] if isinstance(self.name, str) else list(self.name)

    @field_validator("name")
    @classmethod
    def _named(cls, value: str | list[str]) -> str | list[str]:
        names = [value] if isinstance(value, str) else value
        if not names or any(not re.fullmatch(r"[a-z_][a-z0-9_]*", name) for name in names):
            raise ValueError("a tool name is lower_snake_case (or a non-empty list of such names)")
        return value


class AnyOf(_Strict):
    any_of: list[str] = Field(min_length=1, description="Saying any one of these counts.")


Fact = Annotated[str | AnyOf, Field(description="Must be said: a literal, a `{lookup.field}`, or any_of.")]


class Pattern(_Strict):
    regex: str

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        return value


class Expect(_Strict):
    tools: list[ExpectedCall] = Field(default_factory=list, description="Tool calls that must happen.")
    tools_match: Literal["subset", "exact"] = Field(
        "subset", description="subset: other tools may also be called; exact: only the expected tool names."
    )
    no_tool: bool = Field(False, description="The turn must not call any tool (abstention).")
    forbid_tools: list[str] = Field(default_factory=list, description="Tools that must not be called.")
    facts: list[Fact] = Field(default_factory=list)
    must_not_say: list[str | Pattern] = Field(
        default_factory=list, description="Literals (placeholders allowed) or {regex: …} that must not appear."
    )
    clarifies: bool = Field(False, description="The reply must ask the caller a question.")
    latency_ms: dict[Stage, float] = Field(default_factory=dict, description="Budget per stage, in ms.")

    @model_validator(mode="after")
    def _consistent(self) -> Expect:
        if self.no_tool and self.tools:
            raise ValueError("no_tool: true cannot be combined with expected tools")
        clash = {name for call in self.tools for name in call.names} & set(self.forbid_tools)
        if clash:
            raise ValueError(f"tools both expected and forbidden: {sorted(clash)}")
        return self


class Turn(_Strict):
    say: str = Field(min_length=1, description="What the caller says (placeholders allowed).")
    expect: Expect = Field(default_factory=Expect)


class Case(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)
    description: str | None = None
    tags: list[str] = Field(default_factory=list)
    language: Language
    caller: Caller = Field(default_factory=Caller)
    given: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Parameters for named lookups, e.g. `product: {in_stock: true}` narrows `{product.*}`.",
    )
    turns: list[Turn] = Field(min_length=1)

    def placeholders(self) -> set[tuple[str, str]]:
        texts: list[str] = []
        for turn in self.turns:
            texts.append(turn.say)
            texts.extend(_expect_texts(turn.expect))
        return {match.groups() for text in texts for match in PLACEHOLDER.finditer(text)}


class CaseFile(_Strict):
    """One YAML file of eval cases."""

    cases: list[Case] = Field(min_length=1)


def _expect_texts(expect: Expect) -> Iterable[str]:
    for fact in expect.facts:
        yield from fact.any_of if isinstance(fact, AnyOf) else [fact]
    for pattern in expect.must_not_say:
        if isinstance(pattern, str):
            yield pattern
    for call in expect.tools:
        for value in call.args.values():
            if isinstance(value, str):
                yield value
            elif isinstance(value, ValueMatch) and value.contains:
                yield value.contains


class CaseFileError(ValueError):
    """A case file cannot be used; the message names the file, the case and the field."""


def load_cases(paths: Iterable[Path] | None = None) -> list[Case]:
    """Cases from YAML files or directories (searched recursively for *.yaml / *.yml); default: the bundled set."""
    files = _case_files(list(paths) if paths else [BUNDLED_CASES_DIR])
    cases: list[Case] = []
    seen: dict[str, Path] = {}
    for file in files:
        for case in load_case_file(file):
            if case.id in seen:
                raise CaseFileError(f"{file}: case id {case.id!r} is already used in {seen[case.id]}")
            seen[case.id] = file
            cases.append(case)
    return cases


def _case_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise CaseFileError(f"{path}: no *.yaml case files in this directory")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CaseFileError(f"{path}: no such file or directory")
    return files


def load_case_file(path: Path) -> list[Case]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CaseFileError(f"{path}: not valid YAML: {exc}") from None
    except UnicodeDecodeError:
        raise CaseFileError(f"{path}: not UTF-8 text") from None
    if not isinstance(raw, dict):
        raise CaseFileError(f"{path}: expected a mapping with a 'cases' list at the top")
    try:
        return CaseFile.model_validate(raw).cases
    except ValidationError as exc:
        raise CaseFileError(f"{path}: " + _describe(exc, raw)) from None


def _describe(exc: ValidationError, raw: dict[str, Any]) -> str:
    by_location: dict[tuple[Any, ...], list[str]] = {}
    for err in exc.errors():
        loc = tuple(part for part in err["loc"] if not _is_union_branch(part))
        by_location.setdefault(loc, []).append(err["msg"])
    problems = []
    for loc_tuple, messages in list(by_location.items())[:5]:
        loc = list(loc_tuple)
        where = ".".join(str(part) for part in loc) or "file"
        if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int):
            case = raw.get("cases", [])[loc[1]] if isinstance(raw.get("cases"), list) else None
            case_id = case.get("id") if isinstance(case, dict) else None
            where = f"case {case_id!r}" if case_id else f"case #{loc[1] + 1}"
            rest = [str(part) for part in loc[2:]]
            if rest:
                where += " " + ".".join(rest)
        others = f" (nor any of the {len(messages) - 1} other accepted forms)" if len(messages) > 1 else ""
        problems.append(f"{where}: {messages[0]}{others}")
    more = len(by_location) - len(problems)
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


def _is_union_branch(part: object) -> bool:
    # pydantic names the union member it tried ("str", "AnyOf", "function-after[...]"); it only adds noise here
    return isinstance(part, str) and (part[:1].isupper() or part in {"str", "int", "float", "bool", "none"}
                                      or "[" in part)


def json_schema() -> dict[str, Any]:
    schema = CaseFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Apitap eval case file"
    return schema


def write_json_schema(path: Path = SCHEMA_PATH) -> Path:
    path.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
