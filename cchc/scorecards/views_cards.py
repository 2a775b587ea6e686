"""The city index screens: the year's ranking of units with the province's published results beside
it, and one unit's card (self-assessment with evidence, appraisal, the unit's answer, computed
criteria with a link to their records, totals). Thin: writes in ``actions``, reads in ``queries``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from cchc.core import official_documents
from cchc.directives.exports import xlsx_response
from cchc.dossiers.views import DOCX_TYPE
from cchc.scorecards import actions, actions_releases, actions_solutions, documents, solutions
from cchc.scorecards.access import access, may_read_cards, scorecards_for
from cchc.scorecards.models import CriterionScore, Evidence, RankingRelease, Solution
from cchc.scorecards.queries import card_result, city_of, published, ranking, versions_for
from cchc.scorecards.queries766 import city_area


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not may_read_cards(request.user):
        raise PermissionDenied
    versions = versions_for(request.user)
    wanted = request.GET.get("nam", "").strip()[:4]
    version = next((v for v in versions if str(v.year) == wanted), versions[0] if versions else None)
    rows = ranking(request.user, version) if version else []
    return render(
        request,
        "scorecards/city_index.html",
        {
            "version": version,
            "versions": versions,
            "rows": rows,
            "published": published(city_of(request.user), version.year if version else 9999),
            "release": RankingRelease.objects.filter(version=version).first() if version else None,
            "role": getattr(request.user, "role", ""),
        },
    )


def _card(request: HttpRequest, pk: int) -> Any:
    return get_object_or_404(scorecards_for(request.user), pk=pk)


@login_required
def card_page(request: HttpRequest, pk: int, *, error: str = "", status: int = 200) -> HttpResponse:
    card = _card(request, pk)
    result = card_result(card)
    evidence: dict[int, list[Evidence]] = {}
    for ev in Evidence.objects.filter(score__scorecard=card):
        evidence.setdefault(ev.score_id, []).append(ev)
    states: dict[int, list[solutions.SolutionState]] = {}
    lost = {line.row.pk: line.lost for line in result.lines if line.row is not None}
    for sol in Solution.objects.filter(score__scorecard=card).select_related("task__deadline"):
        states.setdefault(sol.score_id, []).append(solutions.state_of(sol, lost.get(sol.score_id)))
    can = access(request.user, card)
    area = city_area(card.unit.jurisdiction)
    return render(
        request,
        "scorecards/card.html",
        {
            "card": card,
            "result": result,
            "can": can,
            "evidence": evidence,
            "solutions": states,
            "directives": list(solutions.directives_for_tasks(area)[:20]) if can.assign and area else [],
            "error": error,
        },
        status=status,
    )


def _score(request: HttpRequest, pk: int, score_id: int) -> CriterionScore:
    card = _card(request, pk)
    return get_object_or_404(CriterionScore, pk=score_id, scorecard=card)


def _on_criterion(
    request: HttpRequest, pk: int, score_id: int, act: Callable[[CriterionScore, QueryDict], Any]
) -> HttpResponse:
    """Run ``act(score, POST)`` on one criterion of the card and come back to that criterion's row."""
    score = _score(request, pk, score_id)
    return _run(request, pk, f"tc-{score.code}", lambda: act(score, request.POST))


def _run(request: HttpRequest, pk: int, anchor: str, fn: Any) -> HttpResponse:
    try:
        fn()
    except actions.ScorecardError as exc:
        return card_page(request, pk, error=str(exc), status=400)
    messages.success(request, gettext("Đã lưu."))
    return redirect(reverse("scorecards:card", args=[pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def self_assess(request: HttpRequest, pk: int, score_id: int) -> HttpResponse:
    return _on_criterion(
        request,
        pk,
        score_id,
        lambda score, p: actions.self_assess(
            request.user, score, points=p.get("points", ""), note=p.get("note", "")
        ),
    )


@login_required
@require_POST
def add_evidence(request: HttpRequest, pk: int, score_id: int) -> HttpResponse:
    return _on_criterion(
        request,
        pk,
        score_id,
        lambda score, p: actions.add_evidence(
            request.user,
            score,
            name=p.get("name", ""),
            link=p.get("link", "").strip(),
            file=request.FILES.get("file"),
        ),
    )


@login_required
@require_POST
def appraise(request: HttpRequest, pk: int, score_id: int) -> HttpResponse:
    return _on_criterion(
        request,
        pk,
        score_id,
        lambda score, p: actions.appraise(
            request.user,
            score,
            points=p.get("points", ""),
            comment=p.get("comment", ""),
            adjustment=p.get("adjustment", "0"),
        ),
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, score_id: int) -> HttpResponse:
    return _on_criterion(
        request,
        pk,
        score_id,
        lambda score, p: actions.answer(request.user, score, text=p.get("text", "")),
    )


@login_required
@require_POST
def cause(request: HttpRequest, pk: int, score_id: int) -> HttpResponse:
    return _on_criterion(
        request,
        pk,
        score_id,
        lambda score, p: actions.write_cause(request.user, score, cause=p.get("cause", "")),
    )


@login_required
@require_POST
def stage(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    card = _card(request, pk)
    steps = {"gui": actions.submit, "xong-tham-dinh": actions.finish_appraisal, "chot": actions.freeze}
    if step not in steps:
        raise Http404
    return _run(request, pk, "", lambda: steps[step](request.user, card))


@login_required
def evidence_file(request: HttpRequest, pk: int, ev_id: int) -> FileResponse:
    card = _card(request, pk)
    ev = get_object_or_404(Evidence, pk=ev_id, score__scorecard=card)
    if not ev.file:
        raise Http404
    return FileResponse(
        ev.file.open("rb"), as_attachment=True, filename=(ev.file.name or "").rsplit("/", 1)[-1]
    )


@login_required
@require_POST
def add_solution(request: HttpRequest, pk: int, score_id: int) -> HttpResponse:
    return _on_criterion(
        request,
        pk,
        score_id,
        lambda score, p: actions_solutions.add_solution(request.user, score, text=p.get("text", "")),
    )


@login_required
@require_POST
def make_task(request: HttpRequest, pk: int, solution_id: int) -> HttpResponse:
    card = _card(request, pk)
    solution = get_object_or_404(Solution, pk=solution_id, score__scorecard=card)
    area = city_area(card.unit.jurisdiction)

    def run() -> None:
        try:
            due = dt.date.fromisoformat(request.POST.get("due", "").strip()[:10])
        except ValueError:
            raise actions.ScorecardError(gettext("Hạn hoàn thành không hợp lệ; chọn một ngày.")) from None
        raw = request.POST.get("directive", "").strip()
        pk = int(raw) if raw.isdigit() and len(raw) < 12 else 0
        directive = solutions.directives_for_tasks(area).filter(pk=pk).first()
        if directive is None:
            raise actions.ScorecardError(gettext("Chọn văn bản chỉ đạo để gắn nhiệm vụ."))
        actions_solutions.make_task(request.user, solution, directive=directive, due=due)

    return _run(request, pk, f"tc-{solution.score.code}", run)


# --- exports and the ranking's release ------------------------------------------------------------------


@login_required
def card_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    card = _card(request, pk)
    result = card_result(card)
    rows = [
        (
            line.code,
            line.criterion.title,
            float(line.criterion.max_points),
            None if line.row is None or line.row.self_points is None else float(line.row.self_points),
            None
            if line.row is None or line.row.appraised_points is None
            else float(line.row.appraised_points),
            line.points,
            line.lost,
            (line.row.appraisal_comment if line.row else "") or "",
        )
        for line in result.lines
    ]
    rows.append(
        ("", "Tổng cộng", result.max_scored, None, None, result.total, None, f"{result.percent or 0}%")
    )
    return xlsx_response(
        f"chi-so-cchc-{card.version.year}-{card.unit.code}.xlsx",
        f"Chỉ số CCHC {card.version.year} — {card.unit.name}",
        ["Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Thẩm định", "Điểm đạt", "Điểm mất", "Nhận xét"],
        rows,
        note=card.get_stage_display(),
    )


def _document_response(data: official_documents.OfficialDocument, stem: str, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        response = HttpResponse(official_documents.render_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(official_documents.render_docx(data), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@login_required
def card_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The card as a notice in the Nghị định 30 layout (DOCX to sign, PDF to read)."""
    if fmt not in documents.FORMATS:
        raise Http404
    card = _card(request, pk)
    data = documents.card_document(card, card_result(card))
    return _document_response(data, f"chi-so-cchc-{card.version.year}-{card.unit.code}", fmt)


def _ranking_version(request: HttpRequest) -> Any:
    if not may_read_cards(request.user):
        raise PermissionDenied
    versions = versions_for(request.user)
    version = next(
        (v for v in versions if str(v.year) == request.GET.get("nam", "")), versions[0] if versions else None
    )
    if version is None:
        raise Http404
    return version


@login_required
def ranking_file(request: HttpRequest, fmt: str) -> HttpResponse:
    """The ranking of the cards the reader may see as a notice in the Nghị định 30 layout."""
    if fmt not in documents.FORMATS:
        raise Http404
    version = _ranking_version(request)
    data = documents.ranking_document(version, ranking(request.user, version))
    return _document_response(data, f"xep-hang-chi-so-cchc-{version.year}", fmt)


@login_required
def ranking_xlsx(request: HttpRequest) -> HttpResponse:
    version = _ranking_version(request)
    rows = [
        (
            r.rank,
            r.card.unit.name,
            r.card.get_stage_display(),
            r.result.total,
            r.result.max_scored,
            r.result.percent,
            r.result.band or "",
        )
        for r in ranking(request.user, version)
    ]
    return xlsx_response(
        f"xep-hang-chi-so-cchc-{version.year}.xlsx",
        f"Xếp hạng Chỉ số CCHC năm {version.year}",
        ["Hạng", "Đơn vị", "Bước", "Điểm", "Điểm đã chấm tối đa", "Tỷ lệ (%)", "Xếp loại"],
        rows,
    )


@login_required
@require_POST
def release_step(request: HttpRequest, year: int, step: str) -> HttpResponse:
    version = next((v for v in versions_for(request.user) if v.year == year), None)
    if version is None:
        raise Http404
    try:
        if step == "du-thao":
            actions_releases.draft(request.user, version)
        elif step == "phe-duyet":
            actions_releases.approve(request.user, get_object_or_404(RankingRelease, version=version))
        elif step == "thu-hoi":
            actions_releases.withdraw(request.user, get_object_or_404(RankingRelease, version=version))
        elif step == "so-lieu":
            n = actions.refresh_for(request.user, version, timezone.localdate())
            messages.info(request, gettext("Đã cập nhật %(n)s số liệu tính từ dữ liệu CCHC.") % {"n": n})
        else:
            raise Http404
    except actions.ScorecardError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("scorecards:city") + f"?nam={year}")
    messages.success(request, gettext("Đã lưu."))
    return redirect(reverse("scorecards:city") + f"?nam={year}")
