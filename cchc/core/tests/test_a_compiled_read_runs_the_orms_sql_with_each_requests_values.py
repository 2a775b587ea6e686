"""core.compiled_read: a read compiled once gives what the ORM gives, for every request's values."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.core.compiled_read import CompiledRead, NotCompilable
from cchc.dossiers.models import Dossier, DossierStep
from cchc.dossiers.tests.factories import build_ledger

COLUMNS = ("code", "received_at", "appointment_at", "end_at", "status", "handling_unit__name")


def by_code(code: str, status: int):
    return Dossier.objects.filter(code=code, status=status).order_by("pk").values_list(*COLUMNS)


@pytest.fixture
def ledger(world):
    return build_ledger(world)


def test_each_request_gets_the_rows_the_orm_reads_for_its_own_values(ledger):
    read = CompiledRead(Dossier, by_code, ("\x00code\x00", 32_001))
    for d in (ledger.late, ledger.p2, ledger.overdue, ledger.city):
        assert read.rows(d.code, d.status) == list(by_code(d.code, d.status))
        assert read.rows(d.code, d.status + 1) == []
    assert read.rows("KHONG-CO", ledger.late.status) == []


def test_datetimes_come_back_as_the_orm_converts_them(ledger):
    read = CompiledRead(
        DossierStep,
        lambda pk: (
            DossierStep.objects.filter(dossier_id=pk)
            .order_by("seq")
            .values_list("started_at", "finished_at", "unit__name")
        ),
        (-1,),
    )
    rows = read.rows(ledger.late.pk)
    assert rows and rows == list(
        DossierStep.objects.filter(dossier_id=ledger.late.pk)
        .order_by("seq")
        .values_list("started_at", "finished_at", "unit__name")
    )
    assert rows[0][0].tzinfo is not None


def test_the_sql_is_compiled_once_and_each_run_is_still_one_logged_query(ledger):
    read = CompiledRead(Dossier, by_code, ("\x00code\x00", 32_001))
    read.rows(ledger.late.code, ledger.late.status)
    compiled = dict(read._compiled)
    with CaptureQueriesContext(connection) as seen:
        read.rows(ledger.p2.code, ledger.p2.status)
    assert read._compiled == compiled
    assert len(seen.captured_queries) == 1
    assert ledger.p2.code in seen.captured_queries[0]["sql"]


def test_a_constant_the_orm_makes_a_parameter_refuses_to_compile(ledger):
    read = CompiledRead(
        Dossier,
        lambda code: Dossier.objects.filter(code=code, applicant_name="X").values_list("code"),
        ("\x00c",),
    )
    with pytest.raises(NotCompilable):
        read.rows(ledger.late.code)


def test_a_stand_in_out_of_its_fields_range_refuses_to_compile(ledger):
    read = CompiledRead(Dossier, by_code, ("\x00code\x00", -1))  # status is a positive small integer
    with pytest.raises(NotCompilable):
        read.rows(ledger.late.code, ledger.late.status)


def test_a_read_of_another_model_than_named_refuses_to_compile(ledger):
    read = CompiledRead(DossierStep, by_code, ("\x00code\x00", 32_001))
    with pytest.raises(NotCompilable):
        read.rows(ledger.late.code, ledger.late.status)


def test_the_database_receives_the_statement_the_orm_sends(ledger):
    """The same SQL with the same parameters, typed alike (PostgreSQL: a small integer as int2)."""
    read = CompiledRead(Dossier, by_code, ("\x00code\x00", 32_001))
    read.rows(ledger.city.code, ledger.city.status)  # compiled
    with CaptureQueriesContext(connection) as ours:
        read.rows(ledger.p2.code, ledger.p2.status)
    with CaptureQueriesContext(connection) as orms:
        list(by_code(ledger.p2.code, ledger.p2.status))
    assert ours.captured_queries[0]["sql"] == orms.captured_queries[0]["sql"]
