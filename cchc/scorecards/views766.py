"""The Decision 766 pages: the city's units ranked for a period, one unit's indicators with the points
each loses, and the dossiers behind an indicator. Thin: reads in ``queries766`` and ``ledger766``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cchc.dossiers.models import Dossier
from cchc.scorecards import periods
from cchc.scorecards.queries766 import (
    behind,
    default_period,
    indicator_figure,
    may_read_766,
    ranking,
    unit_indicators,
    units_766_for,
)

PAGE = 50


def _period(request: HttpRequest, user: Any) -> periods.NamedPeriod:
    key = request.GET.get("ky", "").strip()[:20] or default_period(user)
    try:
        return periods.parse(key)
    except periods.PeriodKeyError:
        return periods.parse(default_period(user))


def _check(user: Any) -> None:
    if not may_read_766(user):
        raise PermissionDenied


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _check(request.user)
    period = _period(request, request.user)
    doc = ranking(request.user, period)
    return render(
        request,
        "scorecards/766_overview.html",
        {"period": period, "doc": doc, "choices": periods.choices(period.start.year)},
    )


@login_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    _check(request.user)
    unit = get_object_or_404(units_766_for(request.user), code=code)
    period = _period(request, request.user)
    doc = ranking(request.user, period)
    row = next((u for u in doc["units"] if u["unit"] == unit.code), None)
    indicators = unit_indicators(row, period) if row else []
    groups = row["groups"] if row else []
    return render(
        request,
        "scorecards/766_unit.html",
        {
            "period": period,
            "unit": unit,
            "row": row,
            "indicators": indicators,
            "groups": groups,
            "choices": periods.choices(period.start.year),
            "lost_total": round(sum(i["lost"] for i in indicators if i["lost"] is not None), 2),
        },
    )


@login_required
def dossiers_page(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    _check(request.user)
    unit = get_object_or_404(units_766_for(request.user), code=code)
    period = _period(request, request.user)
    found = indicator_figure(indicator, period)
    if found is None:
        raise Http404
    figure, title = found
    which = "dat" if request.GET.get("xem") == "dat" else "mat"
    result = behind(request.user, unit, figure, period)
    codes = result.numerator if which == "dat" else result.missed
    page = Paginator(codes, PAGE).get_page(request.GET.get("trang"))
    rows = {
        d.code: d for d in Dossier.objects.filter(code__in=list(page.object_list)).select_related("procedure")
    }
    return render(
        request,
        "scorecards/766_dossiers.html",
        {
            "period": period,
            "unit": unit,
            "indicator": indicator,
            "title": title,
            "which": which,
            "page": page,
            "dossiers": [rows[c] for c in page.object_list if c in rows],
            "counted": len(result.numerator),
            "missed": len(result.missed),
        },
    )
