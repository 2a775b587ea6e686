"""A unit's card and the city ranking download as notices in the Nghị định 30 layout (DOCX to sign, PDF
to read), issued by the city's People's Committee, with the figures of the card page and the workbook
(one ``cards.score``); a reader gets only the cards they may read, and no other format."""

from __future__ import annotations

import contextlib

import pytest
from django.test import Client
from django.urls import reverse

from cchc.core.official_documents import docx_text, pdf_text
from cchc.scorecards import actions
from cchc.scorecards.documents import points
from cchc.scorecards.queries import card_result
from cchc.scorecards.tests.card_helpers import open_year, score_of
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def _appraised(world):
    cards = open_year(world)
    card = cards["p1"]
    for row in card.scores.all():
        with contextlib.suppress(actions.ScorecardError):
            actions.self_assess(world.users["ward_officer"], row, points="1", note="")
    actions.submit(world.users["unit_head"], card)
    actions.appraise(
        world.users["secretariat"], score_of(card, "1.1"), points="0.5", comment="Kế hoạch ban hành muộn"
    )
    return cards


def _get(world, persona, name, *args, query=""):
    return login_verified(Client(), world.users[persona]).get(reverse(name, args=args) + query)


def test_points_read_the_vietnamese_way():
    assert [points(20.0), points(11.43), points(2.5), points(None)] == ["20", "11,43", "2,5", "—"]


def test_the_card_as_docx_names_the_unit_each_criterion_its_points_and_the_comment(world):
    cards = _appraised(world)
    card = cards["p1"]
    result = card_result(card)
    r = _get(world, "unit_head", "scorecards:card_file", card.pk, "docx")
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="chi-so-cchc-2022-P1.docx"'
    text = docx_text(r.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "THÔNG BÁO" in text
    assert "Kính gửi: UBND Phường 1" in text
    assert f"Tổng điểm: {points(result.total)} trên {points(result.max_scored)} điểm đã chấm" in text
    line = next(x for x in result.lines if x.code == "1.1")
    assert f"1.1. {line.criterion.title}" in text
    assert "đạt 0,5 điểm" in text and "Nhận xét thẩm định: Kế hoạch ban hành muộn" in text
    for x in result.lines:
        assert f"{x.code}. {x.criterion.title}" in text


def test_the_card_as_pdf_carries_the_same_total(world):
    card = _appraised(world)["p1"]
    r = _get(world, "secretariat", "scorecards:card_file", card.pk, "pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(r.content).split())
    assert f"Tổng điểm: {points(card_result(card).total)}" in text


def test_the_ranking_lists_every_card_the_reader_may_see_best_first(world):
    _appraised(world)
    r = _get(world, "leader", "scorecards:ranking_file", "docx", query="?nam=2022")
    assert r.status_code == 200
    text = docx_text(r.content)
    assert "Kết quả xếp hạng Chỉ số cải cách hành chính năm 2022" in text
    assert text.index("1. UBND Phường 1:") < text.index("UBND Phường 2: chưa có điểm")
    pdf = _get(world, "leader", "scorecards:ranking_file", "pdf")
    assert pdf.status_code == 200 and "UBND Phường 1" in pdf_text(pdf.content)


def test_a_ward_gets_only_its_own_card_and_the_front_nothing(world):
    cards = _appraised(world)
    assert (
        _get(world, "other_ward_officer", "scorecards:card_file", cards["p1"].pk, "docx").status_code == 404
    )
    assert _get(world, "front", "scorecards:ranking_file", "pdf").status_code == 403
    ranking = docx_text(_get(world, "other_ward_officer", "scorecards:ranking_file", "docx").content)
    assert "UBND Phường 2" in ranking and "UBND Phường 1" not in ranking


def test_another_format_is_not_found(world):
    cards = _appraised(world)
    assert _get(world, "leader", "scorecards:card_file", cards["p1"].pk, "odt").status_code == 404
    assert _get(world, "leader", "scorecards:ranking_file", "json").status_code == 404
