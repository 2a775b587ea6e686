"""XLSX copies of the dossier lists and rankings, with the columns and the filters on screen (``?xuat=xlsx``
on the page's own address, so the permission and scope of the page are the export's)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.utils import timezone

from cchc.core.xlsx import Share, describe_filters, xlsx_download
from cchc.dossiers.models import Dossier, Outcome
from cchc.dossiers.queries import (
    OPEN_STATUSES,
    blamed_accounts,
    causes_of,
    is_overdue,
    mask_applicant,
    official_links,
)
from cchc.dossiers.rankings import League

CHUNK = 2000


def wanted(request: HttpRequest) -> bool:
    return request.GET.get("xuat") == "xlsx"


def _stamp() -> str:
    return f"{timezone.localdate():%Y%m%d}"


LATE_HEADERS = (
    "Mã hồ sơ",
    "Thủ tục",
    "Đơn vị giải quyết",
    "Hẹn trả",
    "Kết thúc",
    "Tình trạng",
    "Nguyên nhân",
    "Cán bộ",
    "Phiếu xin lỗi",
)


def _cause_text(d: Dossier) -> str:
    causes = causes_of(d)
    if not causes:
        return "Chưa xác định"
    return "; ".join(c["label"] + (f" — {c['unit']}" if c["unit"] else "") for c in causes)


def late_rows_xlsx(qs: QuerySet[Dossier]) -> Iterator[Sequence[Any]]:
    # Read in chunks so the officials blamed by account are named as the screen names them (their
    # account's name now), with one query per chunk.
    for batch in itertools.batched(qs.iterator(chunk_size=CHUNK), CHUNK):
        yield from _late_batch(batch)


def _late_batch(batch: tuple[Dossier, ...]) -> Iterator[Sequence[Any]]:
    names = blamed_accounts(list(batch))
    for d in batch:
        yield (
            d.code,
            d.procedure.name,
            d.handling_unit.name,
            getattr(d, "deadline", None),
            d.end_at,
            "Đang quá hạn"
            if d.status in OPEN_STATUSES and d.outcome != Outcome.LATE
            else "Đã giải quyết trễ hạn",
            _cause_text(d),
            ", ".join(o["name"] for o in official_links(d, names)),
            "Đã có" if getattr(d, "has_apology", False) else "Chưa có",
        )


def late_xlsx(qs: QuerySet[Dossier], form: Any) -> FileResponse:
    return xlsx_download(
        f"ho-so-tre-han-{_stamp()}.xlsx",
        "Hồ sơ trễ hạn và nguyên nhân",
        LATE_HEADERS,
        late_rows_xlsx(qs),
        note=describe_filters(form),
    )


LIST_HEADERS = (
    "Mã hồ sơ",
    "Thủ tục",
    "Chủ hồ sơ",
    "Điện thoại",
    "Đơn vị giải quyết",
    "Tiếp nhận",
    "Hẹn trả",
    "Trạng thái",
    "Kết quả",
)


def list_xlsx(qs: QuerySet[Dossier], form: Any, user: Any, now: dt.datetime) -> FileResponse:
    """The dossier list as the viewer sees it: the applicant in full or masked, row by row
    (``mask_applicant``), never more than the screen shows."""

    def rows() -> Iterator[Sequence[Any]]:
        for d in qs.iterator(chunk_size=CHUNK):
            a = mask_applicant(d, user)
            outcome = d.get_outcome_display() if d.outcome else ""
            if is_overdue(d, now) and d.outcome != Outcome.LATE:
                outcome = "Đang quá hạn"
            yield (
                d.code,
                d.procedure.name,
                a.name,
                a.phone,
                d.handling_unit.name,
                d.received_at,
                getattr(d, "deadline", None),
                d.get_status_display(),
                outcome,
            )

    return xlsx_download(
        f"ho-so-{_stamp()}.xlsx", "Danh sách hồ sơ", LIST_HEADERS, rows(), note=describe_filters(form)
    )


def league_xlsx(league: League, which: str, start: dt.date, end: dt.date, unit: Any = None) -> FileResponse:
    units = which == "units"
    headers = ["Hạng", "Đơn vị" if units else "Cán bộ, công chức"]
    if not units:
        headers.append("Đơn vị")
    headers.append("Đã giải quyết")
    if units:
        headers += ["Trước hạn", "Đúng hạn"]
    headers += ["Trễ hạn", "Tỷ lệ trễ hạn"]

    def row(r: Any, rank: Any) -> list[Any]:
        out: list[Any] = [rank, r.name]
        if not units:
            out.append(r.unit_name)
        out.append(r.finished)
        if units:
            out += [r.early, r.on_time]
        rate = r.late_rate
        out += [r.late, Share(rate) if rate is not None else ""]
        return out

    rows = [row(r, r.rank) for r in league.ranked]
    rows += [row(r, "Chưa đủ số hồ sơ để xếp hạng") for r in league.too_few]
    t = league.totals
    if t.finished:
        rows.append(row(t, "Tổng cộng"))
    note = f"Kỳ: từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}" + (
        f"; hồ sơ do {unit.name} giải quyết" if unit else ""
    )
    note += f"; chỉ xếp hạng khi có từ {league.min_finished} hồ sơ đã giải quyết trở lên"
    name = "don-vi" if units else "can-bo"
    title = "Xếp hạng tỷ lệ trễ hạn theo " + ("đơn vị" if units else "cán bộ, công chức")
    return xlsx_download(f"xep-hang-{name}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx", title, headers, rows, note=note)
