"""``cchc demo-dossiers``: writes the year with a summary line; bad input is a Vietnamese message on
stderr with exit status 2."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.demo_helpers import demo_city

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("demo_dossiers", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_the_command_writes_the_year_and_reports_progress():
    demo_city()
    code, out, err = run("--count", "120", "--seed", "4")
    assert code == 0
    assert out.startswith("120 hồ sơ trình diễn: 120 mới")
    assert "Đã ghi 120/120 hồ sơ (100%)" in err
    assert Dossier.objects.count() == 120


def test_the_command_writes_a_file_with_out(tmp_path):
    demo_city()
    target = tmp_path / "nam-2022.json"
    code, out, _ = run("--count", "50", "--out", str(target), "--quiet")
    assert code == 0 and str(target) in out
    assert len(json.loads(target.read_text(encoding="utf-8"))["data"]) == 50
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--count", "0"), "--count phải lớn hơn 0"),
        (("--count", "nhiều"), "--count phải là một số nguyên"),
        (("--seed", "x"), "--seed phải là một số nguyên"),
        (("--count", "10", "--year", "2019"), "Năm 2019 không dùng được"),
        (("--count", "10", "--out", "/khong/co/thu-muc/a.json"), "không tồn tại"),
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message(args, message):
    demo_city()
    code, _, err = run(*args)
    assert code == 2
    assert message in err
    assert not Dossier.objects.exists()


def test_without_the_demo_organisation_it_says_what_to_run():
    code, _, err = run("--count", "10")
    assert code == 2 and "cchc load-demo" in err
