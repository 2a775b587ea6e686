"""Screens that change a unit: create, edit, dissolve, merge, delete one entered by mistake, appoint a
head and end a headship. Each posts a form to an action in ``cchc.org.actions``; an action's refusal
comes back next to the field it names."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from cchc.core.params import id_param
from cchc.org import actions
from cchc.org.forms import (
    CloseUnitForm,
    EndHeadForm,
    MergeUnitForm,
    SetHeadForm,
    UnitForm,
)
from cchc.org.models import HeadKind
from cchc.org.queries import can_write_units, heads_for, units_for
from cchc.org.views_common import (
    apply_form,
    form_page,
    writable_unit,
)

# --- unit changes ----------------------------------------------------------------------------------


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
    ok, unit = apply_form(request, form, lambda d: actions.create_unit(request.user, d))
    if ok:
        messages.success(request, gettext("Đã thêm đơn vị %(name)s.") % {"name": unit.name})
        return redirect("org:unit_detail", unit_id=unit.pk)
    return form_page(
        request,
        form,
        title=gettext("Thêm đơn vị"),
        submit=gettext("Lưu đơn vị"),
        back=reverse("org:unit_list"),
        wide=True,
    )


@login_required
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = writable_unit(request, unit_id)
    initial = {f: getattr(unit, f) for f in actions.UNIT_FIELDS}
    form = UnitForm(request.POST or None, user=request.user, unit=unit, initial=initial)
    ok, changed = apply_form(request, form, lambda d: actions.update_unit(request.user, unit, d))
    if ok:
        messages.success(
            request, gettext("Đã lưu thay đổi.") if changed else gettext("Không có gì thay đổi.")
        )
        return redirect("org:unit_detail", unit_id=unit.pk)
    return form_page(
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
    unit = writable_unit(request, unit_id)
    form = CloseUnitForm(request.POST or None, initial={"last_day": actions.today()})
    ok, _ = apply_form(
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
    return form_page(
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
    unit = writable_unit(request, unit_id)
    form = MergeUnitForm(request.POST or None, user=request.user, unit=unit, initial={"on": actions.today()})
    ok, _ = apply_form(
        request,
        form,
        lambda d: actions.merge_units(
            request.user,
            [unit, *d["others"]],
            d["target"],
            on=d["on"],
            move_officials=d["move_officials"],
            note=d["note"],
        ),
    )
    if ok:
        target = form.cleaned_data["target"]
        messages.success(
            request,
            gettext("Đã sáp nhập %(unit)s vào %(target)s.") % {"unit": unit.name, "target": target.name},
        )
        return redirect("org:unit_detail", unit_id=target.pk)
    return form_page(
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
    unit = writable_unit(request, unit_id)
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
    unit = writable_unit(request, unit_id)
    initial: dict[str, Any] = {"valid_from": actions.today()}
    if request.GET.get("loai") in HeadKind.values:
        initial["kind"] = request.GET["loai"]
    form = SetHeadForm(request.POST or None, user=request.user, unit=unit, initial=initial)
    ok, _ = apply_form(
        request,
        form,
        lambda d: actions.set_head(
            request.user, unit, d["official"], kind=d["kind"], valid_from=d["valid_from"], note=d["note"]
        ),
    )
    if ok:
        messages.success(
            request,
            gettext("Đã giao %(official)s phụ trách %(unit)s.")
            % {"official": form.cleaned_data["official"].full_name, "unit": unit.name},
        )
        return redirect("org:unit_detail", unit_id=unit.pk)
    return form_page(
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
    unit = writable_unit(request, unit_id)
    row = get_object_or_404(heads_for(request.user).select_related("official", "unit"), pk=head_id, unit=unit)
    form = EndHeadForm(request.POST or None, initial={"last_day": actions.today()})
    ok, _ = apply_form(
        request,
        form,
        lambda d: actions.end_headship(request.user, row, last_day=d["last_day"], note=d["note"]),
    )
    if ok:
        messages.success(request, gettext("Đã ghi nhận kết thúc."))
        return redirect("org:unit_detail", unit_id=unit.pk)
    return form_page(
        request,
        form,
        title=gettext("Kết thúc %(kind)s:") % {"kind": gettext(row.get_kind_display()).lower()},
        record=f"{row.official.full_name} — {unit.name}",
        submit=gettext("Kết thúc"),
        back=reverse("org:unit_detail", args=[unit.pk]),
    )
