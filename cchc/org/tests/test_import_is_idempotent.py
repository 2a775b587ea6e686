"""Importing the same file again changes nothing; an exported list imports back unchanged."""

from django.urls import reverse

from cchc.core.models import AuditEvent
from cchc.org.models import HeadKind
from cchc.org.tests.conftest import org_snapshot, run_import
from cchc.testing.personas import login_verified

UNITS = (
    "mã đơn vị,tên đơn vị,loại,mã địa bàn,mã đơn vị cấp trên,hiệu lực từ\n"
    "TCKH,Phòng Tài chính – Kế hoạch,Cơ quan chuyên môn,747,UBND-VT,01/01/2022\n"
    "TCKH-KH,Tổ Kế hoạch,Khác,747,TCKH,\n"
)
OFFICIALS = (
    "mã cán bộ,họ và tên,chức vụ,mã đơn vị,người đứng đầu\n"
    "CB-TCKH-TP,Võ Minh Tâm,Trưởng phòng,TCKH,có\n"
    "CB-TCKH-PP,Hồ Thị Yến,Phó Trưởng phòng,TCKH,\n"
)


def test_second_import_of_the_same_files_changes_nothing(world, csv_bytes):
    assert run_import(world, csv_bytes(UNITS)).ok
    assert run_import(world, csv_bytes(OFFICIALS)).ok
    before = org_snapshot()
    changes = AuditEvent.objects.exclude(verb="org.import").count()

    again_units = run_import(world, csv_bytes(UNITS))
    again_officials = run_import(world, csv_bytes(OFFICIALS))

    assert (again_units.created, again_units.updated, sorted(again_units.unchanged)) == (
        [],
        [],
        ["TCKH", "TCKH-KH"],
    )
    assert (again_officials.created, again_officials.updated, again_officials.heads) == ([], [], [])
    assert org_snapshot() == before
    assert AuditEvent.objects.exclude(verb="org.import").count() == changes


def test_a_changed_row_is_updated_in_place_not_duplicated(world, csv_bytes):
    assert run_import(world, csv_bytes(UNITS)).ok
    report = run_import(world, csv_bytes(UNITS.replace("Tổ Kế hoạch", "Tổ Kế hoạch – Đầu tư")))
    assert report.updated == ["TCKH-KH"]
    event = AuditEvent.objects.filter(verb="org.unit.update").latest("pk")
    assert event.data["diff"] == {"name": ["Tổ Kế hoạch", "Tổ Kế hoạch – Đầu tư"]}


def test_exported_lists_import_back_without_any_change(client, world, csv_bytes):
    assert run_import(world, csv_bytes(UNITS)).ok
    assert run_import(world, csv_bytes(OFFICIALS)).ok
    login_verified(client, world.users["secretariat"])
    units_file = client.get(reverse("org:unit_export") + "?hieu_luc=tat_ca").content
    officials_file = client.get(reverse("org:official_export") + "?trang_thai=tat_ca").content
    before = org_snapshot()

    units = run_import(world, units_file, "don-vi.xlsx")
    officials = run_import(world, officials_file, "can-bo.xlsx")

    assert units.ok and officials.ok, units.text() + officials.text()
    assert (units.created, units.updated) == ([], [])
    assert len(units.unchanged) == 10
    assert (officials.created, officials.updated, officials.heads) == ([], [], [])
    assert org_snapshot() == before
    assert world.units["p1"].accountable_head() == world.officials["unit_head"]
    assert HeadKind.HEAD in {h.kind for h in world.units["p1"].heads.all()}
