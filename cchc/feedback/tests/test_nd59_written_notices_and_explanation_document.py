"""ND 59/2019 (docs/rules/petitions.md): an accountability request is accepted or refused in writing, and the
explanation document states the requester's details, the request, the results of any meetings, the
legal basis and the explanation. Each is issued once by the action that decides it (an event row: who,
when, which document), carries the ND 30 layout (docs/rules/official-documents.md), and reads the same in DOCX
and PDF."""

import re

import pytest
from django.core.exceptions import ValidationError

from cchc.core.models import AuditEvent
from cchc.core.official_documents import docx_text, pdf_text, render_docx, render_pdf
from cchc.feedback import actions, documents
from cchc.feedback.queries import timeline
from cchc.feedback.tests.conftest import local

REQUEST = (
    "Đề nghị UBND Phường 1 giải trình vì sao hồ sơ cấp phép sửa chữa nhà của tôi bị trả lại hai lần "
    "mà không nêu rõ lý do."
)
EXPLANATION = (
    "Hồ sơ được trả lại do thiếu bản vẽ hiện trạng có xác nhận của đơn vị tư vấn.\n"
    "UBND Phường 1 đã hướng dẫn bổ sung và tiếp nhận lại hồ sơ ngày 20/6/2022."
)
LEGAL_BASIS = "Luật Xây dựng năm 2014; Nghị định số 15/2021/NĐ-CP ngày 03 tháng 3 năm 2021 của Chính phủ."
MEETING = (
    "Ngày 15/6/2022 UBND Phường 1 làm việc trực tiếp với Ông/Bà; hai bên thống nhất nội dung cần bổ sung."
)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def both(event, petition):
    doc = documents.build(petition, event, personal=True)
    return flat(docx_text(render_docx(doc))), flat(pdf_text(render_pdf(doc)))


@pytest.fixture
def request_for_explanation(file_petition):
    return file_petition(
        kind="accountability",
        text=REQUEST,
        title="Giải trình việc trả lại hồ sơ sửa chữa nhà",
        citizen_id_number="077190001234",
        citizen_email="nhung.pham@example.test",
    )


LAYOUT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ỦY BAN NHÂN DÂN PHƯỜNG 1",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT, P1.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Hoàng Minh Đức",
    "Căn cứ Nghị định số 59/2019/NĐ-CP ngày 01 tháng 7 năm 2019",
    "Kính gửi: Ông/Bà Phạm Thị Hồng Nhung",
    "Địa chỉ: 12 Lê Lợi, Phường 1",
]


def test_accepting_issues_the_written_acceptance_notice(world, request_for_explanation):
    p = request_for_explanation
    actions.accept(world.users["ward_officer"], p, at=local(2022, 6, 8, 10))
    event = documents.issued(p).get()
    assert event.actor == world.users["ward_officer"]
    assert event.data["document"] == "acceptance" and event.data["number"] == "01/TB-P1"
    assert event.data["at"].startswith("2022-06-08T10:00")
    for text in both(event, p):
        for needle in [
            *LAYOUT,
            "Số: 01/TB-P1",
            "Phường 1, ngày 08 tháng 06 năm 2022",
            "THÔNG BÁO",
            "Về việc tiếp nhận yêu cầu giải trình",
            f"mã theo dõi {p.code}",
            "Giải trình việc trả lại hồ sơ sửa chữa nhà",
            "thông báo tiếp nhận yêu cầu giải trình của Ông/Bà",
            "15 ngày kể từ ngày ra thông báo tiếp nhận, tức là đến hết ngày 23/06/2022",
            "gia hạn một lần, không quá 15 ngày",
        ]:
            assert needle in text, needle


def test_refusing_issues_the_refusal_notice_with_its_reason(world, request_for_explanation):
    p = request_for_explanation
    reason = "Nội dung yêu cầu đang được giải quyết theo thủ tục khiếu nại tại Thanh tra thành phố"
    actions.reject(world.users["unit_head"], p, reason=reason, at=local(2022, 6, 9))
    event = documents.issued(p).get()
    assert (event.actor, event.data["document"], event.data["number"]) == (
        world.users["unit_head"],
        "refusal",
        "01/TB-P1",
    )
    for text in both(event, p):
        for needle in [
            *LAYOUT,
            "Phường 1, ngày 09 tháng 06 năm 2022",
            "Về việc từ chối yêu cầu giải trình",
            "từ chối yêu cầu giải trình của Ông/Bà. Lý do: " + reason + ".",
        ]:
            assert needle in text, needle


def test_the_explanation_document_has_the_five_parts_nd59_requires(world, request_for_explanation):
    p = request_for_explanation
    actions.accept(world.users["ward_officer"], p, at=local(2022, 6, 8))
    with pytest.raises(ValidationError, match="căn cứ pháp lý"):
        actions.draft_answer(world.users["ward_officer"], p, text=EXPLANATION, at=local(2022, 6, 20))
    answer = actions.draft_answer(
        world.users["ward_officer"],
        p,
        text=EXPLANATION,
        legal_basis=LEGAL_BASIS,
        meeting_results=MEETING,
        at=local(2022, 6, 20),
    )
    actions.approve_answer(world.users["unit_head"], answer, at=local(2022, 6, 21, 15))
    event = documents.issued(p).get(data__document="explanation")
    assert event.actor == world.users["unit_head"] and event.data["answer"] == answer.pk
    assert event.data["number"] == "01/GT-P1"
    for text in both(event, p):
        parts = [
            "1. Thông tin người yêu cầu giải trình",
            "2. Nội dung yêu cầu giải trình",
            "3. Kết quả làm việc trực tiếp với người yêu cầu giải trình",
            "4. Căn cứ pháp lý",
            "5. Nội dung giải trình",
        ]
        for needle in [
            *LAYOUT,
            "Số: 01/GT-P1",
            "Phường 1, ngày 21 tháng 06 năm 2022",
            "VĂN BẢN GIẢI TRÌNH",
            "Về việc Giải trình việc trả lại hồ sơ sửa chữa nhà",
            *parts,
            "Họ và tên: Phạm Thị Hồng Nhung",
            "Điện thoại: 0912345678",
            "Thư điện tử: nhung.pham@example.test",
            "Số định danh cá nhân: 077190001234",
            "mà không nêu rõ lý do",
            "hai bên thống nhất nội dung cần bổ sung",
            "Nghị định số 15/2021/NĐ-CP",
            "thiếu bản vẽ hiện trạng",
            "tiếp nhận lại hồ sơ ngày 20/6/2022",
        ]:
            assert needle in text, needle
        positions = [text.index(part) for part in parts]
        assert positions == sorted(positions)  # in ND 59's order


def test_without_a_meeting_the_document_says_there_was_none(world, request_for_explanation):
    p = request_for_explanation
    actions.accept(world.users["ward_officer"], p, at=local(2022, 6, 8))
    answer = actions.draft_answer(
        world.users["ward_officer"], p, text=EXPLANATION, legal_basis=LEGAL_BASIS, at=local(2022, 6, 20)
    )
    actions.approve_answer(world.users["unit_head"], answer, at=local(2022, 6, 21))
    event = documents.issued(p).get(data__document="explanation")
    docx, _ = both(event, p)
    assert (
        "3. Kết quả làm việc trực tiếp với người yêu cầu giải trình Không tổ chức làm việc trực tiếp." in docx
    )


def test_numbers_run_per_unit_and_year(world, request_for_explanation, file_petition):
    actions.accept(world.users["ward_officer"], request_for_explanation, at=local(2022, 6, 8))
    second = file_petition(kind="accountability", text=REQUEST + " Lần hai.", citizen_phone="0987654321")
    actions.reject(
        world.users["ward_officer"], second, reason="Trùng yêu cầu đã tiếp nhận", at=local(2022, 6, 9)
    )
    next_year = file_petition(
        kind="accountability", text=REQUEST + " Năm sau.", citizen_phone="0987000111", at=local(2023, 2, 6)
    )
    actions.accept(world.users["ward_officer"], next_year, at=local(2023, 2, 7))
    numbers = [e.data["number"] for e in AuditEvent.objects.filter(verb=documents.ISSUED).order_by("id")]
    assert numbers == ["01/TB-P1", "02/TB-P1", "01/TB-P1"]


def test_issued_documents_appear_in_the_staff_timeline_only(world, request_for_explanation):
    p = request_for_explanation
    actions.accept(world.users["ward_officer"], p, at=local(2022, 6, 8))
    staff = [s for s in timeline(p, public=False) if s.label == "Phát hành văn bản"]
    assert len(staff) == 1
    assert staff[0].summary == "Thông báo tiếp nhận yêu cầu giải trình số 01/TB-P1"
    assert staff[0].actor == "Trần Thị Bình"
    assert "Phát hành văn bản" not in [s.label for s in timeline(p, public=True)]


def test_feedback_and_petitions_get_no_nd59_documents(world, file_petition):
    p = file_petition(kind="feedback")
    actions.accept(world.users["ward_officer"], p, at=local(2022, 6, 7))
    answer = actions.draft_answer(world.users["ward_officer"], p, text=EXPLANATION, at=local(2022, 6, 8))
    actions.approve_answer(world.users["unit_head"], answer, at=local(2022, 6, 9))
    q = file_petition(
        kind="petition", text="Kiến nghị lắp thêm đèn đường hẻm 15.", citizen_phone="0987654321"
    )
    actions.reject(
        world.users["ward_officer"], q, reason="Không thuộc thẩm quyền của phường", at=local(2022, 6, 7)
    )
    assert not AuditEvent.objects.filter(verb=documents.ISSUED).exists()
