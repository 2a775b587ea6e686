from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.core.queries import AUDIT_READERS, audit_events_for


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # the project's User (role); core does not import accounts
    if not (user.is_superuser or user.role in AUDIT_READERS):
        raise PermissionDenied
    events = audit_events_for(user)
    q = request.GET.get("q", "").strip()
    if q:
        events = events.filter(summary__icontains=q) | events.filter(actor_name__icontains=q)
    page = Paginator(events, 50).get_page(request.GET.get("trang"))
    return render(request, "core/audit.html", {"page": page, "q": q})
