"""The keys the reform secretariat issues to other systems — Open311 apps that file petitions, operations
centre (IOC) screens that read the figures: the list, issuing and revoking a key."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cchc.accounts.models import User
from cchc.feedback import forms as f
from cchc.feedback.actions.citizen import create_key, revoke_key
from cchc.feedback.queries import key_area, keys_for, may_manage_keys


@login_required
def keys(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not may_manage_keys(user):
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC (Phòng Nội vụ) cấp khoá kết nối."))
    new_key = ""
    if request.method == "POST":
        form = f.KeyForm(request.POST)
        if form.is_valid():
            area = key_area(user, form.cleaned_data["purpose"])
            if area is None:
                form.add_error(None, gettext("Địa bàn của bạn chưa có danh mục lĩnh vực phản ánh."))
            else:
                try:
                    _, new_key = create_key(
                        user,
                        name=form.cleaned_data["name"],
                        jurisdiction=area,
                        purpose=form.cleaned_data["purpose"],
                    )
                    form = f.KeyForm()
                except ValidationError as exc:
                    form.add_errors(exc.message_dict)
    else:
        form = f.KeyForm()
    rows = keys_for(user).select_related("jurisdiction")
    return render(
        request,
        "feedback/keys.html",
        {"form": form, "keys": rows.order_by("-created_at"), "new_key": new_key},
    )


@login_required
@require_POST
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    if not may_manage_keys(user):
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC (Phòng Nội vụ) thu hồi khoá kết nối."))
    key = get_object_or_404(keys_for(user), pk=pk)
    try:
        revoke_key(user, key)
        messages.success(request, gettext("Đã thu hồi khoá của «%(name)s».") % {"name": key.name})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("feedback:keys")
