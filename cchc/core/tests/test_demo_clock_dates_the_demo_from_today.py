"""The demo clock: the demo covers the twelve months up to its today (CCHC_DEMO_TODAY pins it), the
founding letter is replayed about four months back on a working day, and the letter's text moves with
its story while the Government's own acts keep their real dates."""

import datetime as dt

import pytest

from cchc.core import demo_clock


@pytest.fixture
def today(monkeypatch):
    def pin(day: str) -> None:
        monkeypatch.setenv(demo_clock.ENV, day)
        monkeypatch.delenv(demo_clock.NOW_ENV, raising=False)

    return pin


def test_the_demo_covers_the_twelve_months_to_today(today):
    today("2026-12-06")
    assert demo_clock.today() == dt.date(2026, 12, 6)
    assert (demo_clock.year_start(), demo_clock.year_end()) == (dt.date(2025, 12, 1), dt.date(2026, 12, 6))
    assert demo_clock.demo_year() == 2026
    # A date of the yearly rhythm falls on its last occurrence, inside the twelve months.
    assert demo_clock.recent(12, 9) == dt.date(2025, 12, 9)
    assert demo_clock.recent(3, 18) == dt.date(2026, 3, 18)
    assert demo_clock.now() <= dt.datetime(2026, 12, 6, 17, 0)


def test_the_letter_is_replayed_four_months_back_on_a_working_day(today):
    today("2026-12-06")
    assert demo_clock.letter_date() == dt.date(2026, 8, 17)  # 15/8/2026 is a Saturday
    today("2027-03-10")
    letter = demo_clock.letter_date()
    assert letter == dt.date(2026, 11, 16) and letter.weekday() < 5
    # The Office's deadlines move by the same whole months: 31/12/2022 → 31/3/2027.
    assert demo_clock.story_date(dt.date(2022, 12, 31)) == dt.date(2027, 3, 31)
    assert demo_clock.story_date(dt.date(2022, 8, 15)) == letter


def test_the_letters_text_moves_with_its_story_but_not_the_governments_acts(today):
    today("2027-03-10")
    text = (
        "Vũng Tàu, ngày 15 tháng 8 năm 2022\n"
        "Công văn số 9228/UBND-SNV ngày 02/8/2022 ... chỉ số SIPAS năm 2022; kết quả năm 2021.\n"
        "Nghị quyết số 04/NQ-CP ngày 10/01/2022 của Chính phủ; Nghị định số 59/2019/NĐ-CP ngày 01/7/2019."
    )
    moved = demo_clock.story_text(text)
    assert "ngày 16 tháng 11 năm 2026" in moved
    assert "9228/UBND-SNV ngày 02/11/2026" in moved
    assert "SIPAS năm 2026" in moved and "kết quả năm 2025" in moved
    assert "04/NQ-CP ngày 10/01/2022" in moved and "59/2019/NĐ-CP ngày 01/7/2019" in moved


def test_a_bad_pinned_day_is_refused_in_vietnamese(today):
    today("06/12/2026")
    with pytest.raises(demo_clock.DemoClockError, match="không phải là ngày"):
        demo_clock.today()


def test_pinning_for_a_run_restores_the_environment(today, monkeypatch):
    monkeypatch.delenv(demo_clock.ENV, raising=False)
    with demo_clock.pinned(dt.date(2026, 1, 5), dt.datetime(2026, 1, 5, 9, 30)):
        assert demo_clock.today() == dt.date(2026, 1, 5)
        assert demo_clock.now() == dt.datetime(2026, 1, 5, 9, 30)
    import os

    assert demo_clock.ENV not in os.environ and demo_clock.NOW_ENV not in os.environ
