"""A merger closes the merged units (valid_to + replaced_by) and never deletes them (docs/architecture.md,
"Rules of the house")."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cchc.org import actions
from cchc.org.models import HeadKind, Official, Unit, UnitHead

ON = dt.date(2025, 7, 1)


@pytest.fixture
def merged(world):
    """Phường 1 and Phường 2 merge into a new ward committee from 1/7/2025, as in the 2025 reform."""
    secretariat = world.users["secretariat"]
    new = actions.create_unit(
        secretariat,
        {
            "code": "P-VT",
            "name": "UBND phường Vũng Tàu",
            "kind": "ward",
            "jurisdiction": world.jurisdictions["city"],
            "parent": world.units["ubnd"],
            "valid_from": ON,
        },
    )
    one_stop = world.units["p1_mc"]
    # The one-stop office of Phường 1 sits in Phường 1's area, outside the new ward's: it must be dealt
    # with first (here: closed with its ward).
    actions.close_unit(secretariat, one_stop, last_day=ON - dt.timedelta(days=1))
    actions.merge_units(secretariat, [world.units["p1"], world.units["p2"]], new, on=ON, move_officials=True)
    return new


def test_merged_units_stay_with_their_end_date_and_successor(world, merged):
    for key in ("p1", "p2"):
        unit = Unit.objects.get(pk=world.units[key].pk)
        assert unit.valid_to == dt.date(2025, 6, 30)
        assert unit.replaced_by == merged
    assert {u.code for u in Unit.objects.valid_on(dt.date(2025, 6, 30)).filter(kind="ward")} == {"P1", "P2"}
    assert {u.code for u in Unit.objects.valid_on(ON).filter(kind="ward")} == {"P-VT"}
    assert set(merged.replaces.values_list("code", flat=True)) == {"P1", "P2"}


def test_officials_move_and_old_headships_end_on_the_last_day(world, merged):
    assert Official.objects.get(code="CB-P1-CV").unit == merged
    assert Official.objects.get(code="CB-P2-CV").unit == merged
    row = UnitHead.objects.get(unit=world.units["p1"], kind=HeadKind.HEAD)
    assert row.valid_to == dt.date(2025, 6, 30)
    # Who answered for Phường 1 on a day before the merger is still known.
    assert world.units["p1"].accountable_head(dt.date(2024, 5, 1)) == world.officials["unit_head"]
    assert world.units["p1"].accountable_head(ON) is None


def test_officials_may_stay_with_the_closed_unit(world):
    secretariat = world.users["secretariat"]
    actions.merge_units(secretariat, [world.units["tt"]], world.units["vp"], on=ON, move_officials=False)
    assert Official.objects.get(code="CB-TT").unit == world.units["tt"]


def test_a_unit_with_history_cannot_be_deleted(world, merged):
    with pytest.raises(ValidationError, match="Giải thể"):
        actions.delete_unit(world.users["secretariat"], world.units["p1"])
    assert Unit.objects.filter(pk=world.units["p1"].pk).exists()


def test_a_unit_entered_by_mistake_can_be_deleted(world):
    secretariat = world.users["secretariat"]
    typo = actions.create_unit(
        secretariat,
        {"code": "NHAM", "name": "Nhầm", "kind": "other", "jurisdiction": world.jurisdictions["city"]},
    )
    actions.delete_unit(secretariat, typo)
    assert not Unit.objects.filter(code="NHAM").exists()


def test_merging_into_a_sub_unit_of_itself_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        actions.merge_units(
            world.users["secretariat"], [world.units["p1"]], world.units["p1_mc"], on=ON, move_officials=True
        )
    assert "đơn vị cấp dưới của chính nó" in str(exc.value)


def test_sub_units_in_another_area_block_the_merger_with_a_clear_message(world):
    with pytest.raises(ValidationError) as exc:
        actions.merge_units(
            world.users["secretariat"], [world.units["p1"]], world.units["p2"], on=ON, move_officials=True
        )
    assert "Bộ phận một cửa Phường 1" in str(exc.value)
    assert Unit.objects.get(pk=world.units["p1"].pk).valid_to is None


def test_sub_units_move_under_the_receiving_unit(world):
    secretariat = world.users["secretariat"]
    actions.merge_units(secretariat, [world.units["ubnd"]], world.units["mttq"], on=ON, move_officials=False)
    assert Unit.objects.get(code="NV").parent == world.units["mttq"]
    assert Unit.objects.get(code="P1-MC").path.startswith(world.units["mttq"].path)
