"""core.widgets' escaped, format_html and format_html_join give Django's own output for every kind of
value: hostile text, safe strings, lazy (translated) strings, numbers, None."""

import pytest
from django.utils import html as django_html
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from cchc.core.widgets import escaped, format_html, format_html_join

VALUES = [
    "a\"b<c>&d'e",
    "<script>alert(1)</script>",
    mark_safe("<b>đậm</b>"),
    gettext_lazy("Mã hồ sơ"),
    gettext_lazy("<em>%(x)s</em>") % {"x": "<i>"},
    12,
    3.5,
    None,
    "",
    "Tiếng Việt có dấu",
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("value", VALUES)
def test_a_value_is_escaped_as_django_escapes_it(value, language):
    with translation.override(language):
        assert escaped(value) == django_html.conditional_escape(value)
        ours = format_html('<p title="{}">{}</p>', value, value)
        assert ours == django_html.format_html('<p title="{}">{}</p>', value, value)
        assert isinstance(ours, SafeString)


def test_rows_are_joined_as_django_joins_them():
    rows = [(v, str(i)) for i, v in enumerate(VALUES)]
    for sep in ("", "<br>", mark_safe("<br>")):
        ours = format_html_join(sep, "<li>{}:{}</li>", rows)
        assert ours == django_html.format_html_join(sep, "<li>{}:{}</li>", rows)
        assert isinstance(ours, SafeString)
