"""Lists, XLSX exports and JSON endpoints carry exactly the persona's scope (docs/architecture.md, "Rules of
the house")."""

import re

import pytest
from django.urls import reverse

from cchc.org.tests.conftest import xlsx_rows
from cchc.testing.personas import login_verified

EVERY_UNIT = {"UBND-VT", "NV", "VP", "TTr", "MTTQ", "P1", "P1-MC", "P2"}
SCOPE = {
    "leader": EVERY_UNIT,
    "secretariat": EVERY_UNIT,
    "office": EVERY_UNIT,
    "auditor": EVERY_UNIT,
    "unit_head": {"P1", "P1-MC"},
    "ward_officer": {"P1", "P1-MC"},
    "other_ward_officer": {"P2"},
    "one_stop": {"P1-MC"},
    "front": {"MTTQ"},
}
# official code → unit code, from cchc.testing.personas
OFFICIAL_UNIT = {
    "CB-LD": "UBND-VT",
    "CB-NV": "NV",
    "CB-VP": "VP",
    "CB-P1-CT": "P1",
    "CB-P1-CV": "P1",
    "CB-P2-CV": "P2",
    "CB-P1-MC": "P1-MC",
    "CB-MT": "MTTQ",
    "CB-TT": "TTr",
}


@pytest.mark.parametrize("persona", sorted(SCOPE))
def test_exports_and_json_hold_exactly_the_personas_units_and_officials(client, world, persona):
    login_verified(client, world.users[persona])
    units = xlsx_rows(client.get(reverse("org:unit_export")).content)
    assert units[0][0] == "mã đơn vị"
    assert {row[0] for row in units[1:]} == SCOPE[persona]

    officials = xlsx_rows(client.get(reverse("org:official_export")).content)
    expected = {code for code, unit in OFFICIAL_UNIT.items() if unit in SCOPE[persona]}
    assert {row[0] for row in officials[1:]} == expected

    found = client.get(reverse("org:unit_search_json")).json()["results"]
    assert {r["code"] for r in found} == SCOPE[persona]
    found = client.get(reverse("org:official_search_json")).json()["results"]
    assert {r["code"] for r in found} == expected

    page = client.get(reverse("org:unit_list")).content.decode()
    for code in EVERY_UNIT:
        # The code is data in Vietnamese (marked lang="vi" on English pages), so its tag may carry attributes.
        shown = re.search(rf"<code[^>]*>{re.escape(code)}</code>", page) is not None
        assert shown == (code in SCOPE[persona]), code
