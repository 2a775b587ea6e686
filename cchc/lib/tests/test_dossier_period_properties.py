"""Properties of the period counts on random files: every dossier lands where the single-dossier judge
puts it, the report identity holds per unit and in total, per-unit numerators and denominators of the
Decision 766 indicators add up to the overall ones, and cutting the file into batches changes nothing."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.lib import index766
from cchc.lib.dossier_period import Period, count_file, summary
from cchc.lib.natsync import read_file
from cchc.lib.outcomes import OutcomeKind, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import vn
from cchc.lib.tthc_report import document

BASE = datetime(2022, 5, 2, 8, 0)
UNITS = ["P1", "P2", "P3", None]


def _ts(t: datetime) -> str:
    return t.strftime("%Y%m%d%H%M%S")


@st.composite
def dossier(draw: st.DrawFn, i: int) -> dict:
    received = BASE + timedelta(days=draw(st.integers(0, 80)), hours=draw(st.integers(0, 9)))
    status = draw(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
    obj: dict = {
        "MaHoSo": f"H{i}",
        "MaTTHC": "1.004227",
        "TrangThaiHoSo": status,
        "NgayTiepNhan": _ts(received),
    }
    unit = draw(st.sampled_from(UNITS))
    if unit:
        obj["DonViXuLy"] = unit
    if draw(st.booleans()):
        obj["KenhThucHien"] = draw(st.sampled_from([1, 2, 3]))
    if draw(st.integers(0, 9)) > 0:
        obj["NgayHenTra"] = _ts(received + timedelta(days=draw(st.integers(0, 25))))
    if status in (3, 7, 8, 9, 10) or draw(st.booleans()):
        obj["NgayKetThucXuLy"] = _ts(received + timedelta(days=draw(st.integers(0, 40)), hours=1))
    sups = []
    for _ in range(draw(st.integers(0, 2))):
        asked = received + timedelta(days=draw(st.integers(0, 10)), hours=2)
        done = asked + timedelta(days=draw(st.integers(0, 8))) if draw(st.booleans()) else None
        sups.append({"NgayBoSung": _ts(asked), **({"NgayTiepNhanBoSung": _ts(done)} if done else {})})
    if sups:
        obj["DanhSachHoSoBoSung"] = sups
    for key in ("HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID"):
        if draw(st.booleans()):
            obj[key] = draw(st.sampled_from([0, 1]))
    if draw(st.booleans()):
        obj["DinhKemKetQua"] = draw(st.sampled_from(["", "https://kq/x.pdf", [], ["x"]]))
    return obj


@st.composite
def files(draw: st.DrawFn) -> list[dict]:
    n = draw(st.integers(0, 25))
    return [draw(dossier(i)) for i in range(n)]


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = date(2022, 5, 1) + timedelta(days=draw(st.integers(0, 75)))
    return Period(start, start + timedelta(days=draw(st.integers(0, 45))))


@contextmanager
def _written(objs: list[dict]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        path.write_text(json.dumps(objs), encoding="utf-8")
        yield path


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(files(), periods())
def test_every_dossier_lands_where_the_single_dossier_judge_puts_it(objs, period):
    with _written(objs) as path:
        dossiers = read_file(path).dossiers
        got = summary(count_file(path, period, vn()).total())
    expected = dict.fromkeys(
        ("carried_over", "received", "finished_early", "finished_on_time", "finished_late"), 0
    ) | {"open_within_time": 0, "open_overdue": 0}
    for d in dossiers:
        outcome = judge(d, vn(), period.end)
        if outcome.outcome == OutcomeKind.EXCLUDED:
            continue
        finished = outcome.ended_at is not None
        if finished and outcome.ended_at.date() < period.start:
            continue
        expected["carried_over" if d.received_at.date() < period.start else "received"] += 1
        key = outcome.outcome.value
        expected[key if key.startswith("open") else f"finished_{key}"] += 1
    assert {k: got[k] for k in expected} == expected


@SETTINGS
@given(files(), periods())
def test_the_report_identity_holds_in_every_row(objs, period):
    with _written(objs) as path:
        doc = document(count_file(path, period, vn()), period)
    for r in [doc["total"], *doc["units"]]:
        assert r["carried_over"] + r["received"] == r["finished"] + r["open"]


@SETTINGS
@given(files(), periods(), st.integers(1, 7))
def test_counting_in_batches_gives_the_same_figures(objs, period, size):
    with _written(objs) as path:
        whole = count_file(path, period, vn())
        cut = count_file(path, period, vn(), batch_size=size)
    assert {u: c.tolist() for u, c in whole.groups.items()} == {u: c.tolist() for u, c in cut.groups.items()}


@SETTINGS
@given(files(), periods())
def test_unit_numerators_and_denominators_add_up_to_the_overall_ones(objs, period):
    with _written(objs) as path:
        tally = count_file(path, period, vn())
    units = {u: summary(c) for u, c in tally.groups.items()}
    overall = summary(tally.total())
    feedback = dict.fromkeys(("in_period", "on_time", "received", "unsatisfied_late_or_raised_again"), 0)
    for figure in index766.FIGURES:
        if figure == "service_satisfaction":
            continue  # 1 − (late + named) floors at 0 per unit: its numerator does not add up
        parts = [index766.figures(c, feedback)[figure] for c in units.values()]
        whole = index766.figures(overall, feedback)[figure]
        numerator = sum(p.numerator for p in parts if p is not None)
        denominator = sum(p.denominator for p in parts if p is not None)
        if whole is None:
            assert denominator == 0, figure
        else:
            assert (numerator, denominator) == (whole.numerator, whole.denominator), figure
