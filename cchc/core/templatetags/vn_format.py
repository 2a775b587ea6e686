"""Numbers as Vietnamese readers write them, on every page: ``{{ value|so }}``.

One filter for every count, share and rate (loaded for every template through ``builtins`` in
settings): thousands grouped with a dot, decimals after a comma — 18.929, 12,5 — so the same figure
never reads "18929" on one page and "18.929" on another. ``None`` (no data) reads "—", never 0.
Dates keep Django's ``date`` filter with a numeric format ("d/m/Y"), which is already Vietnamese.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

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
