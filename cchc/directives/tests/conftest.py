"""Fixtures of the directive and task tests: the founding letter (Công văn 7190/UBND-NV) read and confirmed
for the personas' city, and single tasks for each status test."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.notify.channels import RecordingChannel

SEED = Path(__file__).resolve().parents[1] / "data" / "7190-UBND-NV-2022.txt"
URLS = "cchc.directives.tests.urls"


@pytest.fixture(autouse=True)
def _media_and_outbox(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    RecordingChannel.reset()
    yield
    RecordingChannel.reset()


def seed_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("7190-UBND-NV-2022.txt", SEED.read_bytes(), content_type="text/plain")


@pytest.fixture
def directive(world):
    """7190/UBND-NV registered by hand (no reader), in the personas' city."""
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


def make_task(
    world: Any, directive: Any, unit_key: str = "p1", due: dt.date | None = dt.date(2022, 9, 30), **kw: Any
):
    from cchc.directives.actions import create_task

    return create_task(
        world.users["office"],
        directive,
        text=kw.pop("text", "Rà soát, cập nhật văn bản trên Trang thông tin điện tử"),
        section=kw.pop("section", "1"),
        lead_unit=world.units[unit_key],
        assigner_unit=kw.pop("assigner_unit", world.units["vp"]),
        due=due,
        **kw,
    )


@pytest.fixture
def p1_task(world, directive):
    return make_task(world, directive, "p1")


@pytest.fixture
def p2_task(world, directive):
    return make_task(world, directive, "p2", text="Nhiệm vụ riêng của Phường 2")


def xlsx_rows(content: bytes) -> list[list[Any]]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_name(book.sheet_names[0]).to_python()


def snapshot() -> dict[str, list[Any]]:
    """Every row of the directive and deadline tables, to prove a request changed nothing."""
    from cchc.deadlines.models import Deadline, DeadlineExtension
    from cchc.directives.models import Directive, DirectiveFile, DirectiveLink, ProgressReport, Task

    return {
        m.__name__: list(m.objects.order_by("pk").values())
        for m in (Directive, DirectiveFile, DirectiveLink, Task, ProgressReport, Deadline, DeadlineExtension)
    }


def form_values(html: str, testid: str) -> dict[str, Any]:
    """What a browser would submit from the form marked ``data-testid=testid`` (checked boxes, selected
    options, text), as a dict of name → value or list of values."""
    import lxml.html

    doc = lxml.html.fromstring(html)
    form = next(f for f in doc.forms if f.get("data-testid") == testid)
    textareas = {t.get("name") for t in form.iter("textarea")}
    out: dict[str, Any] = {}
    for name, value in form.form_values():
        if name in textareas and value.startswith("\n"):
            value = value[1:]  # as a browser does: the newline after <textarea> is not content
        if name in out:
            out[name] = [*out[name], value] if isinstance(out[name], list) else [out[name], value]
        else:
            out[name] = value
    return out


@pytest.fixture
def scene(world, directive, p1_task):
    """Phường 1's task with a report (and attachment) and an extension request waiting; a file, a link
    and a document waiting for confirmation on the register."""
    from cchc.directives import actions, actions_register

    officer = world.users["ward_officer"]
    report = actions.add_progress(
        officer,
        p1_task,
        percent=40,
        note="Đã rà soát 12/30 văn bản",
        attachment=SimpleUploadedFile("tien-do.txt", b"bao cao", content_type="text/plain"),
    )
    ext = actions.request_extension(
        world.users["unit_head"],
        p1_task,
        proposed_due=dt.date(2022, 10, 14),
        reason="Chờ ý kiến Phòng Tư pháp",
    )
    file_row, _ = actions_register.add_file(world.users["office"], directive, seed_upload())
    link = actions_register.add_link(
        world.users["office"], directive, {"kind": "cites", "reference": "4861/UBND-NV", "cited_date": None}
    )
    from cchc.directives.proposal import assignable_units

    upload = actions_register.stage_upload(
        world.users["office"],
        world.jurisdictions["city"],
        seed_upload(),
        list(assignable_units(world.jurisdictions["city"])),
    )
    return {
        "directive": directive,
        "task": p1_task,
        "report": report,
        "ext": ext,
        "file": file_row,
        "link": link,
        "upload": upload,
    }


@pytest.fixture
def history(world, directive):
    """As of 10/10/2022, in the personas' city:

    - Phường 1: one done on time, one done late, one overdue (due 30/9), one awaiting confirmation;
    - Phường 2: one done on time after an approved extension (late against the original), one within time;
    - Phòng Nội vụ: one without deadline.
    """
    from cchc.directives import actions

    office, p1, p2 = world.users["office"], world.users["ward_officer"], world.users["other_ward_officer"]
    on_time = make_task(
        world, directive, "p1", text="Kế hoạch nâng cao chỉ số PAR INDEX", due=dt.date(2022, 8, 31)
    )
    actions.report_completion(p1, on_time, note="Xong", on=dt.date(2022, 8, 30))
    actions.confirm_completion(office, on_time, on=dt.date(2022, 8, 31))
    late = make_task(world, directive, "p1", text="Quán triệt ứng dụng CNTT", due=dt.date(2022, 9, 15))
    actions.report_completion(p1, late, note="Xong muộn", on=dt.date(2022, 9, 21))
    actions.confirm_completion(office, late, on=dt.date(2022, 9, 22))
    overdue = make_task(
        world, directive, "p1", text="Rà soát trang thiết bị Bộ phận một cửa", due=dt.date(2022, 9, 30)
    )
    actions.add_progress(p1, overdue, percent=40, note="Đã khảo sát hiện trạng")
    awaiting = make_task(
        world, directive, "p1", text="Bố trí hình thức tiếp nhận phản ánh", due=dt.date(2022, 10, 31)
    )
    actions.report_completion(p1, awaiting, note="Xong", on=dt.date(2022, 10, 5))
    extended = make_task(world, directive, "p2", text="Kiểm tra công vụ tại phường", due=dt.date(2022, 9, 15))
    ext = actions.request_extension(p2, extended, proposed_due=dt.date(2022, 9, 30), reason="Thiếu người")
    actions.decide_extension(office, ext, approve=True)
    actions.report_completion(p2, extended, note="Xong", on=dt.date(2022, 9, 29))
    actions.confirm_completion(office, extended, on=dt.date(2022, 9, 30))
    within = make_task(
        world, directive, "p2", text="Cập nhật văn bản trên trang thông tin", due=dt.date(2022, 12, 30)
    )
    no_deadline = make_task(world, directive, "nv", text="Theo dõi, kiểm tra thực hiện giải pháp", due=None)
    return {
        "on_time": on_time,
        "late": late,
        "overdue": overdue,
        "awaiting": awaiting,
        "extended": extended,
        "within": within,
        "no_deadline": no_deadline,
    }


@pytest.fixture
def on_10_october(monkeypatch):
    """The screens' "today" is 10/10/2022 (Monday)."""
    from cchc.directives import actions

    monkeypatch.setattr(actions, "today", lambda: dt.date(2022, 10, 10))
