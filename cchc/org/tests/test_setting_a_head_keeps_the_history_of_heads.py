"""A new head closes the previous headship the day before; nothing is overwritten."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cchc.org import actions
from cchc.org.models import HeadKind, UnitHead


def test_new_head_closes_the_previous_row_the_day_before(world):
    p1, secretariat = world.units["p1"], world.users["secretariat"]
    successor = actions.create_official(
        secretariat, {"code": "CB-P1-CT2", "full_name": "Mai Văn Tiến", "unit": p1}
    )
    actions.set_head(secretariat, p1, successor, kind=HeadKind.HEAD, valid_from=dt.date(2023, 3, 1))
    rows = list(UnitHead.objects.filter(unit=p1, kind=HeadKind.HEAD).order_by("valid_from"))
    assert [(r.official.code, r.valid_from, r.valid_to) for r in rows] == [
        ("CB-P1-CT", dt.date(2021, 1, 1), dt.date(2023, 2, 28)),
        ("CB-P1-CT2", dt.date(2023, 3, 1), None),
    ]
    assert p1.accountable_head(dt.date(2023, 2, 28)).code == "CB-P1-CT"
    assert p1.accountable_head(dt.date(2023, 3, 1)).code == "CB-P1-CT2"


def test_acting_head_answers_while_appointed_then_the_head_again(world):
    p1, secretariat = world.units["p1"], world.users["secretariat"]
    officer = world.officials["ward_officer"]
    acting = actions.set_head(secretariat, p1, officer, kind=HeadKind.ACTING, valid_from=dt.date(2022, 8, 1))
    assert p1.accountable_head(dt.date(2022, 8, 15)) == officer
    assert p1.accountable_head(dt.date(2022, 7, 31)) == world.officials["unit_head"]
    actions.end_headship(secretariat, acting, last_day=dt.date(2022, 8, 31))
    assert p1.accountable_head(dt.date(2022, 9, 1)) == world.officials["unit_head"]
    assert UnitHead.objects.filter(unit=p1).count() == 2


def test_appointing_a_head_ends_the_acting_headship(world):
    p1, secretariat = world.units["p1"], world.users["secretariat"]
    officer = world.officials["ward_officer"]
    actions.set_head(secretariat, p1, officer, kind=HeadKind.ACTING, valid_from=dt.date(2022, 8, 1))
    actions.set_head(secretariat, p1, officer, kind=HeadKind.HEAD, valid_from=dt.date(2022, 10, 1))
    acting = UnitHead.objects.get(unit=p1, kind=HeadKind.ACTING)
    assert acting.valid_to == dt.date(2022, 9, 30)
    assert p1.accountable_head(dt.date(2022, 10, 1)) == officer


def test_the_head_of_a_one_stop_office_may_come_from_the_ward_committee(world):
    mc = world.units["p1_mc"]
    actions.set_head(
        world.users["secretariat"],
        mc,
        world.officials["unit_head"],
        kind="head",
        valid_from=dt.date(2022, 1, 1),
    )
    assert mc.accountable_head(dt.date(2022, 6, 1)) == world.officials["unit_head"]


def test_a_head_from_another_unit_is_refused_in_vietnamese(world):
    with pytest.raises(ValidationError) as exc:
        actions.set_head(
            world.users["secretariat"],
            world.units["p1"],
            world.officials["other_ward_officer"],
            kind="head",
            valid_from=dt.date(2022, 1, 1),
        )
    assert exc.value.message_dict["official"] == [
        "Đỗ Văn Cường là cán bộ của «UBND Phường 2», không phải của «UBND Phường 1» hoặc đơn vị cấp trên "
        "trực tiếp của nó."
    ]


def test_a_start_before_the_current_heads_start_is_refused(world):
    p1 = world.units["p1"]
    with pytest.raises(ValidationError) as exc:
        actions.set_head(
            world.users["secretariat"],
            p1,
            world.officials["ward_officer"],
            kind="head",
            valid_from=dt.date(2020, 1, 1),
        )
    assert "01/01/2021" in exc.value.message_dict["valid_from"][0]


def test_deactivating_an_official_ends_their_headships(world):
    actions.deactivate_official(
        world.users["secretariat"], world.officials["unit_head"], last_day=dt.date(2024, 12, 31)
    )
    row = UnitHead.objects.get(unit=world.units["p1"], kind=HeadKind.HEAD)
    assert row.valid_to == dt.date(2024, 12, 31)
    assert world.units["p1"].accountable_head(dt.date(2025, 1, 1)) is None
