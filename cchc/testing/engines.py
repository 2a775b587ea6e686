"""Which tests CI runs on one database engine only (docs/testing.md, "What .ci/run does").

A test that asks for none of pytest-django's database fixtures and carries no ``django_db`` mark cannot
touch a database — pytest-django refuses it any query — so PostgreSQL or SQLite cannot change its result.
conftest.py marks such a test ``engine_independent``; CI runs those once, and every other test on both
engines. The rule reads each test's fixtures (those of its fixtures included), so it places tests added
later without a list to keep up to date.
"""

from __future__ import annotations

from typing import Any

DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "_django_db_helper",
    }
)


def touches_database(item: Any) -> bool:
    """Whether the collected test ``item`` may use the test database."""
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or (
        item.get_closest_marker("django_db") is not None
    )
