"""Reform proposals with English chosen: the list, the form, a proposal with its steps and the register
read in English (titles, units, procedures and texts are Vietnamese data, marked ``lang="vi"``)."""

import pytest
from django.urls import reverse

from cchc.proposals import actions
from cchc.proposals.tests.conftest import drafted
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def test_the_proposal_pages_read_in_english(client, world, proposal):
    draft = drafted(world)
    actions.submit(world.users["unit_head"], proposal)
    for who in ("unit_head", "secretariat", "leader"):
        client.logout()
        login_verified(client, world.users[who])
        choose_english(client)
        urls = [
            reverse("proposals:proposal_list"),
            reverse("proposals:proposal_detail", args=[proposal.pk]),
            reverse("proposals:register"),
        ]
        if who == "unit_head":
            urls.append(reverse("proposals:proposal_create"))
            urls.append(reverse("proposals:proposal_edit", args=[draft.pk]))
        for url in urls:
            page = client.get(url).content.decode()
            assert '<html lang="en">' in page, (who, url)
            assert not vietnamese_shown(page), (who, url, vietnamese_shown(page))
