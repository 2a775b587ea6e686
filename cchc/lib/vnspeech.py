"""Numbers, money, dates and times written out in Vietnamese words, the way a speech engine must read
them to a caller ("ngày mười lăm tháng tám năm hai nghìn hai mươi sáu"), and folding text for search
that ignores diacritics and case. Pure Python, no Django: the phone answers and the handbook use it.

Reading rules (standard Vietnamese, as taught and as the national broadcaster reads figures):

- units after "mươi" change their sound: 1 → "mốt", 4 → "tư", 5 → "lăm" ("hai mươi mốt", "ba mươi tư",
  "bốn mươi lăm"); after "mười" only 5 changes ("mười lăm", but "mười một", "mười bốn");
- a zero tens digit inside a group of three is read "linh" ("một trăm linh năm");
- a group of three after a higher group is read in full, "không trăm" included ("một nghìn không trăm
  linh năm"); a group that is all zeros is skipped ("hai triệu"); "nghìn", "triệu", "tỷ" name the groups
  and "tỷ" repeats for larger numbers ("một nghìn tỷ");
- years are read as people say them: "hai nghìn hai mươi sáu" (the "không trăm" of a year is dropped);
- days 1 to 10 of a month are "mùng" ("ngày mùng năm"), the fourth month is "tháng tư".
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
GROUPS = ("", "nghìn", "triệu")  # then "tỷ", repeating every nine digits
MONTHS = {4: "tư"}


def _under_hundred(n: int, *, full: bool) -> list[str]:
    """0–99. ``full``: the tens place is spoken even when zero (inside a larger number: "linh")."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        if ones == 0:
            return []
        return (["linh"] if full else []) + [DIGITS[ones]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if ones == 0:
        return words
    if ones == 5:
        return [*words, "lăm"]
    if tens > 1 and ones == 1:
        return [*words, "mốt"]
    if tens > 1 and ones == 4:
        return [*words, "tư"]
    return [*words, DIGITS[ones]]


def _group(n: int, *, full: bool) -> list[str]:
    """0–999. ``full``: a group after a higher one, so "không trăm" and "linh" are spoken."""
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not full:
        return _under_hundred(rest, full=False)
    words = [DIGITS[hundreds], "trăm"]
    return words + _under_hundred(rest, full=True) if rest else words


def _below_billion(n: int, *, full: bool) -> list[str]:
    """0–999,999,999 read group by group; all-zero groups are skipped."""
    groups = []
    while n:
        n, part = divmod(n, 1000)
        groups.append(part)
    words: list[str] = []
    started = full
    for index in range(len(groups) - 1, -1, -1):
        part = groups[index]
        if part == 0:
            continue
        words += _group(part, full=started)
        if GROUPS[index]:
            words.append(GROUPS[index])
        started = True
    return words


def _words(n: int, *, full: bool = False) -> list[str]:
    high, low = divmod(n, 1_000_000_000)
    if not high:
        return _below_billion(low, full=full)
    words = [*_words(high, full=full), "tỷ"]
    return words + _below_billion(low, full=True) if low else words


def number_words(n: int) -> str:
    """12 → "mười hai", 105 → "một trăm linh năm", 2026 → "hai nghìn không trăm hai mươi sáu",
    -3 → "âm ba"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("number_words reads whole numbers")
    if n == 0:
        return DIGITS[0]
    if n < 0:
        return "âm " + number_words(-n)
    return " ".join(_words(n))


def decimal_words(value: Decimal | float | int) -> str:
    """2.5 → "hai phẩy năm", 0.25 → "không phẩy hai mươi lăm" (the decimals read as one number, as
    people say them; leading zeros of the decimals are read one by one: 1.05 → "một phẩy không năm")."""
    d = Decimal(str(value)).normalize()
    if d == d.to_integral_value():
        return number_words(int(d))
    sign = "âm " if d < 0 else ""
    whole, _, fraction = format(abs(d), "f").partition(".")
    zeros = len(fraction) - len(fraction.lstrip("0"))
    tail = " ".join([DIGITS[0]] * zeros + [number_words(int(fraction))])
    return f"{sign}{number_words(int(whole))} phẩy {tail}"


def money_words(amount: Decimal | int) -> str:
    """8000 → "tám nghìn đồng"; 0 → "không đồng" (free)."""
    return f"{decimal_words(amount)} đồng"


def year_words(year: int) -> str:
    """2026 → "hai nghìn hai mươi sáu", 2005 → "hai nghìn linh năm", 1999 → "một nghìn chín trăm chín
    mươi chín": a year drops the "không trăm" a plain number keeps."""
    thousands, rest = divmod(year, 1000)
    if thousands and 0 < rest < 100:
        return f"{number_words(thousands * 1000)} {' '.join(_under_hundred(rest, full=rest < 10))}"
    return number_words(year)


def day_words(day: int) -> str:
    return ("mùng " if 1 <= day <= 10 else "") + number_words(day)


def month_words(month: int) -> str:
    return MONTHS.get(month) or number_words(month)


def date_words(day: dt.date, *, with_year: bool = True) -> str:
    """15/8/2026 → "ngày mười lăm tháng tám năm hai nghìn hai mươi sáu"; 4/4 → "ngày mùng bốn tháng tư"."""
    text = f"ngày {day_words(day.day)} tháng {month_words(day.month)}"
    return f"{text} năm {year_words(day.year)}" if with_year else text


def time_words(at: dt.time) -> str:
    """9:30 → "chín giờ ba mươi phút"; 14:00 → "mười bốn giờ"."""
    text = f"{number_words(at.hour)} giờ"
    return f"{text} {number_words(at.minute)} phút" if at.minute else text


def digits_words(text: str) -> str:
    """A telephone number read digit by digit, in the groups people pause at: "0254 3852 111" → "không
    hai năm bốn, ba tám năm hai, một một một"; one long run is cut in threes from the end ("0912345789"
    → "không chín một hai, ba bốn năm, bảy tám chín")."""
    runs = [r for r in "".join(c if c.isdigit() else " " for c in text).split() if r]
    groups: list[str] = []
    for run in runs:
        tail: list[str] = []
        while len(run) > 4:
            run, last = run[:-3], run[-3:]
            tail.insert(0, last)
        groups += [run, *tail]
    return ", ".join(" ".join(DIGITS[int(c)] for c in g) for g in groups)


def date_text(day: dt.date) -> str:
    """The plain-text form of the same date: "15/08/2026"."""
    return f"{day:%d/%m/%Y}"


def money_text(amount: Decimal | int) -> str:
    """8000 → "8.000 đồng" (Vietnamese thousands separator)."""
    d = Decimal(str(amount)).normalize()
    if d == d.to_integral_value():
        return f"{int(d):,} đồng".replace(",", ".")
    whole, _, fraction = format(d, "f").partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction + " đồng"


def fold(text: str) -> str:
    """Text for search that ignores diacritics, case and spacing: "Cấp  Giấy phép XÂY DỰNG" →
    "cap giay phep xay dung". "đ" folds to "d" (it is a letter of its own, not a d with a mark)."""
    # casefold first: folding case can itself add a combining mark ("İ" → "i̇"), which must go too.
    base = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D").casefold())
    base = "".join(c for c in base if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in base).split())
