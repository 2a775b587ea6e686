"""Forty wrong passwords sent at once for one name: no more than CCHC_LOGIN_MAX_FAILURES of them are
checked (each takes its place before the password is checked; the others are refused). Threads with
their own database connections stand in for web workers. It runs on PostgreSQL (CI's first pass; locally
with DATABASE_URL=postgres://…): the SQLite test database lives in shared-cache memory, where parallel
writers get "table is locked" instead of waiting as they do on a SQLite file."""

import threading
import time

import pytest
from django.contrib import auth
from django.db import connection
from django.test import Client

from cchc.accounts.models import LoginFailure

from .conftest import password_step

PARALLEL = 40
pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writers need a server database (see docstring)"
)


@pytest.mark.django_db(transaction=True)
def test_forty_parallel_wrong_passwords_get_at_most_five_checks(world, monkeypatch):
    checked: list[str] = []
    guard = threading.Lock()
    real = auth.authenticate

    def slow_authenticate(*args, **kwargs):
        with guard:
            checked.append(kwargs.get("username", ""))
        time.sleep(0.05)  # a real password hash takes this long: the window the race needs
        return real(*args, **kwargs)

    monkeypatch.setattr(auth, "authenticate", slow_authenticate)
    start = threading.Barrier(PARALLEL)
    errors: list[BaseException] = []

    def attempt() -> None:
        try:
            client = Client(REMOTE_ADDR="198.51.100.9")
            start.wait()
            response = password_step(client, "leader", "Sai@MatKhau123")
            assert response.status_code == 200
        except BaseException as exc:  # reported below: a thread's assertion would otherwise vanish
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(PARALLEL)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert len(checked) <= 5, f"{len(checked)} passwords checked"
    assert LoginFailure.objects.filter(username="leader").count() == len(checked)
