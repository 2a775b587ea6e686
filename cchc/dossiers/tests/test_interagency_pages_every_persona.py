"""Every persona on the two inter-agency pages (the shared permission walk): everyone with dossier screens
reads them within their scope, the Front is refused, and no POST changes a deadline, a pause or a
reminder."""

from django.utils import timezone

from cchc.deadlines.models import Deadline, DeadlinePause, ReminderSent
from cchc.dossiers import interagency
from cchc.dossiers.tests.interagency_helpers import land_dossier
from cchc.testing.personas import PERSONAS
from cchc.testing.url_walk import namespace_patterns, walk_every_url

PAGES = ("interagency", "interagency_steps")
READERS = {key: 200 for key, *_ in PERSONAS}
READERS["front"] = 403


def snapshot():
    return (
        sorted(Deadline.objects.values_list("object_id", "due", "done_on", "cancelled_on")),
        DeadlinePause.objects.count(),
        ReminderSent.objects.count(),
    )


def test_every_persona_reads_or_is_refused_and_nothing_changes(client, world):
    land_dossier(world, "IA-W-1")
    land_dossier(world, "IA-W-2", ward="p2")
    interagency.refresh(timezone.localdate())
    patterns = [p for p in namespace_patterns("dossiers") if p[0] in PAGES]
    assert sorted(name for name, _ in patterns) == sorted(PAGES)
    walk_every_url(
        client,
        world.users,
        personas=[key for key, *_ in PERSONAS],
        patterns=patterns,
        expected={name: (READERS, set()) for name in PAGES},
        url_for=lambda name, _converters: (
            "/ho-so/lien-thong/"
            if name == "interagency"
            else f"/ho-so/lien-thong/buoc-qua-han/?noi_giu=u{world.units['p1'].pk}"
        ),
        post_data=lambda: {"noi_giu": "u1", "due": "2099-01-01"},
        snapshot=snapshot,
    )
