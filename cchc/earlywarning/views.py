"""Early-warning screens: my (or my unit's) at-risk list, handing a step to another official, and the
measured reliability of the warnings for Internal Affairs."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy

from cchc.accounts.models import User
from cchc.earlywarning import actions
from cchc.earlywarning.compute import threshold
from cchc.earlywarning.models import BacktestRun, Kind
from cchc.earlywarning.queries import (
    at_risk,
    may_read_backtest,
    may_reassign,
    reassignable_units,
    risks_for,
)
from cchc.org.models import Official


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
def at_risk_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    kind = request.GET.get("loai", "")
    qs = at_risk(risks_for(user)).select_related("unit", "official")
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs, 30).get_page(request.GET.get("trang"))
    units = reassignable_units(user)
    rows = [(r, r.step_id is not None and (units is None or r.unit_id in units)) for r in page.object_list]
    return render(
        request,
        "earlywarning/list.html",
        {
            "page": page,
            "rows": rows,
            "kind": kind,
            "kinds": Kind.choices,
            "threshold": round(threshold() * 100),
            # The link to how accurate the warnings are, only for those its page lets in.
            "may_read_backtest": may_read_backtest(user),
        },
    )


class ReassignForm(forms.Form):
    official = forms.ModelChoiceField(queryset=Official.objects.none(), label=gettext_lazy("Giao cho cán bộ"))

    def __init__(self, *args: object, unit_id: int | None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = cast(forms.ModelChoiceField, self.fields["official"])
        field.queryset = Official.objects.filter(unit__pk=unit_id or 0, is_active=True).order_by("full_name")
        field.error_messages["invalid_choice"] = "Hãy chọn một cán bộ của đơn vị xử lý bước này."


@login_required
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    risk = get_object_or_404(risks_for(user).select_related("unit", "official"), pk=pk)
    if not may_reassign(user, risk):
        raise PermissionDenied(gettext("Chỉ người đứng đầu đơn vị được giao lại bước xử lý."))
    form = ReassignForm(request.POST or None, unit_id=risk.unit_id)
    if request.method == "POST" and form.is_valid():
        try:
            step = actions.reassign_step(user, risk, form.cleaned_data["official"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                gettext("Đã giao bước %(seq)s cho «%(name)s».")
                % {"seq": step.seq, "name": step.official_name},
            )
            return redirect("earlywarning:list")
    return render(
        request,
        "earlywarning/reassign.html",
        {"risk": risk, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def backtest(request: HttpRequest) -> HttpResponse:
    if not may_read_backtest(_user(request)):
        raise PermissionDenied(gettext("Trang này dành cho cơ quan theo dõi cải cách hành chính."))
    run = BacktestRun.objects.first()
    figures = run.figures if run else {}
    slices = [(name, figures[name]) for name in ("fit", "held_out") if name in figures]
    # The list's threshold is a setting; the backtest chooses its own on the fit slice. Both are shown
    # so a reader never takes the one for the other.
    chosen = figures.get("threshold")
    context = {
        "run": run,
        "f": figures,
        "slices": slices,
        "chosen_percent": round(float(chosen) * 100) if chosen is not None else None,
        "chosen_label": f"{round(float(chosen) * 100)}%" if chosen is not None else "—",
        "list_percent": round(threshold() * 100),
    }
    return render(request, "earlywarning/backtest.html", context)
