import datetime as dt
import re

import pytest
from django.utils import timezone

from cchc.dossiers.models import Apology, ApologyForm
from cchc.dossiers.tests.factories import build_ledger, late_dossier
from cchc.testing.personas import login_verified


@pytest.fixture
def ledger(world):
    ledger = build_ledger(world)
    late_dossier(
        world,
        "000.00.26.H01-220610-0009",
        causes=[{"kind": "software_closing", "unit": "P1", "official": ""}],
    )
    return ledger


def test_late_list_shows_late_and_overdue_dossiers_with_causes_and_missing_apologies(client, world, ledger):
    login_verified(client, world.users["unit_head"])
    html = client.get("/ho-so/tre-han/").content.decode()
    assert ledger.late.code in html and ledger.overdue.code in html
    assert "000.00.26.H01-220610-0009" in html
    assert ledger.due_soon.code not in html and ledger.city.code not in html
    text = re.sub(r"<[^>]+>", "", html)  # the causes' units are data, marked Vietnamese
    assert "Bước xử lý quá hạn — P1" in text
    assert ">Trần Thị Bình</a>" in html  # the official's own column, a link filtering the list to her
    assert "Kết thúc xử lý trên phần mềm chậm — P1" in text
    assert "Đang quá hạn" in html
    assert "<strong>3</strong> hồ sơ trễ hạn chưa có phiếu xin lỗi" in html


def test_late_list_filters_by_cause_and_missing_apology(client, world, ledger):
    Apology.objects.create(
        dossier=ledger.late,
        form=ApologyForm.TT01_2018,
        issued_at=timezone.now(),
        reason="Chậm xác minh",
        new_appointment_at=timezone.now() + dt.timedelta(days=2),
    )
    login_verified(client, world.users["office"])
    html = client.get("/ho-so/tre-han/", {"cause": "software_closing"}).content.decode()
    assert "000.00.26.H01-220610-0009" in html and ledger.late.code not in html
    html = client.get("/ho-so/tre-han/", {"cause": "step_overrun"}).content.decode()
    assert ledger.late.code in html and "000.00.26.H01-220610-0009" not in html
    html = client.get("/ho-so/tre-han/", {"missing_apology": "on"}).content.decode()
    assert ledger.late.code not in html and ledger.overdue.code in html
    assert "<strong>2</strong> hồ sơ trễ hạn chưa có phiếu xin lỗi" in html
    html = client.get("/ho-so/tre-han/").content.decode()
    assert "Đã có" in html


def test_late_list_filters_by_deadline_period(client, world, ledger):
    login_verified(client, world.users["office"])
    html = client.get("/ho-so/tre-han/", {"end_from": "2022-06-01", "end_to": "2022-06-30"}).content.decode()
    assert ledger.late.code in html and ledger.overdue.code not in html


def test_late_list_of_another_ward_is_empty(client, world, ledger):
    login_verified(client, world.users["other_ward_officer"])
    html = client.get("/ho-so/tre-han/").content.decode()
    assert ledger.late.code not in html and "Không có hồ sơ trễ hạn nào" in html
