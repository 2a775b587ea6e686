"""A unit head hands an at-risk step to another official of the unit; the step, the stored risks and the
audit trail follow. Nobody else may, and not to someone outside the unit."""

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.models import DossierStep
from cchc.earlywarning.models import Kind, Risk
from cchc.earlywarning.tests.scene import scored
from cchc.org.models import Official
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings):
    scored(world, settings)
    return world


def _step_risk(code):
    return Risk.objects.get(kind=Kind.STEP, dossier__code=code)


def test_the_head_moves_the_step_and_its_risks_to_the_new_holder(client, scene):
    new = Official.objects.create(code="P1-CV2", full_name="Lâm Thị Ngọc", unit=scene.units["p1"])
    risk = _step_risk("C-OPEN")
    login_verified(client, scene.users["unit_head"])
    response = client.post(f"/canh-bao/{risk.pk}/giao-lai/", {"official": new.pk})
    assert response.status_code == 302
    step = DossierStep.objects.get(pk=risk.step_id)
    assert (step.official_id, step.official_name) == (new.pk, "Lâm Thị Ngọc")
    assert set(Risk.objects.filter(step_id=step.pk).values_list("official_id", flat=True)) == {new.pk}
    event = AuditEvent.objects.get(verb="earlywarning.step_reassigned")
    assert event.actor == scene.users["unit_head"] and "Lâm Thị Ngọc" in event.summary


def test_an_official_of_another_unit_is_refused_with_a_message(client, scene):
    risk = _step_risk("C-OPEN")
    login_verified(client, scene.users["unit_head"])
    other = scene.officials["other_ward_officer"]
    response = client.post(f"/canh-bao/{risk.pk}/giao-lai/", {"official": other.pk})
    assert response.status_code == 400
    assert "cán bộ của đơn vị" in response.content.decode()
    assert DossierStep.objects.get(pk=risk.step_id).official_id is None


@pytest.mark.parametrize("persona", ["ward_officer", "one_stop", "leader", "auditor"])
def test_no_one_but_the_head_may_reassign(client, scene, persona):
    risk = _step_risk("A-OPEN")
    login_verified(client, scene.users[persona])
    response = client.post(f"/canh-bao/{risk.pk}/giao-lai/", {"official": scene.officials["unit_head"].pk})
    assert response.status_code in (403, 404)
    assert DossierStep.objects.get(pk=risk.step_id).official == scene.officials["ward_officer"]


def test_another_wards_head_cannot_even_see_the_step(client, scene):
    risk = _step_risk("B-OPEN")
    login_verified(client, scene.users["unit_head"])
    assert client.get(f"/canh-bao/{risk.pk}/giao-lai/").status_code == 404
