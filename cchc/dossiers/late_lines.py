"""The rows of the late list's page (``/ho-so/tre-han/``) as the table shows them, built once per page in
Python.

In the template each of the 50 rows cost a ``{% url %}`` reversal, two ``|date`` formats, a
``|truncatechars`` and one ``{% querystring %}`` per official named; under a shared machine's load that
CPU time, not the database, was most of the page (docs/benchmarks.md, "The late list's page"). Here the
detail link's prefix is reversed once, each official's link built once per page with Django's own
``querystring``, and the cells are plain strings the template only prints (escaped as before), so the
page's HTML is the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest
from django.template import RequestContext
from django.template.defaulttags import querystring
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from cchc.dossiers.models import Dossier
from cchc.dossiers.queries import OPEN_STATUSES, blamed_accounts, causes_of, official_links

# What ``reverse`` leaves unquoted in a path (``django.urls.resolvers``): the detail link's code is
# quoted the same way here.
PATH_SAFE = "!$&'()*+,;=/~:@"
# Only the columns the table shows (the page's query; the export keeps reading whole rows).
PAGE_FIELDS = (
    "code",
    "status",
    "late_causes",
    "end_at",
    "effective_appointment_at",
    "appointment_at",
    "procedure__name",
    "handling_unit__name",
)


@dataclass(frozen=True)
class LateLine:
    d: Dossier
    href: str
    procedure: str
    deadline: str
    end: str
    causes: list[dict[str, str]]
    officials: list[dict[str, Any]]
    open: bool


def _day(value: dt.datetime | None) -> str:
    """``|date:"d/m/Y"`` of a stored moment: the local day ("" when there is none)."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def late_lines(request: HttpRequest, dossiers: Iterable[Dossier]) -> list[LateLine]:
    rows = list(dossiers)
    names = blamed_accounts(rows)
    marker = "0"
    prefix, _, suffix = reverse("dossiers:detail", args=[marker]).rpartition(marker)
    # The ``{% querystring %}`` tag reads the request's parameters from its context.
    context = RequestContext(request)
    links: dict[tuple[str, int | None], str] = {}

    def detail(code: str) -> str:
        # A code ``reverse`` would refuse (empty, or with a "/") goes through it, as before.
        if not code or "/" in code:
            return reverse("dossiers:detail", args=[code])
        return f"{prefix}{quote(code, safe=PATH_SAFE)}{suffix}"

    def official(o: dict[str, Any]) -> dict[str, Any]:
        key = (o["official"], o["official_id"])
        if key not in links:
            links[key] = querystring(context, official=key[0], official_id=key[1], trang=None)
        return {**o, "href": links[key]}

    return [
        LateLine(
            d=d,
            href=detail(d.code),
            procedure=Truncator(d.procedure.name).chars(50),
            deadline=_day(getattr(d, "deadline", None)),
            end=_day(d.end_at) or "—",
            causes=causes_of(d),
            officials=[official(o) for o in official_links(d, names)],
            open=d.status in OPEN_STATUSES,
        )
        for d in rows
    ]
