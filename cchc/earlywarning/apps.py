from typing import Any

from django.apps import AppConfig


class EarlyWarningConfig(AppConfig):
    """Early warning: the open items that will be late, found while there is still time, with the person
    who must act (docs/early-warning.md)."""

    name = "cchc.earlywarning"
    verbose_name = "Cảnh báo sớm"

    def ready(self) -> None:
        from cchc.dossiers.signals import ledger_changed

        ledger_changed.connect(_ledger_changed, dispatch_uid="earlywarning-ledger-changed")


def _ledger_changed(sender: Any, **kwargs: Any) -> None:
    """Recompute in the background once the new dossiers are committed (the signal fires after commit)."""
    from django.utils import timezone

    from cchc.earlywarning.jobs import after_ledger_change

    after_ledger_change.enqueue(timezone.now().isoformat())
