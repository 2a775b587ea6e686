"""The demo's twelve months leave inter-agency dossiers open today with some steps past their deadline,
so the leader's ranking of who holds them has something to show, among units and outside agencies."""

import pytest
from django.utils import timezone

from cchc.accounts.models import User
from cchc.dossiers import demo, interagency
from cchc.dossiers.models import DossierStep
from cchc.dossiers.tests.demo_helpers import demo_city


@pytest.mark.django_db
def test_the_demo_leaves_overdue_inter_agency_steps_today():
    demo_city()
    demo.run(4000)
    counts = interagency.refresh()
    assert counts.opened > 0
    admin = User.objects.create_superuser("ia-admin", "ia@example.vn", "x")
    ranking = interagency.holder_ranking(admin, timezone.localdate())
    open_steps = DossierStep.objects.filter(
        finished_at__isnull=True, dossier__procedure__inter_agency=True, dossier__status__in=(2, 4, 5, 6)
    ).count()
    assert counts.opened == open_steps
    # 4,000 dossiers leave two overdue steps (the full demo of 200,000 about fifty times as many), one at
    # a city agency and one at the outside tax office.
    assert sum(r.overdue for r in ranking) >= 2
    assert any(r.external for r in ranking) and any(not r.external for r in ranking)
