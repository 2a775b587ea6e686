"""Several background workers on one database (docs/deploying.md, "Several app servers"): a large upload is
imported by exactly one of them, and a worker starting a job never fails a batch another has just claimed.

The two-thread test needs a server database (threads with their own connections stand in for worker
processes; the SQLite test database lives in shared-cache memory, where parallel writers get "table is
locked" instead of waiting): it runs on PostgreSQL (CI's first pass; locally with
DATABASE_URL=postgres://…)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from cchc.core.jobs import limit
from cchc.dossiers import jobs
from cchc.dossiers.models import Dossier, ImportBatch, ImportStatus
from cchc.dossiers.tests.import_helpers import as_json, make_catalogue, sample
from cchc.testing.concurrency import at_once


def uploaded(world, tmp_path) -> ImportBatch:
    make_catalogue()
    batch = ImportBatch.objects.create(file_name="a.json", submitted_by=world.users["office"])
    batch.file.save("a.json", ContentFile(as_json(sample())))
    return batch


@pytest.mark.django_db
def test_a_batch_that_waited_in_the_queue_is_not_failed_by_another_worker_starting(
    world, tmp_path, monkeypatch
):
    # The workers were down for longer than the job time limit; the upload waited, then worker A claims it.
    with override_settings(MEDIA_ROOT=tmp_path):
        batch = uploaded(world, tmp_path)
        ImportBatch.objects.filter(pk=batch.pk).update(
            created_at=timezone.now() - limit() - dt.timedelta(hours=1)
        )
        seen: list[str] = []
        real_run_batch = jobs.run_batch

        def run_while_worker_b_starts(claimed: ImportBatch) -> ImportBatch:
            jobs.reap_dead_batches()  # worker B starts (or starts another job) while A is importing
            seen.append(ImportBatch.objects.get(pk=claimed.pk).status)
            return real_run_batch(claimed)

        monkeypatch.setattr(jobs, "run_batch", run_while_worker_b_starts)
        assert jobs.import_dossier_file.call(batch.pk) == ImportStatus.DONE
    assert seen == [ImportStatus.RUNNING]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.started_at is not None
    assert Dossier.objects.count() == 6


@pytest.mark.django_db
def test_a_batch_claimed_longer_ago_than_the_time_limit_is_failed_when_a_worker_starts(world):
    started = timezone.now() - limit() - dt.timedelta(minutes=1)
    dead = ImportBatch.objects.create(file_name="a.json", status=ImportStatus.RUNNING, started_at=started)
    # A batch claimed before the claim time was recorded counts from its upload.
    old = ImportBatch.objects.create(file_name="b.json", status=ImportStatus.RUNNING)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=started)
    live = ImportBatch.objects.create(
        file_name="c.json", status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    assert jobs.reap_dead_batches() == "2 lượt nhập hồ sơ bị dừng giữa chừng đã được đánh dấu thất bại."
    statuses = dict(ImportBatch.objects.values_list("file_name", "status"))
    assert statuses == {
        "a.json": ImportStatus.FAILED,
        "b.json": ImportStatus.FAILED,
        "c.json": ImportStatus.RUNNING,
    }
    assert live.pk and dead.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need a server database")
@pytest.mark.django_db(transaction=True)
def test_two_workers_handed_the_same_batch_at_once_import_it_once(world, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        batch = uploaded(world, tmp_path)
        answers, errors = at_once(lambda: jobs.import_dossier_file.call(batch.pk))
    assert not errors, errors
    assert sorted(answers) == sorted([ImportStatus.DONE, "already claimed"])
    assert Dossier.objects.count() == 6
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.created_count == 6
