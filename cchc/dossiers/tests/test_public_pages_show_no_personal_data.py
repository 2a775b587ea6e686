"""Every public page (enumerated from the resolver) rendered with demo-like data: no applicant's name,
phone, ID number, e-mail or address appears anywhere."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cchc.dossiers.actions.apologies import issue_apology
from cchc.dossiers.actions.late_lists import approve_late_list, draft_late_list
from cchc.dossiers.letters import default_choices
from cchc.dossiers.tests.factories import APPLICANTS, add_facts, build_ledger


def portal_routes():
    found = []

    def walk(patterns, namespaces):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, [*namespaces, p.namespace] if p.namespace else namespaces)
            elif isinstance(p, URLPattern) and namespaces and namespaces[-1] == "portal":
                found.append(p)

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns, [])
    return found


def personal_strings():
    out = []
    for a in APPLICANTS:
        out += [a["applicant_name"], a["applicant_phone"], a["applicant_id_number"], a["applicant_email"]]
        out += [a["applicant_address"], a["applicant_phone"][-7:], a["applicant_id_number"][-6:]]
        # Given names alone, and the phone as people write it.
        out += [
            " ".join(a["applicant_name"].split()[1:]),
            a["applicant_phone"][:4] + " " + a["applicant_phone"][4:7],
        ]
    return out


@pytest.fixture
def published(world):
    cache.clear()
    ledger = build_ledger(world)
    add_facts(ledger.all)
    issue_apology(
        world.users["one_stop"],
        ledger.overdue,
        reason="Chờ xác minh",
        new_appointment_at=timezone.now() + dt.timedelta(days=3),
        choices=default_choices(ledger.overdue),
        responsible_unit=world.units["p1"],
    )
    approve_late_list(world.users["leader"], draft_late_list(world.users["office"], dt.date(2022, 6, 1)))
    return ledger


def test_every_public_page_is_free_of_personal_data(client, world, published):
    routes = portal_routes()
    assert len(routes) >= 3
    pages = {}
    arguments = {"handbook_detail": [published.late.procedure.national_code]}
    for route in routes:
        args = arguments.get(str(route.name), [])
        assert bool(route.pattern.converters) == bool(args), f"public route {route.name}: add a case here"
        response = client.get(reverse(f"portal:{route.name}", args=args))
        assert response.status_code == 200, route.name
        pages[route.name] = response.content.decode()
    for d in published.all:
        pages[f"lookup {d.code}"] = client.post(
            reverse("portal:dossier_lookup"), {"code": d.code, "phone": d.applicant_phone}
        ).content.decode()
    pages["home"] = client.get("/").content.decode()
    # The look-ups did find their dossiers (a page that shows nothing proves nothing).
    assert "Đăng ký khai sinh" in pages[f"lookup {published.late.code}"]
    assert "Trần Thị Bình" in pages["late_lists"]  # officials are named on the published list
    # The test procedure's public code (1.001234) happens to end like the test applicant's ID number:
    # catalogue codes are public facts, taken out before looking for the ID's digits.
    from cchc.dossiers.models import Procedure

    codes = [
        c for p in Procedure.objects.values_list("national_code", flat=True) for c in (p, p.replace(".", " "))
    ]
    for name, html in pages.items():
        for code in codes:
            html = html.replace(code, "")
        for needle in personal_strings():
            assert needle not in html, f"{needle!r} appears on {name}"
