"""The pure commands (``cchc index-766``, ``cchc report-tthc``) cannot load Django's settings, so they read
the calendar variables themselves: with no variable set they must use settings.py's defaults, and with
one set they must read it the same way."""

from __future__ import annotations

import os

import pytest
from django.conf import settings

from cchc.lib.commands import common
from cchc.lib.workcal import OfficeHours


@pytest.mark.skipif(
    any(name in os.environ for name in (*common.HOURS_ENV.values(), "CCHC_WORKDAYS_CSV")),
    reason="the defaults can only be compared when no calendar variable is set",
)
def test_the_defaults_are_those_of_settings():
    assert common.DEFAULT_WORKDAYS_CSV == settings.CCHC_WORKDAYS_CSV
    hours = {attr: getattr(settings, name) for attr, name in common.HOURS_ENV.items()}
    assert OfficeHours(**hours) == OfficeHours()
    assert common.rules(None, {}).supplement_shift.value == settings.CCHC_SUPPLEMENT_SHIFT


def test_a_variable_is_read_as_settings_reads_it():
    cal = common.calendar({"CCHC_AFTERNOON_CUTOFF": "15:00", "CCHC_OFFICE_MORNING_START": "07:30"})
    assert (cal.hours.cutoff.isoformat(), cal.hours.morning_start.isoformat()) == ("15:00:00", "07:30:00")


def test_a_bad_variable_stops_the_command_with_its_name():
    with pytest.raises(common.CommandError, match="CCHC_AFTERNOON_CUTOFF = «3pm» không phải giờ hợp lệ"):
        common.calendar({"CCHC_AFTERNOON_CUTOFF": "3pm"})
