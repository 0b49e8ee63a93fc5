"""The embedded default LLM: llama.cpp in-process (llama-cpp-python), no server, no network.

The prompt is rendered here from the GGUF's own chat template rather than by llama-cpp-python's chat handlers, for
two reasons measured on the packaged Qwen2.5-1.5B: the small model writes most tool calls as ```json blocks that the
stock handlers miss (the lenient parser in `tool_call_parsing` recovers them), and a byte-stable prompt prefix
(system prompt + tool schemas) lets llama.cpp reuse its KV cache from one call to the next instead of re-reading
~600 tokens of tool schemas every turn.
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field, PrivateAttr

from agent.llm.chat_template import QWEN25_CHAT_TEMPLATE, ChatTemplate, to_template_messages
from agent.llm.deadline import seconds_left
from agent.llm.errors import LLMConfigError, LLMContextOverflow, LLMUnavailable
from agent.llm.models import is_assembled, missing_packages, packaged_model_path, resolve_gguf
from agent.llm.streaming import ToolCallStreamGuard, tool_call_chunks
from agent.llm.tool_call_parsing import parse_tool_calls
from core.model_assets import ModelAssetError
from core.settings import Settings

log = logging.getLogger(__name__)

_FORCE_ANY_TOOL = ("required", "any")
_END_OF_TURN = ("<|im_end|>", "<|endoftext|>")


@dataclass
class LoadedModel:
    """One llama.cpp model in memory, shared by every chat model object that names the same file and sizes."""

    llama: Any
    template: ChatTemplate
    path: Path
    load_seconds: float
    add_bos: bool
    plain_answer_banned_ids: list[int]
    vocab_pieces: list[str] = field(default_factory=list)
    """Each token's raw text, for the logits processors."""
    inference_lock: threading.Lock = field(default_factory=threading.Lock)
    _name_candidates: dict[tuple[str, ...], list[int]] = field(default_factory=dict)

    def tool_name_candidates(self, names: Sequence[str]) -> list[int]:
        """Tokens that could be part of one of `names` or close it: a vocabulary scan once per set of tools."""
        key = tuple(names)
        if key not in self._name_candidates:
            joined = "|".join(key)
            self._name_candidates[key] = [
                token_id for token_id, piece in enumerate(self.vocab_pieces)
                if piece and piece.split('"', 1)[0] in joined
            ]
        return self._name_candidates[key]


_loaded: dict[tuple[str, int, int, bool], LoadedModel] = {}
_loading_lock = threading.Lock()


@atexit.register
def _close_loaded_models() -> None:
    # llama-cpp-python's __del__ fails noisily when it runs after interpreter teardown has begun.
    for model in _loaded.values():
        model.llama.close()
    _loaded.clear()


def loaded_models() -> list[LoadedModel]:
    return list(_loaded.values())


def load_model(path: Path, context_tokens: int, threads: int, repack: bool = True) -> LoadedModel:
    """Load a GGUF once per process (per context size, thread count and weight layout); later calls return the
    same model. `repack`: let llama.cpp lay the weights out for the CPU's matrix units (`weight_repack`)."""
    key = (str(path.resolve()), context_tokens, threads, repack)
    with _loading_lock:
        if key in _loaded:
            return _loaded[key]
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise LLMUnavailable(
                "the embedded LLM needs llama-cpp-python; install apitap[local] or set LLM_PROVIDER=ollama|openai"
            ) from exc
        started = time.perf_counter()
        try:
            with model_params(repack):
                llama = Llama(model_path=str(path), n_ctx=context_tokens, n_threads=threads, n_batch=512,
                              verbose=False)
        except ValueError as exc:
            raise LLMUnavailable(f"llama.cpp could not load {path.name}: {exc}") from exc
        metadata = llama.metadata
        template_source = metadata.get("tokenizer.chat_template") or QWEN25_CHAT_TEMPLATE
        eos_id, bos_id = llama.token_eos(), llama.token_bos()
        template = ChatTemplate(
            template_source,
            bos_token=_piece(llama, bos_id) if bos_id >= 0 else "",
            eos_token=_piece(llama, eos_id) if eos_id >= 0 else "<|im_end|>",
        )
        model = LoadedModel(
            llama=llama,
            template=template,
            path=path,
            load_seconds=time.perf_counter() - started,
            add_bos=metadata.get("tokenizer.ggml.add_bos_token", "false") == "true" and bos_id >= 0,
            plain_answer_banned_ids=_plain_answer_banned_ids(pieces := _vocab_pieces(llama)),
            vocab_pieces=pieces,
        )
        log.info("llm loaded", extra={"model": path.name, "load_s": round(model.load_seconds, 2)})
        _loaded[key] = model
        return model


def weight_repack(setting: str, cpu_flags: str | None = None) -> bool:
    """Whether llama.cpp may repack the weights (`LLM_WEIGHT_REPACK`): "on"/"off" as set; "auto" is on unless the
    CPU has AMX. With AMX, llama.cpp repacks Q4_K weights for its AMX kernels, and the first decode then crashes the
    process (measured here on an AMX Xeon: segmentation fault; upstream ggml-org/llama.cpp#20824)."""
    if setting != "auto":
        return setting == "on"
    return "amx_int8" not in (_cpu_flags() if cpu_flags is None else cpu_flags).split()


def _cpu_flags() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            return next((line.partition(":")[2] for line in handle if line.startswith("flags")), "")
    except OSError:  # not Linux: no AMX kernels are picked by this check, and none were seen to crash
        return ""


@contextmanager
def model_params(repack: bool) -> Iterator[None]:
    """llama-cpp-python's `Llama` takes no argument for `use_extra_bufts`: its default model parameters are
    swapped while a model loads (`load_model` holds `_loading_lock`; `agent.llm.server` for its whole run)."""
    import llama_cpp.llama_cpp as low_level

    default = low_level.llama_model_default_params

    def params() -> Any:
        made = default()
        made.use_extra_bufts = repack
        return made

    low_level.llama_model_default_params = params
    try:
        yield
    finally:
        low_level.llama_model_default_params = default


def _piece(llama: Any, token_id: int) -> str:
    return llama._model.token_get_text(token_id)  # the special token's text, which detokenize() would hide


def _vocab_pieces(llama: Any) -> list[str]:
    """A vocabulary scan takes about 0.1 s, once per load."""
    return [_piece(llama, token_id) for token_id in range(llama.n_vocab())]


def _plain_answer_banned_ids(pieces: Sequence[str]) -> list[int]:
    """Tokens a spoken plain answer never needs and a written tool call always does.

    Banning only the `<tool_call>` token is not enough: after a tool result, with the tools still described in the
    prompt, the 1.5B model re-writes the call as ```json or {{"name": …}} text (4 of 4 in our respond probe).
    Braces and backticks make no sense in speech, so banning every token containing them costs nothing.
    """
    return [
        token_id for token_id, piece in enumerate(pieces)
        if "{" in piece or "`" in piece or piece.startswith(("<tool_call>", "<tool_response>", "</tool"))
    ]


@dataclass
class _Plan:
    prompt: str
    known_tools: list[str]
    parse_tools: bool
    suppress_tool_calls: bool
    prefill: str = ""
    only_tool_names: bool = False
    """The completion starts inside `"name": "` and must name one of `name_choices`."""
    name_choices: list[str] = field(default_factory=list)


@dataclass
class _Stats:
    prompt_tokens: int = 0
    reused_prompt_tokens: int = 0
    completion_tokens: int = 0
    first_token_s: float | None = None
    total_s: float = 0.0
    finish_reason: str = "stop"

    def metadata(self, model_name: str) -> dict[str, Any]:
        return {
            "model_name": model_name,
            "prompt_tokens": self.prompt_tokens,
            "reused_prompt_tokens": self.reused_prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "first_token_s": None if self.first_token_s is None else round(self.first_token_s, 3),
            "total_s": round(self.total_s, 3),
            "finish_reason": self.finish_reason,
        }

    def usage(self) -> UsageMetadata:
        return UsageMetadata(input_tokens=self.prompt_tokens, output_tokens=self.completion_tokens,
                             total_tokens=self.prompt_tokens + self.completion_tokens)


class EmbeddedLlamaChat(BaseChatModel):
    """Chat model over an in-process llama.cpp GGUF (default: the packaged Qwen2.5-Coder-1.5B-Instruct Q4_K_M).

    Greedy decoding (temperature 0). Tools bound with `bind_tools` are described in the system block of the
    model's chat template; calls come back as `AIMessage.tool_calls` whatever form the model wrote them in.
    `tool_choice="none"` keeps the same prompt prefix (so the KV cache is reused) and bans the tokens a written tool
    call needs (`<tool_call>`, braces, backticks), so the answer is plain text.
    """

    model_path: Path | None = Field(None, description="A GGUF file; None: the packaged Qwen2.5 model.")
    model_cache_dir: Path = Field(default_factory=lambda: Settings.model_fields["model_cache_dir"].default)
    context_tokens: int = 4096
    threads: int = 2
    max_answer_tokens: int = 160
    timeout_s: float = 60.0
    repack: bool = Field(default_factory=lambda: weight_repack("auto"),
                         description="Let llama.cpp repack the weights for the CPU (`weight_repack`).")
    tools_in_plain_answers: bool = Field(
        True, description="With tool_choice='none', keep the tool block in the prompt (reuses the KV cache)."
    )

    _model: LoadedModel | None = PrivateAttr(None)

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbeddedLlamaChat:
        if settings.llm_model_path is not None and not settings.llm_model_path.expanduser().is_file():
            raise LLMConfigError(f"LLM_MODEL_PATH={settings.llm_model_path} is not a file")
        return cls(
            model_path=settings.llm_model_path,
            model_cache_dir=settings.model_cache_dir,
            context_tokens=settings.llm_context_tokens,
            threads=settings.llm_threads,
            max_answer_tokens=settings.llm_max_answer_tokens,
            timeout_s=settings.llm_timeout_s,
            repack=weight_repack(settings.llm_weight_repack),
        )

    @property
    def _llm_type(self) -> str:
        return "llamacpp-embedded"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": str(self.model_path or "packaged-qwen2.5-coder-1.5b"),
                "context_tokens": self.context_tokens, "threads": self.threads}

    @property
    def model_name(self) -> str:
        return (self.model_path or packaged_model_path(self._settings_view())).name

    def load(self) -> LoadedModel:
        """Assemble (first time only) and load the model; the app's lifespan calls this so turn one is not slow."""
        if self._model is None:
            try:
                path = resolve_gguf(self._settings_view())
            except ModelAssetError as exc:
                raise LLMUnavailable(str(exc)) from exc
            self._model = load_model(path, self.context_tokens, self.threads, self.repack)
        return self._model

    def _settings_view(self) -> Settings:
        return Settings.model_construct(llm_model_path=self.model_path, model_cache_dir=self.model_cache_dir)

    holds_tool_names: ClassVar[bool] = True
    """`bind_tools(..., tool_names_allowed=[...])` narrows the choice without changing the prompt."""

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Any],
        *,
        tool_choice: str | dict[str, Any] | bool | None = None,
        tool_names_allowed: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """`tool_names_allowed` (with tool_choice "required"): every tool stays in the prompt, so the KV cache is
        reused, but the call must name one of these."""
        formatted = [convert_to_openai_tool(tool) for tool in tools]
        names = {tool["function"]["name"] for tool in formatted}
        forced = _forced_tool_name(tool_choice)
        if forced is not None and forced not in names:
            raise ValueError(f"tool_choice names '{forced}', which is not among the bound tools {sorted(names)}")
        if tool_names_allowed is not None:
            if unknown := set(tool_names_allowed) - names:
                raise ValueError(f"tool_names_allowed names {sorted(unknown)}, not among the bound tools")
            kwargs["tool_names_allowed"] = list(tool_names_allowed)
        if (first := kwargs.get("first_argument")) is not None:
            taken = next((t["function"]["parameters"].get("properties", {}) for t in formatted
                          if t["function"]["name"] == forced), {})
            if forced is None or first not in taken:
                raise ValueError(f"first_argument {first!r} needs a forced tool that takes it")
        return self.bind(tools=formatted, tool_choice=tool_choice, **kwargs)

    def render_prompt(self, messages: Sequence[BaseMessage], tools: Sequence[dict[str, Any]] | None = None,
                      tool_choice: str | dict[str, Any] | bool | None = None) -> str:
        """The exact prompt text the model will read for these messages (tests and benchmarks use it)."""
        return self._plan(list(messages), {"tools": tools, "tool_choice": tool_choice}).prompt

    def _plan(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> _Plan:
        template = self.load().template
        tools = [convert_to_openai_tool(tool) for tool in (kwargs.get("tools") or [])]
        tool_choice = kwargs.get("tool_choice")
        chat = to_template_messages(messages)
        if not tools:
            return _Plan(template.render(chat), [], parse_tools=False, suppress_tool_calls=False)
        names = [tool["function"]["name"] for tool in tools]
        if tool_choice == "none" or tool_choice is False:
            prompt_tools = tools if self.tools_in_plain_answers else None
            return _Plan(template.render(chat, prompt_tools), names, parse_tools=False, suppress_tool_calls=True)
        prompt = template.render(chat, tools)
        forced = _forced_tool_name(tool_choice)
        choosing_a_tool = forced is None and (tool_choice in _FORCE_ANY_TOOL or tool_choice is True)
        if forced is not None:
            prefill = '<tool_call>\n{"name": "' + forced + '", "arguments": '
            if _takes_arguments(tools, forced):
                # Opening the object leaves the model only the keys and values to write (measured without it:
                # `"arguments": 5678, 16}` for "the last four digits are 5678 and the order is 16").
                prefill += '{"'
                if first := kwargs.get("first_argument"):
                    # The key the agent knows the value can be for (measured: "How much are the Kumo Over-Ear
                    # Headphones Z55?" got product_id 12345 where the name was said), and for a text value its
                    # opening quote (measured without it: `"name": 12345`).
                    prefill += first + '": ' + ('"' if _argument_type(tools, forced, first) == "string" else "")
        elif choosing_a_tool:
            # Opening the name too leaves the model only the choice of which tool (measured: with just the tag it
            # closed the call empty), and the name is held to the offered ones (measured without that: names like
            # "getpaymentmethods" or "John Doe"). A full JSON grammar did the same at twice the decode time.
            prefill = '<tool_call>\n{"name": "'
        else:
            prefill = ""
        return _Plan(prompt + prefill, names, parse_tools=True, suppress_tool_calls=False, prefill=prefill,
                     only_tool_names=choosing_a_tool, name_choices=kwargs.get("tool_names_allowed") or names)

    def _complete(self, plan: _Plan, stop: list[str] | None, stats: _Stats) -> Iterator[str]:
        """Stream the model's text for a planned prompt, holding the inference lock until the stream ends."""
        from llama_cpp import LogitsProcessorList, StoppingCriteriaList

        model = self.load()
        llama = model.llama
        waited = time.monotonic()
        if not model.inference_lock.acquire(timeout=seconds_left(self.timeout_s)):
            raise LLMUnavailable(
                f"the embedded model is overloaded: busy with other callers for {time.monotonic() - waited:.0f} s"
            )
        try:
            started = time.perf_counter()
            tokens = llama.tokenize(plan.prompt.encode("utf-8"), add_bos=False, special=True)
            if model.add_bos:
                tokens = [llama.token_bos(), *tokens]
            room = self.context_tokens - len(tokens)
            if room < 8:
                raise LLMContextOverflow(
                    f"the conversation needs {len(tokens)} tokens; the context holds {self.context_tokens}"
                )
            stats.prompt_tokens = len(tokens)
            stats.reused_prompt_tokens = _common_prefix(llama._input_ids[: llama.n_tokens].tolist(), tokens)
            budget = seconds_left(self.timeout_s)
            if budget <= 0:
                raise LLMUnavailable(f"the embedded model did not finish within {self.timeout_s:.0f} s")
            deadline = time.monotonic() + budget
            timed_out = False

            def past_deadline(_ids: Any, _logits: Any) -> bool:
                nonlocal timed_out
                timed_out = time.monotonic() > deadline
                return timed_out

            logits_processor = None
            if plan.suppress_tool_calls and model.plain_answer_banned_ids:
                logits_processor = LogitsProcessorList([_Ban(model.plain_answer_banned_ids)])
            elif plan.only_tool_names:
                only_names = _OnlyToolNames(model.vocab_pieces, plan.name_choices,
                                            model.tool_name_candidates(plan.name_choices), prompt_length=len(tokens))
                logits_processor = LogitsProcessorList([only_names])
            stream = llama.create_completion(
                prompt=tokens,
                max_tokens=min(self.max_answer_tokens, room),
                temperature=0.0,
                repeat_penalty=1.0,
                stop=[*_END_OF_TURN, *(stop or [])],
                stream=True,
                logits_processor=logits_processor,
                stopping_criteria=StoppingCriteriaList([past_deadline]),
            )
            for chunk in stream:
                choice = chunk["choices"][0]
                if choice.get("finish_reason"):
                    stats.finish_reason = choice["finish_reason"]
                text = choice.get("text") or ""
                if text:
                    if stats.first_token_s is None:
                        stats.first_token_s = time.perf_counter() - started
                    yield text
            stats.total_s = time.perf_counter() - started
            stats.completion_tokens = max(0, llama.n_tokens - len(tokens))
            if timed_out:
                raise LLMUnavailable(f"the embedded model did not finish within {self.timeout_s:.0f} s")
        finally:
            model.inference_lock.release()

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        plan = self._plan(messages, kwargs)
        stats = _Stats()
        text = plan.prefill + "".join(self._complete(plan, stop, stats))
        calls: list[dict[str, Any]] = []
        if plan.parse_tools:
            calls, text = parse_tool_calls(text, plan.known_tools)
        message = AIMessage(
            content=text.strip(),
            tool_calls=calls,
            response_metadata=stats.metadata(self.model_name),
            usage_metadata=stats.usage(),
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        plan = self._plan(messages, kwargs)
        stats = _Stats()
        guard = ToolCallStreamGuard(plan.known_tools) if plan.parse_tools else None
        if guard is not None:
            guard.feed(plan.prefill)
        for piece in self._complete(plan, stop, stats):
            out = guard.feed(piece) if guard is not None else piece
            if out:
                yield ChatGenerationChunk(message=AIMessageChunk(content=out))
        text, calls = guard.finish() if guard is not None else ("", [])
        yield ChatGenerationChunk(
            message=AIMessageChunk(
                content=text,
                tool_call_chunks=tool_call_chunks(calls),
                response_metadata=stats.metadata(self.model_name),
                usage_metadata=stats.usage(),
                chunk_position="last",
            )
        )


class _Ban:
    """Logits processor that makes some tokens impossible (numpy indexing: no per-token Python loop)."""

    def __init__(self, token_ids: Sequence[int]) -> None:
        self.token_ids = np.asarray(token_ids, dtype=np.intc)

    def __call__(self, _input_ids: Any, scores: np.ndarray) -> np.ndarray:
        scores[self.token_ids] = -np.inf
        return scores


class _OnlyToolNames:
    """Logits processor for a completion that starts inside `{"name": "`: until the name's closing quote, only
    tokens that keep the text on the way to one of the offered names are allowed; after it, it steps aside."""

    def __init__(self, pieces: Sequence[str], names: Sequence[str], candidates: Sequence[int],
                 prompt_length: int) -> None:
        self.pieces = pieces
        self.targets = [f'{name}"' for name in names]
        self.candidates = candidates
        self.prompt_length = prompt_length

    def __call__(self, input_ids: Any, scores: np.ndarray) -> np.ndarray:
        written = "".join(self.pieces[token_id] for token_id in input_ids[self.prompt_length:])
        if '"' in written:
            return scores
        allowed = [token_id for token_id in self.candidates if self._on_the_way(written + self.pieces[token_id])]
        if allowed:
            keep = scores[allowed]
            scores[:] = -np.inf
            scores[allowed] = keep
        return scores

    def _on_the_way(self, text: str) -> bool:
        """`text` is the start of an offered name (with its closing quote), or that name and then more."""
        return any(target.startswith(text) or text.startswith(target) for target in self.targets)


def _argument_type(tools: Sequence[dict[str, Any]], name: str, argument: str) -> str | None:
    for tool in tools:
        if tool["function"]["name"] == name:
            return tool["function"]["parameters"].get("properties", {}).get(argument, {}).get("type")
    return None


def _takes_arguments(tools: Sequence[dict[str, Any]], name: str) -> bool:
    schema = next(tool["function"] for tool in tools if tool["function"]["name"] == name)
    return bool((schema.get("parameters") or {}).get("properties"))


def _forced_tool_name(tool_choice: str | dict[str, Any] | bool | None) -> str | None:
    if isinstance(tool_choice, dict):
        name = (tool_choice.get("function") or {}).get("name") or tool_choice.get("name")
        return name if isinstance(name, str) else None
    if isinstance(tool_choice, str) and tool_choice not in ("auto", "none", *_FORCE_ANY_TOOL):
        return tool_choice
    return None


def _common_prefix(cached: Sequence[int], tokens: Sequence[int]) -> int:
    count = 0
    for a, b in zip(cached, tokens, strict=False):
        if a != b:
            break
        count += 1
    return count


def check(settings: Settings) -> tuple[Literal["ok", "degraded", "down"], str]:
    """Is the GGUF there (or loaded) and the runtime installed? Never loads or assembles the model."""
    if importlib.util.find_spec("llama_cpp") is None:
        return "down", "llama-cpp-python is not installed (install apitap[local])"
    if settings.llm_model_path is not None:
        path = settings.llm_model_path.expanduser()
    else:
        path = packaged_model_path(settings)
    if any(model.path.resolve() == path.resolve() for model in loaded_models()):
        return "ok", f"{path.name} is loaded"
    if settings.llm_model_path is not None:
        return ("ok", f"{path.name} is ready to load") if path.is_file() else ("down", f"{path} is not a file")
    if is_assembled(settings):
        return "ok", f"{path.name} is assembled and ready to load"
    missing = missing_packages()
    if missing:
        return "down", f"the packaged LLM is missing {', '.join(missing)} (install apitap[local])"
    return "degraded", "the packaged LLM is not assembled yet; the first turn assembles it (about 1.1 GB)"
