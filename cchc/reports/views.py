"""Report screens. Views are thin: scope from ``queries``, figures from ``results``/``dossier_results``."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from cchc.accounts.models import User
from cchc.dossiers.models import Dossier
from cchc.feedback.queries import may_read as may_read_petitions
from cchc.feedback.queries import petitions_for
from cchc.lib.dossier_period import Period
from cchc.lib.tthc_report_xlsx import FormSettings, workbook
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.reports import petitions as pet
from cchc.reports import results as res
from cchc.reports.dossier_results import CELLS
from cchc.reports.forms import ResultsForm
from cchc.reports.queries import form_parties, may_read_results, results_dossiers_for, results_units_for

DRILL_LIMIT = 500


def _reader(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not may_read_results(user):
        raise PermissionDenied(gettext("Vai trò của bạn không xem báo cáo kết quả giải quyết TTHC."))
    return user


def _area(user: User) -> Any:
    area = user_jurisdiction(user)
    if area is None:
        unit = user_unit(user)
        area = unit.jurisdiction if unit is not None else None
    return area


def _period(request: HttpRequest) -> tuple[ResultsForm, Period | None, str]:
    """The period and grouping asked for; ``None`` with a bound form holding the errors."""
    default = res.default_period(timezone.localdate())
    if not request.GET:
        form = ResultsForm(initial={"date_from": default.start, "date_to": default.end, "by": "unit"})
        return form, default, "unit"
    form = ResultsForm(request.GET)
    if not form.is_valid():
        return form, None, "unit"
    by = form.cleaned_data["by"] or "unit"
    return form, Period(form.cleaned_data["date_from"], form.cleaned_data["date_to"]), by


@login_required
def results(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    form, period, by = _period(request)
    context: dict[str, Any] = {"form": form, "period": period, "by": by, "columns": res.COLUMNS}
    if period is None:
        return render(request, "reports/results.html", context, status=400)
    _, rows, total = res.report(results_units_for(user), period, by)
    # The drill-down's address reversed once, not once per cell (hundreds per page).
    drill = reverse("reports:results_dossiers")
    context.update(rows=rows, total=total, query=request.GET.urlencode() or _query(period, by), drill=drill)
    return render(request, "reports/results.html", context)


def _query(period: Period, by: str) -> str:
    return f"date_from={period.start.isoformat()}&date_to={period.end.isoformat()}&by={by}"


@login_required
def results_xlsx(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    form, period, by = _period(request)
    if period is None:
        return render(request, "reports/results.html", {"form": form, "columns": res.COLUMNS}, status=400)
    doc, _, _ = res.report(results_units_for(user), period, by)
    reporting, receiving = form_parties(user)
    data = workbook(doc, FormSettings(reporting_unit=reporting, receiving_unit=receiving))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"ket-qua-giai-quyet-tthc-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def results_dossiers(request: HttpRequest) -> HttpResponse:
    """The dossiers behind one cell of the report (exactly those it counts)."""
    user = _reader(request)
    form, period, by = _period(request)
    cell = request.GET.get("cell", "")
    group = request.GET.get("group", "")
    error = ""
    if period is not None and (cell not in CELLS or not group or "\x00" in group or len(group) > 64):
        error = gettext("Ô số liệu được chọn không có trong báo cáo.")
    if period is None or error:
        context = {"form": form, "columns": res.COLUMNS, "error": error}
        return render(request, "reports/results_dossiers.html", context, status=400)
    scope = results_dossiers_for(user)
    ids = res.drill_ids(scope, period, _area(user), by=by, group=group, cell=cell)
    dossiers = (
        Dossier.objects.filter(pk__in=ids)
        .select_related("procedure", "handling_unit")
        .order_by("received_at", "code")[:DRILL_LIMIT]
    )
    heading = {"received": gettext_noop("Tiếp nhận mới"), **res.HEADINGS}.get(cell, cell)
    return render(
        request,
        "reports/results_dossiers.html",
        {
            "form": form,
            "period": period,
            "count": len(ids),
            "dossiers": dossiers,
            "limit": DRILL_LIMIT,
            "heading": heading,
            "group": group,
            "back": _query(period, by),
        },
    )


@login_required
def petitions(request: HttpRequest) -> HttpResponse:
    """The petition-results report for the petitions a person may read."""
    user = cast(User, request.user)
    if not may_read_petitions(user):
        raise PermissionDenied(
            gettext("Vai trò của bạn không xem báo cáo kết quả xử lý phản ánh, kiến nghị.")
        )
    form, period, _ = _period(request)
    context: dict[str, Any] = {"form": form, "period": period, "channels": pet.CHANNELS, "kinds": pet.KINDS}
    if period is None:
        return render(request, "reports/petitions.html", context, status=400)
    rows, total = pet.report(period.start, period.end, petitions_for(user))
    context.update(rows=rows, total=total)
    return render(request, "reports/petitions.html", context)
