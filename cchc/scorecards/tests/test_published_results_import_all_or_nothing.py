"""Importing the province's published PAR INDEX and SIPAS: the shipped file imports; a row with an
unknown unit or year (or a value that is not a number) is named and nothing is written; the city index
page shows the latest published year before the scored year, with its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from cchc.scorecards.actions import import_published
from cchc.scorecards.models import PublishedResult
from cchc.scorecards.published import PublishedImportError
from cchc.scorecards.tests.card_helpers import open_year
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "published-results.csv"
HEAD = "ChiSo,Nam,MaDonVi,ThanhPhan,TenThanhPhan,GiaTri,ToiDa,XepHang,TrenTong,Nguon\n"


def test_the_shipped_file_imports_and_again_changes_nothing(world):
    assert import_published("tests", SHIPPED.read_bytes()) == 8
    assert import_published("tests", SHIPPED.read_bytes()) == 8
    assert PublishedResult.objects.count() == 8
    total_2020 = PublishedResult.objects.get(family="parindex", year=2020, component="total")
    assert (str(total_2020.value), total_2020.rank) == ("86.02", 9)


@pytest.mark.parametrize(
    ("row", "named"),
    [
        ("parindex,2021,99,total,Chỉ số,80,100,,,x", "Dòng 3, cột MaDonVi"),
        ("parindex,1999,77,total,Chỉ số,80,100,,,x", "Dòng 3, cột Nam"),
        ("parindex,20x1,77,total,Chỉ số,80,100,,,x", "Dòng 3, cột Nam"),
        ("paris,2021,77,total,Chỉ số,80,100,,,x", "Dòng 3, cột ChiSo"),
        ("sipas,2021,77,total,Chỉ số,tám mươi,100,,,x", "Dòng 3, cột GiaTri"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(world, row, named):
    data = (HEAD + "parindex,2021,77,total,Chỉ số,87.61,100,,63,x\n" + row + "\n").encode()
    with pytest.raises(PublishedImportError) as exc:
        import_published("tests", data)
    assert named in str(exc.value)
    assert not PublishedResult.objects.exists()


def test_the_command_exits_2_naming_the_row_and_writes_nothing(world, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "cong-bo.csv"
    path.write_text(
        HEAD + "parindex,2021,77,total,Chỉ số,87.61,100,,63,x\n" + "sipas,2030,77,total,Chỉ số,80,100,,,x\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exc:
        call_command("import_published_results", str(path))
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Dòng 3, cột Nam" in err and "Không nhập dòng nào." in err
    assert not PublishedResult.objects.exists()
    with pytest.raises(SystemExit) as exc:
        call_command("import_published_results", str(tmp_path / "khong-co.csv"))
    assert exc.value.code == 2
    assert not PublishedResult.objects.exists()


def test_a_file_that_is_not_utf8_text_is_refused(world):
    with pytest.raises(PublishedImportError, match="UTF-8"):
        import_published("tests", HEAD.encode("utf-16"))


def test_the_city_index_page_shows_the_published_results_beside_the_units(world):
    import_published("tests", SHIPPED.read_bytes())
    open_year(world)  # 2022: the latest published before it are PAR INDEX 2021 and SIPAS 2021
    r = login_verified(Client(), world.users["leader"]).get(reverse("scorecards:city"))
    page = r.content.decode()
    assert "87,61%" in page and "86,72%" in page and "Báo Bà Rịa - Vũng Tàu" in page
