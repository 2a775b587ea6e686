"""One response per dossier token, without login: the same token submitted twice
stores one rating and one response — sequentially on every engine, and at the same moment from two
threads on PostgreSQL, where the database's unique keys decide."""

import threading

import pytest
from django.db import connection, connections

from cchc.surveys.actions.responses import ALREADY, submit_for_dossier
from cchc.surveys.collection import parse
from cchc.surveys.models import DossierRating, Response
from cchc.surveys.tests.conftest import form_data


def answers(version, key):
    data = form_data(version, rating="3", client_key=key)
    return parse(version.questionnaire, data, with_rating=True)


def test_the_same_token_submitted_twice_in_a_row_stores_one_response(world, version, campaign, token):
    first = submit_for_dossier(token, answers(version, "browser-aaaa-0001"))
    second = submit_for_dossier(token, answers(version, "browser-bbbb-0002"))
    assert first.created and not second.created
    assert second.message == ALREADY
    assert Response.objects.filter(dossier=token.dossier).count() == 1
    assert DossierRating.objects.filter(dossier=token.dossier).count() == 1


def test_a_retry_from_the_same_browser_is_recognised_not_refused(world, version, campaign, token):
    first = submit_for_dossier(token, answers(version, "browser-aaaa-0001"))
    retry = submit_for_dossier(token, answers(version, "browser-aaaa-0001"))
    assert first.created and not retry.created
    assert retry.message != ALREADY  # the browser is told its answers arrived
    assert Response.objects.count() == 1


def test_a_rating_without_an_open_campaign_is_still_one_per_dossier(world, version, token):
    assert submit_for_dossier(token, answers(version, "k-0000000001")).created
    assert not submit_for_dossier(token, answers(version, "k-0000000002")).created
    assert DossierRating.objects.count() == 1 and Response.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_same_token_submitted_twice_at_the_same_moment_stores_one_response(
    world, version, campaign, token
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers, so true concurrency is proven on PostgreSQL (CI runs both)")
    barrier = threading.Barrier(2)
    outcomes: list[object] = []
    errors: list[BaseException] = []

    def submit(key: str) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(submit_for_dossier(token, answers(version, key)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(f"browser-{n}-000000",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    assert sorted(o.created for o in outcomes) == [False, True]
    assert [o.message for o in outcomes if not o.created] == [ALREADY]
    assert Response.objects.filter(dossier=token.dossier).count() == 1
    assert DossierRating.objects.filter(dossier=token.dossier).count() == 1


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_submits_of_one_token_store_exactly_one(world, version, campaign, token):
    if connection.vendor != "postgresql":
        pytest.skip("true concurrency is proven on PostgreSQL")
    n = 6
    barrier = threading.Barrier(n)
    created: list[bool] = []

    def submit(key: str) -> None:
        try:
            barrier.wait(timeout=10)
            created.append(submit_for_dossier(token, answers(version, key)).created)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(f"browser-{i}-000000",)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert created.count(True) == 1 and len(created) == n
    assert Response.objects.count() == 1 and DossierRating.objects.count() == 1
