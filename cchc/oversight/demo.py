"""The demo's oversight year, dated from the demo clock: the city's inspection plan for this year,
approved by the leader, with a visit in every state (concluded with findings followed up, waiting for
the unit's explanation, on site now with photos, planned, cancelled) and an unannounced visit that
finds again what the first one found; next year's draft plan showing the units the figures propose;
one disciplinary record carried through due process; and an outside audit's conclusion with its
corrections. Loading again adds nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.accounts.models import User
from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR
from cchc.org.models import Jurisdiction, Official, Unit
from cchc.oversight.actions import cases, conclusions, followups, inspections
from cchc.oversight.models import ChecklistTemplate, Inspection, InspectionPlan

SYSTEM = DEMO_ACTOR


def _photo(name: str, seed: int) -> SimpleUploadedFile:
    """A plain picture standing in for a phone photo (generated, so no real person is shown)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    img = Image.new(
        "RGB", (480, 360), (rng.randrange(180, 230), rng.randrange(190, 230), rng.randrange(200, 240))
    )
    draw = ImageDraw.Draw(img)
    for _ in range(6):
        x, y = rng.randrange(0, 400), rng.randrange(0, 300)
        draw.rectangle(
            [x, y, x + rng.randrange(40, 160), y + rng.randrange(30, 90)], fill=(rng.randrange(40, 120),) * 3
        )
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _in_year(day: dt.date, year: int) -> dt.date:
    return min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def load_oversight_demo() -> str:
    city = Jurisdiction.objects.filter(code="747").first()
    if city is None:
        raise RuntimeError("Chưa có tổ chức bộ máy trình diễn (chạy bước tổ chức bộ máy trước).")
    today = demo_clock.today()
    year = today.year
    if InspectionPlan.objects.filter(jurisdiction=city, year=year).exists():
        return f"đã có kế hoạch kiểm tra năm {year}, không thêm"
    ia = User.objects.get(username="noivu")
    leader = User.objects.get(username="lanhdao")
    head_p1 = User.objects.get(username="phuong1")
    officer = User.objects.get(username="congchuc")
    office = User.objects.get(username="vanphong")
    unit = {u.code: u for u in Unit.objects.filter(jurisdiction__path__startswith=city.path)}
    person = {o.code: o for o in Official.objects.filter(unit__jurisdiction__path__startswith=city.path)}
    tpl = {t.code: t for t in ChecklistTemplate.objects.filter(is_current=True)}
    back = lambda n: today - dt.timedelta(days=n)  # noqa: E731

    plan = inspections.create_plan(ia, city, year=year)

    def visit(code: str, template: str, days: int, topic: str) -> Inspection:
        return inspections.add_inspection(
            ia,
            jurisdiction=city,
            unit=unit[code],
            template=tpl[template],
            planned_on=_in_year(back(days), year),
            topic=topic,
            plan=plan,
            team_lead=ia,
        )

    first = visit("BPMC-P1", "mot-cua", 100, "Hoạt động của Bộ phận Một cửa Phường 1")
    second = visit("UBND-P2", "cong-tac-cchc", 40, "Công tác cải cách hành chính của UBND Phường 2")
    third = visit("BPMC-VT", "mot-cua", 1, "Bộ phận tiếp nhận và trả kết quả thành phố")
    fourth = visit("UBND-TT", "cong-vu", -30, "Kỷ luật, kỷ cương hành chính tại UBND phường Thắng Tam")
    fifth = visit("TP", "cong-tac-cchc", -60, "Công tác cải cách hành chính của Phòng Tư pháp")
    inspections.submit_plan(ia, plan)
    inspections.approve_plan(leader, plan, on=_in_year(back(130), year))
    for v in (first, second, third, fourth, fifth):
        v.refresh_from_db()

    # 1. Concluded, with findings followed up: one verified, one overdue (escalates to the head).
    inspections.start_visit(ia, first, on=back(100))
    _answer_all(first, {"MC-04": "not_met", "MC-11": "not_met", "MC-07": "partly"})
    inspections.add_evidence(ia, first, uploaded=_photo("quay-tiep-nhan.jpg", 1), code="MC-04")
    inspections.add_evidence(ia, first, uploaded=_photo("may-lay-so.jpg", 2), code="MC-07")
    badge = followups.add_finding(
        ia,
        first,
        code="MC-04",
        severity="minor",
        official=person["P1-MC1"],
        text="Một công chức tiếp nhận không đeo thẻ công chức trong giờ làm việc.",
    )
    apology = followups.add_finding(
        ia,
        first,
        code="MC-11",
        severity="moderate",
        official=person["P1-MC2"],
        text="4 hồ sơ hộ tịch trễ hạn trong quý không có văn bản xin lỗi, hẹn lại ngày trả kết quả.",
    )
    late_fix = followups.add_recommendation(
        ia,
        badge,
        text="Chấn chỉnh việc đeo thẻ; thủ trưởng kiểm tra hằng tuần và báo cáo.",
        due=back(20),
        on=back(95),
    )
    done_fix = followups.add_recommendation(
        ia,
        apology,
        text="Lập văn bản xin lỗi cho hồ sơ trễ hạn, gửi chậm nhất 01 ngày trước hạn.",
        due=back(60),
        on=back(95),
    )
    inspections.ask_explanation(ia, first)
    inspections.explain(
        head_p1, first, on=back(92), text="Đơn vị tiếp thu; đã nhắc nhở công chức và rà soát sổ theo dõi."
    )
    inspections.conclude(
        ia,
        first,
        on=back(90),
        text="Bộ phận Một cửa Phường 1 cơ bản thực hiện đúng quy trình; còn tồn tại về đeo thẻ và văn bản "
        "xin lỗi. Yêu cầu khắc phục theo các kiến nghị kèm theo.",
    )
    followups.report_done(officer, done_fix, on=back(65), text="Đã lập và gửi văn bản xin lỗi cho 4 hồ sơ.")
    followups.verify(ia, done_fix, on=back(58), note="Kiểm tra sổ theo dõi: đạt.")
    assert late_fix.deadline is not None

    # 2. Waiting for the conclusion after the unit's explanation.
    inspections.start_visit(ia, second, on=back(40))
    _answer_all(second, {"CC-02": "partly", "CC-03": "not_met"})
    f2 = followups.add_finding(
        ia,
        second,
        code="CC-03",
        severity="serious",
        text="5 nhiệm vụ được giao trong năm quá hạn, không có đề nghị gia hạn.",
    )
    followups.add_recommendation(
        ia,
        f2,
        text="Rà soát, hoàn thành các nhiệm vụ quá hạn; báo cáo tiến độ hằng tuần.",
        due=today + dt.timedelta(days=15),
        on=back(38),
    )
    inspections.ask_explanation(ia, second)
    inspections.explain(
        SYSTEM, second, on=back(30), text="Do thiếu công chức văn phòng trong quý III; đã phân công lại."
    )

    # 3. On site now, half answered, with photos.
    inspections.start_visit(ia, third, on=today)
    for code, result, note in (
        ("MC-01", "met", ""),
        ("MC-02", "met", ""),
        ("MC-06", "partly", "Thiếu ghế chờ vào giờ cao điểm"),
        ("MC-07", "met", ""),
    ):
        inspections.answer(ia, third, code=code, result=result, note=note)
    inspections.add_evidence(ia, third, uploaded=_photo("khu-cho.jpg", 3), code="MC-06")

    # 4 and 5. Planned; one cancelled.
    inspections.cancel(ia, fifth, reason="Đơn vị đã được Sở Nội vụ kiểm tra cùng nội dung trong năm.")

    # 6. Unannounced: citizens complained; the badge finding is back (recurring), fix reported, not verified.
    adhoc = inspections.add_inspection(
        ia,
        jurisdiction=city,
        unit=unit["BPMC-P1"],
        template=tpl["mot-cua"],
        planned_on=back(12),
        topic="Kiểm tra đột xuất thái độ tiếp dân",
        reason="Ba phản ánh của người dân về thái độ tiếp dân trong tháng.",
        team_lead=ia,
    )
    inspections.start_visit(ia, adhoc, on=back(12))
    _answer_all(adhoc, {"MC-04": "not_met", "MC-05": "partly"})
    again = followups.add_finding(
        ia,
        adhoc,
        code="MC-04",
        severity="moderate",
        official=person["P1-MC1"],
        text="Công chức tiếp nhận vẫn không đeo thẻ; người dân phản ánh thái độ thiếu hòa nhã.",
    )
    rec = followups.add_recommendation(
        ia,
        again,
        text="Kiểm điểm công chức; bố trí lại vị trí tiếp nhận.",
        due=today + dt.timedelta(days=5),
        on=back(12),
    )
    inspections.ask_explanation(ia, adhoc)
    inspections.explain(head_p1, adhoc, on=back(9), text="Đã tổ chức kiểm điểm và điều chuyển công chức.")
    inspections.conclude(
        ia, adhoc, on=back(8), text="Tồn tại lặp lại so với lần kiểm tra trước; yêu cầu xử lý trách nhiệm."
    )
    followups.report_done(
        head_p1, rec, on=back(3), text="Đã kiểm điểm, điều chuyển công chức sang bộ phận khác."
    )

    # Next year's draft: the figures propose its units on its page.
    inspections.create_plan(ia, city, year=year + 1)

    # One disciplinary record, through due process to a decision.
    case = cases.open_case(
        ia,
        person["P1-VPTK"],
        on=back(30),
        grounds="Nhiều hồ sơ trễ hạn ở bước do công chức xử lý; không lập văn bản xin lỗi kịp thời.",
    )
    # The demo's dossiers may not name this official: the finding is entered by hand below.
    with contextlib.suppress(ValidationError):
        cases.gather_from_cchc(ia, case, today_=back(30))
    cases.add_evidence(
        ia, case, kind="finding", summary="Kiểm tra Bộ phận Một cửa Phường 1: văn bản xin lỗi không lập."
    )
    cases.request_explanation(ia, case, on=back(28), due=back(21))
    cases.explain(
        officer,
        case,
        on=back(24),
        text="Trong tháng có hai đợt tập huấn phần mềm mới; tôi xin nhận khuyết điểm.",
    )
    cases.decide(
        head_p1,
        case,
        on=back(15),
        decision="khien-trach",
        text="Kỷ luật khiển trách do vi phạm thời hạn giải quyết hồ sơ nhiều lần trong quý.",
    )

    # An outside audit's conclusion with its corrections.
    audit = conclusions.record_conclusion(
        office,
        city,
        issuer="Kiểm toán nhà nước khu vực XIII",
        number="28/KL-KTNN",
        issued_on=back(150),
        subject="Kiểm toán ngân sách thành phố năm trước",
        summary="Một số khoản chi chưa đúng chế độ; thủ tục thanh quyết toán còn chậm.",
    )
    c1 = conclusions.add_correction(
        office,
        audit,
        text="Thu hồi nộp ngân sách khoản chi hỗ trợ sai đối tượng.",
        unit=unit["TCKH"],
        due=back(40),
        amount=Decimal("85400000"),
    )
    conclusions.report_progress(SYSTEM, c1, text="Đã thu hồi, nộp ngân sách đủ.", percent=100, on=back(45))
    conclusions.verify(office, c1, on=back(42))
    c2 = conclusions.add_correction(
        office,
        audit,
        text="Hoàn thiện hồ sơ quyết toán các công trình chỉnh trang đô thị.",
        unit=unit["QLĐT"],
        due=today + dt.timedelta(days=30),
    )
    conclusions.report_progress(SYSTEM, c2, text="Đã hoàn thiện 3/5 công trình.", percent=60, on=back(10))
    conclusions.add_correction(
        office,
        audit,
        text="Rút kinh nghiệm, chấn chỉnh việc lập dự toán chi thường xuyên.",
        unit=unit["UBND-P2"],
        due=back(10),
    )
    return (
        f"kế hoạch kiểm tra năm {year}: {Inspection.objects.filter(plan=plan).count()} cuộc kiểm tra theo "
        "kế hoạch, 1 đột xuất, 1 hồ sơ xử lý kỷ luật, 1 kết luận kiểm toán với 3 yêu cầu khắc phục"
    )


def _answer_all(insp: Inspection, bad: dict[str, str]) -> None:
    for item in insp.template.items.all():
        result = bad.get(item.code, "met")
        note = "" if result == "met" else "Chưa đạt khi kiểm tra thực tế"
        inspections.answer(SYSTEM, insp, code=item.code, result=result, note=note)
