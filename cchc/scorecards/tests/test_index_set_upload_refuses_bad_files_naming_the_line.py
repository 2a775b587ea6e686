"""The index-set upload refuses a bad file with a Vietnamese message naming the file and its line, answers
400 and changes nothing: a missing maximum, children above their parent's maximum, broken or too deep
JSON, NUL bytes, another encoding, a file too large, another index family, an impossible year, no file;
and a year with a scored card is frozen."""

from __future__ import annotations

import contextlib
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.scorecards import actions
from cchc.scorecards.models import IndexVersion
from cchc.scorecards.tests.card_helpers import open_year
from cchc.scorecards.tests.index_set_helpers import good, text
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def _post(world, data: bytes | None, year: str = "2022", name: str = "city-2023.json"):
    payload: dict = {"nam": year}
    if data is not None:
        payload["file"] = SimpleUploadedFile(name, data, "application/json")
    c = login_verified(Client(), world.users["secretariat"])
    r = c.post(reverse("scorecards:index_sets"), payload)
    return r.status_code, html.unescape(r.content.decode())


@pytest.fixture
def before(world):
    open_year(world)
    return lambda: list(IndexVersion.objects.values_list("pk", "year", "text", "file_name"))


def _refused(world, before, data, expected: str, **kw) -> None:
    snapshot = before()
    status, page = _post(world, data, **kw)
    assert status == 400, page[:500]
    assert expected in page
    assert before() == snapshot


def test_a_missing_maximum_names_its_line_and_criterion(world, before):
    doc = good()
    del doc["children"][0]["children"][1]["max_points"]
    _refused(
        world,
        before,
        text(doc).encode(),
        "Tệp bộ chỉ số city-2023.json, dòng 20 (1 › 1.2): thiếu điểm tối đa",
    )


def test_children_above_their_parents_maximum_name_the_line(world, before):
    doc = good()
    doc["children"][0]["children"][0]["max_points"] = 8
    _refused(
        world,
        before,
        text(doc).encode(),
        "dòng 9 (1): tổng điểm tối đa của các tiêu chí con (12) vượt điểm tối đa (10)",
    )


def test_broken_json_names_its_line(world, before):
    _refused(world, before, b'{\n "format": 1,\n "family": city\n}', "dòng 3")


def test_too_deep_json_is_refused(world, before):
    _refused(world, before, b"[" * 100_000 + b"]" * 100_000, "quá")


def test_a_nul_byte_names_its_line(world, before):
    _refused(world, before, b'{\n "format": 1,\x00\n}', "dòng 2: có ký tự rỗng")


def test_another_encoding_is_refused(world, before):
    _refused(world, before, text(good()).encode("utf-16"), "không phải văn bản UTF-8")


def test_a_file_too_large_is_refused(world, before):
    _refused(world, before, b" " * 2_000_001, "lớn quá 2 MB")


def test_another_index_family_is_refused(world, before):
    doc = good()
    doc["family"] = "parindex"
    _refused(world, before, text(doc).encode(), "không phải bộ chỉ số CCHC của thành phố")


@pytest.mark.parametrize("year", ["", "20x2", "0", "99999", "-1", "２０２２"])
def test_an_impossible_year_is_refused(world, before, year):
    _refused(world, before, text(good()).encode(), "Năm đánh giá phải là một năm", year=year)


def test_a_nul_byte_in_the_year_names_the_field(world, before):
    _refused(world, before, text(good()).encode(), "Ô «nam» chứa ký tự không hợp lệ", year="2022\x00")


def test_no_file_is_refused(world, before):
    _refused(world, before, None, "Chưa chọn tệp bộ chỉ số")


def test_a_year_with_a_scored_card_is_frozen(world):
    card = open_year(world)["p1"]
    officer, ia = world.users["ward_officer"], world.users["secretariat"]
    for row in card.scores.all():
        with contextlib.suppress(actions.ScorecardError):
            actions.self_assess(officer, row, points="1", note="")
    actions.submit(world.users["unit_head"], card)
    actions.finish_appraisal(ia, card)
    actions.freeze(ia, card)
    text_before = IndexVersion.objects.get(year=2022).text
    status, page = _post(world, text(good()).encode())
    assert status == 400 and "Bộ chỉ số năm 2022 đã chốt điểm, không thay được." in page
    assert IndexVersion.objects.get(year=2022).text == text_before
