"""Reading a document: upload → the reader's proposal as an editable form → confirm.

Nothing becomes a directive or a task until the Office presses "Xác nhận" on the review page.
Group addressees ("Thủ trưởng các cơ quan chuyên môn và Chủ tịch UBND các phường, xã") are proposed
as whole groups; confirming gives one task to each unit of the group (one lead per task, ND 39/2022).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy

from cchc.directives import actions_register
from cchc.directives.actions_register import TaskRow
from cchc.directives.forms import LinkRowFormSet, ReviewForm, TaskRowFormSet, UploadForm
from cchc.directives.models import DirectiveUpload, Recurrence
from cchc.directives.proposal import (
    GROUPS,
    assignable_units,
    group_members,
    link_initial,
    metadata_initial,
    task_initial,
)
from cchc.directives.queries import uploads_in
from cchc.directives.views import assigner_choices, default_assigner, form_errors_to, register_area
from cchc.lib.docreader.review import UNSURE_BELOW
from cchc.org.models import Unit, UnitKind

# Header fields as the review form names them, with the label shown in the "check first" list.
_FIELD_LABELS = (
    ("issuer", "issuer", gettext_lazy("Cơ quan ban hành")),
    ("number", "number", gettext_lazy("Số")),
    ("symbol", "symbol", gettext_lazy("Ký hiệu")),
    ("date", "date", gettext_lazy("Ngày ban hành")),
    ("place", "place", gettext_lazy("Địa danh")),
    ("doc_type", "doc_type", gettext_lazy("Loại văn bản")),
    ("subject", "subject", gettext_lazy("Trích yếu")),
    ("signer.name", "signer_name", gettext_lazy("Người ký")),
    ("signer.position", "signer_position", gettext_lazy("Chức vụ người ký")),
)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    area = register_area(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            staged = actions_register.stage_upload(
                request.user, area, form.cleaned_data["file"], list(assignable_units(area))
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            return redirect("directives:reader_review", staged.pk)
    pending = uploads_in(area).filter(directive__isnull=True).order_by("-created_at")[:20]
    context = {"form": form, "pending": pending}
    # A file the reader refuses (a bomb, a NUL, no text) is bad input: 400, with the form saying why.
    return render(request, "directives/reader_upload.html", context, status=400 if form.errors else 200)


def _forms(request: HttpRequest, staged: DirectiveUpload, data: Any = None) -> dict[str, Any]:
    area = staged.jurisdiction
    units_qs = assignable_units(area)
    units = list(units_qs)
    assigners = assigner_choices(area)
    committees = list(
        Unit.objects.filter(jurisdiction=area, kind=UnitKind.PEOPLES_COMMITTEE).values_list("name", flat=True)
    )
    meta = metadata_initial(staged.proposal, committees)
    meta["assigner_unit"] = default_assigner(request, assigners)
    review = ReviewForm(data, initial=meta, assigners=assigners)
    links = LinkRowFormSet(data, initial=link_initial(staged.proposal), prefix="links")
    rows = TaskRowFormSet(
        data,
        initial=task_initial(staged.proposal, units),
        prefix="rows",
        form_kwargs={"units": units_qs, "group_sizes": _group_sizes(staged)},
    )
    return {"review": review, "links": links, "rows": rows}


def _group_sizes(staged: DirectiveUpload) -> dict[str, int]:
    return {g.key: len(group_members(g.key, staged.jurisdiction)) for g in GROUPS}


def _task_rows(rows: Any, review: ReviewForm, staged: DirectiveUpload) -> list[TaskRow]:
    area = staged.jurisdiction
    members = {g.key: group_members(g.key, area) for g in GROUPS}
    default_due = review.cleaned_data.get("default_due")
    out = []
    for number, form in enumerate(rows.forms, start=1):
        data = form.cleaned_data
        if data.get("remove") or form.is_blank():
            continue
        leads: list[Unit] = list(data.get("lead_units") or [])
        for key in data.get("lead_groups") or []:
            leads.extend(u for u in members[key] if u not in leads)
        coordinating: list[Unit] = list(data.get("coord_units") or [])
        for key in data.get("coord_groups") or []:
            coordinating.extend(u for u in members[key] if u not in coordinating)
        recurrence = data.get("recurrence") or ""
        due = data.get("due") or (default_due if recurrence == Recurrence.NONE else None)
        out.append(
            TaskRow(
                number=number,
                text=data.get("text") or "",
                lead_units=leads,
                section=data.get("section") or "",
                coordinating=coordinating,
                due=due,
                recurrence=recurrence,
                deadline_text=data.get("deadline_text") or "",
            )
        )
    return out


def uncertain_parts(proposal: dict[str, Any]) -> dict[str, Any]:
    """What the reader is least sure of, for the panel the review page opens on: header fields and
    task rows below the confidence threshold (least sure first), and text that reads like an
    assignment but was not turned into a task."""
    confidence = proposal.get("confidence") or {}
    fields = [
        {"name": name, "label": label}
        for key, name, label in _FIELD_LABELS
        if key in confidence and float(confidence[key]) < UNSURE_BELOW
    ]
    rows = sorted(
        (
            {
                "number": number,
                "text": (t.get("text") or "")[:160],
                "confidence": round(100 * float(t.get("confidence") or 0)),
                "no_lead": not (t.get("lead") or t.get("assignees")),
            }
            for number, t in enumerate(proposal.get("tasks") or [], start=1)
            if "confidence" in t and float(t["confidence"]) < UNSURE_BELOW
        ),
        key=lambda r: r["confidence"],
    )
    unconverted = proposal.get("unconverted") or []
    return {
        "fields": fields,
        "rows": rows,
        "unconverted": unconverted,
        "any": bool(fields or rows or unconverted),
    }


def _row_confidence(proposal: dict[str, Any]) -> list[int | None]:
    out: list[int | None] = []
    for t in proposal.get("tasks") or []:
        out.append(round(100 * float(t["confidence"])) if "confidence" in t else None)
    return out


@login_required
def review(request: HttpRequest, upload_id: int) -> HttpResponse:
    area = register_area(request)
    staged = get_object_or_404(uploads_in(area), pk=upload_id)
    if staged.directive_id is not None:
        messages.info(request, gettext("Văn bản này đã được xác nhận vào sổ."))
        return redirect("directives:directive_detail", staged.directive_id)
    action = request.POST.get("action", "")
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        if action == "add_row":
            total = int(data.get("rows-TOTAL_FORMS") or 0)
            data["rows-TOTAL_FORMS"] = str(total + 1)
    ctx = _forms(request, staged, data)
    errors: list[str] = []
    if request.method == "POST" and action == "confirm":
        valid = ctx["review"].is_valid() & ctx["links"].is_valid() & ctx["rows"].is_valid()
        if not valid:
            errors.append(gettext("Chưa xác nhận được: hãy sửa các mục được đánh dấu đỏ bên dưới."))
            for number, form in enumerate(ctx["rows"].forms, start=1):
                for field, field_errors in form.errors.items():
                    label = form.fields[field].label if field in form.fields else ""
                    errors.extend(
                        gettext("Dòng %(number)s, %(label)s: %(error)s")
                        % {"number": number, "label": label, "error": e}
                        for e in field_errors
                    )
        else:
            rows = _task_rows(ctx["rows"], ctx["review"], staged)
            links = [
                {k: v for k, v in f.cleaned_data.items() if k != "remove"}
                for f in ctx["links"].forms
                if not f.cleaned_data.get("remove") and (f.cleaned_data.get("reference") or "").strip()
            ]
            try:
                directive = actions_register.confirm_upload(
                    request.user,
                    staged,
                    ctx["review"].directive_data(),
                    links=links,
                    rows=rows,
                    assigner_unit=ctx["review"].cleaned_data["assigner_unit"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    form_errors_to(ctx["review"], exc)
                    errors.append(gettext("Chưa xác nhận được: hãy sửa các mục được đánh dấu đỏ bên dưới."))
                else:
                    errors.extend(exc.messages)
            else:
                given = directive.tasks.filter(parent__isnull=True).count()
                messages.success(
                    request,
                    gettext("Đã vào sổ %(directive)s và giao %(given)s nhiệm vụ.")
                    % {"directive": directive, "given": given},
                )
                return redirect("directives:directive_detail", directive.pk)
    proposal = staged.proposal
    uncertain = uncertain_parts(proposal)
    unconverted_texts = {u.get("text") for u in uncertain["unconverted"]}
    confidences = _row_confidence(proposal)
    return render(
        request,
        "directives/reader_review.html",
        {
            **ctx,
            "staged": staged,
            "errors": errors,
            # Unconverted paragraphs are listed in the "check first" panel, not twice.
            "warnings": [
                w for w in proposal.get("warnings") or [] if not any(t and t in w for t in unconverted_texts)
            ],
            "uncertain": uncertain,
            "unsure_rows": {
                n for n, c in enumerate(confidences, start=1) if c is not None and c < 100 * UNSURE_BELOW
            },
            "group_sizes": _group_sizes(staged),
            "group_labels": {g.key: g.label for g in GROUPS},
            "proposed_count": len(proposal.get("tasks") or []),
        },
    )
