"""The system administrator (a superuser with no role of the organisation) reads the home page in English
when English is chosen — the whole picture and the organisation check, unit names kept as Vietnamese data —
and in Vietnamese by default."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.models import User
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import TOTP_KEY, login_verified


def _admin(client):
    admin = User.objects.create_superuser("quantri", "quantri@example.test", "Mat-khau-quan-tri-2022")
    TOTPDevice.objects.create(user=admin, name="Ứng dụng xác thực", key=TOTP_KEY, confirmed=True)
    login_verified(client, admin)


def test_the_administrators_home_is_english_when_chosen(client, world):
    _admin(client)
    choose_english(client)
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert 'data-testid="panel-org-health"' in html and "System administration" in html
    assert not vietnamese_shown(html), vietnamese_shown(html)


def test_the_administrators_home_stays_vietnamese_by_default(client, world):
    _admin(client)
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html and "Quản trị hệ thống" in html
