"""Grade one agent turn against a case turn's expectations."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from agent.contract import TurnResult
from evals.cases import AnyOf, ExpectedCall, Pattern, Turn, ValueMatch
from evals.facts import fact_said, normalize, render
from evals.leaks import Leak
from evals.lookups import Bindings
from evals.results import CheckResult, TurnOutcome

_QUESTION = re.compile(r"[?¿]")


def grade_turn(
    index: int, turn: Turn, said: str, result: TurnResult, bindings: Bindings, leaks: list[Leak],
    heard: str | None = None,
) -> TurnOutcome:
    expect = turn.expect
    calls = [{"name": call.name, "args": dict(call.args)} for call in result.tool_calls]
    outcome = TurnOutcome(
        index=index, said=said, heard=heard, response=result.response, tool_calls=calls, data=result.data,
        timings_ms=result.timings_ms,
    )
    called = [call["name"] for call in calls]

    if expect.tools:
        _grade_tools(outcome, expect.tools, expect.tools_match, calls, bindings)
    if expect.no_tool:
        outcome.expects_abstention = True
        outcome.abstained = not calls
        outcome.checks.append(CheckResult(
            name="no_tool", passed=not calls,
            detail="no tool called" if not calls else f"expected no tool, called {', '.join(called)}",
        ))
    for name in expect.forbid_tools:
        if name in called:
            outcome.checks.append(CheckResult(name="forbidden_tool", passed=False, detail=f"called forbidden {name}"))

    for fact in expect.facts:
        options = fact.any_of if isinstance(fact, AnyOf) else [fact]
        values = [bindings.typed(option) for option in options]
        found = any(fact_said(value, result.response) for value in values)
        outcome.facts_expected += 1
        outcome.facts_found += int(found)
        shown = " | ".join(render(value) for value in values)
        outcome.checks.append(CheckResult(
            name="fact", passed=found, detail=f"{'said' if found else 'missing'}: {shown}",
        ))

    for pattern in expect.must_not_say:
        if isinstance(pattern, Pattern):
            hit = re.search(pattern.regex, result.response, re.IGNORECASE) is not None
            shown = f"/{pattern.regex}/"
        else:
            value = bindings.typed(pattern)
            hit = fact_said(value, result.response)
            shown = render(value)
        outcome.checks.append(CheckResult(
            name="must_not_say", passed=not hit, detail=f"{'said' if hit else 'not said'}: {shown}",
        ))

    if expect.clarifies:
        asks = _QUESTION.search(result.response) is not None
        outcome.checks.append(CheckResult(
            name="clarifies", passed=asks, detail="asked a question" if asks else "the reply asks no question",
        ))

    for stage, budget in expect.latency_ms.items():
        took = result.timings_ms.get(stage)
        within = took is not None and took <= budget
        detail = f"{stage}: not reported" if took is None else f"{stage}: {took:.0f} ms (budget {budget:.0f} ms)"
        outcome.checks.append(CheckResult(name="latency", passed=within, detail=detail))

    outcome.leak_count = len(leaks)
    for leak in leaks:
        outcome.checks.append(CheckResult(name="leak", passed=False, detail=f"{leak.where}: {leak.detail}"))
    return outcome


def _grade_tools(
    outcome: TurnOutcome, expected: list[ExpectedCall], match: str, calls: list[dict[str, Any]], bindings: Bindings,
) -> None:
    outcome.expects_tools = True
    names_ok = True
    for call in expected:
        label = "|".join(call.names)
        outcome.expected_tool_names.append(label)
        candidates = [actual for actual in calls if actual["name"] in call.names]
        outcome.tool_hits[label] = bool(candidates)
        if not candidates:
            names_ok = False
            called = ", ".join(actual["name"] for actual in calls) or "no tool"
            outcome.checks.append(CheckResult(name="tools", passed=False, detail=f"expected {label}, called {called}"))
            continue
        outcome.checks.append(CheckResult(name="tools", passed=True, detail=f"called {candidates[0]['name']}"))
        if not call.args and call.args_match == "subset":
            continue
        expected_args = {key: _resolve(value, bindings) for key, value in call.args.items()}
        problems_per_candidate = [_argument_problems(expected_args, actual["args"], call.args_match)
                                  for actual in candidates]
        best = min(problems_per_candidate, key=len)
        outcome.arguments_checked += 1
        outcome.arguments_correct += int(not best)
        outcome.checks.append(CheckResult(
            name="arguments", passed=not best,
            detail=f"{label} arguments match" if not best else f"{label}: " + "; ".join(best),
        ))
    if match == "exact":
        wanted = {name for call in expected for name in call.names}
        extra = sorted({actual["name"] for actual in calls} - wanted)
        if extra:
            names_ok = False
            outcome.checks.append(CheckResult(
                name="tools", passed=False, detail=f"unexpected extra tool calls: {', '.join(extra)}",
            ))
    outcome.tools_correct = names_ok


def _resolve(value: Any, bindings: Bindings) -> Any:
    if isinstance(value, str):
        return bindings.typed(value)
    if isinstance(value, ValueMatch):
        return ValueMatch(
            contains=bindings.render(value.contains) if value.contains is not None else None,
            one_of=[bindings.typed(v) if isinstance(v, str) else v for v in value.one_of]
            if value.one_of is not None else None,
            present=value.present,
        )
    return value


def _argument_problems(expected: dict[str, Any], actual: dict[str, Any], match: str) -> list[str]:
    problems = []
    for key, want in expected.items():
        got = actual.get(key)
        if isinstance(want, ValueMatch):
            if want.present is not None:
                if (got is not None) != want.present:
                    problems.append(f"{key} {'missing' if want.present else f'should be absent, got {got!r}'}")
            elif want.contains is not None:
                if got is None or normalize(want.contains) not in normalize(str(got)):
                    problems.append(f"{key}={got!r} does not contain {want.contains!r}")
            elif want.one_of is not None and not any(values_equal(option, got) for option in want.one_of):
                problems.append(f"{key}={got!r} not one of {want.one_of!r}")
        elif want is None:
            if got is not None:
                problems.append(f"{key} should be absent, got {got!r}")
        elif not values_equal(want, got):
            problems.append(f"{key}={got!r}, expected {render(want)!r}")
    if match == "exact":
        extra = sorted(key for key, value in actual.items() if key not in expected and value is not None)
        if extra:
            problems.append(f"unexpected arguments: {', '.join(extra)}")
    return problems


def values_equal(expected: Any, actual: Any) -> bool:
    """Lenient equality for tool arguments: numbers by value, text without case, accents or outer spaces."""
    if actual is None:
        return expected is None
    if isinstance(expected, bool) or isinstance(actual, bool):
        return str(expected).lower() == str(actual).lower()
    left, right = _number(expected), _number(actual)
    if left is not None and right is not None:
        return left == right
    return normalize(render(expected)) == normalize(render(actual))


def _number(value: Any) -> Decimal | None:
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*", value):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    return None
