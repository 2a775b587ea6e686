"""The late list's spreadsheet names the blamed officials as the page does: by their account's name now,
so an official renamed after the import appears under the new name on the screen and in the export."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from cchc.dossiers.tests.test_blame_follows_the_official_account_not_the_name import (
    import_two_late_dossiers,
)
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list]:
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_a_renamed_official_is_exported_under_the_name_the_page_shows(client, world):
    ward, _namesake = import_two_late_dossiers(world)
    old_name = ward.full_name
    ward.full_name = "Trần Thị Bình An"
    ward.save()
    login_verified(client, world.users["leader"])
    params = {"official_id": ward.pk, "official": ward.full_name}
    html = client.get("/ho-so/tre-han/", params).content.decode()
    assert "Trần Thị Bình An" in html
    _title, _note, headers, *data = rows_of(client.get("/ho-so/tre-han/", {**params, "xuat": "xlsx"}))
    officials = {row[headers.index("Cán bộ")] for row in data}
    assert [row[0] for row in data] == ["BLAME-HERS"]
    assert officials == {"Trần Thị Bình An"}
    assert old_name not in officials
