"""Whether a caller's words so far sound finished, judged from the words: a second opinion beside Smart Turn.

Smart Turn hears intonation, and synthetic or flat speech fools it (measured: 0.91 "complete" on Spanish "Quería
saber…" before a pause). A small classifier over the end of the text decides instead whether a sentence stops there.
It learns from complete caller requests — whatever corpus it is given, e.g. the routing examples every tool declares
in every language — each one a finished sentence, and every cut of it at an earlier word an unfinished one. No
language is named here: a language with example requests gets the judgement with no word list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression

_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W_]+")


def _words(text: str, language: str | None = None) -> list[str]:
    """Plain lower-case words, accents off, every number (also a spoken one, in `language`) as 0."""
    if language is not None:
        text = _digits(text, language)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(_NUMBER.sub("0", plain))


def _digits(text: str, language: str) -> str:
    from text_to_num import alpha2digit

    try:
        return alpha2digit(text, language)
    except ValueError:  # a language text2num does not read
        return text


def _ending_features(text: str) -> list[str]:
    """What the end of the text looks like: its last one to three words, the last word's final letters (so an
    inflection or a typo of a known ending still counts), and the first word beside the last ("which … methods"
    asks a question that has not come yet)."""
    words = text.split() or ["<empty>"]
    features = [f"w1={words[-1]}", f"f1={words[0]}", f"fl={words[0]}|{words[-1]}"]
    if len(words) >= 2:
        features.append(f"w2={' '.join(words[-2:])}")
        features.append(f"p1={words[-2]}")
    if len(words) >= 3:
        features.append(f"w3={' '.join(words[-3:])}")
    features += [f"s{k}={words[-1][-k:]}" for k in (2, 3, 4) if len(words[-1]) > k]
    return features


class Completeness:
    """`unfinished(text)`: the probability that the words stop in the middle of a sentence."""

    def __init__(self, sentences: Mapping[str, Iterable[str]]):
        """`sentences`: complete caller requests by language code."""
        texts: list[str] = []
        labels: list[int] = []
        for language, said in sentences.items():
            for sentence in said:
                words = _words(sentence, language)
                if not words:
                    continue
                texts.append(" ".join(words))
                labels.append(0)
                texts += [" ".join(words[:cut]) for cut in range(1, len(words))]
                labels += [1] * (len(words) - 1)
        if len(set(labels)) < 2:
            raise ValueError("completeness needs sentences of two words or more")
        self._features = HashingVectorizer(analyzer=_ending_features, n_features=2**18, alternate_sign=False,
                                           norm=None)
        self._model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
        self._model.fit(self._features.transform(texts), np.array(labels))

    def unfinished(self, text: str, language: str) -> float:
        words = _words(text, language)
        if not words:
            return 0.0
        return float(self._model.predict_proba(self._features.transform([" ".join(words)]))[0][1])
