"""The leader's view of inter-agency dossiers: which unit (or outside agency) holds the most overdue
steps, and the steps and dossiers behind each count. Reads in ``interagency``; scope through
``dossiers_for`` (the dossiers' one permission helper), as on every dossier screen."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from cchc.core.xlsx import xlsx_download
from cchc.dossiers import exports
from cchc.dossiers.interagency import holder_ranking, holders_overdue, step_objects
from cchc.dossiers.views import PAGE_SIZE, _reader

# The columns on screen, in the same order (the exports carry what the page shows).
RANKING_HEADERS = (
    "Hạng",
    "Đơn vị, cơ quan đang giữ hồ sơ",
    "Bước quá hạn",
    "Hồ sơ",
    "Quá hạn lâu nhất (ngày làm việc)",
)
STEP_HEADERS = (
    "Mã hồ sơ",
    "Thủ tục",
    "Bước",
    "Đơn vị, cơ quan đang giữ",
    "Người xử lý",
    "Hạn của bước",
    "Ngày làm việc quá hạn",
)


@login_required
def interagency_ranking(request: HttpRequest) -> HttpResponseBase:
    user = _reader(request)
    today = timezone.localdate()
    rows = holder_ranking(user, today)
    if exports.wanted(request):
        return xlsx_download(
            f"lien-thong-qua-han-{today:%Y%m%d}.xlsx",
            "Bước liên thông quá hạn theo đơn vị",
            RANKING_HEADERS,
            (
                [
                    r.rank,
                    r.name + (" (cơ quan ngoài)" if r.external else ""),
                    r.overdue,
                    r.dossier_count,
                    r.worst_days,
                ]
                for r in rows
            ),
            note=f"Đến ngày {today:%d/%m/%Y}",
        )
    total = sum(r.overdue for r in rows)
    return render(request, "dossiers/interagency.html", {"rows": rows, "total": total, "today": today})


@login_required
def interagency_steps(request: HttpRequest) -> HttpResponseBase:
    user = _reader(request)
    today = timezone.localdate()
    key = request.GET.get("noi_giu") or None
    if key is not None and ("\x00" in key or len(key) > 300):
        key = "?"  # matches no holder
    found = holders_overdue(user, today, key)
    holder = None
    if key is not None:
        holder = next((r for r in holder_ranking(user, today) if r.key == key), None)
    if exports.wanted(request):
        return xlsx_download(
            f"buoc-lien-thong-qua-han-{today:%Y%m%d}.xlsx",
            "Bước liên thông quá hạn",
            STEP_HEADERS,
            (
                [
                    r.step.dossier.code,
                    r.step.dossier.procedure.name,
                    r.step.seq,
                    r.step.unit.name if r.step.unit else r.step.unit_name,
                    r.step.official_name,
                    r.step.due,
                    r.days,
                ]
                for r in step_objects(found)
            ),
            note=f"Đến ngày {today:%d/%m/%Y}" + (f"; đơn vị: {holder.name}" if holder else ""),
        )
    # A page of the steps, as every list: at 5,000,000 dossiers the leader's 300 overdue steps drawn at
    # once (a card and a table row each) took 100 ms of CPU (docs/benchmarks.md); the export has them all.
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {"rows": step_objects(page.object_list), "count": len(found), "page": page}
    return render(
        request,
        "dossiers/interagency_steps.html",
        {**context, "holder": holder, "key": key, "today": today},
    )
