"""The follow-up screens: task list, the Office's board, each unit's inbox, the overdue list, progress
per directive and the Internal Affairs check; the periodic report is in ``views_report``. Every table
exports to XLSX with ``?xuat=xlsx`` (same filters, same rows). All of them read through ``tasks_for``,
so each person sees the same screens limited to their scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Avg, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop

from cchc.core.charts import Chart, Series
from cchc.core.params import id_param
from cchc.deadlines.actions import calendar_for
from cchc.deadlines.models import ExtensionStatus
from cchc.directives import actions
from cchc.directives.exports import xlsx_response
from cchc.directives.models import Task, TaskStatus
from cchc.directives.queries import (
    STATE_BADGES,
    STATE_LABELS,
    STATE_ORDER,
    STATE_SHORT,
    Tally,
    assigner_tasks_for,
    directives_for,
    overdue_tasks,
    received_between,
    tally_by,
    tasks_for,
    total_of,
    unit_sort_key,
    with_state,
)
from cchc.directives.views import parse_day
from cchc.lib import deadlines as dl
from cchc.lib.deadlines import State
from cchc.org.models import Unit
from cchc.org.queries import accountable, heads_on, units_for, user_unit

# docs/rules/directive-tasks.md [PRACTICE]: provincial systems flag tasks overdue by more than 30, 90 or 120
# days.
OVERDUE_FLAGS = (120, 90, 30)


@dataclass
class Filters:
    unit: Unit | None
    state: str
    directive: int | None
    q: str
    first: dt.date | None
    last: dt.date | None

    def query(self, **extra: Any) -> str:
        values = {
            "don_vi": self.unit.pk if self.unit else "",
            "trang_thai": self.state,
            "van_ban": self.directive or "",
            "q": self.q,
            "tu": self.first.isoformat() if self.first else "",
            "den": self.last.isoformat() if self.last else "",
            **extra,
        }
        return urlencode({k: v for k, v in values.items() if v})


def read_filters(request: HttpRequest) -> Filters:
    unit = None
    unit_id = request.GET.get("don_vi", "")
    if (unit_id_pk := id_param(unit_id)) is not None:
        # Only a unit the person may read: a forged id must not even show another ward's name.
        unit = units_for(request.user).filter(pk=unit_id_pk).first()
    state = request.GET.get("trang_thai", "")
    directive = request.GET.get("van_ban", "")
    return Filters(
        unit=unit,
        state=state if state in STATE_LABELS else "",
        directive=id_param(directive),
        q=request.GET.get("q", "").strip(),
        first=parse_day(request.GET.get("tu", "")),
        last=parse_day(request.GET.get("den", "")),
    )


def filtered_tasks(request: HttpRequest, f: Filters) -> Any:
    qs = tasks_for(request.user).countable()
    if f.unit is not None:
        qs = qs.filter(lead_unit__path__startswith=f.unit.path)
    if f.directive:
        qs = qs.filter(directive_id=f.directive)
    if f.q:
        qs = qs.filter(
            Q(text__icontains=f.q) | Q(directive__symbol__icontains=f.q) | Q(directive__number=f.q)
        )
    return received_between(qs, f.first, f.last)


def _xlsx_wanted(request: HttpRequest) -> bool:
    return request.GET.get("xuat") == "xlsx"


def _units_in(tallies: dict[Any, Tally]) -> list[Unit]:
    return sorted(Unit.objects.filter(pk__in=[k for k in tallies if k]), key=unit_sort_key)


# --- the task list -------------------------------------------------------------------------------------

TASK_HEADERS = [
    "Văn bản",
    "Mục",
    "Nội dung nhiệm vụ",
    "Kỳ",
    "Đơn vị chủ trì",
    "Tình trạng",
    "Tình trạng theo hạn ban đầu",
    "Ngày giao",
    "Hạn ban đầu",
    "Hạn hiện tại",
    "Ngày báo cáo hoàn thành",
    "Ngày xác nhận",
    "Tiến độ (%)",
]


def task_row(t: Task) -> list[Any]:
    d = t.deadline
    return [
        t.directive.reference,
        t.section,
        t.text,
        t.period_label,
        t.lead_unit.name,
        STATE_LABELS.get(getattr(t, "state", ""), ""),
        STATE_LABELS.get(getattr(t, "state_original", ""), ""),
        d.start_date if d else None,
        d.original_due if d else None,
        d.due if d else None,
        d.reported_on if d else None,
        d.done_on if d else None,
        t.progress,
    ]


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    f = read_filters(request)
    today = actions.today()
    qs = with_state(filtered_tasks(request, f), today)
    if f.state:
        qs = qs.filter(Q(state=f.state))
    qs = qs.select_related("directive", "lead_unit", "deadline").order_by("deadline__due", "id")
    if _xlsx_wanted(request):
        return xlsx_response(
            f"nhiem-vu-{today:%Y%m%d}.xlsx",
            "Danh sách nhiệm vụ",
            TASK_HEADERS,
            (task_row(t) for t in qs[:50000]),
            note=f"Số liệu ngày {today:%d/%m/%Y}",
        )
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "directives/task_list.html",
        {
            "page": page,
            "filters": f,
            "query": f.query(),
            "labels": STATE_LABELS,
            "badges": STATE_BADGES,
            "states": [(s, STATE_LABELS[s]) for s in STATE_ORDER],
            "units": _units_in(tally_by(tasks_for(request.user), "lead_unit", today)),
            "today": today,
        },
    )


# Counts left out of the cards on a phone (they stay on wider screens and in the exports): tasks without
# a deadline are few, and the cards keep what a leader acts on.
PHONE_HIDDEN = (State.OPEN_NO_DEADLINE, State.DONE_NO_DEADLINE)


# --- the Office's board --------------------------------------------------------------------------------


@login_required
def board(request: HttpRequest) -> HttpResponse:
    f = read_filters(request)
    today = actions.today()
    tallies = tally_by(filtered_tasks(request, f), "lead_unit", today)
    units = _units_in(tallies)
    rows = [(u, tallies[u.pk]) for u in units]
    total = total_of(tallies)
    if _xlsx_wanted(request):
        headers = [
            "Đơn vị",
            *[STATE_LABELS[s] for s in STATE_ORDER],
            "Tổng số",
            "Trễ so với hạn ban đầu",
            "Được gia hạn",
        ]
        data = [
            [u.name, *[t[s] for s in STATE_ORDER], t.total, t.late_vs_original, t.extended] for u, t in rows
        ]
        data.append(
            [
                "Tổng cộng",
                *[total[s] for s in STATE_ORDER],
                total.total,
                total.late_vs_original,
                total.extended,
            ]
        )
        return xlsx_response(
            f"bang-theo-doi-nhiem-vu-{today:%Y%m%d}.xlsx",
            "Bảng theo dõi nhiệm vụ theo đơn vị",
            headers,
            data,
            note=f"Số liệu ngày {today:%d/%m/%Y}",
        )
    return render(
        request,
        "directives/board.html",
        {
            "charts": [board_chart(rows)] if rows else [],
            "rows": rows,
            "total": total,
            "columns": [(s, STATE_SHORT[s], STATE_LABELS[s]) for s in STATE_ORDER],
            "phone_hidden": PHONE_HIDDEN,
            "filters": f,
            "query": f.query(),
            "today": today,
            "awaiting_me": assigner_tasks_for(request.user).filter(status=TaskStatus.AWAITING).count(),
        },
    )


# Units on the board's chart: those with the most overdue tasks (the table lists them all).
CHART_UNITS = 15


def board_chart(rows: list[tuple[Unit, Tally]]) -> Chart:
    """Per unit, the table's own counts: overdue, open within time (or without a deadline), reported and
    awaiting confirmation, done —
    the units with the most overdue tasks first."""
    top = sorted(rows, key=lambda r: (-r[1].overdue, -r[1].open, unit_sort_key(r[0])))[:CHART_UNITS]
    return Chart(
        "chart-board",
        gettext("Nhiệm vụ theo đơn vị chủ trì: quá hạn, đang thực hiện, đã hoàn thành"),
        gettext("Đơn vị"),
        [u.name for u, _t in top],
        [
            Series(gettext("Quá hạn"), [t.overdue for _u, t in top], colour="late"),
            Series(gettext("Đang thực hiện"), [t.open - t.overdue for _u, t in top], colour="city"),
            Series(
                gettext("Chờ xác nhận"), [t[State.AWAITING_CONFIRMATION] for _u, t in top], colour="tasks"
            ),
            Series(gettext("Đã hoàn thành"), [t.done for _u, t in top], colour="neutral"),
        ],
        horizontal=True,
        stacked=True,
        labels_are_names=True,
        note=""
        if len(rows) <= CHART_UNITS
        else gettext("%(count)s đơn vị có nhiều nhiệm vụ quá hạn nhất; bảng liệt kê đủ.")
        % {"count": CHART_UNITS},
    )


# --- each unit's inbox ---------------------------------------------------------------------------------


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    today = actions.today()
    user = request.user
    unit = user_unit(user)
    mine = with_state(tasks_for(user, write=True).countable(), today).select_related(
        "directive", "lead_unit", "deadline"
    )
    active = mine.exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED]).order_by("deadline__due", "id")
    leading = [t for t in active if unit and t.lead_unit.path.startswith(unit.path)]
    coordinating = [t for t in active if t not in leading]
    assigner = assigner_tasks_for(user)
    to_confirm = list(
        with_state(assigner.filter(status=TaskStatus.AWAITING), today)
        .select_related("directive", "lead_unit", "deadline")
        .order_by("deadline__reported_on")
    )
    to_decide = list(
        with_state(assigner.filter(deadline__extensions__status=ExtensionStatus.PENDING), today)
        .select_related("directive", "lead_unit", "deadline")
        .distinct()
    )
    done_recently = mine.filter(status=TaskStatus.DONE, deadline__done_on__gte=today - dt.timedelta(days=90))
    if _xlsx_wanted(request):
        rows = [["Chủ trì", *task_row(t)] for t in leading] + [
            ["Phối hợp", *task_row(t)] for t in coordinating
        ]
        rows += [["Chờ xác nhận", *task_row(t)] for t in to_confirm]
        return xlsx_response(
            f"nhiem-vu-don-vi-{today:%Y%m%d}.xlsx",
            f"Nhiệm vụ của {unit.name if unit else 'đơn vị'}",
            ["Vai trò", *TASK_HEADERS],
            rows,
            note=f"Số liệu ngày {today:%d/%m/%Y}",
        )
    return render(
        request,
        "directives/inbox.html",
        {
            "unit": unit,
            "head": unit.accountable_head(today) if unit else None,
            "leading": leading,
            "coordinating": coordinating,
            "to_confirm": to_confirm,
            "to_decide": to_decide,
            "done_recently": done_recently.count(),
            "labels": STATE_LABELS,
            "badges": STATE_BADGES,
            "today": today,
        },
    )


# --- the overdue list ----------------------------------------------------------------------------------


@dataclass
class OverdueRow:
    task: Task
    head: Any
    working_days: int
    days: int

    @property
    def flag(self) -> int:
        return next((n for n in OVERDUE_FLAGS if self.days > n), 0)


def overdue_rows(request: HttpRequest, f: Filters, today: dt.date) -> list[OverdueRow]:
    qs = overdue_tasks(filtered_tasks(request, f), today).select_related(
        "directive", "lead_unit", "lead_unit__jurisdiction", "deadline"
    )
    tasks = list(qs)
    heads = heads_on({t.lead_unit_id for t in tasks}, today)
    rows = []
    for t in tasks:
        assert t.deadline is not None and t.deadline.due is not None
        cal = calendar_for(t.lead_unit.jurisdiction)
        rows.append(
            OverdueRow(
                t,
                accountable(heads.get(t.lead_unit_id, {})),
                dl.days_overdue(t.deadline.due, today, cal),
                dl.days_overdue(t.deadline.due, today, cal, working=False),
            )
        )
    rows.sort(key=lambda r: (-r.working_days, r.task.lead_unit.path, r.task.pk))
    return rows


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    f = read_filters(request)
    today = actions.today()
    rows = overdue_rows(request, f, today)
    if _xlsx_wanted(request):
        return xlsx_response(
            f"nhiem-vu-qua-han-{today:%Y%m%d}.xlsx",
            "Danh sách nhiệm vụ quá hạn",
            [
                "Đơn vị chủ trì",
                "Người đứng đầu chịu trách nhiệm",
                "Chức vụ",
                "Văn bản",
                "Nội dung nhiệm vụ",
                "Kỳ",
                "Hạn ban đầu",
                "Hạn hiện tại",
                "Số ngày làm việc quá hạn",
                "Số ngày quá hạn",
                "Tiến độ (%)",
            ],
            (
                [
                    r.task.lead_unit.name,
                    r.head.full_name if r.head else "Chưa có",
                    r.head.position if r.head else "",
                    r.task.directive.reference,
                    r.task.text,
                    r.task.period_label,
                    r.task.deadline.original_due if r.task.deadline else None,
                    r.task.deadline.due if r.task.deadline else None,
                    r.working_days,
                    r.days,
                    r.task.progress,
                ]
                for r in rows
            ),
            note=f"Số liệu ngày {today:%d/%m/%Y}",
        )
    return render(
        request,
        "directives/overdue.html",
        {
            "rows": rows,
            "filters": f,
            "query": f.query(),
            "today": today,
            "units": _units_in(tally_by(tasks_for(request.user), "lead_unit", today)),
        },
    )


# --- progress per directive ----------------------------------------------------------------------------


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    f = read_filters(request)
    today = actions.today()
    tasks = filtered_tasks(request, f)
    tallies = tally_by(tasks, "directive", today)
    averages = dict(tasks.values_list("directive").annotate(a=Avg("progress")).order_by())
    directives = list(directives_for(request.user).filter(pk__in=[k for k in tallies if k]).order_by("-date"))
    rows = [(d, tallies[d.pk], averages.get(d.pk) or 0) for d in directives]
    if _xlsx_wanted(request):
        return xlsx_response(
            f"tien-do-theo-van-ban-{today:%Y%m%d}.xlsx",
            "Tiến độ thực hiện theo văn bản",
            [
                "Văn bản",
                "Ngày",
                "Trích yếu",
                "Số nhiệm vụ",
                *[STATE_LABELS[s] for s in STATE_ORDER],
                "Tỷ lệ hoàn thành (%)",
                "Tiến độ bình quân (%)",
            ],
            (
                [
                    d.reference,
                    d.date,
                    d.subject,
                    t.total,
                    *[t[s] for s in STATE_ORDER],
                    round(t.done_pct, 1),
                    round(float(a), 1),
                ]
                for d, t, a in rows
            ),
            note=f"Số liệu ngày {today:%d/%m/%Y}",
        )
    return render(
        request,
        "directives/progress.html",
        {
            "rows": rows,
            "columns": [(s, STATE_SHORT[s]) for s in STATE_ORDER],
            "phone_hidden": PHONE_HIDDEN,
            "filters": f,
            "today": today,
            "query": f.query(),
        },
    )


# --- the Internal Affairs check ------------------------------------------------------------------------

# Marked for the page's translation only: the export writes them as they are, a Vietnamese document.
CHECK_HEADERS = [
    gettext_noop("Đơn vị"),
    gettext_noop("Nhiệm vụ được giao"),
    gettext_noop("Hoàn thành đúng hạn"),
    gettext_noop("Hoàn thành quá hạn"),
    gettext_noop("Hoàn thành (không có thời hạn)"),
    gettext_noop("Chờ xác nhận"),
    gettext_noop("Đang thực hiện trong hạn"),
    gettext_noop("Quá hạn hiện nay"),
    gettext_noop("Chưa hoàn thành, không có thời hạn"),
    gettext_noop("Trễ so với hạn ban đầu"),
    gettext_noop("Được gia hạn"),
    gettext_noop("Tỷ lệ đúng hạn (%)"),
]
# The check's columns (after the unit) left out of the cards on a phone: the "without a deadline" counts
# and the extensions, which stay on wider screens and in the export.
CHECK_PHONE_HIDDEN = frozenset({3, 7, 9})


def check_cells(t: Tally) -> list[Any]:
    judged = t[State.DONE_ON_TIME] + t[State.DONE_LATE]
    on_time_pct = round(100.0 * t[State.DONE_ON_TIME] / judged, 1) if judged else None
    return [
        t.total,
        t[State.DONE_ON_TIME],
        t[State.DONE_LATE],
        t[State.DONE_NO_DEADLINE],
        t[State.AWAITING_CONFIRMATION],
        t[State.OPEN_WITHIN],
        t[State.OPEN_OVERDUE],
        t[State.OPEN_NO_DEADLINE],
        t.late_vs_original,
        t.extended,
        on_time_pct,
    ]


@login_required
def check(request: HttpRequest) -> HttpResponse:
    """Công văn 7190/UBND-NV, mục 4: the Internal Affairs office checks how units carry out superior
    orders."""
    f = read_filters(request)
    today = actions.today()
    tallies = tally_by(filtered_tasks(request, f), "lead_unit", today)
    units = _units_in(tallies)
    cells_of = {u.pk: check_cells(tallies[u.pk]) for u in units}
    total = check_cells(total_of(tallies))
    if _xlsx_wanted(request):
        period = _period_note(f)
        return xlsx_response(
            f"kiem-tra-thuc-hien-nhiem-vu-{today:%Y%m%d}.xlsx",
            "Kiểm tra việc thực hiện nhiệm vụ được giao",
            CHECK_HEADERS,
            [*([u.name, *cells_of[u.pk]] for u in units), ["Tổng cộng", *total]],
            note=f"Số liệu ngày {today:%d/%m/%Y}{period}",
        )
    return render(
        request,
        "directives/check.html",
        {
            "rows": [(u, _check_row(cells_of[u.pk])) for u in units],
            "total": _check_row(total),
            # Translated here, not with {% translate %}, which would look the "%" of "(%)" up doubled.
            "headers": [gettext(h) for h in CHECK_HEADERS[1:]],
            "filters": f,
            "query": f.query(),
            "today": today,
        },
    )


def _check_row(cells: list[Any]) -> list[tuple[str, Any, bool]]:
    """Each cell with its column's name (the card's label on a phone) and whether a phone hides it."""
    return [
        (gettext(h), c, i in CHECK_PHONE_HIDDEN)
        for i, (h, c) in enumerate(zip(CHECK_HEADERS[1:], cells, strict=True))
    ]


def _period_note(f: Filters) -> str:
    if f.first or f.last:
        first = f"{f.first:%d/%m/%Y}" if f.first else "…"
        last = f"{f.last:%d/%m/%Y}" if f.last else "…"
        return f"; nhiệm vụ giao từ {first} đến {last}"
    return ""
