"""``cchc db_worker``: django-tasks-db's worker, which first lets every app reap jobs that died.

core comes before django_tasks_db in INSTALLED_APPS, so this command is the one ``db_worker`` runs.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from cchc.core.jobs import worker_starting


class Command(DatabaseWorker):
    def handle(self, *args: Any, **options: Any) -> None:
        for _receiver, reaped in worker_starting.send(sender=self.__class__):
            if reaped:
                self.stderr.write(str(reaped))
        super().handle(*args, **options)
