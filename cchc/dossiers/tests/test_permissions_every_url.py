"""Every URL of the dossiers app, enumerated from the resolver, against the personas who must not
reach Phường 1's dossiers. A new route without a case here fails ``test_every_route_has_a_case``."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cchc.dossiers.models import Apology, ApologyForm, LateList
from cchc.dossiers.tests.factories import APPLICANTS, add_facts, build_ledger
from cchc.testing.personas import login_verified

# url name → (HTTP method, what the route is about)
CASES = {
    "list": ("get", "scoped list"),
    "late": ("get", "scoped list"),
    "league_units": ("get", "scoped list"),
    "league_officials": ("get", "scoped list"),
    "interagency": ("get", "scoped list"),
    "interagency_steps": ("get", "scoped list"),
    "detail": ("get", "dossier"),
    "apology_new": ("get", "dossier"),
    "messages": ("get", "dossier"),
    "apology_docx": ("get", "apology"),
    "apology_pdf": ("get", "apology"),
    "latelist_index": ("get", "late list"),
    "latelist_draft": ("post", "late list"),
    "latelist_detail": ("get", "late list"),
    "latelist_approve": ("post", "late list"),
    "latelist_publish": ("post", "late list"),
    "latelist_withdraw": ("post", "late list"),
    "latelist_file": ("get", "late list"),
}


def dossier_routes() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespaces):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, [*namespaces, p.namespace] if p.namespace else namespaces)
            elif isinstance(p, URLPattern) and namespaces and namespaces[-1] == "dossiers":
                names.add(p.name)

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns, [])
    return names


@pytest.fixture
def targets(world):
    ledger = build_ledger(world)
    add_facts(ledger.all)
    apology = Apology.objects.create(
        dossier=ledger.late,
        form=ApologyForm.TT01_2018,
        issued_at=timezone.now(),
        reason="Chậm xác minh",
        new_appointment_at=timezone.now() + dt.timedelta(days=3),
        responsible_unit=world.units["p1"],
    )
    late_list = LateList.objects.create(
        jurisdiction=world.jurisdictions["city"], month=dt.date(2022, 6, 1), rows=[]
    )
    return ledger, apology, late_list


def url_for(name, ledger, apology, late_list):
    if name in ("detail", "apology_new", "messages"):
        return reverse(f"dossiers:{name}", args=[ledger.late.code])
    if name in ("apology_docx", "apology_pdf"):
        return reverse(f"dossiers:{name}", args=[ledger.late.code, apology.pk])
    if name in ("latelist_detail", "latelist_approve", "latelist_publish", "latelist_withdraw"):
        return reverse(f"dossiers:{name}", args=[late_list.pk])
    if name == "latelist_file":
        return reverse(f"dossiers:{name}", args=[late_list.pk, "pdf"])
    return reverse(f"dossiers:{name}")


def test_every_route_has_a_case():
    routes = dossier_routes()
    assert routes, "the dossiers app is not mounted"
    missing = routes - set(CASES)
    assert not missing, f"routes without a permission case in this file: {sorted(missing)}"
    assert not set(CASES) - routes, f"cases for routes that no longer exist: {sorted(set(CASES) - routes)}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous_visitors_are_sent_to_sign_in(client, world, targets, name):
    method, _ = CASES[name]
    response = getattr(client, method)(url_for(name, *targets))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_other_ward_officer_never_reaches_phuong_1(client, world, targets, name):
    ledger, _apology, late_list = targets
    method, kind = CASES[name]
    login_verified(client, world.users["other_ward_officer"])
    response = getattr(client, method)(url_for(name, *targets))
    if kind in ("dossier", "apology"):
        assert response.status_code == 404
    elif kind == "late list":
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        html = response.content.decode()
        for d in (ledger.late, ledger.overdue, ledger.due_soon, ledger.city):
            assert d.code not in html
        assert "UBND Phường 1" not in html
        assert APPLICANTS[0]["applicant_name"] not in html
    late_list.refresh_from_db()
    assert late_list.status == "draft"


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_front_reaches_no_dossier_screen(client, world, targets, name):
    method, _ = CASES[name]
    login_verified(client, world.users["front"])
    response = getattr(client, method)(url_for(name, *targets))
    assert response.status_code in (403, 404)


@pytest.mark.parametrize("name", sorted(CASES))
def test_unverified_sign_in_is_sent_to_the_second_factor(client, world, targets, name):
    method, _ = CASES[name]
    client.force_login(world.users["one_stop"])
    response = getattr(client, method)(url_for(name, *targets))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp"))
