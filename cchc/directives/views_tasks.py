"""The task page and the changes made on it: progress, completion, confirmation, extensions.

A task is looked up in the reader's scope (404 outside it); each change then asks the actions, which
answer 403 (PermissionDenied) to a person who may read the task but not do that to it.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from cchc.deadlines.actions import calendar_for
from cchc.deadlines.models import ExtensionStatus
from cchc.directives import actions
from cchc.directives.forms import (
    CancelTaskForm,
    CompletionForm,
    ConfirmForm,
    DeleteTaskForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    OfficerForm,
    ProgressForm,
    SendBackForm,
)
from cchc.directives.models import Task, TaskStatus
from cchc.directives.queries import (
    STATE_BADGES,
    STATE_LABELS,
    can_assign,
    can_lead,
    can_update,
    tasks_for,
    with_state,
)
from cchc.lib import deadlines as dl
from cchc.org.queries import officials_in


def readable_task(request: HttpRequest, task_id: int) -> Task:
    qs = with_state(tasks_for(request.user), actions.today()).select_related(
        "directive", "lead_unit", "assigner_unit", "officer", "deadline", "parent"
    )
    return get_object_or_404(qs, pk=task_id)


def _officials_for_lead(task: Task) -> Any:
    return officials_in(task.lead_unit).filter(is_active=True).order_by("unit__path", "full_name")


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    today = actions.today()
    deadline = task.deadline
    cal = calendar_for(task.lead_unit.jurisdiction)
    days_late = 0
    if deadline and deadline.due and deadline.done_on is None and deadline.reported_on is None:
        days_late = dl.days_overdue(deadline.due, today, cal)
    extensions = list(deadline.extensions.select_related("requested_by", "decided_by")) if deadline else []
    user = request.user
    lead = can_lead(user, task)
    assigner = can_assign(user, task)
    occurrences = []
    if task.parent_id is None and task.recurrence:
        occurrences = list(
            with_state(tasks_for(user).filter(parent=task), today)
            .select_related("deadline")
            .order_by("period_start")
        )
    return render(
        request,
        "directives/task_detail.html",
        {
            "task": task,
            "deadline": deadline,
            "state_label": STATE_LABELS.get(getattr(task, "state", ""), ""),
            "state_badge": STATE_BADGES.get(getattr(task, "state", ""), ""),
            "original_label": STATE_LABELS.get(getattr(task, "state_original", ""), ""),
            "days_late": days_late,
            "moved_from_holiday": bool(
                task.requested_due
                and deadline
                and deadline.original_due
                and task.requested_due != deadline.original_due
            ),
            "head": task.lead_unit.accountable_head(today),
            "coordinating": list(task.coordinating_units.all()),
            "reports": list(task.reports.select_related("author", "unit")),
            "extensions": extensions,
            "pending_extension": next((e for e in extensions if e.status == ExtensionStatus.PENDING), None),
            "occurrences": occurrences,
            "labels": STATE_LABELS,
            "badges": STATE_BADGES,
            "can_update": can_update(user, task) and task.status == TaskStatus.OPEN and not task.is_series,
            "can_lead": lead,
            "can_assign": assigner,
            "progress_form": ProgressForm(),
            "completion_form": CompletionForm(),
            "confirm_form": ConfirmForm(),
            "send_back_form": SendBackForm(),
            "extension_form": ExtensionRequestForm(),
            "decision_form": ExtensionDecisionForm(),
            "officer_form": OfficerForm(
                officials=_officials_for_lead(task), initial={"officer": task.officer_id}
            ),
            "delete_form": DeleteTaskForm(),
            "cancel_form": CancelTaskForm(),
            "can_cancel": assigner and task.status in (TaskStatus.OPEN, TaskStatus.AWAITING),
            "can_delete": assigner and task.status == TaskStatus.OPEN and not task.reports.exists(),
            "open": task.status == TaskStatus.OPEN,
            "awaiting": task.status == TaskStatus.AWAITING,
        },
    )


def _done(request: HttpRequest, task: Task, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("directives:task_detail", task.pk)


def _failed(
    request: HttpRequest, task: Task, form: Any = None, exc: ValidationError | None = None
) -> HttpResponse:
    problems: list[str] = []
    if exc is not None:
        problems.extend(exc.messages)
    if form is not None:
        for name, errs in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            problems.extend(f"{label}: {e}" if label else str(e) for e in errs)
    messages.error(request, " ".join([gettext("Chưa thực hiện được."), *problems]))
    return redirect("directives:task_detail", task.pk)


def _post_only(request: HttpRequest, task: Task) -> HttpResponse | None:
    if request.method != "POST":
        return redirect("directives:task_detail", task.pk)
    return None


@login_required
def task_progress(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        return _failed(request, task, form)
    try:
        actions.add_progress(
            request.user,
            task,
            percent=form.cleaned_data["percent"],
            note=form.cleaned_data["note"],
            attachment=form.cleaned_data.get("attachment"),
        )
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    return _done(request, task, gettext("Đã ghi báo cáo tiến độ."))


@login_required
def task_report_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = CompletionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _failed(request, task, form)
    try:
        actions.report_completion(
            request.user, task, note=form.cleaned_data["note"], attachment=form.cleaned_data.get("attachment")
        )
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    return _done(request, task, gettext("Đã báo cáo hoàn thành; chờ đơn vị giao nhiệm vụ xác nhận."))


@login_required
def task_confirm(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _failed(request, task, form)
    try:
        actions.confirm_completion(request.user, task, note=form.cleaned_data["note"])
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    return _done(request, task, gettext("Đã xác nhận hoàn thành nhiệm vụ."))


@login_required
def task_send_back(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = SendBackForm(request.POST)
    if not form.is_valid():
        return _failed(request, task, form)
    try:
        actions.send_back(request.user, task, note=form.cleaned_data["note"])
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    return _done(request, task, gettext("Đã trả lại báo cáo hoàn thành."))


@login_required
def task_extension(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = ExtensionRequestForm(request.POST)
    if not form.is_valid():
        return _failed(request, task, form)
    try:
        actions.request_extension(
            request.user,
            task,
            proposed_due=form.cleaned_data["proposed_due"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    return _done(request, task, gettext("Đã gửi đề nghị gia hạn."))


@login_required
def task_extension_decide(request: HttpRequest, task_id: int, ext_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if task.deadline is None:
        raise Http404
    ext = get_object_or_404(task.deadline.extensions, pk=ext_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        return _failed(request, task, form)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        actions.decide_extension(request.user, ext, approve=approve, note=form.cleaned_data["note"])
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    return _done(
        request, task, gettext("Đã đồng ý gia hạn.") if approve else gettext("Đã không đồng ý gia hạn.")
    )


@login_required
def task_officer(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = OfficerForm(request.POST, officials=_officials_for_lead(task))
    if not form.is_valid():
        return _failed(request, task, form)
    try:
        actions.assign_officer(request.user, task, form.cleaned_data["officer"])
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    return _done(request, task, gettext("Đã phân công cán bộ theo dõi."))


@login_required
def task_delete(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = DeleteTaskForm(request.POST)
    if not form.is_valid():
        return _failed(request, task, form)
    directive_id = task.directive_id
    try:
        actions.delete_task(request.user, task, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    messages.success(request, gettext("Đã xóa nhiệm vụ giao nhầm."))
    return redirect(reverse("directives:directive_detail", args=[directive_id]))


@login_required
def task_cancel(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_task(request, task_id)
    if (r := _post_only(request, task)) is not None:
        return r
    form = CancelTaskForm(request.POST)
    if not form.is_valid():
        return _failed(request, task, form)
    try:
        actions.cancel_task(request.user, task, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        return _failed(request, task, exc=exc)
    return _done(request, task, gettext("Đã hủy nhiệm vụ."))


@login_required
def report_attachment(request: HttpRequest, task_id: int, report_id: int) -> HttpResponseBase:
    task = readable_task(request, task_id)
    report = get_object_or_404(task.reports.exclude(attachment=""), pk=report_id)
    name = report.attachment_name or "tep-dinh-kem"
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(
        report.attachment.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
