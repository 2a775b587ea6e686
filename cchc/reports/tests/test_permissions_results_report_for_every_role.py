"""Who sees which rows of the results report, for every persona: a unit only its own dossiers, the city
every unit, the Front nothing; a dossier out of scope is never in a drill-down list."""

from __future__ import annotations

import re

import pytest

from cchc.reports.tests.helpers import quarter_set
from cchc.testing.personas import login_verified

QUERY = "date_from=2022-04-01&date_to=2022-06-30&by=unit"
# persona → (status, unit rows seen)
EXPECTED = {
    "leader": (200, {"P1", "P2"}),
    "secretariat": (200, {"P1", "P2"}),
    "office": (200, {"P1", "P2"}),
    "auditor": (200, {"P1", "P2"}),
    "unit_head": (200, {"P1"}),
    "ward_officer": (200, {"P1"}),
    "other_ward_officer": (200, {"P2"}),
    "one_stop": (200, set()),  # the one-stop office handles no dossier itself
    "front": (403, set()),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_sees_only_the_units_in_its_scope(world, client, persona):
    quarter_set(world)
    login_verified(client, world.users[persona])
    status, units = EXPECTED[persona]
    r = client.get(f"/bao-cao/ket-qua-tthc/?{QUERY}")
    assert r.status_code == status
    if status != 200:
        assert client.get(f"/bao-cao/ket-qua-tthc/bao-cao.xlsx?{QUERY}").status_code == 403
        return
    seen = set(re.findall(r'data-cell="(P\d):in_period"', r.content.decode()))
    assert seen == units
    listed = client.get(
        f"/bao-cao/ket-qua-tthc/ho-so/?{QUERY}&group=__total__&cell=in_period"
    ).content.decode()
    codes = set(re.findall(r"/ho-so/ho-so/(Q-[A-Z0-9]+)/", listed))
    assert ("Q-P2" in codes) == ("P2" in units)
    assert ("Q-LATE" in codes) == ("P1" in units)


def test_a_signed_out_visitor_is_sent_to_sign_in(client):
    r = client.get(f"/bao-cao/ket-qua-tthc/?{QUERY}")
    assert r.status_code == 302 and "/tai-khoan/" in r["Location"]
