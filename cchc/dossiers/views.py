"""Staff screens of the dossier ledger. Thin: reads in queries.py, writes in
the actions package. Every dossier comes through ``dossiers_for``; out-of-scope dossiers answer 404."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from cchc.accounts.models import User
from cchc.dossiers import exports
from cchc.dossiers.actions import apologies
from cchc.dossiers.actions.common import ScreenActionError
from cchc.dossiers.forms import (
    ApologyIssueForm,
    DossierFilterForm,
    LateFilterForm,
    LeagueForm,
)
from cchc.dossiers.interagency import step_dues
from cchc.dossiers.late_lines import PAGE_FIELDS, late_lines
from cchc.dossiers.late_rows import LateFilters, late_rows, page_source
from cchc.dossiers.league_links import league_lines
from cchc.dossiers.letters import (
    APOLOGY_EVENT,
    LetterChoices,
    default_choices,
    file_stem,
    form_for,
    letter_data,
    render_docx,
    render_pdf,
)
from cchc.dossiers.models import Apology, ApologyForm, Dossier
from cchc.dossiers.paging import CappedPaginator
from cchc.dossiers.queries import (
    causes_of,
    dossier_units_for,
    dossiers_for,
    is_overdue,
    late_q,
    mask_applicant,
    may_read_dossiers,
    may_search_personal_data,
    may_see_personal_data,
    search_dossiers,
    with_apology_flag,
    with_deadline,
)
from cchc.dossiers.rankings import (
    league_chart,
    league_min_dossiers,
    official_league,
    unit_league,
)
from cchc.org.models import Unit

PAGE_SIZE = 50
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

EVENT_LABELS = {
    APOLOGY_EVENT: gettext_noop("Ban hành phiếu xin lỗi"),
    "created": gettext_noop("Tạo hồ sơ"),
    "imported": gettext_noop("Nhập từ tệp"),
    "updated": gettext_noop("Cập nhật"),
    "status_changed": gettext_noop("Đổi trạng thái"),
    "progress": gettext_noop("Cập nhật tiến độ"),
    "step_added": gettext_noop("Thêm bước xử lý"),
    "api_update": gettext_noop("Cập nhật qua API"),
}


def _reader(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not may_read_dossiers(user):
        raise PermissionDenied(gettext("Vai trò của bạn không theo dõi hồ sơ thủ tục hành chính."))
    return user


# --- list and page -----------------------------------------------------------------------------


@login_required
def dossier_list(request: HttpRequest) -> HttpResponseBase:
    user = _reader(request)
    now = timezone.now()
    personal = may_search_personal_data(user)
    hint = (
        gettext("Mã hồ sơ, tên, số giấy tờ hoặc số điện thoại chủ hồ sơ") if personal else gettext("Mã hồ sơ")
    )
    form = DossierFilterForm(
        request.GET or None, units=dossier_units_for(user).order_by("path"), search_hint=hint
    )
    qs = dossiers_for(user)
    if form.is_valid():
        f = form.cleaned_data
        qs = search_dossiers(qs, f["q"], user)
        if f["status"] is not None:
            qs = qs.filter(status=f["status"])
        if f["outcome"]:
            qs = qs.filter(outcome=f["outcome"])
        if f["procedure"]:
            qs = qs.filter(procedure=f["procedure"])
        if f["unit"]:
            qs = qs.filter(handling_unit=f["unit"])
        if f["channel"] is not None:
            qs = qs.filter(channel=f["channel"])
        if f["received_from"]:
            qs = qs.filter(received_at__gte=_day_start(f["received_from"]))
        if f["received_to"]:
            qs = qs.filter(received_at__lt=_day_start(f["received_to"] + dt.timedelta(days=1)))
        if f["late_only"]:
            qs = qs.filter(late_q(now))
    qs = with_apology_flag(with_deadline(qs)).select_related("procedure", "handling_unit", "receiving_unit")
    if exports.wanted(request) and not form.errors:
        return exports.list_xlsx(qs.order_by("-received_at", "-pk"), form, user, now)
    # Counted up to a cap (``paging``); the order is served by the (received_at, id) index.
    page = CappedPaginator(qs.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = [{"d": d, "applicant": mask_applicant(d, user), "overdue": is_overdue(d, now)} for d in page]
    return render(
        request,
        "dossiers/list.html",
        {"form": form, "page": page, "rows": rows, "personal_search": personal},
    )


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _event_rows(dossier: Dossier) -> list[dict[str, Any]]:
    """Events without their raw data: an import diff may carry personal data the viewer may not see."""
    rows = []
    for e in dossier.events.all().order_by("-at", "-id")[:200]:
        detail = ""
        if e.kind == APOLOGY_EVENT:
            number = (e.data or {}).get("number") or ""
            detail = gettext("Số %(number)s") % {"number": number} if number else ""
            if (e.data or {}).get("late_notice"):
                late = gettext("ban hành sau thời hạn một ngày trước hạn trả")
                detail = f"{detail} · {late}" if detail else late
        rows.append(
            {"at": e.at, "actor": e.actor_name, "label": EVENT_LABELS.get(e.kind, e.kind), "detail": detail}
        )
    return rows


@login_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = _reader(request)
    d = get_object_or_404(
        with_apology_flag(dossiers_for(user)).select_related("procedure", "handling_unit", "receiving_unit"),
        code=code,
    )
    now = timezone.now()
    steps = []
    dues = step_dues(d)  # inter-agency steps: the deadline the machine holds (docs/dossier-interagency.md)
    for s in d.steps.select_related("unit", "official").order_by("seq"):
        late = bool(
            s.deadline_at
            and (
                (s.finished_at and s.finished_at > s.deadline_at)
                or (not s.finished_at and s.deadline_at < now)
            )
        )
        due = dues.get(s.pk)
        late = late or bool(due and not s.finished_at and due < timezone.localdate())
        steps.append({"s": s, "late": late, "due": due})
    may_write = dossiers_for(user, write=True).filter(pk=d.pk).exists()
    blocker = apologies.apology_blocker(d) if may_write else ""
    return render(
        request,
        "dossiers/detail.html",
        {
            "d": d,
            "applicant": mask_applicant(d, user),
            "steps": steps,
            "supplements": d.supplements.order_by("seq"),
            "apologies": d.apologies.select_related("responsible_unit").order_by("issued_at"),
            "events": _event_rows(d),
            "causes": causes_of(d),
            "overdue": is_overdue(d, now),
            "may_issue": may_write and not blocker,
            "apology_blocker": blocker if may_write and getattr(d, "has_apology", False) else "",
            "may_download": may_see_personal_data(user, d),
            "notice_due": apologies.notice_due(d),
            "deadline": apologies.deadline_of(d),
        },
    )


# --- apology letters ---------------------------------------------------------------------------


def _responsible_units(d: Dossier) -> Any:
    ids = {d.handling_unit_id, d.receiving_unit_id}
    ids |= {pk for pk in d.steps.exclude(unit=None).values_list("unit_id", flat=True)}
    return Unit.objects.filter(pk__in=ids).order_by("path")


def _suggested_responsible(d: Dossier, units: Any) -> Unit | None:
    by_key = {u.code.casefold(): u for u in units} | {u.name.casefold(): u for u in units}
    for cause in causes_of(d):
        unit = by_key.get(cause["unit"].casefold())
        if unit is not None:
            return unit
    now = timezone.now()
    for s in d.steps.select_related("unit").order_by("seq"):
        if s.unit and s.deadline_at and ((s.finished_at or now) > s.deadline_at):
            return s.unit
    return d.handling_unit


@login_required
def apology_new(request: HttpRequest, code: str) -> HttpResponse:
    user = _reader(request)
    d = get_object_or_404(
        dossiers_for(user).select_related("procedure", "handling_unit", "receiving_unit"), code=code
    )
    if not dossiers_for(user, write=True).filter(pk=d.pk).exists():
        raise PermissionDenied(
            gettext("Chỉ Bộ phận một cửa và đơn vị giải quyết hồ sơ được ban hành phiếu xin lỗi.")
        )
    detail_url = reverse("dossiers:detail", args=[d.code])
    blocker = apologies.apology_blocker(d)
    if blocker:
        messages.error(request, blocker)
        return redirect(detail_url)
    units = _responsible_units(d)
    deadline = apologies.deadline_of(d)
    defaults = default_choices(d)
    if request.method == "POST":
        form = ApologyIssueForm(request.POST, units=units, deadline=deadline)
        if form.is_valid():
            f = form.cleaned_data
            choices = LetterChoices(
                **{
                    **defaults.as_dict(),
                    "number": f["number"],
                    "return_place": f["return_place"].strip(),
                    "recipients": form.recipient_list(),
                    "signer_prefix": f["signer_prefix"].strip(),
                    "signer_title": f["signer_title"].strip(),
                    "signer_name": f["signer_name"].strip(),
                }
            )
            try:
                issued = apologies.issue_apology(
                    user,
                    d,
                    reason=f["reason"],
                    new_appointment_at=f["new_appointment_at"],
                    choices=choices,
                    responsible_unit=f["responsible_unit"],
                    responsible_unit_name=f["responsible_unit_name"],
                )
            except ScreenActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    gettext(
                        "Đã ban hành phiếu xin lỗi cho hồ sơ %(code)s. Tải bản DOCX hoặc PDF để ký và gửi "
                        "người dân."
                    )
                    % {"code": d.code},
                )
                for warning in issued.warnings:
                    messages.warning(request, warning)
                return redirect(detail_url + "#phieu-xin-loi")
    else:
        responsible = _suggested_responsible(d, units)
        form = ApologyIssueForm(
            units=units,
            deadline=deadline,
            initial={
                "number": defaults.number,
                "responsible_unit": responsible.pk if responsible else None,
                "return_place": defaults.return_place,
                "signer_prefix": defaults.signer_prefix,
                "signer_title": defaults.signer_title,
                "signer_name": defaults.signer_name,
                "recipients": "\n".join(defaults.recipients),
                "new_time": dt.time(16, 0),
            },
        )
    return render(
        request,
        "dossiers/apology_form.html",
        {
            "d": d,
            "form": form,
            "form_label": ApologyForm(form_for(d)).label,
            "deadline": deadline,
            "notice_due": apologies.notice_due(d),
            "notice_late": apologies.notice_is_late(d, timezone.now()),
            "applicant": mask_applicant(d, user),
        },
    )


def _apology_for_download(request: HttpRequest, code: str, pk: int) -> Apology:
    user = _reader(request)
    d = get_object_or_404(dossiers_for(user), code=code)
    # The letter names the applicant and their address: only those who see the applicant in full.
    if not may_see_personal_data(user, d):
        raise PermissionDenied(
            gettext("Phiếu xin lỗi có thông tin cá nhân của người dân; bạn không được tải.")
        )
    return get_object_or_404(
        Apology.objects.select_related(
            "dossier__procedure", "dossier__handling_unit", "dossier__receiving_unit"
        ),
        pk=pk,
        dossier=d,
    )


@login_required
def apology_docx(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    apology = _apology_for_download(request, code, pk)
    response = HttpResponse(render_docx(letter_data(apology)), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_stem(apology)}.docx"'
    return response


@login_required
def apology_pdf(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    apology = _apology_for_download(request, code, pk)
    response = HttpResponse(render_pdf(letter_data(apology)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_stem(apology)}.pdf"'
    return response


# --- late dossiers -----------------------------------------------------------------------------


@login_required
def late_dossiers(request: HttpRequest) -> HttpResponseBase:
    user = _reader(request)
    form = LateFilterForm(request.GET or None, units=dossier_units_for(user).order_by("path"))
    filters = LateFilters.from_form(form.cleaned_data) if form.is_valid() else LateFilters()
    now = timezone.now()
    qs, before_missing = late_rows(user, filters, now, timezone.localdate())
    if exports.wanted(request) and not form.errors:
        return exports.late_xlsx(qs, form)
    # Counted up to a cap, as the dossier list (``paging``); the order is served by the late list's indexes.
    # Only the shown columns read for the page: the dossiers' other fields (JSON among them) cost CPU to
    # decode. Filtered by an account or a cause, both counts come from the causes' rows (``page_source``).
    shown, count, missing = page_source(user, filters, qs, before_missing, now, PAGE_FIELDS)
    paginator = CappedPaginator(shown, PAGE_SIZE, known=(count.count, count.capped))
    page = paginator.get_page(request.GET.get("trang"))
    rows = late_lines(request, page)
    return render(
        request,
        "dossiers/late.html",
        {"form": form, "page": page, "rows": rows, "missing": missing, "filters": filters},
    )


# --- league tables -----------------------------------------------------------------------------


def _league(request: HttpRequest, which: str) -> HttpResponseBase:
    user = _reader(request)
    form = LeagueForm(request.GET or None, units=dossier_units_for(user).order_by("path"))
    start, end = form.period()
    unit = form.chosen_unit() if which == "officials" else None
    league = (
        unit_league(user, start, end) if which == "units" else official_league(user, start, end, unit=unit)
    )
    if exports.wanted(request):
        return exports.league_xlsx(league, which, start, end, unit)
    chart = league_chart(league, which)
    return render(
        request,
        "dossiers/league.html",
        {
            "form": form,
            "league": league,
            # The rows with their drill-down links, built once per page (``league_links``).
            "ranked": league_lines(league.ranked, which, start, end, unit),
            "too_few": league_lines(league.too_few, which, start, end, unit),
            "which": which,
            "start": start,
            "end": end,
            "unit": unit,
            "charts": [chart] if chart else [],
            "min_finished": league_min_dossiers(),
        },
    )


@login_required
def league_units(request: HttpRequest) -> HttpResponseBase:
    return _league(request, "units")


@login_required
def league_officials(request: HttpRequest) -> HttpResponseBase:
    return _league(request, "officials")
