"""Reform proposal screens: the list (cards on a phone), a proposal with the step its reader may take
(send, review, decide), the form, and the yearly register of procedures reviewed. Reads go through
``queries`` (out of scope → 404); every change through ``actions`` (refused → 403 or a message)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.params import id_param
from cchc.directives.models import TaskStatus
from cchc.org.models import Unit
from cchc.org.queries import user_jurisdiction
from cchc.proposals import actions, exports
from cchc.proposals.forms import DecisionForm, ProposalForm, ReviewForm, ReviewLineForm
from cchc.proposals.models import Conclusion, Kind, Proposal, Status
from cchc.proposals.queries import (
    can_decide,
    can_draft,
    can_edit,
    can_read,
    can_review,
    drafting_units,
    listed_proposals,
    proposals_for,
    register_rows,
    review_units,
    reviews_for,
)

STATUS_BADGES: dict[str, str] = {
    Status.DRAFT: "text-bg-secondary",
    Status.SUBMITTED: "text-bg-info",
    Status.REVIEWED: "text-bg-warning",
    Status.APPROVED: "text-bg-success",
    Status.REJECTED: "text-bg-dark",
}


def _reader(request: HttpRequest) -> None:
    if not can_read(request.user):
        raise PermissionDenied(gettext("Trang này dành cho cán bộ theo dõi đề xuất cải cách."))


def _problems(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return (
            gettext("Chưa thực hiện được.")
            + " "
            + " ".join(str(m) for errs in exc.message_dict.values() for m in errs)
        )
    return gettext("Chưa thực hiện được.") + " " + " ".join(exc.messages)


def _area_units(user: Any) -> Any:
    area = user_jurisdiction(user)
    if area is None:
        return Unit.objects.none()
    root = "/" + area.path.strip("/").split("/")[0] + "/"
    return Unit.objects.current().filter(jurisdiction__path__startswith=root).order_by("path")


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse | FileResponse:
    _reader(request)
    status = request.GET.get("trang_thai", "")
    kind = request.GET.get("loai", "")
    status = status if status in Status.values else ""
    kind = kind if kind in Kind.values else ""
    qs = listed_proposals(request.user, status, kind)
    if request.GET.get("xuat") == "xlsx":
        shown = [label for v, label in Status.choices if v == status] + [
            label for v, label in Kind.choices if v == kind
        ]
        return exports.proposals_xlsx(qs.iterator(), "Lọc: " + "; ".join(shown) if shown else "")
    counts = dict(proposals_for(request.user).values_list("status").annotate(n=Count("pk")).order_by())
    rows = [(row, STATUS_BADGES.get(row.status, "")) for row in qs[:300]]
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "proposals": rows,
            "status": status,
            "kind": kind,
            "statuses": [(v, label, counts.get(v, 0)) for v, label in Status.choices],
            "kinds": Kind.choices,
            "can_draft": can_draft(request.user),
        },
    )


def _form_data(form: ProposalForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


def _errors_to_form(form: ProposalForm, exc: ValidationError) -> None:
    for field, errs in exc.message_dict.items():
        for err in errs:
            form.add_error(field if field in form.fields else None, err)


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    if not can_draft(request.user):
        raise PermissionDenied(gettext("Chỉ đơn vị hoặc Phòng Nội vụ soạn đề xuất."))
    area = user_jurisdiction(request.user)
    units = drafting_units(request.user).order_by("path")
    form = ProposalForm(
        request.POST or None,
        units=units,
        area_units=_area_units(request.user),
        initial={"proposing_unit": units.first()} if units.count() == 1 else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if area is None:
                raise PermissionDenied(gettext("Tài khoản chưa gắn với địa bàn."))
            proposal = actions.create_proposal(request.user, area, _form_data(form))
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, gettext("Đã lưu đề xuất. Kiểm tra lại rồi bấm “Gửi thẩm định”."))
            return redirect("proposals:proposal_detail", proposal.pk)
    return render(
        request,
        "proposals/proposal_form.html",
        {"form": form, "proposal": None},
        status=400 if form.errors else 200,
    )


def _proposal(request: HttpRequest, proposal_id: int) -> Proposal:
    qs = proposals_for(request.user).select_related(
        "proposing_unit",
        "from_unit",
        "to_unit",
        "procedure",
        "task",
        "task__deadline",
        "jurisdiction",
        "reviewed_by",
        "decided_by",
        "created_by",
    )
    return get_object_or_404(qs, pk=proposal_id)


@login_required
def proposal_edit(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    if not can_edit(request.user, proposal):
        raise PermissionDenied(gettext("Chỉ sửa được đề xuất đang soạn của đơn vị mình."))
    initial = {k: getattr(proposal, k) for k in actions.FIELDS}
    form = ProposalForm(
        request.POST or None,
        units=drafting_units(request.user) | Unit.objects.filter(pk=proposal.proposing_unit_id),
        area_units=_area_units(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_proposal(request.user, proposal, _form_data(form))
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, gettext("Đã lưu đề xuất."))
            return redirect("proposals:proposal_detail", proposal.pk)
    return render(
        request,
        "proposals/proposal_form.html",
        {"form": form, "proposal": proposal},
        status=400 if form.errors else 200,
    )


@login_required
def proposal_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    user = request.user
    task = proposal.task
    context: dict[str, Any] = {
        "p": proposal,
        "badge": STATUS_BADGES.get(proposal.status, ""),
        "can_edit": can_edit(user, proposal),
        "can_review": can_review(user, proposal),
        "can_decide": can_decide(user, proposal),
        "task": task,
        "task_done": bool(task and task.status == TaskStatus.DONE),
        "reviews": list(proposal.reviews.select_related("procedure", "unit")),
        "steps": _steps(proposal),
    }
    if context["can_review"]:
        context["review_form"] = ReviewForm()
    if context["can_decide"]:
        lead = actions.default_lead_unit(proposal)
        directives = actions.directives_for_follow_up(proposal.jurisdiction)
        context["decision_form"] = DecisionForm(
            directives=directives,
            units=_area_units(user),
            initial={
                "directive": directives.first(),
                "lead_unit": lead,
                "due": timezone.localdate() + dt.timedelta(days=60),
            },
        )
    return render(request, "proposals/proposal_detail.html", context)


def _steps(p: Proposal) -> list[tuple[str, bool]]:
    """The proposal's path as the detail page draws it: label, reached."""
    order: list[str] = [Status.DRAFT, Status.SUBMITTED, Status.REVIEWED]
    reached = order.index(p.status) if p.status in order else len(order)
    decided = p.status in (Status.APPROVED, Status.REJECTED)
    last = gettext(p.get_status_display()) if decided else gettext("Quyết định")
    task_label = gettext("Nhiệm vụ triển khai")
    return [
        (gettext("Soạn đề xuất"), True),
        (gettext("Gửi thẩm định"), reached >= 1),
        (gettext("Thẩm định"), reached >= 2),
        (last, decided),
        (task_label, p.task_id is not None),
    ]


@login_required
def proposal_submit(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    if request.method == "POST":
        try:
            actions.submit(request.user, proposal)
        except ValidationError as exc:
            messages.error(request, _problems(exc))
        else:
            messages.success(request, gettext("Đã gửi đề xuất để Phòng Nội vụ thẩm định."))
    return redirect("proposals:proposal_detail", proposal.pk)


@login_required
def proposal_review(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    if request.method != "POST":
        return redirect("proposals:proposal_detail", proposal.pk)
    form = ReviewForm(request.POST)
    if not can_review(request.user, proposal):
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ thẩm định đề xuất đã gửi."))
    try:
        if not form.is_valid():
            raise ValidationError({"note": gettext("Cần chọn ý kiến và ghi nội dung thẩm định.")})
        actions.review(
            request.user, proposal, opinion=form.cleaned_data["opinion"], note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, _problems(exc))
    else:
        messages.success(request, gettext("Đã ghi ý kiến thẩm định."))
    return redirect("proposals:proposal_detail", proposal.pk)


@login_required
def proposal_decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    if request.method != "POST":
        return redirect("proposals:proposal_detail", proposal.pk)
    if not can_decide(request.user, proposal):
        raise PermissionDenied(gettext("Chỉ lãnh đạo UBND quyết định đề xuất đã thẩm định."))
    form = DecisionForm(
        request.POST,
        directives=actions.directives_for_follow_up(proposal.jurisdiction),
        units=_area_units(request.user),
    )
    try:
        if not form.is_valid():
            raise ValidationError(
                {
                    name: [f"{form.fields[name].label}: {e}" for e in errs]
                    for name, errs in form.errors.items()
                }
            )
        data = form.cleaned_data
        actions.decide(
            request.user,
            proposal,
            approve=data["decision"] == "approve",
            decision_number=data["decision_number"],
            note=data["note"],
            directive=data["directive"],
            due=data["due"],
            lead_unit=data["lead_unit"],
        )
    except ValidationError as exc:
        messages.error(request, _problems(exc))
    else:
        messages.success(
            request,
            gettext("Đã ghi quyết định.")
            + (" " + gettext("Nhiệm vụ triển khai đã được giao.") if proposal.task_id else ""),
        )
    return redirect("proposals:proposal_detail", proposal.pk)


# --- the register -------------------------------------------------------------------------------------


@login_required
def register(request: HttpRequest) -> HttpResponse | FileResponse:
    _reader(request)
    today = timezone.localdate()
    year = id_param(request.GET.get("nam")) or today.year
    if not 1990 <= year <= today.year + 1:
        year = today.year
    rows = register_rows(request.user, year)
    if request.GET.get("xuat") == "xlsx":
        return exports.register_xlsx(rows.iterator(), year)
    counts = dict(rows.values_list("conclusion").annotate(n=Count("pk")).order_by())
    years = sorted(set(reviews_for(request.user).values_list("year", flat=True)) | {today.year}, reverse=True)
    units = review_units(request.user)
    return render(
        request,
        "proposals/register.html",
        {
            "rows": rows,
            "year": year,
            "years": years,
            "counts": [(label, counts.get(v, 0)) for v, label in Conclusion.choices],
            "total": sum(counts.values()),
            "form": ReviewLineForm(units=units) if units.exists() and year == today.year else None,
        },
    )


@login_required
def register_add(request: HttpRequest) -> HttpResponse:
    units = review_units(request.user)
    if not units.exists():
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ hoặc thủ trưởng đơn vị ghi sổ rà soát thủ tục."))
    if request.method != "POST":
        return redirect("proposals:register")
    form = ReviewLineForm(request.POST, units=units)
    area = user_jurisdiction(request.user)
    try:
        if not form.is_valid():
            raise ValidationError(
                {
                    name: [f"{form.fields[name].label}: {e}" for e in errs]
                    for name, errs in form.errors.items()
                }
            )
        if area is None:
            raise PermissionDenied(gettext("Tài khoản chưa gắn với địa bàn."))
        data = form.cleaned_data
        actions.add_review(
            request.user,
            area,
            year=data["reviewed_on"].year,
            procedure=data["procedure"],
            unit=data["unit"],
            reviewed_on=data["reviewed_on"],
            conclusion=data["conclusion"],
            note=data["note"],
        )
    except ValidationError as exc:
        messages.error(request, _problems(exc))
    else:
        messages.success(request, gettext("Đã ghi vào sổ rà soát."))
    return redirect("proposals:register")
