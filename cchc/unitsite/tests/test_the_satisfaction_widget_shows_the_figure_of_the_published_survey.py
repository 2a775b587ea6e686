"""The satisfaction widget shows, for each published survey that covered the unit, the same overall index
and number of responses as the survey's own public page shows for that unit; an unpublished survey is
not shown."""

from __future__ import annotations

import datetime as dt

import lxml.html
from django.urls import reverse
from django.utils import timezone

from cchc.surveys import actions
from cchc.surveys.models import Response
from cchc.unitsite.widgets import WIDGETS

WIDGET = {w.key: w for w in WIDGETS}


def _campaign(world, name: str):
    version, _ = actions.import_shipped(world.users["secretariat"], "sipas-2017")
    today = timezone.localdate()
    campaign = actions.create_campaign(
        world.users["secretariat"],
        name=name,
        questionnaire=version,
        starts_on=today - dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=300),
        units=[world.units["p1"], world.units["p2"]],
    )
    return actions.open_campaign(world.users["secretariat"], campaign)


def _answer(campaign, unit, answers: list[dict[str, int]]) -> None:
    for row in answers:
        Response.objects.create(
            campaign=campaign,
            unit=unit,
            channel="kiosk",
            submitted_at=timezone.now(),
            answers=row,
            duration_seconds=200,
        )


def test_the_widget_shows_the_units_figure_of_the_published_survey(client, world):
    campaign = _campaign(world, "Khảo sát sự hài lòng năm nay")
    _answer(campaign, world.units["p1"], [{"E1.1": 5, "E2.1": 4}] * 3 + [{"E1.1": 2, "E2.1": 3}] * 2)
    _answer(campaign, world.units["p2"], [{"E1.1": 1, "E2.1": 1}] * 4)
    widget_url = WIDGET["satisfaction"].path(world.units["p1"])
    assert "Chưa có kết quả khảo sát" in client.get(widget_url).content.decode()  # not yet published

    actions.close_campaign(world.users["secretariat"], campaign)
    actions.publish_campaign(world.users["secretariat"], campaign)
    page = lxml.html.fromstring(
        client.get(reverse("surveys_public:published_detail", args=[campaign.pk])).content
    )
    row = page.xpath("//tbody/tr[th[normalize-space()='UBND Phường 1']]")[0]
    responses, overall = (td.text_content().strip() for td in row.xpath("./td")[:2])

    widget = lxml.html.fromstring(client.get(widget_url).content)
    item = widget.xpath("//*[@data-testid='satisfaction']/li")
    assert len(item) == 1 and "Khảo sát sự hài lòng năm nay" in item[0].text_content()
    assert widget.xpath("//*[@data-testid='satisfaction-index']")[0].text_content() == f"{overall}%"
    assert f"{responses} phiếu" in item[0].text_content()
    # Phường 2's answers (all the lowest) are not Phường 1's figure.
    other = lxml.html.fromstring(client.get(WIDGET["satisfaction"].path(world.units["p2"])).content)
    assert other.xpath("//*[@data-testid='satisfaction-index']")[0].text_content() != f"{overall}%"
