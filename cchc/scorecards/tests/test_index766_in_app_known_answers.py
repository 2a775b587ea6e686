"""Decision 766 computed in the application from the ledger, by hand on a June 2022 set of dossiers:
a supplement shifts the appointment, a second supplement makes a dossier late, an open dossier is
judged at the end of the period, a unit whose dossiers say nothing of a flag has no data (never 0)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.models import Dossier
from cchc.lib.dossier_period import Period
from cchc.lib.index766.feedback import PETITION, Feedback
from cchc.scorecards import ledger766
from cchc.scorecards.tests.ledger_helpers import load

pytestmark = pytest.mark.django_db

JUNE = Period(dt.date(2022, 6, 1), dt.date(2022, 6, 30))


def _unit(doc: dict, code: str) -> dict[str, tuple]:
    row = next(u for u in doc["units"] if u["unit"] == code)
    return {i["code"]: (i["numerator"], i["denominator"], i["points"]) for i in row["indicators"]}


@pytest.fixture
def doc(world):
    load(world)
    return ledger766.document(Dossier.objects.all(), JUNE, None)


def test_on_time_counts_the_supplement_shift_the_second_supplement_and_open_dossiers_at_the_end(doc):
    # P1 in June: K-01 on time, K-02 late, K-03 on time (shifted), K-04 late (second supplement),
    # K-05 open within time, K-06 open overdue, K-07 carried over and early; K-08 ended in May.
    # 4 of 7 → 20 × 4/7 = 11.43.
    assert _unit(doc, "P1")["2.1"] == (4, 7, 11.43)


def test_the_online_share_counts_received_dossiers_only(doc):
    # P1 received K-01..K-06 in June (K-07 was carried over); K-01 and K-06 online: 2/6 → 6 × (1/3)/0.5.
    assert _unit(doc, "P1")["3.3"] == (2, 6, 4.0)


def test_flags_nobody_gave_are_no_data_not_zero(doc):
    p2 = _unit(doc, "P2")
    assert p2["4.2"] == (None, None, None)
    assert p2["4.5b"] == (None, None, None)
    assert p2["2.1"] == (1, 2, 10.0)
    # In person only is a measured 0 % online share, not "no data".
    assert p2["3.3"] == (0, 2, 0.0)


def test_digitised_needs_the_electronic_result_when_a_result_was_issued(doc):
    # K-01 digitised with an electronic result; K-02 digitised but its result is on paper.
    assert _unit(doc, "P1")["4.2"] == (1, 2, 2.5)


def test_without_petitions_the_petition_indicators_have_no_data(doc):
    p1 = _unit(doc, "P1")
    assert p1["5.2"] == p1["5.3"] == p1["5.4"] == (None, None, None)


def test_petitions_feed_5_2_to_5_4(world):
    load(world)
    items = [
        # Handled on 10/6, due 20/6: on time. Names K-05.
        Feedback(
            "PA-1",
            PETITION,
            dt.datetime(2022, 6, 1, 8),
            "P1",
            dt.date(2022, 6, 20),
            dt.datetime(2022, 6, 10),
            None,
            False,
            "K-05",
        ),
        # Handled on 25/6, due 20/6: late.
        Feedback(
            "PA-2", PETITION, dt.datetime(2022, 6, 2, 8), "P1", dt.date(2022, 6, 20), dt.datetime(2022, 6, 25)
        ),
        # Open at the end of June, due 15/7: within time; answered "not satisfied" later doesn't matter.
        Feedback("PA-3", PETITION, dt.datetime(2022, 6, 20, 8), "P1", dt.date(2022, 7, 15)),
    ]
    p1 = _unit(ledger766.document(Dossier.objects.all(), JUNE, None, items), "P1")
    assert p1["5.2"] == (2, 3, 3.33)  # 5 × 2/3
    assert p1["5.3"] == (2, 3, 1.33)  # PA-2 late; 2 × 2/3
    # 5.4: 7 in June − 3 late or overdue (K-02, K-04, K-06) − 1 named (K-05) = 3 of 7; 6 × (3/7) ÷ 0.9
    assert p1["5.4"] == (3, 7, 2.86)


def test_without_a_catalogue_entry_for_the_unit_the_catalogue_indicators_have_no_data(doc):
    # The test catalogue names no handling unit and no fee: 3.1, 3.2 and 3.6 have nothing to count for
    # P1 (no data, never 0); 4.5a has no source at all. They add nothing to the maximum.
    p1 = _unit(doc, "P1")
    for code in ("3.1", "3.2", "3.6", "4.5a"):
        assert p1[code] == (None, None, None), code
    row = next(u for u in doc["units"] if u["unit"] == "P1")
    assert row["max_computed"] < row["max_total"]
