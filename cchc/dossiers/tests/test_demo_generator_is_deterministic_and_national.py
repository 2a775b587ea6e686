"""``cchc demo-dossiers``: a seed gives the same year byte for byte, the file is in the national sync
shape and imports cleanly, and writing the same year twice changes nothing."""

from __future__ import annotations

import json

import pytest

from cchc.dossiers import demo
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, DossierEvent, Procedure
from cchc.dossiers.records import parse_record
from cchc.dossiers.tests.demo_helpers import demo_city

pytestmark = pytest.mark.django_db


def test_the_same_seed_gives_the_same_file_and_another_seed_another(tmp_path):
    demo_city()
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    demo.run(400, seed=11, out=a)
    demo.run(400, seed=11, out=b)
    demo.run(400, seed=12, out=c)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    assert not Dossier.objects.exists()  # --out writes only the file


def test_the_file_is_in_the_national_shape_and_imports_without_a_rejected_row(tmp_path):
    demo_city()
    out = tmp_path / "demo.json"
    result = demo.run(500, seed=3, out=out)
    assert result.count == 500
    data = json.loads(out.read_text(encoding="utf-8"))["data"]
    assert len(data) == 500
    assert {"MaHoSo", "MaTTHC", "DonViXuLy", "TrangThaiHoSo", "NgayTiepNhan", "QuaTrinhXuLy"} <= set(data[0])
    for i, obj in enumerate(data, start=1):
        _, errors = parse_record(i, obj)
        assert not errors, errors
    assert len({obj["MaHoSo"] for obj in data}) == 500
    imported = import_bytes(out.read_bytes(), out.name, actor="test", as_of=None)
    assert imported.ok, imported.errors[:3]
    assert imported.result.created == 500


def test_writing_the_same_year_twice_changes_nothing(tmp_path):
    demo_city()
    first = demo.run(300, seed=5)
    assert (first.created, first.count) == (300, 300)
    events = DossierEvent.objects.count()
    second = demo.run(300, seed=5)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 300)
    assert DossierEvent.objects.count() == events
    # The file of the same seed is the same year: importing it changes nothing either.
    out = tmp_path / "same.json"
    demo.run(300, seed=5, out=out)
    again = import_bytes(out.read_bytes(), out.name, actor="test")
    assert again.result.unchanged == 300


def test_the_demo_catalogue_loads_once_with_units_and_limits():
    demo_city()
    assert demo.load_catalogue().startswith("Đã nhập: 0 thủ tục mới")
    birth = Procedure.objects.get(national_code="1.001193")
    assert birth.name == "Thủ tục đăng ký khai sinh"
    assert birth.handling_units.count() == 17
    land = Procedure.objects.get(national_code="1.004203")
    assert land.inter_agency and any(s["external"] for s in land.step_shares)
    assert Procedure.objects.get(national_code="2.000815").limit_unit == "hours"


def test_the_load_demo_step_summarises_what_it_wrote():
    demo_city()
    line = demo.load_dossier_demo(count=150)
    assert line.startswith("150 hồ sơ trình diễn: 150 mới")
    assert Dossier.objects.count() == 150
