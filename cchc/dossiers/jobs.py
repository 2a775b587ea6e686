"""Background work for dossiers (django.tasks; the worker is ``cchc db_worker``).

Large uploads (above ``importing.background_threshold()``, uncompressed) are imported here instead of
in the web request. The job is idempotent: it claims its batch with a compare-and-set on the status,
so a job delivered twice runs once, and the import itself is an idempotent upsert. It runs under the
job time limit (core.jobs); a batch whose job died is marked failed by ``reap_dead_batches`` when a
worker starts.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from cchc.core.jobs import limit, time_limit
from cchc.dossiers.importing import run_batch
from cchc.dossiers.models import ImportBatch, ImportStatus

DIED = (
    "Công việc nhập bị dừng giữa chừng (máy chủ xử lý nền khởi động lại hoặc quá thời gian); "
    "không có hồ sơ nào được ghi. Vui lòng nhập lại tệp."
)


@task()
def import_dossier_file(batch_id: int) -> str:
    reap_dead_batches()
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "already claimed"
    batch = ImportBatch.objects.select_related("submitted_by").get(pk=batch_id)
    with time_limit():
        run_batch(batch)
    return batch.status


def reap_dead_batches(**_: Any) -> str:
    """Batches still running past the job time limit died with their worker: failed, with the reason.

    The limit counts from the claim: with several workers, one starting a job must not fail a batch that
    another has just claimed after it waited in the queue (batches claimed before ``started_at`` existed
    count from their upload)."""
    cutoff = timezone.now() - limit()
    stale = ImportBatch.objects.filter(status=ImportStatus.RUNNING).filter(
        Q(started_at__lt=cutoff) | Q(started_at__isnull=True, created_at__lt=cutoff)
    )
    count = stale.update(status=ImportStatus.FAILED, message=DIED, finished_at=timezone.now())
    return f"{count} lượt nhập hồ sơ bị dừng giữa chừng đã được đánh dấu thất bại." if count else ""
