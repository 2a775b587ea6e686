"""The morning digest: one e-mail per person per day, however many times (or workers) it runs, listing
the person's at-risk items costliest first; sent only after the commit."""

import pytest
from django.core import mail

from cchc.earlywarning.digest import send_digests
from cchc.earlywarning.tests.scene import TODAY, scored
from cchc.notify.models import Notification


@pytest.fixture
def scene(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from cchc.accounts.models import User

    User.objects.update(email="")
    for key in ("ward_officer", "unit_head", "other_ward_officer", "front"):
        user = world.users[key]
        user.email = f"{key}@example.vn"
        user.save(update_fields=["email"])
    scored(world, settings)
    return world


def test_two_runs_on_the_same_morning_send_each_person_one_message(scene, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(TODAY)  # a second worker, or a rerun
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["other_ward_officer@example.vn", "unit_head@example.vn", "ward_officer@example.vn"]
    assert Notification.objects.filter(object_type="earlywarning.digest").count() == 3


def test_nothing_leaves_before_the_commit(scene, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queued = send_digests(TODAY)
    assert queued == 3 and len(callbacks) == 3 and not mail.outbox


def test_the_officer_reads_their_own_items_with_a_link_and_the_reason(
    scene, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(TODAY)
    body = next(m.body for m in mail.outbox if m.to == ["ward_officer@example.vn"])
    assert "A-OPEN" in body and "B-OPEN" not in body and "C-OPEN" not in body
    assert "/ho-so/ho-so/A-OPEN/" in body and "thường mất" in body
