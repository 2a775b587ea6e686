"""The small city every home-page test reads (no tests in this module; the others build it with
``setup_scene`` in their own ``scene`` fixture).

In the personas' city, at the real date of the run:

- dossiers finished this month, with daily facts derived from them: Phường 1 10 (4 late), Phường 2 10
  (1 late), Phòng Nội vụ 10 (none late) — 5 late of 30 overall; Phường 1 also has one open dossier past
  its appointment (its ward officer's step overran), one due tomorrow and one received today;
- tasks of 7190/UBND-NV: Phường 1 leads two overdue tasks, one due today and one done; Phường 2 leads
  one overdue task;
- petitions received in 2022 and never answered: one for Phường 1 (assigned to its ward officer), one
  for Phường 2, and one the Front forwarded that went to Phường 2;
- Phường 1's head is Hoàng Minh Đức; Phường 2 has no head.

With CCHC_LEAGUE_MIN_DOSSIERS = 5 every unit has a late rate, and Phường 1 (40 %) is above the city's
rate (5/30 = 16,7 %).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from django.core.cache import cache
from django.utils import timezone

from cchc.dossiers.models import Apology, ApologyForm, Dossier, Outcome, Status
from cchc.dossiers.tests.factories import LOCAL, StepSpec, add_facts, dossier, procedure

MIN_DOSSIERS = 5


@dataclass
class Scene:
    world: Any
    today: dt.date
    dossiers: dict[str, list[Dossier]] = field(default_factory=dict)
    tasks: dict[str, Any] = field(default_factory=dict)
    petitions: dict[str, Any] = field(default_factory=dict)


def _finished(world: Any, unit: str, n: int, late: int, today: dt.date) -> list[Dossier]:
    # Ended at 00:30 today (local): always in this month and never in the future.
    end = dt.datetime.combine(today, dt.time(0, 30), tzinfo=LOCAL)
    receiving = {"p1": "p1_mc", "p2": "p2", "nv": "nv"}[unit]
    out = []
    for i in range(n):
        is_late = i < late
        appointment = end - dt.timedelta(days=1) if is_late else end + dt.timedelta(days=2)
        out.append(
            dossier(
                world,
                f"HOME-{unit.upper()}-{i:03d}",
                handling=unit,
                receiving=receiving,
                received=end - dt.timedelta(days=5),
                appointment=appointment,
                end=end,
                outcome=Outcome.LATE if is_late else Outcome.ON_TIME,
                finished_on=today,
                causes=(
                    [
                        {
                            "kind": "step_overrun",
                            "unit": "P1",
                            "official": world.officials["ward_officer"].full_name,
                        }
                    ]
                    if is_late
                    else []
                ),
            )
        )
    return out


def build_scene(world: Any) -> Scene:
    from cchc.directives.actions import confirm_completion, report_completion
    from cchc.directives.tests.conftest import make_task

    cache.clear()  # the league caches its rows per fact-changing audit row, which direct rows don't write
    today = timezone.localdate()
    now = timezone.now()
    s = Scene(world, today)
    procedure()
    for unit, late in (("p1", 4), ("p2", 1), ("nv", 0)):
        s.dossiers[unit] = _finished(world, unit, 10, late, today)
        add_facts(s.dossiers[unit])
    s.dossiers["open_overdue"] = [
        dossier(
            world,
            "HOME-P1-OPEN-OVERDUE",
            status=Status.PROCESSING,
            received=now - dt.timedelta(days=8),
            appointment=now - dt.timedelta(days=1),
            outcome="",
            steps=[
                StepSpec("p1", "ward_officer", now - dt.timedelta(days=8), None, now - dt.timedelta(days=2))
            ],
        )
    ]
    s.dossiers["due_soon"] = [
        dossier(
            world,
            "HOME-P1-DUE-SOON",
            status=Status.PROCESSING,
            received=now - dt.timedelta(days=3),
            appointment=now + dt.timedelta(hours=20),
            outcome="",
        )
    ]
    s.dossiers["today"] = [dossier(world, "HOME-P1-TODAY", status=Status.RECEIVED, received=now, outcome="")]
    # One late dossier already has its apology letter: it must not count as "missing".
    Apology.objects.create(
        dossier=s.dossiers["p1"][0],
        form=ApologyForm.TT03_2025,
        issued_at=now - dt.timedelta(days=2),
        reason="Chậm thẩm định",
        new_appointment_at=now + dt.timedelta(days=1),
    )

    directive = _directive(world)
    s.tasks["p1_overdue"] = [
        make_task(
            world, directive, "p1", due=dt.date(2022, 9, 30), text="Niêm yết thủ tục hành chính tại Phường 1"
        ),
        make_task(
            world, directive, "p1", due=dt.date(2022, 10, 14), text="Rà soát trang thiết bị một cửa Phường 1"
        ),
    ]
    s.tasks["p1_due_today"] = make_task(
        world, directive, "p1", due=today, text="Báo cáo CCHC quý của Phường 1"
    )
    done = make_task(world, directive, "p1", due=dt.date(2022, 9, 30), text="Việc đã xong của Phường 1")
    report_completion(world.users["unit_head"], done, note="Đã xong", on=dt.date(2022, 9, 28))
    confirm_completion(world.users["office"], done, on=dt.date(2022, 9, 29))
    s.tasks["p1_done"] = done
    s.tasks["p2_overdue"] = [
        make_task(
            world, directive, "p2", due=dt.date(2022, 9, 30), text="Niêm yết thủ tục hành chính tại Phường 2"
        )
    ]

    categories = _categories(world)
    s.petitions["p1"] = _petition(world, categories, "p1", "Vỉa hè trước chợ Phường 1 bị lấn chiếm.")
    s.petitions["p1"].official = world.officials["ward_officer"]
    s.petitions["p1"].save(update_fields=["official"])
    s.petitions["p2"] = _petition(world, categories, "p2", "Đèn đường hẻm 12 Phường 2 hỏng đã lâu.")
    s.petitions["front"] = _petition(
        world,
        categories,
        "p2",
        "Cử tri kiến nghị sửa cống thoát nước trên đường Ba Cu, Phường 2.",
        submitted_by=world.users["front"],
        submitted_by_unit=world.units["mttq"],
        channel="front",
    )
    return s


def _directive(world: Any) -> Any:
    from cchc.directives.actions_register import register_directive

    return register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "7190",
            "symbol": "UBND-NV",
            "date": dt.date(2022, 8, 15),
            "place": "Vũng Tàu",
            "doc_type": "cong_van",
            "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS",
            "signer_authority": "KT.",
            "signer_position": "Chủ tịch – Phó Chủ tịch",
            "signer_name": "Vũ Hồng Thuận",
        },
    )


def _categories(world: Any) -> dict[str, Any]:
    from cchc.feedback.models import Category

    city = world.jurisdictions["city"]
    return {
        "DT": Category.objects.create(
            jurisdiction=city, code="DT", name="Trật tự đô thị", route_to_ward=True, group="Đô thị", order=1
        )
    }


def _petition(world: Any, categories: dict[str, Any], ward: str, text: str, **kw: Any) -> Any:
    from cchc.feedback.actions.intake import Intake, receive

    return receive(
        kw.pop("actor", "Người gửi"),
        Intake(
            jurisdiction=world.jurisdictions["city"],
            kind="feedback",
            channel=kw.pop("channel", "web"),
            category=categories["DT"],
            ward=world.jurisdictions[ward],
            text=text,
            citizen_name="Phạm Thị Hồng Nhung",
            citizen_phone="0912 345 678",
            citizen_address="12 Lê Lợi",
            received_at=dt.datetime(2022, 6, 6, 9, 0, tzinfo=LOCAL),
            send_ack=False,
            require_contact=False,
            **kw,
        ),
    )


def setup_scene(world: Any, settings: Any, tmp_path: Any) -> Scene:
    """What each module's ``scene`` fixture returns (a fixture shared without a conftest.py)."""
    settings.CCHC_LEAGUE_MIN_DOSSIERS = MIN_DOSSIERS
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_scene(world)


# --- reading pages ---------------------------------------------------------------------------------------


def html_of(response: Any) -> Any:
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def by_testid(doc: Any, testid: str) -> list[Any]:
    return doc.xpath(f'//*[@data-testid="{testid}"]')


def text(el: Any) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def count_rows(doc: Any, table_testid: str) -> int:
    """Data rows of a list's table (the "nothing found" row has a single cell spanning the table)."""
    tables = by_testid(doc, table_testid)
    assert tables, f"no table {table_testid}"
    rows = tables[0].xpath("./tbody/tr")
    return sum(1 for r in rows if not r.xpath("./td[@colspan]"))
