"""A year of citizen voice for the Vũng Tàu demo — the twelve months up to the demo's today
(``cchc.core.demo_clock``): petitions on every channel — the web form,
the hotline, walk-ins, letters, e-mail, Open311 and the Front's meeting batches — answered mostly on
time, some late, some rated not satisfied and reopened; accountability requests with a suspension and
an extension; complaints redirected; items of the last weeks still open today (some of them overdue).

Everything goes through the real actions (``intake.receive``, ``actions``), with the historic time
passed as ``at``, so clocks, deadlines, events and figures are what the product would have recorded.
Deterministic (seeded) and idempotent: a second run finds the demo petitions and writes nothing.
Citizens are fictitious; their names, phones and ID numbers never reach a public page (tested).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.test import override_settings
from django.utils import timezone

from cchc.calendar.queries import work_calendar_for
from cchc.core import demo_clock
from cchc.feedback import actions
from cchc.feedback.actions.citizen import close_answered, create_key, rate, reopen
from cchc.feedback.actions.intake import Intake, receive
from cchc.feedback.demo_data import ANSWERS, CATEGORIES, CHANNEL_MIX, SEED, STREETS, TEXTS, demo_citizens
from cchc.feedback.models import ApiKey, Category, Channel, FrontMeeting, Kind, Petition, ReplyVia, Status
from cchc.feedback.publication import suggest
from cchc.notify.channels import messages_recorded
from cchc.org.models import Jurisdiction, Official, Unit

ACTOR = "Dữ liệu trình diễn"


class _Demo:
    def __init__(self, city: Jurisdiction) -> None:
        self.rng = random.Random(SEED)
        self.city = city
        self.cal = work_calendar_for(city)
        self.citizens = demo_citizens()
        self.categories = {c.code: c for c in Category.objects.filter(jurisdiction=city)}
        self.wards = list(Jurisdiction.objects.filter(parent=city).order_by("code"))
        self.actors: dict[tuple[int, bool], str] = {}
        self.count = 0
        self.key = ApiKey.objects.filter(jurisdiction=city, name="Ứng dụng Vũng Tàu Smart").first()
        if self.key is None:
            self.key, _ = create_key(ACTOR, name="Ứng dụng Vũng Tàu Smart", jurisdiction=city)

    def at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        h = hour if hour is not None else self.rng.randint(8, 15)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(h, self.rng.choice([0, 10, 25, 40, 55]))))

    def wd(self, day: dt.date, n: int) -> dt.date:
        return self.cal.add_working_days(day, n) if n > 0 else day

    def officer(self, unit: Unit, head: bool = False) -> str:
        """Who acts for a unit, as the audit trail names them (the demo has no session to act in)."""
        key = (unit.pk, head)
        if key not in self.actors:
            if head:
                person = unit.accountable_head()
            else:
                person = (
                    Official.objects.filter(unit=unit).exclude(headships__unit=unit).order_by("code").first()
                )
            self.actors[key] = f"{person.full_name} ({unit.name})" if person else unit.name
        return self.actors[key]

    def text(self, code: str) -> str:
        return self.rng.choice(TEXTS[code]).format(s=self.rng.choice(STREETS))

    def file(
        self, day: dt.date, channel: str, code: str | None = None, kind: str = Kind.FEEDBACK, **kw: Any
    ) -> Petition:
        code = code or self.rng.choice([c for c in self.categories if c != "KHAC"] + ["KHAC"])
        category = self.categories[code]
        c = self.citizens[self.count % len(self.citizens)]
        self.count += 1
        ward = (
            kw.pop("ward")
            if "ward" in kw
            else (self.rng.choice(self.wards) if category.route_to_ward or self.rng.random() < 0.5 else None)
        )
        text = kw.pop("text", None) or self.text(code)
        if self.rng.random() < 0.1:
            text += f" Liên hệ: {c.phone[:4]} {c.phone[4:7]} {c.phone[7:]}."  # masked before publication
        fixed: dict[str, str] = {Channel.EMAIL: ReplyVia.EMAIL, Channel.LETTER: ReplyVia.POST}
        via = fixed.get(channel) or self.rng.choice([ReplyVia.SMS, ReplyVia.ZALO])
        return receive(
            ACTOR,
            Intake(
                jurisdiction=self.city,
                kind=kind,
                channel=channel,
                category=category,
                ward=ward,
                text=text,
                location=f"Đường {self.rng.choice(STREETS)}",
                citizen_name=c.name,
                citizen_phone=c.phone,
                citizen_email=c.email if channel == Channel.EMAIL else "",
                citizen_address=c.address,
                citizen_id_number=c.id_number
                if channel == Channel.WALK_IN or kind == Kind.ACCOUNTABILITY
                else "",
                reply_via=via,
                consent_publish=self.rng.random() < 0.65,
                received_at=self.at(day),
                message_id=f"<demo-{self.count}@vungtau.example.vn>" if channel == Channel.EMAIL else None,
                api_key=self.key if channel == Channel.OPEN311 else None,
                require_contact=False,
                is_demo=True,
                **kw,
            ),
        )

    def answer(self, p: Petition, on: dt.date, *, rating: bool = True) -> None:
        p.refresh_from_db()
        text = ANSWERS[p.category.code]
        extra: dict[str, str] = {}
        if p.kind == Kind.ACCOUNTABILITY:  # ND 59: the explanation states its legal basis and meetings
            extra = {
                "legal_basis": "Luật Phòng, chống tham nhũng năm 2018; Nghị định số 59/2019/NĐ-CP.",
                "meeting_results": f"Ngày {on:%d/%m/%Y} cơ quan làm việc trực tiếp với người yêu cầu giải "
                "trình; người yêu cầu đã được nghe trình bày và cung cấp hồ sơ liên quan.",
            }
        drafted = actions.draft_answer(self.officer(p.unit), p, text=text, at=self.at(on, 9), **extra)
        texts = suggest(p, text)
        publish_now = p.consent_publish and self.rng.random() < 0.8
        actions.approve_answer(
            self.officer(p.unit, head=True),
            drafted,
            publish_now=publish_now,
            public_title=texts.title,
            public_text=texts.text,
            public_answer=texts.answer,
            at=self.at(on, 15),
        )
        p.refresh_from_db()
        if p.consent_publish and not publish_now:
            later = self.wd(on, self.rng.choice([1, 2, 2, 4]))
            actions.publish(
                self.officer(p.unit),
                p,
                public_title=texts.title,
                public_text=texts.text,
                public_answer=texts.answer,
                at=self.at(later, 10),
            )
        if rating and self.rng.random() < 0.7:
            satisfied = self.rng.random() < 0.82
            rate(p, satisfied=satisfied, at=self.at(self.wd(on, 2)))
            if not satisfied and self.rng.random() < 0.4:
                reopen(
                    p,
                    reason="Tình trạng vẫn tiếp diễn sau khi có trả lời, đề nghị kiểm tra lại.",
                    at=self.at(self.wd(on, 3)),
                )
                self.answer(p, self.wd(on, self.rng.randint(5, 12)), rating=False)

    def handle_pakn(self, p: Petition, cutoff: dt.date) -> None:
        received = p.received_on
        roll = self.rng.random()
        if roll < 0.05:
            actions.reject(
                self.officer(p.unit),
                p,
                reason="Nội dung không rõ địa điểm, không đủ cơ sở xem xét.",
                at=self.at(self.wd(received, self.rng.choice([1, 2, 2, 3]))),
            )
            return
        if p.unit.code == "VP" and p.category.code == "KHAC" and self.rng.random() < 0.5:
            target = Unit.objects.filter(code=self.rng.choice(["QLĐT", "TNMT", "VHTT"])).first()
            if target is not None:
                actions.transfer(
                    self.officer(p.unit),
                    p,
                    target,
                    reason="Nội dung thuộc lĩnh vực của đơn vị chuyên môn.",
                    at=self.at(self.wd(received, self.rng.choice([1, 2, 3, 6]))),
                )
        actions.accept(
            self.officer(p.unit), p, at=self.at(self.wd(received, self.rng.choice([1, 1, 2, 3])), 8)
        )
        if self.rng.random() < 0.08:
            asked = self.wd(received, self.rng.choice([2, 3, 4, 6]))
            actions.request_info(
                self.officer(p.unit),
                p,
                what="Đề nghị cung cấp địa chỉ cụ thể và hình ảnh hiện trường.",
                at=self.at(asked),
            )
            actions.info_received(
                ACTOR,
                p,
                text="Người gửi đã bổ sung số nhà và ảnh qua điện thoại.",
                at=self.at(self.wd(asked, self.rng.randint(1, 4))),
            )
        p.refresh_from_db()
        due = p.due_on or self.wd(received, 15)
        late = self.rng.random() < 0.12
        when = self.wd(due, self.rng.randint(1, 8)) if late else self.wd(received, self.rng.randint(3, 14))
        if when > cutoff or ((cutoff - received).days < 50 and self.rng.random() < 0.12):
            return  # still open today (some of them overdue)
        self.answer(p, min(when, due) if not late else when)


def load_categories(city: Jurisdiction) -> None:
    """The demo city's catalogue of fields (idempotent); also used by the load benchmark."""
    for order, (code, name, group, ward, unit_code, keywords) in enumerate(CATEGORIES, start=1):
        unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
        Category.objects.update_or_create(
            jurisdiction=city,
            code=code,
            defaults={
                "name": name,
                "group": group,
                "route_to_ward": ward,
                "unit": unit,
                "keywords": keywords,
                "order": order,
                "is_active": True,
                "description": f"Phản ánh, kiến nghị về {name.lower()}.",
            },
        )


def _cutoff() -> dt.date:
    """The last day the demo's petitions are handled: yesterday, so that no action is dated later than
    the moment the demo is loaded."""
    return demo_clock.today() - dt.timedelta(days=1)


def _front_batches(demo: _Demo) -> int:
    made = 0
    meetings = [
        (demo_clock.recent(3, 18), "P1"),
        (demo_clock.recent(4, 22), "P7"),
        (demo_clock.recent(6, 10), "TT"),
        (demo_clock.recent(9, 16), "RD"),
        (demo_clock.recent(11, 4), "P1"),
        (demo_clock.recent(12, 9), "NAN"),
    ]
    for held, suffix in meetings:
        front = Unit.objects.get(code=f"MTTQ-{suffix}")
        ward = front.jurisdiction
        meeting = FrontMeeting.objects.create(
            unit=front,
            jurisdiction=demo.city,
            held_on=held,
            kind="Hội nghị tiếp xúc cử tri",
            place=f"Hội trường khu phố {demo.rng.randint(1, 8)}, {ward.name}",
            ward=ward,
            attendees=demo.rng.randint(60, 140),
        )
        for code in demo.rng.sample(["DT", "MT", "HT", "XH", "GD", "AN", "DD"], k=demo.rng.randint(4, 6)):
            p = receive(
                ACTOR,
                Intake(
                    jurisdiction=demo.city,
                    kind=Kind.PETITION,
                    channel=Channel.FRONT,
                    category=demo.categories[code],
                    ward=ward,
                    text="Cử tri kiến nghị: " + demo.text(code),
                    citizen_name=f"Cử tri {ward.name}",
                    reply_via=ReplyVia.FRONT,
                    consent_publish=True,
                    received_at=demo.at(held, 16),
                    submitted_by_unit=front,
                    meeting=meeting,
                    require_contact=False,
                    send_ack=False,
                    is_demo=True,
                ),
            )
            demo.handle_pakn(p, _cutoff())
            made += 1
    return made


def _accountability(demo: _Demo) -> int:
    # Sorted, and only those old enough to have been answered by today (the last may fall in the weeks
    # before today: it is left out rather than answered in the future).
    days = sorted(
        day
        for m, d in [(2, 14), (3, 21), (5, 9), (6, 20), (7, 11), (8, 22), (10, 3), (11, 14)]
        if (day := demo_clock.recent(m, d)) <= _cutoff() - dt.timedelta(days=45)
    )
    for i, day in enumerate(days):
        p = demo.file(
            day,
            demo.rng.choice([Channel.WEB, Channel.WALK_IN]),
            code=demo.rng.choice(["CB", "TTHC", "DD", "XH"]),
            kind=Kind.ACCOUNTABILITY,
            text="Đề nghị cơ quan giải trình lý do chậm giải quyết hồ sơ và trách nhiệm cán bộ liên quan.",
        )
        actor = demo.officer(p.unit)
        if i == 5:
            actions.reject(
                actor,
                p,
                reason="Nội dung đã được giải trình tại văn bản trả lời tháng 6.",
                at=demo.at(demo.wd(p.received_on, 3)),
            )
            continue
        accepted = demo.wd(p.received_on, 7 if i == 2 else demo.rng.randint(1, 4))
        actions.accept(actor, p, at=demo.at(accepted))
        if i == 1:
            actions.suspend(
                actor,
                p,
                reason="Chờ kết luận thanh tra có liên quan (Điều 14 Nghị định 59/2019).",
                at=demo.at(demo.wd(accepted, 3)),
            )
            actions.resume(actor, p, at=demo.at(demo.wd(accepted, 8)))
        if i == 3:
            actions.request_extension(
                actor,
                p,
                days=10,
                reason="Nội dung phức tạp, cần xác minh hồ sơ lưu trữ.",
                at=demo.at(demo.wd(accepted, 8)),
            )
            actions.decide_extension(
                demo.officer(p.unit, head=True),
                p,
                approve=True,
                note="Đồng ý gia hạn 10 ngày.",
                at=demo.at(demo.wd(accepted, 9)),
            )
        p.refresh_from_db()
        assert p.due_on is not None
        when = demo.wd(p.due_on, 2) if i == 6 else min(p.due_on, demo.wd(accepted, demo.rng.randint(5, 9)))
        demo.answer(p, when)
    return len(days)


REDIRECTS = {
    Kind.COMPLAINT: "Nội dung là khiếu nại quyết định hành chính, giải quyết theo Luật Khiếu nại năm 2011.",
    Kind.DENUNCIATION: "Nội dung là tố cáo, giải quyết theo Luật Tố cáo năm 2018 (giữ kín người tố cáo).",
}


def _complaints(demo: _Demo) -> int:
    rows = [
        (demo_clock.recent(4, 5), Kind.COMPLAINT),
        (demo_clock.recent(7, 19), Kind.COMPLAINT),
        (demo_clock.recent(9, 6), Kind.DENUNCIATION),
        (demo_clock.recent(10, 24), Kind.COMPLAINT),
    ]
    for day, kind in rows:
        if day > _cutoff() - dt.timedelta(days=7):
            continue  # redirected within days: not before today
        p = demo.file(
            day,
            Channel.WEB,
            code="CB",
            text="Tôi không đồng ý với quyết định xử phạt hành chính đã ban hành, "
            "đề nghị xem xét lại và xử lý cán bộ ban hành quyết định.",
        )
        actions.redirect(
            demo.officer(p.unit),
            p,
            kind=kind,
            explanation=REDIRECTS[kind],
            address="Chủ tịch UBND thành phố Vũng Tàu, 89 Lý Thường Kiệt, Phường 1",
            at=demo.at(demo.wd(p.received_on, demo.rng.choice([1, 2, 4]))),
        )
    return sum(1 for day, _ in rows if day <= _cutoff() - dt.timedelta(days=7))


def load_feedback_demo() -> str:
    city = Jurisdiction.objects.filter(code="747").first()
    if city is None:
        raise RuntimeError("Chưa có tổ chức bộ máy trình diễn (chạy bước tổ chức bộ máy trước).")
    load_categories(city)
    existing = Petition.objects.filter(is_demo=True).count()
    if existing:
        return f"đã có {existing} phản ánh trình diễn, không thêm"
    # Demo citizens are fictitious: their messages are recorded, never mailed.
    with messages_recorded(), override_settings(CCHC_FEEDBACK_RATE_LIMITS=False):
        demo = _Demo(city)
        cutoff = _cutoff()
        day = demo_clock.year_start()
        weights = [w for _, w in CHANNEL_MIX]
        while day <= cutoff:
            if demo.cal.is_working_day(day):
                for _ in range(demo.rng.choice([0, 1, 1, 1, 2])):
                    channel = demo.rng.choices([c for c, _ in CHANNEL_MIX], weights)[0]
                    p = demo.file(
                        day, channel, kind=demo.rng.choice([Kind.FEEDBACK, Kind.FEEDBACK, Kind.PETITION])
                    )
                    demo.handle_pakn(p, cutoff)
                    again_on = demo.wd(day, 2)
                    # The same matter reported again by a neighbour (not after the demo's today).
                    if demo.rng.random() < 0.05 and again_on <= cutoff:
                        again = demo.file(
                            again_on,
                            Channel.HOTLINE,
                            code=p.category.code,
                            ward=p.ward,
                            text=p.text.split(" Liên hệ:")[0] + " Đến nay vẫn chưa thấy xử lý.",
                        )
                        demo.handle_pakn(again, cutoff)
            day += dt.timedelta(days=1)
        through_channels = demo.count
        front = _front_batches(demo)
        accountability = _accountability(demo)
        complaints = _complaints(demo)
        closed = close_answered(now=timezone.make_aware(demo_clock.now()))
    total = Petition.objects.filter(is_demo=True).count()
    open_now = Petition.objects.filter(
        is_demo=True, status__in=[Status.RECEIVED, Status.PROCESSING, Status.AWAITING_INFO]
    ).count()
    return (
        f"{total} phản ánh trong 12 tháng qua ({through_channels} qua các kênh, {front} ý kiến cử tri "
        f"từ Mặt trận, {accountability} yêu cầu giải trình, {complaints} khiếu nại/tố cáo); "
        f"{open_now} còn mở; "
        f"{closed} tự kết thúc"
    )
