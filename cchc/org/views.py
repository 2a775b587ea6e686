"""Screens for units, officials and heads. Thin: reads through ``queries``, writes through ``actions``.

Every object is looked up in the reader's scope first (``units_for``/``officials_for``), so an
out-of-scope id is a 404 whatever the page; a page that changes something then checks the write scope
and answers 403 to a reader who may look but not touch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from cchc.core.params import id_param
from cchc.core.queries import audit_events_for
from cchc.lib.names import natural_key
from cchc.org import actions, exports
from cchc.org.forms import (
    CloseUnitForm,
    DeactivateOfficialForm,
    EndHeadForm,
    MergeUnitForm,
    OfficialForm,
    SetHeadForm,
    UnitForm,
)
from cchc.org.importing import parse_date
from cchc.org.models import HeadKind, Official, Unit, UnitKind
from cchc.org.queries import (
    can_write_officials,
    can_write_units,
    heads_for,
    heads_on,
    official_units_for,
    officials_for,
    own_unit_head_kinds,
    search_officials,
    search_units,
    units_for,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_ORDER = {k: i for i, k in enumerate(UnitKind.values)}


def sort_key(text: str) -> tuple[Any, ...]:
    """Sort Vietnamese names the same way on every database and numbers by value (``natural_key``)."""
    return natural_key(text)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _readable_unit(request: HttpRequest, unit_id: int) -> Unit:
    return get_object_or_404(units_for(request.user).select_related("jurisdiction", "parent"), pk=unit_id)


def _writable_unit(request: HttpRequest, unit_id: int) -> Unit:
    unit = _readable_unit(request, unit_id)
    if not units_for(request.user, write=True).filter(pk=unit.pk).exists():
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC (Phòng Nội vụ) được thay đổi đơn vị."))
    return unit


def _writable_official(request: HttpRequest, official_id: int) -> Official:
    official = get_object_or_404(officials_for(request.user).select_related("unit"), pk=official_id)
    if not officials_for(request.user, write=True).filter(pk=official.pk).exists():
        raise PermissionDenied(gettext("Bạn không có quyền thay đổi thông tin cán bộ này."))
    return official


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
    return _xlsx(exports.units_xlsx(units, heads), f"don-vi-{actions.today():%Y%m%d}.xlsx")


# --- unit detail -----------------------------------------------------------------------------------


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _readable_unit(request, unit_id)
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


# --- unit changes ----------------------------------------------------------------------------------


def _apply(request: HttpRequest, form: Any, act: Callable[[dict[str, Any]], Any]) -> tuple[bool, Any]:
    """For a valid POSTed form, run the action on its cleaned data: (True, its result); an action's
    ValidationError goes back onto the form's fields: (False, None), as for a GET or an invalid form."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, act(form.cleaned_data)
    except ValidationError as exc:
        form.apply_errors(exc)
        return False, None


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "org/form_page.html", {"form": form, **context})


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    if not can_write_units(request.user):
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC (Phòng Nội vụ) được thêm đơn vị."))
    initial: dict[str, Any] = {}
    parent_id = request.GET.get("cap_tren", "")
    if (parent_id_pk := id_param(parent_id)) is not None:
        parent = units_for(request.user, write=True).filter(pk=parent_id_pk).first()
        if parent is not None:
            initial = {"parent": parent, "jurisdiction": parent.jurisdiction}
    form = UnitForm(request.POST or None, user=request.user, initial=initial)
    ok, unit = _apply(request, form, lambda d: actions.create_unit(request.user, d))
    if ok:
        messages.success(request, gettext("Đã thêm đơn vị %(name)s.") % {"name": unit.name})
        return redirect("org:unit_detail", unit_id=unit.pk)
    return _form_page(
        request,
        form,
        title=gettext("Thêm đơn vị"),
        submit=gettext("Lưu đơn vị"),
        back=reverse("org:unit_list"),
        wide=True,
    )


@login_required
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _writable_unit(request, unit_id)
    initial = {f: getattr(unit, f) for f in actions.UNIT_FIELDS}
    form = UnitForm(request.POST or None, user=request.user, unit=unit, initial=initial)
    ok, changed = _apply(request, form, lambda d: actions.update_unit(request.user, unit, d))
    if ok:
        messages.success(
            request, gettext("Đã lưu thay đổi.") if changed else gettext("Không có gì thay đổi.")
        )
        return redirect("org:unit_detail", unit_id=unit.pk)
    return _form_page(
        request,
        form,
        title=gettext("Sửa thông tin:"),
        record=unit.name,
        submit=gettext("Lưu thay đổi"),
        back=reverse("org:unit_detail", args=[unit.pk]),
        wide=True,
    )


@login_required
def unit_close(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _writable_unit(request, unit_id)
    form = CloseUnitForm(request.POST or None, initial={"last_day": actions.today()})
    ok, _ = _apply(
        request,
        form,
        lambda d: actions.close_unit(request.user, unit, last_day=d["last_day"], note=d["note"]),
    )
    if ok:
        messages.success(
            request,
            gettext("Đã ghi nhận giải thể %(name)s. Lịch sử đơn vị được giữ nguyên.") % {"name": unit.name},
        )
        return redirect("org:unit_detail", unit_id=unit.pk)
    return _form_page(
        request,
        form,
        title=gettext("Giải thể đơn vị:"),
        record=unit.name,
        intro=gettext(
            "Đơn vị không bị xoá: nó được ghi hết hiệu lực từ sau ngày cuối cùng, người đứng đầu kết thúc "
            "cùng ngày. Đơn vị trực thuộc còn hoạt động phải được xử lý trước."
        ),
        submit=gettext("Giải thể"),
        danger=True,
        back=reverse("org:unit_detail", args=[unit.pk]),
    )


@login_required
def unit_merge(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _writable_unit(request, unit_id)
    form = MergeUnitForm(request.POST or None, user=request.user, unit=unit, initial={"on": actions.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.merge_units(
                request.user,
                [unit, *data["others"]],
                data["target"],
                on=data["on"],
                move_officials=data["move_officials"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(
                request,
                gettext("Đã sáp nhập %(unit)s vào %(target)s.")
                % {"unit": unit.name, "target": data["target"].name},
            )
            return redirect("org:unit_detail", unit_id=data["target"].pk)
    return _form_page(
        request,
        form,
        title=gettext("Sáp nhập đơn vị:"),
        record=unit.name,
        intro=gettext(
            "Đơn vị bị sáp nhập được giữ trong hồ sơ với ngày hết hiệu lực và đơn vị tiếp nhận; các đơn vị "
            "trực thuộc còn hoạt động chuyển sang đơn vị tiếp nhận."
        ),
        submit=gettext("Sáp nhập"),
        danger=True,
        back=reverse("org:unit_detail", args=[unit.pk]),
    )


@login_required
def unit_delete(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _writable_unit(request, unit_id)
    error = ""
    if request.method == "POST":
        try:
            actions.delete_unit(request.user, unit)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, gettext("Đã xoá đơn vị nhập nhầm %(name)s.") % {"name": unit.name})
            return redirect("org:unit_list")
    return render(request, "org/unit_delete.html", {"unit": unit, "error": error})


@login_required
def unit_set_head(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _writable_unit(request, unit_id)
    initial: dict[str, Any] = {"valid_from": actions.today()}
    if request.GET.get("loai") in HeadKind.values:
        initial["kind"] = request.GET["loai"]
    form = SetHeadForm(request.POST or None, user=request.user, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.set_head(
                request.user,
                unit,
                data["official"],
                kind=data["kind"],
                valid_from=data["valid_from"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(
                request,
                gettext("Đã giao %(official)s phụ trách %(unit)s.")
                % {"official": data["official"].full_name, "unit": unit.name},
            )
            return redirect("org:unit_detail", unit_id=unit.pk)
    return _form_page(
        request,
        form,
        title=gettext("Giao người đứng đầu:"),
        record=unit.name,
        intro=gettext(
            "Người đang giữ vị trí này (nếu có) được ghi kết thúc vào ngày liền trước; "
            "lịch sử được giữ lại. Giao người đứng đầu mới cũng kết thúc việc giao phụ trách / quyền."
        ),
        submit=gettext("Lưu"),
        back=reverse("org:unit_detail", args=[unit.pk]),
    )


@login_required
def head_end(request: HttpRequest, unit_id: int, head_id: int) -> HttpResponse:
    unit = _writable_unit(request, unit_id)
    row = get_object_or_404(heads_for(request.user).select_related("official", "unit"), pk=head_id, unit=unit)
    form = EndHeadForm(request.POST or None, initial={"last_day": actions.today()})
    ok, _ = _apply(
        request,
        form,
        lambda d: actions.end_headship(request.user, row, last_day=d["last_day"], note=d["note"]),
    )
    if ok:
        messages.success(request, gettext("Đã ghi nhận kết thúc."))
        return redirect("org:unit_detail", unit_id=unit.pk)
    return _form_page(
        request,
        form,
        title=gettext("Kết thúc %(kind)s:") % {"kind": gettext(row.get_kind_display()).lower()},
        record=f"{row.official.full_name} — {unit.name}",
        submit=gettext("Kết thúc"),
        back=reverse("org:unit_detail", args=[unit.pk]),
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
    return _xlsx(exports.officials_xlsx(officials, kinds), f"can-bo-{actions.today():%Y%m%d}.xlsx")


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
    ok, official = _apply(request, form, lambda d: actions.create_official(request.user, d))
    if ok:
        messages.success(request, gettext("Đã thêm cán bộ %(name)s.") % {"name": official.full_name})
        return redirect("org:official_detail", official_id=official.pk)
    return _form_page(
        request,
        form,
        title=gettext("Thêm cán bộ, công chức"),
        submit=gettext("Lưu"),
        back=reverse("org:official_list"),
    )


@login_required
def official_edit(request: HttpRequest, official_id: int) -> HttpResponse:
    official = _writable_official(request, official_id)
    initial = {f: getattr(official, f) for f in ("code", "full_name", "position", "unit", "email", "phone")}
    form = OfficialForm(request.POST or None, user=request.user, official=official, initial=initial)
    ok, changed = _apply(request, form, lambda d: actions.update_official(request.user, official, d))
    if ok:
        messages.success(
            request, gettext("Đã lưu thay đổi.") if changed else gettext("Không có gì thay đổi.")
        )
        return redirect("org:official_detail", official_id=official.pk)
    return _form_page(
        request,
        form,
        title=gettext("Sửa thông tin:"),
        record=official.full_name,
        submit=gettext("Lưu thay đổi"),
        back=reverse("org:official_detail", args=[official.pk]),
    )


@login_required
def official_deactivate(request: HttpRequest, official_id: int) -> HttpResponse:
    official = _writable_official(request, official_id)
    form = DeactivateOfficialForm(request.POST or None, initial={"last_day": actions.today()})
    ok, _ = _apply(
        request,
        form,
        lambda d: actions.deactivate_official(request.user, official, last_day=d["last_day"], note=d["note"]),
    )
    if ok:
        messages.success(
            request, gettext("Đã ghi nhận %(name)s thôi công tác.") % {"name": official.full_name}
        )
        return redirect("org:official_detail", official_id=official.pk)
    return _form_page(
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


# --- JSON for autocomplete -----------------------------------------------------------------------


@login_required
def unit_search_json(request: HttpRequest) -> JsonResponse:
    qs = search_units(units_for(request.user).current(), request.GET.get("q", ""))
    results = [
        {"id": u.pk, "code": u.code, "name": u.name, "abbreviation": u.abbreviation, "kind": u.kind}
        for u in qs.order_by("path")[:20]
    ]
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})


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
