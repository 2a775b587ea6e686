"""What the organisation screens share: the reader's scope applied to a unit or an official (404 out of
scope, 403 to a reader who may look but not touch), the tree order of units, spreadsheet answers, and the
form page every change uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

from cchc.lib.names import natural_key
from cchc.org.models import Official, Unit, UnitKind
from cchc.org.queries import officials_for, units_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_ORDER = {k: i for i, k in enumerate(UnitKind.values)}


def sort_key(text: str) -> tuple[Any, ...]:
    """Sort Vietnamese names the same way on every database and numbers by value (``natural_key``)."""
    return natural_key(text)


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def readable_unit(request: HttpRequest, unit_id: int) -> Unit:
    return get_object_or_404(units_for(request.user).select_related("jurisdiction", "parent"), pk=unit_id)


def writable_unit(request: HttpRequest, unit_id: int) -> Unit:
    unit = readable_unit(request, unit_id)
    if not units_for(request.user, write=True).filter(pk=unit.pk).exists():
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC (Phòng Nội vụ) được thay đổi đơn vị."))
    return unit


def writable_official(request: HttpRequest, official_id: int) -> Official:
    official = get_object_or_404(officials_for(request.user).select_related("unit"), pk=official_id)
    if not officials_for(request.user, write=True).filter(pk=official.pk).exists():
        raise PermissionDenied(gettext("Bạn không có quyền thay đổi thông tin cán bộ này."))
    return official


def tree_rows(units: list[Unit]) -> list[tuple[Unit, int]]:
    """Depth-first order with depth, siblings by kind then name; units whose parent is not in the list
    (out of scope or filtered out) start a branch of their own."""
    ids = {u.pk for u in units}
    children: dict[int | None, list[Unit]] = {}
    for u in units:
        children.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)
    for group in children.values():
        group.sort(key=lambda u: (KIND_ORDER.get(u.kind, 99), sort_key(u.name)))
    rows: list[tuple[Unit, int]] = []
    stack = [(u, 0) for u in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        rows.append((unit, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(unit.pk, [])))
    return rows


def apply_form(request: HttpRequest, form: Any, act: Callable[[dict[str, Any]], Any]) -> tuple[bool, Any]:
    """For a valid POSTed form, run the action on its cleaned data: (True, its result); an action's
    ValidationError goes back onto the form's fields: (False, None), as for a GET or an invalid form."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, act(form.cleaned_data)
    except ValidationError as exc:
        form.apply_errors(exc)
        return False, None


def form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "org/form_page.html", {"form": form, **context})
