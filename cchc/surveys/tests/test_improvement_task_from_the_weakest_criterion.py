"""The weakest criteria of a unit become improvement tasks of the task engine in one step: led by the
unit, assigned by the secretariat's unit, under a directive of the register, with a working-day clock."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cchc.surveys import actions
from cchc.surveys.models import ImprovementTask
from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


@pytest.fixture
def directive(world):
    from cchc.directives.actions_register import register_directive

    return register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "7190",
            "symbol": "UBND-NV",
            "date": dt.date(2022, 8, 15),
            "doc_type": "cong_van",
            "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS",
        },
    )


@pytest.fixture
def weak_p1(world, campaign, settings):
    settings.CCHC_SURVEY_WEAKEST_MIN_ANSWERS = 5
    good = {"E1.1": 5, "E2.1": 4, "E3.1": 5, "E4.1": 4}
    store(campaign, world.units["p1"], [dict(good, **{"E3.2": 2})] * 6)
    return campaign


def test_one_post_creates_the_task_for_the_unit_with_the_criterion_and_its_index(
    client, world, weak_p1, directive
):
    login_verified(client, world.users["secretariat"])
    url = reverse("surveys:unit_results", args=[weak_p1.pk, world.units["p1"].pk])
    page = client.get(url)
    assert next(w.item.code for w, _ in page.context["weak"]) == "E3.2"
    due = timezone.localdate() + dt.timedelta(days=30)
    response = client.post(
        reverse("surveys:improvement_task", args=[weak_p1.pk, world.units["p1"].pk]),
        {
            "item": "E3.2",
            "t-E3.2-item": "E3.2",
            "t-E3.2-directive": directive.pk,
            "t-E3.2-due": f"{due:%Y-%m-%d}",
        },
    )
    assert response.status_code == 302
    link = ImprovementTask.objects.get()
    task = link.task
    assert task.lead_unit == world.units["p1"] and task.assigner_unit == world.units["nv"]
    assert task.directive == directive and "E3.2" in task.text and "0,00%" in task.text
    assert task.created_by == world.users["secretariat"]
    assert task.deadline is not None and task.deadline.due >= due
    assert link.index == 0 and link.valid == 6
    assert "E3.2" in client.get(url).content.decode()


def test_a_second_task_for_the_same_open_criterion_is_refused(world, weak_p1, directive):
    due = timezone.localdate() + dt.timedelta(days=30)
    args = (world.users["secretariat"], weak_p1, world.units["p1"], "E3.2")
    actions.create_improvement_task(*args, directive=directive, due=due)
    with pytest.raises(ValidationError) as err:
        actions.create_improvement_task(*args, directive=directive, due=due)
    assert "đang thực hiện" in str(err.value)


@pytest.mark.parametrize("persona", ["leader", "office", "unit_head", "auditor"])
def test_only_the_secretariat_creates_improvement_tasks(world, weak_p1, directive, persona):
    with pytest.raises(PermissionDenied):
        actions.create_improvement_task(
            world.users[persona],
            weak_p1,
            world.units["p1"],
            "E3.2",
            directive=directive,
            due=dt.date(2030, 1, 1),
        )
    assert not ImprovementTask.objects.exists()
