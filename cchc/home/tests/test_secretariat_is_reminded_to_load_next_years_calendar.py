import datetime as dt

import pytest

from cchc.testing.personas import login_verified


@pytest.fixture
def late_november(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 11, 28))


def test_secretariat_home_warns_when_next_year_has_no_official_schedule(client, world, late_november):
    login_verified(client, world.users["secretariat"])
    html = client.get("/").content.decode()
    assert 'data-testid="calendar-reminder"' in html
    assert "năm 2027" in html


def test_other_roles_are_not_shown_the_calendar_reminder(client, world, late_november):
    login_verified(client, world.users["ward_officer"])
    assert 'data-testid="calendar-reminder"' not in client.get("/").content.decode()
