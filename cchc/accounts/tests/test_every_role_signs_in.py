"""Every role signs in with password and code and lands on "/" showing its role."""

import pytest

from cchc.testing.personas import PERSONAS

from .conftest import sign_in


@pytest.mark.parametrize("persona", [p[0] for p in PERSONAS])
def test_each_persona_signs_in_with_password_and_code_and_sees_its_role(client, world, persona):
    user = world.users[persona]
    response = sign_in(client, persona)
    assert response.status_code == 302
    assert response.url == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert f'<span data-testid="role-label">{user.get_role_display()}</span>' in home.content.decode()
