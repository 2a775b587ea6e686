"""The inter-agency ranking ``/ho-so/lien-thong/`` and the step-deadline refresh behind it, on a demo ledger,
with the units' late-dossier league ``/ho-so/xep-hang/don-vi/`` (a page leaders already use) timed in the
same run as the baseline.

    python -m bench bench_interagency                             # both engines, 200,000 dossiers
    python -m bench.bench_interagency --engine sqlite --dossiers 1000000

Builds the demo organisation and accounts and a demo ledger of N dossiers for the twelve months to the
demo's today (``load_dossier_demo``, which also opens the step deadlines), then times, median of 5:
``interagency.refresh`` on a ledger already in step (the daily run before the reminders), the same after
every step deadline was deleted (the first run after a large import; 3 runs), ``holder_ranking`` for the
demo leader, the ranking page and the baseline page through Django's test ``Client``.
"""

from __future__ import annotations

import os
from functools import partial

from bench.bench_official_ranking import leader_client, timed
from bench.demo_ledger import load_demo_ledger
from bench.driver import Driver

DOSSIERS = 200_000


def run_engine(engine: str, n: int) -> dict[str, object]:
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from cchc.accounts.models import User
    from cchc.core.roles import Role
    from cchc.deadlines.models import Deadline
    from cchc.dossiers import interagency
    from cchc.dossiers.models import Dossier, DossierStep

    load_s = load_demo_ledger(n)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    user = User.objects.filter(role=Role.LEADER, is_active=True).order_by("pk").first()
    assert user is not None, "the demo has no leader"
    today = timezone.localdate()
    out: dict[str, object] = {
        "engine": engine,
        "dossiers": Dossier.objects.count(),
        "steps": DossierStep.objects.count(),
        "step_deadlines": Deadline.objects.filter(object_type=interagency.STEP_TYPE).count(),
        "load_s": round(load_s, 1),
        "load_average_start": os.getloadavg()[0],
    }
    ranking = interagency.holder_ranking(user, today)
    out["holders"] = len(ranking)
    out["overdue_steps"] = sum(r.overdue for r in ranking)
    assert interagency.refresh(today).total == 0, "a second refresh changed something"
    out["refresh_in_step_median_ms"], out["refresh_in_step_runs_ms"] = timed(
        lambda: interagency.refresh(today)
    )

    def cold() -> None:
        Deadline.objects.filter(object_type=interagency.STEP_TYPE).delete()
        interagency.refresh(today)

    out["refresh_cold_median_ms"], out["refresh_cold_runs_ms"] = timed(cold, repeat=3)
    out["ranking_median_ms"], out["ranking_runs_ms"] = timed(lambda: interagency.holder_ranking(user, today))
    client = leader_client(user)

    def page(url: str) -> None:
        r = client.get(url)
        assert r.status_code == 200, r.status_code

    for name, url in (("page", "/ho-so/lien-thong/"), ("baseline_league_page", "/ho-so/xep-hang/don-vi/")):
        page(url)
        out[f"{name}_median_ms"], out[f"{name}_runs_ms"] = timed(partial(page, url))
    out["load_average_end"] = os.getloadavg()[0]
    return out


DRIVER = Driver("bench.bench_interagency", "cchc_bench_interagency", run_engine, default=DOSSIERS)


def main(n: int | None = None) -> None:
    DRIVER.each_engine(n)


if __name__ == "__main__":
    DRIVER.command_line()
