"""Demo step: Công văn 7190/UBND-NV registered, read by the reader, confirmed into tasks, and followed up
to today (``load_directives_demo``, wired into ``cchc load-demo``).

The letter was signed on 15/8/2022; the demo replays it about four months before the day it is loaded
(``cchc.core.demo_clock``): its text, the documents it cites and the deadlines below move together by
whole months, so that some tasks are done, some overdue by weeks and some due soon whenever the demo is
tried. The documents it cites are registered too, with what the letter itself says about them (number,
date, subject), so the links between documents resolve. The letter gives no dates for its tasks; the
Office's deadlines below are the demo's choice, written as they were set in 2022 (a deadline on a day
off moves to the next working day). The follow-up history is simulated with a fixed seed: most tasks
done on time, some late, some extended (late against the original deadline), a few still open and
overdue, one awaiting confirmation and one extension request waiting for the Office. Idempotent: a
second run adds nothing but the occurrences of periods that have begun since.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cchc.accounts.models import User
from cchc.core import demo_clock
from cchc.deadlines.models import ExtensionStatus
from cchc.directives import actions
from cchc.directives.actions_register import TaskRow, confirm_upload, register_directive, stage_upload
from cchc.directives.models import PERIODIC, Directive, Task
from cchc.directives.proposal import (
    GROUPS,
    assignable_units,
    group_members,
    link_initial,
    metadata_initial,
    task_initial,
)
from cchc.org.models import Jurisdiction, Unit

SEED = Path(__file__).resolve().parent / "data" / "7190-UBND-NV-2022.txt"
OFFICE_LOGIN = "vanphong"
CITY_CODE = "747"

# The documents the letter cites, as the letter describes them (dates and years as in 2022: moved by
# ``_cited`` with the rest of the story).
CITED: list[dict[str, Any]] = [
    {
        "direction": "received",
        "issuer": "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
        "number": "9228",
        "symbol": "UBND-SNV",
        "date": dt.date(2022, 8, 2),
        "doc_type": "cong_van",
        "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS năm 2022 "
        "của tỉnh",
    },
    {
        "direction": "issued",
        "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
        "number": "4861",
        "symbol": "UBND-NV",
        "date": dt.date(2022, 6, 2),
        "doc_type": "cong_van",
        "subject": "triển khai một số nhiệm vụ trọng tâm trong thực hiện cải cách hành chính trên địa bàn "
        "thành phố năm 2022",
    },
    {
        "direction": "issued",
        "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
        "number": "7054",
        "symbol": "UBND-VP",
        "date": dt.date(2022, 8, 11),
        "doc_type": "cong_van",
        "subject": "thực hiện nhiệm vụ trọng tâm về cải cách hành chính 6 tháng cuối năm 2022",
    },
    {
        "direction": "issued",
        "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
        "number": "5954",
        "symbol": "UBND-VP",
        "date": dt.date(2022, 7, 5),
        "doc_type": "cong_van",
        "subject": "đẩy nhanh tiến độ thực hiện các nhiệm vụ được UBND tỉnh, UBND thành phố giao",
    },
    {
        "direction": "issued",
        "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
        "number": "4278",
        "symbol": "UBND-NV",
        "date": dt.date(2022, 5, 20),
        "doc_type": "cong_van",
        "subject": "triển khai Nghị quyết số 04/NQ-CP ngày 10/01/2022 của Chính phủ về đẩy mạnh phân cấp, "
        "phân quyền trong quản lý nhà nước",
    },
]

D = dt.date
# The Office's deadline for each proposed task, in the reader's order (None: none / recurring).
DEADLINES: list[dt.date | None] = [
    D(2022, 8, 31),  # 1: plan to raise PAR INDEX / SIPAS
    D(2022, 12, 31),  # 2: carry on 4861 and 7054
    D(2022, 9, 30),  # 3: IT applications
    D(2022, 10, 31),  # 4: self-inspection
    D(2022, 9, 2),  # 5: report to the Party committee
    D(2022, 12, 31),  # 6: advise on province tasks
    None,  # 7: thường xuyên
    D(2022, 11, 30),  # 8: working rules, decentralisation proposals
    None,  # 9: thường xuyên
    D(2022, 11, 30),  # 10: training
    None,  # 11: thường xuyên
    None,  # 12: thường xuyên
    D(2022, 9, 30),  # 13: petition channels
    D(2022, 9, 30),  # 2.1 Office: urge units
    D(2022, 10, 31),  # 2.2 Office with Internal Affairs: late-dossier checks
    D(2022, 11, 30),  # 2.3 Office with Culture: web portal
    D(2022, 10, 31),  # 3.1 Finance
    D(2022, 11, 30),  # 3.2
    D(2022, 12, 31),  # 3.3
    None,  # 4.1 Internal Affairs: thường xuyên, quarterly reports to this day
    D(2022, 10, 31),  # 4.2
    D(2022, 12, 31),  # 4.3
    D(2022, 12, 31),  # 4.4 (the text says "6 tháng cuối năm")
    D(2022, 12, 31),  # 4.5
    D(2022, 12, 31),  # 5.1 Front
    D(2022, 12, 31),  # 5.2
]
# Continuous tasks of section 1 were followed to the end of the letter's year; the Internal Affairs
# check (4.1) goes on.
SECTION_1_UNTIL = D(2022, 12, 31)


def _issued() -> dt.date:
    return demo_clock.letter_date()


def _cited() -> list[dict[str, Any]]:
    out = []
    for data in CITED:
        moved = dict(data, date=demo_clock.story_date(data["date"]))
        moved["subject"] = demo_clock.story_text(data["subject"])
        out.append(moved)
    return out


def load_directives_demo() -> str:
    city = Jurisdiction.objects.filter(code=CITY_CODE).first()
    office = User.objects.filter(username=OFFICE_LOGIN).select_related("official").first()
    if city is None or office is None:
        raise RuntimeError(
            "Cần nạp tổ chức và tài khoản trình diễn trước (bước 'Tổ chức bộ máy và tài khoản')."
        )
    existing = Directive.objects.filter(
        jurisdiction=city, number="7190", symbol="UBND-NV", date=_issued()
    ).first()
    if existing is None:
        _register_cited(office, city)
        directive = _read_and_confirm(office, city)
        _follow_up(office, directive)
    else:
        directive = existing
    spawned = actions.spawn_occurrences()
    return _summary(directive, spawned)


def _register_cited(office: User, city: Jurisdiction) -> None:
    for data in _cited():
        if not Directive.objects.filter(
            jurisdiction=city, number=data["number"], symbol=data["symbol"], date=data["date"]
        ).exists():
            register_directive(office, city, data)


def _read_and_confirm(office: User, city: Jurisdiction) -> Directive:
    issued = _issued()
    units = list(assignable_units(city, issued))
    text = demo_clock.story_text(SEED.read_text(encoding="utf-8")).encode("utf-8")
    name = f"7190-UBND-NV-{issued.year}.txt"
    upload = stage_upload(office, city, SimpleUploadedFile(name, text, content_type="text/plain"), units)
    committees = list(Unit.objects.filter(jurisdiction=city, kind="committee").values_list("name", flat=True))
    meta = metadata_initial(upload.proposal, committees)
    meta["recipients"] = [x for x in meta["recipients"].splitlines() if x]
    meta["cc"] = [x for x in meta["cc"].splitlines() if x]
    members = {g.key: group_members(g.key, city, issued) for g in GROUPS}
    by_pk = {u.pk: u for u in units}
    rows = []
    for i, r in enumerate(task_initial(upload.proposal, units)):
        leads = [by_pk[pk] for pk in r["lead_units"]]
        for key in r["lead_groups"]:
            leads.extend(u for u in members[key] if u not in leads)
        coordinating = [by_pk[pk] for pk in r["coord_units"]]
        for key in r["coord_groups"]:
            coordinating.extend(u for u in members[key] if u not in coordinating)
        recurrence = r["recurrence"]
        planned = DEADLINES[i] if i < len(DEADLINES) else None
        if recurrence:
            planned = SECTION_1_UNTIL if r["section"] == "1" else None
        due = demo_clock.story_date(planned) if planned else None
        rows.append(
            TaskRow(
                number=i + 1,
                text=r["text"],
                lead_units=leads,
                section=r["section"],
                coordinating=coordinating,
                due=due,
                recurrence=recurrence,
                deadline_text=r["deadline_text"],
            )
        )
    office_unit = Unit.objects.get(code="VP")
    directive = confirm_upload(
        office, upload, meta, links=link_initial(upload.proposal), rows=rows, assigner_unit=office_unit
    )
    # The tasks were entered when the directive came out; recurring ones owe every report since.
    Task.objects.filter(directive=directive).update(
        created_at=timezone.make_aware(dt.datetime.combine(issued, dt.time(9, 0)))
    )
    actions.spawn_occurrences()
    return directive


_VOICES: dict[int, str] = {}


def _voice(task: Task) -> str:
    """Who speaks for the lead unit in the audit trail: its head (looked up once per unit)."""
    if task.lead_unit_id not in _VOICES:
        head = task.lead_unit.accountable_head(_issued())
        _VOICES[task.lead_unit_id] = (
            f"{head.full_name} ({task.lead_unit.name})" if head else task.lead_unit.name
        )
    return _VOICES[task.lead_unit_id]


PROGRESS_NOTES = [
    "Đã ban hành kế hoạch triển khai, phân công cán bộ phụ trách.",
    "Đã tổ chức quán triệt đến cán bộ, công chức; đang triển khai các nội dung.",
    "Đang tổng hợp kết quả, hoàn thiện báo cáo.",
]
DONE_NOTES = [
    "Đã hoàn thành; gửi kèm báo cáo kết quả thực hiện.",
    "Hoàn thành nội dung được giao, đã báo cáo UBND thành phố.",
    "Đã triển khai đầy đủ; kết quả thể hiện tại báo cáo gửi kèm.",
]


def _follow_up(office: User, directive: Directive) -> None:
    """Simulate the units' reports and the Office's decisions up to today, deterministically."""
    today = demo_clock.today()
    rng = random.Random(7190)
    _VOICES.clear()
    tasks = list(
        Task.objects.filter(directive=directive)
        .exclude(parent__isnull=True, recurrence__in=PERIODIC)
        .select_related("deadline", "lead_unit", "lead_unit__jurisdiction")
    )
    # Sorted in Python: the database's collation of "Đ" differs between engines, the draws must not.
    tasks.sort(key=lambda t: (t.lead_unit.code, t.section, t.period_start or dt.date.min, t.pk))
    keep_open, pending_extension, awaiting = _chosen(tasks)
    for task in tasks:
        d = task.deadline
        if d is None:
            continue
        if d.due is None:
            # A continuous task (no deadline): progress reported, never "done".
            _progress(task, d.start_date + dt.timedelta(days=rng.randint(20, 60)), rng)
            continue
        if d.due >= today:
            _progress(task, min(today, d.start_date + dt.timedelta(days=10)), rng)
            continue
        roll = rng.random()
        voice = _voice(task)
        if task.pk == awaiting or (roll < 0.01 and task.pk not in keep_open):
            _progress(task, d.due - dt.timedelta(days=3), rng)
            actions.report_completion(
                voice, task, note=rng.choice(DONE_NOTES), on=today - dt.timedelta(days=2)
            )
        elif task.pk in keep_open or roll < 0.08:
            _progress(task, d.due - dt.timedelta(days=5), rng)
            if task.pk == pending_extension:
                actions.request_extension(
                    voice,
                    task,
                    proposed_due=today + dt.timedelta(days=30),
                    reason="Chờ kết quả rà soát của các phòng chuyên môn; đề nghị gia hạn để hoàn thiện.",
                )
        elif roll < 0.14:
            # Extension approved: done within the new date, late against the original one.
            ext = actions.request_extension(
                voice, task, proposed_due=d.due + dt.timedelta(days=30), reason="Khối lượng công việc lớn."
            )
            actions.decide_extension(office, ext, approve=True, note="Đồng ý gia hạn.")
            _backdate(ext, d.due - dt.timedelta(days=3))
            d.refresh_from_db()
            new_due = d.due or today
            _finish(office, task, new_due - dt.timedelta(days=rng.randint(1, 10)), rng)
        elif roll < 0.17:
            ext = actions.request_extension(
                voice, task, proposed_due=d.due + dt.timedelta(days=20), reason="Thiếu nhân lực."
            )
            actions.decide_extension(
                office, ext, approve=False, note="Không có căn cứ gia hạn; đề nghị khẩn trương."
            )
            _backdate(ext, d.due - dt.timedelta(days=2))
            _finish(office, task, d.due + dt.timedelta(days=rng.randint(5, 25)), rng)
        elif roll < 0.30:
            _finish(office, task, d.due + dt.timedelta(days=rng.randint(3, 40)), rng)
        else:
            _finish(office, task, d.due - dt.timedelta(days=rng.randint(0, 12)), rng)


def _chosen(tasks: list[Task]) -> tuple[set[int], int | None, int | None]:
    """Tasks kept open and overdue on purpose, so each screen has something to show: one of Phường 1
    (the demo ward) and one with an extension request waiting; and one awaiting confirmation."""
    dated = [t for t in tasks if t.deadline and t.deadline.due and t.parent_id is None]
    keep: set[int] = set()
    p1 = [t for t in dated if t.lead_unit.code == "UBND-P1"]
    if p1:
        keep.add(p1[-1].pk)
    others = [t for t in dated if t.lead_unit.code != "UBND-P1"]
    pending = others[7].pk if len(others) > 10 else None
    awaiting = others[3].pk if len(others) > 10 else None
    if pending:
        keep.add(pending)
    return keep, pending, awaiting


def _backdate(ext: Any, asked: dt.date) -> None:
    ext.requested_at = _at(asked)
    ext.decided_at = _at(asked + dt.timedelta(days=2))
    ext.save(update_fields=["requested_at", "decided_at"])


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))


def _progress(task: Task, day: dt.date, rng: random.Random) -> None:
    start = task.deadline.start_date if task.deadline else _issued()
    day = max(day, start + dt.timedelta(days=1))
    report = actions.add_progress(
        _voice(task), task, percent=rng.choice([20, 30, 40, 50, 60, 70]), note=rng.choice(PROGRESS_NOTES)
    )
    report.at = _at(min(day, demo_clock.today()))
    report.save(update_fields=["at"])


def _finish(office: User, task: Task, day: dt.date, rng: random.Random) -> None:
    today = demo_clock.today()
    start = task.deadline.start_date if task.deadline else _issued()
    day = min(max(day, start + dt.timedelta(days=2)), today - dt.timedelta(days=1))
    _progress(task, day - dt.timedelta(days=7), rng)
    actions.report_completion(_voice(task), task, note=rng.choice(DONE_NOTES), on=day)
    actions.confirm_completion(office, task, on=min(day + dt.timedelta(days=rng.randint(1, 4)), today))


def _summary(directive: Directive, spawned: int) -> str:
    from cchc.directives.queries import State, tally_by

    tally = tally_by(Task.objects.filter(directive=directive), "directive", actions.today()).get(directive.pk)
    if tally is None:
        return f"{directive}: chưa có nhiệm vụ"
    pending = Task.objects.filter(
        directive=directive, deadline__extensions__status=ExtensionStatus.PENDING
    ).count()
    return (
        f"{directive}: {tally.total} nhiệm vụ; hoàn thành đúng hạn {tally[State.DONE_ON_TIME]}, quá hạn "
        f"{tally[State.DONE_LATE]}; đang quá hạn {tally.overdue}; chờ xác nhận "
        f"{tally[State.AWAITING_CONFIRMATION]}; đề nghị gia hạn chờ duyệt {pending}"
        + (f"; tạo thêm {spawned} nhiệm vụ theo kỳ" if spawned else "")
    )
