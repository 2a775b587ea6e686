"""Every URL of the staff screens, enumerated from the resolver, for every persona: a unit sees only
the petitions routed to it (its subtree); leader, secretariat, office and auditor see the
jurisdiction (the auditor changes nothing); the Front sees what it submitted. A new route without a
case here fails ``test_every_route_has_a_case``."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cchc.feedback.actions import accept
from cchc.feedback.actions.citizen import create_key
from cchc.feedback.actions.intake import Intake, receive
from cchc.feedback.attachments import check_file
from cchc.feedback.documents import issued
from cchc.feedback.models import FrontMeeting, Petition
from cchc.feedback.queries import petitions_for
from cchc.feedback.tests.helpers import png_bytes
from cchc.feedback.views import ACTIONS
from cchc.testing.personas import PERSONA_KEYS, login_verified

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")

WIDE = {"leader", "secretariat", "office", "auditor"}
P1_UNIT = {"unit_head", "ward_officer"}

# route → persona → expected status for Phường 1's petition (None: 200)
OK, FORBIDDEN, MISSING = 200, 403, 404


def expected(route, persona):
    if route in ("list",):
        return OK
    if route == "new":
        return FORBIDDEN if persona in ("auditor", "front") else OK
    if route == "figures":
        return FORBIDDEN if persona == "front" else OK
    if route in ("meetings", "meeting_detail"):
        return OK if persona in WIDE or persona == "front" else FORBIDDEN
    if route == "meeting_new":
        return OK if persona == "front" else FORBIDDEN
    if route == "keys":
        return OK if persona == "secretariat" else FORBIDDEN
    if route == "key_revoke":
        return 302 if persona == "secretariat" else FORBIDDEN
    if route in ("detail", "attachment", "document"):
        return OK if persona in WIDE | P1_UNIT else MISSING
    if route == "act":
        if persona in WIDE - {"auditor"} | P1_UNIT:
            return 400  # allowed through: the empty form is refused by validation
        return FORBIDDEN if persona == "auditor" else MISSING
    raise AssertionError(route)


def feedback_routes():
    names = set()

    def walk(patterns, namespaces):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, [*namespaces, p.namespace] if p.namespace else namespaces)
            elif isinstance(p, URLPattern) and namespaces and namespaces[-1] == "feedback":
                names.add(p.name)

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns, [])
    return names


ROUTES = [
    "list",
    "new",
    "figures",
    "meetings",
    "meeting_new",
    "meeting_detail",
    "keys",
    "key_revoke",
    "detail",
    "attachment",
    "document",
    "act",
]


@pytest.fixture
def targets(world, categories, file_petition):
    city = world.jurisdictions["city"]
    p = file_petition(files=[check_file("anh.png", png_bytes())])
    meeting = FrontMeeting.objects.create(
        unit=world.units["mttq"],
        jurisdiction=city,
        held_on=p.received_at.date(),
        kind="Hội nghị tiếp xúc cử tri",
        place="Nhà văn hoá khu phố 3",
    )
    from_front = receive(
        world.users["front"],
        Intake(
            jurisdiction=city,
            kind="petition",
            channel="front",
            category=categories["DT"],
            ward=world.jurisdictions["p1"],
            text="Cử tri đề nghị sửa đường hẻm 15 bị ngập khi mưa.",
            citizen_name="Cử tri khu phố 3",
            meeting=meeting,
            submitted_by=world.users["front"],
            submitted_by_unit=world.units["mttq"],
            require_contact=False,
            reply_via="front",
            send_ack=False,
        ),
    )
    key, _ = create_key(world.users["secretariat"], name="Ứng dụng phản ánh hiện trường", jurisdiction=city)

    def accepted_request():
        # Made only for the "document" route, so the other cases see exactly two petitions.
        q = file_petition(
            kind="accountability", citizen_phone="0987654321", text="Đề nghị giải trình việc chậm cấp phép."
        )
        accept(world.users["ward_officer"], q)
        return q

    return {"p": p, "front": from_front, "meeting": meeting, "key": key, "accepted_request": accepted_request}


def url(route, t):
    p = t["p"]
    if route == "detail":
        return reverse("feedback:detail", args=[p.code])
    if route == "attachment":
        return reverse("feedback:attachment", args=[p.code, p.attachments.get().pk])
    if route == "document":
        q = t["accepted_request"]()
        return reverse("feedback:document", args=[q.code, issued(q).get().pk, "pdf"])
    if route == "act":
        return reverse("feedback:act", args=[p.code, "giao"])
    if route == "meeting_detail":
        return reverse("feedback:meeting_detail", args=[t["meeting"].pk])
    if route == "key_revoke":
        return reverse("feedback:key_revoke", args=[t["key"].pk])
    return reverse(f"feedback:{route}")


def method(route):
    return "post" if route in ("act", "key_revoke") else "get"


def test_every_route_has_a_case():
    routes = feedback_routes()
    assert routes, "the feedback screens are not mounted"
    assert routes == set(ROUTES), f"routes and cases differ: {sorted(routes ^ set(ROUTES))}"


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(client, targets, route):
    response = getattr(client, method(route))(url(route, targets))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("route", ROUTES)
def test_a_sign_in_without_the_second_factor_goes_to_the_second_factor(client, world, targets, route):
    client.force_login(world.users["ward_officer"])
    response = getattr(client, method(route))(url(route, targets))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp"))


@pytest.mark.parametrize("persona", PERSONA_KEYS)
@pytest.mark.parametrize("route", ROUTES)
def test_each_persona_reaches_exactly_its_scope(client, world, targets, persona, route):
    login_verified(client, world.users[persona])
    response = getattr(client, method(route))(url(route, targets))
    assert response.status_code == expected(route, persona), response.content[:300]
    p = targets["p"]
    if route == "list":
        html = response.content.decode()
        assert (p.code in html) == (persona in WIDE | P1_UNIT)
        assert (targets["front"].code in html) == (persona in WIDE | P1_UNIT | {"front"})
    if response.status_code == 200 and route in ("detail", "list", "figures"):
        shows_contact = "Phạm Thị Hồng Nhung" in response.content.decode()
        assert not shows_contact or persona in {
            "leader",
            "secretariat",
            "office",
            "unit_head",
            "ward_officer",
        }


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("persona", ["other_ward_officer", "one_stop", "front"])
def test_no_action_reaches_a_petition_out_of_scope(client, world, targets, persona, action):
    login_verified(client, world.users[persona])
    response = client.post(reverse("feedback:act", args=[targets["p"].code, action]), {"reason": "x" * 30})
    assert response.status_code == 404
    assert Petition.objects.get(pk=targets["p"].pk).status == "received"


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_the_auditor_and_the_front_change_nothing(client, world, targets, action):
    for persona, p in (("auditor", targets["p"]), ("front", targets["front"])):
        login_verified(client, world.users[persona])
        response = client.post(reverse("feedback:act", args=[p.code, action]), {"reason": "x" * 30})
        assert response.status_code == 403
        assert Petition.objects.get(pk=p.pk).status == "received"


@pytest.mark.parametrize("action", ["duyet", "tra-lai", "quyet-dinh-gia-han"])
def test_only_the_head_approves(client, world, targets, action):
    login_verified(client, world.users["ward_officer"])
    assert client.post(reverse("feedback:act", args=[targets["p"].code, action]), {}).status_code == 403


def test_the_front_reads_its_own_submission(client, world, targets):
    login_verified(client, world.users["front"])
    response = client.get(reverse("feedback:detail", args=[targets["front"].code]))
    assert response.status_code == 200
    assert "Cử tri khu phố 3" in response.content.decode()


def test_petitions_for_each_persona(world, targets):
    p, front = targets["p"].pk, targets["front"].pk
    seen = {name: set(petitions_for(world.users[name]).values_list("pk", flat=True)) for name in PERSONA_KEYS}
    for name in WIDE | P1_UNIT:
        assert seen[name] == {p, front}
    assert seen["other_ward_officer"] == set()
    assert seen["one_stop"] == set()
    assert seen["front"] == {front}
    writable = {
        name: set(petitions_for(world.users[name], write=True).values_list("pk", flat=True))
        for name in PERSONA_KEYS
    }
    assert writable["auditor"] == writable["front"] == writable["one_stop"] == set()
    assert writable["ward_officer"] == {p, front}


def test_a_one_stop_officer_sees_what_they_entered(client, world, categories):
    login_verified(client, world.users["one_stop"])
    response = client.post(
        reverse("feedback:new"),
        {
            "channel": "walk_in",
            "received_at": "",
            "kind": "feedback",
            "category": categories["DT"].pk,
        },
    )
    assert response.status_code == 200 and "Cần nhập «Thời điểm tiếp nhận»" in response.content.decode()
    from django.utils import timezone

    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("feedback:new"),
        {
            "channel": "walk_in",
            "received_at": now,
            "kind": "feedback",
            "category": categories["DT"].pk,
            "ward": world.jurisdictions["p1"].pk,
            "text": "Công dân phản ánh tại bộ phận một cửa về đèn đường hỏng.",
            "citizen_name": "Lâm Văn Hải",
            "citizen_phone": "0903123456",
            "reply_via": "sms",
            "attachments": [SimpleUploadedFile("don.png", png_bytes(), "image/png")],
        },
    )
    assert response.status_code == 302
    entered = Petition.objects.get(citizen_name="Lâm Văn Hải")
    assert entered.unit == world.units["p1"] and entered.submitted_by == world.users["one_stop"]
    assert client.get(response["Location"]).status_code == 200
    assert client.post(reverse("feedback:act", args=[entered.code, "tiep-nhan"])).status_code == 403
