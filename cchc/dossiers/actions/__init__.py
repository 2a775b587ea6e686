"""Every state change of the dossier ledger, one module per subject.

``upsert`` is the one write path for dossiers (file import, the push API, the demo generator), with
``upsert_checks`` (scope, lookups, row checks) and ``upsert_rows`` (the stored columns, what changed);
``apologies`` issues apology letters; ``late_lists`` drafts, approves, publishes and withdraws the
monthly late list; ``common`` holds what the last two share. The write path's functions are reachable
as ``actions.<name>`` too.
"""

from cchc.dossiers.actions.upsert import (
    ConcurrentChange,
    DossierWriteError,
    UpsertResult,
    append_progress,
    lock_references,
    record_from_dossier,
    record_upsert,
    set_status,
    upsert_dossiers,
)

__all__ = [
    "ConcurrentChange",
    "DossierWriteError",
    "UpsertResult",
    "append_progress",
    "lock_references",
    "record_from_dossier",
    "record_upsert",
    "set_status",
    "upsert_dossiers",
]
