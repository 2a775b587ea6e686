import pytest
from django.core import mail
from django.db import transaction

from cchc.accounts import actions


class _Refused(Exception):
    pass


def test_a_password_change_that_rolls_back_mails_no_notice(world, django_capture_on_commit_callbacks):
    user = world.users["secretariat"]
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(_Refused),
        transaction.atomic(),
    ):
        actions.change_password(user, "Mot-mat-khau-moi-2026")
        assert mail.outbox == []  # nothing leaves while the change is open
        raise _Refused
    assert mail.outbox == []
    user.refresh_from_db()
    assert not user.check_password("Mot-mat-khau-moi-2026")


def test_a_committed_password_change_mails_one_notice(world, django_capture_on_commit_callbacks):
    user = world.users["secretariat"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_password(user, "Mot-mat-khau-moi-2026")
    assert [m.to for m in mail.outbox] == [[user.email]]
