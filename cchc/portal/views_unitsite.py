"""A unit's public documents and the widgets its own website frames (/cong-khai/don-vi/<unit>/…).

The document list and page are ordinary public pages (phone-first cards, search, filter by year and
validity). The widget pages (``nhung/…``) are small pages without menu or script, made to sit in a frame
on the unit's website: only they answer with ``frame-ancestors`` opened to the websites the unit
registered (``cchc.unitsite.origins``); every other page of the site stays unframeable.

The widgets show what the public site already computes, from the same functions: the monthly late list
(``dossiers.rankings``), the dossier look-up with its limits (``portal.views``), the satisfaction figures
(``surveys.results``). The look-up form in a frame posts without the CSRF cookie, which browsers withhold
from framed third-party pages; it only reads, and keeps the public look-up's limits per address and per
code + phone. The petition widget links to the full form in a new tab rather than framing it: the form
takes photos and a position, and its anti-spam stamp and the follow-up code live in the session, which a
framed third-party page cannot keep.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cchc.core.params import id_param
from cchc.org.models import Unit
from cchc.portal.views import lookup_attempt
from cchc.unitsite.models import UnitDocument, Validity
from cchc.unitsite.origins import allow_framing
from cchc.unitsite.queries import (
    document_years,
    origins_of,
    public_documents,
    unit_late_list,
    unit_satisfaction,
)

PAGE_SIZE = 50
WIDGET_SIZE = 20


def _unit(unit_id: int) -> Unit:
    return get_object_or_404(Unit.objects.select_related("jurisdiction"), pk=unit_id)


def _filters(request: HttpRequest, unit: Unit) -> dict[str, Any]:
    text = request.GET.get("q", "").strip()[:200]
    years = document_years(unit)
    year = id_param(request.GET.get("nam"))
    year = year if year in years else None
    validity = request.GET.get("hieu_luc", "")
    validity = validity if validity in Validity.values else ""
    found = public_documents(unit, text=text, year=year, validity=validity)
    return {
        "unit": unit,
        "query": text,
        "years": years,
        "year": year,
        "validity": validity,
        "validities": Validity.choices,
        "documents": found,
    }


def documents(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(unit_id)
    context = _filters(request, unit)
    found = context["documents"]
    context["count"] = found.count()
    context["documents"] = list(found[:PAGE_SIZE])
    context["page_size"] = PAGE_SIZE
    return render(request, "portal/unitsite/documents.html", context)


def document_detail(request: HttpRequest, unit_id: int, document_id: int) -> HttpResponse:
    unit = _unit(unit_id)
    document = get_object_or_404(
        UnitDocument.objects.select_related("replaced_by"), pk=document_id, unit=unit
    )
    replaces = list(document.replaces.order_by("-issued_on"))
    return render(
        request,
        "portal/unitsite/document_detail.html",
        {"unit": unit, "document": document, "replaces": replaces},
    )


def document_file(request: HttpRequest, unit_id: int, document_id: int) -> FileResponse:
    unit = _unit(unit_id)
    document = get_object_or_404(UnitDocument, pk=document_id, unit=unit)
    kind = mimetypes.guess_type(document.file_name)[0] or "application/octet-stream"
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp văn bản không còn trên máy chủ; vui lòng liên hệ đơn vị ban hành.") from None
    return FileResponse(
        handle,
        as_attachment=kind != "application/pdf",
        filename=document.file_name,
        content_type=kind,
    )


# --- widgets ----------------------------------------------------------------------------------------------


def _widget(
    request: HttpRequest, unit: Unit, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = render(request, template, {"unit": unit, **context}, status=status)
    return allow_framing(response, origins_of(unit))


def widget_documents(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(unit_id)
    context = _filters(request, unit)
    found = context["documents"]
    context["count"] = found.count()
    context["documents"] = list(found[:WIDGET_SIZE])
    return _widget(request, unit, "portal/unitsite/widget_documents.html", context)


def widget_late(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(unit_id)
    chosen, units, officials = unit_late_list(unit)
    return _widget(
        request,
        unit,
        "portal/unitsite/widget_late.html",
        {"chosen": chosen, "units": units, "officials": officials},
    )


@csrf_exempt
@never_cache
def widget_lookup(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(unit_id)
    context, status = lookup_attempt(request)
    return _widget(request, unit, "portal/unitsite/widget_lookup.html", context, status=status)


def widget_petition(request: HttpRequest, unit_id: int) -> HttpResponse:
    from cchc.feedback.routing import public_jurisdiction

    unit = _unit(unit_id)
    return _widget(
        request,
        unit,
        "portal/unitsite/widget_petition.html",
        {"petitions_open": public_jurisdiction() is not None},
    )


def widget_satisfaction(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(unit_id)
    return _widget(
        request, unit, "portal/unitsite/widget_satisfaction.html", {"rows": unit_satisfaction(unit)}
    )
