"""The ordered steps of the demo. Each returns a one-line summary; each is idempotent."""

import os
from collections.abc import Callable

from cchc.accounts.demo import load_accounts
from cchc.org.demo import load_org


def _org_and_accounts() -> str:
    org = load_org()
    users = load_accounts(org)
    return f"{len(org.units)} đơn vị, {len(org.officials)} cán bộ, {len(users)} tài khoản trình diễn"


def _calendar() -> str:
    from cchc.calendar.actions import ensure_calendar, load_workdays
    from cchc.calendar.queries import bundled_csv_path
    from cchc.org.models import Jurisdiction

    province = Jurisdiction.objects.get(code="77")
    report = load_workdays(ensure_calendar(province, "load-demo"), bundled_csv_path(), "load-demo")
    return report.summary()


def _dossiers() -> str:
    from cchc.dossiers.demo import load_dossier_demo

    # About 200,000 dossiers for the demo year (issue 3); CCHC_DEMO_DOSSIERS makes a lighter demo.
    return load_dossier_demo(int(os.environ.get("CCHC_DEMO_DOSSIERS", "200000")))


def _directives() -> str:
    from cchc.directives.demo import load_directives_demo

    return load_directives_demo()


def _feedback() -> str:
    from cchc.feedback.demo import load_feedback_demo

    return load_feedback_demo()


def _surveys() -> str:
    from cchc.surveys.demo import load_surveys_demo

    return load_surveys_demo()


# (key for --only, label, step)
STEPS: list[tuple[str, str, Callable[[], str]]] = [
    ("org", "Tổ chức bộ máy và tài khoản", _org_and_accounts),
    ("calendar", "Lịch làm việc 2022–2027", _calendar),
    ("dossiers", "Hồ sơ thủ tục hành chính năm 2022", _dossiers),
    ("directives", "Văn bản chỉ đạo 7190/UBND-NV và nhiệm vụ", _directives),
    ("feedback", "Phản ánh, kiến nghị năm 2022", _feedback),
    ("surveys", "Khảo sát mức độ hài lòng năm 2022", _surveys),
]
