"""The Front's meeting batches: the voters' opinions a Fatherland Front meeting collected, entered as one
batch of petitions, and the list of batches."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from cchc.accounts.models import User
from cchc.core.roles import JURISDICTION_WIDE, Role
from cchc.feedback import forms as f
from cchc.feedback.actions.meetings import OpinionsRejected, record_meeting
from cchc.feedback.models import FrontMeeting
from cchc.feedback.queries import entry_area, may_submit_for_front, meetings_for, petitions_for
from cchc.feedback.routing import wards_of
from cchc.org.queries import user_unit

OpinionFormSet = formset_factory(f.OpinionForm, extra=5, max_num=60, validate_max=True)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _may_see_meetings(user: User) -> bool:
    return bool(user.is_superuser or user.role in JURISDICTION_WIDE or user.role == Role.FRONT)


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not _may_see_meetings(user):
        raise PermissionDenied(
            gettext("Chỉ Mặt trận Tổ quốc và lãnh đạo, văn phòng xem các hội nghị lấy ý kiến.")
        )
    rows = meetings_for(user).select_related("unit", "ward").order_by("-held_on", "-pk")[:200]
    return render(
        request, "feedback/meetings.html", {"meetings": rows, "may_submit": may_submit_for_front(user)}
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    """The Front's batch: one meeting, its opinions — each becomes its own tracked petition. All or
    nothing: one bad row and nothing is saved, with the row named."""
    user = _user(request)
    if not may_submit_for_front(user):
        raise PermissionDenied(gettext("Chỉ cán bộ Mặt trận Tổ quốc nhập ý kiến cử tri theo hội nghị."))
    unit = user_unit(user)
    assert unit is not None
    area = entry_area(user)
    if area is None:
        raise PermissionDenied(gettext("Địa bàn của bạn chưa có danh mục lĩnh vực phản ánh."))
    wards = wards_of(area)
    opinion_kwargs = {"jurisdiction": area, "wards": wards}
    if request.method == "POST":
        form = f.MeetingForm(request.POST, wards=wards)
        formset = OpinionFormSet(request.POST, form_kwargs=opinion_kwargs)
        if form.is_valid() and formset.is_valid():
            meeting = _save_batch(request, user, unit, area, form.cleaned_data, formset)
            if meeting is not None:
                return redirect("feedback:meeting_detail", pk=meeting.pk)
    else:
        own_ward = unit.jurisdiction if wards.filter(pk=unit.jurisdiction_id).exists() else None
        form = f.MeetingForm(initial={"held_on": timezone.localdate(), "ward": own_ward}, wards=wards)
        formset = OpinionFormSet(form_kwargs=opinion_kwargs)
    return render(request, "feedback/meeting_new.html", {"form": form, "formset": formset})


def _save_batch(
    request: HttpRequest, user: User, unit: Any, area: Any, meeting_data: dict[str, Any], formset: Any
) -> FrontMeeting | None:
    rows = [(i, form) for i, form in enumerate(formset.forms, start=1) if not form.is_blank]
    if not rows:
        formset._non_form_errors = formset.error_class(["Cần nhập ít nhất một ý kiến."])
        return None
    try:
        meeting, _, note = record_meeting(
            user, unit, area, meeting_data, [(i, form.cleaned_data) for i, form in rows]
        )
    except OpinionsRejected as exc:
        forms = dict(rows)
        for i, errors in exc.rows.items():
            for field, message in errors:
                forms[i].add_error(field if field in forms[i].fields else None, message)
        return None
    messages.success(request, note)
    return meeting


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if not _may_see_meetings(user):
        raise PermissionDenied(
            gettext("Chỉ Mặt trận Tổ quốc và lãnh đạo, văn phòng xem các hội nghị lấy ý kiến.")
        )
    meeting = get_object_or_404(meetings_for(user).select_related("unit", "ward"), pk=pk)
    opinions = (
        petitions_for(user).filter(meeting=meeting).select_related("category", "unit", "ward").order_by("pk")
    )
    return render(request, "feedback/meeting_detail.html", {"meeting": meeting, "opinions": opinions})


# --- Open311 keys ---------------------------------------------------------------------------------------
