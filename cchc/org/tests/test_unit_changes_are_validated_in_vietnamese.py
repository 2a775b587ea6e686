import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.org import actions
from cchc.org.models import Unit


def fields(world, **extra):
    return {
        "code": "TDP",
        "name": "Tổ dân phố",
        "kind": "other",
        "jurisdiction": world.jurisdictions["p1"],
        **extra,
    }


def test_a_parent_in_another_wards_tree_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        actions.create_unit(world.users["secretariat"], fields(world, parent=world.units["p2"]))
    assert exc.value.message_dict["parent"] == [
        "Đơn vị cấp trên «UBND Phường 2» thuộc địa bàn «Phường 2», "
        "không bao gồm địa bàn «Phường 1» của đơn vị này."
    ]


def test_a_parent_below_the_unit_itself_is_a_loop(world):
    with pytest.raises(ValidationError) as exc:
        actions.update_unit(world.users["secretariat"], world.units["p1"], {"parent": world.units["p1_mc"]})
    assert "vòng lặp" in exc.value.message_dict["parent"][0]
    assert Unit.objects.get(code="P1").parent == world.units["ubnd"]


def test_duplicate_code_bad_email_and_reversed_dates_are_all_reported(world):
    bad = fields(
        world,
        code="P2",
        email="khong-phai-email",
        valid_from=dt.date(2022, 5, 1),
        valid_to=dt.date(2022, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        actions.create_unit(world.users["secretariat"], bad)
    errors = exc.value.message_dict
    assert errors["code"] == ["Mã đơn vị «P2» đã được dùng cho «UBND Phường 2»."]
    assert "không hợp lệ" in errors["email"][0]
    assert errors["valid_to"] == ["Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."]


def test_closing_a_unit_with_a_live_sub_unit_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        actions.close_unit(world.users["secretariat"], world.units["p1"], last_day=dt.date(2025, 6, 30))
    assert "Bộ phận một cửa Phường 1" in exc.value.message_dict["last_day"][0]


def test_only_the_secretariat_changes_units_even_when_calling_actions_directly(world):
    for persona in ("leader", "office", "unit_head", "ward_officer", "auditor"):
        with pytest.raises(PermissionDenied):
            actions.update_unit(world.users[persona], world.units["p1"], {"name": "Đổi tên"})
        with pytest.raises(PermissionDenied):
            actions.create_unit(world.users[persona], fields(world))


def test_a_unit_head_places_officials_only_inside_own_unit(world):
    head = world.users["unit_head"]
    created = actions.create_official(
        head, {"code": "CB-P1-X", "full_name": "Người Mới", "unit": world.units["p1_mc"]}
    )
    assert created.unit == world.units["p1_mc"]
    with pytest.raises(ValidationError) as exc:
        actions.create_official(
            head, {"code": "CB-P2-X", "full_name": "Người Khác", "unit": world.units["p2"]}
        )
    assert exc.value.message_dict["unit"] == ["Đơn vị «UBND Phường 2» nằm ngoài phạm vi quản lý của bạn."]
    with pytest.raises(PermissionDenied):
        actions.update_official(head, world.officials["other_ward_officer"], {"position": "Đổi"})


def test_moving_a_head_out_of_the_unit_they_head_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        actions.update_official(
            world.users["secretariat"], world.officials["unit_head"], {"unit": world.units["nv"]}
        )
    assert "kết thúc việc đó trước" in exc.value.message_dict["unit"][0]
