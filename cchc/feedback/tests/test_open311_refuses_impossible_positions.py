"""Open311 with lat=NaN, Infinity or 999, or a start date in year 1: a 400 naming the parameter."""

import pytest
from django.core.cache import cache

from cchc.feedback.actions.citizen import create_key


@pytest.fixture
def api_key(world, categories):
    _, raw = create_key(world.users["secretariat"], name="Ứng dụng", jurisdiction=world.jurisdictions["city"])
    return raw


def test_open311_refuses_a_latitude_that_is_no_place(client, api_key):
    for lat in ["NaN", "sNaN", "Infinity", "-inf", "999", "1e999999999"]:
        cache.clear()
        data = {
            "api_key": api_key,
            "jurisdiction_id": "747",
            "service_code": "DT",
            "lat": lat,
            "long": "107.084",
            "description": "Ổ gà lớn giữa đường Lê Lợi.",
            "phone": "0911111111",
        }
        response = client.post("/open311/v2/requests.json", data)
        assert response.status_code == 400, (lat, response.content)
        assert "lat" in response.json()[0]["description"]


def test_open311_refuses_a_start_date_in_year_one(client, categories):
    response = client.get(
        "/open311/v2/requests.json", {"jurisdiction_id": "747", "start_date": "0001-01-01T00:00:00Z"}
    )
    assert response.status_code == 400
    assert "start_date" in response.json()[0]["description"]
