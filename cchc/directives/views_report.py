"""The periodic report on the tasks of the whole area (Word or PDF), for the leaders, the Office, Internal
Affairs and the inspectors."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from cchc.accounts.models import User
from cchc.core.roles import JURISDICTION_WIDE
from cchc.directives import actions
from cchc.directives.forms import ReportForm


@login_required
def report(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not (user.is_superuser or user.role in JURISDICTION_WIDE):
        raise PermissionDenied(
            gettext("Báo cáo toàn địa bàn dành cho lãnh đạo, Văn phòng, Phòng Nội vụ và thanh tra.")
        )
    today = actions.today()
    wanted = request.GET.get("dinh_dang", "")
    form = ReportForm(
        request.GET if wanted else None,
        initial={"first": dt.date(today.year, 1, 1), "last": today, "signer_name": user.get_full_name()},
    )
    if wanted in ("docx", "pdf") and form.is_valid():
        from cchc.directives import report as rep

        data = rep.build(user, form.cleaned_data, today)
        if wanted == "docx":
            content, ctype = rep.render_docx(data), rep.DOCX
        else:
            try:
                content, ctype = rep.render_pdf(data), "application/pdf"
            except rep.PdfUnavailable as exc:
                return render(
                    request, "directives/report.html", {"form": form, "pdf_error": str(exc)}, status=503
                )
        response = HttpResponse(content, content_type=ctype)
        response["Content-Disposition"] = f'attachment; filename="{rep.file_stem(data)}.{wanted}"'
        return response
    return render(request, "directives/report.html", {"form": form})
