"""The change log narrows by kind of action (a select of labels grouped by area), by period and by person,
beside the words search; a value that cannot be (an impossible date, a period upside down, a kind nobody
declares, a NUL byte) is a Vietnamese message naming the field with a 400, never a 500. The XLSX copy
holds the filtered rows in the same words as the page."""

from __future__ import annotations

import datetime as dt
import io

import lxml.html
import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from cchc.accounts.audit_events import AccountsEvents
from cchc.core.events import DEMO_ACTOR, record
from cchc.core.models import AuditEvent
from cchc.demo.audit_events import DemoEvents
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def _at(event: AuditEvent, day: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
    AuditEvent.objects.filter(pk=event.pk).update(at=moment)


@pytest.fixture
def log(client, world):
    leader = world.users["leader"]
    _at(record(leader, AccountsEvents.LOGIN, leader, summary="Vào lúc sáng"), dt.date(2026, 3, 2))
    _at(record(leader, AccountsEvents.LOGOUT, leader, summary="Ra lúc trưa"), dt.date(2026, 3, 20))
    _at(record("cchc load-demo", DemoEvents.LOADED, object_type="demo", summary="Nạp"), dt.date(2026, 4, 1))
    login_verified(client, leader)
    return client


def _summaries(client, query: str) -> list[str]:
    response = client.get(f"/nhat-ky/?{query}")
    assert response.status_code == 200, response.content.decode()[-2000:]
    return sorted(e.summary for e in response.context["page"])


def test_the_kind_of_action_narrows_the_log(log):
    assert _summaries(log, "hanh_dong=accounts.logout") == ["Ra lúc trưa"]


def test_the_period_narrows_the_log_both_ends_included(log):
    assert _summaries(log, "tu_ngay=2026-03-02&den_ngay=2026-03-20") == ["Ra lúc trưa", "Vào lúc sáng"]
    assert _summaries(log, "tu_ngay=21/03/2026") == ["Nạp"]


def test_the_person_narrows_the_log_and_the_demo_finds_its_old_command_rows(log):
    assert _summaries(log, "nguoi=Nguyễn+Văn+An") == ["Ra lúc trưa", "Vào lúc sáng"]
    assert _summaries(log, f"nguoi={DEMO_ACTOR}") == ["Nạp"]


def test_the_filters_combine_with_the_words_search(log):
    assert _summaries(log, "q=sáng&nguoi=An&tu_ngay=2026-01-01") == ["Vào lúc sáng"]


def test_the_kinds_of_action_are_words_grouped_by_area(log):
    doc = lxml.html.fromstring(log.get("/nhat-ky/").content)
    group = doc.xpath('//select[@name="hanh_dong"]/optgroup[@label="Tài khoản và đăng nhập"]')[0]
    assert group.xpath('option[@value="accounts.login"]')[0].text_content() == "Đăng nhập"


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("tu_ngay=2026-02-30", "tu_ngay", "Từ ngày"),
        ("den_ngay=0001-01-01", "den_ngay", "Đến ngày"),
        ("tu_ngay=2026-03-20&den_ngay=2026-03-01", "den_ngay", "Đến ngày"),
        ("hanh_dong=accounts.nothing", "hanh_dong", "Loại thao tác"),
    ],
)
def test_a_value_that_cannot_be_is_a_message_naming_its_field(log, query, field, words):
    response = log.get(f"/nhat-ky/?{query}")
    assert response.status_code == 400
    error = lxml.html.fromstring(response.content).xpath(f'//*[@data-testid="error-{field}"]')
    assert error and error[0].text_content().startswith(f"{words}: ")
    assert not list(response.context["page"])


@pytest.mark.parametrize("query", ["q=a%00b", "nguoi=a%00b", "hanh_dong=%00", "tu_ngay=%00", "trang=%00"])
def test_a_nul_byte_in_any_filter_is_a_400_not_a_server_error(log, query):
    assert log.get(f"/nhat-ky/?{query}").status_code == 400


def test_the_export_holds_the_filtered_rows_in_words(log):
    response = log.get("/nhat-ky/?hanh_dong=demo.loaded&xuat=xlsx")
    assert response.status_code == 200
    rows = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    table = rows.get_sheet_by_index(0).to_python()
    assert table[0][0] == "Nhật ký thay đổi"
    assert "Nạp dữ liệu trình diễn" in table[1][0]  # the filter, in words
    assert table[2] == ["Thời điểm", "Người thực hiện", "Thao tác", "Nội dung"]
    assert [r[1:] for r in table[3:]] == [[DEMO_ACTOR, "Nạp dữ liệu trình diễn", "Nạp"]]
