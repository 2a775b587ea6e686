"""The demo holds this year's classification of the city's units and heads, proposed from the demo's
figures, with one change the council made (and its reason), waiting for the chair; loading again adds
nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cchc.core import demo_clock
from cchc.emulation.models import Change, Kind, Round, RoundStatus

pytestmark = pytest.mark.django_db


def test_the_demo_year_is_proposed_and_changed_once(settings, monkeypatch):
    settings.CCHC_DEMO = True
    monkeypatch.setenv("CCHC_DEMO_TODAY", "2026-12-06")
    call_command("load_demo", "--only", "org,calendar,oversight,emulation", verbosity=0)
    rnd = Round.objects.get()
    assert rnd.year == demo_clock.today().year and rnd.status == RoundStatus.COUNCIL
    assert rnd.entries.filter(kind=Kind.UNIT).count() >= 5
    assert rnd.entries.filter(kind=Kind.HEAD).exists()
    change = Change.objects.get()
    assert change.reason.startswith("Hội đồng thi đua, khen thưởng họp ngày")
    # The demo's disciplinary record (oversight) is counted on its unit, without naming anyone.
    assert any(
        c["code"] == "discipline" and c["value"].startswith("1 ")
        for e in rnd.entries.all()
        for c in e.criteria
    )

    call_command("load_demo", "--only", "emulation", verbosity=0)
    assert Round.objects.count() == 1 and Change.objects.count() == 1
