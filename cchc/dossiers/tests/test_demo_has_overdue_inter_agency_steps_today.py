"""The demo's twelve months leave inter-agency dossiers open today, each open step given its deadline by
the refresh, and the leader's ranking of who holds them counts exactly the step deadlines already past.

How many steps are overdue on a given day is the generator's draw: at 4,000 dossiers it is zero to two
depending on the day and hour the demo is made (the full demo of 200,000 leaves dozens), so the test
holds the ranking to the deadlines rather than to a count that changes with the clock."""

import pytest
from django.utils import timezone

from cchc.accounts.models import User
from cchc.dossiers import demo, interagency
from cchc.dossiers.models import DossierStep
from cchc.dossiers.tests.demo_helpers import demo_city


@pytest.mark.django_db
def test_the_demo_leaves_open_inter_agency_steps_and_ranks_every_overdue_one():
    demo_city()
    demo.run(4000)
    today = timezone.localdate()
    counts = interagency.refresh(today)
    assert counts.opened > 0
    open_steps = DossierStep.objects.filter(
        finished_at__isnull=True, dossier__procedure__inter_agency=True, dossier__status__in=(2, 4, 5, 6)
    ).count()
    assert counts.opened == open_steps
    admin = User.objects.create_superuser("ia-admin", "ia@example.vn", "x")
    ranking = interagency.holder_ranking(admin, today)
    assert sum(r.overdue for r in ranking) == interagency.overdue_deadlines(today).count()
    assert all(r.overdue > 0 for r in ranking)
