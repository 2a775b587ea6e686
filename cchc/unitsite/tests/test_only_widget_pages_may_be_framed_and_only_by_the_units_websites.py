"""The Content-Security-Policy of a unit's widgets: ``frame-ancestors`` names this site and the websites the
unit registered — not another unit's — and X-Frame-Options is gone from them; every other page, the
unit's own public document list included, keeps ``frame-ancestors 'none'`` and ``DENY``."""

from __future__ import annotations

from django.urls import reverse

from cchc.unitsite import actions
from cchc.unitsite.models import EmbedOrigin
from cchc.unitsite.widgets import WIDGETS


def _frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors"))


def test_each_widget_may_be_framed_by_its_units_websites_only(client, world):
    p1, p2 = world.units["p1"], world.units["p2"]
    actions.add_origin(world.users["ward_officer"], p1, "https://phuong1.vungtau.gov.vn")
    actions.add_origin(world.users["ward_officer"], p1, "https://*.phuong1.vn")
    actions.add_origin(world.users["other_ward_officer"], p2, "https://phuong2.vungtau.gov.vn")
    for widget in WIDGETS:
        response = client.get(widget.path(p1))
        assert response.status_code == 200, widget.key
        assert _frame_ancestors(response) == (
            "frame-ancestors 'self' https://*.phuong1.vn https://phuong1.vungtau.gov.vn"
        ), widget.key
        assert "X-Frame-Options" not in response, widget.key
        # The rest of the policy is the site's: scripts only from this site.
        assert "script-src 'self'" in response["Content-Security-Policy"], widget.key
        other = client.get(widget.path(p2))
        assert _frame_ancestors(other) == "frame-ancestors 'self' https://phuong2.vungtau.gov.vn", widget.key


def test_a_unit_with_no_website_registered_is_framed_by_this_site_only(client, world):
    for widget in WIDGETS:
        response = client.get(widget.path(world.units["p2"]))
        assert _frame_ancestors(response) == "frame-ancestors 'self'", widget.key


def test_a_removed_website_is_refused_on_the_next_answer(client, world):
    p1 = world.units["p1"]
    row = actions.add_origin(world.users["ward_officer"], p1, "https://phuong1.vungtau.gov.vn")
    actions.remove_origin(world.users["ward_officer"], row)
    assert _frame_ancestors(client.get(WIDGETS[0].path(p1))) == "frame-ancestors 'self'"


def test_every_other_page_stays_unframeable(client, world):
    p1 = world.units["p1"]
    actions.add_origin(world.users["ward_officer"], p1, "https://phuong1.vungtau.gov.vn")
    for url in (
        "/cong-khai/",
        reverse("unitsite_public:documents", args=[p1.pk]),
        reverse("portal:dossier_lookup"),
        reverse("portal:late_lists"),
        "/tai-khoan/dang-nhap/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _frame_ancestors(response) == "frame-ancestors 'none'", url
        assert response["X-Frame-Options"] == "DENY", url


def test_a_row_written_around_the_form_cannot_add_to_the_policy(client, world):
    p1 = world.units["p1"]
    for raw in ("https://a.vn; script-src *", "https://a.vn 'unsafe-inline'", "*", "'none'", "https://A.vn"):
        EmbedOrigin.objects.create(unit=p1, origin=raw)
    EmbedOrigin.objects.create(unit=p1, origin="https://phuong1.vungtau.gov.vn")
    response = client.get(WIDGETS[0].path(p1))
    assert _frame_ancestors(response) == "frame-ancestors 'self' https://phuong1.vungtau.gov.vn"
    assert response["Content-Security-Policy"].count("script-src") == 1
