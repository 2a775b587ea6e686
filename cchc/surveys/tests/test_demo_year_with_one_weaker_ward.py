"""The demo: a year of responses and dossier ratings for the demo city, Phường Thắng Nhì clearly weaker
on the civil-servants element, published SIPAS figures, an open campaign with a kiosk; idempotent."""

from decimal import Decimal

import pytest

from cchc.lib import indices
from cchc.surveys import results
from cchc.surveys.demo import KIOSK_TOKEN, WEAK_ELEMENT, WEAK_UNIT, YEAR_CAMPAIGN, load_surveys_demo
from cchc.surveys.models import (
    Campaign,
    CampaignStatus,
    DossierRating,
    FlagStatus,
    Kiosk,
    PaperStatus,
    PublishedFigure,
    RatedOfficial,
    Response,
    ResponseChannel,
)


def build() -> str:
    from cchc.accounts.demo import load_accounts
    from cchc.dossiers.demo import run
    from cchc.org.demo import load_org

    load_accounts(load_org())
    run(3000)
    return load_surveys_demo()


@pytest.fixture
def demo(built_once):
    # Built by the first test of the session that needs it, copied into the others (seconds, not tens).
    return built_once("surveys-demo-year", build)


def test_a_published_year_of_responses_near_the_targets(demo):
    campaign = Campaign.objects.get(name__startswith=YEAR_CAMPAIGN)
    assert campaign.status == CampaignStatus.PUBLISHED
    units = campaign.units.count()
    assert units == 18  # 17 wards and communes, and the city's one-stop office
    n = Response.objects.filter(campaign=campaign).count()
    target = sum(campaign.units.values_list("target", flat=True))
    assert 0.85 * target <= n <= 1.1 * target
    channels = set(Response.objects.filter(campaign=campaign).values_list("channel", flat=True))
    assert channels == {ResponseChannel.LINK, ResponseChannel.KIOSK, ResponseChannel.PAPER}
    assert Response.objects.filter(campaign=campaign, dossier__isnull=False).exists()


def test_one_ward_is_clearly_weaker_on_one_element(demo):
    campaign = Campaign.objects.get(name__startswith=YEAR_CAMPAIGN)
    rs = results.load(campaign)
    by_unit = {}
    for cu in campaign.units.select_related("unit"):
        r = results.compute(rs, campaign.rule, rs.units == cu.unit_id)
        by_unit[cu.unit.code] = {g: indices.percent(e.index) for g, e in r.levels["elements"].items()}
    weak = by_unit.pop(WEAK_UNIT)
    others = [u[WEAK_ELEMENT] for u in by_unit.values()]
    assert weak[WEAK_ELEMENT] < min(others) - 15
    # …and only on that element.
    for element in ("E1", "E2", "E4"):
        assert weak[element] > min(u[element] for u in by_unit.values()) - 5
    weakest = results.weakest(
        rs.questionnaire, results.compute(rs, campaign.rule, rs.units == _pk(WEAK_UNIT))
    )
    assert all(w.item.code.startswith(WEAK_ELEMENT + ".") for w in weakest)


def _pk(code):
    from cchc.org.models import Unit

    return Unit.objects.get(code=code).pk


def test_ratings_are_attached_to_dossiers_and_their_officials(demo):
    ratings = DossierRating.objects.filter(is_demo=True)
    assert ratings.count() > 300
    assert RatedOfficial.objects.filter(rating__in=ratings).count() >= ratings.count()
    linked = Response.objects.filter(dossier__isnull=False).values_list("dossier_id", flat=True)
    assert set(linked) <= set(ratings.values_list("dossier_id", flat=True))


def test_the_official_figures_and_the_open_campaign_with_a_kiosk(demo):
    assert PublishedFigure.objects.filter(year=2023, scope="national").get().value == Decimal("82.66")
    assert PublishedFigure.objects.filter(year=2021, scope="province").get().rank == "38/63"
    current = Campaign.objects.get(status=CampaignStatus.OPEN, is_demo=True)
    assert Kiosk.objects.get(token=KIOSK_TOKEN).unit.code == "BPMC-P1"
    assert Response.objects.filter(campaign=current, flag_status=FlagStatus.PENDING).count() == 2
    assert current.paper_forms.get().status == PaperStatus.MISMATCH


def test_a_second_run_adds_nothing(demo):
    counts = (Response.objects.count(), DossierRating.objects.count(), Campaign.objects.count())
    load_surveys_demo()
    assert (Response.objects.count(), DossierRating.objects.count(), Campaign.objects.count()) == counts


def test_the_training_page_names_the_weak_wards_officer(demo, settings):
    from cchc.core import demo_clock
    from cchc.org.models import Official
    from cchc.surveys.demo import SLOW_OFFICIAL
    from cchc.surveys.ratings import officials

    settings.CCHC_SURVEY_OFFICIAL_MIN_RATINGS = 10
    table = officials(Official.objects.all(), demo_clock.year_start(), demo_clock.today())
    flagged = [r.official.code for r in table.rows if r.training]
    assert SLOW_OFFICIAL in flagged
    assert SLOW_OFFICIAL in [r.official.code for r in table.rows[:3]]
