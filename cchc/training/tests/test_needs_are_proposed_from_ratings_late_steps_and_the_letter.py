"""Training needs come from the data: an official citizens rate "not satisfied" past the surveys'
threshold, an official whose overrun steps made dossiers late, the audience of the topics the founding
letter names who have not attended, and findings from a registered inspection source. Proposing again
adds nothing new."""

import datetime as dt

from django.utils import timezone

from cchc.dossiers.tests.factories import late_dossier
from cchc.surveys.actions.responses import rate_dossier
from cchc.surveys.models import RatingLevel
from cchc.surveys.tests.conftest import make_dossier
from cchc.training import actions, needs
from cchc.training.models import Attendance, NeedSource, TrainingNeed
from cchc.training.tests.conftest import make_class, make_course


def _by_source():
    out: dict[str, set[tuple[str, str]]] = {}
    for n in TrainingNeed.objects.select_related("official", "topic"):
        out.setdefault(n.source, set()).add((n.official.code, n.topic.code))
    return out


def test_each_source_proposes_its_officials_and_topics(world, settings):
    settings.CCHC_SURVEY_OFFICIAL_MIN_RATINGS = 5
    settings.CCHC_TRAINING_LATE_STEPS_MIN = 2
    today = timezone.localdate()
    now = timezone.now()
    for i, level in enumerate([RatingLevel.NOT_SATISFIED] * 3 + [RatingLevel.SATISFIED] * 3):
        rate_dossier(make_dossier(world, f"R-{i}"), level, channel="link", at=now - dt.timedelta(days=2))
    received = now - dt.timedelta(days=20)
    for i in range(2):
        late_dossier(world, f"L-{i}", received=received)

    found = needs.propose_needs(world.users["secretariat"], world.jurisdictions["city"], today=today)

    got = _by_source()
    # Both officials on the rated dossiers' steps got 50 % "not satisfied" (threshold 15 %).
    assert got[NeedSource.RATINGS] == {("CB-P1-MC", "giao-tiep-ung-xu"), ("CB-P1-CV", "giao-tiep-ung-xu")}
    # The late dossiers' causes blame the ward officer's step.
    assert got[NeedSource.LATE_STEPS] == {("CB-P1-CV", "nghiep-vu-tthc")}
    # The one-stop officer is the audience of the letter's three compulsory topics.
    assert got[NeedSource.LETTER] == {
        ("CB-P1-MC", "dich-vu-cong-truc-tuyen"),
        ("CB-P1-MC", "so-hoa-ho-so"),
        ("CB-P1-MC", "giao-tiep-ung-xu"),
    }
    assert found.counts == {"ratings": 2, "late_steps": 1, "letter": 3, "inspection": 0}
    evidence = TrainingNeed.objects.get(source=NeedSource.LATE_STEPS).evidence
    assert evidence.startswith("2 hồ sơ trễ hạn")

    again = needs.propose_needs(world.users["secretariat"], world.jurisdictions["city"], today=today)
    assert again.total == 0 and TrainingNeed.objects.count() == 6


def test_an_official_who_attended_is_not_proposed_for_the_letters_topic(world):
    sec = world.users["secretariat"]
    course = make_course(world, "so-hoa-ho-so", title="Số hóa hồ sơ")
    cls = make_class(world, course, -2)
    (row,) = actions.invite(sec, cls, [world.officials["one_stop"]])
    actions.record_attendance(sec, cls, {row.pk: Attendance.PRESENT})
    needs.propose_needs(sec, world.jurisdictions["city"], today=timezone.localdate())
    letter = {n.topic.code for n in TrainingNeed.objects.filter(source=NeedSource.LETTER)}
    assert letter == {"dich-vu-cong-truc-tuyen", "giao-tiep-ung-xu"}


def test_a_registered_inspection_source_becomes_needs(world, monkeypatch):
    monkeypatch.setattr(needs, "_FINDING_SOURCES", [])

    def findings(area, first, last):
        return [
            needs.FindingNeed(
                world.officials["other_ward_officer"], "nghiep-vu-tthc", "Kết luận kiểm tra: niêm yết sai"
            )
        ]

    needs.register_finding_source(findings)
    found = needs.propose_needs(
        world.users["secretariat"], world.jurisdictions["city"], today=timezone.localdate()
    )
    assert found.counts["inspection"] == 1
    need = TrainingNeed.objects.get(source=NeedSource.INSPECTION)
    assert need.official.code == "CB-P2-CV" and need.evidence.startswith("Kết luận kiểm tra")
