"""Every number on the results page opens the list of exactly the dossiers it counts: for each cell of
each row and of the total, the list has as many dossiers as the number, and the known edges land in the
cells they belong to."""

from __future__ import annotations

import re

from cchc.reports.tests.helpers import quarter_set
from cchc.testing.personas import login_verified

QUERY = "date_from=2022-04-01&date_to=2022-06-30&by=unit"


def _codes(client, group, cell):
    r = client.get(f"/bao-cao/ket-qua-tthc/ho-so/?{QUERY}&group={group}&cell={cell}")
    assert r.status_code == 200
    return set(re.findall(r'href="/ho-so/ho-so/(Q-[A-Z0-9]+)/"', r.content.decode()))


def test_each_cell_of_the_page_opens_as_many_dossiers_as_it_shows(world, client):
    quarter_set(world)
    login_verified(client, world.users["secretariat"])
    page = client.get(f"/bao-cao/ket-qua-tthc/?{QUERY}").content.decode()
    cells = re.findall(r'data-cell="([^"]+):([a-z_]+)">(\d+)</a>', page)
    assert len(cells) >= 3 * 11  # P1, P2 and the total, on the table (and again on the cards)
    for group, cell, shown in set(cells):
        assert len(_codes(client, group, cell)) == int(shown), (group, cell)


def test_the_edges_land_in_their_cells(world, client):
    quarter_set(world)
    login_verified(client, world.users["secretariat"])
    assert _codes(client, "P1", "carried_over") == {"Q-CARRIED"}
    assert _codes(client, "P1", "finished_on_time") == {"Q-APPT", "Q-SUPPL"}
    assert _codes(client, "P1", "finished_late") == {"Q-LATE", "Q-SECOND"}
    assert _codes(client, "P1", "open_overdue") == {"Q-OVERDUE"}
    assert _codes(client, "P1", "received_direct_postal") == {
        "Q-APPT",
        "Q-SUPPL",
        "Q-LATE",
        "Q-SECOND",
        "Q-OVERDUE",
        "Q-POSTAL",
    }
    assert _codes(client, "__total__", "received_online") == {"Q-ONLINE", "Q-P2"}


def test_rows_per_field_and_per_procedure_open_their_dossiers_too(world, client):
    quarter_set(world)
    login_verified(client, world.users["leader"])
    for by in ("field", "procedure"):
        query = f"date_from=2022-04-01&date_to=2022-06-30&by={by}"
        page = client.get(f"/bao-cao/ket-qua-tthc/?{query}").content.decode()
        cells = set(re.findall(r'data-cell="([^"]+):([a-z_]+)">(\d+)</a>', page))
        assert cells
        for group, cell, shown in cells:
            r = client.get(f"/bao-cao/ket-qua-tthc/ho-so/?{query}&group={group}&cell={cell}")
            listed = set(re.findall(r'href="/ho-so/ho-so/(Q-[A-Z0-9]+)/"', r.content.decode()))
            assert len(listed) == int(shown), (by, group, cell)
