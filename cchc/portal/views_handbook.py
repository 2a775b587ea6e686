"""The procedure handbook (/cong-khai/so-tay-thu-tuc/): every active procedure of the catalogue, what to
bring, the forms, the fees, the time limit, the steps, where and how to submit, the online service and the
legal basis — designed for a phone, searchable without diacritics, and readable offline once opened (a
service worker scoped to the handbook keeps the pages read; ``static/js/handbook-sw.js``)."""

from __future__ import annotations

import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

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


# The page the worker shows for a handbook page never opened online, in the language of the page that
# registered it (``?lang=`` in the worker's address, set by static/js/handbook-offline.js).
OFFLINE_WORDS = {
    "title": gettext_noop("Không có mạng"),
    "heading": gettext_noop("Không có kết nối mạng"),
    "text": gettext_noop(
        "Trang này chưa được mở lần nào khi có mạng nên chưa lưu trên máy. "
        "Các thủ tục bạn đã mở trước đây vẫn xem được:"
    ),
    "link": gettext_noop("Sổ tay thủ tục"),
}
_WORDS_SLOT = b"/*OFFLINE_WORDS*/"


def _worker_in(language: str) -> bytes:
    with translation.override(language):
        words = {"lang": language, **{key: gettext(text) for key, text in OFFLINE_WORDS.items()}}
    # json.dumps escapes every non-ASCII letter and quote: a plain JavaScript object literal.
    source = _worker_source()
    start = source.index(_WORDS_SLOT)
    end = source.index(b"};", start) + 1
    return source[:start] + json.dumps(words).encode() + source[end:]


def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the handbook's own address so that its scope is the handbook and nothing else."""
    asked = request.GET.get("lang", "")
    language = asked if asked in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    response = HttpResponse(_worker_in(language), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("portal:handbook")
    response["Cache-Control"] = "no-cache"
    return response
