"""Demo step: reform proposals after the founding letter asked units to propose what the city should
decentralise or delegate (Công văn 7190/UBND-NV, mục 1.8 and 4.2) — one in every state: being drafted,
sent for review, reviewed and waiting for the leader, rejected, approved with its follow-up task within
time, approved with the task overdue, and approved with the task done — and the register of the
procedures reviewed this year and last. Dates come from the demo clock. Idempotent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR
from cchc.directives import actions as directive_actions
from cchc.directives.models import Directive
from cchc.dossiers.models import Procedure
from cchc.notify.channels import messages_recorded
from cchc.org.models import Jurisdiction, Unit
from cchc.proposals import actions
from cchc.proposals.models import Conclusion, ProcedureReview, Proposal

CITY = "747"
ACTOR = DEMO_ACTOR
LAW = "Luật Tổ chức chính quyền địa phương 2025 (quy định về phân cấp, ủy quyền)"
RESOLUTION = "Nghị quyết 04/NQ-CP ngày 10/01/2022 của Chính phủ về đẩy mạnh phân cấp, phân quyền"


def _unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _proposals(procedures: list[Procedure]) -> list[dict[str, Any]]:
    first = procedures[0] if procedures else None
    second = procedures[1] if len(procedures) > 1 else first
    return [
        {
            "state": "approved_done",
            "kind": "delegate",
            "title": "Ủy quyền UBND các phường chứng thực hợp đồng, giao dịch liên quan đến nhà ở",
            "content": "UBND thành phố ủy quyền cho UBND các phường chứng thực hợp đồng, giao dịch về nhà ở "
            "để người dân nộp tại Bộ phận một cửa phường, không phải lên thành phố.",
            "power": "Chứng thực hợp đồng, giao dịch liên quan đến nhà ở",
            "proposing_unit": "UBND-P1",
            "from_unit": "UBND-VT",
            "to_unit": "UBND-P1",
            "days_saved": Decimal("2"),
            "cost_saved": 45_000_000,
            "legal_basis": f"{LAW}; {RESOLUTION}",
        },
        {
            "state": "approved_overdue",
            "kind": "decentralise",
            "title": "Phân cấp cho Phòng Quản lý đô thị cấp giấy phép xây dựng nhà ở riêng lẻ dưới 7 tầng",
            "content": "Phân cấp thẩm quyền cấp phép xây dựng nhà ở riêng lẻ cho Phòng Quản lý đô thị, "
            "UBND thành phố chỉ kiểm tra sau.",
            "power": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
            "proposing_unit": "QLĐT",
            "from_unit": "UBND-VT",
            "to_unit": "QLĐT",
            "days_saved": Decimal("5"),
            "cost_saved": None,
            "legal_basis": f"{LAW}; Luật Xây dựng",
        },
        {
            "state": "approved",
            "kind": "simplify",
            "title": "Đơn giản hóa thành phần hồ sơ: bỏ bản sao giấy tờ đã có trong cơ sở dữ liệu",
            "content": "Không yêu cầu nộp bản sao giấy tờ tùy thân và giấy tờ đã được số hóa; cán bộ tra cứu "
            "cơ sở dữ liệu dân cư.",
            "procedure": first,
            "proposing_unit": "TP",
            "days_saved": Decimal("1"),
            "cost_saved": 12_000_000,
            "legal_basis": "Nghị định 63/2010/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP), rà soát, "
            "đơn giản hóa thủ tục hành chính",
        },
        {
            "state": "rejected",
            "kind": "delegate",
            "title": "Ủy quyền UBND phường quyết định xử phạt vi phạm trật tự đô thị mức cao",
            "content": "Đề nghị ủy quyền cho Chủ tịch UBND phường quyết định xử phạt vượt thẩm quyền "
            "hiện hành.",
            "power": "Xử phạt vi phạm hành chính về trật tự xây dựng",
            "proposing_unit": "UBND-P10",
            "from_unit": "UBND-VT",
            "to_unit": "UBND-P10",
            "days_saved": Decimal("3"),
            "cost_saved": None,
            "legal_basis": LAW,
        },
        {
            "state": "reviewed",
            "kind": "decentralise",
            "title": "Phân cấp cho Phòng Tài nguyên và Môi trường xác nhận kế hoạch bảo vệ môi trường",
            "content": "Phân cấp việc xác nhận đăng ký kế hoạch bảo vệ môi trường cho Phòng Tài nguyên và "
            "Môi trường.",
            "power": "Xác nhận đăng ký kế hoạch bảo vệ môi trường",
            "proposing_unit": "TNMT",
            "from_unit": "UBND-VT",
            "to_unit": "TNMT",
            "days_saved": Decimal("4"),
            "cost_saved": None,
            "legal_basis": f"{LAW}; Luật Bảo vệ môi trường 2020",
        },
        {
            "state": "submitted",
            "kind": "simplify",
            "title": "Rút ngắn thời hạn giải quyết từ 5 xuống 3 ngày làm việc",
            "content": "Quy trình nội bộ đã số hóa, đề nghị rút ngắn thời hạn giải quyết.",
            "procedure": second,
            "proposing_unit": "UBND-P5",
            "days_saved": Decimal("2"),
            "cost_saved": None,
            "legal_basis": "Nghị định 63/2010/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP)",
        },
        {
            "state": "draft",
            "kind": "delegate",
            "title": "Ủy quyền UBND phường cấp bản sao trích lục hộ tịch",
            "content": "Đề nghị ủy quyền cấp bản sao trích lục hộ tịch tại phường.",
            "power": "Cấp bản sao trích lục hộ tịch",
            "proposing_unit": "UBND-P7",
            "from_unit": "TP",
            "to_unit": "UBND-P7",
            "days_saved": Decimal("1"),
            "cost_saved": None,
            "legal_basis": LAW,
        },
    ]


def _data(spec: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in spec.items() if k != "state"}
    for key in ("proposing_unit", "from_unit", "to_unit"):
        data[key] = _unit(data[key]) if data.get(key) else None
    data.setdefault("procedure", None)
    data.setdefault("power", "")
    return data


def _move(p: Proposal, state: str, directive: Directive, today: dt.date, n: int) -> None:
    if state == "draft":
        return
    actions.submit(ACTOR, p)
    if state == "submitted":
        return
    support = state != "rejected"
    actions.review(
        ACTOR,
        p,
        opinion="support" if support else "oppose",
        note="Phù hợp quy định, bảo đảm điều kiện thực hiện."
        if support
        else "Vượt thẩm quyền được ủy quyền theo pháp luật về xử lý vi phạm hành chính.",
    )
    if state == "reviewed":
        return
    decided = today - dt.timedelta(days=70 - 10 * n)
    if state == "rejected":
        actions.decide(
            ACTOR,
            p,
            approve=False,
            decision_number=f"{2100 + n}/UBND-NV",
            note="Không đủ căn cứ pháp lý.",
            on=decided,
        )
        return
    due = {
        "approved_done": decided + dt.timedelta(days=40),
        "approved_overdue": today - dt.timedelta(days=8),
    }.get(state, today + dt.timedelta(days=35))
    actions.decide(
        ACTOR,
        p,
        approve=True,
        decision_number=f"{3300 + n}/QĐ-UBND",
        note="Đồng ý; giao đơn vị triển khai.",
        on=decided,
        directive=directive,
        due=due,
    )
    if state == "approved_done" and p.task is not None:
        reported = decided + dt.timedelta(days=30)
        directive_actions.report_completion(
            ACTOR, p.task, note="Đã ban hành quyết định ủy quyền và niêm yết tại phường.", on=reported
        )
        directive_actions.confirm_completion(ACTOR, p.task, on=reported + dt.timedelta(days=2))


def _register(city: Jurisdiction, procedures: list[Procedure], today: dt.date, first: Proposal | None) -> int:
    units = [
        u for u in Unit.objects.filter(code__in=["TP", "VP", "UBND-P1", "UBND-P5", "TNMT"]).order_by("code")
    ]
    written = 0
    for year, share in ((today.year - 1, 1.0), (today.year, 0.6)):
        for i, proc in enumerate(procedures[: int(len(procedures) * share)]):
            day = dt.date(year, 3, 1) + dt.timedelta(days=(i * 5) % 200)
            if day > today:
                day = today - dt.timedelta(days=i % 20)
            if day.year != year:
                continue
            conclusion = (
                Conclusion.SIMPLIFY if i % 5 == 0 else Conclusion.ABOLISH if i % 11 == 0 else Conclusion.KEEP
            )
            note = "" if conclusion == Conclusion.KEEP else "Thành phần hồ sơ trùng lặp; đề nghị cắt giảm."
            actions.add_review(
                ACTOR,
                city,
                year=year,
                procedure=proc,
                unit=units[i % len(units)],
                reviewed_on=day,
                conclusion=conclusion,
                note=note,
                proposal=first if (year == today.year and i == 0) else None,
            )
            written += 1
    return written


def load_proposals_demo() -> str:
    # Demo officials are fictitious: their invitations and notices are recorded, never mailed.
    with messages_recorded():
        return _load()


def _load() -> str:
    city = Jurisdiction.objects.get(code=CITY)
    if Proposal.objects.filter(jurisdiction=city).exists():
        return "đã có từ lần nạp trước"
    today = demo_clock.today()
    directive = Directive.objects.filter(jurisdiction=city, number="7190", symbol="UBND-NV").first()
    if directive is None:
        return "chưa có Công văn 7190/UBND-NV (chạy bước văn bản chỉ đạo trước)"
    procedures = list(Procedure.objects.filter(is_active=True).order_by("national_code"))
    simplified: Proposal | None = None
    for n, spec in enumerate(_proposals(procedures)):
        p = actions.create_proposal(ACTOR, city, _data(spec))
        _move(p, spec["state"], directive, today, n)
        if spec["kind"] == "simplify" and simplified is None:
            simplified = p
    rows = (
        0
        if ProcedureReview.objects.filter(jurisdiction=city).exists()
        else _register(city, procedures, today, simplified)
    )
    count = Proposal.objects.filter(jurisdiction=city).count()
    return f"{count} đề xuất ở mọi trạng thái, {rows} thủ tục trong sổ rà soát"
