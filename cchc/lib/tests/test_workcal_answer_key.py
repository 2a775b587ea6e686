"""Independent transcription of docs/rules/working-days.md for 2022–2026, used as the tests' answer key.

Kept apart from the bundled CSV on purpose: a test that read the expected answers from the same file
the calendar is built from could not catch a wrong row.
"""

import csv
from datetime import date
from functools import cache
from pathlib import Path

import cchc
from cchc.lib.workcal import KIND_MAKE_UP_WORKING_DAY, WorkCalendar
from cchc.lib.workdays_csv import calendar_from_csv

BUNDLED_CSV = Path(cchc.__file__).parent / "calendar" / "data" / "vn-workdays-2022-2027.csv"


def _days(*spec: str) -> set[date]:
    return {date.fromisoformat(s) for s in spec}


# Every listed day off 2022–2026 (holiday or day-off-in-lieu), weekends included where the table lists them.
DAYS_OFF = _days(
    # 2022: New Year (Sat) + in lieu; Tết 31/1–4/2; Hùng Kings (Sun) + in lieu; 30/4 (Sat), 1/5 (Sun) + 2
    # in lieu; National Day 1–2/9.
    "2022-01-01", "2022-01-03", "2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04",
    "2022-04-10", "2022-04-11", "2022-04-30", "2022-05-01", "2022-05-02", "2022-05-03", "2022-09-01",
    "2022-09-02",
    # 2023: New Year (Sun) + in lieu; Tết 20–26/1; 29/4–3/5; National Day 1–2/9 + 4/9 in lieu.
    "2023-01-01", "2023-01-02", "2023-01-20", "2023-01-21", "2023-01-22", "2023-01-23", "2023-01-24",
    "2023-01-25", "2023-01-26", "2023-04-29", "2023-04-30", "2023-05-01", "2023-05-02", "2023-05-03",
    "2023-09-01", "2023-09-02", "2023-09-04",
    # 2024: New Year; Tết 8–14/2; Hùng Kings 18/4; swap Mon 29/4 ↔ Sat 4/5 (CV 2450/VPCP-KGVX); 30/4–1/5;
    # National Day 2–3/9.
    "2024-01-01", "2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13",
    "2024-02-14", "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03",
    # 2025: New Year; Tết 27–31/1; Hùng Kings 7/4; 30/4–1/5; swap Fri 2/5 ↔ Sat 26/4; National Day 1–2/9.
    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07",
    "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
    # 2026: New Year + swap Fri 2/1 ↔ Sat 10/1 (CV 12729/VPCP-KGVX); Tết 16–20/2; Hùng Kings (Sun 26/4) +
    # in lieu 27/4; 30/4–1/5; swap Mon 31/8 ↔ Sat 22/8; National Day 1–2/9.
    "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
    "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02",
)  # fmt: skip

MAKE_UP_DAYS = _days("2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22")


def expected_working(d: date) -> bool:
    if d in MAKE_UP_DAYS:
        return True
    if d in DAYS_OFF:
        return False
    return d.weekday() < 5


@cache
def vn_calendar() -> WorkCalendar:
    """The bundled Vietnamese table with default office hours."""
    return calendar_from_csv(BUNDLED_CSV)


def test_bundled_table_lists_exactly_the_answer_key_for_2022_to_2026():
    rows = [r for r in csv.DictReader(BUNDLED_CSV.open(encoding="utf-8")) if r["date"] < "2027"]
    off = {date.fromisoformat(r["date"]) for r in rows if r["kind"] != KIND_MAKE_UP_WORKING_DAY}
    make_up = {date.fromisoformat(r["date"]) for r in rows if r["kind"] == KIND_MAKE_UP_WORKING_DAY}
    assert off == DAYS_OFF
    assert make_up == MAKE_UP_DAYS


def test_every_bundled_row_has_a_vietnamese_name_and_a_legal_reference():
    for r in csv.DictReader(BUNDLED_CSV.open(encoding="utf-8")):
        assert r["name"] and r["legal_reference"], r["date"]
        assert "Sat" not in r["name"] and "Swap" not in r["name"], r["date"]
