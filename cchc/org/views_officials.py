"""Screens for officials: the list and its export, one official with their headships, adding, editing and
recording that one leaves, and the JSON the official pickers search."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from cchc.core.params import id_param
from cchc.org import actions, exports
from cchc.org.forms import (
    DeactivateOfficialForm,
    OfficialForm,
)
from cchc.org.queries import (
    can_write_officials,
    heads_for,
    official_units_for,
    officials_for,
    own_unit_head_kinds,
    search_officials,
    units_for,
)
from cchc.org.views_common import (
    apply_form,
    form_page,
    tree_rows,
    writable_official,
    xlsx_response,
)

# --- officials -----------------------------------------------------------------------------------


def _official_filters(request: HttpRequest) -> dict[str, Any]:
    unit_text = request.GET.get("don_vi", "")
    unit = None
    if (unit_text_pk := id_param(unit_text)) is not None:
        # A unit id outside the reader's scope is simply not found: no hint that it exists.
        unit = units_for(request.user).filter(pk=unit_text_pk).first()
    state = request.GET.get("trang_thai", "dang")
    return {
        "q": request.GET.get("q", "").strip(),
        "unit": unit,
        "don_vi": str(unit.pk) if unit else "",
        "cap_duoi": request.GET.get("cap_duoi", "") == "1",
        "trang_thai": state if state in {"dang", "thoi", "tat_ca"} else "dang",
    }


def _filtered_officials(request: HttpRequest, filters: dict[str, Any]) -> Any:
    qs = officials_for(request.user).select_related("unit")
    if filters["unit"] is not None:
        if filters["cap_duoi"]:
            qs = qs.filter(unit__path__startswith=filters["unit"].path)
        else:
            qs = qs.filter(unit=filters["unit"])
    if filters["trang_thai"] == "dang":
        qs = qs.filter(is_active=True)
    elif filters["trang_thai"] == "thoi":
        qs = qs.filter(is_active=False)
    return search_officials(qs, filters["q"]).order_by("unit__path", "full_name", "pk")


@login_required
def official_list(request: HttpRequest) -> HttpResponse:
    filters = _official_filters(request)
    page = Paginator(_filtered_officials(request, filters), 50).get_page(request.GET.get("trang"))
    head_kinds = own_unit_head_kinds([o.pk for o in page], actions.today())
    for official in page:
        official.head_kind = head_kinds.get(official.pk, "")
    query = urlencode(
        {
            k: v
            for k, v in {
                "q": filters["q"],
                "don_vi": filters["don_vi"],
                "cap_duoi": "1" if filters["cap_duoi"] else "",
                "trang_thai": filters["trang_thai"],
            }.items()
            if v
        }
    )
    context = {
        "page": page,
        "filters": filters,
        "units": [
            (str(u.pk), "\u00a0\u00a0" * depth + u.name)
            for u, depth in tree_rows(list(units_for(request.user).current()))
        ],
        "query": query,
        "can_write": can_write_officials(request.user),
    }
    template = "org/_official_table.html" if getattr(request, "htmx", False) else "org/official_list.html"
    return render(request, template, context)


@login_required
def official_export(request: HttpRequest) -> HttpResponse:
    filters = _official_filters(request)
    officials = list(_filtered_officials(request, filters)[:50000])
    kinds = own_unit_head_kinds([o.pk for o in officials], actions.today())
    return xlsx_response(exports.officials_xlsx(officials, kinds), f"can-bo-{actions.today():%Y%m%d}.xlsx")


@login_required
def official_detail(request: HttpRequest, official_id: int) -> HttpResponse:
    official = get_object_or_404(officials_for(request.user).select_related("unit"), pk=official_id)
    headships = (
        heads_for(request.user).filter(official=official).select_related("unit").order_by("-valid_from")
    )
    return render(
        request,
        "org/official_detail.html",
        {
            "official": official,
            "headships": headships,
            "can_write": officials_for(request.user, write=True).filter(pk=official.pk).exists(),
            "today": actions.today(),
        },
    )


@login_required
def official_create(request: HttpRequest) -> HttpResponse:
    if not can_write_officials(request.user):
        raise PermissionDenied(gettext("Bạn không có quyền thêm cán bộ."))
    initial: dict[str, Any] = {}
    unit_text = request.GET.get("don_vi", "")
    if (unit_text_pk := id_param(unit_text)) is not None:
        initial["unit"] = official_units_for(request.user).filter(pk=unit_text_pk).first()
    form = OfficialForm(request.POST or None, user=request.user, initial=initial)
    ok, official = apply_form(request, form, lambda d: actions.create_official(request.user, d))
    if ok:
        messages.success(request, gettext("Đã thêm cán bộ %(name)s.") % {"name": official.full_name})
        return redirect("org:official_detail", official_id=official.pk)
    return form_page(
        request,
        form,
        title=gettext("Thêm cán bộ, công chức"),
        submit=gettext("Lưu"),
        back=reverse("org:official_list"),
    )


@login_required
def official_edit(request: HttpRequest, official_id: int) -> HttpResponse:
    official = writable_official(request, official_id)
    initial = {f: getattr(official, f) for f in ("code", "full_name", "position", "unit", "email", "phone")}
    form = OfficialForm(request.POST or None, user=request.user, official=official, initial=initial)
    ok, changed = apply_form(request, form, lambda d: actions.update_official(request.user, official, d))
    if ok:
        messages.success(
            request, gettext("Đã lưu thay đổi.") if changed else gettext("Không có gì thay đổi.")
        )
        return redirect("org:official_detail", official_id=official.pk)
    return form_page(
        request,
        form,
        title=gettext("Sửa thông tin:"),
        record=official.full_name,
        submit=gettext("Lưu thay đổi"),
        back=reverse("org:official_detail", args=[official.pk]),
    )


@login_required
def official_deactivate(request: HttpRequest, official_id: int) -> HttpResponse:
    official = writable_official(request, official_id)
    form = DeactivateOfficialForm(request.POST or None, initial={"last_day": actions.today()})
    ok, _ = apply_form(
        request,
        form,
        lambda d: actions.deactivate_official(request.user, official, last_day=d["last_day"], note=d["note"]),
    )
    if ok:
        messages.success(
            request, gettext("Đã ghi nhận %(name)s thôi công tác.") % {"name": official.full_name}
        )
        return redirect("org:official_detail", official_id=official.pk)
    return form_page(
        request,
        form,
        title=gettext("Thôi công tác:"),
        record=official.full_name,
        intro=gettext(
            "Cán bộ vẫn được giữ trong hồ sơ (để tra cứu trách nhiệm về sau); các vị trí người đứng đầu "
            "kết thúc vào ngày cuối cùng công tác."
        ),
        submit=gettext("Ghi nhận thôi công tác"),
        danger=True,
        back=reverse("org:official_detail", args=[official.pk]),
    )


@login_required
def official_search_json(request: HttpRequest) -> JsonResponse:
    qs = officials_for(request.user).filter(is_active=True).select_related("unit")
    unit_text = request.GET.get("don_vi", "")
    if (unit_text_pk := id_param(unit_text)) is not None:
        qs = qs.filter(unit_id=unit_text_pk)
    qs = search_officials(qs, request.GET.get("q", ""))
    results = [
        {"id": o.pk, "code": o.code, "name": o.full_name, "position": o.position, "unit": o.unit.code}
        for o in qs.order_by("full_name", "pk")[:20]
    ]
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
