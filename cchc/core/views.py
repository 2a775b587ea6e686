from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cchc.core.audit_form import AuditFilterForm, worded
from cchc.core.events import actor_display, verb_label
from cchc.core.models import AuditEvent
from cchc.core.queries import AUDIT_READERS, audit_events_for, filter_audit_events
from cchc.core.templatetags.vn_format import so
from cchc.core.xlsx import xlsx_download


@login_required
def audit(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user  # the project's User (role); core does not import accounts
    if not (user.is_superuser or user.role in AUDIT_READERS):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    events = audit_events_for(user)
    if form.is_bound and not form.is_valid():
        # A value that cannot be (an impossible date, an unknown kind of action): the form names the
        # field; no rows rather than rows the reader did not ask for.
        page = Paginator(events.none(), 50).get_page(1)
        return render(request, "core/audit.html", _context(page, form), status=400)
    if form.is_bound:
        d = form.cleaned_data
        events = filter_audit_events(
            events, q=d["q"], verb=d["hanh_dong"], person=d["nguoi"], start=d["tu_ngay"], end=d["den_ngay"]
        )
    if request.GET.get("xuat") == "xlsx":
        return _audit_xlsx(events, form)
    page = Paginator(events, 50).get_page(request.GET.get("trang"))
    return render(request, "core/audit.html", _context(page, form))


def _context(page: Any, form: AuditFilterForm) -> dict[str, Any]:
    if form.errors:
        empty = worded(_("Sửa các ô được đánh dấu ở trên để xem nhật ký."))
    elif form.is_bound:
        empty = worded(_("Không có thay đổi nào khớp với bộ lọc."))
    else:
        empty = worded(_("Chưa có thay đổi nào."))
    return {
        "page": page,
        "form": form,
        "count": worded(_("%(count)s thay đổi"), count=so(page.paginator.count)),
        "export": worded(_("Tải bảng tính (XLSX) đúng các thay đổi đang lọc")),
        "empty": empty,
    }


def _audit_xlsx(events: QuerySet[AuditEvent], form: AuditFilterForm) -> HttpResponseBase:
    """The filtered log as the page shows it (words, not codes), the filters written on top."""
    rows = (
        (e.at, actor_display(e.actor_name), str(verb_label(e.verb)), e.summary)
        for e in events.select_related(None)
        .only("at", "actor_name", "verb", "summary")
        .iterator(chunk_size=2000)
    )
    headers = [gettext("Thời điểm"), gettext("Người thực hiện"), gettext("Thao tác"), gettext("Nội dung")]
    return xlsx_download(
        "nhat-ky-thay-doi.xlsx", gettext("Nhật ký thay đổi"), headers, rows, note=_filters_note(form)
    )


def _filters_note(form: AuditFilterForm) -> str:
    if not form.is_bound:
        return ""
    d = form.cleaned_data
    shown = {
        "q": d["q"],
        "hanh_dong": form.verb_text(),
        "nguoi": d["nguoi"],
        "tu_ngay": f"{d['tu_ngay']:%d/%m/%Y}" if d["tu_ngay"] else "",
        "den_ngay": f"{d['den_ngay']:%d/%m/%Y}" if d["den_ngay"] else "",
    }
    parts = [f"{form.fields[name].label}: {value}" for name, value in shown.items() if value]
    return gettext("Lọc: ") + "; ".join(parts) if parts else ""
