"""Each computed Decision 766 indicator on a hand-made June 2022 file: numerator, denominator, rate and
points worked out by hand (rate indicators score min(max, max × rate ÷ target)); indicators without
data say null, never 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc.lib import index766
from cchc.lib.dossier_period import summary
from cchc.lib.index766.feedback import FEEDBACK_KEYS, count_feedback, dossiers_with_feedback, read_feedback
from cchc.lib.tests.period_helpers import JUNE, count, national
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import vn

DOSSIERS = [
    # W1: a online, on time, digitised, electronic result, VNeID.
    national(
        "a",
        "2022-06-01 08:00",
        unit="W1",
        channel=2,
        status=10,
        appointment="2022-06-03 17:00",
        ended="2022-06-03 10:00",
        HoSoCoThanhPhanSoHoa=1,
        DinhKemKetQua=["https://kq/a.pdf"],
        TaiKhoanDuocXacThucVoiVNeID=1,
    ),
    # b late, digitised but its result is on paper (empty DinhKemKetQua), not VNeID.
    national(
        "b",
        "2022-06-01 08:00",
        unit="W1",
        status=9,
        appointment="2022-06-03 17:00",
        ended="2022-06-06 10:00",
        HoSoCoThanhPhanSoHoa=1,
        DinhKemKetQua="",
        TaiKhoanDuocXacThucVoiVNeID=0,
    ),
    # c open within time, inputs not digitised.
    national("c", "2022-06-01 08:00", unit="W1", appointment="2022-07-05 17:00", HoSoCoThanhPhanSoHoa=0),
    # d early; says nothing of digitisation, result file or VNeID → left out of those indicators.
    national(
        "d",
        "2022-06-01 08:00",
        unit="W1",
        status=10,
        appointment="2022-06-10 17:00",
        ended="2022-06-08 10:00",
    ),
    # W2 never says its channel: 3.3 has no data there.
    national(
        "e",
        "2022-06-01 08:00",
        unit="W2",
        channel=None,
        status=10,
        appointment="2022-06-10",
        ended="2022-06-09",
    ),
    national("f", "2022-06-01 08:00", unit="W2", channel=None, appointment="2022-06-10 17:00"),
]
PETITIONS = [
    # Due 15 working days after receipt: 1 June → 22 June; 2 June → 23 June; 20 May → 10 June.
    {
        "MaPAKN": "P1",
        "DonViXuLy": "W1",
        "NgayTiepNhan": "20220601080000",
        "NgayXuLy": "20220610",
        "MaHoSo": "a",
    },
    {"MaPAKN": "P2", "DonViXuLy": "W1", "NgayTiepNhan": "20220602080000", "NgayXuLy": "20220705"},
    {"MaPAKN": "P3", "DonViXuLy": "W1", "NgayTiepNhan": "20220520080000", "NgayXuLy": "20220603"},
    {"MaPAKN": "P4", "DonViXuLy": "W1", "NgayTiepNhan": "20220620080000", "HaiLong": 0},
    # A citizen's "not satisfied" rating of dossier c.
    {"MaPAKN": "R1", "Loai": "DANH_GIA", "NgayTiepNhan": "20220606", "MaHoSo": "c", "HaiLong": "0"},
]


def _document(tmp_path: Path, *, with_feedback: bool = True) -> dict:
    fb = None
    if with_feedback:
        path = tmp_path / "pakn.json"
        path.write_text(json.dumps(PETITIONS), encoding="utf-8")
        fb = read_feedback(path)
        assert not fb.errors
    codes = dossiers_with_feedback(fb.items, JUNE) if fb else frozenset()
    tally = count(tmp_path, DOSSIERS, feedback_codes=codes)
    unit_fb = count_feedback(fb.items, JUNE, vn()) if fb else None
    total_fb = {k: sum(c[k] for c in unit_fb.values()) for k in FEEDBACK_KEYS} if unit_fb else None
    return index766.report(
        JUNE,
        index766.index_set_for(JUNE),
        {u: summary(c) for u, c in tally.groups.items()},
        summary(tally.total()),
        unit_fb,
        total_fb,
    )


def _indicators(doc: dict, unit: str) -> dict[str, tuple]:
    row = next(u for u in doc["units"] if u["unit"] == unit)
    return {i["code"]: (i["numerator"], i["denominator"], i["rate"], i["points"]) for i in row["indicators"]}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2.1", (3, 4, 0.75, 15.0)),  # a on time, c within time, d early ÷ 4
        ("3.3", (1, 4, 0.25, 3.0)),  # 6 × 0.25 ÷ 0.5
        ("4.1", (1, 2, 0.5, 3.0)),  # results a (electronic), b (paper); d does not say
        ("4.2", (1, 3, 0.3333, 1.67)),  # a only; d does not say; 4 × (1/3) ÷ 0.8
        ("4.5b", (1, 2, 0.5, 1.0)),  # a verified, b not
        ("5.2", (3, 4, 0.75, 3.75)),  # P1, P3 handled on time, P4 not yet due; P2 overdue
        ("5.3", (1, 3, 0.3333, 0.67)),  # received in June P1, P2, P4; P2 late, P4 not satisfied
        ("5.4", (1, 4, 0.25, 1.67)),  # 1 − (1 late + 2 named [a by P1, c by R1]) ÷ 4; 6 × 0.25 ÷ 0.9
    ],
)
def test_each_computed_indicator_of_a_ward(tmp_path, code, expected):
    assert _indicators(_document(tmp_path), "W1")[code] == expected


def test_indicators_without_data_say_null_never_0(tmp_path):
    w1 = _indicators(_document(tmp_path), "W1")
    for code in ("1.1", "1.2", "1.3", "1.4", "2.2", "3.1", "3.2", "3.5", "3.6", "4.3", "4.4", "4.5a", "5.1"):
        assert w1[code] == (None, None, None, None), code


def test_a_unit_none_of_whose_dossiers_says_its_channel_has_no_online_share(tmp_path):
    w2 = _indicators(_document(tmp_path), "W2")
    assert w2["3.3"] == (None, None, None, None)
    assert w2["2.1"] == (1, 2, 0.5, 10.0)
    assert w2["4.2"] == (None, None, None, None)
    # The petitions file was given and names none of W2's dossiers: 5.4 counts only the late one.
    assert w2["5.4"] == (1, 2, 0.5, 3.33)
    assert w2["5.2"] == (None, None, None, None)  # no petition to W2


def test_without_a_petitions_file_the_satisfaction_indicators_have_no_data(tmp_path):
    w1 = _indicators(_document(tmp_path, with_feedback=False), "W1")
    assert w1["5.2"] == w1["5.3"] == w1["5.4"] == (None, None, None, None)
    assert w1["2.1"] == (3, 4, 0.75, 15.0)


def test_groups_total_and_band_of_the_ward(tmp_path):
    row = next(u for u in _document(tmp_path)["units"] if u["unit"] == "W1")
    assert row["groups"] == [
        {"group": 1, "points": None, "max_points": 18.0},
        {"group": 2, "points": 15.0, "max_points": 20.0},
        {"group": 3, "points": 3.0, "max_points": 22.0},
        {"group": 4, "points": 5.67, "max_points": 22.0},  # 3 + 1.6667 + 1
        {"group": 5, "points": 6.08, "max_points": 18.0},  # 3.75 + 0.6667 + 1.6667
    ]
    assert (row["total"], row["max_total"], row["max_computed"]) == (29.75, 100.0, 51.0)
    # 29.75 of the 51 points that could be computed = 58.3 on 100 → "Trung bình".
    assert row["band"] == "Trung bình"


def test_a_rate_at_or_above_its_target_earns_the_maximum_and_no_more(tmp_path):
    objs = [
        national(f"o{i}", "2022-06-01 08:00", channel=2 if i < 3 else 1, appointment="2022-07-01")
        for i in range(5)
    ]
    doc = index766.report(
        JUNE,
        index766.index_set_for(JUNE),
        {u: summary(c) for u, c in count(tmp_path, objs).groups.items()},
        summary(count(tmp_path, objs).total()),
        None,
        None,
    )
    online = next(i for i in doc["units"][0]["indicators"] if i["code"] == "3.3")
    assert (online["rate"], online["target"], online["points"], online["max_points"]) == (0.6, 0.5, 6.0, 6.0)


def test_the_overall_figures_are_those_of_all_units_together(tmp_path):
    doc = _document(tmp_path)
    overall = {i["code"]: (i["numerator"], i["denominator"]) for i in doc["overall"]["indicators"]}
    assert overall["2.1"] == (4, 6)
    assert overall["3.3"] == (1, 4)  # W2's dossiers do not say their channel: left out, not "in person"
    assert overall["5.2"] == (3, 4)


def test_a_unit_that_received_nothing_online_or_at_all_in_the_period(tmp_path):
    objs = [
        # W3 only carries a May dossier over: nothing received in June → no online share, no digitisation.
        national("g", "2022-05-30 08:00", unit="W3", appointment="2022-06-02 17:00"),
        # W4 received two dossiers in person: a measured 0 %, so 0 points — not "no data".
        national("h", "2022-06-01 08:00", unit="W4", appointment="2022-07-01 17:00"),
        national("i", "2022-06-01 08:00", unit="W4", appointment="2022-07-01 17:00"),
    ]
    tally = count(tmp_path, objs)
    doc = index766.report(
        JUNE,
        index766.index_set_for(JUNE),
        {u: summary(c) for u, c in tally.groups.items()},
        summary(tally.total()),
        None,
        None,
    )
    assert _indicators(doc, "W3")["3.3"] == (None, None, None, None)
    assert _indicators(doc, "W3")["2.1"] == (0, 1, 0.0, 0.0)  # carried over and overdue
    assert _indicators(doc, "W4")["3.3"] == (0, 2, 0.0, 0.0)
