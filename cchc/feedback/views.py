"""Staff screens of citizen voice (/phan-anh/): the scoped list, staff entry (hotline, walk-in,
letters), the petition page and its actions. Thin: reads in ``queries``, writes in ``actions``.
Every petition comes through ``petitions_for``; out-of-scope petitions answer 404."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST

from cchc.accounts.models import User
from cchc.feedback import actions, clocks, documents
from cchc.feedback import forms as f
from cchc.feedback.actions.intake import Intake, receive
from cchc.feedback.attachments import check_uploads
from cchc.feedback.models import (
    OPEN_STATUSES,
    OUT_OF_SCOPE_KINDS,
    AnswerStatus,
    ClockKind,
    Kind,
    Petition,
    Status,
)
from cchc.feedback.publication import suggest
from cchc.feedback.queries import (
    assignable_officials,
    entry_area,
    may_approve,
    may_enter,
    may_see_contact,
    may_write,
    overdue_petitions,
    petitions_for,
    timeline,
    transfer_targets,
)
from cchc.feedback.routing import wards_of
from cchc.org.models import Unit
from cchc.org.queries import user_jurisdiction

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _scoped(user: User, code: str) -> Petition:
    qs = petitions_for(user).select_related(
        "category", "ward", "unit", "official", "jurisdiction", "duplicate_of"
    )
    return get_object_or_404(qs, code=code)


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    qs = petitions_for(user)
    units = Unit.objects.filter(pk__in=qs.values("unit_id")).order_by("path")
    form = f.FilterForm(request.GET or None, units=units)
    today = timezone.localdate()
    if form.is_valid():
        data = form.cleaned_data
        text = data["q"].strip()
        if text:
            query = Q(code__iexact=text) | Q(title__icontains=text) | Q(text__icontains=text)
            if petitions_for(user, write=True).exists():
                query |= Q(
                    citizen_phone=text.replace(" ", ""), pk__in=petitions_for(user, write=True).values("pk")
                )
            qs = qs.filter(query)
        for name in ("status", "kind", "channel"):
            if data[name]:
                qs = qs.filter(**{name: data[name]})
        if data["unit"]:
            qs = qs.filter(unit=data["unit"])
        if data["overdue"]:
            qs = overdue_petitions(qs, today)
    qs = qs.select_related("category", "ward", "unit").order_by("-received_at", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = [{"p": p, "overdue": p.is_open and p.due_on is not None and p.due_on < today} for p in page]
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "feedback/list.html",
        {"form": form, "page": page, "rows": rows, "may_enter": may_enter(user), "query": params.urlencode()},
    )


@login_required
def petition_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not may_enter(user):
        raise PermissionDenied(gettext("Vai trò của bạn không nhập phản ánh."))
    area = entry_area(user)
    wards = wards_of(area)
    own = user_jurisdiction(user)
    initial: dict[str, Any] = {"received_at": timezone.localtime().replace(second=0, microsecond=0)}
    if own is not None and wards.filter(pk=own.pk).exists():
        initial["ward"] = own
    if request.method == "POST":
        form = f.StaffEntryForm(request.POST, request.FILES, jurisdiction=area, wards=wards)
        if form.is_valid():
            data = form.cleaned_data
            try:
                files = check_uploads(data["attachments"])
                petition = receive(
                    user,
                    Intake(
                        jurisdiction=area,
                        kind=data["kind"],
                        channel=data["channel"],
                        category=data["category"],
                        ward=data["ward"],
                        location=data["location"],
                        dossier_code=data["dossier_code"],
                        title=data["title"],
                        text=data["text"],
                        citizen_name=data["citizen_name"],
                        citizen_phone=data["citizen_phone"],
                        citizen_email=data["citizen_email"],
                        citizen_address=data["citizen_address"],
                        citizen_id_number=data["citizen_id_number"],
                        reply_via=data["reply_via"],
                        consent_publish=data["consent_publish"],
                        received_at=data["received_at"],
                        submitted_by=user,
                        files=files,
                        require_contact=False,
                    ),
                )
            except ValidationError as exc:
                form.add_errors(
                    exc.message_dict if hasattr(exc, "error_dict") else {"attachments": exc.messages}
                )
            else:
                messages.success(
                    request,
                    gettext("Đã tiếp nhận, mã theo dõi %(code)s — chuyển %(unit)s.")
                    % {"code": petition.code, "unit": petition.unit.name},
                )
                return redirect("feedback:detail", code=petition.code)
    else:
        form = f.StaffEntryForm(initial=initial, jurisdiction=area, wards=wards)
    return render(request, "feedback/new.html", {"form": form})


@login_required
def attachment(request: HttpRequest, code: str, pk: int) -> FileResponse:
    p = _scoped(_user(request), code)
    att = get_object_or_404(p.attachments, pk=pk)
    try:
        handle = att.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    ext = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}.get(
        att.content_type, "bin"
    )
    response = FileResponse(
        handle, content_type=att.content_type, as_attachment=False, filename=f"{p.code}-{att.pk}.{ext}"
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


@login_required
def document(request: HttpRequest, code: str, pk: int, fmt: str) -> HttpResponse:
    """An ND 59 document issued for the petition, as DOCX or PDF, rebuilt from its issue event. Whoever
    may read the petition may read it; the requester's contact details only for those who may see
    them on the petition page (``may_see_contact``), masked for the others."""
    from cchc.core.official_documents import render_docx, render_pdf

    user = _user(request)
    p = _scoped(user, code)
    event = get_object_or_404(documents.issued(p), pk=pk)
    doc = documents.build(p, event, personal=may_see_contact(user, p))
    if fmt == "pdf":
        content, content_type = render_pdf(doc), "application/pdf"
    else:
        content = render_docx(doc)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{documents.file_stem(p, event)}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the petition page and its actions ----------------------------------------------------------------


@dataclass(frozen=True)
class Act:
    label: str
    form: Callable[..., forms.Form] | None
    run: Callable[[User, Petition, dict[str, Any]], Any]
    approver: bool = False
    done: str = gettext_noop("Đã cập nhật.")


def _approve(user: User, p: Petition, d: dict[str, Any]) -> Any:
    answer = actions.pending_answer(p)
    if answer is None:
        raise ValidationError(gettext("Không có dự thảo chờ duyệt."))
    return actions.approve_answer(
        user,
        answer,
        publish_now=bool(d.get("publish_now")),
        public_title=d["public_title"],
        public_text=d["public_text"],
        public_answer=d["public_answer"],
    )


def _return(user: User, p: Petition, d: dict[str, Any]) -> Any:
    answer = actions.pending_answer(p)
    if answer is None:
        raise ValidationError(gettext("Không có dự thảo chờ duyệt."))
    return actions.return_answer(user, answer, note=d.get("note") or "")


def _duplicate(user: User, p: Petition, d: dict[str, Any]) -> Any:
    original = petitions_for(user).filter(code=d["original"].strip().upper()).first()
    if original is None:
        raise ValidationError(
            {"original": gettext("Không tìm thấy phản ánh có mã này trong phạm vi của bạn.")}
        )
    return actions.link_duplicate(user, p, original)


ACTIONS: dict[str, Act] = {
    "tiep-nhan": Act(
        gettext_noop("Tiếp nhận xử lý"),
        None,
        lambda u, p, d: actions.accept(u, p),
        done=gettext_noop("Đã tiếp nhận."),
    ),
    "tu-choi": Act(
        gettext_noop("Không tiếp nhận"),
        f.ReasonForm,
        lambda u, p, d: actions.reject(u, p, reason=d["reason"]),
        done=gettext_noop("Đã thông báo không tiếp nhận."),
    ),
    "bo-sung": Act(
        gettext_noop("Đề nghị bổ sung"),
        f.WhatForm,
        lambda u, p, d: actions.request_info(u, p, what=d["what"]),
        done=gettext_noop("Đã gửi đề nghị bổ sung thông tin."),
    ),
    "da-bo-sung": Act(
        gettext_noop("Ghi nhận bổ sung"),
        f.InfoReceivedForm,
        lambda u, p, d: actions.info_received(u, p, text=d["text"]),
    ),
    "chuyen": Act(
        gettext_noop("Chuyển đơn vị"),
        f.TransferForm,
        lambda u, p, d: actions.transfer(u, p, d["unit"], reason=d["reason"]),
        done=gettext_noop("Đã chuyển đơn vị xử lý."),
    ),
    "giao": Act(
        gettext_noop("Giao cán bộ"), f.AssignForm, lambda u, p, d: actions.assign(u, p, d["official"])
    ),
    "phan-loai": Act(
        gettext_noop("Phân loại lại"), f.ReclassifyForm, lambda u, p, d: actions.reclassify(u, p, d["kind"])
    ),
    "huong-dan": Act(
        gettext_noop("Khiếu nại, tố cáo: hướng dẫn"),
        f.RedirectForm,
        lambda u, p, d: actions.redirect(
            u, p, kind=d["kind"], explanation=d["explanation"], address=d["address"]
        ),
        done=gettext_noop("Đã gửi hướng dẫn và kết thúc."),
    ),
    "du-thao": Act(
        gettext_noop("Dự thảo trả lời"),
        f.DraftForm,
        lambda u, p, d: actions.draft_answer(
            u, p, text=d["text"], legal_basis=d["legal_basis"], meeting_results=d.get("meeting_results", "")
        ),
        done=gettext_noop("Đã trình lãnh đạo duyệt dự thảo."),
    ),
    "duyet": Act(
        gettext_noop("Duyệt và gửi"),
        f.ApproveForm,
        _approve,
        approver=True,
        done=gettext_noop("Đã duyệt và gửi trả lời."),
    ),
    "tra-lai": Act(
        gettext_noop("Trả lại dự thảo"),
        f.NoteForm,
        _return,
        approver=True,
        done=gettext_noop("Đã trả lại dự thảo."),
    ),
    "cong-khai": Act(
        gettext_noop("Công khai"),
        f.PublicTextsForm,
        lambda u, p, d: actions.publish(
            u,
            p,
            public_title=d["public_title"],
            public_text=d["public_text"],
            public_answer=d["public_answer"],
        ),
        done=gettext_noop("Đã công khai."),
    ),
    "go-cong-khai": Act(
        gettext_noop("Gỡ khỏi trang công khai"),
        f.ReasonForm,
        lambda u, p, d: actions.withdraw_publication(u, p, reason=d["reason"]),
        approver=True,
        done=gettext_noop("Đã gỡ khỏi trang công khai."),
    ),
    "tam-dinh-chi": Act(
        gettext_noop("Tạm đình chỉ"), f.ReasonForm, lambda u, p, d: actions.suspend(u, p, reason=d["reason"])
    ),
    "tiep-tuc": Act(gettext_noop("Tiếp tục giải trình"), None, lambda u, p, d: actions.resume(u, p)),
    "gia-han": Act(
        gettext_noop("Đề nghị gia hạn"),
        f.ExtensionForm,
        lambda u, p, d: actions.request_extension(u, p, days=d["days"], reason=d["reason"]),
        done=gettext_noop("Đã gửi đề nghị gia hạn."),
    ),
    "quyet-dinh-gia-han": Act(
        gettext_noop("Quyết định gia hạn"),
        f.DecideForm,
        lambda u, p, d: actions.decide_extension(u, p, approve=d["approve"], note=d["note"]),
        approver=True,
    ),
    "trung": Act(gettext_noop("Gắn là trùng"), f.DuplicateForm, _duplicate),
    "bo-trung": Act(gettext_noop("Bỏ gắn trùng"), None, lambda u, p, d: actions.unlink_duplicate(u, p)),
}


def _form_kwargs(name: str, p: Petition) -> dict[str, Any]:
    if name == "chuyen":
        return {"units": transfer_targets(p)}
    if name == "giao":
        return {"officials": assignable_officials(p)}
    if name == "du-thao":
        return {"accountability": p.kind == Kind.ACCOUNTABILITY}
    return {}


def available(p: Petition, user: User) -> list[str]:
    """The actions that make sense now (the actions themselves enforce the rules again)."""
    if not may_write(user, p):
        return []
    s, kind = p.status, p.kind
    out: list[str] = []
    accountability = kind == Kind.ACCOUNTABILITY
    if s in OPEN_STATUSES:
        out.append("giao")
    if s == Status.RECEIVED and kind not in OUT_OF_SCOPE_KINDS:
        out += ["tiep-nhan", "tu-choi", "phan-loai"]
    if s == Status.AWAITING_INFO:
        out += ["da-bo-sung", "tu-choi"]
    if s in (Status.RECEIVED, Status.PROCESSING) and kind not in OUT_OF_SCOPE_KINDS:
        out.append("bo-sung")
        if not (accountability and s == Status.RECEIVED):
            out.append("du-thao")
    if s in (Status.RECEIVED, Status.AWAITING_INFO, Status.PROCESSING):
        out += ["chuyen", "huong-dan"]
    if accountability and s == Status.PROCESSING:
        out.append("tam-dinh-chi")
    if accountability and s == Status.SUSPENDED:
        out.append("tiep-tuc")
    if accountability and s in (Status.PROCESSING, Status.SUSPENDED):
        clock = clocks.current(p, ClockKind.ANSWER)
        pending = (
            clock is not None
            and clock.deadline is not None
            and clock.deadline.extensions.filter(status="pending").exists()
        )
        out.append("quyet-dinh-gia-han" if pending and may_approve(user, p) else "gia-han")
    if s == Status.AWAITING_APPROVAL and may_approve(user, p):
        out += ["duyet", "tra-lai"]
    if s in (Status.ANSWERED, Status.CLOSED) and p.consent_publish and not p.is_public:
        out.append("cong-khai")  # first publication, or again after a withdrawal
    if p.is_public and may_approve(user, p):
        out.append("go-cong-khai")
    if s in OPEN_STATUSES:
        out.append("bo-trung" if p.duplicate_of_id else "trung")
    return out


def _initial(name: str, p: Petition) -> dict[str, Any]:
    if name == "cong-khai" and p.withdrawn_at is not None:
        # Publishing again after a withdrawal: start from the texts that were public, to correct them.
        return {
            "public_title": p.public_title,
            "public_text": p.public_text,
            "public_answer": p.public_answer,
        }
    if name in ("duyet", "cong-khai"):
        answer = (
            actions.pending_answer(p)
            if name == "duyet"
            else p.answers.filter(status=AnswerStatus.SENT).last()
        )
        texts = suggest(p, answer.text if answer else "")
        return {
            "public_title": texts.title,
            "public_text": texts.text,
            "public_answer": texts.answer,
            "publish_now": p.consent_publish,
        }
    if name == "huong-dan":
        return {"address": "", "explanation": f.REDIRECT_TEXT[Kind.COMPLAINT]}
    return {}


def _clock_rows(p: Petition) -> list[dict[str, Any]]:
    rows = []
    for c in p.clocks.select_related("deadline").order_by("opened_on", "pk"):
        d = c.deadline
        rows.append(
            {
                "c": c,
                "label": ClockKind(c.kind).label,
                "due": d.due if d else None,
                "original_due": d.original_due if d else None,
                "pauses": list(d.pauses.all()) if d else [],
                "extensions": list(d.extensions.all()) if d else [],
                "overdue": c.closed_on is None
                and d is not None
                and d.due is not None
                and d.due < timezone.localdate(),
            }
        )
    return rows


def _texts_in_vietnamese(form: forms.Form) -> None:
    """What staff write on a petition — reasons, answers, notes, the body to write to — is sent to the
    citizen or kept in the file in Vietnamese, whatever the language of the page: marked ``lang="vi"``."""
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.Textarea) or name == "address":
            field.widget.attrs["lang"] = "vi"


def _render_detail(
    request: HttpRequest, p: Petition, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    user = _user(request)
    names = available(p, user)
    action_forms = []
    for name in names:
        act = ACTIONS[name]
        form = (bound or {}).get(name)
        if form is None and act.form is not None:
            form = act.form(initial=_initial(name, p), auto_id=f"{name}-%s", **_form_kwargs(name, p))
        if form is not None:
            _texts_in_vietnamese(form)
        action_forms.append({"name": name, "label": act.label, "form": form})
    repeats = petitions_for(user).filter(duplicate_of=p).order_by("received_at")
    context = {
        "p": p,
        "contact": may_see_contact(user, p),
        "actions": action_forms,
        "open_action": next(iter(bound)) if bound else "",
        "clock_rows": _clock_rows(p),
        "answers": p.answers.select_related("drafted_by", "decided_by").order_by("drafted_at"),
        "attachments": p.attachments.all(),
        "steps": timeline(p, public=False),
        "repeats": repeats,
        "may_approve": may_approve(user, p),
        "documents": documents.listing(p),
    }
    return render(request, "feedback/detail.html", context, status=status)


@login_required
def petition_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _render_detail(request, _scoped(_user(request), code))


@login_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    user = _user(request)
    p = _scoped(user, code)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("Không có thao tác này.")
    if not may_write(user, p):
        raise PermissionDenied(gettext("Bạn chỉ được xem phản ánh này."))
    if spec.approver and not may_approve(user, p):
        raise PermissionDenied(gettext("Chỉ lãnh đạo đơn vị được duyệt, trả lại hoặc quyết định gia hạn."))
    form = spec.form(request.POST, auto_id=f"{action}-%s", **_form_kwargs(action, p)) if spec.form else None
    if form is not None and not form.is_valid():
        return _render_detail(request, p, {action: form}, status=400)
    try:
        spec.run(user, p, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            cast(f.StyledForm, form).add_errors(exc.message_dict)
            return _render_detail(request, p, {action: form}, status=400)
        messages.error(request, " ".join(exc.messages))
        return redirect("feedback:detail", code=p.code)
    messages.success(request, gettext(spec.done))
    if petitions_for(user).filter(pk=p.pk).exists():
        return redirect("feedback:detail", code=p.code)
    return redirect("feedback:list")  # transferred out of this person's scope
