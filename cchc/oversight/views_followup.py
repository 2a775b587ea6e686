"""Follow-up screens: the recommendations a unit must carry out (and the inspector verify), the private
responsibility records, and the conclusions of outside audits with their corrections. Thin, as
``views``: a refused change re-renders the page with its message and status 400."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from cchc.core.official_documents import render_docx, render_pdf
from cchc.deadlines.actions import state
from cchc.org.queries import officials_for, units_for, user_jurisdiction
from cchc.oversight import conf, exports, forms
from cchc.oversight import queries as q
from cchc.oversight.actions import cases, conclusions, followups
from cchc.oversight.models import (
    AuditConclusion,
    CaseStage,
    Correction,
    EvidenceKind,
    Recommendation,
    ResponsibilityCase,
)
from cchc.oversight.views import _run

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# --- exports ---------------------------------------------------------------------------------------


def _followups(user: Any) -> Any:
    return (
        q.recommendations_for(user)
        .select_related("deadline", "unit", "finding__inspection__unit", "finding__item")
        .order_by("verified_on", "deadline__due", "pk")
    )


@login_required
def followups_xlsx(request: HttpRequest) -> HttpResponse:
    if not q.may_read_any(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    response = HttpResponse(exports.followups_xlsx(_followups(request.user), today), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kien-nghi-sau-kiem-tra-{today:%Y%m%d}.xlsx"'
    return response


@login_required
def conclusion_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    insp = get_object_or_404(q.inspections_for(request.user).select_related("unit", "template"), pk=pk)
    if fmt not in ("docx", "pdf") or insp.concluded_on is None:
        raise Http404
    doc = exports.conclusion_document(insp)
    if fmt == "docx":
        body, kind = render_docx(doc), DOCX
    else:
        body, kind = render_pdf(doc), "application/pdf"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="ket-luan-kiem-tra-{insp.pk}.{fmt}"'
    return response


@login_required
def decision_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The decision of a private record, for those who may read the record; each download is audited."""
    case = _case(request, pk)
    if fmt not in ("docx", "pdf") or case.decided_on is None:
        raise Http404
    cases.viewed(request.user, case)
    doc = exports.decision_document(case)
    body, kind = (render_docx(doc), DOCX) if fmt == "docx" else (render_pdf(doc), "application/pdf")
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{case.pk}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- recommendations --------------------------------------------------------------------------------


@login_required
def followup_list(request: HttpRequest) -> HttpResponse:
    if not q.may_read_any(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    rows = _followups(request.user)
    items = [(r, state(r.deadline, today) if r.deadline else None) for r in rows]
    return render(
        request,
        "oversight/followups.html",
        {
            "waiting": [
                x for x in items if x[0].verified_on is None and x[0].deadline and x[0].deadline.reported_on
            ],
            "open": [
                x
                for x in items
                if x[0].verified_on is None and not (x[0].deadline and x[0].deadline.reported_on)
            ],
            "closed": [x for x in items if x[0].verified_on is not None][:50],
            "today": today,
        },
    )


def _rec(request: HttpRequest, pk: int) -> Recommendation:
    return get_object_or_404(
        q.recommendations_for(request.user).select_related("deadline", "unit", "finding__inspection__unit"),
        pk=pk,
    )


@login_required
def recommendation(request: HttpRequest, pk: int, *, error: str = "", status: int = 200) -> HttpResponse:
    rec = _rec(request, pk)
    return render(
        request,
        "oversight/recommendation.html",
        {
            "rec": rec,
            "can": q.recommendation_access(request.user, rec),
            "state": state(rec.deadline) if rec.deadline else None,
            "notes": rec.notes.select_related("author"),
            "files": rec.evidence.all(),
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def recommendation_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    rec = _rec(request, pk)
    data, user, upload = request.POST, request.user, request.FILES.get("file")
    steps: dict[str, Callable[[], Any]] = {
        "tien-do": lambda: followups.report_progress(
            user,
            rec,
            text=forms.text(data, "text"),
            percent=forms.int_field(
                data, "percent", pgettext_lazy("field", "tiến độ"), low=0, high=100, required=False
            ),
            uploaded=upload,
        ),
        "hoan-thanh": lambda: followups.report_done(
            user, rec, text=forms.text(data, "text"), uploaded=upload
        ),
        "xac-nhan": lambda: followups.verify(user, rec, note=forms.text(data, "note")),
        "tra-lai": lambda: followups.send_back(user, rec, note=forms.text(data, "note")),
    }
    if step not in steps:
        raise Http404
    return _run(
        request,
        steps[step],
        lambda e: recommendation(request, pk, error=e, status=400),
        reverse("oversight:recommendation", args=[pk]),
    )


# --- responsibility (private) -----------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    rows = q.cases_for(request.user).select_related("official__unit", "competent_head")
    return render(
        request,
        "oversight/cases.html",
        {
            "cases": rows,
            "may_open": q.may_open_case(request.user),
            "me": getattr(request.user, "official_id", None),
        },
    )


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    if not q.may_open_case(request.user):
        raise PermissionDenied
    people = (
        officials_for(request.user)
        .filter(is_active=True)
        .select_related("unit")
        .order_by("unit__path", "full_name")
    )
    error, status = "", 200
    if request.method == "POST":
        data = request.POST
        try:
            person = forms.pick(people, data, "official", pgettext_lazy("field", "người bị xem xét"))
            head = forms.pick(
                people, data, "competent_head", pgettext_lazy("field", "người có thẩm quyền"), required=False
            )
            assert person is not None
            case = cases.open_case(
                request.user,
                person,
                grounds=forms.text(data, "grounds"),
                competent_head=head,
                as_head=data.get("as_head") == "1",
            )
        except ValidationError as exc:
            error, status = forms.messages_of(exc), 400
        else:
            return redirect("oversight:case", case.pk)
    return render(
        request,
        "oversight/case_create.html",
        {"people": people, "error": error, "data": request.POST},
        status=status,
    )


def _case(request: HttpRequest, pk: int) -> ResponsibilityCase:
    return get_object_or_404(
        q.cases_for(request.user).select_related("official__unit", "competent_head"), pk=pk
    )


@login_required
def case_page(request: HttpRequest, pk: int, *, error: str = "", status: int = 200) -> HttpResponse:
    case = _case(request, pk)
    cases.viewed(request.user, case)
    can = q.case_access(request.user, case)
    today = timezone.localdate()
    lapsed = (
        case.stage == CaseStage.EXPLANATION
        and case.explanation_due is not None
        and case.explanation_due < today
    )
    return render(
        request,
        "oversight/case.html",
        {
            "case": case,
            "can": can,
            "evidence": case.evidence.all(),
            "kinds": EvidenceKind.choices,
            "decisions": conf.decisions(),
            "decision_label": conf.decision_label(case.decision) if case.decision else "",
            "may_decide": can.decide and (case.stage == CaseStage.EXPLAINED or lapsed),
            "proposed_due": cases.default_explanation_due(case, today),
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def case_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    case = _case(request, pk)
    data, user = request.POST, request.user
    steps: dict[str, Callable[[], Any]] = {
        "can-cu": lambda: cases.add_evidence(
            user, case, kind=forms.text(data, "kind", 20), summary=forms.text(data, "summary")
        ),
        "thu-thap": lambda: cases.gather_from_cchc(user, case),
        "de-nghi-giai-trinh": lambda: cases.request_explanation(
            user,
            case,
            due=forms.date_field(data, "due", pgettext_lazy("field", "hạn giải trình"), required=False),
        ),
        "giai-trinh": lambda: cases.explain(user, case, text=forms.text(data, "text", 20000)),
        "quyet-dinh": lambda: cases.decide(
            user, case, decision=forms.text(data, "decision", 30), text=forms.text(data, "text", 20000)
        ),
    }
    if step not in steps:
        raise Http404
    return _run(
        request,
        steps[step],
        lambda e: case_page(request, pk, error=e, status=400),
        reverse("oversight:case", args=[pk]),
    )


# --- outside audit conclusions ----------------------------------------------------------------------


@login_required
def conclusion_list(request: HttpRequest) -> HttpResponse | FileResponse:
    if not q.may_read_any(request.user):
        raise PermissionDenied
    area = user_jurisdiction(request.user)
    writer = area is not None and q.may_record_conclusions(request.user, area)
    error, status = "", 200
    if request.method == "POST":
        if not writer or area is None:
            raise PermissionDenied
        data = request.POST
        try:
            day = forms.date_field(data, "issued_on", pgettext_lazy("field", "ngày ban hành"))
            assert day is not None
            c = conclusions.record_conclusion(
                request.user,
                area,
                issuer=forms.text(data, "issuer", 255),
                number=forms.text(data, "number", 80),
                issued_on=day,
                subject=forms.text(data, "subject", 500),
                summary=forms.text(data, "summary"),
            )
        except ValidationError as exc:
            error, status = forms.messages_of(exc), 400
        else:
            return redirect("oversight:conclusion", c.pk)
    rows = q.listed_conclusions(request.user)
    if request.method == "GET" and request.GET.get("xuat") == "xlsx":
        return exports.conclusions_xlsx(rows, timezone.localdate())
    return render(
        request,
        "oversight/conclusions.html",
        {"rows": rows, "writer": writer, "error": error, "data": request.POST},
        status=status,
    )


def _conclusion(request: HttpRequest, pk: int) -> AuditConclusion:
    return get_object_or_404(q.conclusions_for(request.user), pk=pk)


@login_required
def conclusion(request: HttpRequest, pk: int, *, error: str = "", status: int = 200) -> HttpResponse:
    c = _conclusion(request, pk)
    today = timezone.localdate()
    rows = []
    for corr in c.corrections.select_related("deadline", "unit").prefetch_related("notes", "evidence"):
        rows.append(
            (
                corr,
                q.correction_access(request.user, corr),
                state(corr.deadline, today) if corr.deadline else None,
            )
        )
    writer = q.may_record_conclusions(request.user, c.jurisdiction)
    return render(
        request,
        "oversight/conclusion.html",
        {
            "c": c,
            "rows": rows,
            "writer": writer,
            "units": units_for(request.user).current().order_by("path") if writer else [],
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    c = _conclusion(request, pk)
    data = request.POST

    def run() -> None:
        unit = forms.pick(units_for(request.user), data, "unit", pgettext_lazy("field", "đơn vị thực hiện"))
        assert unit is not None
        conclusions.add_correction(
            request.user,
            c,
            text=forms.text(data, "text"),
            unit=unit,
            due=forms.date_field(data, "due", pgettext_lazy("field", "thời hạn khắc phục")),
            amount=forms.money_field(data, "amount", pgettext_lazy("field", "số tiền")),
        )

    return _run(
        request,
        run,
        lambda e: conclusion(request, pk, error=e, status=400),
        reverse("oversight:conclusion", args=[pk]),
    )


@login_required
@require_POST
def correction_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    corr = get_object_or_404(Correction.objects.select_related("conclusion", "deadline"), pk=pk)
    if not q.correction_access(request.user, corr).read:
        raise Http404
    data, user = request.POST, request.user

    def progress() -> None:
        percent = forms.int_field(data, "percent", pgettext_lazy("field", "tiến độ"), low=0, high=100)
        assert percent is not None
        conclusions.report_progress(
            user, corr, text=forms.text(data, "text"), percent=percent, uploaded=request.FILES.get("file")
        )

    steps: dict[str, Callable[[], Any]] = {
        "tien-do": progress,
        "xac-nhan": lambda: conclusions.verify(user, corr),
    }
    if step not in steps:
        raise Http404
    pk_c = corr.conclusion_id
    return _run(
        request,
        steps[step],
        lambda e: conclusion(request, pk_c, error=e, status=400),
        reverse("oversight:conclusion", args=[pk_c]) + f"#kp-{corr.pk}",
    )


@login_required
def correction(request: HttpRequest, pk: int) -> HttpResponse:
    """The address a correction's deadline points to (reminders): its conclusion's page."""
    corr = get_object_or_404(Correction, pk=pk)
    return redirect(reverse("oversight:conclusion", args=[corr.conclusion_id]) + f"#kp-{corr.pk}")
