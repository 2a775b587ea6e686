"""Every oversight page for every persona: the menu's readers get 200, everyone else 403 (the page
itself) or 404 (an object out of their scope, so its existence is not revealed). A disciplinary
record opens only for the competent head, Internal Affairs and the person concerned; the public gets
nothing at all. A change tried by someone not entitled is refused and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from cchc.oversight.actions import cases, conclusions, followups, inspections
from cchc.oversight.models import Answer, Recommendation
from cchc.oversight.tests.scene import photo, started_visit
from cchc.testing.personas import PERSONAS, login_verified

pytestmark = pytest.mark.django_db

PEOPLE = [p[0] for p in PERSONAS]
WIDE = {"leader", "secretariat", "office", "auditor"}
READERS = WIDE | {"unit_head", "ward_officer", "other_ward_officer", "one_stop"}


@pytest.fixture
def scene(world):
    ia = world.users["secretariat"]
    insp = started_visit(world)
    inspections.add_evidence(ia, insp, uploaded=photo(), code="MC-04")
    f = followups.add_finding(
        ia, insp, code="MC-04", text="Không đeo thẻ", severity="minor", unit=world.units["p1_mc"]
    )
    rec = followups.add_recommendation(
        ia, f, text="Đeo thẻ khi làm việc", due=timezone.localdate() + dt.timedelta(days=10)
    )
    case = cases.open_case(ia, world.officials["ward_officer"], grounds="Hồ sơ trễ hạn")
    c = conclusions.record_conclusion(
        world.users["office"],
        world.jurisdictions["city"],
        issuer="Thanh tra tỉnh",
        number="12/KL-TTr",
        issued_on=timezone.localdate(),
        subject="Quản lý ngân sách",
    )
    conclusions.add_correction(
        world.users["office"],
        c,
        text="Thu hồi",
        unit=world.units["p1"],
        due=timezone.localdate() + dt.timedelta(days=30),
        amount=Decimal(1000),
    )
    return {
        "insp": insp,
        "plan": insp.plan,
        "rec": rec,
        "case": case,
        "conclusion": c,
        "photo": insp.evidence.get(),
    }


def _expected(s):
    return {
        "/kiem-tra/": (READERS, 403),
        "/kiem-tra/kien-nghi/": (READERS, 403),
        "/kiem-tra/ket-luan/": (READERS, 403),
        "/kiem-tra/trach-nhiem/": (set(PEOPLE), 403),
        "/kiem-tra/dot-xuat/": ({"secretariat"}, 403),
        "/kiem-tra/trach-nhiem/tao/": ({"secretariat"}, 403),
        f"/kiem-tra/ke-hoach/{s['plan'].pk}/": (WIDE, 404),
        f"/kiem-tra/cuoc/{s['insp'].pk}/": (WIDE | {"unit_head", "ward_officer"}, 404),
        f"/kiem-tra/tep/{s['photo'].pk}/": (WIDE | {"unit_head", "ward_officer"}, 404),
        f"/kiem-tra/kien-nghi/{s['rec'].pk}/": (WIDE | {"unit_head", "ward_officer", "one_stop"}, 404),
        f"/kiem-tra/trach-nhiem/{s['case'].pk}/": ({"secretariat", "unit_head", "ward_officer"}, 404),
        f"/kiem-tra/ket-luan/{s['conclusion'].pk}/": (WIDE | {"unit_head", "ward_officer"}, 404),
    }


@pytest.mark.parametrize("persona", PEOPLE)
def test_each_page_answers_each_persona_as_its_permission_says(client, world, scene, persona):
    login_verified(client, world.users[persona])
    wrong = []
    for url, (allowed, refusal) in _expected(scene).items():
        status = client.get(url).status_code
        want = 200 if persona in allowed else refusal
        if status != want:
            wrong.append((url, status, want))
    assert wrong == []


def test_the_public_gets_nothing(world, scene):
    anonymous = Client()
    for url in _expected(scene):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/tai-khoan/" in response["Location"], url


def test_the_private_record_names_the_person_only_to_those_entitled(client, world, scene):
    name = world.officials["ward_officer"].full_name
    login_verified(client, world.users["leader"])
    assert name not in client.get("/kiem-tra/trach-nhiem/").content.decode()
    client.logout()
    login_verified(client, world.users["unit_head"])
    assert name in client.get(f"/kiem-tra/trach-nhiem/{scene['case'].pk}/").content.decode()


@pytest.mark.parametrize("persona", sorted(set(PEOPLE) - {"secretariat"}))
def test_only_the_inspectors_record_answers(client, world, scene, persona):
    login_verified(client, world.users[persona])
    response = client.post(f"/kiem-tra/cuoc/{scene['insp'].pk}/tra-loi/", {"code": "MC-01", "result": "met"})
    assert response.status_code in (403, 404)
    assert not Answer.objects.filter(item__code="MC-01").exists()


@pytest.mark.parametrize("persona", sorted(set(PEOPLE) - {"secretariat"}))
def test_only_the_inspectors_verify(client, world, scene, persona):
    followups.report_done(world.users["unit_head"], scene["rec"], text="Xong")
    login_verified(client, world.users[persona])
    response = client.post(f"/kiem-tra/kien-nghi/{scene['rec'].pk}/xac-nhan/")
    assert response.status_code in (403, 404)
    assert Recommendation.objects.get(pk=scene["rec"].pk).verified_on is None


def test_a_photo_taken_on_the_phone_is_stored_and_shown(client, world, scene):
    login_verified(client, world.users["secretariat"])
    url = f"/kiem-tra/cuoc/{scene['insp'].pk}/"
    response = client.post(
        url + "tra-loi/",
        {"code": "MC-06", "result": "partly", "note": "Thiếu ghế chờ", "photo": photo("ghe.png")},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "ghe.png" in page and "Thiếu ghế chờ" in page


def test_a_bad_answer_on_the_page_gets_a_400_with_the_reason(client, world, scene):
    login_verified(client, world.users["secretariat"])
    response = client.post(f"/kiem-tra/cuoc/{scene['insp'].pk}/tra-loi/", {"code": "XX-99", "result": "met"})
    assert response.status_code == 400
    assert "XX-99" in response.content.decode()


def test_a_planned_visit_is_cancelled_with_its_reason(client, world):
    from cchc.oversight.tests.scene import planned_visit

    insp = planned_visit(world)
    login_verified(client, world.users["unit_head"])
    assert client.post(f"/kiem-tra/cuoc/{insp.pk}/huy/", {"reason": "Trùng lịch"}).status_code == 403
    client.logout()
    login_verified(client, world.users["secretariat"])
    assert client.post(f"/kiem-tra/cuoc/{insp.pk}/huy/", {"reason": ""}).status_code == 400
    assert client.post(f"/kiem-tra/cuoc/{insp.pk}/huy/", {"reason": "Trùng lịch tiếp dân"}).status_code == 302
    page = client.get(f"/kiem-tra/cuoc/{insp.pk}/").content.decode()
    assert "Đã hủy" in page and "Trùng lịch tiếp dân" in page


def test_units_see_their_visits_without_an_empty_plan_section(client, world, scene):
    login_verified(client, world.users["unit_head"])
    page = client.get("/kiem-tra/").content.decode()
    assert "UBND Phường 1" in page and "Kế hoạch kiểm tra" not in page
