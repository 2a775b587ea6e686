"""actions.create_account: the way the demo and future screens create officials' logins."""

import pytest
from django.core.exceptions import ValidationError

from cchc.accounts.actions import create_account
from cchc.accounts.models import User
from cchc.core.models import AuditEvent
from cchc.core.roles import Role
from cchc.org.models import Official
from cchc.testing.personas import PASSWORD


@pytest.fixture
def official(world):
    return Official.objects.create(
        code="CB-P2-MOI",
        full_name="Phan Văn Khoa",
        position="Công chức Văn hoá – Xã hội",
        unit=world.units["p2"],
        email="khoa@example.test",
    )


def test_an_account_is_created_with_its_role_and_an_audit_row(world, official):
    actor = world.users["leader"]
    user = create_account(
        actor, username="khoa", password=PASSWORD, role=Role.UNIT_OFFICER, official=official
    )
    assert user.check_password(PASSWORD)
    assert user.role == Role.UNIT_OFFICER
    assert user.email == "khoa@example.test"  # taken from the official when not given
    assert not user.is_demo
    event = AuditEvent.objects.get(verb="accounts.account_created")
    assert event.actor == actor
    assert event.data["role"] == "unit_officer"


def test_a_demo_account_is_flagged(world):
    user = create_account(
        "load-demo",
        username="demo-thanhtra",
        password=PASSWORD,
        role=Role.AUDITOR,
        jurisdiction=world.jurisdictions["city"],
        is_demo=True,
    )
    assert user.is_demo
    assert AuditEvent.objects.get(verb="accounts.account_created").actor_name == "load-demo"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"role": "thu-ky"}, "role", "Vai trò “thu-ky” không hợp lệ"),
        ({"username": "Leader"}, "username", "đã có người dùng"),
        ({"username": "có dấu cách"}, "username", "chỉ được gồm chữ, số"),
        ({"official": None}, "official", "cần chọn cán bộ"),
        ({"password": "12345678901"}, "password", "hoàn toàn là số"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_creates_nothing(world, official, kwargs, field, message):
    args = {"username": "khoa", "password": PASSWORD, "role": Role.UNIT_OFFICER, "official": official}
    args.update(kwargs)
    before = User.objects.count()
    with pytest.raises(ValidationError) as error:
        create_account(None, **args)
    assert any(message in text for text in error.value.message_dict[field])
    assert User.objects.count() == before
    assert not AuditEvent.objects.filter(verb="accounts.account_created").exists()


def test_a_jurisdiction_wide_role_needs_an_area(world):
    with pytest.raises(ValidationError) as error:
        create_account(None, username="lanhdao2", password=PASSWORD, role=Role.LEADER)
    assert "cần chọn địa bàn" in error.value.message_dict["jurisdiction"][0]


def test_an_official_gets_only_one_account(world):
    with pytest.raises(ValidationError) as error:
        create_account(
            None,
            username="binh2",
            password=PASSWORD,
            role=Role.UNIT_OFFICER,
            official=world.officials["ward_officer"],
        )
    assert "đã có tài khoản" in error.value.message_dict["official"][0]
