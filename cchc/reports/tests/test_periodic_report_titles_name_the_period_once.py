"""A periodic report's title names its kind once: "Báo cáo quý III năm 2026", not "Báo cáo quý quý III
năm 2026" — on the report's page, in the list and in its sending deadline."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.deadlines.models import Deadline
from cchc.reports import actions, periods
from cchc.reports.models import PeriodicReport
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "part", "title"),
    [
        ("quarter", 3, "Báo cáo quý III năm 2026"),
        ("half", 1, "Báo cáo 6 tháng đầu năm 2026"),
        ("half", 2, "Báo cáo 6 tháng cuối năm 2026"),
        ("year", 1, "Báo cáo năm 2026"),
    ],
)
def test_each_kind_of_report_is_titled_with_its_period_once(kind, part, title):
    assert PeriodicReport(kind=kind, year=2026, part=part).title == title


def test_the_page_the_list_and_the_deadline_read_the_natural_title(world, client):
    officer = world.users["ward_officer"]
    report = actions.draft(officer, world.units["p1"], periods.slot("quarter", 2022, 3))
    login_verified(client, officer)
    detail = client.get(reverse("reports:periodic_detail", args=[report.pk])).content.decode()
    listing = client.get(reverse("reports:periodic")).content.decode()
    for html in (detail, listing):
        assert "Báo cáo quý III năm 2022" in html
        assert "quý quý" not in html
    deadline = Deadline.objects.get(object_type=report._meta.label_lower, object_id=str(report.pk))
    assert deadline.title == "Gửi báo cáo cải cách hành chính quý III năm 2022"
