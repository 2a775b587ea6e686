"""The demo shows training and reform proposals meaningfully, relative to its today: classes held and
graded, held and marked, coming with invitations, cancelled; needs proposed from the data and some
closed by attendance; proposals in every state, with follow-up tasks within time, overdue and done;
the register of procedures reviewed this year and last."""

from django.utils import timezone

from cchc.core import demo_clock
from cchc.directives.models import TaskStatus
from cchc.proposals.models import ProcedureReview, Proposal, Status
from cchc.training.models import ClassStatus, Enrolment, NeedSource, NeedStatus, TrainingClass, TrainingNeed


def test_training_in_every_state(demo_db):
    today = demo_clock.today()
    statuses = set(TrainingClass.objects.values_list("status", flat=True))
    assert statuses == {ClassStatus.PLANNED, ClassStatus.HELD, ClassStatus.CLOSED, ClassStatus.CANCELLED}
    assert TrainingClass.objects.filter(status=ClassStatus.PLANNED, start_date__gt=today).exists()
    assert TrainingClass.objects.filter(status=ClassStatus.CLOSED, start_date__lt=today).exists()
    assert Enrolment.objects.exclude(certificate_number="").exists()
    assert Enrolment.objects.filter(attendance="absent").exists()
    assert TrainingNeed.objects.filter(status=NeedStatus.CLOSED, closed_by__isnull=False).exists()
    assert TrainingNeed.objects.filter(status=NeedStatus.OPEN, source=NeedSource.LETTER).exists()
    assert TrainingNeed.objects.filter(source=NeedSource.RATINGS).exists()


def test_proposals_in_every_state_with_their_tasks(demo_db):
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Status.values)
    tasks = [p.task for p in Proposal.objects.filter(status=Status.APPROVED).select_related("task__deadline")]
    assert all(t is not None for t in tasks)
    today = timezone.localdate()
    assert any(t.status == TaskStatus.DONE for t in tasks)
    assert any(t.status == TaskStatus.OPEN and t.deadline.due < today for t in tasks)
    assert any(t.status == TaskStatus.OPEN and t.deadline.due >= today for t in tasks)
    years = set(ProcedureReview.objects.values_list("year", flat=True))
    assert years == {demo_clock.today().year, demo_clock.today().year - 1}
