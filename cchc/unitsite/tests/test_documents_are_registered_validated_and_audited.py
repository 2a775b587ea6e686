"""A unit's officer registers documents: each change is validated (a replaced document names the newer one
of the same unit, issued no earlier; one number per unit and year; no future dates) and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.core.models import AuditEvent
from cchc.unitsite import actions
from cchc.unitsite.audit_events import UnitsiteEvents
from cchc.unitsite.models import UnitDocument
from cchc.unitsite.tests.conftest import document_data, pdf


def test_the_register_holds_number_date_subject_issuer_file_and_validity(world, register):
    old = UnitDocument.objects.get(pk=register["old"].pk)
    assert old.replaced_by == register["new"]
    assert old.validity == "replaced"
    assert old.file_name == "quyet-dinh-cu.pdf" and old.file_size > 0
    assert register["plan"].file_name == "ke-hoach.docx"
    verbs = list(
        AuditEvent.objects.filter(verb=UnitsiteEvents.DOCUMENT_ADDED).values_list("object_id", flat=True)
    )
    assert sorted(verbs) == sorted(str(d.pk) for d in register.values())


def test_a_replaced_document_must_name_the_newer_one(world, register):
    with pytest.raises(ValidationError) as caught:
        actions.add_document(
            world.users["ward_officer"],
            world.units["p1"],
            document_data(number="1/QĐ", validity="replaced"),
            pdf(),
        )
    assert "replaced_by" in caught.value.message_dict


def test_the_newer_document_belongs_to_the_same_unit_and_is_not_older(world, register):
    other = actions.add_document(
        world.users["other_ward_officer"], world.units["p2"], document_data(issuer="UBND Phường 2"), pdf()
    )
    officer, p1 = world.users["ward_officer"], world.units["p1"]
    with pytest.raises(ValidationError, match="cùng đơn vị"):
        actions.add_document(
            officer, p1, document_data(number="2/QĐ", validity="replaced", replaced_by=other), pdf()
        )
    with pytest.raises(ValidationError, match="sau văn bản bị thay thế"):
        actions.add_document(
            officer,
            p1,
            document_data(
                number="3/QĐ", issued_on=dt.date(2024, 6, 1), validity="replaced", replaced_by=register["new"]
            ),
            pdf(),
        )


def test_a_document_in_force_names_no_replacement(world, register):
    with pytest.raises(ValidationError, match="Đã được thay thế"):
        actions.update_document(
            world.users["ward_officer"],
            register["plan"],
            document_data(number="30/KH-UBND", replaced_by=register["new"]),
        )


def test_one_number_per_unit_and_year(world, register):
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        actions.add_document(
            world.users["unit_head"], world.units["p1"], document_data(number="15/qđ-ubnd"), pdf()
        )
    # The same number next year is another document.
    actions.add_document(
        world.users["unit_head"], world.units["p1"], document_data(issued_on=dt.date(2025, 1, 2)), pdf()
    )


def test_a_date_in_the_future_is_refused(world):
    with pytest.raises(ValidationError, match="sau hôm nay"):
        actions.add_document(
            world.users["ward_officer"],
            world.units["p1"],
            document_data(issued_on=dt.date.today() + dt.timedelta(days=1)),
            pdf(),
        )


def test_an_edit_keeps_the_file_unless_a_new_one_is_given_and_is_audited(world, register):
    plan = register["plan"]
    updated = actions.update_document(
        world.users["ward_officer"],
        plan,
        document_data(
            kind="plan",
            number="30/KH-UBND",
            issued_on=plan.issued_on,
            subject="Kế hoạch CCHC 2023 (sửa)",
            validity="expired",
        ),
    )
    assert updated.file_name == "ke-hoach.docx"
    event = AuditEvent.objects.get(verb=UnitsiteEvents.DOCUMENT_UPDATED, object_id=str(plan.pk))
    assert event.data["subject"][1] == "Kế hoạch CCHC 2023 (sửa)"


def test_another_wards_officer_may_not_change_phuong_1s_register(world, register):
    with pytest.raises(PermissionDenied):
        actions.add_document(
            world.users["other_ward_officer"], world.units["p1"], document_data(number="9/QĐ"), pdf()
        )
    with pytest.raises(PermissionDenied):
        actions.update_document(world.users["other_ward_officer"], register["plan"], document_data())
