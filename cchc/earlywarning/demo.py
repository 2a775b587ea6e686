"""The demo's early warning: every open item scored at the demo's present, and the backtest over the
demo's twelve months so the reliability page has figures (on generated data, as the page says)."""

from __future__ import annotations

from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR
from cchc.dossiers.models import Dossier
from cchc.earlywarning import backtest
from cchc.earlywarning.actions import refresh_risks
from cchc.earlywarning.models import BacktestRun

# The backtest scores every n-th dossier so the demo loads in minutes; all of them make the history.
ITEMS_SCORED = 20000


def load_earlywarning_demo() -> str:
    from django.utils import timezone

    today = demo_clock.today()
    result = refresh_risks(today, now=timezone.make_aware(demo_clock.now()), actor=DEMO_ACTOR)
    n = Dossier.objects.count()
    sample = max(1, n // ITEMS_SCORED)
    figures = backtest.run(demo_clock.year_start(), today, sample=sample)
    BacktestRun.objects.filter(generated_data=True).delete()  # loading the demo again replaces its run
    backtest.save(figures)
    held = figures["held_out"]
    recall = f"{held['recall'] * 100:.0f}%" if held["recall"] is not None else "—"
    return f"{result.summary()} Kiểm chứng trên phần kiểm tra: báo kịp {recall} hồ sơ trễ hạn."
