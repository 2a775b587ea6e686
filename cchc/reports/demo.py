"""Demo reports: the last three finished quarters, asked of every ward and agency by the city office,
in every state — sent on time, sent late, approved but not sent, still drafts, never sent after the
due date — and the city's own report for each (sent, approved, not drafted yet). Dates come from the
demo clock (``cchc.core.demo_clock``); a second load changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from cchc.accounts.models import User
from cchc.core import demo_clock
from cchc.core.roles import Role
from cchc.org.models import Jurisdiction
from cchc.reports import actions, periods
from cchc.reports.models import Kind, PeriodicReport, State
from cchc.reports.queries import city_unit

TEXTS = {
    "chi_dao": (
        "Ban hành và triển khai kế hoạch cải cách hành chính của đơn vị; kiểm tra việc thực hiện tại các "
        "bộ phận."
    ),
    "tthc": (
        "Tiếp tục rà soát, công khai thủ tục hành chính; niêm yết đầy đủ tại Bộ phận một cửa và trên cổng "
        "dịch vụ công."
    ),
    "so_hoa": "Đẩy mạnh tiếp nhận hồ sơ trực tuyến, số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
    "ton_tai": (
        "Một số hồ sơ đất đai, xây dựng còn giải quyết quá hạn do phải xác minh, lấy ý kiến "
        "cơ quan liên quan."
    ),
    "nhiem_vu": (
        "Khắc phục hồ sơ quá hạn; tăng tỷ lệ hồ sơ trực tuyến toàn trình; xin lỗi đầy đủ khi trễ hạn."
    ),
    "kien_nghi": "Đề nghị Ủy ban nhân dân thành phố tổ chức tập huấn sử dụng phần mềm một cửa điện tử.",
}


def _at(day: dt.date, hour: int = 15) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


def _actor(role: Role, fallback: str) -> User | str:
    user = User.objects.filter(role=role, is_demo=True).first()
    return user if user is not None else fallback


def load_reports_demo() -> str:
    city = Jurisdiction.objects.filter(code="747").first()
    if city is None:
        raise RuntimeError("Chưa có tổ chức bộ máy trình diễn (chạy bước tổ chức bộ máy trước).")
    committee = city_unit(city)
    if committee is None:
        raise RuntimeError("Chưa có Ủy ban nhân dân thành phố trong tổ chức bộ máy trình diễn.")
    if PeriodicReport.objects.filter(jurisdiction=city).exists():
        return f"đã có {PeriodicReport.objects.filter(jurisdiction=city).count()} báo cáo định kỳ, không thêm"
    today = demo_clock.today()
    office = _actor(Role.OFFICE, "Văn phòng HĐND và UBND thành phố")
    leader = _actor(Role.LEADER, "Chủ tịch UBND thành phố")
    rng = random.Random(13)
    # The unit of the demo's unit officer keeps its latest report as a draft, for the demo accounts.
    officer = User.objects.filter(role=Role.UNIT_OFFICER, is_demo=True).select_related("official").first()
    own_unit = officer.official.unit_id if officer is not None and officer.official is not None else None
    last = periods.last_finished(Kind.QUARTER, today)
    older = periods.containing(Kind.QUARTER, last.start - dt.timedelta(days=1))
    oldest = periods.containing(Kind.QUARTER, older.start - dt.timedelta(days=1))
    made = 0
    # (slot, share of units that send, how the city's report stands)
    for slot, share, city_state in (
        (oldest, 0.95, State.SUBMITTED),
        (older, 0.85, State.APPROVED),
        (last, 0.5, None),
    ):
        if slot.due > today:
            share = 0.0  # not due yet: the units are still drafting
        actions.open_round(office, city, slot)
        reports = list(
            PeriodicReport.objects.filter(jurisdiction=city, kind=slot.kind, year=slot.year, part=slot.part)
            .select_related("unit")
            .order_by("unit__code")
        )
        for report in reports:
            made += 1
            keep_draft = slot == last and report.unit_id == own_unit
            roll = rng.random()
            if keep_draft or roll > share + 0.1:
                continue  # a draft (asked, not written or not approved)
            head = report.unit.accountable_head(slot.end)
            who = head.full_name if head else report.unit.name
            report.sections = {**report.sections, **TEXTS}
            report.save(update_fields=["sections"])
            approved_on = slot.due - dt.timedelta(days=rng.randint(1, 3))
            report = actions.record_approval(who, report, at=_at(approved_on, 10))
            if roll > share:
                continue  # approved, not sent
            late = rng.random() < 0.15
            sent_on = slot.due + dt.timedelta(days=rng.randint(1, 6)) if late else approved_on
            actions.record_sending(who, report, at=_at(min(sent_on, today)), tell=False)
        if city_state is not None:
            own = actions.draft(office, committee, slot, is_city=True)
            own.sections = {**own.sections, **TEXTS}
            own.save(update_fields=["sections"])
            own = actions.record_approval(leader, own, at=_at(slot.due + dt.timedelta(days=3)))
            if city_state == State.SUBMITTED:
                actions.record_sending(office, own, at=_at(slot.due + dt.timedelta(days=4)), tell=False)
            made += 1
    return f"{made} báo cáo định kỳ của ba quý gần nhất"
