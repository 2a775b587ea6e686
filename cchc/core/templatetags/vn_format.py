"""Numbers as Vietnamese readers write them, on every page: ``{{ value|so }}``.

One filter for every count, share and rate (loaded for every template through ``builtins`` in
settings): thousands grouped with a dot, decimals after a comma — 18.929, 12,5 — so the same figure
never reads "18929" on one page and "18.929" on another. ``None`` (no data) reads "—", never 0.
Dates keep Django's ``date`` filter with a numeric format ("d/m/Y"), which is already Vietnamese; the
``date`` registered here replaces it on every page with the same output, only faster for those numeric
formats (``date`` below).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django import template
from django.template import defaultfilters

register = template.Library()


def vn_number(value: Any, digits: int | None = None) -> str:
    """1234567 → "1.234.567"; 12.345 with digits=1 → "12,3"; None or "" → "—"; text that is not a
    number is returned unchanged (a template may pass a label through)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(value)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return "—"
    if digits is None:
        digits = 0 if number == number.to_integral_value() else 1
    text = f"{number:,.{int(digits)}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@register.filter(name="so")
def so(value: Any, digits: Any = None) -> str:
    """``{{ n|so }}`` → "18.929"; ``{{ share|so:1 }}`` → "12,5"."""
    try:
        places = None if digits in (None, "") else int(digits)
    except (TypeError, ValueError):
        places = None
    return vn_number(value, places)


def vn_percent(share: Any, digits: int = 1) -> str:
    """A share of one as a percentage: 0.125 → "12,5%"; None → "—" (no data is never 0 %)."""
    if share is None or share == "":
        return "—"
    try:
        return vn_number(Decimal(str(share)) * 100, int(digits)) + "%"
    except (InvalidOperation, TypeError, ValueError):
        return "—"


# Django's format codes that print a number with leading zeros, as its dateformat does ("%02d", "%04d").
_NUMERIC_CODES = {
    "d": "{0.day:02d}",
    "m": "{0.month:02d}",
    "Y": "{0.year:04d}",
    "H": "{0.hour:02d}",
    "i": "{0.minute:02d}",
    "s": "{0.second:02d}",
}
_TIME_CODES = frozenset("His")


@lru_cache(maxsize=512)
def _numeric_format(arg: str) -> tuple[str, bool] | None:
    """ "H:i, d/m/Y" → ("{0.hour:02d}:{0.minute:02d}, …", True: needs a time); None when the format holds
    anything else Django would read as a code or an escape (any letter, a backslash): Django formats it."""
    parts = []
    for ch in arg:
        if ch in _NUMERIC_CODES:
            parts.append(_NUMERIC_CODES[ch])
        elif ch.isalpha() or ch == "\\":
            return None
        else:
            parts.append(ch.replace("{", "{{").replace("}", "}}"))
    return "".join(parts), any(ch in _TIME_CODES for ch in arg)


@register.filter(name="date", expects_localtime=True, is_safe=False)
def date(value: Any, arg: Any = None) -> str:
    """Django's ``date`` filter, character for character (test_dates_read_as_djangos_date_filter_writes_them),
    without its formatter for the numeric formats every page uses ("d/m/Y", "H:i, d/m/Y"): the public
    look-up shows a dozen dates, and Django's formatter built for each cost about 20 µs
    (bench/bench_public_page_cpu.py). Any other format, a named one or no format, and any value that is
    not a date go to Django's filter. The value comes already in local time (``expects_localtime``)."""
    if arg and isinstance(value, dt.date):  # no format or an empty one: DATE_FORMAT, Django's
        numeric = _numeric_format(str(arg))
        if numeric is not None and (isinstance(value, dt.datetime) or not numeric[1]):
            return numeric[0].format(value)
    return str(defaultfilters.date(value, arg))
