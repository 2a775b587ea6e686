"""Asking for a password reset answers the same way, without looking the address up, whether it has
an account or not: the e-mail leaves from the worker. At most CCHC_PASSWORD_RESET_PER_ADDRESS_HOUR
e-mails go to one address and CCHC_PASSWORD_RESET_PER_IP_HOUR requests count from one network address."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django_tasks_db.models import DBTaskResult

RESET = "/tai-khoan/quen-mat-khau/"
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _empty_counters():
    cache.clear()
    yield
    cache.clear()


def test_a_known_and_an_unknown_address_get_the_same_answer_and_no_mail_in_the_request(client, world):
    known = client.post(RESET, {"email": "ward_officer@example.test"})
    unknown = client.post(RESET, {"email": "khong-co-ai@example.test"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert mail.outbox == []  # nothing sent while the person waits
    assert DBTaskResult.objects.count() == 2  # both wait in the worker's queue alike


def test_one_address_gets_at_most_three_mails_an_hour(world, settings):
    settings.TASKS = IMMEDIATE
    client = Client(REMOTE_ADDR="198.51.100.30")
    for _ in range(6):
        assert client.post(RESET, {"email": "ward_officer@example.test"}).status_code == 302
    assert len(mail.outbox) == 3


def test_one_network_address_is_limited_across_addresses(world, settings):
    settings.TASKS = IMMEDIATE
    settings.CCHC_PASSWORD_RESET_PER_IP_HOUR = 2
    client = Client(REMOTE_ADDR="198.51.100.31")
    for name in ("ward_officer", "leader", "office"):
        client.post(RESET, {"email": f"{name}@example.test"})
    assert len(mail.outbox) == 2
