"""Reads from a replica (core.replica), with a router double: the listed read-only pages read from the
replica and say how fresh their figures are; other pages, writes, reads after a write in the same
request, the same browser's pages after its write, and a replica that lags or does not answer all go to
the primary."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import NoReverseMatch, get_resolver, reverse

from cchc.accounts.models import User
from cchc.core import replica
from cchc.core.tests.replica_double import replica_double
from cchc.org.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_RANKING = "portal:reform_rankings"


def test_a_read_only_page_reads_from_the_replica_and_shows_when_its_figures_were_taken(monkeypatch):
    with replica_double(monkeypatch) as double:
        response = Client().get(reverse(PUBLIC_RANKING))

    assert response.status_code == 200
    assert double.router.replica_reads(), "no read went to the replica"
    assert "Số liệu tính đến" in response.content.decode()


def test_a_page_not_listed_reads_only_from_the_primary(monkeypatch):
    with replica_double(monkeypatch) as double:
        response = Client().get(reverse("portal:dossier_lookup"))

    assert response.status_code == 200
    assert double.router.replica_reads() == []
    assert "Số liệu tính đến" not in response.content.decode()


def test_a_replica_lagging_beyond_the_bound_leaves_the_page_on_the_primary(monkeypatch):
    with (
        override_settings(CCHC_REPLICA_MAX_LAG_SECONDS=60),
        replica_double(monkeypatch, lag=timedelta(seconds=61)) as double,
    ):
        response = Client().get(reverse(PUBLIC_RANKING))

    assert response.status_code == 200
    assert double.router.reads and double.router.replica_reads() == []
    assert "Số liệu tính đến" not in response.content.decode()


def test_a_replica_that_does_not_answer_leaves_the_page_on_the_primary(monkeypatch):
    with replica_double(monkeypatch, lag=None) as double:
        response = Client().get(reverse(PUBLIC_RANKING))

    assert response.status_code == 200
    assert double.router.replica_reads() == []


def test_after_a_write_the_same_browser_reads_from_the_primary_until_the_replica_has_it(monkeypatch):
    client = Client()
    with replica_double(monkeypatch, lag=timedelta(seconds=30)) as double:
        posted = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
        assert replica.WROTE_COOKIE in posted.cookies

        double.router.reads.clear()
        client.get(reverse(PUBLIC_RANKING))
        assert double.router.replica_reads() == [], "read before the replica had this browser's write"

        double.lag = timedelta(seconds=0)
        client.cookies[replica.WROTE_COOKIE] = f"{time.time() - 5:.3f}"
        double.router.reads.clear()
        client.get(reverse(PUBLIC_RANKING))
        assert double.router.replica_reads(), "the replica holds the write now: its reads may go there"

        double.router.reads.clear()
        Client().get(reverse(PUBLIC_RANKING))
        assert double.router.replica_reads(), "another browser is not pinned by this one's write"


def test_within_one_request_reads_after_a_write_go_to_the_primary():
    router = replica.ReplicaRouter()
    token = replica._route.set(replica.Route(use_replica=True))
    try:
        assert router.db_for_read(Unit) == replica.REPLICA
        assert router.db_for_read(User) == replica.PRIMARY  # who is signed in: always fresh
        assert router.db_for_write(Unit) == replica.PRIMARY
        assert router.db_for_read(Unit) == replica.PRIMARY
    finally:
        replica._route.reset(token)


def test_without_a_request_choosing_the_replica_every_read_goes_to_the_primary():
    router = replica.ReplicaRouter()
    assert router.db_for_read(Unit) == replica.PRIMARY
    assert router.allow_migrate(replica.REPLICA, "org") is False
    assert router.allow_migrate(replica.PRIMARY, "org") is None


def test_every_listed_read_only_view_exists():
    resolver = get_resolver()
    for name in replica.READ_ONLY_VIEWS:
        namespace, url_name = name.split(":")
        assert namespace in resolver.namespace_dict, name
        if url_name != "*":
            try:
                reverse(name)
            except NoReverseMatch as exc:
                assert "with no arguments" in str(exc) or "arguments" in str(exc), name


def test_a_primary_probed_as_a_replica_counts_as_up_to_date():
    from django.db import connection
    from django.utils import timezone

    if connection.vendor != "postgresql":
        pytest.skip("the freshness probe asks PostgreSQL's recovery functions")
    as_of = replica.probe(replica.PRIMARY)
    assert as_of is not None and abs((timezone.now() - as_of).total_seconds()) < 5
