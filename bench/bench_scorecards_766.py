"""Decision 766 in the application (``/chi-so/766/``) on the database the environment names (run it on
a loaded demo): the city's document for the demo year and for its last month (every unit, computed
from the ledger by the engine of ``cchc index-766``, cache bypassed), the dossiers behind the busiest
ward's indicator 2.1 for the year, and the city index ranking — median of 5 runs after one check run.
Baseline in the same run: the year's counts the way the pages read the ledger before (each dossier
written as a national-sync record and parsed back by the command's reader, ``natsync.parse_records``),
against the same counts read straight into the engine's columns (``ledger766.ledger_rows``); the two
must give the same counts, which the run checks.

    CCHC_DEMO=1 DATABASE_URL=sqlite:///var/cchc.sqlite3 python -m bench bench_scorecards_766
"""

from __future__ import annotations

import os
from typing import Any

from bench.driver import median_after_check


def round_trip_count(qs: Any, period: Any, city: Any) -> Any:
    """The pages' former reading of the ledger, kept here as the baseline: national-sync records,
    parsed back, counted by the same engine."""
    from cchc.dossiers.judging import calendar_for
    from cchc.dossiers.models import Supplement
    from cchc.dossiers.records import LOCAL_TZ
    from cchc.lib.dossier_period import Tally, count_batch
    from cchc.lib.natsync import parse_records
    from cchc.scorecards import ledger766

    def ts(v: Any) -> str:
        return "" if v is None else v.astimezone(LOCAL_TZ).strftime("%Y%m%d%H%M%S")

    limits = ledger766.procedure_limits()
    calendar, rule = calendar_for(city), ledger766.rules()
    tally = Tally()
    rows = list(ledger766.in_period(qs, period).order_by("pk").values_list(*ledger766._FIELDS))
    for i in range(0, len(rows), ledger766.CHUNK):
        chunk = rows[i : i + ledger766.CHUNK]
        sups: dict[int, list[dict[str, str]]] = {}
        for pk, asked, done in (
            Supplement.objects.filter(dossier_id__in=[r[0] for r in chunk])
            .order_by("dossier_id", "seq")
            .values_list("dossier_id", "requested_at", "completed_at")
        ):
            sups.setdefault(pk, []).append({"NgayBoSung": ts(asked), "NgayTiepNhanBoSung": ts(done)})
        records = []
        for pk, code, proc, unit, status, channel, rec, appt, end, dig, elec, pay, vneid in chunk:
            r: dict[str, Any] = {
                "MaHoSo": code, "MaTTHC": proc, "DonViXuLy": unit, "TrangThaiHoSo": status,
                "KenhThucHien": channel, "NgayTiepNhan": ts(rec), "NgayHenTra": ts(appt),
                "NgayKetThucXuLy": ts(end), "DanhSachHoSoBoSung": sups.get(pk, []),
            }  # fmt: skip
            if dig is not None:
                r["HoSoCoThanhPhanSoHoa"] = int(dig)
            if elec is not None:
                r["DinhKemKetQua"] = ["kết quả điện tử"] if elec else []
            if pay is not None:
                r["DuocThanhToanTrucTuyen"] = pay
            if vneid is not None:
                r["TaiKhoanDuocXacThucVoiVNeID"] = int(vneid)
            records.append(r)
        parsed = parse_records(records, procedures=limits)
        tally.add(count_batch(parsed.dossiers, parsed.facts, period, calendar, rules=rule))
    return tally


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()
    from django.db.models import Count

    from cchc.accounts.models import User
    from cchc.core import demo_clock
    from cchc.dossiers.models import Dossier
    from cchc.org.models import Jurisdiction
    from cchc.scorecards import ledger766, periods
    from cchc.scorecards.models import IndexVersion
    from cchc.scorecards.queries import ranking

    city = Jurisdiction.objects.get(code="747")
    year = periods.parse(str(demo_clock.demo_year()))
    month = periods.parse(f"{demo_clock.today():%Y-%m}")
    everything = Dossier.objects.all()
    items = ledger766.petition_items(city)
    before = round_trip_count(everything, year.period, city)
    after = ledger766.count(everything, year.period, city)
    assert set(before.groups) == set(after.groups)
    assert all((before.groups[k] == after.groups[k]).all() for k in before.groups), "counts differ"
    baseline = median_after_check(lambda: round_trip_count(everything, year.period, city))
    columns = median_after_check(lambda: ledger766.count(everything, year.period, city))
    whole_year = median_after_check(lambda: ledger766.document(everything, year.period, city, items))
    last_month = median_after_check(lambda: ledger766.document(everything, month.period, city, items))
    busiest = (
        everything.filter(handling_unit__code__startswith="UBND-P")
        .values("handling_unit")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    ward = everything.filter(handling_unit=busiest["handling_unit"]) if busiest else everything
    drill = median_after_check(lambda: ledger766.dossiers_behind(ward, year.period, city, "on_time"))
    leader = User.objects.get(username="lanhdao")
    version = IndexVersion.objects.filter(jurisdiction=city).order_by("-year").first()
    rank = median_after_check(lambda: ranking(leader, version)) if version else float("nan")
    candidates = ledger766.in_period(everything, year.period).count()
    print(f"{everything.count()} dossiers, {candidates} in {year.label}, {len(items)} petitions")
    print(f"counts {year.label}, baseline (records parsed back): {baseline * 1000:.0f} ms")
    print(f"counts {year.label}, ledger columns: {columns * 1000:.0f} ms")
    print(f"city document {year.label}: {whole_year * 1000:.0f} ms")
    print(f"city document {month.label}: {last_month * 1000:.0f} ms")
    print(f"dossiers behind 2.1 of the busiest ward ({ward.count()} dossiers), year: {drill * 1000:.0f} ms")
    print(f"city index ranking ({version.scorecards.count() if version else 0} cards): {rank * 1000:.0f} ms")


if __name__ == "__main__":
    main()
