"""The demo's monthly late lists: the month before last published, last month drafted by the Office and
waiting for the leader's approval (so the confirmation before publication can be tried); idempotent."""

import pytest

from cchc.core import demo_clock
from cchc.dossiers import demo
from cchc.dossiers.models import LateList, LateListStatus

pytestmark = pytest.mark.django_db


def test_last_month_waits_for_the_leader_and_the_month_before_is_public():
    from cchc.accounts.demo import load_accounts
    from cchc.org.demo import load_org

    load_accounts(load_org())
    summary = demo.load_dossier_demo(3000)
    assert "chờ phê duyệt" in summary and "đã công khai" in summary
    today = demo_clock.today()
    last = LateList.objects.order_by("-month").first()
    assert last.status == LateListStatus.DRAFT
    assert (last.month.year, last.month.month) == (
        (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    )
    assert LateList.objects.filter(status=LateListStatus.PUBLISHED).count() == 1
    assert any(r.get("official") for r in last.rows)  # names a public page would show
    assert demo.load_late_lists() == ""
    assert LateList.objects.count() == 2
