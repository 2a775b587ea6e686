"""Hand-made ledger dossiers for the report tests, and their export in the national sync shape (what a
one-door system would send, and what ``cchc report-tthc`` reads)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from cchc.dossiers.models import Channel, Dossier, Status
from cchc.dossiers.tests.factories import dossier
from cchc.lib.dossier_period import Period

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Q2 = Period(dt.date(2022, 4, 1), dt.date(2022, 6, 30))


def at(text: str) -> dt.datetime:
    """'2022-06-07 09:00' → an aware local instant."""
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=LOCAL)


def make(
    world: Any, code: str, received: str, *, appointment: str, end: str | None = None, **kw: Any
) -> Dossier:
    status = kw.pop("status", Status.RETURNED if end else Status.PROCESSING)
    sups = [(at(a), at(b) if b else None) for a, b in kw.pop("supplements", [])]
    return dossier(
        world,
        code,
        received=at(received),
        appointment=at(appointment),
        end=at(end) if end else None,
        status=status,
        supplements=sups,
        **kw,
    )


def quarter_set(world: Any) -> dict[str, Dossier]:
    """One dossier per edge the form's columns have (expected counts in ``EXPECTED_P1``/``_P2``)."""
    d = {
        # received the day before the period, finished on its first morning: carried over, early
        "carried": make(
            world, "Q-CARRIED", "2022-03-31 16:00", appointment="2022-04-05 17:00", end="2022-04-01 08:00"
        ),
        # finished the day before the period: belongs to the first quarter only
        "before": make(
            world, "Q-BEFORE", "2022-03-30 09:00", appointment="2022-04-05 17:00", end="2022-03-31 17:00"
        ),
        # received online at the period's first opening, still open, due after the period
        "online": make(
            world, "Q-ONLINE", "2022-04-01 07:30", appointment="2022-07-05 17:00", channel=Channel.ONLINE
        ),
        # finished on its appointment day, later in the day than the appointment's hour: on time
        "appointment_day": make(
            world, "Q-APPT", "2022-04-04 09:00", appointment="2022-04-08 10:00", end="2022-04-08 16:00"
        ),
        # two working days of supplement move the appointment from 10/6 to 14/6: finished then, on time
        "supplement": make(
            world,
            "Q-SUPPL",
            "2022-06-06 09:00",
            appointment="2022-06-10 17:00",
            end="2022-06-14 10:00",
            supplements=[("2022-06-07 09:00", "2022-06-09 09:00")],
        ),
        # finished after its appointment
        "late": make(
            world, "Q-LATE", "2022-04-12 09:00", appointment="2022-04-15 17:00", end="2022-04-20 10:00"
        ),
        # a second supplement request makes it late however early it ends
        "second": make(
            world,
            "Q-SECOND",
            "2022-04-18 09:00",
            appointment="2022-04-29 17:00",
            end="2022-04-25 10:00",
            supplements=[("2022-04-19 09:00", "2022-04-20 09:00"), ("2022-04-21 09:00", "2022-04-22 09:00")],
        ),
        # open at the period's end, its appointment passed: overdue
        "overdue": make(world, "Q-OVERDUE", "2022-06-01 09:00", appointment="2022-06-20 17:00"),
        # received by public postal service, open within time
        "postal": make(
            world, "Q-POSTAL", "2022-06-10 09:00", appointment="2022-07-10 17:00", channel=Channel.POST
        ),
        # never counted: refused at intake, received after the period
        "refused": make(
            world,
            "Q-REFUSED",
            "2022-05-10 09:00",
            appointment="2022-05-12 17:00",
            end="2022-05-10 10:00",
            status=Status.REFUSED,
        ),
        "after": make(world, "Q-AFTER", "2022-07-01 09:00", appointment="2022-07-05 17:00"),
        # another ward, online, finished early
        "p2": make(
            world,
            "Q-P2",
            "2022-05-05 09:00",
            appointment="2022-05-10 17:00",
            end="2022-05-06 09:00",
            channel=Channel.ONLINE,
            handling="p2",
            receiving="p2",
        ),
    }
    return d


EXPECTED_P1 = {
    "carried_over": 1,
    "received_online": 1,
    "received_direct": 5,
    "received_postal": 1,
    "finished_early": 1,
    "finished_on_time": 2,
    "finished_late": 2,
    "open_within_time": 2,
    "open_overdue": 1,
}
EXPECTED_P2 = {key: 0 for key in EXPECTED_P1} | {"received_online": 1, "finished_early": 1}


def national(d: Dossier) -> dict[str, Any]:
    """The ledger row in the national sync shape (instants as yyyyMMddHHmmss, local time)."""

    def ts(value: dt.datetime | None) -> str:
        return value.astimezone(LOCAL).strftime("%Y%m%d%H%M%S") if value else ""

    p = d.procedure
    out: dict[str, Any] = {
        "MaHoSo": d.code,
        "MaTTHC": p.national_code,
        "TenTTHC": p.name,
        "MaLinhVuc": p.field_code,
        "TenLinhVuc": p.field_name,
        "TrangThaiHoSo": d.status,
        "NgayTiepNhan": ts(d.received_at),
        "NgayHenTra": ts(d.appointment_at),
        "NgayKetThucXuLy": ts(d.end_at),
        "KenhThucHien": d.channel,
        "DonViXuLy": d.handling_unit.code,
        "DanhSachHoSoBoSung": [
            {"NgayBoSung": ts(s.requested_at), "NgayTiepNhanBoSung": ts(s.completed_at)}
            for s in d.supplements.order_by("seq")
        ],
    }
    if p.limit_value:
        out["ThoiGianGiaiQuyet"] = float(p.limit_value)
        out["DonViTinh"] = p.limit_unit
    return {k: v for k, v in out.items() if v not in ("", None)}


def petition(world: Any, code: str, received: str, *, unit: str = "p1", **kw: Any) -> Any:
    """A petition row with the dates the petition figures read (created directly, not through intake)."""
    from cchc.feedback.models import Category, Petition

    city = world.jurisdictions["city"]
    category, _ = Category.objects.get_or_create(jurisdiction=city, code="DT", defaults={"name": "Đô thị"})
    when = at(received)
    handled = kw.pop("handled", None)
    return Petition.objects.create(
        code=code,
        jurisdiction=city,
        kind=kw.pop("kind", "feedback"),
        channel=kw.pop("channel", "web"),
        status=kw.pop("status", "answered" if handled else "processing"),
        category=category,
        title="Đèn đường hỏng",
        text="Đèn đường trước số 12 hỏng đã một tuần.",
        citizen_name="Lý Thị Thu Trang",
        reply_via="email",
        unit=world.units[unit],
        received_at=when,
        received_on=when.date(),
        due_on=dt.date.fromisoformat(kw.pop("due")),
        handled_on=dt.date.fromisoformat(handled) if handled else None,
        handled_on_time=kw.pop("on_time", None),
        **kw,
    )


def petition_set(world: Any) -> None:
    """Phường 1: web feedback answered on time, hotline petition answered late, an accountability request
    open and overdue, a letter open within time; one received before the period and answered in it;
    Phường 2: a web feedback answered on time."""
    petition(
        world, "PA-1", "2022-04-05 09:00", channel="web", due="2022-04-20", handled="2022-04-15", on_time=True
    )
    petition(
        world,
        "PA-2",
        "2022-05-02 09:00",
        channel="hotline",
        kind="petition",
        due="2022-05-20",
        handled="2022-05-25",
        on_time=False,
    )
    petition(world, "PA-3", "2022-06-01 09:00", channel="walk_in", kind="accountability", due="2022-06-20")
    petition(world, "PA-4", "2022-06-25 09:00", channel="letter", due="2022-07-10")
    petition(
        world, "PA-5", "2022-03-25 09:00", channel="web", due="2022-04-08", handled="2022-04-06", on_time=True
    )
    petition(
        world,
        "PA-6",
        "2022-05-10 09:00",
        unit="p2",
        channel="web",
        due="2022-05-30",
        handled="2022-05-20",
        on_time=True,
    )
