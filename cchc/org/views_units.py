"""Screens that read units: the list (a tree, filtered by kind, validity and a day), its export, one unit
with its officials, heads, history and changes, and the JSON the unit pickers search."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext

from cchc.core.queries import audit_events_for
from cchc.org import actions, exports
from cchc.org.importing import parse_date
from cchc.org.models import Unit, UnitKind
from cchc.org.queries import (
    can_write_units,
    heads_for,
    heads_on,
    official_units_for,
    officials_for,
    search_units,
    units_for,
)
from cchc.org.views_common import (
    KIND_ORDER,
    readable_unit,
    sort_key,
    tree_rows,
    xlsx_response,
)

# --- unit list and export ------------------------------------------------------------------------


def _unit_filters(request: HttpRequest) -> dict[str, Any]:
    kind = request.GET.get("loai", "")
    state = request.GET.get("hieu_luc", "hien_hanh")
    day_text = request.GET.get("ngay", "").strip()
    day: dt.date | None = None
    error = ""
    if state == "ngay":
        try:
            day = parse_date(day_text)
        except ValueError:
            error = gettext("Ngày không hợp lệ; viết dd/mm/yyyy.")
            state = "hien_hanh"
    if state not in {"hien_hanh", "tat_ca", "ngay"}:
        state = "hien_hanh"
    return {
        "loai": kind if kind in UnitKind.values else "",
        "hieu_luc": state,
        "ngay": day_text,
        "day": day if state == "ngay" else (actions.today() if state == "hien_hanh" else None),
        "q": request.GET.get("q", "").strip(),
        "error": error,
    }


def _filtered_units(request: HttpRequest, filters: dict[str, Any]) -> list[Unit]:
    qs = units_for(request.user).select_related("jurisdiction", "parent")
    if filters["loai"]:
        qs = qs.filter(kind=filters["loai"])
    if filters["day"] is not None:
        qs = qs.valid_on(filters["day"])
    qs = search_units(qs, filters["q"])
    return list(qs[:5000])


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    filters = _unit_filters(request)
    units = _filtered_units(request, filters)
    heads = heads_on([u.pk for u in units], filters["day"] or actions.today())
    rows = [(u, depth, heads.get(u.pk, {})) for u, depth in tree_rows(units)]
    query = urlencode({k: filters[k] for k in ("loai", "hieu_luc", "ngay", "q") if filters[k]})
    return render(
        request,
        "org/unit_list.html",
        {
            "rows": rows,
            "filters": filters,
            "kinds": UnitKind.choices,
            "query": query,
            "can_write": can_write_units(request.user),
            "today": actions.today(),
        },
    )


@login_required
def unit_export(request: HttpRequest) -> HttpResponse:
    filters = _unit_filters(request)
    units = [u for u, _ in tree_rows(_filtered_units(request, filters))]
    heads = heads_on([u.pk for u in units], filters["day"] or actions.today())
    return xlsx_response(exports.units_xlsx(units, heads), f"don-vi-{actions.today():%Y%m%d}.xlsx")


# --- unit detail -----------------------------------------------------------------------------------


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = readable_unit(request, unit_id)
    user = request.user
    day = actions.today()
    officials = officials_for(user).filter(unit=unit).order_by("-is_active", "full_name")
    heads = list(heads_for(user).filter(unit=unit).select_related("official", "official__unit"))
    heads.sort(key=lambda h: h.valid_from or dt.date.min, reverse=True)
    current_heads = {h.pk for h in heads if h.valid_from is None or h.valid_from <= day}
    current_heads &= {h.pk for h in heads if h.valid_to is None or h.valid_to >= day}
    children = sorted(
        units_for(user).filter(parent=unit).select_related("jurisdiction"),
        key=lambda u: (u.valid_to is not None, KIND_ORDER.get(u.kind, 99), sort_key(u.name)),
    )
    replaces = list(units_for(user).filter(replaced_by=unit).order_by("-valid_to"))
    successor = units_for(user).filter(pk=unit.replaced_by_id).first() if unit.replaced_by_id else None
    events = audit_events_for(user).filter(object_type="org.unit", object_id=str(unit.pk))[:20]
    writable = units_for(user, write=True).filter(pk=unit.pk).exists()
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "officials": officials,
            "heads": heads,
            "current_heads": current_heads,
            "accountable": unit.accountable_head(day),
            "children": children,
            "replaces": replaces,
            "successor": successor,
            "ancestors": list(
                units_for(user)
                .filter(pk__in=[int(p) for p in unit.path.strip("/").split("/")[:-1] if p])
                .order_by("path")
            ),
            "events": events,
            "can_write": writable,
            "can_add_official": official_units_for(user).filter(pk=unit.pk).exists()
            and unit.is_valid_on(day),
            "today": day,
        },
    )


# --- JSON for autocomplete -----------------------------------------------------------------------


@login_required
def unit_search_json(request: HttpRequest) -> JsonResponse:
    qs = search_units(units_for(request.user).current(), request.GET.get("q", ""))
    results = [
        {"id": u.pk, "code": u.code, "name": u.name, "abbreviation": u.abbreviation, "kind": u.kind}
        for u in qs.order_by("path")[:20]
    ]
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
