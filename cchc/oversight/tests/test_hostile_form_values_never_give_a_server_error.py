"""Every oversight form, posted by the people entitled to use it with hostile values in every field the
oversight forms read (dates of year 1 or 9999, huge numbers, NaN, markup, control characters, 400
letters, nothing): never a server error — a 4xx or the page with its message — and no stray rows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from cchc.core.tests.test_hostile_values_on_every_url_never_give_a_server_error import HOSTILE
from cchc.oversight.actions import cases, conclusions, followups
from cchc.oversight.models import Correction, Finding, Recommendation, ResponsibilityCase
from cchc.oversight.tests.scene import started_visit
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

APP = Path(__file__).resolve().parents[1]


def field_names() -> list[str]:
    """Every field name the oversight views read (``forms.*(data, "name", …)`` and ``data.get("name")``)."""
    found: set[str] = set()
    for path in APP.glob("views*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"(?:data|request\.POST)\s*,\s*\"(\w+)\"", text))
        found.update(re.findall(r"data\.get\(\"(\w+)\"", text))
    return sorted(found)


@pytest.fixture
def scene(world):
    ia = world.users["secretariat"]
    insp = started_visit(world)
    f = followups.add_finding(ia, insp, code="MC-01", text="Thiếu niêm yết", severity="minor")
    rec = followups.add_recommendation(
        ia, f, text="Niêm yết", due=timezone.localdate() + dt.timedelta(days=9)
    )
    case = cases.open_case(ia, world.officials["ward_officer"], grounds="Trễ hạn")
    c = conclusions.record_conclusion(
        world.users["office"],
        world.jurisdictions["city"],
        issuer="KTNN",
        number="1/KL",
        issued_on=timezone.localdate(),
        subject="Ngân sách",
    )
    corr = conclusions.add_correction(
        world.users["office"],
        c,
        text="Thu hồi",
        unit=world.units["p1"],
        due=timezone.localdate() + dt.timedelta(days=9),
    )
    return {"insp": insp, "plan": insp.plan, "finding": f, "rec": rec, "case": case, "c": c, "corr": corr}


def _posts(s):
    i, r, k = s["insp"].pk, s["rec"].pk, s["case"].pk
    return [
        ("secretariat", "/kiem-tra/ke-hoach/tao/"),
        ("secretariat", f"/kiem-tra/ke-hoach/{s['plan'].pk}/them/"),
        ("secretariat", "/kiem-tra/dot-xuat/"),
        ("secretariat", f"/kiem-tra/cuoc/{i}/tra-loi/"),
        ("secretariat", f"/kiem-tra/cuoc/{i}/hinh-anh/"),
        ("secretariat", f"/kiem-tra/cuoc/{i}/ton-tai/"),
        ("secretariat", f"/kiem-tra/ton-tai/{s['finding'].pk}/kien-nghi/"),
        ("secretariat", f"/kiem-tra/cuoc/{i}/ket-luan/"),
        ("secretariat", f"/kiem-tra/cuoc/{i}/huy/"),
        ("unit_head", f"/kiem-tra/kien-nghi/{r}/tien-do/"),
        ("unit_head", f"/kiem-tra/kien-nghi/{r}/hoan-thanh/"),
        ("secretariat", f"/kiem-tra/kien-nghi/{r}/tra-lai/"),
        ("secretariat", "/kiem-tra/trach-nhiem/tao/"),
        ("secretariat", f"/kiem-tra/trach-nhiem/{k}/can-cu/"),
        ("secretariat", f"/kiem-tra/trach-nhiem/{k}/de-nghi-giai-trinh/"),
        ("ward_officer", f"/kiem-tra/trach-nhiem/{k}/giai-trinh/"),
        ("unit_head", f"/kiem-tra/trach-nhiem/{k}/quyet-dinh/"),
        ("office", "/kiem-tra/ket-luan/"),
        ("office", f"/kiem-tra/ket-luan/{s['c'].pk}/them/"),
        ("unit_head", f"/kiem-tra/khac-phuc/{s['corr'].pk}/tien-do/"),
        ("leader", f"/kiem-tra/ke-hoach/{s['plan'].pk}/tra-lai/"),
    ]


def test_the_field_names_are_found():
    names = field_names()
    assert {
        "due",
        "planned_on",
        "percent",
        "amount",
        "unit",
        "official",
        "code",
        "result",
        "decision",
    } <= set(names)


def test_hostile_values_in_every_field_of_every_form(world, scene):
    names = field_names()
    clients: dict[str, Client] = {}
    before = (Finding.objects.count(), Recommendation.objects.count(), Correction.objects.count())
    failures = []
    for n, (persona, url) in enumerate(_posts(scene)):
        client = clients.get(persona) or login_verified(
            Client(raise_request_exception=False), world.users[persona]
        )
        clients[persona] = client
        for k in range(len(HOSTILE)):
            value = HOSTILE[(n + k) % len(HOSTILE)]
            data = dict.fromkeys(names, value)
            status = client.post(url, data).status_code
            if status >= 500:
                failures.append(f"{persona} {url} {value[:20]!r} → {status}")
    assert failures == []
    # Hostile values never make up a finding, a follow-up or a correction.
    assert (Finding.objects.count(), Recommendation.objects.count(), Correction.objects.count()) == before
    assert ResponsibilityCase.objects.count() == 1
