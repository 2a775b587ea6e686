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


def test_a_superuser_without_a_role_gets_the_whole_picture_and_the_organisation_check(client, world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cchc.accounts.models import User
    from cchc.testing.personas import TOTP_KEY

    admin = User.objects.create_superuser("quantri", "quantri@example.test", "Mat-khau-quan-tri-2022")
    TOTPDevice.objects.create(user=admin, name="Ứng dụng xác thực", key=TOTP_KEY, confirmed=True)
    login_verified(client, admin)
    html = client.get("/").content.decode()
    assert "Quản trị hệ thống" in html
    assert 'data-testid="panel-slipping"' in html and 'data-testid="panel-org-health"' in html
