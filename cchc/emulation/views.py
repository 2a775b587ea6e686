"""Emulation screens: the years (and the secretary's "propose a year"), a round's units and heads as
cards with their proposed and final results, one entry with each criterion's evidence and the
council's change form, the chair's approval, and the approved list as a workbook or a printable page.
Reads go through ``queries`` (no access → 403, out of scope → 404); changes through ``actions``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cchc.directives.exports import XLSX
from cchc.emulation import actions, exports
from cchc.emulation import queries as q
from cchc.emulation.models import Entry, Grade, Kind, Round, Title

BADGES: dict[str, str] = {
    Grade.EXCELLENT: "text-bg-success",
    Grade.GOOD: "text-bg-primary",
    Grade.DONE: "text-bg-secondary",
    Grade.NOT_DONE: "text-bg-danger",
}


def _reader(request: HttpRequest) -> None:
    if not q.may_read(request.user):
        raise PermissionDenied(gettext("Trang này dành cho Hội đồng thi đua, khen thưởng."))


def _reading(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the council: who may not read it is refused first (403, whatever the method), then
    anything but GET is not allowed (405)."""

    @wraps(view)
    def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _reader(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET"])
        return view(request, *args, **kwargs)

    return inner


def _round(request: HttpRequest, pk: int) -> Round:
    _reader(request)
    return get_object_or_404(q.rounds_for(request.user).select_related("jurisdiction", "approved_by"), pk=pk)


def _entry(request: HttpRequest, pk: int, entry_id: int) -> tuple[Round, Entry]:
    rnd = _round(request, pk)
    return rnd, get_object_or_404(q.entries_of(rnd), pk=entry_id)


def _problem(exc: ValidationError) -> str:
    return gettext("Chưa thực hiện được.") + " " + " ".join(exc.messages)


@login_required
@_reading
def index(request: HttpRequest) -> HttpResponse:
    return _index(request)


def _index(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    _reader(request)
    area = q.area_of(request.user)
    this_year = timezone.localdate().year
    rounds = list(q.rounds_for(request.user).select_related("jurisdiction").order_by("-year"))
    taken = {r.year for r in rounds if area is not None and r.jurisdiction_id == area.pk}
    return render(
        request,
        "emulation/index.html",
        {
            "rounds": [(r, q.tally(r)) for r in rounds],
            "may_propose": q.may_propose(request.user, area),
            "years": [y for y in range(this_year, this_year - 5, -1) if y not in taken],
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    _reader(request)
    area = q.area_of(request.user)
    if area is None or not q.may_propose(request.user, area):
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ (thư ký Hội đồng) lập đề xuất."))
    raw = str(request.POST.get("year") or "").strip()
    this_year = timezone.localdate().year
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        return _index_error(
            request, gettext("Năm xét phải là số có bốn chữ số, từ 2000 đến %(year)s.") % {"year": this_year}
        )
    try:
        rnd = actions.propose(request.user, area, year=int(raw))
    except ValidationError as exc:
        return _index_error(request, _problem(exc))
    messages.success(request, gettext("Đã lập đề xuất năm %(year)s từ số liệu.") % {"year": rnd.year})
    return redirect("emulation:round", rnd.pk)


def _index_error(request: HttpRequest, error: str) -> HttpResponse:
    return _index(request, error=error, status=400)


@login_required
@_reading
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_page(request, pk)


def _round_page(request: HttpRequest, pk: int, *, error: str = "", status: int = 200) -> HttpResponse:
    rnd = _round(request, pk)
    access = q.round_access(request.user, rnd)
    entries = list(q.entries_of(rnd))
    tally = q.tally(rnd)
    return render(
        request,
        "emulation/round.html",
        {
            "rnd": rnd,
            "access": access,
            "units": [(e, BADGES[e.grade]) for e in entries if e.kind == Kind.UNIT],
            "heads": [(e, BADGES[e.grade]) for e in entries if e.kind == Kind.HEAD],
            "tally": tally,
            "grade_rows": [(label, tally.units[v], tally.heads[v]) for v, label in Grade.choices],
            "title_rows": [(label, tally.titles[v]) for v, label in Title.choices if v],
            "may_recompute": access.adjust and not rnd.entries.filter(changes__isnull=False).exists(),
            "error": error,
        },
        status=status,
    )


def _run(
    request: HttpRequest, fn: Callable[[], Any], page: Callable[[str], HttpResponse], to: str
) -> HttpResponse:
    try:
        fn()
    except ValidationError as exc:
        return page(_problem(exc))
    messages.success(request, gettext("Đã lưu."))
    return redirect(to)


def _round_error(request: HttpRequest, pk: int) -> Callable[[str], HttpResponse]:
    def page(error: str) -> HttpResponse:
        return _round_page(request, pk, error=error, status=400)

    return page


@login_required
@require_POST
def recompute(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    return _run(
        request,
        lambda: actions.recompute(request.user, rnd),
        _round_error(request, pk),
        reverse("emulation:round", args=[pk]),
    )


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _round(request, pk)
    return _run(
        request,
        lambda: actions.approve(request.user, rnd),
        _round_error(request, pk),
        reverse("emulation:round", args=[pk]),
    )


@login_required
@_reading
def entry_page(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    return _entry_page(request, pk, entry_id)


def _entry_page(
    request: HttpRequest, pk: int, entry_id: int, *, error: str = "", status: int = 200, form: Any = None
) -> HttpResponse:
    rnd, entry = _entry(request, pk, entry_id)
    access = q.round_access(request.user, rnd)
    titles = [] if entry.kind == Kind.HEAD else Title.choices
    return render(
        request,
        "emulation/entry.html",
        {
            "rnd": rnd,
            "entry": entry,
            "access": access,
            "badge": BADGES[entry.grade],
            "proposed_badge": BADGES[entry.proposed_grade],
            "changes": entry.changes.select_related("by"),
            "grades": Grade.choices,
            "titles": titles,
            "form": form or {"grade": entry.grade, "title": entry.title, "reason": ""},
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def adjust(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    rnd, entry = _entry(request, pk, entry_id)
    if not q.round_access(request.user, rnd).adjust:
        raise PermissionDenied(gettext("Chỉ thư ký Hội đồng ghi điều chỉnh, trước khi Chủ tịch phê duyệt."))
    data = request.POST
    form = {
        "grade": str(data.get("grade") or "")[:20],
        "title": str(data.get("title") or "")[:20],
        "reason": str(data.get("reason") or "")[: actions.REASON_MAX + 1],
    }

    def page(error: str) -> HttpResponse:
        return _entry_page(request, pk, entry_id, error=error, status=400, form=form)

    return _run(
        request,
        lambda: actions.adjust(
            request.user, entry, grade=form["grade"], title=form["title"], reason=form["reason"]
        ),
        page,
        reverse("emulation:round", args=[pk]) + f"#dong-{entry.pk}",
    )


def _approved(request: HttpRequest, pk: int) -> Round:
    rnd = _round(request, pk)
    if not q.round_access(request.user, rnd).export:
        raise Http404("Danh sách chưa được Chủ tịch Hội đồng phê duyệt.")
    return rnd


@login_required
@_reading
def list_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _approved(request, pk)
    entries = q.entries_of(rnd).prefetch_related("changes")
    actions.exported(request.user, rnd, "xlsx")
    response = HttpResponse(exports.list_xlsx(rnd, entries), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="thi-dua-xep-loai-{rnd.year}.xlsx"'
    return response


@login_required
@_reading
def printable(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = _approved(request, pk)
    entries = list(q.entries_of(rnd).prefetch_related("changes"))
    actions.exported(request.user, rnd, "bản in")
    return render(
        request,
        "emulation/print.html",
        {"rnd": rnd, "rows": exports.rows(entries), "headers": exports.HEADERS, "tally": q.tally(rnd)},
    )
