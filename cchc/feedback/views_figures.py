"""Petition figures per unit and period, for the staff who read petitions."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cchc.accounts.models import User
from cchc.feedback import forms as f
from cchc.feedback import stats
from cchc.feedback.queries import may_read, petitions_for


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not may_read(user):
        raise PermissionDenied("Vai trò của bạn không xem số liệu phản ánh.")
    today = timezone.localdate()
    form = f.PeriodForm(
        request.GET or None, initial={"date_from": dt.date(today.year, 1, 1), "date_to": today}
    )
    date_from, date_to = dt.date(today.year, 1, 1), today
    if form.is_bound and form.is_valid():
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    rows, total = stats.figures(date_from, date_to, petitions=petitions_for(user))
    return render(
        request,
        "feedback/figures.html",
        {"form": form, "rows": rows, "total": total, "date_from": date_from, "date_to": date_to},
    )


# --- the Front's meetings -----------------------------------------------------------------------------
