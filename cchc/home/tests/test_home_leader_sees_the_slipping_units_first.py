"""The leader's first page answers the leader's question: which unit is slipping, on what, and who is
responsible. The worst unit comes first with its head; the auditor sees the same picture, read-only."""

import pytest

from cchc.home.tests.test_home_scene import by_testid, html_of, setup_scene, text
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


def _rows(doc):
    return [
        (
            text(r.xpath('.//*[@data-testid="slipping-unit"]')[0]),
            text(r.xpath('.//*[@data-testid="slipping-head"]')[0]),
        )
        for r in by_testid(doc, "slipping-row")
    ]


def test_the_slipping_ward_is_first_with_its_head_and_every_figure(client, scene):
    login_verified(client, scene.world.users["leader"])
    doc = html_of(client.get("/"))
    rows = _rows(doc)
    assert rows[0][0] == "UBND Phường 1"
    assert rows[0][1].startswith("Hoàng Minh Đức") and rows[0][1].endswith("Chủ tịch UBND Phường 1")
    assert rows[1][0] == "UBND Phường 2" and "Chưa có người đứng đầu" in rows[1][1]
    # Phòng Nội vụ finished its dossiers on time and owes nothing: it is not slipping.
    assert "Phòng Nội vụ" not in [name for name, _ in rows]
    first = by_testid(doc, "slipping-row")[0]
    assert text(first.xpath('.//*[@data-testid="slipping-month"]')[0]) == "4"
    assert "40,0%" in text(first) and "/10" in text(first)
    assert text(first.xpath('.//*[@data-testid="slipping-tasks"]')[0]) == "2"
    assert text(first.xpath('.//*[@data-testid="slipping-petitions"]')[0]) == "1"
    assert text(by_testid(doc, "total-month-late")[0]) == "5"
    assert text(by_testid(doc, "total-tasks")[0]) == "3"
    assert text(by_testid(doc, "total-petitions")[0]) == "3"


def test_each_panel_states_its_period_and_definition(client, scene):
    login_verified(client, scene.world.users["leader"])
    doc = html_of(client.get("/"))
    caption = text(doc.xpath('//*[@data-testid="slipping-table"]/caption')[0])
    definition = text(by_testid(doc, "slipping-definition")[0])
    today = scene.today
    assert f"từ {today.replace(day=1):%d/%m/%Y} đến {today:%d/%m/%Y}" in caption
    assert f"từ 01/01/{today.year} đến {today:%d/%m/%Y}" in caption
    assert f"đang quá hạn tại ngày {today:%d/%m/%Y}" in caption
    assert "từ 5 hồ sơ đã giải quyết" in definition
    assert "16,7%" in definition  # the city's rate the ward is compared with


def test_the_auditor_sees_the_same_picture_without_the_approve_button(client, scene):
    from cchc.dossiers.models import LateList

    LateList.objects.create(jurisdiction=scene.world.jurisdictions["city"], month=scene.today.replace(day=1))
    login_verified(client, scene.world.users["leader"])
    leader = html_of(client.get("/"))
    login_verified(client, scene.world.users["auditor"])
    auditor = html_of(client.get("/"))
    assert _rows(auditor) == _rows(leader)
    assert "Xem và phê duyệt" in text(by_testid(leader, "late-list-draft")[0])
    assert "Xem dự thảo" in text(by_testid(auditor, "late-list-draft")[0])
    assert by_testid(auditor, "read-only-note")


def test_a_past_month_can_be_chosen_and_a_bad_one_is_explained(client, scene):
    login_verified(client, scene.world.users["leader"])
    doc = html_of(client.get("/", {"thang": "2022-08"}))
    caption = text(doc.xpath('//*[@data-testid="slipping-table"]/caption')[0])
    assert "từ 01/08/2022 đến 31/08/2022" in caption and "từ 01/01/2022 đến 31/08/2022" in caption
    bad = html_of(client.get("/", {"thang": "tháng tám"}))
    assert "không hợp lệ" in text(by_testid(bad, "period-error")[0])
    assert by_testid(bad, "slipping-row")  # and the current month is shown instead


def test_a_month_without_figures_yet_falls_back_to_the_previous_month_and_says_so(client, world, settings):
    """The first days of a month: the page shows last month's dossier figures and says so, rather than
    an empty table."""
    import datetime as dt

    from django.core.cache import cache
    from django.utils import timezone

    from cchc.dossiers.facts import roll_up_units
    from cchc.dossiers.models import DailyFact
    from cchc.dossiers.tests.factories import procedure

    cache.clear()
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 1
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    DailyFact.objects.create(
        day=last_month.replace(day=9),
        unit=world.units["p2"],
        procedure=procedure(),
        finished_on_time=3,
        finished_late=2,
    )
    roll_up_units()
    login_verified(client, world.users["leader"])
    doc = html_of(client.get("/"))
    assert f"đang hiển thị tháng {last_month:%m/%Y}" in text(by_testid(doc, "period-fallback")[0])
    (row,) = by_testid(doc, "slipping-row")
    assert text(row.xpath('.//*[@data-testid="slipping-month"]')[0]) == "2"
    assert "40,0%" in text(row)


def test_figures_use_the_vietnamese_number_format(client, world, settings):
    import datetime as dt

    from django.core.cache import cache
    from django.utils import timezone

    from cchc.dossiers.facts import roll_up_units
    from cchc.dossiers.models import DailyFact
    from cchc.dossiers.tests.factories import procedure

    cache.clear()
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    DailyFact.objects.create(
        day=last_month.replace(day=9),
        unit=world.units["p1"],
        procedure=procedure(),
        finished_on_time=12345,
        finished_late=1234,
    )
    roll_up_units()
    login_verified(client, world.users["leader"])
    doc = html_of(client.get("/", {"thang": f"{last_month:%Y-%m}"}))
    (row,) = by_testid(doc, "slipping-row")
    assert text(row.xpath('.//*[@data-testid="slipping-month"]')[0]) == "1.234"
    assert "/13.579" in text(row) and "9,1%" in text(row)
