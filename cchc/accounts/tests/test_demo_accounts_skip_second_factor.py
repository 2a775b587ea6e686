"""Demo accounts skip the code only in a demo installation that waives it; no other account ever."""

import pytest
from django.test import override_settings

from cchc.core.models import AuditEvent

from .conftest import OTP, password_step

DEMO_WAIVES = override_settings(CCHC_DEMO=True, CCHC_DEMO_WITHOUT_2FA=True)


@pytest.fixture
def demo_officer(world):
    user = world.users["ward_officer"]
    user.is_demo = True
    user.save()
    return user


@DEMO_WAIVES
def test_demo_account_goes_straight_in_when_the_demo_waives_the_code(client, demo_officer):
    response = password_step(client, "ward_officer")
    assert response.status_code == 302
    assert response.url == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Công chức chuyên môn" in home.content.decode()
    assert AuditEvent.objects.get(verb="accounts.login").data["method"] == "demo"


@override_settings(CCHC_DEMO=True, CCHC_DEMO_WITHOUT_2FA=False)
def test_demo_account_needs_the_code_when_the_waiver_is_off(client, demo_officer):
    assert password_step(client, "ward_officer").url == OTP
    assert client.get("/").status_code == 302


@override_settings(CCHC_DEMO=False, CCHC_DEMO_WITHOUT_2FA=True)
def test_the_waiver_means_nothing_outside_a_demo_installation(client, demo_officer):
    assert password_step(client, "ward_officer").url == OTP
    assert client.get("/").status_code == 302


@DEMO_WAIVES
def test_an_account_not_flagged_as_demo_never_skips_the_code(client, world, demo_officer):
    assert password_step(client, "other_ward_officer").url == OTP
    assert client.get("/").url.startswith(OTP)


@DEMO_WAIVES
def test_the_middleware_applies_the_same_rule(client, world, demo_officer):
    client.force_login(demo_officer)
    assert client.get("/").status_code == 200
    client.force_login(world.users["leader"])
    assert client.get("/").url.startswith(OTP)
