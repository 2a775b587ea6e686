"""One definition per dossier figure: every page, export, report and API that shows how many dossiers
were received, finished, late or open in a period reads it here, so the leader's home, the late list,
the rankings and the exports cannot disagree.

Two readings of the same set:

- the **count** (``period_summary``, ``late_finished_count``) comes from the daily facts (their unit
  roll-up), one small aggregate even at millions of dossiers;
- the **rows** (``late_finished_dossiers``) come from the ledger through the partial index on late
  dossiers, for the list a count opens.

Both select by the same rule: the handling unit is in the reader's scope (or is the one unit asked
for), the dossier was received (statuses 1 and 3 never count), its outcome is not "excluded", and the
local day its processing ended (``Dossier.finished_on``, never before the day it was received) lies in
the period. ``test_one_figure_per_fact`` checks that the count and the rows agree.

The texts of ``DEFINITIONS`` are what the "Cách tính" page shows next to each figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Greatest, TruncDate, TruncMonth
from django.utils.translation import gettext_noop

from cchc.dossiers.models import Dossier, Outcome, Status, UnitDailyFact
from cchc.dossiers.queries import dossier_units_for
from cchc.dossiers.records import LOCAL_TZ
from cchc.dossiers.stats import StatsRow, unit_stats
from cchc.org.models import Unit


@dataclass(frozen=True)
class PeriodSummary:
    """The dossier figures of a scope for a period [date_from, date_to] (local days, both included).

    ``received``: received on a day of the period; ``early``/``on_time``/``late``: processing ended on a
    day of the period, by outcome; ``open_within_time``/``open_overdue``: still open at the end of
    ``date_to``. ``late_rate`` = late / finished, ``None`` when nothing finished (no data is never 0 %).
    """

    date_from: dt.date
    date_to: dt.date
    received: int
    early: int
    on_time: int
    late: int
    open_within_time: int
    open_overdue: int

    @property
    def finished(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def late_rate(self) -> float | None:
        return self.late / self.finished if self.finished else None

    @property
    def on_time_rate(self) -> float | None:
        return (self.early + self.on_time) / self.finished if self.finished else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "received": self.received,
            "finished": self.finished,
            "early": self.early,
            "on_time": self.on_time,
            "late": self.late,
            "late_rate": None if self.late_rate is None else round(self.late_rate, 4),
            "open_within_time": self.open_within_time,
            "open_overdue": self.open_overdue,
        }


def scope_units(user: Any, unit: Unit | None = None) -> QuerySet[Unit]:
    """The handling units a figure counts: the reader's scope, or the one unit asked for if in scope
    (the unit itself, not the units below it — a ranking row is the unit's own dossiers)."""
    units = dossier_units_for(user)
    return units.filter(pk=unit.pk) if unit is not None else units


def summary_of_units(units: QuerySet[Unit], date_from: dt.date, date_to: dt.date) -> PeriodSummary:
    """``period_summary`` for a set of units chosen by the caller (an API client's area, a report's
    jurisdiction) rather than by a signed-in person's scope."""
    _rows, total = unit_stats(date_from, date_to, units=units)
    return _summary(date_from, date_to, total)


def _summary(date_from: dt.date, date_to: dt.date, total: StatsRow) -> PeriodSummary:
    return PeriodSummary(
        date_from,
        date_to,
        received=total.received,
        early=total.early,
        on_time=total.on_time,
        late=total.late,
        open_within_time=total.open_within_time,
        open_overdue=total.open_overdue,
    )


def period_summary(
    user: Any, date_from: dt.date, date_to: dt.date, *, unit: Unit | None = None
) -> PeriodSummary:
    """THE dossier figures of a period for a person's scope (or one unit of it), from the daily facts."""
    return summary_of_units(scope_units(user, unit), date_from, date_to)


def late_finished_count(user: Any, date_from: dt.date, date_to: dt.date, *, unit: Unit | None = None) -> int:
    """Dossiers whose processing ended late on a day of the period: ``period_summary(...).late``."""
    return period_summary(user, date_from, date_to, unit=unit).late


@dataclass(frozen=True)
class MonthFigure:
    """Finished and late dossiers of one calendar month (``period_summary`` of that month, its finished
    columns only), for the charts of late rate by month."""

    month: dt.date
    finished: int
    late: int

    @property
    def late_rate(self) -> float | None:
        return self.late / self.finished if self.finished else None


def late_by_month(
    user: Any, first_month: dt.date, last_day: dt.date, *, unit: Unit | None = None
) -> list[MonthFigure]:
    """Per month from ``first_month`` to the month of ``last_day`` (cut at that day): one grouped read of
    the daily facts, the same sums ``period_summary`` makes month by month."""
    rows = (
        UnitDailyFact.objects.filter(
            unit__in=scope_units(user, unit), day__gte=first_month.replace(day=1), day__lte=last_day
        )
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(e=Sum("finished_early"), o=Sum("finished_on_time"), la=Sum("finished_late"))
        .order_by()
    )
    sums = {}
    for r in rows:
        month = r["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        sums[month] = ((r["e"] or 0) + (r["o"] or 0) + (r["la"] or 0), r["la"] or 0)
    out = []
    month = first_month.replace(day=1)
    while month <= last_day:
        finished, late = sums.get(month, (0, 0))
        out.append(MonthFigure(month, finished, late))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def counted(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The dossiers the daily facts count at all: received, not excluded."""
    return qs.exclude(status__in=[Status.SUBMITTED, Status.REFUSED]).exclude(outcome=Outcome.EXCLUDED)


def late_finished_dossiers(
    user: Any, date_from: dt.date, date_to: dt.date, *, unit: Unit | None = None
) -> QuerySet[Dossier]:
    """The ledger rows behind ``late_finished_count``: the same dossiers, one row each.

    The facts count a dossier on its ``finished_on``, or on the day it was received when that is later
    (a malformed import), so the rows take the later of the two as well.
    """
    qs = counted(Dossier.objects.filter(handling_unit__in=scope_units(user, unit).values("pk")))
    qs = qs.filter(
        outcome=Outcome.LATE,
        finished_on__isnull=False,
        received_at__isnull=False,
        # The partial index (handling_unit, finished_on) WHERE outcome = late narrows the scan; the
        # exact rule (the later of the two days) is applied on what it finds.
        finished_on__lte=date_to,
    )
    received_day = TruncDate("received_at", tzinfo=LOCAL_TZ)
    return qs.annotate(counted_day=Greatest(F("finished_on"), received_day)).filter(
        Q(counted_day__gte=date_from) & Q(counted_day__lte=date_to)
    )


# --- what each figure means ("Cách tính") ---------------------------------------------------------------


@dataclass(frozen=True)
class Definition:
    anchor: str
    title: str
    text: str


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "ho-so-tre-han",
        gettext_noop("Hồ sơ trễ hạn trong kỳ"),
        gettext_noop(
            "Số hồ sơ đã giải quyết xong mà ngày kết thúc xử lý sau ngày hẹn trả (sau khi trừ thời gian chờ "
            "người dân bổ sung), đếm theo đơn vị giải quyết và theo ngày kết thúc xử lý nằm trong kỳ. Hồ sơ "
            "phải bổ sung từ lần thứ hai trở đi cũng tính là trễ hạn. Cùng một con số trên trang chủ, danh "
            "sách hồ sơ trễ hạn (lọc theo kỳ), bảng xếp hạng, tệp xuất và báo cáo."
        ),
    ),
    Definition(
        "da-giai-quyet",
        gettext_noop("Hồ sơ đã giải quyết trong kỳ"),
        gettext_noop(
            "Số hồ sơ có ngày kết thúc xử lý trong kỳ: trước hạn, đúng hạn và trễ hạn. Hồ sơ không được "
            "tiếp nhận và hồ sơ mới đăng ký không tính."
        ),
    ),
    Definition(
        "ty-le-tre-han",
        gettext_noop("Tỷ lệ trễ hạn"),
        gettext_noop(
            "Số hồ sơ trễ hạn chia cho số hồ sơ đã giải quyết trong cùng kỳ. Chỉ tính tỷ lệ khi đơn vị có đủ "
            "số hồ sơ tối thiểu để so sánh; khi không có hồ sơ nào đã giải quyết thì ghi “—”, không ghi 0 %."
        ),
    ),
    Definition(
        "dang-qua-han",
        gettext_noop("Hồ sơ đang quá hạn"),
        gettext_noop(
            "Hồ sơ chưa giải quyết xong (đã tiếp nhận, đang xử lý hoặc chờ nghĩa vụ tài chính) mà đã qua "
            "ngày hẹn trả tại thời điểm xem."
        ),
    ),
    Definition(
        "chua-co-phieu-xin-loi",
        gettext_noop("Hồ sơ trễ hạn chưa có phiếu xin lỗi"),
        gettext_noop(
            "Hồ sơ đã giải quyết trễ hạn hoặc đang quá hạn mà chưa có phiếu xin lỗi, trong phạm vi và điều "
            "kiện lọc đang chọn."
        ),
    ),
    Definition(
        "nhiem-vu-qua-han",
        gettext_noop("Nhiệm vụ quá hạn"),
        gettext_noop(
            "Nhiệm vụ chưa hoàn thành và chưa báo cáo hoàn thành, đã qua hạn hiện tại (sau gia hạn, nếu có) "
            "tại ngày xem, theo đơn vị chủ trì và các đơn vị trực thuộc. Nhiệm vụ đã huỷ và nhiệm vụ định kỳ "
            "gốc (tính theo từng kỳ) không tính; nhiệm vụ đã báo cáo đang chờ xác nhận không tính là quá hạn."
        ),
    ),
    Definition(
        "phan-anh-qua-han",
        gettext_noop("Phản ánh, kiến nghị quá hạn"),
        gettext_noop(
            "Phản ánh, kiến nghị chưa có kết quả trả lời mà đã qua hạn xử lý tại ngày xem, theo đơn vị được "
            "giao xử lý."
        ),
    ),
)
