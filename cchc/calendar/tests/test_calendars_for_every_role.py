"""calendars_for(user, write=...): who reads and who changes which calendar, for every persona."""

import pytest

from cchc.calendar.queries import calendars_for, can_manage_calendar_of, entries_for
from cchc.testing.personas import PERSONAS

CITY_WIDE = {"province", "city", "p1", "p2"}
READS = {
    "leader": CITY_WIDE,
    "secretariat": CITY_WIDE,
    "office": CITY_WIDE,
    "auditor": CITY_WIDE,
    "unit_head": {"province", "city", "p1"},
    "ward_officer": {"province", "city", "p1"},
    "one_stop": {"province", "city", "p1"},
    "other_ward_officer": {"province", "city", "p2"},
    "front": {"province", "city"},
}
WRITES = {"secretariat": {"city", "p1", "p2"}}


def keys_of(qs, calendars):
    by_pk = {c.pk: k for k, c in calendars.items()}
    return {by_pk[c.pk] for c in qs}


def test_the_table_covers_every_persona():
    assert set(READS) == {p[0] for p in PERSONAS}


@pytest.mark.parametrize("persona", sorted(READS))
def test_each_role_reads_the_calendars_in_effect_for_its_own_areas(world, local_calendars, persona):
    assert keys_of(calendars_for(world.users[persona]), local_calendars) == READS[persona]


@pytest.mark.parametrize("persona", sorted(READS))
def test_only_the_secretariat_changes_calendars_and_only_below_its_own_area(world, local_calendars, persona):
    user = world.users[persona]
    assert keys_of(calendars_for(user, write=True), local_calendars) == WRITES.get(persona, set())
    assert entries_for(user, write=True).count() == len(WRITES.get(persona, set()))
    for key, area in world.jurisdictions.items():
        expected = key in WRITES.get(persona, set())
        assert can_manage_calendar_of(user, area) is expected, (persona, key)


def test_a_ward_officer_does_not_read_the_other_wards_calendar(world, local_calendars):
    names = set(entries_for(world.users["ward_officer"]).values_list("name", flat=True))
    assert "Nghỉ riêng của Phường 1" in names
    assert "Nghỉ riêng của Phường 2" not in names


def test_anonymous_and_inactive_people_read_nothing(world, local_calendars):
    from django.contrib.auth.models import AnonymousUser

    assert not calendars_for(AnonymousUser()).exists()
    user = world.users["leader"]
    user.is_active = False
    assert not calendars_for(user).exists()


def test_a_superuser_reads_and_changes_everything(world, local_calendars, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.test", "Mat-khau-quan-tri-1")
    assert calendars_for(admin).count() == calendars_for(admin, write=True).count() == 4
