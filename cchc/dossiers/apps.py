from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "cchc.dossiers"
    verbose_name = "Hồ sơ thủ tục hành chính"

    def ready(self) -> None:
        from cchc.core.jobs import worker_starting
        from cchc.dossiers.jobs import reap_dead_batches

        worker_starting.connect(reap_dead_batches, dispatch_uid="dossiers.reap_dead_batches")

        from cchc.deadlines import reminders
        from cchc.dossiers import interagency

        # Inter-agency steps are chased by the one reminder engine, with their own ladder.
        reminders.register(
            reminders.Source(interagency.STEP_TYPE, "CCHC_STEP_REMINDER_LADDER", interagency.refresh)
        )
