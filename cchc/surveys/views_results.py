"""Result screens: indices per unit, element, item and month with counts and 95 % intervals (from the
pure engine), official published SIPAS figures beside them, improvement tasks from the weakest criteria,
officials' ratings for training needs, exports; and the dossier-side pages (return slip with the QR
code, the nine-indicator evaluation)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cchc.org.models import Unit
from cchc.surveys import actions, exports, ratings, results
from cchc.surveys.collection import token_for
from cchc.surveys.conf import setting
from cchc.surveys.forms import EvaluationFilterForm, ImprovementTaskForm, PeriodForm
from cchc.surveys.links import public_link
from cchc.surveys.models import FlagStatus, ImprovementTask, PublishedFigure
from cchc.surveys.queries import (
    RATING_READERS,
    may_create_improvement_tasks,
    may_read_responses,
    rated_officials_for,
    result_units,
    sees_whole_campaign,
    surveys_for,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _staff(request: HttpRequest) -> Any:
    user = request.user
    if not getattr(user, "role", "") and not user.is_superuser:
        raise PermissionDenied
    return user


def _period(request: HttpRequest, campaign: Any) -> tuple[PeriodForm, dt.date | None, dt.date | None, str]:
    form = PeriodForm(request.GET or None)
    first = last = None
    rule = campaign.rule
    if form.is_valid():
        first, last = form.month("month_from"), form.month("month_to", end=True)
        chosen = form.cleaned_data.get("aggregation") or ""
        if chosen and chosen in campaign.questionnaire.questionnaire.allowed_aggregations:
            rule = chosen
    return form, first, last, rule


def _figures() -> dict[str, Any]:
    figures = list(PublishedFigure.objects.order_by("year", "scope", "area_name"))
    years = sorted({f.year for f in figures})
    labels: list[str] = []
    series: dict[str, list[float | None]] = {}
    # docs/rules/surveys.md: the 2017–2021 and 2022+ designs are not one series; a gap marks the break.
    for year in years:
        if labels and year >= 2022 and int(labels[-1]) < 2022:
            labels.append("")
            for values in series.values():
                values.append(None)
        labels.append(str(year))
        for f in figures:
            name = f.area_name or gettext("Cả nước")
            series.setdefault(name, [None] * (len(labels) - 1))
        for values in series.values():
            values.append(None)
        for f in figures:
            if f.year == year:
                series[f.area_name or gettext("Cả nước")][-1] = float(f.value)
    return {
        "rows": figures,
        "chart": {"labels": labels, "series": [{"label": k, "values": v} for k, v in series.items()]},
    }


@login_required
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    campaign = get_object_or_404(surveys_for(user).select_related("questionnaire"), pk=pk)
    form, first, last, rule = _period(request, campaign)
    units = list(result_units(user, campaign).order_by("path"))
    rs = results.load(campaign)
    mask = results.period_mask(rs, first, last)
    q = rs.questionnaire
    whole = sees_whole_campaign(user, campaign)
    total = results.compute(rs, rule, mask)
    rows = []
    for unit in units:
        rows.append({"unit": unit, "result": results.compute(rs, rule, mask & (rs.units == unit.pk))})
    trend = results.trend(campaign, rs, [], whole=True)
    pending = campaign.responses.filter(flag_status=FlagStatus.PENDING).count()
    excluded = campaign.responses.filter(flag_status=FlagStatus.EXCLUDED).count()
    return render(
        request,
        "surveys/results.html",
        {
            "campaign": campaign,
            "q": q,
            "form": form,
            "rule": rule,
            "level": q.levels[-1],
            "groups": q.groups_at(q.levels[-1].key),
            "top_groups": q.groups_at(q.levels[0].key) if len(q.levels) > 1 else [],
            "rows": rows,
            "total": total,
            "whole": whole,
            "trend_chart": {"labels": trend.labels, "series": trend.series},
            "figures": _figures(),
            "pending": pending,
            "excluded": excluded,
            "year": campaign.starts_on.year,
            "may_export_raw": may_read_responses(user),
        },
    )


@login_required
def unit_results(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    user = _staff(request)
    campaign = get_object_or_404(surveys_for(user).select_related("questionnaire"), pk=pk)
    unit = get_object_or_404(result_units(user, campaign), pk=unit_pk)
    form, first, last, rule = _period(request, campaign)
    rs = results.load(campaign)
    mask = results.period_mask(rs, first, last)
    result = results.compute(rs, rule, mask & (rs.units == unit.pk))
    whole = results.compute(rs, rule, mask)
    q = rs.questionnaire
    weak = results.weakest(q, result, whole)
    trend = results.trend(campaign, rs, [unit], whole=True)
    may_task = may_create_improvement_tasks(user) and surveys_for(user, write=True).filter(pk=pk).exists()
    task_forms = {}
    no_directive = False
    if may_task:
        from cchc.directives.queries import directives_for

        directives = directives_for(user)
        default = actions.default_directive(directives)
        no_directive = default is None
        due = timezone.localdate() + dt.timedelta(days=int(setting("CCHC_SURVEY_TASK_DAYS")))
        for w in weak if default is not None else []:
            task_forms[w.item.code] = ImprovementTaskForm(
                directives=directives,
                initial={"item": w.item.code, "directive": default.pk if default else None, "due": due},
                prefix=f"t-{w.item.code}",
            )
    tasks = list(
        ImprovementTask.objects.filter(campaign=campaign, unit=unit).select_related("task", "task__deadline")
    )
    if tasks:
        # The task engine's own helper: its page's address even where its screens are not mounted yet.
        from cchc.directives.actions import task_url

        for link in tasks:
            link.url = task_url(link.task) if link.task else ""  # type: ignore[attr-defined]
    return render(
        request,
        "surveys/unit_results.html",
        {
            "campaign": campaign,
            "unit": unit,
            "q": q,
            "form": form,
            "rule": rule,
            "result": result,
            "whole": whole,
            "weak": [(w, task_forms.get(w.item.code)) for w in weak],
            "may_task": may_task,
            "no_directive": no_directive,
            "tasks": tasks,
            "trend_chart": {"labels": trend.labels, "series": trend.series},
            "ratings": ratings.unit_distribution(unit, campaign.starts_on, campaign.ends_on),
            "minimum": int(setting("CCHC_SURVEY_WEAKEST_MIN_ANSWERS")),
        },
    )


@login_required
@require_POST
def improvement_task(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    user = _staff(request)
    campaign = get_object_or_404(surveys_for(user, write=True), pk=pk)
    unit = get_object_or_404(result_units(user, campaign), pk=unit_pk)
    if not may_create_improvement_tasks(user):
        raise PermissionDenied
    from cchc.directives.queries import directives_for

    code = request.POST.get("item", "")
    form = ImprovementTaskForm(request.POST, directives=directives_for(user), prefix=f"t-{code}")
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[k].label if k in form.fields else ''}: {' '.join(str(e) for e in v)}"
            for k, v in form.errors.items()
        )
        messages.error(request, gettext("Chưa giao được nhiệm vụ — %(problems)s") % {"problems": problems})
        return redirect("surveys:unit_results", pk=pk, unit_pk=unit_pk)
    d = form.cleaned_data
    try:
        link = actions.create_improvement_task(
            user, campaign, unit, d["item"], directive=d["directive"], due=d["due"], text=d["text"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            gettext("Đã giao %(unit)s nhiệm vụ cải thiện tiêu chí %(code)s.")
            % {"unit": unit.name, "code": link.item_code},
        )
    return redirect("surveys:unit_results", pk=pk, unit_pk=unit_pk)


# --- exports -------------------------------------------------------------------------------------


@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    campaign = get_object_or_404(surveys_for(user).select_related("questionnaire"), pk=pk)
    content = exports.xlsx(
        campaign, list(result_units(user, campaign).order_by("path")), raw=may_read_responses(user)
    )
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="khao-sat-{campaign.pk}.xlsx"'
    return response


@login_required
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    campaign = get_object_or_404(surveys_for(user).select_related("questionnaire"), pk=pk)
    data = exports.summary(campaign, list(result_units(user, campaign).order_by("path")))
    response = HttpResponse(exports.render_docx(data), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-khao-sat-{campaign.pk}.docx"'
    return response


@login_required
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    campaign = get_object_or_404(surveys_for(user).select_related("questionnaire"), pk=pk)
    data = exports.summary(campaign, list(result_units(user, campaign).order_by("path")))
    response = HttpResponse(exports.render_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-khao-sat-{campaign.pk}.pdf"'
    return response


# --- officials' ratings --------------------------------------------------------------------------


@login_required
def official_ratings(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    if not (user.is_superuser or user.role in RATING_READERS):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    today = timezone.localdate()
    first, last = today.replace(day=1) - dt.timedelta(days=365), today
    if form.is_valid():
        first = form.month("month_from") or first
        last = form.month("month_to", end=True) or last
    table = ratings.officials(rated_officials_for(user), first, last)
    return render(
        request, "surveys/officials.html", {"form": form, "table": table, "first": first, "last": last}
    )


# --- dossier side --------------------------------------------------------------------------------


def _dossier(request: HttpRequest, code: str) -> Any:
    from cchc.dossiers.queries import dossiers_for

    user = _staff(request)
    return user, get_object_or_404(
        dossiers_for(user).select_related("procedure", "handling_unit", "receiving_unit"), code=code
    )


@login_required
def dossier_slip(request: HttpRequest, code: str, kind: str = "return") -> HttpResponse:
    from cchc.dossiers.queries import mask_applicant

    user, dossier = _dossier(request, code)
    token = token_for(dossier)
    link = public_link(token.token)
    import segno

    qr = segno.make(link, error="m").svg_inline(scale=4, dark="#000", border=2)
    return render(
        request,
        "surveys/slip.html",
        {
            "d": dossier,
            "kind": kind,
            "applicant": mask_applicant(dossier, user),
            "link": link,
            "token": token.token,
            "qr": qr,
            "printed": timezone.localtime(),
        },
    )


@login_required
def dossier_receipt(request: HttpRequest, code: str) -> HttpResponse:
    return dossier_slip(request, code, kind="receipt")


@login_required
def dossier_evaluation(request: HttpRequest, code: str) -> HttpResponse:
    from cchc.surveys.evaluation import band_of, evaluate

    _, dossier = _dossier(request, code)
    evaluation = evaluate(dossier)
    return render(
        request,
        "surveys/dossier_evaluation.html",
        {"d": dossier, "e": evaluation, "band": band_of(evaluation), "scaled": _num(evaluation.scaled)},
    )


def _num(value: Any) -> str:
    if value is None:
        return "—"
    return f"{float(value):.1f}".replace(".", ",")


@login_required
def evaluation_summary(request: HttpRequest) -> HttpResponse:
    from cchc.dossiers.queries import dossier_units_for, may_read_dossiers

    user = _staff(request)
    if not may_read_dossiers(user):
        raise PermissionDenied
    units = Unit.objects.filter(pk__in=dossier_units_for(user).values("pk")).current()
    form = EvaluationFilterForm(request.GET or None, units=units)
    summary = None
    if form.is_valid():
        summary = ratings.evaluation_summary(user, form.cleaned_data["unit"], form.cleaned_data["month"])
    return render(request, "surveys/evaluation_summary.html", {"form": form, "summary": summary})
