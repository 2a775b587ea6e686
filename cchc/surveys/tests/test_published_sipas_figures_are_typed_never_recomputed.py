"""Official SIPAS figures (national and provincial, docs/rules/surveys.md) are typed in by the secretariat
with their source and shown beside the local results; nothing computes them from local answers."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cchc.surveys import actions
from cchc.surveys.models import PublishedFigure
from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)
NATIONAL_2023 = {"year": 2023, "scope": "national", "value": "82.66", "source": "vietnamplus.vn, 17/4/2024"}


def test_the_secretariat_types_a_figure_with_its_source(client, world):
    login_verified(client, world.users["secretariat"])
    response = client.post(reverse("surveys:figures"), NATIONAL_2023)
    assert response.status_code == 302
    figure = PublishedFigure.objects.get()
    assert figure.value == Decimal("82.66") and "2022" in figure.design


def test_a_figure_needs_its_source_and_a_percentage(world):
    with pytest.raises(ValidationError):
        actions.save_figure(world.users["secretariat"], {**NATIONAL_2023, "source": " "})
    with pytest.raises(ValidationError):
        actions.save_figure(world.users["secretariat"], {**NATIONAL_2023, "value": "182"})
    assert not PublishedFigure.objects.exists()


def test_one_figure_per_year_and_area(world):
    actions.save_figure(world.users["secretariat"], NATIONAL_2023)
    with pytest.raises(ValidationError):
        actions.save_figure(world.users["secretariat"], NATIONAL_2023)


@pytest.mark.parametrize("persona", ["leader", "office", "auditor", "unit_head", "one_stop", "front"])
def test_only_the_secretariat_types_figures_but_everyone_reads_them(client, world, persona):
    with pytest.raises(PermissionDenied):
        actions.save_figure(world.users[persona], NATIONAL_2023)
    actions.save_figure(world.users["secretariat"], NATIONAL_2023)
    login_verified(client, world.users[persona])
    assert "82,66" in client.get(reverse("surveys:figures")).content.decode()


def test_the_results_page_shows_the_published_figure_unchanged_beside_the_local_index(
    client, world, campaign
):
    actions.save_figure(world.users["secretariat"], NATIONAL_2023)
    store(campaign, world.units["p1"], [{"E1.1": 1, "E2.1": 1}] * 5)  # a local index of 0 %
    login_verified(client, world.users["secretariat"])
    html = client.get(reverse("surveys:results", args=[campaign.pk])).content.decode()
    assert "82,66" in html and "không tính lại" in html
    assert PublishedFigure.objects.get().value == Decimal("82.66")
