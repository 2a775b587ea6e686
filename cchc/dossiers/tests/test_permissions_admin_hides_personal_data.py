import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.models import User
from cchc.dossiers.tests.factories import APPLICANTS, build_ledger
from cchc.testing.personas import TOTP_KEY, login_verified


@pytest.fixture
def admin_client(client, world):
    user = User.objects.create_superuser("quantri", "qt@example.test", "Mat-khau-quan-tri-2022")
    TOTPDevice.objects.create(user=user, name="app", key=TOTP_KEY, confirmed=True)
    return login_verified(client, user)


def test_admin_shows_dossiers_read_only_without_personal_data(admin_client, world):
    ledger = build_ledger(world)
    listing = admin_client.get("/quan-tri/dossiers/dossier/")
    assert listing.status_code == 200 and ledger.late.code in listing.content.decode()
    page = admin_client.get(f"/quan-tri/dossiers/dossier/{ledger.late.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Trần Thị Bình" in html  # the steps are there
    for value in APPLICANTS[0].values():
        assert value not in html
    searched = admin_client.get("/quan-tri/dossiers/dossier/", {"q": APPLICANTS[0]["applicant_phone"]})
    assert ledger.late.code not in searched.content.decode()
    assert admin_client.post(f"/quan-tri/dossiers/dossier/{ledger.late.pk}/delete/").status_code == 403
