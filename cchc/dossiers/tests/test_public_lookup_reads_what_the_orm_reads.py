"""dossiers.queries.public_lookup reads through SQL compiled once (core.compiled_read): for every kind of
dossier — with apologies, an open supplement request, a step without a unit — it gives what the ORM's
querysets read, and nothing for a wrong code or phone."""

import datetime as dt

import pytest
from django.utils import timezone

from cchc.dossiers.models import Apology, ApologyForm, Dossier, DossierStep, Status, Supplement
from cchc.dossiers.queries import mask_name, normalize_phone, public_lookup
from cchc.dossiers.tests.factories import build_ledger

PHONE = "0912345789"


def orm_lookup(code: str, phone: str) -> dict | None:
    """The look-up as the ORM's querysets read it, field by field (the reference)."""
    d = Dossier.objects.filter(code__in={code.strip(), code.strip().upper()}).order_by("pk").first()
    if (
        d is None
        or len(normalize_phone(phone)) < 8
        or normalize_phone(d.applicant_phone) != normalize_phone(phone)
    ):
        return None
    apology = Apology.objects.filter(dossier=d).order_by("-issued_at").first()
    supplement = Supplement.objects.filter(dossier=d, completed_at__isnull=True).order_by("-seq").first()
    return {
        "code": d.code,
        "masked_name": mask_name(d.applicant_name),
        "procedure_name": d.procedure.name,
        "receiving_unit": d.receiving_unit.name,
        "handling_unit": d.handling_unit.name,
        "status": str(d.get_status_display()),
        "received_at": d.received_at,
        "appointment_at": d.appointment_at,
        "new_appointment_at": apology.new_appointment_at if apology else None,
        "finished_at": d.end_at,
        "returned_at": d.returned_at,
        "steps": [
            (s.unit.name if s.unit is not None else s.unit_name, s.started_at, s.finished_at)
            for s in DossierStep.objects.filter(dossier=d).order_by("seq")
        ],
        "status_code": d.status,
        "missing": supplement.content if supplement and d.status == Status.SUPPLEMENT else "",
    }


def read(code: str, phone: str) -> dict | None:
    found = public_lookup(code, phone)
    if found is None:
        return None
    return {
        **{k: getattr(found, k) for k in ("code", "masked_name", "procedure_name", "receiving_unit")},
        **{k: getattr(found, k) for k in ("handling_unit", "status", "received_at", "appointment_at")},
        **{k: getattr(found, k) for k in ("new_appointment_at", "finished_at", "returned_at", "status_code")},
        "steps": [(s.unit_name, s.started_at, s.finished_at) for s in found.steps],
        "missing": found.missing,
    }


@pytest.fixture
def ledger(world):
    ledger = build_ledger(world)
    now = timezone.now()
    for days, appointment in ((3, 2), (1, 6), (2, 4)):  # the latest issued (1 day ago) is shown: +6 days
        Apology.objects.create(
            dossier=ledger.overdue,
            form=ApologyForm.TT03_2025,
            issued_at=now - dt.timedelta(days=days),
            reason="Chờ xác minh",
            new_appointment_at=now + dt.timedelta(days=appointment),
        )
    Dossier.objects.filter(pk=ledger.due_soon.pk).update(status=Status.SUPPLEMENT)
    Supplement.objects.create(
        dossier=ledger.due_soon, seq=1, requested_at=now, completed_at=now, content="Cũ"
    )
    Supplement.objects.create(dossier=ledger.due_soon, seq=2, requested_at=now, content="Bản sao sổ hộ khẩu")
    DossierStep.objects.filter(dossier=ledger.p2).update(unit=None, unit_name="Bộ phận đã giải thể")
    return ledger


def test_every_dossier_reads_as_the_orm_reads_it(ledger):
    for d in Dossier.objects.all():
        for code in (d.code, d.code.lower(), f"  {d.code} "):
            for phone in (d.applicant_phone, "+84 " + d.applicant_phone[1:], "0900000000", "0912"):
                assert read(code, phone) == orm_lookup(code, phone), (code, phone)


def test_the_latest_apology_and_the_open_supplement_are_read(ledger):
    overdue = public_lookup(ledger.overdue.code, PHONE)
    assert overdue is not None
    assert overdue.new_appointment_at is not None
    assert overdue.new_appointment_at > timezone.now() + dt.timedelta(days=5)
    supplement = public_lookup(ledger.due_soon.code, PHONE)
    assert supplement is not None and supplement.missing == "Bản sao sổ hộ khẩu"
    p2 = public_lookup(ledger.p2.code, "0987654321")
    assert p2 is not None and p2.steps[0].unit_name == "Bộ phận đã giải thể"


def test_a_wrong_code_or_phone_reads_nothing(ledger):
    assert public_lookup(ledger.late.code, "0912345780") is None
    assert public_lookup(ledger.late.code + "9", PHONE) is None
    assert public_lookup("", PHONE) is None
    assert public_lookup(ledger.late.code, "") is None
