"""The page where the Office or the reform secretariat issues and revokes push-API tokens (one per
one-door system, docs/dossier-api.md) — the same actions as ``cchc dossier-api-client``.

Only the Office, the secretariat and superusers; each sees and manages the clients of its own
jurisdiction and the areas below it (a client of another area is 404). A new token is shown once, in
the answer to the form, and never again: only its SHA-256 is stored.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from cchc.core.widgets import PageLanguageSelect
from cchc.dossiers.actions.api_clients import issue_client, revoke_client
from cchc.dossiers.api_auth import NAME_MAX, ClientError
from cchc.dossiers.scope import api_clients_for, can_manage_clients, client_areas_for
from cchc.org.models import Jurisdiction


class ClientForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên hệ thống"),
        max_length=NAME_MAX,
        help_text=gettext_lazy("Ví dụ «Một cửa điện tử Phường 1». Mỗi hệ thống một mã truy cập."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    jurisdiction = forms.ModelChoiceField(
        label=gettext_lazy("Địa bàn"),
        queryset=Jurisdiction.objects.none(),
        help_text=gettext_lazy("Hệ thống chỉ ghi được hồ sơ của các đơn vị thuộc địa bàn này."),
        widget=PageLanguageSelect(attrs={"class": "form-select"}),  # areas are data: lang="vi"
        error_messages={
            "invalid_choice": gettext_lazy("Địa bàn không hợp lệ."),
            "required": gettext_lazy("Chọn địa bàn."),
        },
    )

    def __init__(self, *args: Any, areas: QuerySet[Jurisdiction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["jurisdiction"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = areas.order_by("path")
        self.fields["name"].error_messages["required"] = gettext("Nhập tên hệ thống.")


def _require_manager(request: HttpRequest) -> None:
    if not can_manage_clients(request.user):
        raise PermissionDenied(gettext("Chỉ Văn phòng và Thường trực CCHC cấp, thu hồi mã truy cập API."))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = ClientForm(request.POST or None, areas=client_areas_for(request.user))
    if request.method == "POST" and form.is_valid():
        area = form.cleaned_data["jurisdiction"]
        try:
            issued = issue_client(form.cleaned_data["name"], area.code, actor=request.user)
        except ClientError as exc:
            form.add_error("name", str(exc))
        else:
            # The token is in this answer only; reloading the list never shows it again.
            response = render(request, "dossiers/api_clients/created.html", {"issued": issued})
            response["Cache-Control"] = "no-store"
            return response
    clients = api_clients_for(request.user).order_by("revoked_at", "name")
    return render(request, "dossiers/api_clients/index.html", {"form": form, "clients": clients})


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    client = get_object_or_404(api_clients_for(request.user), pk=pk)
    try:
        revoke_client(client.name, actor=request.user)
    except ClientError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, gettext("Đã thu hồi mã truy cập của hệ thống «%(name)s».") % {"name": client.name}
        )
    return redirect("dossier_api_clients:index")
