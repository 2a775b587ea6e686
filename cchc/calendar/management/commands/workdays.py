"""``cchc workdays``: deadlines and working days from the command line.

    cchc workdays add --from 2023-01-19 --days 3              → 2023-01-31
    cchc workdays add --from "2024-05-03 10:00" --hours 8     → 2024-05-04 10:00
    cchc workdays add --from 2024-04-19 --calendar-days 10    → 2024-05-02
    cchc workdays between --from 2026-02-13 --to 2026-02-24   → 2
    cchc workdays list --year 2026
    cchc workdays check-next-year                             (exit 1 when next year is missing)

Uses the calendar in effect in the database for ``--jurisdiction CODE`` (default: the root calendar)
when one exists, else the bundled table (settings.CCHC_WORKDAYS_CSV), so it works on an empty database.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import DatabaseError
from django.utils import timezone

from cchc.calendar.management.cli import (
    VietnameseCommand,
    VietnameseCommandParser,
    count_arg,
    day_arg,
    fail,
    hours_arg,
    instant_arg,
    year_arg,
)
from cchc.calendar.models import Calendar
from cchc.calendar.queries import (
    EffectiveEntry,
    build_work_calendar,
    effective_entries,
    missing_next_year,
    provisional_count,
)
from cchc.lib.workcal import WEEKDAY_NAMES, WorkCalendar
from cchc.org.models import Jurisdiction


class Command(VietnameseCommand):
    help = "Tính hạn theo ngày làm việc, đếm ngày làm việc, liệt kê ngày nghỉ lễ, nghỉ bù, làm bù."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(
            dest="action",
            metavar="{add,between,list,check-next-year}",
            required=True,
            parser_class=VietnameseCommandParser,
        )
        add = sub.add_parser("add", help="Hạn sau N ngày làm việc / giờ làm việc / ngày / tháng")
        add.add_argument(
            "--from", dest="start", type=instant_arg, required=True, help="ngày hoặc thời điểm nhận"
        )
        amount = add.add_mutually_exclusive_group(required=True)
        amount.add_argument("--days", type=count_arg, help="số ngày làm việc")
        amount.add_argument("--hours", type=hours_arg, help="số giờ làm việc (chỉ tính trong giờ hành chính)")
        amount.add_argument("--calendar-days", type=count_arg, help="số ngày (ngày lịch)")
        amount.add_argument("--months", type=count_arg, help="số tháng")

        between = sub.add_parser("between", help="Số ngày làm việc sau FROM đến hết TO")
        between.add_argument("--from", dest="start", type=instant_arg, required=True)
        between.add_argument("--to", dest="end", type=instant_arg, required=True)

        listing = sub.add_parser("list", help="Các ngày nghỉ lễ, nghỉ bù, làm bù của một năm")
        listing.add_argument("--year", type=year_arg, required=True)

        check = sub.add_parser(
            "check-next-year", help="Nhắc nạp lịch năm sau (từ 1/10); mã thoát 1 nếu thiếu"
        )
        check.add_argument("--today", type=day_arg, help="ngày kiểm tra (mặc định: hôm nay)")

        for p in (add, between, listing, check):
            p.add_argument("--jurisdiction", metavar="MÃ", help="mã địa bàn (mặc định: lịch cấp cao nhất)")

    def handle(self, *args: Any, **options: Any) -> None:
        jurisdiction = self._jurisdiction(options.get("jurisdiction"))
        action = options["action"]
        if action == "add":
            self._add(build_work_calendar(jurisdiction), options)
        elif action == "between":
            cal = build_work_calendar(jurisdiction)
            self.stdout.write(str(cal.working_days_between(options["start"], options["end"])))
        elif action == "list":
            self._list(effective_entries(jurisdiction, options["year"]))
        elif action == "check-next-year":
            self._check(jurisdiction, options.get("today") or timezone.localdate())

    def _jurisdiction(self, code: str | None) -> Jurisdiction | None:
        """The jurisdiction whose calendar is in effect; None means the bundled table."""
        try:
            if code:
                found = Jurisdiction.objects.filter(code=code).first()
                if found is None:
                    fail(f"không có địa bàn mã '{code}'")
                return found
            roots = list(
                Calendar.objects.filter(jurisdiction__parent__isnull=True).select_related("jurisdiction")
            )
        except DatabaseError:
            # No database yet (fresh clone, not migrated): the bundled table still answers.
            if code:
                fail("chưa có cơ sở dữ liệu; bỏ --jurisdiction để dùng bảng ngày nghỉ kèm theo")
            return None
        if len(roots) > 1:
            codes = ", ".join(c.jurisdiction.code for c in roots)
            fail(f"có nhiều lịch cấp cao nhất ({codes}); hãy chọn bằng --jurisdiction")
        return roots[0].jurisdiction if roots else None

    def _add(self, cal: WorkCalendar, options: dict[str, Any]) -> None:
        start: date | datetime = options["start"]
        if options.get("hours") is not None:
            begin = start if isinstance(start, datetime) else datetime.combine(start, cal.hours.morning_start)
            result = cal.add_working_hours(begin, options["hours"])
            self.stdout.write(result.strftime("%Y-%m-%d %H:%M"))
            return
        if options.get("days") is not None:
            day = cal.add_working_days(start, options["days"])
        elif options.get("calendar_days") is not None:
            day = cal.add_calendar_days(start, options["calendar_days"])
        else:
            day = cal.add_months(start, options["months"])
        self.stdout.write(day.isoformat())

    def _list(self, entries: list[EffectiveEntry]) -> None:
        for e in entries:
            flag = " (dự kiến)" if e.is_provisional else ""
            weekday = WEEKDAY_NAMES[e.date.weekday()]
            self.stdout.write(
                f"{e.date.isoformat()}\t{weekday}\t{e.kind_label}{flag}\t{e.name}\t{e.legal_reference}"
            )

    def _check(self, jurisdiction: Jurisdiction | None, today: date) -> None:
        year = missing_next_year(jurisdiction, today)
        where = jurisdiction.name if jurisdiction is not None else "bảng ngày nghỉ kèm theo"
        if year is None:
            self.stdout.write(
                f"Lịch năm {today.year + 1} của {where}: không cần nhắc vào ngày {today:%d/%m/%Y}."
            )
            return
        estimates = provisional_count(jurisdiction, year)
        detail = f" (mới có {estimates} ngày dự kiến)" if estimates else ""
        self.stderr.write(
            f"Chưa có lịch nghỉ lễ, làm bù chính thức năm {year} cho {where}{detail}. Khi có văn bản của "
            f"Thủ tướng Chính phủ / Bộ Nội vụ, hãy nạp bằng: cchc load-workdays TỆP.csv"
        )
        raise SystemExit(1)
