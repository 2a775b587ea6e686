"""Every change to the organisation goes through here, and each one leaves an audit event.

Reorganisations never rewrite history (docs/architecture.md, "Rules of the house"): a unit is closed with
``valid_to``, a merged unit also points at the unit that continues it (``replaced_by``), a new head closes the
previous headship row instead of overwriting it, and an official leaves by being deactivated. Only a
unit that never had any history (no officials, heads, children or successors) may be deleted, to undo
a typing mistake.

``actor`` is the signed-in user, or a string naming a system process (the CLI importer). For users the
scope rules of ``cchc.org.queries`` are checked again here, so no caller can bypass them; system
callers are scoped by their own caller (the importer limits itself to one jurisdiction).

Errors are ``django.core.exceptions.ValidationError`` with Vietnamese messages keyed by field name,
so forms show them next to the field and the importer next to the column.

One module per object, all reachable as ``actions.<name>``: ``units``, ``officials``, ``heads``;
``common`` holds the editable fields, the date helpers and the audit snapshots.
"""

from cchc.org.actions.common import OFFICIAL_FIELDS, UNIT_FIELDS, fmt_date, today
from cchc.org.actions.heads import end_headship, head_candidates, set_head
from cchc.org.actions.officials import create_official, deactivate_official, update_official
from cchc.org.actions.units import close_unit, create_unit, delete_unit, merge_units, update_unit

__all__ = [
    "OFFICIAL_FIELDS",
    "UNIT_FIELDS",
    "close_unit",
    "create_official",
    "create_unit",
    "deactivate_official",
    "delete_unit",
    "end_headship",
    "fmt_date",
    "head_candidates",
    "merge_units",
    "set_head",
    "today",
    "update_official",
    "update_unit",
]
