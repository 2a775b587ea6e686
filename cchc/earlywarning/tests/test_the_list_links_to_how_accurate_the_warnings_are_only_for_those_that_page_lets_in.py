"""The at-risk list points to how accurate the warnings are only for those that page lets in: a one-stop
official, a ward's officials and its head read the list without a link that would answer "refused" (the
demo walk followed it as the one-stop desk and met a 403); the agencies that follow the whole reform see
the link, and it opens."""

import lxml.html
import pytest

from cchc.testing.personas import PERSONAS, login_verified

LIST, RELIABILITY = "/canh-bao/", "/canh-bao/do-tin-cay/"


@pytest.mark.parametrize("persona", [key for key, *_ in PERSONAS])
def test_the_link_is_shown_exactly_to_those_the_page_lets_in(client, world, persona):
    login_verified(client, world.users[persona])
    listed = client.get(LIST)
    assert listed.status_code == 200  # every persona has the list, scoped to what they may read
    links = lxml.html.fromstring(listed.content.decode()).xpath(f'//main//a[@href="{RELIABILITY}"]')
    opens = client.get(RELIABILITY).status_code == 200
    assert bool(links) == opens, (persona, len(links), opens)


def test_the_one_stop_desk_reads_the_list_without_the_link(client, world):
    login_verified(client, world.users["one_stop"])
    page = client.get(LIST).content.decode()
    assert "nguy cơ cao đứng trước." in page
    assert RELIABILITY not in page
