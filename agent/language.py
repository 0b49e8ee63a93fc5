"""Which of the two supported languages a caller is speaking, from text alone."""

from __future__ import annotations

import re

from agent.contract import Language

_SPANISH_MARKS = re.compile(r"[¿¡ñáéíóú]", re.IGNORECASE)
_SPANISH_WORDS = frozenset(
    "el la los las de del que qué y en un una es por para con mi mis su pedido pedidos dónde donde cuándo cuando "
    "cómo como cuál cual hola gracias quiero puedo tienen tiene está estado envío envio devolución devolucion "
    "precio producto tarjeta mío mio ya no sí si buenos buenas días dias tardes noches necesito ayuda "
    "cuánto cuanto cuesta hay lo le me te nos pero o al muy más mas".split()
)
_ENGLISH_WORDS = frozenset(
    "the a an of and to in is my your what where when how which hello hi thanks thank you order orders status "
    "please can could i it for with do does have has my me we our price product card return refund shipping "
    "track tracking help need want is are was be".split()
)


def detect_language(text: str, default: Language = "en") -> Language:
    words = re.findall(r"[a-záéíóúñü]+", text.lower())
    spanish = sum(word in _SPANISH_WORDS for word in words) + 2 * len(_SPANISH_MARKS.findall(text))
    english = sum(word in _ENGLISH_WORDS for word in words)
    if spanish == english:
        return default
    return "es" if spanish > english else "en"
