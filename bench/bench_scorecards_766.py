"""Decision 766 in the application (``/chi-so/766/``) on the database the environment names (run it on
a loaded demo): the city's document for the demo year and for its last month (every unit, computed
from the ledger by the engine of ``cchc index-766``, cache bypassed), the dossiers behind the busiest
ward's indicator 2.1 for the year, and the city index ranking — median of 5 runs after one check run.

    CCHC_DEMO=1 DATABASE_URL=sqlite:///var/cchc.sqlite3 python -m bench bench_scorecards_766
"""

from __future__ import annotations

import os

from bench.driver import median_after_check


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
    print(f"city document {year.label}: {whole_year * 1000:.0f} ms")
    print(f"city document {month.label}: {last_month * 1000:.0f} ms")
    print(f"dossiers behind 2.1 of the busiest ward ({ward.count()} dossiers), year: {drill * 1000:.0f} ms")
    print(f"city index ranking ({version.scorecards.count() if version else 0} cards): {rank * 1000:.0f} ms")


if __name__ == "__main__":
    main()
