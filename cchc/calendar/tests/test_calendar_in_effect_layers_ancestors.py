"""work_calendar_for: the nearest calendar wins per date; no calendar at all → the bundled table."""

import datetime as dt

import pytest

from cchc.calendar import queries
from cchc.calendar.actions import add_entry, delete_entry, ensure_calendar
from cchc.calendar.models import CalendarEntry
from cchc.calendar.queries import work_calendar_for
from cchc.calendar.tests.conftest import SYSTEM, entry

D = dt.date.fromisoformat


def test_without_any_calendar_the_bundled_table_applies(world):
    cal = work_calendar_for(world.jurisdictions["p1"])
    assert cal.is_working_day(D("2024-05-04"))
    assert not cal.is_working_day(D("2026-02-17"))
    assert work_calendar_for(None).add_working_days(D("2023-01-19"), 3) == D("2023-01-31")


def test_a_ward_without_its_own_calendar_uses_the_province_one(world, national):
    cal = work_calendar_for(world.jurisdictions["p1"])
    assert cal.add_working_days(D("2023-01-19"), 3) == D("2023-01-31")
    assert cal.is_working_day(D("2026-01-10"))


def test_local_days_apply_to_their_area_and_the_areas_below_only(world, local_calendars):
    j = world.jurisdictions
    march_2 = D("2026-03-02")  # city day off
    march_3 = D("2026-03-03")  # Phường 1 day off
    assert work_calendar_for(j["province"]).is_working_day(march_2)
    assert not work_calendar_for(j["city"]).is_working_day(march_2)
    assert not work_calendar_for(j["p1"]).is_working_day(march_2)
    assert not work_calendar_for(j["p1"]).is_working_day(march_3)
    assert work_calendar_for(j["p2"]).is_working_day(march_3)
    assert not work_calendar_for(j["p1"]).is_working_day(D("2026-02-17"))  # national Tết still applies


def test_a_nearer_calendar_can_turn_an_inherited_day_off_into_a_working_day(world, national):
    city = ensure_calendar(world.jurisdictions["city"], SYSTEM)
    entry(city, "2026-09-01", kind="make-up-working-day", name="Làm việc ngày 1/9 theo phân công")
    assert work_calendar_for(world.jurisdictions["p1"]).is_working_day(D("2026-09-01"))
    assert not work_calendar_for(world.jurisdictions["province"]).is_working_day(D("2026-09-01"))


def test_a_change_is_seen_by_the_next_call(world, national):
    p1 = world.jurisdictions["p1"]
    assert work_calendar_for(p1).is_working_day(D("2026-03-05"))
    added = add_entry(
        national,
        SYSTEM,
        date=D("2026-03-05"),
        kind="holiday",
        name="Ngày nghỉ thử",
        legal_reference="Văn bản thử 1/2026",
    )
    assert not work_calendar_for(p1).is_working_day(D("2026-03-05"))
    delete_entry(added, SYSTEM)
    assert work_calendar_for(p1).is_working_day(D("2026-03-05"))


def test_a_change_made_by_another_process_is_seen_after_the_recheck_interval(world, national, monkeypatch):
    p1 = world.jurisdictions["p1"]
    before = work_calendar_for(p1)
    assert work_calendar_for(p1) is before  # cached
    # Another process changes a row: no signal reaches this one, only the database stamp moves.
    CalendarEntry.objects.filter(calendar=national, date=D("2026-01-10")).update(
        kind="holiday", updated_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    )
    monkeypatch.setattr(queries, "RECHECK_SECONDS", 0.0)
    assert not work_calendar_for(p1).is_working_day(D("2026-01-10"))


def test_office_hours_come_from_settings_unless_a_calendar_sets_them(world, national, settings):
    settings.CCHC_AFTERNOON_CUTOFF = dt.time(15, 0)
    settings.CCHC_OFFICE_MORNING_START = dt.time(7, 30)
    queries.clear_calendar_cache()
    cal = work_calendar_for(world.jurisdictions["p1"])
    assert cal.hours.cutoff == dt.time(15, 0)
    assert cal.hours.morning_start == dt.time(7, 30)
    city = ensure_calendar(world.jurisdictions["city"], SYSTEM)
    city.cutoff = dt.time(16, 0)
    city.weekly_rest = "6"
    city.save()
    cal = work_calendar_for(world.jurisdictions["p1"])
    assert cal.hours.cutoff == dt.time(16, 0)
    assert cal.hours.morning_start == dt.time(7, 30)
    assert cal.is_working_day(D("2026-03-07"))  # Saturday: this city rests on Sundays only


def test_default_office_hours_are_the_documented_ones(world):
    hours = work_calendar_for(world.jurisdictions["p1"]).hours
    assert (hours.morning_start, hours.morning_end) == (dt.time(7), dt.time(11, 30))
    assert (hours.afternoon_start, hours.afternoon_end) == (dt.time(13, 30), dt.time(17))
    assert hours.cutoff == dt.time(17)


@pytest.mark.parametrize("key", ["province", "city", "p1", "p2"])
def test_every_area_answers_the_issue_examples_with_the_national_table(world, national, key):
    cal = work_calendar_for(world.jurisdictions[key])
    assert cal.working_days_between(D("2026-02-13"), D("2026-02-24")) == 2
    assert cal.add_working_hours(dt.datetime(2024, 5, 3, 10), 8) == dt.datetime(2024, 5, 4, 10)
