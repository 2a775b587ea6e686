"""The per-dossier evaluation of docs/rules/surveys.md: nine indicators scored 2/1/0, computed from the
dossier data where the data allow, the others reported as not computable; bands are a setting."""

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse

from cchc.dossiers.models import Channel, Outcome
from cchc.dossiers.tests.factories import StepSpec, at
from cchc.lib import evaluation as ev
from cchc.surveys.evaluation import band_of, evaluate
from cchc.surveys.tests.conftest import URLS, make_dossier
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


# --- the pure scorers (known answers from the table of docs/rules/surveys.md) ----------------------------


@pytest.mark.parametrize(("finished", "due", "score"), [(1, 2, 2), (2, 2, 1), (3, 2, 0)])
def test_time_against_the_allowed_time_scores_shorter_equal_longer(finished, due, score):
    assert ev.by_comparison(dt.date(2022, 6, finished), dt.date(2022, 6, due)) == score


def test_each_agency_takes_the_worst_step_and_skips_steps_without_a_deadline():
    d = dt.date
    assert ev.each_agency([(d(2022, 6, 1), d(2022, 6, 3)), (d(2022, 6, 3), d(2022, 6, 3))]) == (1, 2)
    assert ev.each_agency([(d(2022, 6, 1), None), (d(2022, 6, 5), d(2022, 6, 3))]) == (0, 1)
    assert ev.each_agency([(None, d(2022, 6, 3))]) == (None, 0)


@pytest.mark.parametrize(("requests", "score"), [(0, 2), (1, 1), (2, 0), (3, 0)])
def test_trips_back_for_supplements(requests, score):
    assert ev.supplement_trips(requests) == score


def test_feedback_handling_bands():
    assert ev.feedback_handling(0, 0, 0, 90) == 2  # none received
    assert ev.feedback_handling(10, 10, 0, 90) == 2
    assert ev.feedback_handling(10, 9, 0, 90) == 1
    assert ev.feedback_handling(10, 8, 0, 90) == 0
    assert ev.feedback_handling(10, 10, 1, 90) == 0  # a drawn-out case


def test_online_services_bands():
    kw = {"procedure_share": 20, "high": 30, "low": 15}
    assert ev.online_services(10, 2, 100, 30, 0, **kw) == 2
    assert ev.online_services(10, 1, 100, 30, 0, **kw) == 1  # 10 % of procedures online
    assert ev.online_services(10, 2, 100, 20, 0, **kw) == 1
    assert ev.online_services(10, 2, 100, 10, 0, **kw) == 0
    assert ev.online_services(10, 5, 100, 50, 1, **kw) == 0  # an online dossier late


def test_staff_attitude_without_a_known_verdict_is_not_scored():
    assert ev.staff_attitude("early", 0) == 2
    assert ev.staff_attitude("on_time", 0) == 1
    assert ev.staff_attitude("early", 1) is None


def test_bands_follow_the_setting_and_a_boundary_goes_up():
    bands = [(15.5, "Xuất sắc"), (12, "Tốt"), (9, "Khá"), (6, "Trung bình"), (0, "Yếu")]
    assert ev.band(Fraction(16), bands) == "Xuất sắc"
    assert ev.band(Fraction(15), bands) == "Tốt"
    assert ev.band(Fraction(12), bands) == "Tốt"
    assert ev.band(Fraction(9), bands) == "Khá"
    assert ev.band(Fraction(5), bands) == "Yếu"


def test_the_scaled_total_counts_only_what_could_be_scored():
    e = ev.Evaluation((ev.Score(1, 2), ev.Score(2, 1), ev.Score(5, None)))
    assert (e.total, e.maximum) == (3, 4)
    assert e.scaled == Fraction(27, 2)  # 3/4 of 18
    assert [s.number for s in e.missing] == [5]


# --- from the dossier data -----------------------------------------------------------------------


def test_an_early_in_person_dossier_without_supplements(world):
    d = make_dossier(world, "EV-1", outcome=Outcome.EARLY)
    e = evaluate(d)
    scores = {s.number: s.score for s in e.scores}
    assert scores[1] == 2  # early
    assert scores[2] == 2  # both steps finished before their own deadline day
    assert scores[3] == 2 and scores[4] == 1  # no supplement; in person at the one-stop office
    assert scores[5] is None and scores[6] is None  # not in the data
    assert scores[7] == 2  # early, no petition about it
    assert scores[8] == 2  # the unit received no petition in the window
    assert scores[9] == 0  # no procedure at level 3/4 and no online dossier


def test_a_late_online_dossier_with_two_supplements(world):
    received = at(2022, 6, 1, 8)
    steps = [
        StepSpec(
            "p1", "ward_officer", received, received + dt.timedelta(days=6), received + dt.timedelta(days=3)
        )
    ]
    supplements = [(received + dt.timedelta(days=1), received + dt.timedelta(days=2))] * 2
    d = make_dossier(
        world, "EV-2", outcome=Outcome.LATE, channel=Channel.ONLINE, steps=steps, supplements=supplements
    )
    scores = {s.number: s.score for s in evaluate(d).scores}
    assert scores[1] == 0 and scores[2] == 0 and scores[3] == 0 and scores[4] == 2 and scores[7] == 0


def test_the_band_of_a_dossier_is_the_configured_one(world, settings):
    d = make_dossier(world, "EV-3", outcome=Outcome.EARLY)
    settings.CCHC_SURVEY_EVALUATION_BANDS = [(10, "Đạt"), (0, "Chưa đạt")]
    assert band_of(evaluate(d)) == "Đạt"


def test_the_evaluation_page_names_what_cannot_be_computed(client, world):
    make_dossier(world, "EV-4", outcome=Outcome.ON_TIME)
    login_verified(client, world.users["one_stop"])
    html = client.get(reverse("surveys:dossier_evaluation", args=["EV-4"])).content.decode()
    assert "không tính được" in html and "ủy quyền" in html
    assert "7/9 chỉ tiêu" in html


def test_the_monthly_summary_averages_the_indicators(client, world):
    for n in range(3):
        make_dossier(world, f"EV-S{n}", outcome=Outcome.ON_TIME, finished_on=dt.date(2022, 6, 3))
    login_verified(client, world.users["unit_head"])
    response = client.get(
        reverse("surveys:evaluation_summary"), {"unit": world.units["p1"].pk, "month": "2022-06"}
    )
    summary = response.context["summary"]
    assert summary.dossiers == 3
    means = {a["number"]: a["mean"] for a in summary.averages}
    assert means[1] == 1 and means[5] is None
