"""Written to the database, the demo year makes the league tables tell a story: two wards and one
agency clearly worse than the rest, late closings in the software concentrated at one office, and
inter-agency delays blamed on the external agency."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from statistics import median

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from cchc.dossiers import demo
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.demo_helpers import demo_city
from cchc.org.models import Official

pytestmark = pytest.mark.django_db
FINISHED = ["early", "on_time", "late"]


def late_rates(prefix: str) -> dict[str, float]:
    rows = (
        Dossier.objects.filter(
            outcome__in=["early", "on_time", "late"], handling_unit__code__startswith=prefix
        )
        .values("handling_unit__code")
        .annotate(n=Count("id"), late=Count("id", filter=Q(outcome="late")))
    )
    return {r["handling_unit__code"]: r["late"] / r["n"] for r in rows if r["n"] >= 20}


def test_two_wards_and_one_agency_stand_out_and_causes_point_at_them():
    demo_city()
    result = demo.run(5000, seed=2022)
    assert result.created == 5000
    wards = late_rates("UBND-")
    wards.pop("UBND-VT", None)
    typical = median(wards.values())
    assert wards["UBND-P10"] > 3 * typical and wards["UBND-TN2"] > 3 * typical
    assert sorted(wards, key=wards.get)[-2:] == sorted(["UBND-P10", "UBND-TN2"], key=wards.get)
    agencies = {
        code: rate
        for code, rate in late_rates("").items()
        if not code.startswith("UBND-") and code not in ("TNMT",)
    }
    assert max(agencies, key=agencies.get) == "QLĐT"

    causes = Counter()
    for late in Dossier.objects.filter(outcome="late").values_list("late_causes", flat=True):
        for c in late:
            causes[c["kind"], c.get("unit")] += 1
    closing = {unit: n for (kind, unit), n in causes.items() if kind == "software_closing"}
    assert max(closing, key=closing.get) == "BPMC-P10"
    assert causes["step_overrun", "Chi cục Thuế TP Vũng Tàu"] > 0
    assert causes["second_supplement", None] > 0
    # An external agency's delay names the agency, never one of its people.
    for late in Dossier.objects.filter(outcome="late").values_list("late_causes", flat=True):
        for c in late:
            if c.get("unit") == "Chi cục Thuế TP Vũng Tàu":
                assert c.get("official") is None

    # The slow ward's civil-status officer is the official most often named for an overrun step …
    named = Counter(
        c["official"]
        for late in Dossier.objects.filter(outcome="late").values_list("late_causes", flat=True)
        for c in late
        if c["kind"] == "step_overrun" and c.get("official")
    )
    assert named.most_common(1)[0][0] == Official.objects.get(code="TN2-TPHT").full_name
    # … and Phường Thắng Nhì improves after the directive (replayed about four months ago).
    improves = timezone.make_aware(dt.datetime.combine(demo.period(None)[2], dt.time()))
    tn2 = Dossier.objects.filter(handling_unit__code="UBND-TN2", outcome__in=FINISHED)
    before = tn2.filter(received_at__lt=improves)
    after = tn2.filter(received_at__gte=improves)
    rate = lambda qs: qs.filter(outcome="late").count() / qs.count()  # noqa: E731
    assert rate(after) < 0.7 * rate(before)
