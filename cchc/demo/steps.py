"""The ordered steps of the demo. Each returns a one-line summary; each is idempotent.

A step receives the stream its progress lines go to (``None``: silent). Dates come from the demo clock
(``cchc.core.demo_clock``): the twelve months up to the day the demo is first loaded.
"""

import os
from collections.abc import Callable
from typing import TextIO

from cchc.accounts.demo import load_accounts
from cchc.core.events import DEMO_ACTOR
from cchc.org.demo import load_org


def _org_and_accounts(progress: TextIO | None) -> str:
    org = load_org()
    users = load_accounts(org)
    return f"{len(org.units)} đơn vị, {len(org.officials)} cán bộ, {len(users)} tài khoản trình diễn"


def _calendar(progress: TextIO | None) -> str:
    from cchc.calendar.actions import ensure_calendar, load_workdays
    from cchc.calendar.queries import bundled_csv_path
    from cchc.org.models import Jurisdiction

    province = Jurisdiction.objects.get(code="77")
    report = load_workdays(ensure_calendar(province, DEMO_ACTOR), bundled_csv_path(), DEMO_ACTOR)
    return report.summary()


def _dossiers(progress: TextIO | None) -> str:
    from cchc.dossiers.demo import load_dossier_demo, progress_line

    # About 200,000 dossiers for the demo's twelve months; CCHC_DEMO_DOSSIERS makes a lighter demo.
    count = int(os.environ.get("CCHC_DEMO_DOSSIERS", "200000"))
    return load_dossier_demo(count, progress=progress_line(progress) if progress else None)


def _messages(progress: TextIO | None) -> str:
    from cchc.dossiers.demo_messages import load_message_demo

    return load_message_demo()


def _directives(progress: TextIO | None) -> str:
    from cchc.directives.demo import load_directives_demo

    return load_directives_demo()


def _feedback(progress: TextIO | None) -> str:
    from cchc.feedback.demo import load_feedback_demo

    return load_feedback_demo()


def _surveys(progress: TextIO | None) -> str:
    from cchc.surveys.demo import load_surveys_demo

    return load_surveys_demo()


def _earlywarning(progress: TextIO | None) -> str:
    from cchc.earlywarning.demo import load_earlywarning_demo

    return load_earlywarning_demo()


def _scorecards(progress: TextIO | None) -> str:
    from cchc.scorecards.demo import load_scorecards_demo

    return load_scorecards_demo()


def _training(progress: TextIO | None) -> str:
    from cchc.training.demo import load_training_demo

    return load_training_demo()


def _proposals(progress: TextIO | None) -> str:
    from cchc.proposals.demo import load_proposals_demo

    return load_proposals_demo()


def _unitsite(progress: TextIO | None) -> str:
    from cchc.unitsite.demo import load_unitsite_demo

    return load_unitsite_demo()


def _reports(progress: TextIO | None) -> str:
    from cchc.reports.demo import load_reports_demo

    return load_reports_demo()


def _oversight(progress: TextIO | None) -> str:
    from cchc.oversight.demo import load_oversight_demo

    return load_oversight_demo()


def _emulation(progress: TextIO | None) -> str:
    from cchc.emulation.demo import load_emulation_demo

    return load_emulation_demo()


# (key for --only, label, step)
STEPS: list[tuple[str, str, Callable[[TextIO | None], str]]] = [
    ("org", "Tổ chức bộ máy và tài khoản", _org_and_accounts),
    ("calendar", "Lịch làm việc", _calendar),
    ("dossiers", "Hồ sơ thủ tục hành chính 12 tháng gần nhất", _dossiers),
    ("messages", "Công dân đăng ký nhận thông báo tiến độ hồ sơ qua Zalo, tin nhắn SMS", _messages),
    ("directives", "Văn bản chỉ đạo 7190/UBND-NV và nhiệm vụ", _directives),
    ("feedback", "Phản ánh, kiến nghị 12 tháng gần nhất", _feedback),
    ("surveys", "Khảo sát mức độ hài lòng", _surveys),
    ("earlywarning", "Cảnh báo sớm việc có nguy cơ trễ hạn", _earlywarning),
    ("scorecards", "Chỉ số CCHC các đơn vị, kết quả PAR INDEX đã công bố", _scorecards),
    ("training", "Đào tạo, bồi dưỡng: lớp học, điểm danh, nhu cầu bồi dưỡng", _training),
    ("proposals", "Đề xuất phân cấp, ủy quyền, đơn giản hóa thủ tục; sổ rà soát", _proposals),
    ("unitsite", "Văn bản trên trang thông tin của đơn vị, trang web được nhúng tiện ích", _unitsite),
    # Inspections before the reports: the reports the demo approves freeze the inspection figures.
    ("oversight", "Kiểm tra, kiến nghị, xem xét trách nhiệm, kết luận kiểm toán", _oversight),
    ("reports", "Báo cáo định kỳ của các đơn vị", _reports),
    ("emulation", "Xét thi đua, xếp loại cuối năm các đơn vị và người đứng đầu", _emulation),
]
