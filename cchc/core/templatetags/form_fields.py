"""``{% form_field field %}``: a form field with its label, help and errors, the HTML of the include
``dossiers/_field.html`` drawn in Python.

The include is a template render per field; on the public look-up (the busiest page a citizen opens,
bench/bench_public_page_cpu.py) its four fields cost more CPU than the dossier's query. The markup is
character for character that of the include (a test holds them together), so a page may use either."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

# Django's format_html and format_html_join, without the wrappers for lazy strings (core.widgets).
from cchc.core.widgets import format_html, format_html_join

register = template.Library()


@register.simple_tag
def form_field(field: forms.BoundField, wrap: str = "") -> SafeString:
    if getattr(field.field.widget, "input_type", None) == "checkbox":
        shown = format_html(
            '\n  <div class="form-check">{} <label class="form-check-label" for="{}">{}</label></div>\n  ',
            str(field),  # the widget's own (safe) HTML: a BoundField itself would be escaped
            field.id_for_label,
            field.label,
        )
    else:
        shown = format_html(
            '\n  <label for="{}" class="form-label">{}</label>\n  {}\n  ',
            field.id_for_label,
            field.label,
            str(field),
        )
    helped = format_html('<div class="form-text">{}</div>', field.help_text) if field.help_text else ""
    errors = format_html_join(
        "", '<div class="invalid-feedback d-block" role="alert">{}</div>', ((e,) for e in field.errors)
    )
    return format_html('<div class="{}">\n  {}\n  {}\n  {}\n</div>\n', wrap or "mb-3", shown, helped, errors)
