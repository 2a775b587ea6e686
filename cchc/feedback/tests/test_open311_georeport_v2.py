"""Open311 GeoReport v2, checked against the examples of the specification (wiki.open311.org/GeoReport_v2,
/Service_Discovery): the same element names, nesting and JSON shapes, XML and JSON, the error bodies
(403 for the api_key, 404 for what does not exist, 400 for the rest)."""

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse

from cchc.feedback.actions.citizen import create_key, revoke_key
from cchc.feedback.models import Category, Petition
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")

SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def u(name, fmt, *args):
    return reverse(f"open311:{name}", args=[*args, fmt])


def xml(response):
    body = response.content.decode("utf-8")
    assert body.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ET.fromstring(body.split("?>", 1)[1])


def js(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


@pytest.fixture
def api_key(world, categories):
    _, raw = create_key(
        world.users["secretariat"], name="Ứng dụng Vũng Tàu Smart", jurisdiction=world.jurisdictions["city"]
    )
    return raw


def spec_post(key, world, **overrides):
    """The spec's example request, with our service code, ward attribute and coordinates in Vũng Tàu."""
    data = {
        "api_key": key,
        "jurisdiction_id": "747",
        "service_code": "DT",
        "lat": "10.346",
        "long": "107.084",
        "address_string": "12 Lê Lợi, Phường 1",
        "email": "smit333@example.vn",
        "device_id": "tt222111",
        "account_id": "123456",
        "first_name": "An",
        "last_name": "Trương Văn",
        "phone": "0911111111",
        "description": "Ổ gà lớn giữa đường Lê Lợi đang phá hỏng mặt đường.",
        "media_url": "http://example.vn/anh/2212426634.jpg",
        "attribute[ward]": world.jurisdictions["p1"].code,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_service_list_in_xml_and_json_has_the_spec_fields(client, categories):
    root = xml(client.get(u("services", "xml")))
    assert root.tag == "services"
    first = root.find("service")
    assert [c.tag for c in first] == SERVICE_FIELDS
    assert first.findtext("service_code") == "DT" and first.findtext("metadata") == "true"
    assert first.findtext("type") == "realtime"
    rows = js(client.get(u("services", "json")))
    assert all(list(r) == SERVICE_FIELDS for r in rows)
    assert {r["service_code"]: r["metadata"] for r in rows} == {"DT": True, "CB": False, "KHAC": False}


def test_service_definition_lists_the_wards_as_a_single_value_list(client, world, categories):
    root = xml(client.get(u("service", "xml", "DT")))
    assert root.tag == "service_definition" and root.findtext("service_code") == "DT"
    attr = root.find("attributes/attribute")
    assert [c.tag for c in attr] == [
        "variable",
        "code",
        "datatype",
        "required",
        "datatype_description",
        "order",
        "description",
        "values",
    ]
    assert (attr.findtext("datatype"), attr.findtext("required"), attr.findtext("code")) == (
        "singlevaluelist",
        "true",
        "ward",
    )
    assert [v.findtext("name") for v in attr.findall("values/value")] == ["Phường 1", "Phường 2"]
    data = js(client.get(u("service", "json", "DT")))
    assert data["attributes"][0]["values"][0] == {"key": world.jurisdictions["p1"].code, "name": "Phường 1"}
    assert data["attributes"][0]["datatype_description"] is None
    assert js(client.get(u("service", "json", "CB")))["attributes"] == []


def test_unknown_service_and_jurisdiction_answer_404_with_the_error_body(client, categories):
    root = xml(client.get(u("service", "xml", "999")))
    assert root.tag == "errors" and root.find("error/code").text == "404"
    assert "service_code" in root.findtext("error/description")
    response = client.get(u("services", "json") + "?jurisdiction_id=sfgov.org")
    assert response.status_code == 404
    assert js(response) == [{"code": 404, "description": "jurisdiction_id «sfgov.org» không tồn tại."}]


def test_posting_the_spec_example_creates_a_petition_and_returns_its_id(client, world, api_key):
    response = client.post(u("requests", "xml"), spec_post(api_key, world))
    assert response.status_code == 200
    root = xml(response)
    assert root.tag == "service_requests"
    req = root.find("request")
    assert [c.tag for c in req] == ["service_request_id", "service_notice", "account_id"]
    assert req.findtext("account_id") == "123456"
    p = Petition.objects.get(code=req.findtext("service_request_id"))
    assert (p.channel, p.unit, p.citizen_name, p.citizen_phone) == (
        "open311",
        world.units["p1"],
        "Trương Văn An",
        "0911111111",
    )
    assert str(p.latitude) == "10.346000" and p.media_url.endswith(".jpg")
    data = js(
        client.post(
            u("requests", "json"), spec_post(api_key, world, description="Đèn đường Lê Lợi tắt cả tuần.")
        )
    )
    assert list(data[0]) == ["service_request_id", "service_notice", "account_id"]


@pytest.mark.parametrize(
    ("overrides", "status", "needle"),
    [
        ({"api_key": None}, 403, "api_key"),
        ({"api_key": "wrong"}, 403, "api_key"),
        ({"service_code": None}, 400, "service_code"),
        ({"service_code": "999"}, 404, "service_code"),
        ({"lat": None, "long": None, "address_string": None}, 400, "vị trí"),
        ({"long": None}, 400, "lat và long"),
        ({"lat": "abc"}, 400, "lat"),
        ({"attribute[ward]": None}, 400, "attribute[ward]"),
        ({"attribute[ward]": "00000"}, 400, "attribute[ward]"),
        ({"description": ""}, 400, "description"),
        ({"jurisdiction_id": "sfgov.org"}, 404, "jurisdiction_id"),
    ],
)
def test_post_errors_follow_the_spec(client, world, api_key, overrides, status, needle):
    data = spec_post(api_key, world)
    data.update(overrides)
    response = client.post(u("requests", "xml"), {k: v for k, v in data.items() if v is not None})
    assert response.status_code == status
    root = xml(response)
    assert root.tag == "errors"
    assert root.findtext("error/code") == str(status)
    assert needle in root.findtext("error/description")
    assert not Petition.objects.exists()


def test_a_revoked_key_is_refused(client, world, api_key):
    from cchc.feedback.models import ApiKey

    revoke_key(world.users["secretariat"], ApiKey.objects.get())
    response = client.post(u("requests", "json"), spec_post(api_key, world))
    assert response.status_code == 403
    assert js(response)[0]["code"] == 403


def test_get_requests_lists_them_with_the_spec_fields_and_no_personal_data(client, world, api_key):
    created = js(client.post(u("requests", "json"), spec_post(api_key, world)))[0]["service_request_id"]
    rows = js(client.get(u("requests", "json")))
    assert [r["service_request_id"] for r in rows] == [created]
    row = rows[0]
    assert list(row) == REQUEST_FIELDS
    assert (row["status"], row["service_code"], row["agency_responsible"]) == ("open", "DT", "UBND Phường 1")
    assert row["requested_datetime"].endswith("+07:00") and row["expected_datetime"].endswith("+07:00")
    assert row["description"] is None and row["lat"] is None  # not published: nothing personal leaves
    body = client.get(u("requests", "xml")).content.decode()
    for secret in ("Trương Văn An", "0911111111", "smit333@example.vn", "12 Lê Lợi", "Ổ gà"):
        assert secret not in body
    root = xml(client.get(u("request", "xml", created)))
    assert [c.tag for c in root.find("request")] == REQUEST_FIELDS


def test_get_requests_filters_by_id_code_status_and_dates(client, world, api_key):
    a = js(client.post(u("requests", "json"), spec_post(api_key, world)))[0]["service_request_id"]
    b = js(
        client.post(
            u("requests", "json"),
            spec_post(
                api_key,
                world,
                service_code="CB",
                description="Cán bộ tiếp dân chậm trễ.",
                **{"attribute[ward]": None},
            ),
        )
    )[0]["service_request_id"]
    assert [
        r["service_request_id"]
        for r in js(client.get(u("requests", "json") + f"?service_request_id={a},{b}&status=closed"))
    ] == sorted([a, b], key=lambda c: -Petition.objects.get(code=c).pk)  # the ids override the other filters
    assert [r["service_request_id"] for r in js(client.get(u("requests", "json") + "?service_code=CB"))] == [
        b
    ]
    assert js(client.get(u("requests", "json") + "?status=closed")) == []
    assert len(js(client.get(u("requests", "json") + "?status=open,closed"))) == 2
    old = js(
        client.get(u("requests", "json") + "?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z")
    )
    assert old == []
    too_long = client.get(
        u("requests", "json") + "?start_date=2010-01-01T00:00:00Z&end_date=2010-06-24T00:00:00Z"
    )
    assert too_long.status_code == 400 and "90 ngày" in js(too_long)[0]["description"]
    assert client.get(u("requests", "xml") + "?start_date=hôm-qua").status_code == 400
    assert client.get(u("requests", "xml") + "?status=pending").status_code == 400
    missing = client.get(u("request", "json", "PA22-XXXXXX"))
    assert missing.status_code == 404 and js(missing)[0]["code"] == 404


def test_batch_services_answer_with_a_token_resolved_by_the_tokens_resource(client, world, api_key, settings):
    settings.CCHC_OPEN311_SERVICE_TYPE = "batch"
    row = js(client.post(u("requests", "json"), spec_post(api_key, world)))[0]
    assert "service_request_id" not in row and row["token"]
    root = xml(client.get(u("token", "xml", row["token"])))
    req = root.find("request")
    assert [c.tag for c in req] == ["service_request_id", "token"]
    assert req.findtext("service_request_id") == Petition.objects.get().code
    assert client.get(u("token", "json", "nope")).status_code == 404


def test_a_published_answer_shows_its_masked_description_and_closed_status(client, world, api_key):
    from cchc.feedback import actions

    code = js(client.post(u("requests", "json"), spec_post(api_key, world)))[0]["service_request_id"]
    p = Petition.objects.get(code=code)
    Petition.objects.filter(pk=p.pk).update(consent_publish=True)
    p.refresh_from_db()
    answer = actions.draft_answer(
        world.users["ward_officer"], p, text="Phường đã vá ổ gà trên đường Lê Lợi ngày 3/12."
    )
    actions.approve_answer(
        world.users["unit_head"],
        answer,
        publish_now=True,
        public_title="Ổ gà đường Lê Lợi",
        public_text="Ổ gà lớn giữa đường Lê Lợi.",
        public_answer="Phường đã vá ổ gà.",
    )
    row = js(client.get(u("request", "json", code)))[0]
    assert (row["status"], row["description"], row["lat"]) == (
        "closed",
        "Ổ gà lớn giữa đường Lê Lợi.",
        10.346,
    )


def test_complaints_are_never_listed(client, world, file_petition):
    p = file_petition(kind="complaint")
    assert client.get(u("request", "json", p.code)).status_code == 404


def test_a_second_jurisdiction_makes_the_id_required(client, world, categories):
    Category.objects.create(jurisdiction=world.jurisdictions["province"], code="T1", name="Cấp tỉnh")
    response = client.get(u("services", "xml"))
    assert response.status_code == 400 and "jurisdiction_id" in xml(response).findtext("error/description")
    assert client.get(u("services", "json") + "?jurisdiction_id=77").status_code == 200


def test_discovery_lists_the_endpoint_and_its_formats(client, categories):
    data = js(client.get(u("discovery", "json")))
    assert list(data) == ["changeset", "contact", "key_service", "endpoints"]
    assert data["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    root = xml(client.get(u("discovery", "xml")))
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


def test_an_unknown_resource_answers_with_an_error_body(client):
    response = client.get("/open311/v2/services.csv")
    assert response.status_code == 404
    assert xml(response).tag == "errors"


def test_the_command_prints_a_key_that_works(client, world, categories):
    out = io.StringIO()
    call_command("open311_key", "create", "--name", "FixMyStreet Vũng Tàu", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("o311_")
    assert client.post(u("requests", "json"), spec_post(raw, world)).status_code == 200
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "open311_key",
            "create",
            "--name",
            "FixMyStreet Vũng Tàu",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert exit_info.value.code == 2


def test_the_secretariat_issues_a_key_in_the_ui_and_sees_it_once(client, world, categories):
    login_verified(client, world.users["secretariat"])
    response = client.post(reverse("feedback:keys"), {"name": "Ứng dụng Zalo mini app"})
    html = response.content.decode()
    assert response.status_code == 200 and "o311_" in html
    raw = html.split('data-testid="new-key"', 1)[1].split("<code", 1)[1].split(">", 1)[1].split("<", 1)[0]
    client.logout()
    assert client.post(u("requests", "json"), spec_post(raw, world)).status_code == 200
    login_verified(client, world.users["secretariat"])
    assert raw not in client.get(reverse("feedback:keys")).content.decode()
