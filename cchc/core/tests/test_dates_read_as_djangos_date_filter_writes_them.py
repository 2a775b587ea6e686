"""The ``date`` filter every template gets (core.templatetags.vn_format, a builtin) writes what Django's
``date`` filter writes, character for character, for every format the templates use and a few they do
not, in both languages, for datetimes in and out of local time, plain dates, empty and odd values."""

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.template import Context, Engine, Template, defaultfilters
from django.utils import timezone, translation

from cchc.core.templatetags.vn_format import date

CCHC = Path(__file__).resolve().parents[2]
USED = sorted(
    {
        m.group(2)
        for p in CCHC.rglob("*.html")
        for m in re.finditer(r"""\|date:(["'])(.*?)\1""", p.read_text(encoding="utf-8"))
    }
)
OTHERS = [
    "",
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "j/n/Y",
    "D d/m/Y",
    r"\N\g\à\y d",
    "{d}/{m}",
    "N j, Y, P",
    "l",
    "%Y",
]
UTC = dt.UTC
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
VALUES = [
    dt.datetime(2026, 12, 7, 17, 5, 9, tzinfo=UTC),  # 00:05 the next day in Hà Nội
    dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=HCM),
    dt.datetime(2026, 6, 30, 23, 59, 59),  # naive
    dt.datetime(5, 1, 1, 0, 0, tzinfo=UTC),  # a year before 1000: Django pads it to four digits
    dt.date(2026, 2, 28),
    dt.date(999, 12, 31),
    dt.time(8, 30),
    None,
    "",
    "07/12/2026",
    0,
]


def outcome(filter_, value, fmt):
    try:
        return filter_(value, fmt)
    except TypeError as e:  # Django refuses a time code for a plain date; so must ours
        return f"TypeError: {e}"


def test_the_templates_use_formats_this_test_covers():
    assert "d/m/Y" in USED and "H:i, d/m/Y" in USED


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("fmt", [*USED, *OTHERS, None])
def test_the_filter_writes_what_djangos_writes(fmt, language):
    with translation.override(language):
        for value in VALUES:
            assert outcome(date, value, fmt) == outcome(defaultfilters.date, value, fmt), (value, fmt)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_page_renders_dates_as_django_would_in_local_time(language, settings):
    """Through the engine: the builtin replaces Django's filter and gets the value in local time."""
    ours = Engine.get_default()
    djangos = Engine(builtins=[b for b in ours.builtins if b != "cchc.core.templatetags.vn_format"])
    assert "cchc.core.templatetags.vn_format" in ours.builtins
    source = "".join(f'[{{{{ v|date:"{f}" }}}}]' for f in [*USED, *OTHERS]) + "[{{ v|date }}]"
    with translation.override(language), timezone.override(HCM):
        for value in VALUES:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                continue  # a time code refuses a plain date (the test above); the engine shows the error
            context = {"v": value}
            assert ours.from_string(source).render(Context(context)) == djangos.from_string(source).render(
                Context(context)
            )
            assert Template("{{ v|date:'H:i, d/m/Y' }}").render(Context(context)) == djangos.from_string(
                "{{ v|date:'H:i, d/m/Y' }}"
            ).render(Context(context))
    assert Template("{{ v|date:'H:i, d/m/Y' }}").render(Context({"v": VALUES[0]})) == "00:05, 08/12/2026"
