"""The procedure handbook (/cong-khai/so-tay-thu-tuc/): every active procedure of the catalogue, what to
bring, the forms, the fees, the time limit, the steps, where and how to submit, the online service and the
legal basis — designed for a phone, searchable without diacritics, and readable offline once opened (a
service worker scoped to the handbook keeps the pages read; ``static/js/handbook-sw.js``)."""

from __future__ import annotations

from functools import cache

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cchc.dossiers import handbook
from cchc.portal.page_cache import shared_page

SW_FILE = "js/handbook-sw.js"


@shared_page()
def handbook_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[: handbook.QUERY_MAX].strip()
    found = list(handbook.search(query))
    for p in found:
        p.limit_label = handbook.limit_text(p)  # type: ignore[attr-defined]
    return render(
        request,
        "portal/handbook_list.html",
        {
            "query": query,
            "groups": handbook.grouped(found) if not query else [],
            "found": found,
            "count": len(found),
            "total": handbook.active_procedures().count(),
        },
    )


@shared_page()
def handbook_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = handbook.by_code(code)
    if procedure is None:
        raise Http404("Không có thủ tục này trong sổ tay.")
    return render(
        request,
        "portal/handbook_detail.html",
        {
            "p": procedure,
            "limit": handbook.limit_text(procedure),
            "fees": handbook.fees(procedure),
            "documents": handbook.documents(procedure),
            "forms": handbook.forms(procedure),
            "steps": handbook.texts(procedure.steps),
            "legal": handbook.texts(procedure.legal_documents),
            "online": handbook.online_text(procedure),
            "offices": handbook.offices(procedure),
        },
    )


@cache
def _worker_source() -> bytes:
    path = finders.find(SW_FILE)
    if not path:
        raise Http404
    with open(str(path), "rb") as fh:
        return fh.read()


def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the handbook's own address so that its scope is the handbook and nothing else."""
    response = HttpResponse(_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("portal:handbook")
    response["Cache-Control"] = "no-cache"
    return response
