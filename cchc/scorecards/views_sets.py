"""The city's index sets, year by year, for Internal Affairs: what each year is scored with (title,
fields and maxima, frozen or not), the file to download and edit, and the upload that replaces a
year's set. Thin: the checks and the change are ``actions_sets``'."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from cchc.scorecards import actions_sets, cards
from cchc.scorecards.access import may_manage_index_sets
from cchc.scorecards.actions import ScorecardError
from cchc.scorecards.queries import versions_for


def _rows(user: Any) -> list[dict[str, Any]]:
    rows = []
    for version in versions_for(user):
        s = cards.index_set(version)
        rows.append(
            {
                "version": version,
                "title": s.title,
                "max_points": float(s.max_points),
                "criteria": sum(1 for _ in s.leaves()),
                "fields": [(c.code, c.title, float(c.max_points)) for c in s.children],
            }
        )
    return rows


@login_required
def index_sets(request: HttpRequest) -> HttpResponse:
    if not may_manage_index_sets(request.user):
        raise PermissionDenied
    error, status = "", 200
    if request.method == "POST":
        try:
            version = actions_sets.upload_index_set(
                request.user, request.POST.get("nam", ""), request.FILES.get("file")
            )
        except ScorecardError as exc:
            error, status = str(exc), 400
        else:
            messages.success(
                request,
                gettext("Đã nạp bộ chỉ số năm %(year)s: %(name)s.")
                % {"year": version.year, "name": version.file_name},
            )
            return redirect(reverse("scorecards:index_sets"))
    return render(
        request,
        "scorecards/index_sets.html",
        {"rows": _rows(request.user), "error": error, "year": request.POST.get("nam", "")[:4]},
        status=status,
    )


@login_required
def index_set_file(request: HttpRequest, year: int) -> HttpResponse:
    """The year's file as loaded, to edit and upload again."""
    if not may_manage_index_sets(request.user):
        raise PermissionDenied
    version = next((v for v in versions_for(request.user) if v.year == year), None)
    if version is None:
        raise Http404
    response = HttpResponse(version.text.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bo-chi-so-cchc-{version.year}.json"'
    return response
