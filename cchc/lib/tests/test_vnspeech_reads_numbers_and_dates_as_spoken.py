"""Numbers and dates in Vietnamese words for the phone answers (``cchc.lib.vnspeech``): known readings,
and properties over many numbers — a separate reader turns the words back into the number, only
Vietnamese number words appear, and no digit is ever left for the speech engine to guess at."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.lib.vnspeech import (
    date_text,
    date_words,
    decimal_words,
    digits_words,
    fold,
    money_text,
    money_words,
    number_words,
    time_words,
    year_words,
)

UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
VOCABULARY = {*UNITS, "mười", "mươi", "trăm", "linh", "nghìn", "triệu", "tỷ", "âm"}


def read_back(text: str) -> int:
    """An independent reader of spoken numbers: the inverse the tests hold the writer to."""
    words = text.split()
    sign = 1
    if words and words[0] == "âm":
        sign, words = -1, words[1:]
    result = section = current = pending = 0
    for w in words:
        if w in UNITS:
            pending = UNITS[w]
        elif w == "mười":
            current += 10
        elif w == "mươi":
            current += pending * 10
            pending = 0
        elif w == "trăm":
            current += pending * 100
            pending = 0
        elif w == "linh":
            pass
        elif w in ("nghìn", "triệu"):
            section += (current + pending) * (1000 if w == "nghìn" else 1_000_000)
            current = pending = 0
        elif w == "tỷ":
            result = (result + section + current + pending) * 1_000_000_000
            section = current = pending = 0
        else:
            raise AssertionError(f"not a number word: {w!r}")
    return sign * (result + section + current + pending)


@pytest.mark.parametrize(
    ("n", "spoken"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (100, "một trăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (2026, "hai nghìn không trăm hai mươi sáu"),
        (10_000, "mười nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (2_000_000, "hai triệu"),
        (1_500_000_000, "một tỷ năm trăm triệu"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (-3, "âm ba"),
    ],
)
def test_known_numbers_read_as_people_say_them(n, spoken):
    assert number_words(n) == spoken


@given(st.integers(min_value=-(10**21), max_value=10**21))
def test_every_number_reads_back_to_itself_in_vietnamese_words_only(n):
    spoken = number_words(n)
    assert read_back(spoken) == n
    assert set(spoken.split()) <= VOCABULARY
    assert not any(c.isdigit() for c in spoken)
    assert spoken == " ".join(spoken.split())  # no doubled or trailing spaces for the speech engine


@given(st.integers(min_value=21, max_value=99).filter(lambda n: n % 10 in (1, 4, 5)))
def test_units_after_mươi_change_their_sound(n):
    last = number_words(n).split()[-1]
    assert last == {1: "mốt", 4: "tư", 5: "lăm"}[n % 10]


def test_the_founding_example_date():
    assert date_words(dt.date(2026, 8, 15)) == "ngày mười lăm tháng tám năm hai nghìn hai mươi sáu"


@pytest.mark.parametrize(
    ("day", "spoken"),
    [
        (dt.date(2026, 4, 4), "ngày mùng bốn tháng tư năm hai nghìn hai mươi sáu"),
        (dt.date(2025, 1, 10), "ngày mùng mười tháng một năm hai nghìn hai mươi lăm"),
        (dt.date(2024, 12, 31), "ngày ba mươi mốt tháng mười hai năm hai nghìn hai mươi tư"),
        (dt.date(2005, 11, 21), "ngày hai mươi mốt tháng mười một năm hai nghìn linh năm"),
        (dt.date(1999, 2, 14), "ngày mười bốn tháng hai năm một nghìn chín trăm chín mươi chín"),
        (dt.date(2000, 6, 1), "ngày mùng một tháng sáu năm hai nghìn"),
    ],
)
def test_dates_read_as_spoken(day, spoken):
    assert date_words(day) == spoken


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_date_reads_back(day):
    spoken = date_words(day)
    assert not any(c.isdigit() for c in spoken)
    year = year_words(day.year)
    assert spoken.endswith(" năm " + year)
    head = spoken.removesuffix(" năm " + year)
    day_part, _, month_part = head.removeprefix("ngày ").removeprefix("mùng ").partition(" tháng ")
    assert read_back(day_part.removeprefix("mùng ")) == day.day
    assert read_back(month_part) == day.month
    # A year drops "không trăm" but still reads back to itself.
    assert read_back(year) == day.year
    assert date_text(day) == f"{day.day:02d}/{day.month:02d}/{day.year}"


def test_times_and_money():
    assert time_words(dt.time(9, 30)) == "chín giờ ba mươi phút"
    assert time_words(dt.time(14, 0)) == "mười bốn giờ"
    assert money_words(8000) == "tám nghìn đồng"
    assert money_words(Decimal("0")) == "không đồng"
    assert money_text(1_250_000) == "1.250.000 đồng"
    assert decimal_words(Decimal("2.5")) == "hai phẩy năm"
    assert decimal_words(1.05) == "một phẩy không năm"
    assert decimal_words(Decimal("-0.25")) == "âm không phẩy hai mươi lăm"


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_read_back(value):
    spoken = decimal_words(value)
    whole, _, fraction = spoken.partition(" phẩy ")
    assert read_back(whole.removeprefix("âm ")) == int(abs(value))
    if fraction:
        words = fraction.split()
        zeros = 0
        while words[zeros] == "không" and zeros < len(words) - 1:
            zeros += 1
        digits = "0" * zeros + str(read_back(" ".join(words[zeros:])))
        assert Decimal(f"0.{digits}") == abs(value) - int(abs(value))


def test_fold_ignores_diacritics_case_and_spacing():
    assert fold("Cấp  giấy phép XÂY DỰNG") == "cap giay phep xay dung"
    assert fold("Đăng ký khai sinh, (mới)") == "dang ky khai sinh moi"


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese_letters(text):
    once = fold(text)
    assert fold(once) == once
    assert once == once.casefold()


def test_telephone_numbers_are_read_digit_by_digit_in_groups():
    assert digits_words("0254 3852 111") == "không hai năm bốn, ba tám năm hai, một một một"
    assert digits_words("0912345789") == "không chín một hai, ba bốn năm, bảy tám chín"
    assert digits_words("") == ""


@given(st.text(alphabet="0123456789 .-+()", max_size=30))
def test_every_digit_of_a_telephone_number_is_spoken_in_order(number):
    spoken = digits_words(number)
    back = "".join(str(UNITS[w]) for w in spoken.replace(",", "").split())
    assert back == "".join(c for c in number if c.isdigit())
