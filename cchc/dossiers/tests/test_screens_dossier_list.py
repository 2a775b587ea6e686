import pytest

from cchc.dossiers.models import Outcome
from cchc.dossiers.tests.factories import APPLICANTS, build_ledger
from cchc.testing.personas import login_verified

TRANG = APPLICANTS[0]


@pytest.fixture
def ledger(world):
    return build_ledger(world)


def test_one_stop_officer_sees_own_dossiers_with_full_applicant_data(client, world, ledger):
    login_verified(client, world.users["one_stop"])
    html = client.get("/ho-so/").content.decode()
    assert ledger.late.code in html
    assert ledger.city.code in html
    assert ledger.p2.code not in html
    assert TRANG["applicant_name"] in html
    assert TRANG["applicant_phone"] in html


def test_leader_sees_the_jurisdiction_with_applicants_masked(client, world, ledger):
    login_verified(client, world.users["leader"])
    html = client.get("/ho-so/").content.decode()
    for d in ledger.all:
        assert d.code in html
    assert TRANG["applicant_name"] not in html
    assert TRANG["applicant_phone"] not in html
    assert "Lý T*** T*** T**" in html
    assert "*******789" in html


def test_leader_cannot_search_by_applicant_name_or_phone(client, world, ledger):
    login_verified(client, world.users["leader"])
    html = client.get("/ho-so/", {"q": "Thu Trang"}).content.decode()
    assert ledger.late.code not in html
    html = client.get("/ho-so/", {"q": TRANG["applicant_phone"]}).content.decode()
    assert ledger.late.code not in html
    html = client.get("/ho-so/", {"q": "220601"}).content.decode()
    assert ledger.late.code in html


def test_ward_officer_searches_by_applicant_phone_and_id_number(client, world, ledger):
    login_verified(client, world.users["ward_officer"])
    html = client.get("/ho-so/", {"q": "0912 345 789"}).content.decode()
    assert ledger.late.code in html
    html = client.get("/ho-so/", {"q": TRANG["applicant_id_number"]}).content.decode()
    assert ledger.late.code in html
    # The other ward's applicant is not found even by exact phone number.
    html = client.get("/ho-so/", {"q": APPLICANTS[1]["applicant_phone"]}).content.decode()
    assert ledger.p2.code not in html


def test_filters_narrow_the_list(client, world, ledger):
    login_verified(client, world.users["office"])
    html = client.get("/ho-so/", {"outcome": Outcome.LATE}).content.decode()
    assert ledger.late.code in html and ledger.p2.code not in html
    html = client.get("/ho-so/", {"late_only": "on"}).content.decode()
    assert ledger.late.code in html and ledger.overdue.code in html
    assert ledger.due_soon.code not in html and ledger.city.code not in html
    html = client.get("/ho-so/", {"unit": world.units["p2"].pk}).content.decode()
    assert ledger.p2.code in html and ledger.late.code not in html
    html = client.get(
        "/ho-so/", {"received_from": "2022-06-02", "received_to": "2022-06-02"}
    ).content.decode()
    assert ledger.p2.code in html and ledger.late.code not in html
    html = client.get("/ho-so/", {"status": "4"}).content.decode()
    assert ledger.overdue.code in html and ledger.late.code not in html


def test_a_reversed_period_is_refused_with_a_message_naming_the_field(client, world, ledger):
    login_verified(client, world.users["office"])
    html = client.get(
        "/ho-so/", {"received_from": "2022-06-05", "received_to": "2022-06-01"}
    ).content.decode()
    assert "“Đến ngày” phải sau hoặc bằng “Tiếp nhận từ ngày”" in html


def test_list_is_paginated(client, world, ledger, settings):
    from cchc.dossiers.tests.factories import dossier

    for i in range(55):
        dossier(world, f"PAGE-{i:03d}")
    login_verified(client, world.users["office"])
    html = client.get("/ho-so/").content.decode()
    assert "Trang 1/2" in html
    html = client.get("/ho-so/", {"trang": 2}).content.decode()
    assert "Trang 2/2" in html


def test_front_has_no_dossier_list(client, world, ledger):
    login_verified(client, world.users["front"])
    assert client.get("/ho-so/").status_code == 403
