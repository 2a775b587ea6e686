"""The register: every directive of the jurisdiction for the Office and the leaders, searchable by
number/symbol, subject or issuer, filterable by direction, type and year; a unit sees only the
documents that give it tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.directives.actions_register import register_directive
from cchc.directives.tests.conftest import URLS, make_task, xlsx_rows
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


@pytest.fixture
def register(world, directive):
    province = register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "received",
            "issuer": "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
            "number": "9228",
            "symbol": "UBND-SNV",
            "date": dt.date(2022, 8, 2),
            "doc_type": "cong_van",
            "subject": "triển khai giải pháp cải thiện chỉ số PAR INDEX, SIPAS năm 2022 của tỉnh",
        },
    )
    plan = register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "152",
            "symbol": "KH-UBND",
            "date": dt.date(2021, 12, 20),
            "doc_type": "ke_hoach",
            "subject": "Kế hoạch cải cách hành chính năm 2022",
        },
    )
    make_task(world, directive, "p1")
    return {"seed": directive, "province": province, "plan": plan}


def listed(client, query: str = "") -> str:
    return client.get(reverse("directives:directive_list") + query).content.decode()


def test_the_office_sees_every_directive(client, world, register):
    login_verified(client, world.users["office"])
    html = listed(client)
    for ref in ("7190/UBND-NV", "9228/UBND-SNV", "152/KH-UBND"):
        assert ref in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?q=9228/UBND-SNV", "9228/UBND-SNV", "7190/UBND-NV"),
        ("?q=PAR+INDEX", "7190/UBND-NV", "152/KH-UBND"),
        ("?q=t%E1%BB%89nh+B%C3%A0+R%E1%BB%8Ba", "9228/UBND-SNV", "7190/UBND-NV"),
        ("?huong=received", "9228/UBND-SNV", "7190/UBND-NV"),
        ("?loai=ke_hoach", "152/KH-UBND", "9228/UBND-SNV"),
        ("?nam=2021", "152/KH-UBND", "7190/UBND-NV"),
    ],
)
def test_search_and_filters(client, world, register, query, shown, hidden):
    login_verified(client, world.users["secretariat"])
    html = listed(client, query)
    assert shown in html and hidden not in html


def test_a_ward_sees_only_the_directive_that_gives_it_a_task(client, world, register):
    login_verified(client, world.users["ward_officer"])
    html = listed(client)
    assert "7190/UBND-NV" in html and "9228/UBND-SNV" not in html and "152/KH-UBND" not in html
    login_verified(client, world.users["other_ward_officer"])
    assert "7190/UBND-NV" not in listed(client)


def test_the_register_exports_to_xlsx_with_the_same_filter(client, world, register):
    login_verified(client, world.users["auditor"])
    rows = xlsx_rows(client.get(reverse("directives:directive_list") + "?huong=issued&xuat=xlsx").content)
    assert rows[0][0] == "Sổ văn bản chỉ đạo"
    refs = [r[2] for r in rows[2:]]
    assert refs == ["7190/UBND-NV", "152/KH-UBND"]
    seed = rows[2]
    assert seed[7:10] == [1, 0, 1]  # one task, not done, overdue (due 30/9/2022)
