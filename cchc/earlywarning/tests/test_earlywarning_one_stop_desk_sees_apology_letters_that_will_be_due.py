"""The one-stop desk's home page lists the at-risk dossiers it received whose apology letter must go out
soon (one working day before the appointment), and no other desk's."""

import pytest

from cchc.earlywarning.models import Kind, Risk
from cchc.earlywarning.queries import apology_due
from cchc.earlywarning.tests.scene import TODAY, scored
from cchc.home.tests.test_home_scene import by_testid, html_of, text
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings):
    scored(world, settings)
    return world


def test_the_apology_deadline_is_the_working_day_before_the_appointment(scene):
    a = Risk.objects.get(kind=Kind.DOSSIER, dossier__code="A-OPEN")  # due Monday 3/6/2024
    assert a.apology_by.isoformat() == "2024-05-31"  # the Friday before


def test_the_desk_sees_its_own_at_risk_dossiers_with_their_apology_deadline(client, scene):
    codes = {r.dossier.code for r in apology_due(scene.users["one_stop"], TODAY).select_related("dossier")}
    assert codes == {"A-OPEN", "C-OPEN"}
    login_verified(client, scene.users["one_stop"])
    panel = text(by_testid(html_of(client.get("/")), "panel-apology-due")[0])
    assert "A-OPEN" in panel and "C-OPEN" in panel and "B-OPEN" not in panel
    assert "phiếu xin lỗi gửi trước 31/05/2024" in panel
