"""The late list names the official a cause blames in a column of its own, filters by that official (the
officials' ranking's rule: a step-overrun cause naming them on a step they handled), and lists the
dossiers whose cause is known before those whose cause is "Chưa xác định"."""

import re

from cchc.dossiers.tests.factories import at, late_dossier
from cchc.testing.personas import login_verified


def codes(html: str) -> list[str]:
    return re.findall(r'href="/ho-so/ho-so/(LATE-[^/"]+)/"', html)


def test_attributable_causes_come_first_and_unexplained_last(client, world):
    # The unexplained dossier has the latest deadline, so deadline order alone would put it first.
    late_dossier(world, "LATE-UNEXPLAINED", causes=[], received=at(2022, 6, 20))
    late_dossier(world, "LATE-NAMED", received=at(2022, 6, 1))
    late_dossier(
        world,
        "LATE-SOFTWARE",
        received=at(2022, 6, 5),
        causes=[{"kind": "software_closing", "unit": "P1", "official": ""}],
    )
    login_verified(client, world.users["office"])
    html = client.get("/ho-so/tre-han/").content.decode()
    assert codes(html) == ["LATE-SOFTWARE", "LATE-NAMED", "LATE-UNEXPLAINED"]


def test_the_official_filter_keeps_only_the_dossiers_her_steps_made_late(client, world):
    late_dossier(world, "LATE-HERS")
    late_dossier(
        world,
        "LATE-SOMEONE-ELSE",
        causes=[{"kind": "step_overrun", "unit": "P1", "official": "Người Khác"}],
    )
    late_dossier(world, "LATE-NO-CAUSE", causes=[])
    name = world.officials["ward_officer"].full_name
    login_verified(client, world.users["leader"])
    html = client.get("/ho-so/tre-han/", {"official": name}).content.decode()
    assert codes(html) == ["LATE-HERS"]
    assert 'data-testid="late-count">1 hồ sơ' in html
    # Hostile or unknown names give an empty list, never an error.
    html = client.get("/ho-so/tre-han/", {"official": "</script>' OR 1=1"}).content.decode()
    assert codes(html) == []
