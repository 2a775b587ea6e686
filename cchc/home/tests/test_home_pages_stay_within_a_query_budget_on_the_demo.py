"""Performance: the first pages read daily facts and indexed counts, so the number of queries does not
grow with the number of units, dossiers, tasks or petitions. Measured on the whole demo (its shape, with
CCHC_DEMO_DOSSIERS=400 from conftest), for every demo login, current month and a chosen month."""

import pytest

from cchc.accounts.demo import DEMO_LOGINS
from cchc.accounts.models import User
from cchc.core import demo_clock
from cchc.testing.personas import login_verified

# Session, user, official, unit, head, jurisdiction (6) + each panel's grouped reads; the leader's page
# measured 29 before the city index panel, which adds two grouped reads (the year's index version, the
# criteria with their solutions' counts), and the late-rate-by-month chart one more (twelve months in one
# grouped read of the daily facts). The budget leaves room for a cache miss, not for a query per unit,
# per month or per row.
BUDGET = 33


@pytest.fixture
def demo(demo_db, settings):
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True


def test_every_demo_page_answers_within_the_query_budget(client, demo, django_assert_max_num_queries):
    # The month of the founding letter.
    letter = demo_clock.letter_date()
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        login_verified(client, user)
        for query in ("", f"?thang={letter:%Y-%m}"):
            with django_assert_max_num_queries(BUDGET):
                response = client.get("/" + query)
            assert response.status_code == 200, (login.username, query)
    login_verified(client, User.objects.get(username="lanhdao"))
    html = client.get(f"/?thang={letter:%Y-%m}").content.decode()
    assert html.count('data-testid="slipping-row"') > 10
    assert "Chưa có người đứng đầu" not in html  # every demo unit that handles work has a head
    assert f"tháng {letter:%m/%Y}" in html
