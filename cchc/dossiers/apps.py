from typing import Any

from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "cchc.dossiers"
    verbose_name = "Hồ sơ thủ tục hành chính"

    def ready(self) -> None:
        from cchc.core.jobs import worker_starting

        worker_starting.connect(reap_dead_batches, dispatch_uid="dossiers.reap_dead_batches")

        from cchc.deadlines import reminders
        from cchc.dossiers import interagency

        # Inter-agency steps are chased by the one reminder engine, with their own ladder.
        reminders.register(
            reminders.Source(interagency.STEP_TYPE, "CCHC_STEP_REMINDER_LADDER", interagency.refresh)
        )


def reap_dead_batches(**kwargs: Any) -> str:
    """``jobs.reap_dead_batches``, imported when a worker starts: ``jobs`` brings the importer and with it
    polars and pyarrow, which every ``cchc`` command (even ``cchc --help``) would otherwise load at
    start-up for nothing."""
    from cchc.dossiers import jobs

    return jobs.reap_dead_batches(**kwargs)
