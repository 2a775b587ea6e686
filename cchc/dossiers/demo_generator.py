"""The demo year's generator: the city's rates and rhythms and the ``Generator`` that draws each dossier's
steps on the units' working hours (``cchc.dossiers.demo`` runs it). The fictitious applicants' names and
addresses are in ``demo_people``; office time as integer minutes in ``demo_office_time``."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc.core import demo_clock
from cchc.dossiers.demo_office_time import OfficeClock
from cchc.dossiers.demo_people import (
    COMPANY,
    EXTERNAL_PEOPLE,
    FAMILY,
    FAMILY_WEIGHT,
    GIVEN_F,
    GIVEN_M,
    MIDDLE_F,
    MIDDLE_M,
    PHONE_PREFIX,
    STREETS,
)
from cchc.dossiers.models import LimitUnit, OnlineLevel
from cchc.dossiers.records import DossierRecord, StepRecord, SupplementRecord
from cchc.lib.workcal import WorkCalendar

CATALOGUE = Path(__file__).parent / "data" / "procedures-vungtau.csv"
CITY = "747"
ACTOR = "cchc demo-dossiers"
BATCH = 5000
DEFAULT_SEED = 2022

# Relative size of each ward's caseload (bigger, denser wards receive more).
WARD_WEIGHT = {
    "P1": 0.9, "P2": 0.7, "P3": 0.8, "P4": 0.8, "P5": 0.9, "P7": 1.0, "P8": 0.9, "P9": 1.1, "P10": 1.2,
    "P11": 1.4, "P12": 1.3, "TN1": 1.5, "TN2": 1.0, "TT": 1.1, "NAN": 1.3, "RD": 1.4, "LS": 0.5,
}  # fmt: skip
# Chance that a step of an ordinary unit finishes after its own deadline.
BASE_OVERRUN = 0.012
UNIT_OVERRUN = {
    "UBND-TN2": 0.20, "UBND-P10": 0.12, "QLĐT": 0.28, "TNMT": 0.06, "LĐTBXH": 0.05,
    "Chi nhánh Văn phòng đăng ký đất đai TP Vũng Tàu": 0.08, "Chi cục Thuế TP Vũng Tàu": 0.12,
}  # fmt: skip
OFFICIAL_OVERRUN = {"TN2-TPHT": 0.40, "P10-TPHT": 0.22, "QLĐT-CV2": 0.35}
# Overrun factor once directive 7190 has been at work for a couple of weeks (``Generator.improves_from``).
IMPROVES = {"UBND-TN2": 0.4, "TN2-TPHT": 0.4}
# Chance that the end of processing is recorded late although every step was on time.
SOFTWARE_CLOSING = {"BPMC-P10": 0.10}
BASE_SOFTWARE_CLOSING = 0.006
SUPPLEMENT_RATE = {
    "Chứng thực": 0.02, "Hộ tịch": 0.08, "Đất đai": 0.25, "Xây dựng": 0.28,
    "Thành lập và hoạt động của hộ kinh doanh": 0.12, "Bảo trợ xã hội": 0.15,
}  # fmt: skip
DEFAULT_SUPPLEMENT_RATE = 0.12
SECOND_SUPPLEMENT = 0.12
NEVER_SUPPLEMENTED = 0.10
REFUSED, REFUSED_ONLINE, WITHDRAWN = 0.01, 0.03, 0.004
CITY_SIGNED_FIELDS = frozenset({"Xây dựng", "Bảo trợ xã hội"})
ENTERPRISE_FIELDS = frozenset({"Văn hóa", "An toàn thực phẩm", "Lưu thông hàng hóa trong nước"})
WARD_SPECIALIST = {"Hộ tịch": "TPHT", "Chứng thực": "TPHT", "Đất đai": "ĐC", "Xây dựng": "ĐC"}
ONLINE_FACTOR: dict[str, float] = {OnlineLevel.FULL: 1.3, OnlineLevel.PARTIAL: 1.0}
SUPPLEMENT_TEXT = "Bổ sung giấy tờ còn thiếu"
# Month factors of the daily caseload: the rush before Tết (late January or February) and the lull after it.
MONTH_LOAD = {
    1: 1.25,
    2: 0.75,
    3: 1.05,
    4: 1.0,
    5: 1.0,
    6: 1.05,
    7: 1.0,
    8: 1.0,
    9: 0.95,
    10: 1.0,
    11: 1.0,
    12: 1.1,
}
WEEKDAY_LOAD = (1.25, 1.05, 1.0, 0.95, 0.9, 0.6, 0.3)  # make-up Saturdays are quieter
# The national fields Decision 766 reads, per handling unit: the share of received dossiers whose
# inputs are digitised (the same share of results is issued as an electronic file). Most wards are near
# the 80 % target; a few lag, so the 766 page has something to show.
DIGITISING = {
    "UBND-P10": 0.42, "UBND-TN2": 0.55, "UBND-LS": 0.60, "UBND-P3": 0.68, "QLĐT": 0.50,
    "UBND-P1": 0.95, "UBND-P7": 0.93, "UBND-P9": 0.90, "UBND-NAN": 0.88,
}  # fmt: skip
BASE_DIGITISING = 0.80
# Of the dossiers submitted online, the share from an account verified with VNeID (grows in the year).
VNEID_SHARE = {"UBND-P10": 0.35, "UBND-TN2": 0.45, "UBND-P1": 0.85}
BASE_VNEID = 0.65
PAID_ONLINE_SHARE = 0.55  # online dossiers of fee-bearing procedures paid on the national portal


STEP_TEXT = {
    "receive": "Tiếp nhận hồ sơ",
    "process": "Thẩm định hồ sơ, đề xuất",
    "review": "Xem xét, trình ký",
    "sign": "Ký duyệt kết quả",
    "return": "Nhận kết quả, chuyển trả",
    "consider": "Xét duyệt, lập danh sách",
}
EXTERNAL_TEXT = {"Văn phòng": "Kiểm tra hồ sơ địa chính, đo đạc", "Thuế": "Xác định nghĩa vụ tài chính"}


class DemoError(Exception):
    """The demo cannot run (no demo organisation, bad arguments); the message is Vietnamese."""


@dataclass(frozen=True)
class Person:
    name: str
    position: str


@dataclass(frozen=True)
class ProcSpec:
    code: str
    name: str
    field: str
    limit: float
    unit: str
    online: str
    weight: float
    ward_units: tuple[str, ...]  # ward committees among the handling units
    agency: str  # the city agency among the handling units, "" if none
    shares: tuple[tuple[str, float, bool], ...]  # inter-agency split (unit, working days, external)
    multi_level: bool
    enterprise: bool


@dataclass
class Org:
    ward_suffix: dict[str, str]  # UBND-P1 → P1
    ward_name: dict[str, str]  # UBND-P1 → Phường 1
    people: dict[str, Person]  # official code → person


@dataclass(frozen=True)
class Plan:
    unit: str
    official: str  # the official's code ("" for an external agency)
    person: Person | None
    kind: str
    share: float
    external: bool = False


@dataclass
class DemoResult:
    count: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    out: Path | None = None

    def summary(self) -> str:
        n = vn_number(self.count)
        if self.out is not None:
            return f"Đã ghi {n} hồ sơ trình diễn vào {self.out} ({self.seconds:.0f} s)."
        return (
            f"{n} hồ sơ trình diễn: {vn_number(self.created)} mới, {vn_number(self.updated)} cập nhật, "
            f"{vn_number(self.unchanged)} không đổi ({self.seconds:.0f} s)."
        )


def vn_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- the generator --------------------------------------------------------------------------------------


def _ceil_minute(t: dt.datetime) -> dt.datetime:
    base = t.replace(second=0, microsecond=0)
    return base if base == t else base + dt.timedelta(minutes=1)


class Generator:
    def __init__(
        self,
        *,
        seed: int,
        first: dt.date,
        last: dt.date,
        improves_from: dt.date,
        cal: WorkCalendar,
        specs: list[ProcSpec],
        org: Org,
    ) -> None:
        self.rng = random.Random(seed)
        self.first = first
        self.improves_from = improves_from
        self.cal = cal
        self.specs = specs
        self.org = org
        # The data is a snapshot at the end of the last day (or an hour ago, when that is today): later
        # events have not happened yet, so dossiers still in progress then stay open.
        self.snapshot = min(dt.datetime.combine(last, dt.time(17, 0)), demo_clock.now())
        self.span_days = max(1, (self.snapshot.date() - first).days)
        self.spec_weights = [s.weight for s in specs]
        self.wards = list(org.ward_suffix)
        self.ward_weights = [WARD_WEIGHT.get(org.ward_suffix[w], 1.0) for w in self.wards]
        self.desk_number = {f"BPMC-{sfx}": i for i, sfx in enumerate(org.ward_suffix.values(), start=1)}
        self.seq: dict[tuple[str, str], int] = {}
        # Far enough past the year for every late step, supplement and hand-over.
        self.clock = OfficeClock(cal, first, dt.date(last.year + 2, 12, 31))
        self.snap_pos = self.clock.pos(self.snapshot)

    # -- receipt instants --
    def receipt_instants(self, count: int) -> list[dt.datetime]:
        last = self.snapshot.date()
        days = self.cal.working_days_in(self.first, last) if last >= self.first else []
        if not days:
            raise DemoError(
                f"Từ {self.first:%d/%m/%Y} đến {last:%d/%m/%Y} chưa có ngày làm việc nào để sinh hồ sơ."
            )
        weights = [MONTH_LOAD[d.month] * WEEKDAY_LOAD[d.weekday()] for d in days]
        out = []
        for i in self.rng.choices(range(len(days)), weights=weights, k=count):
            if self.rng.random() < 0.6:
                minute = self.rng.randint(7 * 60 + 15, 11 * 60 + 15)
            else:
                minute = self.rng.randint(13 * 60 + 30, 16 * 60 + 50)
            t = dt.datetime.combine(days[i], dt.time(minute // 60, minute % 60))
            out.append(min(t, self.snapshot - dt.timedelta(minutes=self.rng.randint(1, 240))))
        out.sort()
        return out

    # -- people --
    def applicant(self, spec: ProcSpec, ward: str) -> dict[str, Any]:
        rng = self.rng
        area = (
            self.org.ward_name.get(ward) or self.org.ward_name[rng.choices(self.wards, self.ward_weights)[0]]
        )
        address = f"{rng.randint(1, 350)} {rng.choice(STREETS)}, {area}, TP Vũng Tàu"
        phone = rng.choice(PHONE_PREFIX) + f"{rng.randrange(10**7):07d}"
        if spec.enterprise or rng.random() < 0.02:
            name = f"Công ty TNHH {rng.choice(('Thương mại', 'Dịch vụ', 'Du lịch'))} {rng.choice(COMPANY)}"
            tax_code = f"3500{rng.randrange(10**6):06d}"  # enterprises of the province: 35xxxxxxxx
            return {"name": name, "id": tax_code, "phone": phone, "type": 2, "address": address}
        female = rng.random() < 0.5
        family = rng.choices(FAMILY, weights=FAMILY_WEIGHT)[0]
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        born = rng.randint(1950, 2004)
        # Citizen ID (CCCD): province of birth (077 Bà Rịa - Vũng Tàu…), century and sex, year, serial.
        province = rng.choices(("077", "079", "075", "052", "040", "038"), weights=(70, 8, 6, 6, 5, 5))[0]
        century_sex = (0 if born < 2000 else 2) + (1 if female else 0)
        cccd = f"{province}{century_sex}{born % 100:02d}{rng.randrange(10**6):06d}"
        return {
            "name": f"{family} {middle} {given}",
            "id": cccd,
            "phone": phone,
            "type": 1,
            "address": address,
        }

    def plan(self, unit: str, official: str, kind: str, share: float) -> Plan:
        return Plan(unit, official, self.org.people.get(official), kind, share)

    # -- routing --
    def route(self, spec: ProcSpec) -> tuple[str, str, list[Plan]]:
        """(receiving unit, handling unit, steps) for one dossier of ``spec``."""
        rng = self.rng
        at_ward = bool(spec.ward_units) and (not spec.agency or rng.random() < 0.85)
        if at_ward:
            weights = [WARD_WEIGHT.get(self.org.ward_suffix.get(w, ""), 1.0) for w in spec.ward_units]
            ward = rng.choices(spec.ward_units, weights=weights)[0]
            s = self.org.ward_suffix[ward]
            desk = f"BPMC-{s}"
            specialist = WARD_SPECIALIST.get(spec.field, "VPTK")
            return (
                desk,
                ward,
                [
                    self.plan(desk, f"{s}-MC{rng.randint(1, 2)}", "receive", 0.1),
                    self.plan(ward, f"{s}-{specialist}", "process", 0.55),
                    self.plan(ward, f"{s}-{'CT' if rng.random() < 0.2 else 'PCT'}", "sign", 0.25),
                    self.plan(desk, f"{s}-MC{rng.randint(1, 2)}", "return", 0.1),
                ],
            )
        agency = spec.agency
        if spec.multi_level and not spec.ward_units:
            # Received and considered at the ward, decided in the city (social protection).
            ward = rng.choices(self.wards, self.ward_weights)[0]
            s = self.org.ward_suffix[ward]
            desk = f"BPMC-{s}"
            return (
                desk,
                agency,
                [
                    self.plan(desk, f"{s}-MC{rng.randint(1, 2)}", "receive", 0.05),
                    self.plan(ward, f"{s}-VPTK", "consider", 0.35),
                    self.plan(agency, f"{agency}-CV{rng.randint(1, 2)}", "process", 0.3),
                    self.plan(agency, f"{agency}-{rng.choice(('TP', 'PP'))}", "review", 0.1),
                    self.plan("UBND-VT", f"VT-PCT{rng.randint(1, 2)}", "sign", 0.15),
                    self.plan(desk, f"{s}-MC{rng.randint(1, 2)}", "return", 0.05),
                ],
            )
        desk = "BPMC-VT"
        plans: list[Plan] = []
        if spec.shares:
            last_desk = max((i for i, (u, _, _) in enumerate(spec.shares) if u == desk), default=-1)
            for i, (unit, share, external) in enumerate(spec.shares):
                if external:
                    person = Person(rng.choice(EXTERNAL_PEOPLE), "Chuyên viên")
                    plans.append(Plan(unit, "", person, "external", share, True))
                elif unit == desk:
                    kind = "receive" if i < last_desk else "return"
                    plans.append(self.plan(unit, f"BPMC-VT-CC{rng.randint(1, 4)}", kind, share))
                elif unit == "UBND-VT":
                    plans.append(self.plan(unit, f"VT-PCT{rng.randint(1, 2)}", "sign", share))
                else:
                    plans.append(self.plan(unit, f"{unit}-CV{rng.randint(1, 2)}", "process", share))
            return desk, agency, plans
        plans = [
            self.plan(desk, f"BPMC-VT-CC{rng.randint(1, 4)}", "receive", 0.05),
            self.plan(agency, f"{agency}-CV{rng.randint(1, 2)}", "process", 0.55),
            self.plan(agency, f"{agency}-{'TP' if rng.random() < 0.4 else 'PP'}", "review", 0.2),
        ]
        if spec.field in CITY_SIGNED_FIELDS:
            plans.append(self.plan("UBND-VT", f"VT-PCT{rng.randint(1, 2)}", "sign", 0.15))
        plans.append(self.plan(desk, f"BPMC-VT-CC{rng.randint(1, 4)}", "return", 0.05))
        return desk, agency, plans

    # -- deadlines --
    def appointment(self, spec: ProcSpec, received: dt.datetime) -> dt.datetime:
        """NgayHenTra through the working-day calendar, in the procedure's own unit
        (docs/rules/working-days.md)."""
        cal = self.cal
        if spec.unit == LimitUnit.HOURS:
            return _ceil_minute(cal.add_working_hours(received, spec.limit))
        n = int(spec.limit)
        if spec.unit == LimitUnit.DAYS:
            day = cal.add_calendar_days(received, n)
        elif spec.unit == LimitUnit.MONTHS:
            day = cal.add_months(received, n)
        else:
            day = cal.add_working_days(received, n)
        clock = min(max(received.time(), dt.time(7, 30)), dt.time(16, 30))
        if dt.time(11, 30) < clock < dt.time(13, 30):
            clock = dt.time(13, 30)
        return dt.datetime.combine(day, clock)

    def overrun_chance(self, plan: Plan, received: dt.date) -> float:
        p = max(UNIT_OVERRUN.get(plan.unit, BASE_OVERRUN), OFFICIAL_OVERRUN.get(plan.official, 0.0))
        for key in (plan.unit, plan.official):
            if key in IMPROVES and received >= self.improves_from:
                p *= IMPROVES[key]
        if received.month == 1:
            p *= 1.5  # the rush before Tết
        if plan.kind in ("receive", "return"):
            p *= 0.3
        return p

    # -- one dossier --
    def dossier(self, row: int, received: dt.datetime) -> DossierRecord:
        rng = self.rng
        spec = rng.choices(self.specs, weights=self.spec_weights)[0]
        desk, handling, plans = self.route(spec)
        ward = next((p.unit for p in plans if p.unit in self.org.ward_suffix), "")
        who = self.applicant(spec, ward)
        year_fraction = min(1.0, (received.date() - self.first).days / self.span_days)
        online = (0.10 + 0.30 * year_fraction) * ONLINE_FACTOR.get(spec.online, 0.1)
        r = rng.random()
        if r < online:
            channel, submitted = 2, received - dt.timedelta(minutes=rng.randint(20, 36 * 60))
        elif r < online + 0.02 and spec.unit != LimitUnit.HOURS:
            channel, submitted = 3, received - dt.timedelta(days=rng.randint(2, 4))
        else:
            channel, submitted = 1, received - dt.timedelta(minutes=rng.randint(0, 15))
        email = f"hoso{rng.randrange(10**6):06d}@example.com" if channel == 2 and rng.random() < 0.4 else ""
        rec = DossierRecord(
            row=row,
            code=self.code(desk, received),
            procedure_code=spec.code,
            handling_unit_code=handling,
            receiving_unit_code=desk,
            status=4,
            channel=channel,
            applicant_name=who["name"],
            applicant_id_number=who["id"],
            applicant_phone=who["phone"],
            applicant_email=email,
            applicant_address=who["address"],
            applicant_type=who["type"],
            summary=spec.name[:1000],
            submitted_at=submitted,
        )
        if rng.random() < (REFUSED_ONLINE if channel == 2 else REFUSED):
            rec.status = 3
            rec.refused_at = min(
                _ceil_minute(received + dt.timedelta(minutes=rng.randint(5, 240))), self.snapshot
            )
            return rec
        rec.received_at = received
        rec.appointment_at = self.appointment(spec, received)
        self.process(rec, spec, plans)
        service_fields(rec, year_fraction)
        return rec

    def code(self, desk: str, received: dt.datetime) -> str:
        """MaHoSo: <agency identifier>-<yyMMdd>-<sequence> (docs/rules/dossier-deadlines.md); the identifiers
        are made up."""
        day = received.strftime("%y%m%d")
        n = self.seq[desk, day] = self.seq.get((desk, day), 0) + 1
        return f"000.{self.desk_number.get(desk, 0):02d}.35.H02-{day}-{n:04d}"

    def process(self, rec: DossierRecord, spec: ProcSpec, plans: list[Plan]) -> None:
        """Steps, supplements and the end, as far as the snapshot; sets the status. Times are worked
        out in office minutes (``OfficeClock``) and turned into instants only for the record."""
        rng, clock, snap = self.rng, self.clock, self.snap_pos
        assert rec.received_at is not None and rec.appointment_at is not None
        begin, due = clock.pos(rec.received_at), clock.pos(rec.appointment_at)
        total = max(due - begin, 60)
        weight = sum(p.share for p in plans)
        allowances = [max(int(total * p.share / weight), 5) for p in plans]
        soft = rng.random() < SOFTWARE_CLOSING.get(rec.receiving_unit_code, BASE_SOFTWARE_CLOSING)
        sup_step = next((i for i, p in enumerate(plans) if p.kind in ("process", "consider")), 1)
        wants_supplement = rng.random() < SUPPLEMENT_RATE.get(spec.field, DEFAULT_SUPPLEMENT_RATE)
        withdraw_at = rng.randrange(1, len(plans)) if rng.random() < WITHDRAWN else -1
        waited = 0
        start, prev = begin, ""
        for i, plan in enumerate(plans):
            if start >= snap:
                rec.status = 4
                return
            # Each step's deadline (NgayKetThucTheoQuyDinh) is set when it is handed over: its share of
            # the time limit from its start (docs/rules/working-days.md: "every step carries its own
            # deadline").
            deadline = start + allowances[i]
            if not soft and rng.random() < self.overrun_chance(plan, rec.received_at.date()):
                overshoot = int(60 * rng.choice((0.5, 2, 4, 8, 12, 16, 24)) * rng.uniform(0.7, 1.3))
                finish = deadline + max(overshoot, 10)
            else:
                finish = start + max(int(allowances[i] * rng.uniform(0.1, 0.9)), 5)
            if i == sup_step and wants_supplement:
                finish, shift = self.supplements(rec, start, finish, allowances[i])
                waited += shift
                deadline += shift
                if rec.status == 5:  # waiting for the citizen at the snapshot, or never came back
                    rec.steps.append(self.step(i, plan, prev, start, None, deadline))
                    return
            if i == withdraw_at:
                stop = start + int(allowances[i] * rng.uniform(0.1, 0.8)) + 1
                if stop <= snap:
                    rec.steps.append(self.step(i, plan, prev, start, stop, deadline))
                    rec.status, rec.end_at = 7, clock.at(stop)
                    return
            done = finish if finish <= snap else None
            rec.steps.append(self.step(i, plan, prev, start, done, deadline))
            if done is None:
                rec.status = 6 if plan.external and "Thuế" in plan.unit else 4
                return
            prev, start = plan.unit, finish
        end = clock.at(start)
        if soft:
            # Every step on time, the end recorded in the software one to three working days after the
            # (supplement-shifted) appointment: the founding letter's "slow closing in the software".
            late_day = self.cal.add_working_days(clock.at(due + waited).date(), rng.choice((1, 1, 2, 3)))
            minute = rng.randint(7 * 60 + 30, 16 * 60 + 30)
            end = max(end, dt.datetime.combine(late_day, dt.time(minute // 60, minute % 60)))
        if end > self.snapshot:
            rec.status = 4
            return
        rec.end_at, rec.status = end, 9
        self.hand_over(rec, clock.pos(end))

    def supplements(self, rec: DossierRecord, start: int, finish: int, allowance: int) -> tuple[int, int]:
        """Requests made during the step that started at ``start``: the step's new finish and the office
        minutes spent waiting for the citizen (docs/rules/dossier-deadlines.md). Sets status 5 when the
        citizen has not come back by the snapshot."""
        rng, clock = self.rng, self.clock
        asked = start + max(int(allowance * rng.uniform(0.1, 0.6)), 10)
        waited = 0
        rounds = 2 if rng.random() < SECOND_SUPPLEMENT else 1
        for n in range(1, rounds + 1):
            if asked > self.snap_pos:
                break
            gives_up = rng.random() < NEVER_SUPPLEMENTED
            back = asked + clock.per_day * rng.choice((1, 2, 3, 5, 7, 10))
            if gives_up or back > self.snap_pos:
                rec.supplements.append(SupplementRecord(n, clock.at(asked), None, SUPPLEMENT_TEXT))
                rec.status = 5
                return finish, waited
            rec.supplements.append(SupplementRecord(n, clock.at(asked), clock.at(back), SUPPLEMENT_TEXT))
            waited += back - asked
            asked = back + max(int(allowance * rng.uniform(0.1, 0.4)), 10)
        return finish + waited, waited

    def step(
        self, i: int, plan: Plan, prev: str, start: int, finish: int | None, deadline: int
    ) -> StepRecord:
        text = STEP_TEXT.get(plan.kind, "")
        if plan.external:
            text = EXTERNAL_TEXT["Thuế"] if "Thuế" in plan.unit else EXTERNAL_TEXT["Văn phòng"]
        at = self.clock.at
        return StepRecord(
            seq=i + 1,
            unit_ref=plan.unit,
            from_unit_ref=prev,
            official_name=plan.person.name if plan.person else "",
            position=plan.person.position if plan.person else "",
            content=text,
            started_at=at(start),
            finished_at=at(finish) if finish is not None else None,
            deadline_at=at(deadline),
            external=plan.external,
        )

    def hand_over(self, rec: DossierRecord, end: int) -> None:
        """The result handed to the citizen (status 10), or waiting at the desk (stays 9)."""
        rng = self.rng
        if rec.channel == 2:
            back = end  # sent electronically
        else:
            r = rng.random()
            if r < 0.05:
                return
            back = end + (
                rng.randint(10, 180) if r < 0.55 else self.clock.per_day * rng.choice((1, 2, 3, 5, 10))
            )
        if back <= self.snap_pos:
            rec.returned_at, rec.status = self.clock.at(back), 10


def service_fields(rec: DossierRecord, year_fraction: float) -> None:
    """HoSoCoThanhPhanSoHoa, DinhKemKetQua, DuocThanhToanTrucTuyen and TaiKhoanDuocXacThucVoiVNeID of a
    received dossier. Drawn from a generator seeded by the dossier's code, not the year's one, so adding
    these fields left every other drawn value of the demo year as it was."""
    rng = random.Random(rec.code)
    share = DIGITISING.get(rec.handling_unit_code, BASE_DIGITISING) * (0.85 + 0.15 * year_fraction)
    rec.digitised_inputs = rng.random() < share
    if rec.status in (9, 10):
        rec.electronic_result = rec.channel == 2 or rng.random() < share
    if rec.channel == 2:
        vneid = VNEID_SHARE.get(rec.handling_unit_code, BASE_VNEID) * (0.7 + 0.3 * year_fraction)
        rec.vneid_verified = rng.random() < vneid
        rec.online_payment = 1 if rng.random() < PAID_ONLINE_SHARE else 0
    else:
        rec.vneid_verified = False
