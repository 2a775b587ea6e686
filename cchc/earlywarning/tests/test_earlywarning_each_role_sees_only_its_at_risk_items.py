"""Permissions: an officer sees only the items they hold, a head the unit's, the desk the dossiers it
received, the city-wide roles everything, the Front nothing — in the list and through ``risks_for``."""

import pytest

from cchc.earlywarning.models import Kind
from cchc.earlywarning.queries import risks_for
from cchc.earlywarning.tests.scene import scored
from cchc.testing.personas import login_verified

EXPECTED = {
    "ward_officer": {"A-OPEN"},
    "other_ward_officer": {"B-OPEN"},
    "unit_head": {"A-OPEN", "C-OPEN"},  # C is nobody's: it falls to the head
    "one_stop": {"A-OPEN", "C-OPEN"},
    "leader": {"A-OPEN", "B-OPEN", "C-OPEN"},
    "secretariat": {"A-OPEN", "B-OPEN", "C-OPEN"},
    "office": {"A-OPEN", "B-OPEN", "C-OPEN"},
    "auditor": {"A-OPEN", "B-OPEN", "C-OPEN"},
    "front": set(),
}


@pytest.fixture
def scene(world, settings):
    scored(world, settings)
    return world


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_reads_exactly_its_own_dossiers_at_risk(scene, persona):
    user = scene.users[persona]
    codes = {r.dossier.code for r in risks_for(user).filter(kind=Kind.DOSSIER).select_related("dossier")}
    assert codes == EXPECTED[persona]


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_at_risk_page_lists_only_what_the_role_may_see(client, scene, persona):
    login_verified(client, scene.users[persona])
    page = client.get("/canh-bao/").content.decode()
    for code in ("A-OPEN", "B-OPEN", "C-OPEN"):
        assert (code in page) == (code in EXPECTED[persona]), code
