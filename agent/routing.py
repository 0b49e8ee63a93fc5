"""Which tools fit the caller's words: the first stage of a tool decision, learned from the examples tools declare.

A character n-gram classifier (the featurisation of Rasa's classic NLU pipeline: robust to typos, accents and
inflections, and sub-millisecond) ranks every tool, and the `reply` pseudo-tool, from the example requests each
tool declares per language (`Tool.examples`), the examples a catalogue adds for other languages
(`routing.examples.<tool>`), and the catalogues' examples of words that need no tool (`routing.reply`). The model
then chooses among the shortlist and fills the arguments. No tool is named here: a plugin's examples count the same.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline

from core import i18n
from core.settings import get_settings
from core.trained_cache import load_or_train
from tools.registry import Tool

log = logging.getLogger(__name__)

REPLY = "reply"
"""The label for words that need no tool: greetings, thanks, chit-chat, questions that are not about the shop."""

_RECIPE = {"chars": [2, 5], "words": [1, 2], "C": 20.0}
"""How the router is built; part of its cache key, so a change retrains it."""

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|\b\w+ (at|arroba) \w+ (dot|punto) \w+")
_DIGITS = re.compile(r"\d+")


def normalise(text: str) -> str:
    """Lower case, accent-free, with every number as 0 and every e-mail as `email`: "order 12" and "order 7" are
    the same request, and so are "envío" and "envio"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _DIGITS.sub("0", _EMAIL.sub(" email ", plain))


@dataclass(frozen=True)
class Ranking:
    """Every label's probability for one request, best first."""

    labels: tuple[str, ...]
    probabilities: tuple[float, ...]

    @property
    def best(self) -> str:
        return self.labels[0]

    def probability(self, label: str) -> float:
        return dict(zip(self.labels, self.probabilities, strict=True)).get(label, 0.0)

    def shortlist(self, size: int, mass: float) -> list[str]:
        """The fewest best labels whose probabilities add up to `mass`, at most `size` of them: one when the
        router is sure, several when it is not."""
        chosen: list[str] = []
        total = 0.0
        for label, p in zip(self.labels, self.probabilities, strict=True):
            if len(chosen) == size or (chosen and total >= mass):
                break
            chosen.append(label)
            total += p
        return chosen


class Router:
    """Ranks the tools (and `reply`) for a request. Built once per tool set; ranking costs well under 1 ms."""

    def __init__(self, examples: dict[str, list[str]]):
        if len(examples) < 2:
            raise ValueError("routing needs examples for at least two labels")
        texts = [normalise(text) for texts in examples.values() for text in texts]
        labels = [label for label, texts in examples.items() for _ in texts]
        features = FeatureUnion([
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(_RECIPE["chars"]), sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=tuple(_RECIPE["words"]), sublinear_tf=True,
                                      token_pattern=r"(?u)\b\w+\b")),
        ])
        self._pipeline = make_pipeline(features, LogisticRegression(C=_RECIPE["C"], max_iter=5000))
        self._pipeline.fit(texts, labels)
        self.labels: tuple[str, ...] = tuple(self._pipeline.classes_)

    def rank(self, text: str) -> Ranking:
        probabilities = self._pipeline.predict_proba([normalise(text)])[0]
        order = np.argsort(-probabilities)
        return Ranking(tuple(self.labels[i] for i in order), tuple(float(probabilities[i]) for i in order))


def training_examples(tools: Sequence[Tool]) -> dict[str, list[str]]:
    """Each tool's declared examples in every language, plus those the catalogues add, plus the `reply` ones."""
    examples: dict[str, list[str]] = {}
    for tool in tools:
        declared = [text for texts in tool.examples.values() for text in texts]
        added = [text for texts in i18n.every(f"routing.examples.{tool.name}").values() for text in texts]
        if declared or added:
            examples[tool.name] = [*declared, *added]
    examples[REPLY] = [text for texts in i18n.every("routing.reply").values() for text in texts]
    return examples


def requests_by_language(tools: Sequence[Tool]) -> dict[str, list[str]]:
    """Every example request (the tools' and the catalogues', and the words that need no tool) by language: whole
    sentences callers say, which is also what the hands-free ear learns a finished sentence from."""
    by_language: dict[str, list[str]] = {}
    for tool in tools:
        for language, texts in [*tool.examples.items(), *i18n.every(f"routing.examples.{tool.name}").items()]:
            by_language.setdefault(language, []).extend(texts)
    for language, texts in i18n.every("routing.reply").items():
        by_language.setdefault(language, []).extend(texts)
    return by_language


@lru_cache(maxsize=8)
def router_for(tools: tuple[Tool, ...], catalogues: int) -> Router:
    """One trained router per tool set and catalogue version (`catalogues` is only part of the cache key). A router
    trained on the same examples before is loaded from the model cache: training takes seconds on 2 cores."""
    examples = training_examples(tools)
    return load_or_train(get_settings().model_cache_dir, "routing", [examples, _RECIPE], lambda: Router(examples))


def route(tools: Sequence[Tool], text: str) -> Ranking:
    return router_for(tuple(tools), i18n.version()).rank(text)
