import pytest

from cchc.testing.personas import PERSONAS, login_verified


@pytest.mark.parametrize("persona", [p[0] for p in PERSONAS])
def test_each_role_lands_on_its_own_first_page(client, world, persona):
    user = world.users[persona]
    login_verified(client, user)
    response = client.get("/")
    assert response.status_code == 200
    assert user.get_role_display() in response.content.decode()


def test_anonymous_visitor_sees_the_public_landing_page(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Cổng thông tin cải cách hành chính" in response.content.decode()
