"""Background work for tasks (django.tasks; the worker is ``cchc db_worker``)."""

from __future__ import annotations

from django.tasks import task

from cchc.directives.actions import spawn_occurrences


@task()
def spawn_due_occurrences() -> int:
    """Enqueued daily (cron: `cchc spawn-occurrences --enqueue`); safe on several workers at once."""
    return spawn_occurrences()
