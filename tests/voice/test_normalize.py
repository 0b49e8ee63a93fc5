"""Text rewritten for speech: prices and order-number signs read the way a person says them."""

from __future__ import annotations

import pytest

from voice.tts.normalize import speakable


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("It costs $49.99.", "en", "It costs 49 dollars and 99 cents."),
        ("Total: $1,250.00", "en", "Total: 1250 dollars"),
        ("Only $1.", "en", "Only 1 dollar."),
        ("Cuesta $49.99.", "es", "Cuesta 49 dólares con 99 centavos."),
        ("Son 12,50 € en total.", "es", "Son 12 euros con 50 centavos en total."),
        ("Son €1.200,05", "es", "Son 1200 euros con 5 centavos"),
        ("Order #48213 shipped.", "en", "Order number 48213 shipped."),
        ("Pedido nº 48213.", "es", "Pedido número 48213."),
        ("Your **order** is `ready`.", "en", "Your order is ready."),
        ("Version 2.5 has 3 items.", "en", "Version 2.5 has 3 items."),
    ],
)
def test_speakable(text: str, language, expected: str) -> None:
    assert speakable(text, language) == expected
