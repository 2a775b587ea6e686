"""A finding on the same unit and checklist item as a finding of an earlier visit is flagged as
recurring — even when the checklist has a newer version, since items keep their codes; a finding on
another item, or on another unit, is not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.oversight.actions import followups, inspections
from cchc.oversight.models import ChecklistItem, ChecklistTemplate
from cchc.oversight.tests.scene import ad_hoc_visit, one_stop, started_visit

pytestmark = pytest.mark.django_db


def _finding(world, insp, code):
    return followups.add_finding(
        world.users["secretariat"], insp, code=code, text=f"Tồn tại {code}", severity="minor"
    )


@pytest.fixture
def first_visit(world):
    insp = started_visit(world, on=timezone.localdate() - dt.timedelta(days=120))
    _finding(world, insp, "MC-04")
    return insp


def test_the_same_item_at_the_next_visit_of_the_same_unit_is_flagged(world, first_visit):
    again = _finding(world, ad_hoc_visit(world), "MC-04")
    assert again.recurs is not None
    assert again.recurs.inspection == first_visit


def test_another_item_is_not_flagged(world, first_visit):
    assert _finding(world, ad_hoc_visit(world), "MC-07").recurs is None


def test_another_unit_is_not_flagged(world, first_visit):
    assert _finding(world, ad_hoc_visit(world, unit_key="p2"), "MC-04").recurs is None


def test_a_newer_checklist_version_keeps_the_comparison(world, first_visit):
    old = one_stop()
    new = ChecklistTemplate.objects.create(code=old.code, version=old.version + 1, name=old.name)
    for item in old.items.all():
        ChecklistItem.objects.create(
            template=new, code=item.code, text=item.text + " (sửa)", order=item.order
        )
    ChecklistTemplate.objects.filter(pk=old.pk).update(is_current=False)
    insp = inspections.add_inspection(
        world.users["secretariat"],
        jurisdiction=world.jurisdictions["city"],
        unit=world.units["p1"],
        template=new,
        planned_on=timezone.localdate(),
        topic="Kiểm tra lại",
        reason="Phúc tra",
    )
    inspections.start_visit(world.users["secretariat"], insp)
    assert _finding(world, insp, "MC-04").recurs is not None
