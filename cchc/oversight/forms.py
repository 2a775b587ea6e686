"""Reading what a person typed into an oversight form: dates, numbers and ids, each refused with a
message in the page's language that names the field (never a server error), through the same
plausible-date window as every other date entering CCHC (``core.plausible``).

A field's ``label`` is marked by the caller with ``pgettext_lazy("field", …)``: the name of a field read
inside a sentence ("Cần nhập thời hạn khắc phục.") is translated apart from the same words used as a
heading elsewhere ("the correction deadline", not "Correction deadline")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from cchc.core import plausible
from cchc.core.params import id_param


def date_field(data: Any, name: str, label: StrOrPromise, *, required: bool = True) -> dt.date | None:
    raw = (data.get(name) or "").strip()
    if not raw:
        if required:
            raise ValidationError({name: gettext("Cần nhập %(label)s.") % {"label": label}})
        return None
    try:
        day = dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise ValidationError(
            {name: gettext("%(label)s không phải là ngày hợp lệ.") % {"label": capfirst(label)}}
        ) from None
    reason = plausible.problem(day, deadline=True)
    if reason:
        raise ValidationError({name: f"{capfirst(label)}: {reason}"})
    return day


def int_field(
    data: Any, name: str, label: StrOrPromise, *, low: int, high: int, required: bool = True
) -> int | None:
    raw = (data.get(name) or "").strip()
    if not raw:
        if required:
            raise ValidationError({name: gettext("Cần nhập %(label)s.") % {"label": label}})
        return None
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise ValidationError(
            {
                name: gettext("%(label)s phải là số từ %(low)s đến %(high)s.")
                % {"label": capfirst(label), "low": low, "high": high}
            }
        )
    return int(raw)


def money_field(data: Any, name: str, label: StrOrPromise) -> Decimal | None:
    raw = (data.get(name) or "").replace(".", "").replace(" ", "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(
            {name: gettext("%(label)s phải là số tiền (đồng).") % {"label": capfirst(label)}}
        ) from None
    if not value.is_finite() or value < 0 or value >= Decimal(10) ** 17:
        raise ValidationError({name: gettext("%(label)s không hợp lệ.") % {"label": capfirst(label)}})
    return value


def pick[M: Model](
    qs: QuerySet[M], data: Any, name: str, label: StrOrPromise, *, required: bool = True
) -> M | None:
    """A row chosen in a select, among those the person may choose; anything else names the field."""
    pk = id_param(data.get(name))
    if pk is None:
        if required:
            raise ValidationError({name: gettext("Cần chọn %(label)s.") % {"label": label}})
        return None
    row = qs.filter(pk=pk).first()
    if row is None:
        raise ValidationError({name: gettext("%(label)s đã chọn không hợp lệ.") % {"label": capfirst(label)}})
    return row


def text(data: Any, name: str, limit: int = 4000) -> str:
    return str(data.get(name) or "").strip()[:limit]


def messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)
