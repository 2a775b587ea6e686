"""Inputs that bring up the right keyboard on a phone."""

from __future__ import annotations

from typing import Any

from django import forms


class TelInput(forms.TextInput):
    """A phone number: ``type=tel`` (the phone's dial pad), filled in from the browser's own number."""

    input_type = "tel"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "tel", "autocomplete": "tel", **(attrs or {})})


class NumericInput(forms.TextInput):
    """Digits kept as text (an ID number, a tax code: leading zeros matter): the numeric keyboard."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "numeric", **(attrs or {})})
