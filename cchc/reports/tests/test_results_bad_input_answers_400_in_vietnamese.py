"""Bad periods and cells on the results screens: a clear Vietnamese message naming the field, status
400, never a 500."""

from __future__ import annotations

import pytest

from cchc.testing.personas import login_verified

CASES = [
    ("date_from=2022-06-30&date_to=2022-04-01", "«Đến ngày» phải sau hoặc bằng «Từ ngày»"),
    ("date_from=2022-02-30&date_to=2022-04-01", "«Từ ngày» không phải một ngày có thật"),
    ("date_from=2022-04-01&date_to=hôm-nay", "«Đến ngày» không phải một ngày có thật"),
    # NUL characters are refused for every page before the view (the site's hostile-input guard).
    ("date_from=2022-04-01%00&date_to=2022-06-30", "chứa ký tự không hợp lệ"),
    ("date_from=2022-04-01&date_to=2022-06-30&by=%00", "chứa ký tự không hợp lệ"),
    ("date_from=2022-04-01&date_to=2022-06-30&by=tinh", "«Theo» không có trong danh sách"),
]


@pytest.mark.parametrize(("query", "message"), CASES)
@pytest.mark.parametrize("path", ["", "bao-cao.xlsx", "ho-so/"])
def test_bad_period_is_refused_with_the_field_named(world, client, query, message, path):
    login_verified(client, world.users["secretariat"])
    r = client.get(f"/bao-cao/ket-qua-tthc/{path}?{query}&group=P1&cell=finished")
    assert r.status_code == 400
    assert message in r.content.decode()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("group=P1&cell=nothing", "Ô số liệu được chọn không có trong báo cáo"),
        ("group=&cell=finished", "Ô số liệu được chọn không có trong báo cáo"),
        ("group=P%001&cell=finished", "Tham số «group» trên địa chỉ trang chứa ký tự không hợp lệ"),
    ],
)
def test_a_cell_that_is_not_on_the_form_is_refused(world, client, extra, message):
    login_verified(client, world.users["secretariat"])
    r = client.get(f"/bao-cao/ket-qua-tthc/ho-so/?date_from=2022-04-01&date_to=2022-06-30&{extra}")
    assert r.status_code == 400
    assert message in r.content.decode()
