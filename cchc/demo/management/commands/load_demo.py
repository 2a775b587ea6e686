"""``cchc load-demo [--only org,calendar,…]``: the Vũng Tàu demo, dated from today (idempotent).

The demo covers the twelve months up to the day it is first loaded (``cchc.core.demo_clock``). A second
run keeps that day — it finds what the first run wrote and adds nothing — so a demo loaded last week
stays as it was; a fresh database (``make demo-fresh``) moves it to today. Each step prints a line when
it starts and when it ends, the dossier step a progress line.
"""

import datetime as dt
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR, record
from cchc.core.models import AuditEvent
from cchc.demo.audit_events import DemoEvents
from cchc.notify.channels import messages_recorded

LOADED = DemoEvents.LOADED


def _earlier_clock() -> tuple[dt.date, dt.datetime] | None:
    """The day and moment an earlier run dated the demo from, if the database holds one."""
    event = AuditEvent.objects.filter(verb=LOADED, data__has_key="today").order_by("-id").first()
    if event is None:
        return None
    try:
        return dt.date.fromisoformat(event.data["today"]), dt.datetime.fromisoformat(event.data["now"])
    except (KeyError, TypeError, ValueError):
        return None


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu trình diễn UBND thành phố Vũng Tàu: 12 tháng gần nhất tính đến hôm nay "
        "(chạy lại nhiều lần vẫn an toàn)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only", default="", help="chỉ nạp các bước này, ví dụ --only org,calendar (mặc định: tất cả)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from cchc.demo.steps import STEPS

        only = {key.strip() for key in options["only"].split(",") if key.strip()}
        known = {key for key, _, _ in STEPS}
        if only - known:
            raise CommandError(
                f"Bước không tồn tại: {', '.join(sorted(only - known))}. Có: {', '.join(sorted(known))}"
            )
        try:
            day, moment = demo_clock.today(), demo_clock.now()
        except demo_clock.DemoClockError as exc:
            raise CommandError(str(exc)) from None
        earlier = _earlier_clock()
        if earlier is not None:
            if earlier[0] != day:
                self.stdout.write(
                    f"Dữ liệu trình diễn đã được nạp cho ngày {earlier[0]:%d/%m/%Y}: giữ nguyên ngày đó. "
                    "Muốn dữ liệu tính đến hôm nay, dùng một cơ sở dữ liệu mới (make demo-fresh)."
                )
            day, moment = earlier
        # The raw stream under Django's wrapper: the dossier progress line rewrites itself on a terminal.
        stream = getattr(self.stdout, "_out", sys.stdout)
        quiet = options.get("verbosity", 1) == 0
        with demo_clock.pinned(day, moment), messages_recorded():
            letter = demo_clock.letter_date()
            self.stdout.write(
                f"Dữ liệu trình diễn từ {demo_clock.year_start():%d/%m/%Y} đến {day:%d/%m/%Y}; "
                f"công văn 7190/UBND-NV mang ngày {letter:%d/%m/%Y}."
            )
            for n, (key, name, step) in enumerate(STEPS, start=1):
                if only and key not in only:
                    continue
                started = time.monotonic()
                if not quiet:
                    stream.write(f"[{n}/{len(STEPS)}] {name}…\n")
                    stream.flush()
                with transaction.atomic():
                    summary = step(None if quiet else stream)
                self.stdout.write(f"✓ {name}: {summary} ({time.monotonic() - started:.0f} s)")
        record(
            DEMO_ACTOR,
            LOADED,
            object_type="demo",
            object_id="vungtau",
            summary=f"Nạp dữ liệu trình diễn Vũng Tàu, 12 tháng đến ngày {day:%d/%m/%Y}",
            data={
                "today": day.isoformat(),
                "now": moment.isoformat(timespec="minutes"),
                "letter": letter.isoformat(),
            },
        )
