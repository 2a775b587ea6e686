"""One clock for the demo: every demo step dates its records from here, never from literal years.

The demo year is the twelve months the demo's dossiers, tasks, petitions and surveys cover; the
founding letter (Công văn 7190/UBND-NV) falls inside it. Steps that add demo records must derive their
dates from these functions so that the whole demo moves together when the clock moves. It lives in
``core`` (not ``cchc.demo``) because each app's own ``demo`` module reads it, and apps may not import
the layer above them (docs/architecture.md, "Layers").
"""

import datetime as dt

# The demo as first built: the Vũng Tàu year of the founding letter.
_YEAR = 2022
_LETTER = dt.date(2022, 8, 15)


def demo_year() -> int:
    """The calendar year most of the demo's records fall in."""
    return _YEAR


def year_start() -> dt.date:
    """First day the demo's records cover."""
    return dt.date(_YEAR, 1, 1)


def year_end() -> dt.date:
    """Last day the demo's records cover (the demo's "today" for records that need one)."""
    return dt.date(_YEAR, 12, 31)


def letter_date() -> dt.date:
    """The date of the founding letter in the demo."""
    return _LETTER
