"""The dossier's messages to its citizen, at the one-stop desk: the consent in force (channel, address,
where and when given), its history, and every message sent about the dossier with its route and status.
Readers of the dossier see the page (addresses masked unless they may see personal data); officers who
may write the dossier record or withdraw the consent the citizen gives at the desk."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from cchc.accounts.models import User
from cchc.dossiers import status_messages
from cchc.dossiers.actions.consents import ConsentNotAllowed, consent, withdraw
from cchc.dossiers.forms_consent import DeskConsentForm
from cchc.dossiers.queries import (
    dossiers_for,
    mask_digits,
    mask_email,
    may_read_dossiers,
    may_see_personal_data,
)
from cchc.notify.models import ConsentPlace
from cchc.notify.queries import consent_history, messages_about


def _masked(value: str, full: bool) -> str:
    if full:
        return value
    return mask_email(value) if "@" in value else mask_digits(value)


@login_required
def dossier_messages(request: HttpRequest, code: str) -> HttpResponseBase:
    user = cast(User, request.user)
    if not may_read_dossiers(user):
        raise PermissionDenied(gettext("Vai trò của bạn không theo dõi hồ sơ thủ tục hành chính."))
    d = get_object_or_404(dossiers_for(user).select_related("procedure"), code=code)
    may_write = dossiers_for(user, write=True).filter(pk=d.pk).exists()
    full = may_see_personal_data(user, d)
    form = DeskConsentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied(
                gettext(
                    "Chỉ Bộ phận một cửa và công chức của đơn vị giải quyết hồ sơ được ghi nhận đăng ký nhận "
                    "thông báo."
                )
            )
        try:
            if request.POST.get("action") == "withdraw":
                if withdraw(user, d, where=ConsentPlace.DESK):
                    messages.success(request, gettext("Đã ghi nhận công dân ngừng nhận thông báo về hồ sơ."))
                return redirect("dossiers:messages", code=d.code)
            if form.is_valid():
                channel = form.cleaned_data["channel"]
                fallback = d.applicant_email if channel == "email" else d.applicant_phone
                consent(
                    user,
                    d,
                    channel=channel,
                    address=form.cleaned_data["address"] or fallback,
                    where=ConsentPlace.DESK,
                )
                messages.success(request, gettext("Đã ghi nhận công dân đồng ý nhận thông báo về hồ sơ."))
                return redirect("dossiers:messages", code=d.code)
            status = 400
        except ConsentNotAllowed as exc:
            form.add_error("address", exc.message)
            status = 400
    consents = list(consent_history(status_messages.OBJECT_TYPE, d.code))
    history = [{"c": c, "address": _masked(c.address, full)} for c in consents]
    sent = [
        {"n": n, "recipient": _masked(n.recipient, full)}
        for n in messages_about(status_messages.OBJECT_TYPE, d.code)[:100]
    ]
    return render(
        request,
        "dossiers/messages.html",
        {
            "d": d,
            "form": form,
            "may_write": may_write,
            "in_force": next(
                (h for c, h in zip(consents, history, strict=True) if c.withdrawn_at is None), None
            ),
            "history": history,
            "sent": sent,
        },
        status=status,
    )
