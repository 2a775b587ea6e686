"""Every URL of the survey screens, enumerated from the resolver, for every persona; the public pages
for anyone. A new route without a case here fails ``test_every_route_has_a_case``."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cchc.surveys import actions
from cchc.surveys.actions import paper
from cchc.surveys.collection import Answers, token_for
from cchc.surveys.models import FlagStatus, QuestionnaireVersion
from cchc.surveys.tests.conftest import URLS, make_dossier, store
from cchc.testing.personas import PERSONA_KEYS, login_verified

pytestmark = pytest.mark.urls(URLS)

WIDE = {"leader", "secretariat", "office", "auditor"}
P1 = {"unit_head", "ward_officer", "one_stop"}
ENTRY = {"secretariat", "one_stop"}
OK, REDIRECT, FORBIDDEN, MISSING = 200, 302, 403, 404


def only(allowed, yes=OK, no=FORBIDDEN):
    return lambda persona: yes if persona in allowed else no


EXPECTED = {
    "campaigns": only(set(PERSONA_KEYS)),
    "campaign_new": only({"secretariat"}),
    "campaign_detail": only(WIDE | P1 | {"other_ward_officer"}, no=MISSING),
    "campaign_edit": only({"secretariat"}, no=MISSING),
    "campaign_targets": only({"secretariat"}, yes=REDIRECT, no=MISSING),
    "campaign_transition": only({"secretariat"}, yes=REDIRECT, no=MISSING),
    "responses": lambda p: MISSING if p == "front" else (OK if p in WIDE | {"unit_head"} else FORBIDDEN),
    "results": only(WIDE | P1 | {"other_ward_officer"}, no=MISSING),
    "unit_results": only(WIDE | P1, no=MISSING),
    "improvement_task": only({"secretariat"}, yes=REDIRECT, no=MISSING),
    "export_xlsx": only(WIDE | P1 | {"other_ward_officer"}, no=MISSING),
    "export_docx": only(WIDE | P1 | {"other_ward_officer"}, no=MISSING),
    "export_pdf": only(WIDE | P1 | {"other_ward_officer"}, no=MISSING),
    "response_detail": only(WIDE | {"unit_head"}, no=MISSING),
    "flagged": only({"secretariat"}),
    "questionnaires": only(WIDE),
    "questionnaire_detail": only(WIDE, no=MISSING),
    "questionnaire_edit": only({"secretariat"}, yes=REDIRECT, no=MISSING),  # frozen: explained, sent back
    "questionnaire_copy": only({"secretariat"}, yes=REDIRECT, no=MISSING),
    "paper_entry": only(ENTRY),
    "paper_reconcile": only(ENTRY, no=MISSING),
    "kiosks": only(ENTRY),
    "kiosk_deactivate": only(ENTRY, yes=REDIRECT, no=MISSING),
    "officials": only(WIDE | {"unit_head"}),
    "figures": only(set(PERSONA_KEYS)),
    "figure_edit": only({"secretariat"}, no=MISSING),
    "figure_delete": only({"secretariat"}, yes=REDIRECT, no=MISSING),
    "evaluation_summary": only(WIDE | P1 | {"other_ward_officer"}),
    "return_slip": only(WIDE | P1, no=MISSING),
    "receipt": only(WIDE | P1, no=MISSING),
    "dossier_evaluation": only(WIDE | P1, no=MISSING),
}
POSTS = {
    "campaign_targets",
    "campaign_transition",
    "improvement_task",
    "questionnaire_copy",
    "kiosk_deactivate",
    "figure_delete",
}
PUBLIC = ["published", "published_detail", "dossier", "thanks", "kiosk"]


def routes(namespace):
    names = set()

    def walk(patterns, spaces):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, [*spaces, p.namespace] if p.namespace else spaces)
            elif isinstance(p, URLPattern) and spaces and spaces[-1] == namespace:
                names.add(p.name)

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns, [])
    return names


@pytest.fixture
def t(world, version, campaign):
    """A flagged response, a mismatched paper form and a kiosk in Phường 1, a figure, a returned
    dossier with its token, and a published campaign."""
    r = store(campaign, world.units["p1"], [{"E1.1": 4}])[0]
    r.flag_status = FlagStatus.PENDING
    r.save()
    for who, value in (("one_stop", 4), ("secretariat", 2)):
        form = paper.enter(
            world.users[who],
            campaign,
            serial="S-1",
            unit=world.units["p1"],
            filled_on=dt.date(2022, 9, 1),
            answers=Answers(answers={"E1.1": value}),
        )
    kiosk = actions.create_kiosk(world.users["secretariat"], name="Quầy 1", unit=world.units["p1_mc"])
    figure = actions.save_figure(
        world.users["secretariat"],
        {"year": 2023, "scope": "national", "value": "82.66", "source": "vietnamplus.vn"},
    )
    dossier = make_dossier(world, "000.00.26.H01-220601-0007")
    published = actions.create_campaign(
        world.users["secretariat"],
        name="Đợt đã công bố",
        questionnaire=version,
        starts_on=dt.date(2021, 1, 1),
        ends_on=dt.date(2021, 12, 31),
        units=[world.units["p2"]],
    )
    for step in (actions.open_campaign, actions.close_campaign, actions.publish_campaign):
        step(world.users["secretariat"], published)
    return {
        "campaign": campaign,
        "response": r,
        "form": form,
        "kiosk": kiosk,
        "figure": figure,
        "dossier": dossier,
        "token": token_for(dossier),
        "published": published,
        "version": QuestionnaireVersion.objects.get(code="sipas-2017"),
    }


def url(route, t, world):
    c = t["campaign"].pk
    args = {
        "campaign_detail": [c],
        "campaign_edit": [c],
        "campaign_targets": [c],
        "campaign_transition": [c, "ket-thuc"],
        "responses": [c],
        "results": [c],
        "unit_results": [c, world.units["p1"].pk],
        "improvement_task": [c, world.units["p1"].pk],
        "export_xlsx": [c],
        "export_docx": [c],
        "export_pdf": [c],
        "response_detail": [t["response"].pk],
        "questionnaire_detail": [t["version"].pk],
        "questionnaire_edit": [t["version"].pk],
        "questionnaire_copy": [t["version"].pk],
        "paper_reconcile": [t["form"].pk],
        "kiosk_deactivate": [t["kiosk"].pk],
        "figure_edit": [t["figure"].pk],
        "figure_delete": [t["figure"].pk],
        "return_slip": [t["dossier"].code],
        "receipt": [t["dossier"].code],
        "dossier_evaluation": [t["dossier"].code],
    }.get(route, [])
    return reverse(f"surveys:{route}", args=args)


def call(client, route, t, world):
    if route in POSTS:
        data = {"code": "sipas-2017-ban-sao"} if route == "questionnaire_copy" else {}
        if route == "campaign_targets":
            data = {f"target_{world.units['p1'].pk}": "50", f"target_{world.units['p2'].pk}": "60"}
        return client.post(url(route, t, world), data)
    return client.get(url(route, t, world))


def test_every_route_has_a_case():
    assert routes("surveys") == set(EXPECTED), sorted(routes("surveys") ^ set(EXPECTED))
    assert routes("surveys_public") == set(PUBLIC), sorted(routes("surveys_public") ^ set(PUBLIC))


@pytest.mark.parametrize("route", sorted(EXPECTED))
def test_anonymous_visitors_are_sent_to_sign_in(client, world, t, route):
    response = call(client, route, t, world)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("route", sorted(EXPECTED))
def test_a_sign_in_without_the_second_factor_goes_to_the_second_factor(client, world, t, route):
    client.force_login(world.users["secretariat"])
    response = call(client, route, t, world)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp"))


@pytest.mark.parametrize("persona", PERSONA_KEYS)
@pytest.mark.parametrize("route", sorted(EXPECTED))
def test_each_persona_reaches_exactly_its_scope(client, world, t, persona, route):
    login_verified(client, world.users[persona])
    response = call(client, route, t, world)
    assert response.status_code == EXPECTED[route](persona), (persona, route, response.content[:300])


@pytest.mark.parametrize("persona", [None, *PERSONA_KEYS])
@pytest.mark.parametrize("route", PUBLIC)
def test_the_public_pages_need_no_login_and_show_the_same_to_everyone(client, world, t, persona, route):
    if persona:
        login_verified(client, world.users[persona])
    args = {
        "published_detail": [t["published"].pk],
        "dossier": [t["token"].token],
        "kiosk": [t["kiosk"].token],
    }.get(route, [])
    response = client.get(reverse(f"surveys_public:{route}", args=args))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lý Thị Thu Trang" not in html and t["dossier"].code not in html


def test_a_draft_campaign_is_hidden_from_unit_officers(client, world, version):
    draft = actions.create_campaign(
        world.users["secretariat"],
        name="Nháp",
        questionnaire=version,
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2023, 6, 30),
        units=[world.units["p1"]],
    )
    login_verified(client, world.users["ward_officer"])
    assert client.get(reverse("surveys:campaign_detail", args=[draft.pk])).status_code == 404
