"""Demo step: training after the founding letter. Two weeks after Công văn 7190/UBND-NV the needs are
proposed from the data (ratings, late steps, the letter's topics); classes on online public services,
digitisation and conduct follow in every state — held with results and certificates, held and marked
but not yet graded, coming up with invitations sent, and one cancelled — so attendance closes needs and
the leader's page still shows who has not been trained. Dates come from the demo clock. Idempotent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR
from cchc.notify.channels import messages_recorded
from cchc.org.models import Jurisdiction, Official, Unit, UnitKind
from cchc.training import actions
from cchc.training.models import Attendance, Course, NeedStatus, Topic, TrainingNeed
from cchc.training.needs import propose_needs
from cchc.training.topics import ensure_topics

CITY = "747"
ACTOR = DEMO_ACTOR
MARKER = "Bồi dưỡng hướng dẫn dịch vụ công trực tuyến cho công chức một cửa"


def _one_stop(city: Jurisdiction) -> list[Official]:
    return list(
        Official.objects.filter(
            unit__jurisdiction__path__startswith=city.path, unit__kind=UnitKind.ONE_STOP, is_active=True
        ).order_by("unit__path", "code")
    )


def _course(city: Jurisdiction, code: str, title: str, start: dt.date, end: dt.date, trainer: str) -> Course:
    return actions.create_course(
        ACTOR,
        city,
        topic=Topic.objects.get(code=code),
        title=title,
        audience="Công chức Bộ phận tiếp nhận và trả kết quả thành phố và các phường, xã",
        organiser=Unit.objects.get(code="NV"),
        trainer=trainer,
        start_date=start,
        end_date=end,
        description="Theo Công văn 7190/UBND-NV: bồi dưỡng trong 6 tháng cuối năm cho công chức một cửa.",
    )


def _held(course: Course, name: str, day: dt.date, people: list[Official], absent: int, grade: bool) -> Any:
    cls = actions.schedule_class(
        ACTOR, course, name=name, start_date=day, end_date=day, place="Hội trường UBND thành phố"
    )
    rows = actions.invite(ACTOR, cls, people)
    marks = {}
    for i, row in enumerate(rows):
        if i < absent:
            marks[row.pk] = Attendance.EXCUSED if i % 2 == 0 else Attendance.ABSENT
        else:
            marks[row.pk] = Attendance.PRESENT
    actions.record_attendance(ACTOR, cls, marks, today=day)
    if grade:
        results = {
            pk: ("failed" if k == len(marks) - 1 else "passed", f"{7 + (k % 3)}")
            for k, (pk, mark) in enumerate(marks.items())
            if mark == Attendance.PRESENT
        }
        actions.record_results(ACTOR, cls, results, today=day + dt.timedelta(days=3))
    return cls


def load_training_demo() -> str:
    # Demo officials are fictitious: their invitations and notices are recorded, never mailed.
    with messages_recorded():
        return _load()


def _load() -> str:
    ensure_topics()
    city = Jurisdiction.objects.get(code=CITY)
    if Course.objects.filter(jurisdiction=city, title=MARKER).exists():
        return "đã có từ lần nạp trước"
    today = demo_clock.today()
    letter = demo_clock.letter_date()
    proposed = propose_needs(ACTOR, city, today=min(today, letter + dt.timedelta(days=14)))
    staff = _one_stop(city)
    half = len(staff) // 2

    online = _course(
        city,
        "dich-vu-cong-truc-tuyen",
        MARKER,
        letter + dt.timedelta(days=30),
        today + dt.timedelta(days=45),
        "Trung tâm Phục vụ hành chính công tỉnh",
    )
    _held(online, "Lớp 1", max(online.start_date, today - dt.timedelta(days=60)), staff[:half], 2, grade=True)
    later = actions.schedule_class(
        ACTOR,
        online,
        name="Lớp 2",
        start_date=today + dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=10),
        place="Hội trường UBND thành phố",
        capacity=30,
    )
    actions.invite(ACTOR, later, staff[half : half + 8])

    digital = _course(
        city,
        "so-hoa-ho-so",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        letter + dt.timedelta(days=45),
        today + dt.timedelta(days=60),
        "Sở Thông tin và Truyền thông",
    )
    _held(
        digital,
        "Lớp 1",
        max(digital.start_date, today - dt.timedelta(days=20)),
        staff[: half // 2 + 4],
        1,
        grade=False,
    )
    dropped = actions.schedule_class(
        ACTOR,
        digital,
        name="Lớp 2",
        start_date=today + dt.timedelta(days=20),
        end_date=today + dt.timedelta(days=20),
        place="UBND Phường Thắng Nhì",
    )
    actions.invite(ACTOR, dropped, staff[-4:])
    actions.cancel_class(ACTOR, dropped, reason="Trùng lịch tiếp công dân định kỳ; ghép vào lớp sau")

    conduct = _course(
        city,
        "giao-tiep-ung-xu",
        "Văn hóa ứng xử công vụ, kỹ năng giao tiếp với người dân",
        letter + dt.timedelta(days=60),
        today + dt.timedelta(days=30),
        "Trường Chính trị tỉnh",
    )
    soon = actions.schedule_class(
        ACTOR,
        conduct,
        name="Lớp 1",
        start_date=today + dt.timedelta(days=5),
        end_date=today + dt.timedelta(days=5),
        place="Hội trường UBND thành phố",
    )
    flagged = list(
        TrainingNeed.objects.filter(topic=conduct.topic, status=NeedStatus.OPEN).values_list(
            "official", flat=True
        )
    )
    invitees = list(Official.objects.filter(pk__in=flagged).order_by("code")[:12]) or staff[:6]
    actions.invite(ACTOR, soon, invitees)

    open_needs = TrainingNeed.objects.filter(status=NeedStatus.OPEN).count()
    closed = TrainingNeed.objects.filter(status=NeedStatus.CLOSED).count()
    return (
        f"3 khóa, 6 lớp; {proposed.total} nhu cầu đề xuất từ số liệu "
        f"({proposed.counts.get('ratings', 0)} theo đánh giá, "
        f"{proposed.counts.get('late_steps', 0)} theo hồ sơ trễ), "
        f"{closed} đã đóng khi đi học, {open_needs} còn mở"
    )
