"""Petition figures per unit and period, for the staff who read petitions."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from cchc.accounts.models import User
from cchc.core.charts import Chart, Series
from cchc.core.xlsx import Share, xlsx_download
from cchc.feedback import forms as f
from cchc.feedback import stats
from cchc.feedback.queries import may_read, petitions_for


@login_required
def figures(request: HttpRequest) -> HttpResponseBase:
    user = cast(User, request.user)
    if not may_read(user):
        raise PermissionDenied(gettext("Vai trò của bạn không xem số liệu phản ánh."))
    today = timezone.localdate()
    form = f.PeriodForm(
        request.GET or None, initial={"date_from": dt.date(today.year, 1, 1), "date_to": today}
    )
    date_from, date_to = dt.date(today.year, 1, 1), today
    if form.is_bound and form.is_valid():
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    rows, total = stats.figures(date_from, date_to, petitions=petitions_for(user))
    if request.GET.get("xuat") == "xlsx":
        return xlsx_download(
            f"so-lieu-phan-anh-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx",
            "Số liệu phản ánh, kiến nghị",
            FIGURE_HEADERS,
            [_figure_row(r) for r in [*rows, total]],
            note=f"Từ {date_from:%d/%m/%Y} đến {date_to:%d/%m/%Y}; đơn vị đang chịu trách nhiệm xử lý",
        )
    return render(
        request,
        "feedback/figures.html",
        {
            "form": form,
            "rows": rows,
            "total": total,
            "date_from": date_from,
            "date_to": date_to,
            "charts": [figures_chart(rows)] if rows else [],
        },
    )


# The columns of the figures table, in its order (the export has the same).
FIGURE_HEADERS = (
    "Đơn vị",
    "Tiếp nhận",
    "Trả lời đúng hạn",
    "Trả lời trễ hạn",
    "Đang xử lý trong hạn",
    "Đang xử lý quá hạn",
    "Tỷ lệ đúng hạn",
    "Hài lòng",
    "Không hài lòng",
    "Tỷ lệ hài lòng",
)


def _figure_row(r: stats.Row) -> list[Any]:
    share = lambda v: Share(v) if v is not None else ""  # noqa: E731
    return [
        r.name,
        r.received,
        r.answered_on_time,
        r.answered_late,
        r.open_within_time,
        r.open_overdue,
        share(r.on_time_rate),
        r.satisfied,
        r.not_satisfied,
        share(r.satisfaction_rate),
    ]


# Units on the chart: those with the most petitions overdue, then the most received.
CHART_UNITS = 15


def figures_chart(rows: list[stats.Row]) -> Chart:
    """The table's own counts per unit: answered on time, answered late, open within time, overdue."""
    top = sorted(rows, key=lambda r: (-r.open_overdue, -r.received, r.name))[:CHART_UNITS]
    return Chart(
        "chart-petitions",
        gettext("Phản ánh, kiến nghị theo đơn vị: đã trả lời và đang xử lý"),
        gettext("Đơn vị"),
        [r.name for r in top],
        [
            Series(gettext("Đang xử lý quá hạn"), [r.open_overdue for r in top], colour="late"),
            Series(gettext("Trả lời trễ hạn"), [r.answered_late for r in top], colour="tasks"),
            Series(gettext("Đang xử lý trong hạn"), [r.open_within_time for r in top], colour="city"),
            Series(gettext("Trả lời đúng hạn"), [r.answered_on_time for r in top], colour="neutral"),
        ],
        horizontal=True,
        stacked=True,
        labels_are_names=True,
        note=""
        if len(rows) <= CHART_UNITS
        else gettext("%(count)s đơn vị có nhiều phản ánh quá hạn nhất.") % {"count": CHART_UNITS},
    )


# --- the Front's meetings -----------------------------------------------------------------------------
