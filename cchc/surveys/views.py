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
from django.urls import reverse
from django.views.decorators.http import require_POST

from cchc.surveys import actions, paper, results
from cchc.surveys.collection import SubmissionError, parse
from cchc.surveys.forms import (
    CampaignForm,
    CopyForm,
    FigureForm,
    KioskForm,
    PaperHeaderForm,
    QuestionnaireEditForm,
    QuestionnaireImportForm,
    ReviewForm,
    TargetsForm,
)
from cchc.surveys.models import (
    CampaignStatus,
    FlagStatus,
    PaperStatus,
)
from cchc.surveys.queries import (
    contact_for,
    entry_campaigns_for,
    entry_units_for,
    figures_for,
    is_secretariat,
    kiosks_for,
    may_read_figures,
    may_read_questionnaires,
    may_read_responses,
    paper_forms_for,
    questionnaires_for,
    responses_for,
    surveys_for,
)

PAGE = 50


def _errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def _staff(request: HttpRequest) -> Any:
    user = request.user
    if not getattr(user, "role", "") and not user.is_superuser:
        raise PermissionDenied("Tài khoản chưa được giao vai trò.")
    return user


# --- campaigns -----------------------------------------------------------------------------------


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
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
    user = _staff(request)
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
            _errors(form, exc)
        else:
            messages.success(request, f"Đã tạo đợt khảo sát “{campaign.name}”.")
            return redirect("surveys:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaign_form.html",
        {"form": form, "campaign": None},
        status=400 if form.errors else 200,
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
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
    user = _staff(request)
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
            _errors(form, exc)
        else:
            messages.success(request, "Đã lưu đợt khảo sát.")
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
    user = _staff(request)
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
            messages.success(request, "Đã lưu số phiếu cần thu.")
    else:
        messages.error(request, "Số phiếu cần thu phải là số nguyên lớn hơn 0.")
    return redirect("surveys:campaign_detail", pk=pk)


TRANSITIONS = {
    "mo": (actions.open_campaign, "Đã mở đợt khảo sát; bộ câu hỏi đã được khóa."),
    "ket-thuc": (actions.close_campaign, "Đã kết thúc thu thập ý kiến."),
    "cong-bo": (actions.publish_campaign, "Đã công bố kết quả trên trang công khai."),
}


@login_required
@require_POST
def campaign_transition(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = _staff(request)
    campaign = get_object_or_404(surveys_for(user, write=True), pk=pk)
    if step not in TRANSITIONS:
        raise PermissionDenied
    action, done = TRANSITIONS[step]
    try:
        action(user, campaign)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("surveys:campaign_detail", pk=pk)


# --- responses -----------------------------------------------------------------------------------


@login_required
def response_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
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
    user = _staff(request)
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
                _errors(form, exc)
            else:
                messages.success(request, "Đã ghi quyết định xem xét.")
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
    user = _staff(request)
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


# --- questionnaires ------------------------------------------------------------------------------


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    if not may_read_questionnaires(user):
        raise PermissionDenied
    versions = questionnaires_for(user)
    may_write = is_secretariat(user)
    form = QuestionnaireImportForm(request.POST or None, request.FILES or None) if may_write else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form.cleaned_data["file"]:
                    upload = form.cleaned_data["file"]
                    version, created = actions.import_file(user, upload.name, upload.read())
                else:
                    version, created = actions.import_shipped(user, form.cleaned_data["shipped"])
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(
                    request,
                    f"Đã nhập bộ câu hỏi {version.code}."
                    if created
                    else f"Bộ câu hỏi {version.code} đã có, không đổi gì.",
                )
                return redirect("surveys:questionnaire_detail", pk=version.pk)
    return render(
        request,
        "surveys/questionnaire_list.html",
        {
            "versions": versions.annotate(n_campaigns=Count("campaigns")),
            "form": form,
            "may_write": may_write,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    version = get_object_or_404(questionnaires_for(user), pk=pk)
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "v": version,
            "q": version.questionnaire,
            "may_write": is_secretariat(user),
            "copy_form": CopyForm(initial={"code": f"{version.code}-ban-moi"})
            if is_secretariat(user)
            else None,
            "campaigns": surveys_for(user).filter(questionnaire=version),
        },
    )


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    version = get_object_or_404(questionnaires_for(user, write=True), pk=pk)
    if version.is_frozen:
        from cchc.surveys.models import FROZEN_MESSAGE

        messages.error(request, FROZEN_MESSAGE.format(code=version.code))
        return redirect("surveys:questionnaire_detail", pk=pk)
    form = QuestionnaireEditForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.edit_version(
                user,
                version,
                title=d["title"],
                default_aggregation=d["default_aggregation"],
                group_titles={n[2:]: d[n] for n in form.group_fields},
                item_texts={code: d[text] for code, text, _ in form.item_fields},
                item_wordings={code: d[state] for code, _, state in form.item_fields},
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "Đã lưu bản nháp.")
            return redirect("surveys:questionnaire_detail", pk=pk)
    return render(
        request,
        "surveys/questionnaire_edit.html",
        {"v": version, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def questionnaire_copy(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    version = get_object_or_404(questionnaires_for(user, write=True), pk=pk)
    form = CopyForm(request.POST)
    if form.is_valid():
        try:
            draft = actions.copy_version(user, version, form.cleaned_data["code"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã tạo bản nháp {draft.code}.")
            return redirect("surveys:questionnaire_detail", pk=draft.pk)
    else:
        messages.error(request, "Cần mã cho phiên bản mới.")
    return redirect("surveys:questionnaire_detail", pk=pk)


# --- paper entry ---------------------------------------------------------------------------------


@login_required
def paper_entry(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    units = entry_units_for(user)
    if not units.exists():
        raise PermissionDenied
    campaigns = entry_campaigns_for(user).select_related("questionnaire")
    chosen = campaigns.filter(pk=request.GET.get("dot") or request.POST.get("campaign") or 0).first()
    if chosen is None:
        chosen = campaigns.first()
    header = None
    errors: dict[str, str] = {}
    posted: dict[str, Any] = {}
    if chosen is not None:
        campaign_units = units.filter(pk__in=chosen.units.values("unit_id"))
        header = PaperHeaderForm(request.POST or None, units=campaign_units)
        if request.method == "POST":
            posted = request.POST.dict()
            answers = None
            try:
                answers = parse(chosen.questionnaire.questionnaire, request.POST, with_contact=False)
            except SubmissionError as exc:
                errors = exc.errors
            if header.is_valid() and answers is not None:
                d = header.cleaned_data
                answers.respondent_type = d["respondent_type"]
                try:
                    form = paper.enter(
                        user,
                        chosen,
                        serial=d["serial"],
                        unit=d["unit"],
                        filled_on=d["filled_on"],
                        answers=answers,
                    )
                except ValidationError as exc:
                    _errors(header, exc)
                else:
                    if form.status == PaperStatus.AWAITING_SECOND:
                        messages.success(
                            request,
                            f"Đã nhập lần 1 phiếu số {form.serial}. Cần một người khác nhập lại lần 2.",
                        )
                    elif form.status == PaperStatus.MATCHED:
                        messages.success(
                            request, f"Phiếu số {form.serial}: hai lần nhập khớp nhau, đã ghi nhận."
                        )
                    else:
                        messages.warning(
                            request,
                            f"Phiếu số {form.serial}: hai lần nhập lệch {len(form.mismatches)} ô. "
                            "Cần đối chiếu phiếu gốc.",
                        )
                        return redirect("surveys:paper_reconcile", pk=form.pk)
                    return redirect(f"{reverse('surveys:paper_entry')}?dot={chosen.pk}")
    waiting = (
        paper_forms_for(user)
        .exclude(status__in=[PaperStatus.MATCHED, PaperStatus.RESOLVED])
        .select_related("campaign")
        .order_by("status", "serial")
    )
    status = 400 if (errors or (header is not None and header.errors)) else 200
    return render(
        request,
        "surveys/paper_entry.html",
        {
            "campaigns": campaigns,
            "campaign": chosen,
            "q": chosen.questionnaire.questionnaire if chosen else None,
            "header": header,
            "errors": errors,
            "posted": posted,
            "waiting": waiting,
        },
        status=status,
    )


@login_required
def paper_reconcile(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    units = entry_units_for(user)
    form = get_object_or_404(
        paper_forms_for(user),
        pk=pk,
    )
    campaign = form.campaign
    first = form.entries.filter(seq=1).first()
    campaign_units = units.filter(pk__in=campaign.units.values("unit_id"))
    initial: dict[str, Any] = {"serial": form.serial}
    if first is not None:
        initial.update(
            {"unit": first.unit_id, "filled_on": first.filled_on, "respondent_type": first.respondent_type}
        )
    header = PaperHeaderForm(request.POST or None, units=campaign_units, initial=initial)
    errors: dict[str, str] = {}
    posted: dict[str, Any] = {f"q_{k}": str(v) for k, v in (first.answers.items() if first else [])}
    if request.method == "POST":
        posted = request.POST.dict()
        answers = None
        try:
            answers = parse(campaign.questionnaire.questionnaire, request.POST, with_contact=False)
        except SubmissionError as exc:
            errors = exc.errors
        if header.is_valid() and answers is not None:
            d = header.cleaned_data
            answers.respondent_type = d["respondent_type"]
            try:
                paper.reconcile(user, form, unit=d["unit"], filled_on=d["filled_on"], answers=answers)
            except ValidationError as exc:
                _errors(header, exc)
            else:
                messages.success(request, f"Đã đối chiếu và ghi nhận phiếu số {form.serial}.")
                return redirect(f"{reverse('surveys:paper_entry')}?dot={campaign.pk}")
    return render(
        request,
        "surveys/paper_reconcile.html",
        {
            "form": form,
            "campaign": campaign,
            "q": campaign.questionnaire.questionnaire,
            "header": header,
            "errors": errors,
            "posted": posted,
            "mismatched": {d["field"] for d in form.mismatches},
        },
        status=400 if errors or header.errors else 200,
    )


# --- kiosks --------------------------------------------------------------------------------------


@login_required
def kiosk_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    units = entry_units_for(user)
    if not units.exists():
        raise PermissionDenied
    form = KioskForm(request.POST or None, units=units.current())
    if request.method == "POST" and form.is_valid():
        try:
            kiosk = actions.create_kiosk(user, name=form.cleaned_data["name"], unit=form.cleaned_data["unit"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request, f"Đã tạo ki-ốt “{kiosk.name}”. Mở địa chỉ của ki-ốt trên máy tính bảng."
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
    user = _staff(request)
    kiosk = get_object_or_404(kiosks_for(user, write=True), pk=pk)
    actions.deactivate_kiosk(user, kiosk)
    messages.success(request, f"Đã ngừng ki-ốt “{kiosk.name}”.")
    return redirect("surveys:kiosks")


# --- published SIPAS figures ---------------------------------------------------------------------


@login_required
def figure_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
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
                _errors(form, exc)
            else:
                messages.success(request, "Đã lưu chỉ số đã công bố.")
                return redirect("surveys:figures")
    return render(
        request,
        "surveys/figures.html",
        {"figures": figures_for(user), "form": form, "may_write": may_write},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def figure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    figure = get_object_or_404(figures_for(user, write=True), pk=pk)
    initial = {
        k: getattr(figure, k) for k in ("year", "scope", "area_name", "value", "rank", "range_note", "source")
    }
    form = FigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_figure(user, form.cleaned_data, figure)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "Đã lưu.")
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
    user = _staff(request)
    figure = get_object_or_404(figures_for(user, write=True), pk=pk)
    actions.delete_figure(user, figure)
    messages.success(request, "Đã xoá.")
    return redirect("surveys:figures")
