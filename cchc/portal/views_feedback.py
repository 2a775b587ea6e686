"""The public side of citizen voice (/cong-khai/phan-anh/): the phone-first form without login, the
tracking page (code + phone), rating and reopening, and the published answers.

Nothing here shows personal data: the published pages read only the masked public texts; the
tracking page, opened with the code and the phone number, shows the masked name and masks the texts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cchc.core.params import id_param
from cchc.feedback import actions, antispam, stats
from cchc.feedback.actions.citizen import may_rate, may_reopen, rate, reopen
from cchc.feedback.actions.intake import Intake, receive
from cchc.feedback.attachments import check_uploads
from cchc.feedback.conf import setting
from cchc.feedback.forms import PetitionForm, RateForm, ReasonForm, SupplementForm, TrackForm
from cchc.feedback.models import OUT_OF_SCOPE_KINDS, AnswerStatus, Category, Channel, Petition, Status
from cchc.feedback.queries import public_petitions, timeline, tracked
from cchc.feedback.routing import public_jurisdiction, wards_of
from cchc.feedback.text import mask_personal, normalise_phone
from cchc.lib.personal_data import mask_name

SESSION_TRACKED = "feedback_tracked"
SESSION_SUBMITTED = "feedback_submitted"
NOT_FOUND = gettext_noop(
    "Không tìm thấy phản ánh khớp với mã theo dõi và số điện thoại đã nhập. Vui lòng kiểm tra lại mã "
    "trong tin nhắn hoặc thư xác nhận đã nhận."
)


def _jurisdiction() -> Any:
    j = public_jurisdiction()
    if j is None:
        raise Http404("Chưa cấu hình lĩnh vực tiếp nhận phản ánh.")
    return j


def _grant(request: HttpRequest, code: str) -> None:
    codes = [c for c in request.session.get(SESSION_TRACKED, []) if c != code]
    request.session[SESSION_TRACKED] = [*codes[-19:], code]


def _granted(request: HttpRequest, code: str) -> bool:
    return code in request.session.get(SESSION_TRACKED, [])


def _tracked_or_redirect(request: HttpRequest, code: str) -> Petition | None:
    if not _granted(request, code):
        return None
    return Petition.objects.select_related("category", "ward", "unit").filter(code=code).first()


@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    jurisdiction = _jurisdiction()
    wards = wards_of(jurisdiction)
    status = 200
    if request.method == "POST":
        if request.POST.get(antispam.HONEYPOT_FIELD):
            # A field people never see was filled in: a script. Answer as if all went well.
            return render(request, "portal/feedback/submitted.html", {"petition": None})
        form = PetitionForm(request.POST, request.FILES, jurisdiction=jurisdiction, wards=wards)
        status = 400
        if form.is_valid():
            petition, status = _receive_public(request, form, jurisdiction)
            if petition is not None:
                _grant(request, petition.code)
                request.session[SESSION_SUBMITTED] = petition.code
                return redirect("feedback_public:submitted")
    else:
        form = PetitionForm(
            initial={antispam.STAMP_FIELD: antispam.form_stamp()}, jurisdiction=jurisdiction, wards=wards
        )
    ward_routed = list(
        Category.objects.filter(jurisdiction=jurisdiction, route_to_ward=True).values_list("pk", flat=True)
    )
    return render(
        request,
        "portal/feedback/form.html",
        {"form": form, "jurisdiction": jurisdiction, "ward_routed": ward_routed},
        status=status,
    )


def _receive_public(
    request: HttpRequest, form: PetitionForm, jurisdiction: Any
) -> tuple[Petition | None, int]:
    data = form.cleaned_data
    stamp = data.get(antispam.STAMP_FIELD) or ""
    if problem := antispam.stamp_problem(stamp):
        form.add_error(None, problem)
        return None, 400
    try:
        files = check_uploads(data["attachments"])
    except ValidationError as exc:
        form.add_error("attachments", exc)
        return None, 400
    limited = antispam.rate_limited(request, normalise_phone(data["citizen_phone"]))
    if limited:
        form.add_error(None, limited)
        return None, 429
    if not antispam.use_stamp(stamp):  # two submissions racing with one stamp: the second loses
        form.add_error(None, antispam.STAMP_USED)
        return None, 400
    intake = Intake(
        jurisdiction=jurisdiction,
        kind=data["kind"],
        channel=Channel.WEB,
        category=data["category"],
        ward=data["ward"],
        location=data["location"],
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        dossier_code=data["dossier_code"],
        text=data["text"],
        citizen_name=data["citizen_name"],
        citizen_phone=data["citizen_phone"],
        citizen_email=data["citizen_email"],
        citizen_address=data["citizen_address"],
        reply_via=data["reply_via"],
        consent_publish=data["consent_publish"],
        ip_hash=antispam.hash_address(antispam.address(request)),
        files=files,
    )
    try:
        return receive("Người gửi", intake), 200
    except ValidationError as exc:
        form.add_errors(exc.message_dict)
        return None, 400


@never_cache
def submitted(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SESSION_SUBMITTED)
    petition = Petition.objects.filter(code=code).select_related("unit").first() if code else None
    if petition is None:
        return redirect("feedback_public:submit")
    return render(request, "portal/feedback/submitted.html", {"petition": petition})


def _lookup_limited(request: HttpRequest) -> bool:
    """Against guessing phone numbers for a code: look-ups per address and hour."""
    if not setting("CCHC_FEEDBACK_RATE_LIMITS"):
        return False
    ip = hashlib.sha256(antispam.address(request).encode()).hexdigest()[:32]
    key = f"cchc:feedback:lookup:{ip}"
    cache.add(key, 0, timeout=3600)
    try:
        return int(cache.incr(key)) > int(setting("CCHC_FEEDBACK_LOOKUPS_PER_HOUR"))
    except ValueError:
        cache.set(key, 1, timeout=3600)
        return False


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    error, status = "", 200
    if request.method == "POST":
        form = TrackForm(request.POST)
        if form.is_valid():
            if _lookup_limited(request):
                error, status = (
                    gettext("Bạn đã tra cứu quá nhiều lần trong một giờ. Vui lòng thử lại sau."),
                    429,
                )
            else:
                p = tracked(form.cleaned_data["code"], form.cleaned_data["contact"])
                if p is not None:
                    _grant(request, p.code)
                    return redirect("feedback_public:track_detail", code=p.code)
                error = gettext(NOT_FOUND)
    else:
        form = TrackForm(initial={"code": request.GET.get("ma", "")})
    return render(request, "portal/feedback/track.html", {"form": form, "error": error}, status=status)


@never_cache
def track_detail(request: HttpRequest, code: str) -> HttpResponse:
    p = _tracked_or_redirect(request, code)
    if p is None:
        return redirect(f"{_url('feedback_public:track')}?ma={code}")
    names = [p.citizen_name]
    answers = [
        {
            "at": a.decided_at,
            "text": mask_personal(a.text, names),
            "legal_basis": mask_personal(a.legal_basis, names),
        }
        for a in p.answers.filter(status=AnswerStatus.SENT).order_by("decided_at")
    ]
    return render(
        request,
        "portal/feedback/track_detail.html",
        {
            "p": p,
            "masked_name": mask_name(p.citizen_name),
            "text": mask_personal(p.text, names),
            "outcome": mask_personal(p.outcome_note, names),
            "answers": answers,
            "steps": timeline(p, public=True),
            "rate_form": RateForm() if may_rate(p) else None,
            "reopen_form": ReasonForm() if may_reopen(p) else None,
            "supplement_form": SupplementForm() if p.status == Status.AWAITING_INFO else None,
        },
    )


def _url(name: str, **kwargs: Any) -> str:
    from django.urls import reverse

    return reverse(name, kwargs=kwargs or None)


@require_POST
def track_rate(request: HttpRequest, code: str) -> HttpResponse:
    p = _tracked_or_redirect(request, code)
    if p is None:
        return redirect("feedback_public:track")
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            rate(p, satisfied=form.cleaned_data["satisfied"], comment=form.cleaned_data["comment"])
            messages.success(request, gettext("Cảm ơn Ông/Bà đã đánh giá."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, gettext("Vui lòng chọn Hài lòng hoặc Không hài lòng."))
    return redirect("feedback_public:track_detail", code=code)


@require_POST
def track_reopen(request: HttpRequest, code: str) -> HttpResponse:
    p = _tracked_or_redirect(request, code)
    if p is None:
        return redirect("feedback_public:track")
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            reopen(p, reason=form.cleaned_data["reason"])
            messages.success(
                request, gettext("Đã gửi đề nghị xem xét lại; cơ quan sẽ trả lời lại trong thời hạn.")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, gettext("Vui lòng nêu lý do đề nghị xem xét lại."))
    return redirect("feedback_public:track_detail", code=code)


@require_POST
def track_supplement(request: HttpRequest, code: str) -> HttpResponse:
    p = _tracked_or_redirect(request, code)
    if p is None:
        return redirect("feedback_public:track")
    form = SupplementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            files = check_uploads(form.cleaned_data["attachments"])
            actions.info_received("Người gửi", p, text=form.cleaned_data["text"], files=files)
            messages.success(request, gettext("Đã gửi thông tin bổ sung."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("feedback_public:track_detail", code=code)


def published(request: HttpRequest) -> HttpResponse:
    jurisdiction = public_jurisdiction()
    qs = public_petitions().order_by("-published_at", "-pk")
    categories = (
        Category.objects.filter(jurisdiction=jurisdiction, is_active=True)
        if jurisdiction
        else Category.objects.none()
    )
    wards = wards_of(jurisdiction) if jurisdiction else None
    chosen_category = request.GET.get("linh_vuc", "")
    chosen_ward = request.GET.get("phuong", "")
    if (chosen_category_pk := id_param(chosen_category)) is not None:
        qs = qs.filter(category_id=chosen_category_pk)
    if (chosen_ward_pk := id_param(chosen_ward)) is not None:
        qs = qs.filter(ward_id=chosen_ward_pk)
    page = Paginator(qs, 20).get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/feedback/published.html",
        {
            "page": page,
            "categories": categories,
            "wards": wards,
            "chosen_category": chosen_category,
            "chosen_ward": chosen_ward,
        },
    )


def published_detail(request: HttpRequest, code: str) -> HttpResponse:
    p = public_petitions().filter(code=code).first()
    if p is None:
        # A withdrawn answer says so (HTTP 410 Gone) rather than pretending it never existed: the
        # citizen may hold the link. Nothing of it is shown, not even its title.
        withdrawn = Petition.objects.filter(
            code=code, published_at__isnull=False, withdrawn_at__isnull=False
        ).exclude(kind__in=OUT_OF_SCOPE_KINDS)
        if withdrawn.exists():
            return render(request, "portal/feedback/withdrawn.html", {"code": code}, status=410)
        raise Http404("Không có phản ánh công khai với mã này.")
    return render(
        request, "portal/feedback/published_detail.html", {"p": p, "steps": timeline(p, public=True)}
    )


def public_figures(request: HttpRequest) -> HttpResponse:
    jurisdiction = public_jurisdiction()
    year_text = request.GET.get("nam", "")
    this_year = timezone.localdate().year
    year = id_param(year_text) or this_year
    year = year if 2000 <= year <= this_year else this_year
    rows: list[stats.Row] = []
    total = stats.Row(unit="", name="Tổng cộng")
    if jurisdiction is not None:
        qs = Petition.objects.filter(jurisdiction__path__startswith=jurisdiction.path)
        rows, total = stats.figures(dt.date(year, 1, 1), dt.date(year, 12, 31), petitions=qs)
    years = list(range(this_year, this_year - 6, -1))
    return render(
        request, "portal/feedback/figures.html", {"rows": rows, "total": total, "year": year, "years": years}
    )
