import datetime as dt

from cchc.deadlines.actions import open_deadline
from cchc.lib.deadlines import Limit, LimitUnit


def test_explicit_due_date_on_national_day_moves_to_the_next_working_day(world):
    unit = world.units["p1"]
    d = open_deadline(
        world.users["office"],
        unit,
        title="Báo cáo quý III",
        jurisdiction=unit.jurisdiction,
        unit=unit,
        start=dt.date(2022, 8, 15),
        due=dt.date(2022, 9, 2),
    )
    assert d.original_due == dt.date(2022, 9, 5)  # 1–2/9 holidays, 3–4/9 weekend
    assert d.due == d.original_due


def test_legal_limit_in_working_days_is_counted_through_the_calendar(world):
    unit = world.units["p2"]
    d = open_deadline(
        world.users["office"],
        unit,
        title="Phản ánh",
        jurisdiction=unit.jurisdiction,
        unit=unit,
        start=dt.date(2023, 1, 19),
        limit=Limit(3, LimitUnit.WORKING_DAYS),
    )
    assert d.due == dt.date(2023, 1, 31)
