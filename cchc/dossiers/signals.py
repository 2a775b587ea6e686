"""Signals other apps may listen to without the dossiers app knowing them (the layers point one way)."""

from django.dispatch import Signal

# Sent after a write to the ledger has committed (``actions.upsert_dossiers``); keyword arguments:
# ``created`` and ``updated`` (counts). Early warning recomputes its risks on it.
ledger_changed = Signal()
