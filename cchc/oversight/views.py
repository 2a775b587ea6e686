"""Plans and visits: the oversight landing page, a plan with the units proposed from the figures, an ad
hoc visit, and the visit itself — a checklist that works on a phone (one card per item, photo from the
camera), findings with their recommendations, the unit's explanation and the signed conclusion.

Thin: writes in ``actions``, reads through ``queries``; a refused change re-renders the page with its
Vietnamese message and status 400, and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.http import require_POST

from cchc.org.queries import officials_in, units_for, user_jurisdiction
from cchc.oversight import exports, forms
from cchc.oversight import queries as q
from cchc.oversight.actions import followups, inspections
from cchc.oversight.models import (
    AnswerResult,
    ChecklistTemplate,
    EvidenceFile,
    Finding,
    Inspection,
    InspectionPlan,
    InspectionStatus,
    PlanStatus,
    Severity,
)
from cchc.oversight.proposals import INSPECTED_KINDS, propose


def _readable(request: HttpRequest) -> None:
    if not q.may_read_any(request.user):
        raise PermissionDenied


@login_required
def index(request: HttpRequest) -> HttpResponse | FileResponse:
    _readable(request)
    user = request.user
    visits = q.listed_inspections(user)
    if request.GET.get("xuat") == "xlsx":
        return exports.visits_xlsx(visits, timezone.localdate())
    groups = [(s, label, [v for v in visits if v.status == s]) for s, label in InspectionStatus.choices]
    return render(
        request,
        "oversight/index.html",
        {
            "plans": q.plans_for(user).order_by("-year")[:5],
            "show_plans": q.plans_for(user).exists() or q.is_internal_affairs(user),
            "groups": [g for g in groups if g[2]],
            "may_plan": q.is_internal_affairs(user),
            "this_year": timezone.localdate().year,
        },
    )


@login_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    area = user_jurisdiction(request.user)
    if area is None or not q.is_internal_affairs(request.user):
        raise PermissionDenied
    try:
        year = forms.int_field(
            request.POST, "year", pgettext_lazy("field", "năm"), low=2000, high=timezone.localdate().year + 1
        )
        assert year is not None
        plan = inspections.create_plan(request.user, area, year=year)
    except ValidationError as exc:
        messages.error(request, forms.messages_of(exc))
        return redirect("oversight:index")
    return redirect("oversight:plan", plan.pk)


def _templates() -> Any:
    return ChecklistTemplate.objects.filter(is_current=True).order_by("name")


def _inspected_units(user: Any) -> Any:
    return units_for(user).filter(kind__in=INSPECTED_KINDS).current().order_by("path")


def _plan_visits(p: InspectionPlan) -> list[Inspection]:
    return list(
        p.inspections.select_related("unit", "template", "team_lead")
        .prefetch_related("findings__recommendations")
        .order_by("planned_on", "pk")
    )


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    if request.GET.get("xuat") == "xlsx":
        p = get_object_or_404(q.plans_for(request.user), pk=pk)
        return exports.plan_xlsx(p, _plan_visits(p))
    return _plan_page(request, pk)


def _plan_page(request: HttpRequest, pk: int, *, error: str = "", status: int = 200) -> HttpResponse:
    p = get_object_or_404(q.plans_for(request.user), pk=pk)
    writer = q.plans_for(request.user, write=True).filter(pk=p.pk).exists()
    visits = _plan_visits(p)
    planned_units = {v.unit_id for v in visits}
    proposals = []
    if writer and p.status == PlanStatus.DRAFT:
        proposals = [
            x for x in propose(p.jurisdiction, timezone.localdate()) if x.unit.pk not in planned_units
        ]
    return render(
        request,
        "oversight/plan.html",
        {
            "plan": p,
            "visits": visits,
            "writer": writer and p.status == PlanStatus.DRAFT,
            "submit": writer and p.status == PlanStatus.DRAFT and bool(visits),
            "approve": q.may_approve_plan(request.user, p) and p.status == PlanStatus.SUBMITTED,
            "proposals": proposals,
            "templates": _templates(),
            "units": _inspected_units(request.user) if writer else [],
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def plan_add(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_object_or_404(q.plans_for(request.user, write=True), pk=pk)
    data = request.POST

    def run() -> None:
        unit = forms.pick(_inspected_units(request.user), data, "unit", pgettext_lazy("field", "đơn vị"))
        template = forms.pick(_templates(), data, "template", pgettext_lazy("field", "phiếu kiểm tra"))
        day = forms.date_field(data, "planned_on", pgettext_lazy("field", "thời gian kiểm tra"))
        assert unit is not None and template is not None and day is not None
        figures = next(
            (x.figures for x in propose(p.jurisdiction, timezone.localdate()) if x.unit.pk == unit.pk), {}
        )
        inspections.add_inspection(
            request.user,
            jurisdiction=p.jurisdiction,
            unit=unit,
            template=template,
            planned_on=day,
            topic=forms.text(data, "topic", 300) or template.name,
            plan=p,
            reason=forms.text(data, "reason"),
            team_lead=request.user,
            figures=figures,
        )

    return _run(
        request,
        run,
        lambda e: _plan_page(request, pk, error=e, status=400),
        reverse("oversight:plan", args=[pk]),
    )


@login_required
@require_POST
def plan_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    p = get_object_or_404(q.plans_for(request.user), pk=pk)
    steps: dict[str, Callable[[], Any]] = {
        "trinh": lambda: inspections.submit_plan(request.user, p),
        "phe-duyet": lambda: inspections.approve_plan(request.user, p),
        "tra-lai": lambda: inspections.return_plan(request.user, p, note=forms.text(request.POST, "note")),
    }
    if step not in steps:
        raise Http404
    return _run(
        request,
        steps[step],
        lambda e: _plan_page(request, pk, error=e, status=400),
        reverse("oversight:plan", args=[pk]),
    )


def _run(
    request: HttpRequest, fn: Callable[[], Any], page: Callable[[str], HttpResponse], to: str
) -> HttpResponse:
    try:
        fn()
    except ValidationError as exc:
        return page(forms.messages_of(exc))
    messages.success(request, gettext("Đã lưu."))
    return redirect(to)


@login_required
def ad_hoc(request: HttpRequest) -> HttpResponse:
    area = user_jurisdiction(request.user)
    if area is None or not q.is_internal_affairs(request.user):
        raise PermissionDenied
    error, status = "", 200
    if request.method == "POST":
        data = request.POST
        try:
            unit = forms.pick(_inspected_units(request.user), data, "unit", pgettext_lazy("field", "đơn vị"))
            template = forms.pick(_templates(), data, "template", pgettext_lazy("field", "phiếu kiểm tra"))
            day = forms.date_field(data, "planned_on", pgettext_lazy("field", "ngày kiểm tra"))
            assert unit is not None and template is not None and day is not None
            insp = inspections.add_inspection(
                request.user,
                jurisdiction=area,
                unit=unit,
                template=template,
                planned_on=day,
                topic=forms.text(data, "topic", 300) or template.name,
                reason=forms.text(data, "reason"),
                team_lead=request.user,
            )
        except ValidationError as exc:
            error, status = forms.messages_of(exc), 400
        else:
            return redirect("oversight:inspection", insp.pk)
    return render(
        request,
        "oversight/ad_hoc.html",
        {
            "units": _inspected_units(request.user),
            "templates": _templates(),
            "error": error,
            "data": request.POST,
        },
        status=status,
    )


# --- the visit --------------------------------------------------------------------------------------


def _visit(request: HttpRequest, pk: int) -> Inspection:
    return get_object_or_404(
        q.inspections_for(request.user).select_related("unit", "template", "plan", "team_lead"), pk=pk
    )


@login_required
def inspection(request: HttpRequest, pk: int, *, error: str = "", status: int = 200) -> HttpResponse:
    insp = _visit(request, pk)
    can = q.inspection_access(request.user, insp)
    answers = {a.item_id: a for a in insp.answers.all()}
    photos: dict[int | None, list[EvidenceFile]] = {}
    for ev in insp.evidence.all():
        photos.setdefault(ev.item_id, []).append(ev)
    findings = list(
        insp.findings.select_related("item", "unit", "official", "recurs__inspection").prefetch_related(
            "recommendations__deadline"
        )
    )
    items = [(item, answers.get(item.pk), photos.get(item.pk, [])) for item in insp.template.items.all()]
    return render(
        request,
        "oversight/inspection.html",
        {
            "insp": insp,
            "can": can,
            "items": items,
            "loose_photos": photos.get(None, []),
            "answered": len(answers),
            "findings": findings,
            "results": AnswerResult.choices,
            "severities": Severity.choices,
            "units": insp.unit.subtree().order_by("path") if can.conduct else [],
            "officials": officials_in(insp.unit).filter(is_active=True).order_by("full_name")
            if can.conduct
            else [],
            "today": timezone.localdate(),
            "error": error,
        },
        status=status,
    )


def _act(request: HttpRequest, pk: int, fn: Callable[[Inspection], Any], anchor: str = "") -> HttpResponse:
    insp = _visit(request, pk)
    to = reverse("oversight:inspection", args=[pk]) + (f"#{anchor}" if anchor else "")
    return _run(request, lambda: fn(insp), lambda e: inspection(request, pk, error=e, status=400), to)


@login_required
@require_POST
def visit_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    data, user = request.POST, request.user
    steps: dict[str, Callable[[Inspection], Any]] = {
        "bat-dau": lambda i: inspections.start_visit(user, i),
        "de-nghi-giai-trinh": lambda i: inspections.ask_explanation(user, i),
        "giai-trinh": lambda i: inspections.explain(user, i, text=forms.text(data, "text")),
        "ket-luan": lambda i: inspections.conclude(user, i, text=forms.text(data, "text", 20000)),
        "huy": lambda i: inspections.cancel(user, i, reason=forms.text(data, "reason", 300)),
    }
    if step not in steps:
        raise Http404
    return _act(request, pk, steps[step])


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    data = request.POST
    code = forms.text(data, "code", 20)

    def run(insp: Inspection) -> None:
        inspections.answer(
            request.user,
            insp,
            code=code,
            result=forms.text(data, "result", 10),
            note=forms.text(data, "note"),
        )
        for f in request.FILES.getlist("photo")[:10]:
            inspections.add_evidence(request.user, insp, uploaded=f, code=code)

    return _act(request, pk, run, anchor=f"muc-{code}")


@login_required
@require_POST
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    files = request.FILES.getlist("photo")[:10]

    def run(insp: Inspection) -> None:
        if not files:
            raise ValidationError({"photo": gettext("Chưa chọn ảnh hoặc tệp.")})
        for f in files:
            inspections.add_evidence(
                request.user, insp, uploaded=f, code=forms.text(request.POST, "code", 20)
            )

    return _act(request, pk, run, anchor="hinh-anh")


@login_required
def evidence_file(request: HttpRequest, ev_id: int) -> FileResponse:
    """Served only after the check of the object the file belongs to (visit, follow-up, correction)."""
    ev = get_object_or_404(EvidenceFile, pk=ev_id)
    user = request.user
    if ev.inspection_id is not None:
        allowed = q.inspections_for(user).filter(pk=ev.inspection_id).exists()
    elif ev.recommendation_id is not None:
        allowed = q.recommendations_for(user).filter(pk=ev.recommendation_id).exists()
    elif ev.correction is not None:
        allowed = q.correction_access(user, ev.correction).read
    else:
        allowed = False
    if not allowed or not ev.file:
        raise Http404
    return FileResponse(ev.file.open("rb"), as_attachment=not ev.is_image, filename=ev.name)


@login_required
@require_POST
def finding(request: HttpRequest, pk: int) -> HttpResponse:
    data = request.POST

    def run(insp: Inspection) -> None:
        unit = forms.pick(
            insp.unit.subtree(),
            data,
            "unit",
            pgettext_lazy("field", "đơn vị chịu trách nhiệm"),
            required=False,
        )
        official = forms.pick(
            officials_in(insp.unit),
            data,
            "official",
            pgettext_lazy("field", "cá nhân"),
            required=False,
        )
        f = followups.add_finding(
            request.user,
            insp,
            text=forms.text(data, "text"),
            severity=forms.text(data, "severity", 10),
            code=forms.text(data, "code", 20),
            unit=unit,
            official=official,
        )
        if forms.text(data, "recommendation"):
            followups.add_recommendation(
                request.user,
                f,
                text=forms.text(data, "recommendation"),
                due=forms.date_field(data, "due", pgettext_lazy("field", "thời hạn khắc phục")),
            )

    return _act(request, pk, run, anchor="ton-tai")


@login_required
@require_POST
def recommend(request: HttpRequest, finding_id: int) -> HttpResponse:
    f = get_object_or_404(
        Finding.objects.filter(inspection__in=q.inspections_for(request.user)), pk=finding_id
    )
    data = request.POST
    return _act(
        request,
        f.inspection_id,
        lambda _i: followups.add_recommendation(
            request.user,
            f,
            text=forms.text(data, "text"),
            due=forms.date_field(data, "due", pgettext_lazy("field", "thời hạn khắc phục")),
        ),
        anchor=f"tt-{f.pk}",
    )
