"""The Decision 766 pages open on the month of the latest dossier received in the person's units (read
unit by unit from the end of each unit's index): a ward's officer sees their ward's latest month, a
leader the city's."""

from __future__ import annotations

import pytest

from cchc.dossiers.tests.import_helpers import national
from cchc.scorecards.queries766 import default_period
from cchc.scorecards.tests.ledger_helpers import load, varied

pytestmark = pytest.mark.django_db


def test_the_leader_sees_the_month_of_the_citys_latest_dossier_and_a_ward_its_own(world):
    # P2's latest dossier is received in August 2022, P1's latest (K-05) on 27/6/2022.
    later = national(
        "K-20", DonViXuLy="P2", DonViTiepNhan="P2", NgayTiepNhan="20220808080000",
        NgayHenTra="20220812170000", NgayKetThucXuLy="20220809090000", NgayTra="20220809100000",
        QuaTrinhXuLy=[],
    )  # fmt: skip
    load(world, [*varied(), later])
    assert default_period(world.users["leader"]) == "2022-08"
    assert default_period(world.users["ward_officer"]) == "2022-06"
