"""Reading numbers typed into addresses (``?don_vi=12``) without letting a hostile value reach the database.

``str.isdigit()`` accepts "²" and "١٢" and any length; ``int()`` of a 20-digit string overflows the
database's 64-bit integers (SQLite raises, PostgreSQL answers "out of range"). Both used to be 500s.
"""

from __future__ import annotations

DB_INT_MAX = 2**63 - 1
_ASCII_DIGITS = frozenset("0123456789")


def id_param(raw: str | None) -> int | None:
    """A positive database id from a query or form value, or None when it cannot be one."""
    text = (raw or "").strip()
    if not text or len(text) > 19 or not set(text) <= _ASCII_DIGITS:
        return None
    value = int(text)
    return value if 0 < value <= DB_INT_MAX else None
