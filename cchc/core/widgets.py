"""Inputs that bring up the right keyboard on a phone, and a drop-down drawn without a template per option."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class TelInput(forms.TextInput):
    """A phone number: ``type=tel`` (the phone's dial pad), filled in from the browser's own number."""

    input_type = "tel"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "tel", "autocomplete": "tel", **(attrs or {})})


class NumericInput(forms.TextInput):
    """Digits kept as text (an ID number, a tax code: leading zeros matter): the numeric keyboard."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "numeric", **(attrs or {})})


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """Django's ``attrs.html`` in Python: in order, ``True`` as the bare name, ``False`` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value)),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelect(forms.Select):
    """A drop-down rendered in Python, with the same HTML as Django's ``select.html``.

    Django draws each option through its own ``{% include %}`` of ``select_option.html``: a filter form
    with the units and procedures of a city (a hundred-odd options) spent more time there than in its
    page's table. Options, groups and attributes are those of ``get_context``, as for ``forms.Select``."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _ in widget["optgroups"]:
            inner = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), _attributes(o["attrs"]), o["label"]) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, inner) if group_name else inner
            )
        body = format_html_join("", "{}", ((g,) for g in groups))
        attributes = _attributes(widget["attrs"])
        return format_html('<select name="{}"{}>{}</select>', widget["name"], attributes, body)
