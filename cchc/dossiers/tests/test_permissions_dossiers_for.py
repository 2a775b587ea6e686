"""``dossiers_for`` for every persona, read and write, and who sees applicants in full."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cchc.dossiers.queries import dossiers_for, mask_applicant, may_see_personal_data
from cchc.dossiers.tests.factories import build_ledger
from cchc.testing.personas import PERSONAS

WIDE = {"leader", "secretariat", "office", "auditor"}


@pytest.fixture
def ledger(world):
    return build_ledger(world)


def expected_read(persona, ledger):
    if persona in WIDE:
        return {d.code for d in ledger.all}
    if persona in ("unit_head", "ward_officer"):
        # Phường 1's subtree holds its one-stop office, where the city agency's dossier was received.
        return {ledger.late.code, ledger.overdue.code, ledger.due_soon.code, ledger.city.code}
    if persona == "one_stop":
        return {ledger.late.code, ledger.overdue.code, ledger.due_soon.code, ledger.city.code}
    if persona == "other_ward_officer":
        return {ledger.p2.code}
    return set()  # front


def expected_write(persona, ledger):
    if persona == "one_stop":
        return {ledger.late.code, ledger.overdue.code, ledger.due_soon.code, ledger.city.code}
    if persona in ("unit_head", "ward_officer"):
        return {ledger.late.code, ledger.overdue.code, ledger.due_soon.code}  # handled by Phường 1
    if persona == "other_ward_officer":
        return {ledger.p2.code}
    return set()


@pytest.mark.parametrize("persona", [p[0] for p in PERSONAS])
def test_each_persona_reads_exactly_its_scope(world, ledger, persona):
    got = set(dossiers_for(world.users[persona]).values_list("code", flat=True))
    assert got == expected_read(persona, ledger)


@pytest.mark.parametrize("persona", [p[0] for p in PERSONAS])
def test_each_persona_writes_exactly_its_scope(world, ledger, persona):
    got = set(dossiers_for(world.users[persona], write=True).values_list("code", flat=True))
    assert got == expected_write(persona, ledger)


def test_a_ward_officer_never_sees_another_wards_dossiers(world, ledger):
    p1_codes = {ledger.late.code, ledger.overdue.code, ledger.due_soon.code}
    assert not p1_codes & set(dossiers_for(world.users["other_ward_officer"]).values_list("code", flat=True))
    assert ledger.p2.code not in set(dossiers_for(world.users["ward_officer"]).values_list("code", flat=True))


def test_the_public_and_inactive_accounts_see_nothing(world, ledger):
    assert not dossiers_for(AnonymousUser()).exists()
    officer = world.users["ward_officer"]
    officer.is_active = False
    officer.save()
    assert not dossiers_for(officer).exists()
    assert not dossiers_for(officer, write=True).exists()


@pytest.mark.parametrize("persona", [p[0] for p in PERSONAS])
def test_personal_data_in_full_only_for_one_stop_and_unit_officers_in_scope(world, ledger, persona):
    user = world.users[persona]
    sees = may_see_personal_data(user, ledger.late)
    assert sees == (persona in ("one_stop", "unit_head", "ward_officer"))
    applicant = mask_applicant(ledger.late, user)
    assert applicant.masked is (not sees)
    if not sees:
        assert applicant.name == "Lý T*** T*** T**"
        assert applicant.phone == "*******789"
        assert applicant.id_number == "*********234"
        assert applicant.email == "t***@example.vn"
        assert applicant.address == "***"


def test_the_other_ward_officer_sees_own_applicants_in_full_but_not_phuong_1s(world, ledger):
    user = world.users["other_ward_officer"]
    assert may_see_personal_data(user, ledger.p2)
    assert not may_see_personal_data(user, ledger.late)
