"""A batch never stays "running": an error inside the job, the job time limit, or a worker killed
mid-import (reaped when a worker starts) all end it as failed with a Vietnamese reason."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from cchc.core.jobs import JobTimeLimit, time_limit
from cchc.dossiers import importing
from cchc.dossiers.models import Dossier, ImportBatch, ImportStatus

pytestmark = pytest.mark.django_db


def test_a_batch_left_running_by_a_killed_worker_is_failed_when_a_worker_starts(world, monkeypatch):
    from django_tasks_db.management.commands.db_worker import Command as LibraryWorker

    # The library's loop (which closes database connections between tasks) is not run: what is tested
    # is that `cchc db_worker` reaps before it starts that loop.
    started = []
    monkeypatch.setattr(LibraryWorker, "handle", lambda self, *args, **opts: started.append(True))
    old = ImportBatch.objects.create(file_name="a.xlsx", status=ImportStatus.RUNNING)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=3))
    fresh = ImportBatch.objects.create(file_name="b.xlsx", status=ImportStatus.RUNNING)
    err = io.StringIO()
    call_command("db_worker", "--batch", stderr=err, stdout=io.StringIO())
    assert started == [True]
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == ImportStatus.FAILED and "dừng giữa chừng" in old.message and old.finished_at
    assert fresh.status == ImportStatus.RUNNING  # may still be running in another worker
    assert "1 lượt nhập" in err.getvalue()


def test_an_unexpected_error_inside_the_import_fails_the_batch(world, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(importing, "import_bytes", broken)
    batch = ImportBatch.objects.create(file_name="a.json", submitted_by=world.users["office"])
    importing.run_batch(batch, b"[]")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert "lỗi hệ thống" in batch.message
    assert not Dossier.objects.exists()


def test_the_time_limit_interrupts_a_job_with_its_reason(settings):
    settings.CCHC_JOB_TIME_LIMIT_SECONDS = 60
    with pytest.raises(JobTimeLimit, match="quá 1 phút"), time_limit(1):
        time.sleep(3)
