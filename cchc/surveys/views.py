"""Staff screens of the surveys (mounted at /khao-sat/): campaigns, questionnaires, kiosks, paper entry,
review of flagged responses, published SIPAS figures. Thin: reads in ``queries``/``results``, writes in
``actions``/``paper``. Out-of-scope rows answer 404; pages a role has no business with answer 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST

from cchc.surveys import actions, results
from cchc.surveys.forms import CampaignForm, FigureForm, KioskForm, ReviewForm, TargetsForm
from cchc.surveys.models import CampaignStatus, FlagStatus
from cchc.surveys.queries import (
    contact_for,
    entry_units_for,
    figures_for,
    is_secretariat,
    kiosks_for,
    may_read_figures,
    may_read_responses,
    responses_for,
    surveys_for,
)

PAGE = 50


def form_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def staff_user(request: HttpRequest) -> Any:
    user = request.user
    if not getattr(user, "role", "") and not user.is_superuser:
        raise PermissionDenied(gettext("Tài khoản chưa được giao vai trò."))
    return user


# --- campaigns -----------------------------------------------------------------------------------


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    campaigns = list(
        surveys_for(user)
        .select_related("questionnaire", "jurisdiction")
        .annotate(
            n_units=Count("units", distinct=True),
            n_responses=Count(
                "responses", filter=~Q(responses__flag_status=FlagStatus.EXCLUDED), distinct=True
            ),
            n_pending=Count("responses", filter=Q(responses__flag_status=FlagStatus.PENDING), distinct=True),
        )
    )
    return render(
        request,
        "surveys/campaign_list.html",
        {"campaigns": campaigns, "may_write": is_secretariat(user)},
    )


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not is_secretariat(user):
        raise PermissionDenied
    units = entry_units_for(user).current()
    form = CampaignForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            campaign = actions.create_campaign(
                user,
                name=d["name"],
                questionnaire=d["questionnaire"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                units=list(d["units"]),
                aggregation=d["aggregation"],
                note=d["note"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã tạo đợt khảo sát “%(name)s”.") % {"name": campaign.name})
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaign_form.html",
        {"form": form, "campaign": None},
        status=400 if form.errors else 200,
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    campaign = get_object_or_404(surveys_for(user).select_related("questionnaire"), pk=pk)
    may_write = surveys_for(user, write=True).filter(pk=pk).exists()
    rows = results.progress(campaign)
    from cchc.surveys.queries import result_units

    visible = set(result_units(user, campaign).values_list("pk", flat=True))
    rows = [r for r in rows if r["unit"].pk in visible]
    targets = TargetsForm(campaign=campaign) if may_write and campaign.status in ("draft", "open") else None
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "rows": rows,
            "may_write": may_write,
            "targets": targets,
            "total": {
                "target": sum(r["target"] for r in rows),
                "responses": sum(r["responses"] for r in rows),
                "pending": sum(r["pending"] for r in rows),
            },
            "may_read_responses": may_read_responses(user),
        },
    )


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    campaign = get_object_or_404(surveys_for(user, write=True), pk=pk)
    units = entry_units_for(user).current()
    initial = {
        "name": campaign.name,
        "questionnaire": campaign.questionnaire_id,
        "aggregation": campaign.aggregation,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "units": list(campaign.units.values_list("unit_id", flat=True)),
        "note": campaign.note,
    }
    form = CampaignForm(request.POST or None, units=units, campaign=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        fields = {k: d[k] for k in ("name", "starts_on", "ends_on", "note", "aggregation")}
        if campaign.status == CampaignStatus.DRAFT:
            fields["questionnaire"] = d["questionnaire"]
        try:
            actions.update_campaign(user, campaign, **fields)
            current = {cu.unit_id: cu.target for cu in campaign.units.all()}
            actions.set_units(user, campaign, {u: current.get(u.pk) for u in d["units"]})
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu đợt khảo sát."))
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaign_form.html",
        {"form": form, "campaign": campaign},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def campaign_targets(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    campaign = get_object_or_404(surveys_for(user, write=True), pk=pk)
    form = TargetsForm(request.POST, campaign=campaign)
    if form.is_valid():
        targets = {
            cu.unit: form.cleaned_data[f"target_{cu.unit_id}"] for cu in campaign.units.select_related("unit")
        }
        try:
            actions.set_units(user, campaign, targets)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, gettext("Đã lưu số phiếu cần thu."))
    else:
        messages.error(request, gettext("Số phiếu cần thu phải là số nguyên lớn hơn 0."))
    return redirect("surveys:campaign_detail", pk=pk)


# The messages are translated when shown (gettext_noop: the page's language is known then).
TRANSITIONS = {
    "mo": (actions.open_campaign, gettext_noop("Đã mở đợt khảo sát; bộ câu hỏi đã được khóa.")),
    "ket-thuc": (actions.close_campaign, gettext_noop("Đã kết thúc thu thập ý kiến.")),
    "cong-bo": (actions.publish_campaign, gettext_noop("Đã công bố kết quả trên trang công khai.")),
}


@login_required
@require_POST
def campaign_transition(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = staff_user(request)
    campaign = get_object_or_404(surveys_for(user, write=True), pk=pk)
    if step not in TRANSITIONS:
        raise PermissionDenied
    action, done = TRANSITIONS[step]
    try:
        action(user, campaign)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext(done))
    return redirect("surveys:campaign_detail", pk=pk)


# --- responses -----------------------------------------------------------------------------------


@login_required
def response_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    campaign = get_object_or_404(surveys_for(user), pk=pk)
    if not may_read_responses(user):
        raise PermissionDenied
    qs = responses_for(user).filter(campaign=campaign).select_related("unit")
    flag = request.GET.get("kiem-tra", "")
    if flag in FlagStatus.values and flag:
        qs = qs.filter(flag_status=flag)
    page = Paginator(qs.order_by("-submitted_at", "-pk"), PAGE).get_page(request.GET.get("trang"))
    return render(request, "surveys/response_list.html", {"campaign": campaign, "page": page, "flag": flag})


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    response = get_object_or_404(
        responses_for(user).select_related("campaign", "unit", "campaign__questionnaire"), pk=pk
    )
    may_review = responses_for(user, write=True).filter(pk=pk).exists()
    form = ReviewForm(request.POST or None) if may_review else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.review(
                    user,
                    response,
                    keep=form.cleaned_data["decision"] == "keep",
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, gettext("Đã ghi quyết định xem xét."))
                return redirect("surveys:response_detail", pk=pk)
    q = response.campaign.questionnaire.questionnaire
    rows = []
    for item in q.items:
        value = response.answers.get(item.code)
        rows.append({"item": item, "value": value, "label": q.scale.labels.get(value, "") if value else ""})
    options = {o.code: o.text for o in q.options}
    from cchc.feedback.text import mask_personal

    comment = response.comment if response.contact_consent else mask_personal(response.comment)
    return render(
        request,
        "surveys/response_detail.html",
        {
            "r": response,
            "rows": rows,
            "expectations": [options.get(c, c) for c in (response.expectations or [])],
            "contact": contact_for(response),
            "comment": comment,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def flagged(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not is_secretariat(user):
        raise PermissionDenied
    qs = (
        responses_for(user, write=True)
        .filter(flag_status=FlagStatus.PENDING)
        .select_related("campaign", "unit")
        .order_by("submitted_at", "pk")
    )
    page = Paginator(qs, PAGE).get_page(request.GET.get("trang"))
    return render(request, "surveys/flagged.html", {"page": page})


# --- kiosks --------------------------------------------------------------------------------------


@login_required
def kiosk_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    units = entry_units_for(user)
    if not units.exists():
        raise PermissionDenied
    form = KioskForm(request.POST or None, units=units.current())
    if request.method == "POST" and form.is_valid():
        try:
            kiosk = actions.create_kiosk(user, name=form.cleaned_data["name"], unit=form.cleaned_data["unit"])
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("Đã tạo ki-ốt “%(name)s”. Mở địa chỉ của ki-ốt trên máy tính bảng.")
                % {"name": kiosk.name},
            )
            return redirect("surveys:kiosks")
    kiosks = kiosks_for(user, write=True).select_related("unit")
    return render(
        request,
        "surveys/kiosks.html",
        {"form": form, "kiosks": kiosks},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def kiosk_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    kiosk = get_object_or_404(kiosks_for(user, write=True), pk=pk)
    actions.deactivate_kiosk(user, kiosk)
    messages.success(request, gettext("Đã ngừng ki-ốt “%(name)s”.") % {"name": kiosk.name})
    return redirect("surveys:kiosks")


# --- published SIPAS figures ---------------------------------------------------------------------


@login_required
def figure_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not may_read_figures(user):
        raise PermissionDenied
    may_write = is_secretariat(user)
    form = FigureForm(request.POST or None) if may_write else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.save_figure(user, form.cleaned_data)
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, gettext("Đã lưu chỉ số đã công bố."))
                return redirect("surveys:figures")
    return render(
        request,
        "surveys/figures.html",
        {"figures": figures_for(user), "form": form, "may_write": may_write},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def figure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    figure = get_object_or_404(figures_for(user, write=True), pk=pk)
    initial = {
        k: getattr(figure, k) for k in ("year", "scope", "area_name", "value", "rank", "range_note", "source")
    }
    form = FigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_figure(user, form.cleaned_data, figure)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu."))
            return redirect("surveys:figures")
    return render(
        request,
        "surveys/figure_edit.html",
        {"form": form, "figure": figure},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def figure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    figure = get_object_or_404(figures_for(user, write=True), pk=pk)
    actions.delete_figure(user, figure)
    messages.success(request, gettext("Đã xoá."))
    return redirect("surveys:figures")
