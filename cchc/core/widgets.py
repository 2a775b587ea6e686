"""Inputs that bring up the right keyboard on a phone, and inputs and a drop-down drawn in Python with
Django's own HTML (without a template per input or per option)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.forms.widgets import Input
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext


def escaped(value: Any) -> str:
    """Django's ``conditional_escape``, character for character, without its wrappers for lazy strings
    (a call through them cost ten times the escaping: bench/bench_public_page_cpu.py): a lazy string is
    made a string, a safe string (``__html__``) kept as it is, anything else escaped."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def format_html(template: str, *args: Any) -> SafeString:
    """Django's ``format_html`` (positional arguments), each argument through ``escaped``."""
    return SafeString(template.format(*[escaped(a) for a in args]))


def format_html_join(sep: str, template: str, rows: Iterable[tuple[Any, ...]]) -> SafeString:
    """Django's ``format_html_join``: ``format_html`` of each row, joined by ``sep`` (escaped)."""
    return SafeString(escaped(sep).join(template.format(*[escaped(a) for a in row]) for row in rows))


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
    return SafeString(
        "".join(
            f" {escaped(name)}" if value is True else f' {escaped(name)}="{escaped(str(value))}"'
            for name, value in attrs.items()
            if value is not False
        )
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


# Django's templates for these inputs are ``input.html`` and nothing else.
_PLAIN_INPUTS = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in ("text", "email", "tel", "number", "password", "hidden", "url", "search")
)


class QuickInput(Input):
    """An ``<input>`` rendered in Python, with the same HTML as Django's ``input.html``.

    Each input through Django's form renderer is a template render with an include: the public look-up
    page (the busiest page a citizen opens) spent more CPU drawing its few inputs than reading its
    dossier (bench/bench_public_page_cpu.py). Attributes, value and escaping come from ``get_context``
    exactly as for Django's widget; a widget given another template is left to Django."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if self.template_name not in _PLAIN_INPUTS:
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            shown,
            _attributes(widget["attrs"]),
        )


class QuickTextInput(QuickInput, forms.TextInput):
    pass


class QuickEmailInput(QuickInput, forms.EmailInput):
    pass


class QuickHiddenInput(QuickInput, forms.HiddenInput):
    pass


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
