"""Every list of wards and units reads Phường 1, 2, … 10, 11 — the petition form's drop-down, the late
dossiers' unit filter, the units' list — through the one sort key (``cchc.lib.names``)."""

import re

import pytest

from cchc.accounts.models import User
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def _wards_in_order(labels: list[str]) -> list[int]:
    return [
        int(m.group(1)) for label in labels if (m := re.fullmatch(r"(?:UBND )?Phường (\d+)", label.strip()))
    ]


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


@pytest.fixture
def demo_city(db):
    from cchc.accounts.demo import load_accounts
    from cchc.feedback.demo import load_categories
    from cchc.org.demo import load_org

    org = load_org()
    load_accounts(org)
    load_categories(org.city)
    return org


def test_the_petition_forms_wards_sort_by_number(client, demo_city):
    numbers = _wards_in_order(_options(client.get("/cong-khai/phan-anh/gui/").content.decode(), "ward"))
    assert len(numbers) >= 10 and numbers == sorted(numbers)


def test_the_late_lists_unit_filter_and_the_unit_list_sort_by_number(client, demo_city, settings):
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True
    login_verified(client, User.objects.get(username="lanhdao"))
    numbers = _wards_in_order(_options(client.get("/ho-so/tre-han/").content.decode(), "unit"))
    assert len(numbers) >= 10 and numbers == sorted(numbers)
    listed = re.findall(r">\s*(UBND Phường \d+)\s*<", client.get("/to-chuc/don-vi/").content.decode())
    numbers = _wards_in_order(listed)
    assert len(numbers) >= 10 and numbers == sorted(numbers)
