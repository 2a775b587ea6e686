"""The demo's ledger for a benchmark, loaded as ``cchc load-demo`` loads it: migrate, then the demo
organisation, its accounts and ``n`` demo dossiers, on the demo's clock pinned for the whole load (a load
that runs past midnight stays on one day)."""

from __future__ import annotations

import time


def load_demo_ledger(n: int) -> float:
    """Migrate, load; the seconds the loading took (the migration not counted)."""
    from django.core.management import call_command

    from cchc.accounts.demo import load_accounts
    from cchc.core import demo_clock
    from cchc.dossiers.demo import load_dossier_demo
    from cchc.org.demo import load_org

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    with demo_clock.pinned(demo_clock.today(), demo_clock.now()):
        load_accounts(load_org())
        load_dossier_demo(n)
    return time.perf_counter() - t0
