"""The ordered steps of the demo. Each returns a one-line summary; each is idempotent."""

from collections.abc import Callable

from cchc.demo.accounts import load_accounts
from cchc.demo.org import load_org


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


STEPS: list[tuple[str, Callable[[], str]]] = [
    ("Tổ chức bộ máy và tài khoản", _org_and_accounts),
    ("Lịch làm việc 2022–2027", _calendar),
]
