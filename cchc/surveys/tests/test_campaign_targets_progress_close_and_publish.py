"""Campaigns: period, units, sample targets with the default of docs/rules/surveys.md's sample practice,
progress against the targets, and the draft → open → closed → published life (deliverable 2)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cchc.org.models import Jurisdiction, JurisdictionLevel, Unit, UnitKind
from cchc.surveys import actions, results
from cchc.surveys.conf import setting
from cchc.surveys.models import Campaign, CampaignStatus, FlagStatus
from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def test_default_targets_follow_the_sample_practice_by_kind_of_area(world):
    city = world.jurisdictions["city"]
    commune = Jurisdiction.objects.create(
        code="26560", name="Xã Long Sơn", level=JurisdictionLevel.COMMUNE, parent=city
    )
    long_son = Unit.objects.create(
        code="LS", name="UBND Xã Long Sơn", kind=UnitKind.WARD_COMMITTEE, jurisdiction=commune
    )
    assert actions.default_target(world.units["p1"]) == 200  # ward (phường)
    assert actions.default_target(long_son) == 150  # commune (xã)
    assert actions.default_target(world.units["nv"]) == 600  # a town/city (thành phố)
    province_unit = Unit.objects.create(
        code="UBND-T",
        name="UBND tỉnh",
        kind=UnitKind.PEOPLES_COMMITTEE,
        jurisdiction=world.jurisdictions["province"],
    )
    assert actions.default_target(province_unit) == 3200


def test_the_targets_are_a_setting(world, settings):
    settings.CCHC_SURVEY_SAMPLE_TARGETS = {**setting("CCHC_SURVEY_SAMPLE_TARGETS"), "ward": 120}
    assert actions.default_target(world.units["p1"]) == 120


def test_a_campaign_gets_its_units_with_default_targets_and_the_secretariat_changes_one(world, campaign):
    targets = dict(campaign.units.values_list("unit__code", "target"))
    assert targets == {"P1": 200, "P2": 200}
    actions.set_units(world.users["secretariat"], campaign, {world.units["p1"]: 50, world.units["p2"]: None})
    assert dict(campaign.units.values_list("unit__code", "target")) == {"P1": 50, "P2": 200}


def test_progress_counts_responses_against_targets_excluding_set_aside_ones(world, campaign):
    actions.set_units(world.users["secretariat"], campaign, {world.units["p1"]: 10, world.units["p2"]: 10})
    rows = store(campaign, world.units["p1"], [{"E1.1": 4}] * 5)
    rows[0].flag_status = FlagStatus.EXCLUDED
    rows[0].save()
    rows[1].flag_status = FlagStatus.PENDING
    rows[1].save()
    progress = {r["unit"].code: r for r in results.progress(campaign)}
    assert (
        progress["P1"]["responses"] == 4
        and progress["P1"]["percent"] == 40.0
        and progress["P1"]["pending"] == 1
    )
    assert progress["P2"]["responses"] == 0


def test_the_campaign_page_shows_progress(client, world, campaign):
    store(campaign, world.units["p1"], [{"E1.1": 4}] * 3)
    login_verified(client, world.users["secretariat"])
    html = client.get(reverse("surveys:campaign_detail", args=[campaign.pk])).content.decode()
    assert "UBND Phường 1" in html and ">3<" in html


def test_close_then_publish_and_the_public_page_shows_it(client, world, campaign):
    store(campaign, world.units["p1"], [{"E1.1": 5, "E2.1": 4}] * 3)
    secretariat = world.users["secretariat"]
    with pytest.raises(ValidationError):
        actions.publish_campaign(secretariat, campaign)  # still open
    actions.close_campaign(secretariat, campaign)
    actions.publish_campaign(secretariat, campaign)
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.PUBLISHED
    html = client.get(reverse("surveys_public:published")).content.decode()
    assert campaign.name in html and "100,00" in html


def test_publishing_waits_until_every_flagged_response_is_reviewed(world, campaign):
    row = store(campaign, world.units["p1"], [{"E1.1": 5}])[0]
    row.flag_status = FlagStatus.PENDING
    row.save()
    actions.close_campaign(world.users["secretariat"], campaign)
    with pytest.raises(ValidationError) as err:
        actions.publish_campaign(world.users["secretariat"], campaign)
    assert "1 phiếu cần xem xét" in str(err.value)
    actions.review(world.users["secretariat"], row, keep=True, note="Đã hỏi lại")
    actions.publish_campaign(world.users["secretariat"], campaign)


def test_two_open_campaigns_cannot_cover_one_unit_at_the_same_time(world, version, campaign):
    other = actions.create_campaign(
        world.users["secretariat"],
        name="Trùng",
        questionnaire=version,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + dt.timedelta(days=10),
        units=[world.units["p1"]],
    )
    with pytest.raises(ValidationError) as err:
        actions.open_campaign(world.users["secretariat"], other)
    assert "Khảo sát năm nay" in str(err.value)
    assert Campaign.objects.get(pk=other.pk).status == CampaignStatus.DRAFT


def test_the_end_before_the_start_is_refused(world, version):
    with pytest.raises(ValidationError) as err:
        actions.create_campaign(
            world.users["secretariat"],
            name="Sai ngày",
            questionnaire=version,
            starts_on=dt.date(2022, 6, 1),
            ends_on=dt.date(2022, 5, 1),
            units=[world.units["p1"]],
        )
    assert "Ngày kết thúc" in str(err.value)
    assert not Campaign.objects.filter(name="Sai ngày").exists()


def test_the_new_campaign_form_creates_a_draft(client, world, version):
    login_verified(client, world.users["secretariat"])
    response = client.post(
        reverse("surveys:campaign_new"),
        {
            "name": "Đợt quý III",
            "questionnaire": version.pk,
            "aggregation": "",
            "starts_on": "01/07/2022",
            "ends_on": "30/09/2022",
            "units": [world.units["p1"].pk],
        },
    )
    assert response.status_code == 302
    c = Campaign.objects.get(name="Đợt quý III")
    assert c.status == CampaignStatus.DRAFT and c.units.get().target == 200


def test_the_open_step_freezes_and_the_close_step_needs_an_open_campaign(client, world, version):
    c = actions.create_campaign(
        world.users["secretariat"],
        name="Đợt mới",
        questionnaire=version,
        starts_on=dt.date(2022, 1, 1),
        ends_on=dt.date(2022, 3, 31),
        units=[world.units["p2"]],
    )
    login_verified(client, world.users["secretariat"])
    client.post(reverse("surveys:campaign_transition", args=[c.pk, "ket-thuc"]))
    assert Campaign.objects.get(pk=c.pk).status == CampaignStatus.DRAFT
    client.post(reverse("surveys:campaign_transition", args=[c.pk, "mo"]))
    assert Campaign.objects.get(pk=c.pk).status == CampaignStatus.OPEN
    version.refresh_from_db()
    assert version.is_frozen
