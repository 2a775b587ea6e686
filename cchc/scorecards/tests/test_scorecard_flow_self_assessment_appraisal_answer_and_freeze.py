"""A ward's card from self-assessment to scoring: points and evidence (a file and a link), submission,
appraisal with adjusted points, a comment and a deduction within the file's limit, one answer per
criterion, then scoring freezes the card and the year's index version."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core.models import AuditEvent
from cchc.scorecards import actions
from cchc.scorecards.models import Stage
from cchc.scorecards.queries import card_result
from cchc.scorecards.tests.card_helpers import open_year, score_of

pytestmark = pytest.mark.django_db


def _self_assess_everything(world, card):
    officer = world.users["ward_officer"]
    for row in card.scores.filter(self_points__isnull=True):
        with contextlib.suppress(actions.ScorecardError):  # not a self-assessed criterion
            actions.self_assess(officer, row, points="1", note="Đã thực hiện")


def test_the_whole_flow(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    card = open_year(world)["p1"]
    officer, head, ia = world.users["ward_officer"], world.users["unit_head"], world.users["secretariat"]

    plan = score_of(card, "1.1")
    actions.self_assess(officer, plan, points="2,5", note="Kế hoạch 12/KH-UBND ngày 10/01")
    pdf = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    actions.add_evidence(officer, plan, name="Kế hoạch CCHC 2022", file=pdf)
    actions.add_evidence(officer, plan, name="Trang công khai", link="https://phuong1.example.vn/cchc")
    assert plan.evidence.count() == 2
    _self_assess_everything(world, card)

    with pytest.raises(PermissionDenied):
        actions.submit(officer, card)  # only the head submits
    actions.submit(head, card)
    card.refresh_from_db()
    assert card.stage == Stage.SUBMITTED
    with pytest.raises(PermissionDenied):
        actions.self_assess(officer, plan, points="3", note="")  # the card has left the unit

    report = score_of(card, "1.2")
    actions.appraise(ia, report, points="2", comment="Báo cáo quý III nộp trễ", adjustment="-0.5")
    with pytest.raises(actions.ScorecardError, match="từ -1 đến 0"):
        actions.appraise(ia, report, points="2", comment="", adjustment="-2")  # the file allows −1 at most
    actions.finish_appraisal(ia, card)
    card.refresh_from_db()

    actions.answer(officer, score_of(card, "1.2"), text="Báo cáo gửi qua hệ thống ngày 28/9, có biên nhận")
    with pytest.raises(actions.ScorecardError, match="một lần"):
        actions.answer(head, score_of(card, "1.2"), text="Bổ sung")

    result = card_result(card)
    line = next(x for x in result.lines if x.code == "1.2")
    assert (line.base, line.points, line.lost) == (2.0, 1.5, 1.0)
    assert next(x for x in result.lines if x.code == "1.1").points == 2.5

    actions.freeze(ia, card)
    card.refresh_from_db()
    assert card.stage == Stage.SCORED and card.total == Decimal(str(card_result(card).total))
    assert card.version.frozen_at is not None
    with pytest.raises(PermissionDenied):
        actions.appraise(ia, score_of(card, "1.1"), points="0", comment="")
    with pytest.raises(actions.ScorecardError, match="đã chốt"):
        actions.load_version(ia, world.jurisdictions["city"], 2022)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {
        "scorecards.self_assessed",
        "scorecards.appraised",
        "scorecards.answered",
        "scorecards.scored",
    } <= verbs


def test_another_ward_cannot_touch_the_card(world):
    card = open_year(world)["p1"]
    with pytest.raises(PermissionDenied):
        actions.self_assess(world.users["other_ward_officer"], score_of(card, "1.1"), points="1", note="")


@pytest.mark.parametrize(
    ("points", "message"),
    [("4", "từ 0 đến 3"), ("-1", "từ 0 đến 3"), ("abc", "không phải là số"), ("NaN", "từ 0 đến 3")],
)
def test_bad_points_are_refused_with_a_message(world, points, message):
    card = open_year(world)["p1"]
    with pytest.raises(actions.ScorecardError, match=message):
        actions.self_assess(world.users["ward_officer"], score_of(card, "1.1"), points=points, note="")


def test_an_evidence_file_of_another_type_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    card = open_year(world)["p1"]
    exe = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(actions.ScorecardError, match="PDF, Word, Excel"):
        actions.add_evidence(world.users["ward_officer"], score_of(card, "1.1"), name="x", file=exe)
