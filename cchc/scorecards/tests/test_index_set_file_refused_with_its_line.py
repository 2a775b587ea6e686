"""An index-set file given for a year is refused, naming its line, when a criterion has no maximum or
its children could score more than it; nothing changes."""

from __future__ import annotations

import json

import pytest

from cchc.scorecards import actions
from cchc.scorecards.models import IndexVersion

pytestmark = pytest.mark.django_db

GOOD = {
    "format": 1,
    "family": "city",
    "year": 2023,
    "title": "Bộ chỉ số thử",
    "legal_basis": "thử",
    "max_points": 10,
    "children": [
        {
            "code": "1",
            "title": "Lĩnh vực 1",
            "max_points": 10,
            "children": [{"code": "1.1", "title": "Tiêu chí", "max_points": 10, "rule": "self_assessed"}],
        }
    ],
}


def _text(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)


def test_a_good_file_is_taken(world):
    v = actions.load_version(
        "tests", world.jurisdictions["city"], 2023, text=_text(GOOD), name="city-2023.json"
    )
    assert v.file_name == "city-2023.json"


def test_a_missing_maximum_is_refused_naming_the_line(world):
    doc = json.loads(json.dumps(GOOD))
    del doc["children"][0]["children"][0]["max_points"]
    with pytest.raises(actions.ScorecardError, match=r"dòng 1[0-9].*1\.1"):
        actions.load_version(
            "tests", world.jurisdictions["city"], 2023, text=_text(doc), name="city-2023.json"
        )
    assert not IndexVersion.objects.exists()


def test_children_above_their_maximum_are_refused_naming_the_line(world):
    doc = json.loads(json.dumps(GOOD))
    doc["children"][0]["children"].append(
        {"code": "1.2", "title": "Thêm", "max_points": 5, "rule": "appraised"}
    )
    with pytest.raises(actions.ScorecardError, match=r"dòng \d+.*vượt điểm tối đa"):
        actions.load_version(
            "tests", world.jurisdictions["city"], 2023, text=_text(doc), name="city-2023.json"
        )
    assert not IndexVersion.objects.exists()


def test_the_command_exits_2_naming_the_line_and_loads_a_good_file(world, tmp_path, capsys):
    from django.core.management import call_command

    bad = json.loads(json.dumps(GOOD))
    del bad["children"][0]["max_points"]
    path = tmp_path / "city-2023.json"
    path.write_text(_text(bad), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        call_command("load_index_set", str(path), "--area", "747", "--year", "2023")
    assert exc.value.code == 2
    assert "dòng 9 (1): thiếu điểm tối đa" in capsys.readouterr().err
    assert not IndexVersion.objects.exists()
    path.write_text(_text(GOOD), encoding="utf-8")
    call_command("load_index_set", str(path), "--area", "747", "--year", "2023")
    assert IndexVersion.objects.get().year == 2023
