"""Inputs that bring up the right keyboard on a phone, and a drop-down drawn without a template per option."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext


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


def _option(option: dict[str, Any]) -> tuple[str, SafeString, str]:
    if isinstance(option["value"], ModelChoiceIteratorValue):
        return str(option["value"]), _attributes({**option["attrs"], "lang": "vi"}), option["label"]
    label = option["label"]
    return (
        str(option["value"]),
        _attributes(option["attrs"]),
        gettext(label) if isinstance(label, str) and label else label,
    )


class QuickSelect(forms.Select):
    """A drop-down rendered in Python, with the same HTML as Django's ``select.html``.

    Django draws each option through its own ``{% include %}`` of ``select_option.html``: a filter form
    with the units and procedures of a city (a hundred-odd options) spent more time there than in its
    page's table. Options, groups and attributes are those of ``get_context``, as for ``forms.Select``.

    An option naming a record (a unit, a procedure: data) is marked ``lang="vi"``; any other label is a
    choice label marked with ``gettext_noop`` and is shown in the page's language (docs/translating.md)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _ in widget["optgroups"]:
            inner = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (_option(o) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, inner) if group_name else inner
            )
        body = format_html_join("", "{}", ((g,) for g in groups))
        attributes = _attributes(widget["attrs"])
        return format_html('<select name="{}"{}>{}</select>', widget["name"], attributes, body)


class PageLanguageSelect(forms.Select):
    """Django's drop-down, its options in the page's language: a choice label (marked with
    ``gettext_noop``) translated, an option naming a record (data) marked ``lang="vi"``."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        if isinstance(option["value"], ModelChoiceIteratorValue):
            option["attrs"]["lang"] = "vi"
        elif isinstance(option["label"], str) and option["label"]:
            option["label"] = gettext(option["label"])
        return option


class PageLanguageSelectMultiple(PageLanguageSelect, forms.SelectMultiple):
    """The same for a list box."""
