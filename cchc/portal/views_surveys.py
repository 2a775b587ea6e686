"""Public survey pages (mounted at /cong-khai/khao-sat/, no login): the form behind the link and QR code
on a dossier's slips, the kiosk for a tablet at the one-stop office, and published results.

The forms work without JavaScript (a normal POST); with it (static/js/survey-offline.js) the answers are
kept in the phone's storage and a failed submit is retried. Submits sent by script get JSON back.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from cchc.accounts.policy import client_ip
from cchc.surveys import presentation, results
from cchc.surveys.actions.responses import ALREADY, submit_for_dossier, submit_from_kiosk
from cchc.surveys.collection import (
    SubmissionError,
    already_answered,
    campaign_for,
    campaign_for_dossier,
    form_stamp,
    hash_address,
    parse,
)
from cchc.surveys.conf import setting
from cchc.surveys.models import Campaign, CampaignStatus, DossierToken, Kiosk, RespondentType

SESSION_DONE = "surveys_done"


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _ip_hash(request: HttpRequest) -> str:
    return hash_address(client_ip(request) or "unknown")


def _too_many_misses(request: HttpRequest) -> bool:
    key = f"cchc:surveys:miss:{_ip_hash(request)}"
    return int(cache.get(key, 0)) >= int(setting("CCHC_SURVEY_LOOKUPS_PER_HOUR"))


def _count_miss(request: HttpRequest) -> None:
    key = f"cchc:surveys:miss:{_ip_hash(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)


def _token(request: HttpRequest, token: str) -> DossierToken:
    if _too_many_misses(request):
        raise Http404("Quá nhiều lần mở đường dẫn không đúng. Vui lòng thử lại sau.")
    row = (
        DossierToken.objects.select_related("dossier", "dossier__receiving_unit", "dossier__handling_unit")
        .filter(token=token.lower())
        .first()
    )
    if row is None:
        _count_miss(request)
        raise Http404("Không tìm thấy phiếu khảo sát. Vui lòng kiểm tra lại đường dẫn trên phiếu.")
    return row


def _context(q: Any, posted: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {
        "q": q,
        "sections": presentation.sections(q, posted, errors) if q else [],
        "options": presentation.options(q, posted) if q else [],
        "expectations_title": presentation.expectations_title(q) if q else "",
        "expectations_title_is_data": presentation.expectations_title_is_data(q) if q else False,
        "scale": [(v, q.scale.labels[v]) for v in q.scale.values] if q else [],
        "respondent_types": RespondentType.choices,
        "posted": posted,
        "errors": errors,
        "stamp": form_stamp(),
    }


@never_cache
def dossier_survey(request: HttpRequest, token: str) -> HttpResponse:
    row = _token(request, token)
    dossier = row.dossier
    if already_answered(dossier) and request.method != "POST":
        return render(request, "portal/surveys/done.html", {"message": gettext(ALREADY), "already": True})
    cu = campaign_for_dossier(dossier, timezone.localdate())
    q = cu.campaign.questionnaire.questionnaire if cu else None
    posted: dict[str, Any] = {}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        posted = request.POST.dict()
        try:
            answers = parse(q, request.POST, with_rating=True)
        except SubmissionError as exc:
            errors, status = exc.errors, 400
        else:
            try:
                received = submit_for_dossier(row, answers, ip_hash=_ip_hash(request))
            except SubmissionError as exc:
                errors, status = exc.errors, 400
            else:
                if _wants_json(request):
                    code = 200 if received.created or received.message != ALREADY else 409
                    return JsonResponse(
                        {"ok": code == 200, "message": gettext(received.message)}, status=code
                    )
                if received.message == ALREADY:
                    return render(
                        request,
                        "portal/surveys/done.html",
                        {"message": gettext(ALREADY), "already": True},
                        status=409,
                    )
                return redirect("surveys_public:thanks")
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": errors}, status=status)
    context = _context(q, posted, errors)
    context.update(
        {
            "mode": "link",
            "token": row.token,
            "unit": dossier.receiving_unit,
            "procedure": dossier.procedure.name,
            "campaign": cu.campaign if cu else None,
            "ratings": presentation.RATINGS,
            "storage_key": f"cchc-survey-{row.token}",
        }
    )
    return render(request, "portal/surveys/form.html", context, status=status)


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/surveys/done.html",
        {
            "message": gettext("Cảm ơn ông/bà đã dành thời gian đánh giá. Ý kiến đã được ghi nhận."),
            "already": False,
        },
    )


@never_cache
def kiosk(request: HttpRequest, token: str) -> HttpResponse:
    device = get_object_or_404(Kiosk.objects.select_related("unit"), token=token, is_active=True)
    cu = campaign_for(device.unit, timezone.localdate())
    q = cu.campaign.questionnaire.questionnaire if cu else None
    posted: dict[str, Any] = {}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        posted = request.POST.dict()
        try:
            answers = parse(q, request.POST, with_contact=False)
            received = submit_from_kiosk(device, answers, ip_hash=_ip_hash(request))
        except SubmissionError as exc:
            errors, status = exc.errors, 400
        else:
            if _wants_json(request):
                return JsonResponse({"ok": True, "message": gettext(received.message)})
            return redirect(f"{request.path}?da-gui=1")
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": errors}, status=status)
    context = _context(q, posted, errors)
    context.update(
        {
            "mode": "kiosk",
            "kiosk": device,
            "campaign": cu.campaign if cu else None,
            "idle_seconds": int(setting("CCHC_SURVEY_KIOSK_IDLE_SECONDS")),
            "thanks_seconds": int(setting("CCHC_SURVEY_KIOSK_THANKS_SECONDS")),
            "sent": request.GET.get("da-gui") == "1",
            "storage_key": f"cchc-kiosk-{device.pk}",
        }
    )
    return render(request, "portal/surveys/kiosk.html", context, status=status)


def published(request: HttpRequest) -> HttpResponse:
    campaigns = Campaign.objects.filter(status=CampaignStatus.PUBLISHED).select_related(
        "questionnaire", "jurisdiction"
    )
    rows = []
    for campaign in campaigns:
        rs = results.load(campaign)
        r = results.compute(rs, campaign.rule)
        rows.append({"campaign": campaign, "result": r})
    return render(request, "portal/surveys/published.html", {"rows": rows})


def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(
        Campaign.objects.filter(status=CampaignStatus.PUBLISHED).select_related("questionnaire"), pk=pk
    )
    rs = results.load(campaign)
    q = rs.questionnaire
    rule = campaign.rule
    units = [cu.unit for cu in campaign.units.select_related("unit").order_by("unit__path")]
    rows = [{"unit": u, "result": results.compute(rs, rule, rs.units == u.pk)} for u in units]
    groups = q.groups_at(q.levels[-1].key)
    return render(
        request,
        "portal/surveys/published_detail.html",
        {
            "campaign": campaign,
            "rows": rows,
            "total": results.compute(rs, rule),
            "groups": groups,
            "rule": rule,
        },
    )
