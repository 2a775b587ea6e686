"""The staff screens of a unit's website: the units a person manages, a unit's register of documents
(cards on a phone) with the add and edit forms, and the embedding page — the websites allowed to frame
the widgets, the snippets to copy and a preview. Permission: ``queries.managed_units`` (another unit →
403, no such unit → 404); every change through ``actions``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_noop

from cchc.org.models import Unit
from cchc.unitsite import actions
from cchc.unitsite.forms import DocumentForm, OriginForm
from cchc.unitsite.models import EmbedOrigin, UnitDocument
from cchc.unitsite.queries import can_manage_unit, managed_units, may_use_screens
from cchc.unitsite.widgets import WIDGETS, snippet

REFUSED = gettext_noop("Trang này dành cho cán bộ của đơn vị quản lý trang thông tin của đơn vị.")


def _screens(request: HttpRequest) -> None:
    if not may_use_screens(request.user):
        raise PermissionDenied(gettext(REFUSED))


def _unit(request: HttpRequest, unit_id: int) -> Unit:
    _screens(request)
    unit = get_object_or_404(Unit, pk=unit_id)
    if not can_manage_unit(request.user, unit):
        raise PermissionDenied(gettext("Đơn vị này không thuộc phạm vi bạn quản lý."))
    return unit


def _show_errors(form: Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    _screens(request)
    units = list(managed_units(request.user).select_related("jurisdiction").order_by("path")[:300])
    return render(request, "unitsite/home.html", {"units": units})


@login_required
def register(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    documents = UnitDocument.objects.filter(unit=unit).select_related("replaced_by")
    return render(request, "unitsite/register.html", {"unit": unit, "documents": documents})


def _documents_of(unit: Unit) -> Any:
    return UnitDocument.objects.filter(unit=unit).order_by("-issued_on", "-pk")


@login_required
def document_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    status = 200
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES, documents=_documents_of(unit))
        status = 400
        if form.is_valid():
            try:
                actions.add_document(request.user, unit, form.cleaned_data, form.cleaned_data["file"])
            except ValidationError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, gettext("Đã thêm văn bản vào sổ văn bản của đơn vị."))
                return redirect("unitsite:register", unit.pk)
    else:
        form = DocumentForm(documents=_documents_of(unit), initial={"issuer": unit.name})
    return render(
        request, "unitsite/document_form.html", {"unit": unit, "form": form, "document": None}, status=status
    )


@login_required
def document_edit(request: HttpRequest, unit_id: int, document_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    document = get_object_or_404(UnitDocument, pk=document_id, unit=unit)
    others = _documents_of(unit).exclude(pk=document.pk)
    status = 200
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES, documents=others, file_required=False)
        status = 400
        if form.is_valid():
            try:
                actions.update_document(
                    request.user, document, form.cleaned_data, form.cleaned_data.get("file")
                )
            except ValidationError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, gettext("Đã lưu văn bản."))
                return redirect("unitsite:register", unit.pk)
    else:
        form = DocumentForm(
            documents=others,
            file_required=False,
            initial={
                "kind": document.kind,
                "number": document.number,
                "issued_on": document.issued_on,
                "subject": document.subject,
                "issuer": document.issuer,
                "validity": document.validity,
                "replaced_by": document.replaced_by_id,
            },
        )
    return render(
        request,
        "unitsite/document_form.html",
        {"unit": unit, "form": form, "document": document},
        status=status,
    )


@login_required
def embed(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    status = 200
    if request.method == "POST":
        form = OriginForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                row = actions.add_origin(request.user, unit, form.cleaned_data["origin"])
            except ValidationError as exc:
                _show_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext("Đã cho phép trang %(origin)s nhúng tiện ích của đơn vị.")
                    % {"origin": row.origin},
                )
                return redirect("unitsite:embed", unit.pk)
    else:
        form = OriginForm()
    site = str(settings.SITE_URL).rstrip("/")
    widgets = [{"widget": w, "snippet": snippet(w, unit, site), "path": w.path(unit)} for w in WIDGETS]
    origins = EmbedOrigin.objects.filter(unit=unit)
    return render(
        request,
        "unitsite/embed.html",
        {"unit": unit, "form": form, "origins": origins, "widgets": widgets},
        status=status,
    )


@login_required
def origin_remove(request: HttpRequest, unit_id: int, origin_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    row = get_object_or_404(EmbedOrigin, pk=origin_id, unit=unit)
    if request.method == "POST":
        actions.remove_origin(request.user, row)
        messages.success(
            request,
            gettext("Trang %(origin)s không còn được nhúng tiện ích của đơn vị.") % {"origin": row.origin},
        )
    return redirect("unitsite:embed", unit.pk)
