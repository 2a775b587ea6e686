"""One clock for the demo: every demo step dates its records from here, never from literal years.

The demo lives in today: its dossiers, petitions and survey answers cover the twelve months up to the
day ``cchc load-demo`` runs, and the founding letter (Công văn 7190/UBND-NV of the Vũng Tàu City
People's Committee, 15/8/2022 in reality) is replayed as if it had been signed about four months
earlier, with its directive and tasks, so that every default period ("this year", "this month",
"today" at the one-stop desk, tasks due soon or overdue) has something true to show on the day someone
tries the demo. ``CCHC_DEMO_TODAY=YYYY-MM-DD`` pins the day, for reproducible tests.

Steps that add demo records must derive their dates from these functions so that the whole demo moves
together. It lives in ``core`` (not ``cchc.demo``) because each app's own ``demo`` module reads it, and
apps may not import the layer above them (docs/architecture.md, "Layers").
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

ENV = "CCHC_DEMO_TODAY"
NOW_ENV = "CCHC_DEMO_NOW"
# The founding letter as it was really issued; the demo replays it ``LETTER_MONTHS_BACK`` months ago.
ORIGINAL_LETTER = dt.date(2022, 8, 15)
LETTER_MONTHS_BACK = 4


class DemoClockError(ValueError):
    """``CCHC_DEMO_TODAY`` is not a date; the message is Vietnamese."""


def today() -> dt.date:
    """The demo's today: ``CCHC_DEMO_TODAY`` when set, else the local date."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        message = f"{ENV}=“{raw}” không phải là ngày dạng năm-tháng-ngày (ví dụ 2026-12-06)."
        raise DemoClockError(message) from None


def now() -> dt.datetime:
    """The demo's present as a naive local time: the moment of a demo already loaded
    (``CCHC_DEMO_NOW``, set by ``cchc load-demo`` itself), else an hour ago, or 17:00 on a pinned day."""
    raw = os.environ.get(NOW_ENV, "").strip()
    if raw:
        try:
            return dt.datetime.fromisoformat(raw).replace(tzinfo=None, second=0, microsecond=0)
        except ValueError:
            message = f"{NOW_ENV}=“{raw}” không phải là thời điểm dạng 2026-12-06T09:30."
            raise DemoClockError(message) from None
    real = timezone.localtime().replace(tzinfo=None, second=0, microsecond=0) - dt.timedelta(hours=1)
    return min(real, dt.datetime.combine(today(), dt.time(17, 0)))


@contextmanager
def pinned(day: dt.date, moment: dt.datetime) -> Iterator[None]:
    """Within the block, the demo's today and now are ``day`` and ``moment`` (``cchc load-demo`` pins
    them for a whole run, so that steps agree across midnight and a second run repeats the first)."""
    saved = {k: os.environ.get(k) for k in (ENV, NOW_ENV)}
    os.environ[ENV] = day.isoformat()
    os.environ[NOW_ENV] = moment.isoformat(timespec="minutes")
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, keeping the day of the month where it exists (31/8 + 1 → 30/9)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def demo_year() -> int:
    """The current year by the demo's clock (the year the default "this year" screens show)."""
    return today().year


def year_start() -> dt.date:
    """First day the demo's records cover: the first of the month a year before today's month."""
    t = today()
    return dt.date(t.year - 1, t.month, 1)


def year_end() -> dt.date:
    """Last day the demo's records cover: today."""
    return today()


def recent(month: int, day: int) -> dt.date:
    """The last (month, day) on or before today: a date of the demo's annual rhythm (a meeting in March,
    a complaint in October) placed in the twelve months the demo covers. 29/2 falls back to 28/2."""
    t = today()
    for year in (t.year, t.year - 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            d = dt.date(year, month, 28)
        if d <= t:
            return d
    raise AssertionError("unreachable: last year's date is always before today")


def letter_date() -> dt.date:
    """The date the demo gives the founding letter: the 15th, about four months ago, on a weekday."""
    d = add_months(today(), -LETTER_MONTHS_BACK).replace(day=15)
    while d.weekday() >= 5:  # a letter is signed on a working day
        d += dt.timedelta(days=1)
    return d


def letter_shift() -> int:
    """How many months the founding letter's story moves, from its real date to the demo's."""
    d = letter_date()
    return (d.year - ORIGINAL_LETTER.year) * 12 + d.month - ORIGINAL_LETTER.month


def story_date(original: dt.date) -> dt.date:
    """A date of the founding letter's story (a cited letter, a task deadline) as the demo tells it."""
    if original == ORIGINAL_LETTER:
        return letter_date()
    return add_months(original, letter_shift())


# Dates in the letter's text: "ngày 02/8/2022", "ngày 15 tháng 8 năm 2022" and "năm 2022". Acts of the
# Government it cites (Nghị quyết 04/NQ-CP, Nghị định 59/2019/NĐ-CP) keep their real dates: only the
# city's and the province's own correspondence moves with the story.
_DATES = re.compile(
    r"ngày (?P<wd>\d{1,2}) tháng (?P<wm>\d{1,2}) năm (?P<wy>20\d\d)"
    r"|(?<![\w/])(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>20\d\d)\b"
    r"|\bnăm (?P<y>20\d\d)\b"
)
_NATIONAL = re.compile(r"(NQ-CP|NĐ-CP|QH\d*|QĐ-TTg)\s+ngày\s+$")


def story_text(text: str) -> str:
    """The founding letter's text with its own dates and years moved as ``story_date`` moves them."""
    if letter_shift() == 0:
        return text
    shift_years = letter_date().year - ORIGINAL_LETTER.year

    def moved(m: re.Match[str]) -> str:
        if m.group("wd"):
            d = story_date(dt.date(int(m.group("wy")), int(m.group("wm")), int(m.group("wd"))))
            return f"ngày {d.day} tháng {d.month} năm {d.year}"
        if m.group("nd"):
            if _NATIONAL.search(text[max(0, m.start() - 20) : m.start()]):
                return m.group(0)
            d = story_date(dt.date(int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))))
            return f"{d.day:02d}/{d.month}/{d.year}"
        return f"năm {int(m.group('y')) + shift_years}"

    return _DATES.sub(moved, text)
