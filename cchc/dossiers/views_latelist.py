"""Staff screens of the monthly late list (danh sách trễ hạn hằng tháng): the Office drafts it, the leader
approves and may publish it on the public site, or withdraws it. Thin: reads in ``rankings``, writes in
``actions.late_lists``; the lists come through ``late_lists_for`` (out-of-scope lists answer 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cchc.accounts.models import User
from cchc.core.models import AuditEvent
from cchc.core.roles import Role
from cchc.dossiers.actions import late_lists
from cchc.dossiers.actions.common import ScreenActionError
from cchc.dossiers.forms import LateListApproveForm, LateListDraftForm, LateListWithdrawForm
from cchc.dossiers.models import LateList, LateListStatus
from cchc.dossiers.rankings import group_rows, late_lists_for


def _list_reader(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not (user.is_superuser or user.role in (Role.LEADER, Role.OFFICE, Role.SECRETARIAT, Role.AUDITOR)):
        raise PermissionDenied(
            gettext("Danh sách trễ hạn hằng tháng do Văn phòng lập và lãnh đạo phê duyệt.")
        )
    return user


@login_required
def latelist_index(request: HttpRequest) -> HttpResponse:
    user = _list_reader(request)
    lists = late_lists_for(user).select_related("jurisdiction", "drafted_by", "approved_by")
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    form = LateListDraftForm(initial={"month": f"{last_month:%Y-%m}"})
    return render(
        request,
        "dossiers/latelist_index.html",
        {"lists": lists, "form": form, "may_draft": user.is_superuser or user.role == Role.OFFICE},
    )


@login_required
@require_POST
def latelist_draft(request: HttpRequest) -> HttpResponse:
    user = _list_reader(request)
    form = LateListDraftForm(request.POST)
    if form.is_valid():
        try:
            late_list = late_lists.draft_late_list(
                user, form.cleaned_data["month"], note=form.cleaned_data["note"]
            )
        except ScreenActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                gettext("Đã lập dự thảo danh sách tháng %(month)s.") % {"month": f"{late_list.month:%m/%Y}"},
            )
            return redirect("dossiers:latelist_detail", pk=late_list.pk)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("dossiers:latelist_index")


@login_required
def latelist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _list_reader(request)
    late_list = get_object_or_404(
        late_lists_for(user).select_related("jurisdiction", "drafted_by", "approved_by"), pk=pk
    )
    units, officials = group_rows(late_list.rows or [])
    history = AuditEvent.objects.filter(
        object_type="dossiers.latelist", object_id=str(late_list.pk)
    ).order_by("at", "id")
    role = user.role
    status = late_list.status
    return render(
        request,
        "dossiers/latelist_detail.html",
        {
            "ll": late_list,
            "units": units,
            "officials": officials,
            "history": history,
            "may_redraft": (user.is_superuser or role == Role.OFFICE)
            and status in (LateListStatus.DRAFT, LateListStatus.WITHDRAWN),
            "may_approve": (user.is_superuser or role == Role.LEADER) and status == LateListStatus.DRAFT,
            "may_publish": (user.is_superuser or role in (Role.LEADER, Role.OFFICE))
            and status == LateListStatus.APPROVED,
            "may_withdraw": (user.is_superuser or role == Role.LEADER)
            and status in (LateListStatus.APPROVED, LateListStatus.PUBLISHED),
            "approve_form": LateListApproveForm(),
            "withdraw_form": LateListWithdrawForm(),
            "redraft_form": LateListDraftForm(
                initial={"month": f"{late_list.month:%Y-%m}", "note": late_list.note}
            ),
        },
    )


def _transition(request: HttpRequest, pk: int, fn: Any) -> HttpResponse:
    user = _list_reader(request)
    late_list = get_object_or_404(late_lists_for(user), pk=pk)
    try:
        message = fn(user, late_list)
    except ScreenActionError as exc:
        messages.error(request, exc.message)
    else:
        if message:
            messages.success(request, message)
    return redirect("dossiers:latelist_detail", pk=late_list.pk)


def _confirm_publication(request: HttpRequest, pk: int, *, approving: bool) -> HttpResponse | None:
    """The page that shows exactly what will become public (the names and counts, as the public site
    will show them) and asks for confirmation; ``None`` when the person may not do it at all (the action
    then refuses with its own message)."""
    user = _list_reader(request)
    late_list = get_object_or_404(late_lists_for(user).select_related("jurisdiction"), pk=pk)
    role = user.role
    if approving:
        allowed = (user.is_superuser or role == Role.LEADER) and late_list.status == LateListStatus.DRAFT
    else:
        allowed = (user.is_superuser or role in (Role.LEADER, Role.OFFICE)) and (
            late_list.status == LateListStatus.APPROVED
        )
    if not allowed:
        return None
    units, officials = group_rows(late_list.rows or [])
    return render(
        request,
        "dossiers/latelist_confirm.html",
        {
            "ll": late_list,
            "units": units,
            "officials": officials,
            "approving": approving,
            "late_total": sum(int(r.get("late") or 0) for r in units),
            "action": reverse(
                "dossiers:latelist_approve" if approving else "dossiers:latelist_publish", args=[pk]
            ),
        },
    )


@login_required
@require_POST
def latelist_approve(request: HttpRequest, pk: int) -> HttpResponse:
    form = LateListApproveForm(request.POST)
    publish = bool(form.is_valid() and form.cleaned_data["publish"])
    # Names of officials go on the public site: publishing needs a second, informed click.
    if publish and request.POST.get("confirmed") != "1":
        page = _confirm_publication(request, pk, approving=True)
        if page is not None:
            return page

    def run(user: User, late_list: LateList) -> str:
        done = late_lists.approve_late_list(user, late_list, publish=publish)
        if done.status == LateListStatus.PUBLISHED:
            return gettext("Đã phê duyệt và công khai danh sách trên Cổng thông tin.")
        return gettext("Đã phê duyệt danh sách (chưa công khai).")

    return _transition(request, pk, run)


@login_required
@require_POST
def latelist_publish(request: HttpRequest, pk: int) -> HttpResponse:
    if request.POST.get("confirmed") != "1":
        page = _confirm_publication(request, pk, approving=False)
        if page is not None:
            return page

    def run(user: User, late_list: LateList) -> str:
        late_lists.publish_late_list(user, late_list)
        return gettext("Đã công khai danh sách trên Cổng thông tin.")

    return _transition(request, pk, run)


@login_required
@require_POST
def latelist_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    form = LateListWithdrawForm(request.POST)

    def run(user: User, late_list: LateList) -> str:
        if not form.is_valid():
            raise late_lists.LateListError(
                " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
        late_lists.withdraw_late_list(user, late_list, reason=form.cleaned_data["reason"])
        return gettext("Đã thu hồi danh sách; danh sách không còn hiển thị trên Cổng thông tin.")

    return _transition(request, pk, run)
