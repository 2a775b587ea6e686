"""One figure, three readers: on the demo, the IOC feed's summary for the leader's month and year to date
equals what ``cchc dossier-stats`` prints for the same days and what the leader's home shows (late
dossiers, finished dossiers) — all read from the daily facts through the same functions."""

from __future__ import annotations

import io
import json

import lxml.html
import pytest
from django.core.management import call_command

from cchc.accounts.models import User
from cchc.feedback.actions.citizen import create_key
from cchc.feedback.models import KeyPurpose
from cchc.home.figures import periods
from cchc.home.leader_panels import slipping_units
from cchc.org.queries import user_jurisdiction
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db
COUNTS = ("received", "early", "on_time", "late", "open_within_time", "open_overdue")


def shown(html: str, testid: str) -> int:
    (node,) = lxml.html.fromstring(html).xpath(f'//*[@data-testid="{testid}"]')
    return int(node.text_content().strip().replace(".", ""))


def test_ioc_equals_dossier_stats_and_the_leaders_home_for_the_month_and_the_year(demo_db, client, settings):
    settings.CCHC_DEMO = True  # the demo accounts sign in without a second factor, as in `make demo`
    settings.CCHC_DEMO_WITHOUT_2FA = True
    leader = User.objects.get(username="lanhdao")
    area = user_jurisdiction(leader)
    _, raw = create_key("test", name="IOC", jurisdiction=area, purpose=KeyPurpose.IOC)
    p = periods(leader)
    slipping = slipping_units(leader, p)
    login_verified(client, leader)
    response = client.get("/")
    assert response.status_code == 200
    home = response.content.decode()
    client.logout()
    checked = 0
    for period, home_late, home_finished in (
        (p.month, "total-month-late", slipping.month.finished),
        (p.ytd, "total-ytd-late", slipping.ytd.finished),
    ):
        first, last = period.first.isoformat(), period.last.isoformat()
        ioc = client.get(
            "/ioc/v1/tong-hop", {"tu": first, "den": last}, HTTP_AUTHORIZATION=f"Bearer {raw}"
        ).json()
        out = io.StringIO()
        call_command("dossier_stats", "--from", first, "--to", last, "--format", "json", stdout=out)
        stats = json.loads(out.getvalue())["total"]
        assert {k: ioc[k] for k in COUNTS} == {k: stats[k] for k in COUNTS}
        assert ioc["late"] == shown(home, home_late)
        assert ioc["finished"] == home_finished
        assert ioc["finished"] > 0 and ioc["received"] > 0  # a demo period with figures proves something
        checked += 1
    assert checked == 2
