"""Demo step: the founding letter registered, read by the reader, confirmed into tasks
and followed up to today — mostly done, some late, some extended, a few still overdue — and a second
run adds nothing."""

from __future__ import annotations

import pytest

from cchc.core import demo_clock
from cchc.deadlines.models import DeadlineExtension, ExtensionStatus
from cchc.directives.demo import load_directives_demo
from cchc.directives.models import Directive, DirectiveUpload, Task
from cchc.directives.queries import tally_by
from cchc.lib.deadlines import State


@pytest.fixture
def demo_org(db):
    from cchc.accounts.demo import load_accounts
    from cchc.org.demo import load_org

    org = load_org()
    load_accounts(org)
    return org


def test_the_demo_reads_confirms_and_follows_up_the_seed(demo_org):
    summary = load_directives_demo()
    seed = Directive.objects.get(number="7190", symbol="UBND-NV")
    assert summary.startswith(f"Công văn 7190/UBND-NV ngày {demo_clock.letter_date():%d/%m/%Y}")
    assert seed.date == demo_clock.letter_date()
    assert DirectiveUpload.objects.get().directive == seed  # read by the reader, then confirmed
    assert len(seed.proposal["tasks"]) == 26
    # The cited documents are in the register and the links point at them.
    linked = {link.reference for link in seed.links.filter(target__isnull=False)}
    assert linked == {"9228/UBND-SNV", "4861/UBND-NV", "7054/UBND-VP", "5954/UBND-VP", "4278/UBND-NV"}
    # Section 1 went to every agency (12) and every ward (17).
    first = Task.objects.filter(directive=seed, section="1").order_by("id").first()
    assert Task.objects.filter(directive=seed, text=first.text).count() == 29

    from cchc.directives.actions import today

    tally = tally_by(Task.objects.filter(directive=seed), "directive", today())[seed.pk]
    # The letter is about four months old: of the tasks whose deadline has passed most were done on
    # time, some are overdue by weeks (never years), and some are still due in the weeks ahead.
    past_due = tally[State.DONE_ON_TIME] + tally[State.DONE_LATE] + tally.overdue
    assert tally[State.DONE_ON_TIME] > past_due / 2
    assert tally[State.OPEN_WITHIN] > 0
    oldest = min(t.deadline.due for t in Task.objects.filter(directive=seed, deadline__due__isnull=False))
    assert (today() - oldest).days < 200
    assert tally[State.DONE_LATE] > 0 and tally.overdue > 0 and tally[State.AWAITING_CONFIRMATION] > 0
    assert tally.late_vs_original > tally[State.DONE_LATE] + tally.overdue  # extensions hide nothing
    assert DeadlineExtension.objects.filter(status=ExtensionStatus.APPROVED).exists()
    assert DeadlineExtension.objects.filter(status=ExtensionStatus.REFUSED).exists()
    assert DeadlineExtension.objects.filter(status=ExtensionStatus.PENDING).count() == 1
    # The demo ward (phuong1 / congchuc) has something overdue to show.
    p1 = tally_by(Task.objects.filter(lead_unit=demo_org.units["UBND-P1"]), "lead_unit", today())
    assert p1[demo_org.units["UBND-P1"].pk].overdue >= 1


def test_a_second_run_adds_nothing(demo_org):
    load_directives_demo()
    counts = (Directive.objects.count(), Task.objects.count(), DeadlineExtension.objects.count())
    load_directives_demo()
    assert (Directive.objects.count(), Task.objects.count(), DeadlineExtension.objects.count()) == counts
