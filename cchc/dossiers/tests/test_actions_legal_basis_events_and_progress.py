"""The write path records the legal basis by receipt date, one event per change, one audit row per
batch; progress and status updates (the API's CapNhatTienDoHoSoMC) go through the same path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cchc.core.models import AuditEvent
from cchc.dossiers.actions import DossierWriteError, append_progress, set_status, upsert_dossiers
from cchc.dossiers.models import DossierEvent, DossierStep, LegalBasis
from cchc.dossiers.records import StepRecord, parse_record
from cchc.dossiers.tests.import_helpers import make_catalogue, national

pytestmark = pytest.mark.django_db


def recs(*objs):
    out = []
    for i, o in enumerate(objs, start=1):
        r, errs = parse_record(i, o)
        assert not errs, errs
        out.append(r)
    return out


def test_legal_basis_follows_the_receipt_date(world):
    make_catalogue()
    rows = recs(
        national(
            "L1", NgayTiepNhan="20250630160000", NgayHenTra="20250703170000", NgayKetThucXuLy="20250702090000"
        ),
        national(
            "L2", NgayTiepNhan="20250701080000", NgayHenTra="20250704170000", NgayKetThucXuLy="20250702090000"
        ),
    )
    upsert_dossiers(rows, actor=world.users["office"], source="test", as_of=dt.date(2025, 8, 1))
    from cchc.dossiers.models import Dossier

    assert Dossier.objects.get(code="L1").legal_basis == LegalBasis.ND61
    assert Dossier.objects.get(code="L2").legal_basis == LegalBasis.ND118


def test_each_created_dossier_gets_an_event_and_the_batch_one_audit_row(world):
    make_catalogue()
    office = world.users["office"]
    upsert_dossiers(recs(national("E1"), national("E2")), actor=office, source="api")
    events = DossierEvent.objects.order_by("dossier__code")
    assert [(e.dossier.code, e.kind, e.actor, e.data["source"]) for e in events] == [
        ("E1", "created", office, "api"),
        ("E2", "created", office, "api"),
    ]
    audit = AuditEvent.objects.get(verb="dossiers.upsert")
    assert audit.actor == office and audit.data["created"] == 2


def test_roles_that_do_not_handle_dossiers_cannot_write_them(world):
    make_catalogue()
    for key in ("leader", "unit_head", "ward_officer", "front", "auditor"):
        with pytest.raises(PermissionDenied):
            upsert_dossiers(recs(national("W1")), actor=world.users[key], source="test")


def test_appending_progress_adds_the_step_once_and_records_the_change(world):
    make_catalogue()
    office = world.users["office"]
    upsert_dossiers(
        recs(national("S1", TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra="")), actor=office, source="t"
    )
    from cchc.dossiers.models import Dossier

    d = Dossier.objects.get(code="S1")
    step = StepRecord(
        0,
        "P1",
        "P1-MC",
        "Hoàng Minh Đức",
        "Chủ tịch",
        "Ký duyệt",
        dt.datetime(2022, 3, 10, 8),
        dt.datetime(2022, 3, 10, 9),
        dt.datetime(2022, 3, 10, 17),
        False,
    )
    res = append_progress(d, [step], actor=office)
    assert res.updated == 1
    assert DossierStep.objects.filter(dossier=d).count() == 3
    last = DossierStep.objects.filter(dossier=d).order_by("-seq").first()
    assert last.official == world.officials["unit_head"] and last.from_unit == world.units["p1_mc"]
    again = append_progress(d, [step], actor=office)
    assert again.unchanged == 1
    assert DossierEvent.objects.filter(dossier=d, kind="updated").count() == 1


def test_setting_a_terminal_status_ends_processing_and_judges_the_dossier(world):
    make_catalogue()
    office = world.users["office"]
    upsert_dossiers(
        recs(national("S2", TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra="")), actor=office, source="t"
    )
    from cchc.dossiers.models import Dossier

    d = Dossier.objects.get(code="S2")
    set_status(d, 9, actor=office, at=dt.datetime(2022, 3, 14, 10))
    d.refresh_from_db()
    assert d.status == 9 and d.outcome == "late" and d.finished_on == dt.date(2022, 3, 14)
    ev = DossierEvent.objects.filter(dossier=d, kind="updated").get()
    assert ev.data["changes"]["status"] == [4, 9]


def test_a_status_outside_the_catalogue_is_refused(world):
    make_catalogue()
    office = world.users["office"]
    upsert_dossiers(recs(national("S3")), actor=office, source="t")
    from cchc.dossiers.models import Dossier

    with pytest.raises(DossierWriteError) as exc:
        set_status(Dossier.objects.get(code="S3"), 12, actor=office)
    assert "TrangThaiHoSo" in str(exc.value)
