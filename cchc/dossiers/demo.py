"""A realistic year of one-door dossiers for the demo city: ``cchc demo-dossiers``.

By default the year is the twelve months up to the demo's today (``cchc.core.demo_clock``), so that the
default screens ("this year", "this month", "today" at the desk) are full whenever the demo is loaded;
``--year`` gives a calendar year instead.

What the generated year shows, so that the screens tell a story:

* a procedure mix weighted like a real city and its wards (``data/procedures-vungtau.csv``, column
  TrongSoTrinhDien): certification and civil status at the wards dominate, land, construction and
  household businesses at the city;
* channels in person, online and by post, with the online share growing through the year;
* supplements for about 8 % of received dossiers, a few second supplements (late by rule,
docs/rules/dossier-deadlines.md) and citizens who never come back (status 5);
* slow steps at particular places: Phường Thắng Nhì (its civil-status and certification officer above all) and
  Phường 10 run late far more often than other wards, and the city's Phòng Quản lý đô thị is the slow
  agency; Phường Thắng Nhì improves two weeks after directive 7190/UBND-NV (replayed about four months ago);
* late closings in the software: every step done on time, the end of processing recorded after the
  appointment (most often at the Phường 10 one-stop office);
* inter-agency land procedures with external steps (Chi nhánh Văn phòng đăng ký đất đai, Chi cục Thuế)
  that sometimes overrun and are blamed on that agency;
* appointments computed through the working-day calendar (``judging.calendar_for``: the city's
  calendar, else the bundled national table);
* fictitious applicants: plausible names, phones 09xxxxxxxx, 12-digit citizen ID numbers.

Everything is drawn from one ``random.Random(seed)`` in a fixed order, so a seed gives the same year
byte for byte. Dossiers go into the database through ``actions.upsert_dossiers`` (the import path,
in batches) or, with ``out``, into a JSON file in the national sync shape. The agency identifier codes
in MaHoSo are fictitious.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from django.utils import timezone

from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR
from cchc.dossiers.actions import upsert_dossiers
from cchc.dossiers.actions_procedures import import_procedures
from cchc.dossiers.demo_generator import (
    ACTOR,
    BATCH,
    CATALOGUE,
    CITY,
    DEFAULT_SEED,
    ENTERPRISE_FIELDS,
    DemoError,
    DemoResult,
    Generator,
    Org,
    Person,
    ProcSpec,
    vn_number,
)
from cchc.dossiers.judging import calendar_for
from cchc.dossiers.models import Procedure, ProcedureLevel
from cchc.dossiers.records import DossierRecord
from cchc.dossiers.records_national import to_national
from cchc.org.models import Jurisdiction, Official, Unit, UnitKind

# --- catalogue and organisation -------------------------------------------------------------------------


def load_catalogue() -> str:
    """Import the demo procedure catalogue (idempotent: a second run changes nothing)."""
    result = import_procedures(CATALOGUE.read_bytes(), CATALOGUE.name, actor=DEMO_ACTOR)
    if result.errors:
        listed = "; ".join(str(e) for e in result.errors[:5])
        raise DemoError(f"Danh mục TTHC trình diễn không nhập được: {listed}")
    return result.summary()


def _weights() -> dict[str, float]:
    with CATALOGUE.open(encoding="utf-8", newline="") as fh:
        return {row["MaTTHC"]: float(row["TrongSoTrinhDien"] or 0) for row in csv.DictReader(fh)}


def _specs() -> list[ProcSpec]:
    weights = _weights()
    specs = []
    procs = Procedure.objects.filter(national_code__in=list(weights)).prefetch_related("handling_units")
    for p in procs.order_by("national_code"):
        units = sorted(p.handling_units.all(), key=lambda u: u.code)
        wards = tuple(u.code for u in units if u.kind == UnitKind.WARD_COMMITTEE)
        agencies = [u.code for u in units if u.kind == UnitKind.AGENCY]
        specs.append(
            ProcSpec(
                code=p.national_code,
                name=p.name,
                field=p.field_name,
                limit=float(p.limit_value or 1),
                unit=p.limit_unit,
                online=p.online_level,
                weight=weights[p.national_code],
                ward_units=wards,
                agency=agencies[0] if agencies else "",
                shares=tuple((s["unit"], float(s["share"]), bool(s["external"])) for s in p.step_shares),
                multi_level=p.level == ProcedureLevel.MULTI,
                enterprise=p.field_name in ENTERPRISE_FIELDS,
            )
        )
    return [s for s in specs if s.weight > 0 and (s.ward_units or s.agency)]


def _org() -> Org:
    wards = Unit.objects.filter(kind=UnitKind.WARD_COMMITTEE, code__startswith="UBND-").select_related(
        "jurisdiction"
    )
    suffix = {u.code: u.code.removeprefix("UBND-") for u in wards.order_by("code")}
    names = {u.code: u.jurisdiction.name for u in wards.order_by("code")}
    people = {o.code: Person(o.full_name, o.position) for o in Official.objects.order_by("code")}
    return Org(suffix, names, people)


def require_demo_org() -> Jurisdiction:
    city = Jurisdiction.objects.filter(code=CITY).first()
    if city is None or not Unit.objects.filter(code="BPMC-VT").exists():
        raise DemoError(
            "Chưa có tổ chức trình diễn (thành phố Vũng Tàu, mã 747): chạy «cchc load-demo» trước."
        )
    return city


# --- running it -----------------------------------------------------------------------------------------


ProgressFn = Callable[[int, int], Any]


def progress_line(stream: TextIO) -> ProgressFn:
    started = time.monotonic()
    tty = bool(getattr(stream, "isatty", lambda: False)())

    def report(done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        text = (
            f"Đã ghi {vn_number(done)}/{vn_number(total)} hồ sơ ({pct}%), {time.monotonic() - started:.0f} s"
        )
        stream.write(("\r" + text.ljust(70)) if tty else text + "\n")
        if tty and done >= total:
            stream.write("\n")
        stream.flush()

    return report


def period(year: int | None) -> tuple[dt.date, dt.date, dt.date]:
    """(first day, last day, the day Phường Thắng Nhì starts improving) of the dossiers to draw: the
    calendar ``year`` (improving from September, as after the real letter of August 2022), or by default
    the demo clock's twelve months (improving two weeks after the demo's letter)."""
    if year is None:
        return (
            demo_clock.year_start(),
            demo_clock.year_end(),
            demo_clock.letter_date() + dt.timedelta(days=14),
        )
    if year > timezone.localdate().year or year < 2020:
        raise DemoError(f"Năm {year} không dùng được: chọn từ 2020 đến năm nay.")
    return dt.date(year, 1, 1), dt.date(year, 12, 31), dt.date(year, 9, 1)


def generate(
    count: int, *, seed: int = DEFAULT_SEED, year: int | None = None
) -> tuple[Iterator[DossierRecord], Generator]:
    """The records of a demo year (in receipt order). Needs the demo organisation and catalogue."""
    if count < 1:
        raise DemoError("Số hồ sơ (--count) phải lớn hơn 0.")
    city = require_demo_org()
    first, last, improves_from = period(year)
    specs = _specs()
    if not specs:
        raise DemoError("Chưa có danh mục TTHC trình diễn.")
    gen = Generator(
        seed=seed,
        first=first,
        last=last,
        improves_from=improves_from,
        cal=calendar_for(city),
        specs=specs,
        org=_org(),
    )
    instants = gen.receipt_instants(count)

    def records() -> Iterator[DossierRecord]:
        for n, t in enumerate(instants, start=1):
            yield gen.dossier(n, t)

    return records(), gen


def run(
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    year: int | None = None,
    out: Path | None = None,
    progress: ProgressFn | None = None,
) -> DemoResult:
    """Load the demo catalogue, then write ``count`` dossiers of ``year`` (default: the demo clock's twelve
    months) to the database or to ``out``."""
    started = time.monotonic()
    require_demo_org()
    load_catalogue()
    records, gen = generate(count, seed=seed, year=year)
    result = DemoResult(out=out)
    total = count
    if out is not None:
        with out.open("w", encoding="utf-8") as fh:
            fh.write('{"data": [\n')
            for n, rec in enumerate(records, start=1):
                fh.write((",\n" if n > 1 else "") + json.dumps(to_national(rec), ensure_ascii=False))
                result.count = n
                if progress and n % BATCH == 0:
                    progress(n, total)
            fh.write("\n]}\n")
        if progress and result.count % BATCH:
            progress(result.count, total)
    else:
        city = Jurisdiction.objects.get(code=CITY)
        batch: list[DossierRecord] = []

        def flush() -> None:
            res = upsert_dossiers(
                batch,
                actor=DEMO_ACTOR,
                source=f"{ACTOR} seed={seed}",
                jurisdiction=city,
                as_of=gen.snapshot.date(),
            )
            if res.errors:
                raise DemoError("Hồ sơ trình diễn bị từ chối: " + "; ".join(str(e) for e in res.errors[:5]))
            result.created += res.created
            result.updated += res.updated
            result.unchanged += res.unchanged
            result.count += len(batch)
            batch.clear()
            if progress:
                progress(result.count, total)

        for rec in records:
            batch.append(rec)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    result.seconds = time.monotonic() - started
    return result


def load_dossier_demo(count: int = 200_000, progress: ProgressFn | None = None) -> str:
    """The ``cchc load-demo`` step: the demo catalogue and the twelve months to today, idempotent; then
    the monthly late lists (``load_late_lists``) and the deadlines of the inter-agency steps open today."""
    summary = run(count, seed=DEFAULT_SEED, progress=progress).summary()
    # The inter-agency steps open today get their deadlines now, not at the first reminder run, so the
    # leader's ranking of overdue steps is filled from the start.
    from cchc.dossiers import interagency

    steps = interagency.refresh()
    return f"{summary} {load_late_lists()} Bước liên thông đang theo dõi: {steps.opened}."


def load_late_lists() -> str:
    """The monthly lists of units and officials with late dossiers: the month before last approved and
    published by the leader, last month drafted by the Office and waiting for the leader — so the
    leader's home, the confirmation before publication and the public page all have something to show.
    Idempotent: lists that exist are left as they are."""
    from cchc.accounts.models import User
    from cchc.dossiers.actions.late_lists import approve_late_list, draft_late_list
    from cchc.dossiers.models import LateList

    office = User.objects.filter(username="vanphong").first()
    leader = User.objects.filter(username="lanhdao").first()
    if office is None or leader is None:
        return "(chưa có tài khoản Văn phòng, lãnh đạo: bỏ qua danh sách trễ hạn)"
    today = demo_clock.today()
    last = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    before = (last - dt.timedelta(days=1)).replace(day=1)
    done = []
    for month, publish in ((before, True), (last, False)):
        if LateList.objects.filter(month=month).exists():
            continue
        late_list = draft_late_list(office, month, note="Số liệu trình diễn.", today=today)
        if publish:
            approve_late_list(leader, late_list, publish=True)
        done.append(f"{month:%m/%Y} {'đã công khai' if publish else 'chờ phê duyệt'}")
    return f"Danh sách trễ hạn: {', '.join(done)}." if done else ""
