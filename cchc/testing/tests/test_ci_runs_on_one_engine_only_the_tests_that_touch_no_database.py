"""CI runs a test marked ``engine_independent`` in one job only, and every other test on PostgreSQL and on
SQLite (docs/testing.md). conftest.py gives the mark to a test that asks for no database
(cchc/testing/engines.py): these tests check that a test on the database — through ``db``,
``transactional_db``, the live server or the ``django_db`` mark — never gets it, so no query is ever left
untried on an engine."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from cchc.testing.engines import touches_database


def test_a_test_that_asks_for_nothing_is_engine_independent(request):
    assert request.node.get_closest_marker("engine_independent") is not None


def test_a_test_on_the_database_is_not(db, request):
    assert request.node.get_closest_marker("engine_independent") is None


@pytest.mark.django_db
def test_a_test_marked_django_db_is_not(request):
    assert request.node.get_closest_marker("engine_independent") is None


def test_a_fixture_that_needs_the_database_counts_as_the_database(world, request):
    assert request.node.get_closest_marker("engine_independent") is None


@pytest.mark.parametrize(
    "fixture",
    ["db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"],
)
def test_every_database_fixture_keeps_a_test_on_both_engines(fixture):
    item = SimpleNamespace(fixturenames=["tmp_path", fixture], get_closest_marker=lambda name: None)
    assert touches_database(item)
    bare = SimpleNamespace(fixturenames=["tmp_path", "settings"], get_closest_marker=lambda name: None)
    assert not touches_database(bare)
