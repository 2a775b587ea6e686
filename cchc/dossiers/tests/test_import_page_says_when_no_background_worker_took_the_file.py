"""A large file waits for the background worker; when none has picked it up within a minute (no worker
running), the import page says so in plain Vietnamese instead of showing "Đang chờ 0%" for ever."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.dossiers.models import ImportBatch, ImportStatus
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]


def _batch(user, age: dt.timedelta, status: str = ImportStatus.PENDING) -> ImportBatch:
    batch = ImportBatch.objects.create(file_name="lon.csv", submitted_by=user, status=status)
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - age)
    return batch


def test_a_file_nobody_picked_up_for_a_minute_is_explained_and_a_fresh_one_is_not(client, world):
    user = world.users["one_stop"]
    login_verified(client, user)
    stale = _batch(user, dt.timedelta(minutes=2))
    fresh = _batch(user, dt.timedelta(seconds=10))
    running = _batch(user, dt.timedelta(minutes=5), ImportStatus.RUNNING)

    page = client.get(f"/ho-so/nhap/{stale.pk}/").content.decode()
    assert 'data-testid="import-unclaimed"' in page
    assert "chưa có tiến trình nền nào nhận việc này" in page
    assert "hx-get" in page  # still polling: the import starts by itself once a worker runs
    polled = client.get(f"/ho-so/nhap/{stale.pk}/tien-do/").content.decode()
    assert 'data-testid="import-unclaimed"' in polled
    for batch in (fresh, running):
        assert 'data-testid="import-unclaimed"' not in client.get(f"/ho-so/nhap/{batch.pk}/").content.decode()
