"""Background work for dossiers (django.tasks; the worker is ``cchc db_worker``).

Large uploads (above ``importing.background_threshold()``) are imported here instead of in the web
request. The job is idempotent: it claims its batch with a compare-and-set on the status, so a job
delivered twice runs once, and the import itself is an idempotent upsert.
"""

from __future__ import annotations

from django.tasks import task

from cchc.dossiers.importing import run_batch
from cchc.dossiers.models import ImportBatch, ImportStatus


@task()
def import_dossier_file(batch_id: int) -> str:
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return "already claimed"
    batch = ImportBatch.objects.select_related("submitted_by").get(pk=batch_id)
    run_batch(batch)
    return batch.status
