"""The dossier-results report in the application (``/bao-cao/ket-qua-tthc/``) on the database the
environment names (run it on a loaded demo): the whole city for the last finished quarter by the demo
clock, per unit and per procedure, and the drill-down of its busiest cell — median of 5 runs after one
check run.

    CCHC_DEMO=1 DATABASE_URL=sqlite:///var/cchc.sqlite3 python -m bench bench_reports_results
"""

from __future__ import annotations

import os

from bench.driver import median_after_check


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()
    from cchc.calendar.queries import work_calendar_for
    from cchc.core import demo_clock
    from cchc.dossiers.models import Dossier
    from cchc.reports import dossier_results, periods

    slot = periods.last_finished("quarter", demo_clock.today())
    period = slot.period
    cal = work_calendar_for(None)
    everything = Dossier.objects.all()
    candidates = dossier_results.candidates(everything, period).count()
    by_unit = median_after_check(lambda: dossier_results.document(everything, period, cal))
    by_procedure = median_after_check(
        lambda: dossier_results.document(everything, period, cal, by="procedure")
    )
    drill = median_after_check(
        lambda: dossier_results.cell_ids(
            everything, period, cal, by="unit", label=None, cell="finished", every_group=True
        )
    )
    print(f"period {period.start} – {period.end}: {candidates} candidate dossiers of {everything.count()}")
    print(f"report per unit: {by_unit * 1000:.0f} ms; per procedure: {by_procedure * 1000:.0f} ms")
    print(f"drill-down (every finished dossier of the city): {drill * 1000:.0f} ms")


if __name__ == "__main__":
    main()
