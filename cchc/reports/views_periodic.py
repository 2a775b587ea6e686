"""Screens of the periodic reform report: the list, a report (edit, approve, send, DOCX/PDF), and the
city's view of a round (who has sent, who has missed the due date, the city's assembled report)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cchc.accounts.models import User
from cchc.core.official_documents import render_docx, render_pdf
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.reports import actions, document, drafting, periods, rounds
from cchc.reports.forms import SlotForm
from cchc.reports.models import Kind, PeriodicReport, State
from cchc.reports.queries import (
    CITY_WRITERS,
    UNIT_WRITERS,
    city_unit,
    may_approve,
    may_follow_rounds,
    may_open_round,
    reports_for,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _user(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not (
        user.is_superuser
        or reports_for(user).exists()
        or user.role in UNIT_WRITERS
        or may_follow_rounds(user)
    ):
        raise PermissionDenied(gettext("Vai trò của bạn không làm báo cáo định kỳ."))
    return user


def _slot_from(data: Any) -> tuple[SlotForm, periods.Slot | None]:
    form = SlotForm(data)
    if not form.is_valid():
        return form, None
    try:
        slot = periods.slot(form.cleaned_data["kind"], form.cleaned_data["year"], form.cleaned_data["part"])
    except periods.ScheduleError as exc:
        form.add_error("part", str(exc))
        return form, None
    return form, slot


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    last = periods.last_finished(Kind.QUARTER, today)
    form = SlotForm(initial={"kind": Kind.QUARTER, "year": last.year, "part": last.part})
    return render(
        request,
        "reports/periodic_index.html",
        {
            "reports": reports_for(user).select_related("unit")[:60],
            "form": form,
            "may_draft": user.role in UNIT_WRITERS | CITY_WRITERS or user.is_superuser,
            "may_follow": may_follow_rounds(user),
            "last": last,
        },
    )


@login_required
@require_POST
def new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form, slot = _slot_from(request.POST)
    if slot is None:
        return render(
            request,
            "reports/periodic_index.html",
            {"form": form, "may_draft": True, "reports": []},
            status=400,
        )
    if user.role in UNIT_WRITERS:
        unit = user_unit(user)
        is_city = False
    elif user.role in CITY_WRITERS:
        area = user_jurisdiction(user)
        unit = city_unit(area) if area else None
        is_city = True
    else:
        raise PermissionDenied(gettext("Vai trò của bạn không lập báo cáo định kỳ."))
    if unit is None:
        raise PermissionDenied(gettext("Tài khoản chưa gắn với đơn vị nào."))
    report = actions.draft(user, unit, slot, is_city=is_city)
    return redirect("reports:periodic_detail", pk=report.pk)


def _figures(report: PeriodicReport) -> tuple[dict[str, Any], list[tuple[str, Any, Any]]]:
    """The figures shown: frozen once approved (with what a new count would change), else counted now."""
    fresh = actions.current_figures(report)
    if report.state == State.DRAFT:
        return fresh, []
    return report.figures, drafting.differences(report.figures, fresh)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    report = get_object_or_404(reports_for(user).select_related("unit", "jurisdiction"), pk=pk)
    writable = reports_for(user, write=True).filter(pk=pk).exists()
    status = 200
    if request.method == "POST":
        what = request.POST.get("action", "")
        try:
            if what == "save" and writable:
                texts = {k: request.POST.get(k, "") for k in drafting.SECTION_KEYS}
                bad = [
                    t
                    for k, t in drafting.SECTIONS
                    if "\x00" in texts[k] or len(texts[k]) > drafting.SECTION_MAX
                ]
                if bad:
                    raise ValidationError(
                        gettext("Mục «%(section)s» chứa ký tự không hợp lệ hoặc dài quá %(max)s ký tự.")
                        % {"section": bad[0], "max": drafting.SECTION_MAX}
                    )
                actions.edit_sections(user, report, texts)
                messages.success(request, gettext("Đã lưu nội dung báo cáo."))
            elif what == "approve":
                actions.approve(user, report)
                messages.success(request, gettext("Đã phê duyệt báo cáo; số liệu đã được chốt."))
            elif what == "submit" and writable:
                actions.submit(user, report)
                messages.success(request, gettext("Đã gửi báo cáo lên cấp trên."))
            else:
                raise PermissionDenied(gettext("Bạn không được thực hiện thao tác này."))
            return redirect("reports:periodic_detail", pk=pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        report.refresh_from_db()
    figures, changed = _figures(report)
    return render(
        request,
        "reports/periodic_detail.html",
        {
            "report": report,
            "sections": [(k, t, (report.sections or {}).get(k, "")) for k, t in drafting.SECTIONS],
            "lines": drafting.figure_lines(figures),
            "changed": [(drafting.label(path), sent, now) for path, sent, now in changed],
            "writable": writable and report.state == State.DRAFT,
            "may_approve": report.state == State.DRAFT and may_approve(user, report),
            "may_submit": writable and report.state == State.APPROVED,
            "summary": document.summary_line(report),
            "parts": actions.assembled_from(report) if report.is_city else [],
        },
        status=status,
    )


def _file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = _user(request)
    report = get_object_or_404(reports_for(user).select_related("unit", "jurisdiction"), pk=pk)
    figures, _ = _figures(report)
    data = document.build(report, figures)
    stem = f"bao-cao-cchc-{report.kind}-{report.year}-{report.part}-{report.unit.code}".lower()
    if kind == "docx":
        response = HttpResponse(render_docx(data), content_type=DOCX)
    else:
        response = HttpResponse(render_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{kind}"'
    return response


@login_required
def docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(request, pk, "docx")


@login_required
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(request, pk, "pdf")


@login_required
def round_view(request: HttpRequest) -> HttpResponse:
    """Who has sent the period's report, who has missed the due date, and the city's report."""
    user = cast(User, request.user)
    if not may_follow_rounds(user):
        raise PermissionDenied(
            gettext("Chỉ Ủy ban nhân dân thành phố theo dõi việc gửi báo cáo của các đơn vị.")
        )
    area = user_jurisdiction(user)
    if area is None:
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    form, slot = _slot_from(data)
    if slot is None:
        return render(request, "reports/round.html", {"form": form}, status=400)
    if request.method == "POST":
        if not may_open_round(user):
            raise PermissionDenied(gettext("Vai trò của bạn không yêu cầu các đơn vị báo cáo."))
        asked = actions.open_round(user, area, slot)
        messages.success(
            request,
            gettext("Số đơn vị được yêu cầu gửi báo cáo: %(count)s; hệ thống sẽ nhắc trước hạn.")
            % {"count": asked},
        )
        return redirect(f"{request.path}?kind={slot.kind}&year={slot.year}&part={slot.part}")
    lines = rounds.status(area, slot, timezone.localdate())
    return render(
        request,
        "reports/round.html",
        {
            "form": form,
            "slot": slot,
            "lines": lines,
            "missing": [line for line in lines if line.late],
            "sent": sum(1 for line in lines if line.sent),
            "city_report": rounds.city_report(area, slot),
            "may_open": may_open_round(user),
            "may_draft_city": user.role in CITY_WRITERS or user.is_superuser,
        },
    )
