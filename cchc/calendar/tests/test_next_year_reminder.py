"""From 1 October the secretariat is reminded until next year's official schedule is in."""

import datetime as dt

import pytest
from django.core.management import call_command

from cchc.calendar.actions import add_entry
from cchc.calendar.queries import missing_next_year
from cchc.calendar.tests.conftest import SYSTEM
from cchc.testing.personas import login_verified


def test_no_reminder_before_the_first_of_october(world, national):
    assert missing_next_year(national, dt.date(2026, 9, 30)) is None


def test_estimates_alone_do_not_silence_the_reminder(world, national):
    # The bundled 2027 rows are provisional (docs/rules/working-days.md: no official 2027 schedule found).
    assert missing_next_year(national, dt.date(2026, 10, 1)) == 2027
    assert missing_next_year(world.jurisdictions["p1"], dt.date(2026, 12, 31)) == 2027


def test_one_confirmed_entry_for_next_year_silences_it(world, national):
    add_entry(
        national,
        SYSTEM,
        date=dt.date(2027, 2, 3),
        kind="day-off-in-lieu",
        name="Nghỉ Tết",
        legal_reference="Văn bản thử 1/2027",
    )
    assert missing_next_year(national, dt.date(2026, 10, 1)) is None


def test_a_year_with_no_entries_at_all_is_reported(world, national):
    assert missing_next_year(national, dt.date(2027, 10, 1)) == 2028


def test_the_year_page_shows_the_reminder(client, world, national, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2026, 10, 5))
    login_verified(client, world.users["secretariat"])
    html = client.get("/lich/").content.decode()
    assert 'data-testid="next-year-reminder"' in html
    assert "Chưa có lịch nghỉ lễ, làm bù chính thức năm 2027" in html
    assert "nạp cả tệp lịch" in html and "cchc load-workdays" not in html
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2026, 6, 1))
    assert 'data-testid="next-year-reminder"' not in client.get("/lich/").content.decode()


@pytest.mark.parametrize(("today", "status"), [("2026-09-30", 0), ("2026-10-01", 1)])
def test_the_check_command_exits_1_while_next_year_is_missing(world, national, capsys, today, status):
    if status:
        with pytest.raises(SystemExit) as exit_info:
            call_command("workdays", "check-next-year", "--today", today)
        assert exit_info.value.code == 1
        assert "Chưa có lịch nghỉ lễ, làm bù chính thức năm 2027" in capsys.readouterr().err
    else:
        call_command("workdays", "check-next-year", "--today", today)
        assert "không cần nhắc" in capsys.readouterr().out
