"""Screens of the register of directives. Thin: reads through ``queries``, writes through the actions.

Every object is looked up in the reader's scope first (``directives_for``), so an out-of-scope id is a
404 whatever the page; a page that changes something then checks the write scope and answers 403.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from cchc.core import plausible
from cchc.core.params import id_param
from cchc.directives import actions, actions_register
from cchc.directives.exports import xlsx_response
from cchc.directives.forms import DirectiveForm, FileForm, LinkForm, NewTaskForm
from cchc.directives.models import Direction, Directive, DirectiveLink, DocType, Task
from cchc.directives.proposal import assignable_units, group_members
from cchc.directives.queries import (
    STATE_BADGES,
    STATE_LABELS,
    can_keep_register,
    directives_for,
    tally_by,
    tasks_for,
    with_state,
)
from cchc.org.models import Unit, UnitKind
from cchc.org.queries import user_jurisdiction, user_unit


def form_errors_to(form: Any, exc: ValidationError) -> None:
    """Put an action's ValidationError on the form: per field when it names one, else on the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def readable_directive(request: HttpRequest, directive_id: int) -> Directive:
    return get_object_or_404(directives_for(request.user).select_related("jurisdiction"), pk=directive_id)


def writable_directive(request: HttpRequest, directive_id: int) -> Directive:
    directive = readable_directive(request, directive_id)
    if not directives_for(request.user, write=True).filter(pk=directive.pk).exists():
        raise PermissionDenied(gettext("Chỉ Văn phòng HĐND và UBND được cập nhật sổ văn bản chỉ đạo."))
    return directive


def register_area(request: HttpRequest) -> Any:
    if not can_keep_register(request.user):
        raise PermissionDenied(gettext("Chỉ Văn phòng HĐND và UBND được cập nhật sổ văn bản chỉ đạo."))
    area = user_jurisdiction(request.user)
    if area is None:
        raise PermissionDenied(gettext("Tài khoản chưa gắn với địa bàn nào."))
    return area


def assigner_choices(directive_area: Any) -> QuerySet[Unit]:
    return (
        Unit.objects.current()
        .filter(jurisdiction__path__startswith=directive_area.path)
        .filter(kind__in=[UnitKind.AGENCY, UnitKind.PEOPLES_COMMITTEE, UnitKind.WARD_COMMITTEE])
        .order_by("path")
    )


def default_assigner(request: HttpRequest, choices: QuerySet[Unit]) -> Unit | None:
    unit = user_unit(request.user)
    if unit is not None and choices.filter(pk=unit.pk).exists():
        return unit
    return choices.filter(abbreviation="VP").first() or choices.first()


# --- the register ---------------------------------------------------------------------------------


def _directive_filters(request: HttpRequest) -> dict[str, Any]:
    year = request.GET.get("nam", "").strip()
    return {
        "q": request.GET.get("q", "").strip(),
        "huong": request.GET.get("huong", "") if request.GET.get("huong") in Direction.values else "",
        "loai": request.GET.get("loai", "") if request.GET.get("loai") in DocType.values else "",
        "nam": year if id_param(year) and len(year) == 4 else "",
    }


def _filtered_directives(request: HttpRequest, f: dict[str, Any]) -> QuerySet[Directive]:
    qs = directives_for(request.user)
    if f["q"]:
        q = f["q"]
        number = q.split("/", 1)
        cond = Q(subject__icontains=q) | Q(issuer__icontains=q) | Q(symbol__icontains=q) | Q(number=q)
        if len(number) == 2:
            cond |= Q(number=number[0].strip(), symbol__icontains=number[1].strip())
        qs = qs.filter(cond)
    if f["huong"]:
        qs = qs.filter(direction=f["huong"])
    if f["loai"]:
        qs = qs.filter(doc_type=f["loai"])
    if f["nam"]:
        qs = qs.filter(date__year=int(f["nam"]))
    return qs.order_by("-date", "-id")


@login_required
def directive_list(request: HttpRequest) -> HttpResponse:
    f = _directive_filters(request)
    qs = _filtered_directives(request, f)
    today = actions.today()
    tallies = tally_by(tasks_for(request.user).filter(directive__in=qs), "directive", today)
    if request.GET.get("xuat") == "xlsx":
        rows = [
            [
                d.get_direction_display(),
                d.get_doc_type_display(),
                d.reference,
                d.date,
                d.issuer,
                d.subject,
                d.signer_line,
                tallies[d.pk].total if d.pk in tallies else 0,
                tallies[d.pk].done if d.pk in tallies else 0,
                tallies[d.pk].overdue if d.pk in tallies else 0,
            ]
            for d in qs[:10000]
        ]
        return xlsx_response(
            f"so-van-ban-chi-dao-{today:%Y%m%d}.xlsx",
            "Sổ văn bản chỉ đạo",
            [
                "Văn bản đến/đi",
                "Loại",
                "Số, ký hiệu",
                "Ngày ban hành",
                "Cơ quan ban hành",
                "Trích yếu",
                "Người ký",
                "Số nhiệm vụ",
                "Đã hoàn thành",
                "Quá hạn",
            ],
            rows,
        )
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    query = urlencode({k: v for k, v in f.items() if v})
    return render(
        request,
        "directives/directive_list.html",
        {
            "page": page,
            "rows": [(d, tallies.get(d.pk)) for d in page],
            "filters": f,
            "query": query,
            "directions": Direction.choices,
            "doc_types": DocType.choices,
            "can_write": can_keep_register(request.user),
        },
    )


@login_required
def directive_create(request: HttpRequest) -> HttpResponse:
    area = register_area(request)
    form = DirectiveForm(request.POST or None, initial={"direction": Direction.RECEIVED})
    file_form = FileForm(request.POST or None, request.FILES or None)
    file_form.fields["file"].required = False
    if request.method == "POST" and form.is_valid() and file_form.is_valid():
        try:
            directive = actions_register.register_directive(request.user, area, form.directive_data())
            upload = file_form.cleaned_data.get("file")
            if upload:
                _, warning = actions_register.add_file(request.user, directive, upload)
                if warning:
                    messages.warning(request, warning)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, gettext("Đã vào sổ %(directive)s.") % {"directive": directive})
            return redirect("directives:directive_detail", directive.pk)
    return render(
        request,
        "directives/directive_form.html",
        {
            "form": form,
            "file_form": file_form,
            "title": gettext("Vào sổ văn bản chỉ đạo"),
            "submit": gettext("Vào sổ"),
        },
    )


@login_required
def directive_edit(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = writable_directive(request, directive_id)
    form = DirectiveForm(request.POST or None, initial=DirectiveForm.initial_from(directive))
    if request.method == "POST" and form.is_valid():
        try:
            actions_register.update_directive(request.user, directive, form.directive_data())
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, gettext("Đã lưu thông tin văn bản."))
            return redirect("directives:directive_detail", directive.pk)
    return render(
        request,
        "directives/directive_form.html",
        {
            "form": form,
            "title": gettext("Sửa thông tin văn bản"),
            "submit": gettext("Lưu"),
            "directive": directive,
        },
    )


@login_required
def directive_detail(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = readable_directive(request, directive_id)
    today = actions.today()
    visible = tasks_for(request.user).filter(directive=directive)
    tasks = list(
        with_state(visible, today)
        .filter(parent__isnull=True)
        .select_related("lead_unit", "deadline")
        .prefetch_related("coordinating_units")
        .order_by("section", "id")
    )
    occurrences = tally_by(visible.filter(parent__isnull=False), "parent", today)
    tally = tally_by(visible, "directive", today).get(directive.pk)
    readable = set(directives_for(request.user).values_list("pk", flat=True))
    links = list(directive.links.select_related("target"))
    cited_by = list(
        DirectiveLink.objects.filter(target=directive, source_id__in=readable).select_related("source")
    )
    writable = directives_for(request.user, write=True).filter(pk=directive.pk).exists()
    return render(
        request,
        "directives/directive_detail.html",
        {
            "directive": directive,
            "groups": _grouped(tasks, occurrences),
            "task_count": len(tasks),
            "tally": tally,
            "links": links,
            "readable": readable,
            "cited_by": cited_by,
            "files": list(directive.files.all()),
            "can_write": writable,
            "file_form": FileForm(),
            "link_form": LinkForm(),
            "labels": STATE_LABELS,
            "badges": STATE_BADGES,
            "today": today,
        },
    )


def _grouped(tasks: list[Task], occurrences: dict[Any, Any]) -> list[dict[str, Any]]:
    """One row per assignment of the document (same section and text), however many units it was
    fanned out to, with its tasks' statuses counted."""
    groups: dict[tuple[str, str], list[Task]] = {}
    for t in tasks:
        groups.setdefault((t.section, t.text), []).append(t)
    rows = []
    for (section, text), members in groups.items():
        counts = Counter(getattr(t, "state", "") for t in members if not t.is_series)
        rows.append(
            {
                "section": section,
                "text": text,
                "tasks": [(t, occurrences.get(t.pk)) for t in members],
                "counts": [
                    (s, counts[s], STATE_LABELS[s], STATE_BADGES[s]) for s in STATE_LABELS if counts[s]
                ],
                "recurrence": members[0].get_recurrence_display() if members[0].recurrence else "",
            }
        )
    return rows


@login_required
def file_add(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = writable_directive(request, directive_id)
    if request.method != "POST":
        return redirect("directives:directive_detail", directive.pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            _, warning = actions_register.add_file(request.user, directive, form.cleaned_data["file"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, gettext("Đã thêm tệp."))
            if warning:
                messages.warning(request, warning)
    else:
        messages.error(request, gettext("Chưa chọn tệp."))
    return redirect("directives:directive_detail", directive.pk)


@login_required
def file_download(request: HttpRequest, directive_id: int, file_id: int) -> HttpResponseBase:
    directive = readable_directive(request, directive_id)
    row = get_object_or_404(directive.files, pk=file_id)
    content_type = mimetypes.guess_type(row.name)[0] or "application/octet-stream"
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name, content_type=content_type)


@login_required
def file_remove(request: HttpRequest, directive_id: int, file_id: int) -> HttpResponse:
    directive = writable_directive(request, directive_id)
    row = get_object_or_404(directive.files, pk=file_id)
    if request.method == "POST":
        actions_register.remove_file(request.user, row)
        messages.success(request, gettext("Đã gỡ tệp %(name)s.") % {"name": row.name})
    return redirect("directives:directive_detail", directive.pk)


@login_required
def link_add(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = writable_directive(request, directive_id)
    if request.method != "POST":
        return redirect("directives:directive_detail", directive.pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            link = actions_register.add_link(request.user, directive, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            added = (
                gettext("Đã thêm liên kết tới %(reference)s (đã có trong sổ).")
                if link.target_id
                else gettext("Đã thêm liên kết tới %(reference)s.")
            )
            messages.success(request, added % {"reference": link.reference})
    else:
        messages.error(
            request,
            gettext("Liên kết chưa hợp lệ: %(errors)s")
            % {"errors": "; ".join(str(e) for errs in form.errors.values() for e in errs)},
        )
    return redirect("directives:directive_detail", directive.pk)


@login_required
def link_remove(request: HttpRequest, directive_id: int, link_id: int) -> HttpResponse:
    directive = writable_directive(request, directive_id)
    link = get_object_or_404(directive.links, pk=link_id)
    if request.method == "POST":
        actions_register.remove_link(request.user, link)
        messages.success(request, gettext("Đã gỡ liên kết %(reference)s.") % {"reference": link.reference})
    return redirect("directives:directive_detail", directive.pk)


@login_required
def task_create(request: HttpRequest, directive_id: int) -> HttpResponse:
    """Add a task by hand (a directive registered without reading, or one the reader missed)."""
    directive = writable_directive(request, directive_id)
    units = assignable_units(directive.jurisdiction)
    assigners = assigner_choices(directive.jurisdiction)
    form = NewTaskForm(
        request.POST or None,
        units=units,
        assigners=assigners,
        initial={"assigner_unit": default_assigner(request, assigners)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        leads = list(data["lead_units"])
        for key in data["lead_groups"]:
            leads.extend(u for u in group_members(key, directive.jurisdiction) if u not in leads)
        recurrence = data["recurrence"] or ""
        try:
            made: list[Task] = []
            for lead in leads:
                made.append(
                    actions.create_task(
                        request.user,
                        directive,
                        text=data["text"],
                        section=data["section"],
                        lead_unit=lead,
                        coordinating=[u for u in data["coord_units"] if u != lead],
                        assigner_unit=data["assigner_unit"],
                        due=None if recurrence else data["due"],
                        repeat_until=data["due"] if recurrence else None,
                        recurrence=recurrence,
                    )
                )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, gettext("Đã giao %(count)s nhiệm vụ.") % {"count": len(made)})
            return redirect("directives:directive_detail", directive.pk)
    return render(
        request,
        "directives/task_form.html",
        {"form": form, "directive": directive, "title": gettext("Giao nhiệm vụ")},
    )


def back_to(request: HttpRequest, fallback: str) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    return nxt if nxt.startswith("/") and not nxt.startswith("//") else fallback


def directive_url(directive: Directive) -> str:
    return reverse("directives:directive_detail", args=[directive.pk])


def parse_day(text: str) -> dt.date | None:
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return None if plausible.problem(day, deadline=True) else day  # year 1 is no filter
    return None
