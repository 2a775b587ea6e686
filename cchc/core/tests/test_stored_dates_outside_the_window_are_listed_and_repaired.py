"""`cchc check-dates` lists rows stored before the window was enforced; --repair empties the optional
ones inside the database (never reading year 1 into Python) and writes an audit event."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from cchc.core.models import AuditEvent
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.factories import build_ledger


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("check_dates", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_a_year_one_receipt_is_listed_then_repaired(world):
    ledger = build_ledger(world)
    assert run()[0] == 0
    ancient = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
    Dossier.objects.filter(pk=ledger.late.pk).update(received_at=ancient)

    code, out = run()
    assert code == 1
    assert "received_at" in out and str(ledger.late.pk) in out and "--repair" in out

    code, out = run("--repair")
    assert code == 0, out
    assert Dossier.objects.filter(pk=ledger.late.pk, received_at__isnull=True).exists()
    event = AuditEvent.objects.get(verb="dates.repaired")
    assert event.data["ids"] == [str(ledger.late.pk)]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_form_refuses_a_date_outside_the_window(day):
    from cchc.dossiers.forms import LateFilterForm
    from cchc.org.models import Unit

    form = LateFilterForm({"end_from": day}, units=Unit.objects.none())
    assert not form.is_valid()
    assert "ngoài khoảng hợp lý" in str(form.errors["end_from"])
