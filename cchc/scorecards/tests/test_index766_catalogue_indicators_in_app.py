"""Decision 766 indicators 3.1, 3.2 and 3.6 in the application, from the procedure catalogue (online
level, fees, handling units) and the ledger's June 2022 dossiers, worked out by hand; a unit none of
whose procedures is offered online has no data for 3.2, never 0; a procedure no longer in force is
left out; the list of dossiers behind 3.6 is the one its figure counts."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.models import Dossier, OnlineLevel, Procedure
from cchc.lib.dossier_period import Period
from cchc.scorecards import ledger766
from cchc.scorecards.tests.ledger_helpers import load

pytestmark = pytest.mark.django_db

JUNE = Period(dt.date(2022, 6, 1), dt.date(2022, 6, 30))


def catalogue(world) -> None:
    """1.004227 (every dossier's procedure): partial, a fee, handled by P1 and P2; 2.000815: full, no
    fee, handled by P2. Paid online: K-01 yes; K-02 and K-09 no; the others do not say."""
    khai_sinh = Procedure.objects.get(national_code="1.004227")
    khai_sinh.online_level = OnlineLevel.PARTIAL
    khai_sinh.fees = [{"TenPhiLePhi": "Lệ phí", "Gia": 8000}]
    khai_sinh.save()
    khai_sinh.handling_units.set([world.units["p1"], world.units["p2"]])
    chung_thuc = Procedure.objects.get(national_code="2.000815")
    chung_thuc.online_level = OnlineLevel.FULL
    chung_thuc.save()
    chung_thuc.handling_units.set([world.units["p2"]])
    Dossier.objects.filter(code="K-01").update(online_payment=1)
    Dossier.objects.filter(code__in=["K-02", "K-09"]).update(online_payment=0)


def _figures(doc: dict, unit: str | None) -> dict[str, tuple]:
    row = doc["overall"] if unit is None else next(u for u in doc["units"] if u["unit"] == unit)
    return {i["code"]: (i["numerator"], i["denominator"], i["points"]) for i in row["indicators"]}


@pytest.fixture
def doc(world):
    load(world)
    catalogue(world)
    return ledger766.document(Dossier.objects.all(), JUNE, None)


@pytest.mark.parametrize(
    ("unit", "code", "expected"),
    [
        ("P1", "3.1", (1, 1, 2.0)),  # 1.004227 is online; 2 × 1 ÷ 0.8, capped at 2
        ("P1", "3.2", (1, 1, 4.0)),  # K-01 and K-06 were received online on it in June
        ("P1", "3.6", (1, 2, 5.0)),  # K-01 paid online, K-02 not; the rest do not say; 10 × 0.5
        ("P2", "3.1", (2, 2, 2.0)),
        ("P2", "3.2", (0, 2, 0.0)),  # P2 received nothing online: a measured 0 %
        ("P2", "3.6", (0, 1, 0.0)),  # K-09 not paid online; K-10 does not say; K-11 refused
        (None, "3.1", (2, 2, 2.0)),
        (None, "3.2", (1, 2, 2.0)),
        (None, "3.6", (1, 3, 3.33)),
    ],
)
def test_each_catalogue_indicator_by_hand(doc, unit, code, expected):
    assert _figures(doc, unit)[code] == expected


def test_a_unit_with_no_online_procedure_has_no_data_for_3_2(world):
    load(world)
    catalogue(world)
    Procedure.objects.filter(national_code="1.004227").update(online_level=OnlineLevel.NONE)
    p1 = _figures(ledger766.document(Dossier.objects.all(), JUNE, None), "P1")
    assert p1["3.1"] == (0, 1, 0.0)
    assert p1["3.2"] == (None, None, None)


def test_a_procedure_no_longer_in_force_is_left_out(world):
    load(world)
    catalogue(world)
    Procedure.objects.filter(national_code="2.000815").update(is_active=False)
    doc = ledger766.document(Dossier.objects.all(), JUNE, None)
    assert _figures(doc, "P2")["3.1"] == (1, 1, 2.0)
    assert _figures(doc, None)["3.2"] == (1, 1, 4.0)


def test_the_dossiers_behind_3_6_are_those_it_counts(world):
    load(world)
    catalogue(world)
    behind = ledger766.dossiers_behind(Dossier.objects.all(), JUNE, None, "online_payment")
    assert (behind.numerator, behind.missed) == (["K-01"], ["K-02", "K-09"])
