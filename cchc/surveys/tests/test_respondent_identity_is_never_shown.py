"""Respondents stay anonymous everywhere, the secretariat included: no screen or export shows the
dossier, the applicant or the address a response came from — unless the respondent chose to leave
contact details, which are then shown."""

import io

import pytest
from django.urls import reverse

from cchc.surveys.models import Response
from cchc.surveys.tests.conftest import URLS, form_data
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
APPLICANT = ("Lý Thị Thu Trang", "0912345789", "077190001234", "thutrang.ly@example.vn")


def answer(client, version, token, **extra):
    client.post(
        reverse("surveys_public:dossier", args=[token.token]),
        form_data(version, rating="3", client_key="ident-key-0001", **extra),
        **FETCH,
    )
    return Response.objects.get()


def pages(client, campaign, r):
    urls = [
        reverse("surveys:responses", args=[campaign.pk]),
        reverse("surveys:response_detail", args=[r.pk]),
        reverse("surveys:results", args=[campaign.pk]),
        reverse("surveys:unit_results", args=[campaign.pk, r.unit_id]),
        reverse("surveys:flagged"),
        reverse("surveys:campaign_detail", args=[campaign.pk]),
    ]
    return "".join(client.get(u).content.decode() for u in urls)


def xlsx_text(content):
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    return " ".join(
        str(cell)
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for cell in row
    )


@pytest.mark.parametrize("persona", ["secretariat", "leader", "auditor", "unit_head"])
def test_no_screen_or_export_identifies_an_anonymous_respondent(
    client, world, version, campaign, token, persona
):
    r = answer(client, version, token, comment="Cán bộ nhiệt tình, gọi tôi 0912345789 nhé")
    login_verified(client, world.users[persona])
    html = pages(client, campaign, r)
    html += xlsx_text(client.get(reverse("surveys:export_xlsx", args=[campaign.pk])).content)
    for secret in (*APPLICANT, token.dossier.code, token.token, r.ip_hash):
        assert secret not in html, secret
    assert "Ẩn danh" in client.get(reverse("surveys:response_detail", args=[r.pk])).content.decode()


def test_contact_details_left_by_choice_are_shown_to_the_secretariat(client, world, version, campaign, token):
    r = answer(
        client,
        version,
        token,
        contact_consent="1",
        contact_name="Nguyễn Văn Bảy",
        contact_phone="0909123456",
    )
    assert r.contact_consent
    login_verified(client, world.users["secretariat"])
    html = client.get(reverse("surveys:response_detail", args=[r.pk])).content.decode()
    assert "Nguyễn Văn Bảy" in html and "0909123456" in html
    # Even then, the dossier stays hidden: the contact is what the person chose to give.
    assert token.dossier.code not in html and "Lý Thị Thu Trang" not in html


def test_the_dossier_page_says_whether_the_citizen_answered_but_never_what(
    client, world, version, campaign, token
):
    answer(client, version, token, comment="Rất chậm")
    login_verified(client, world.users["one_stop"])
    html = client.get(reverse("dossiers:detail", args=[token.dossier.code])).content.decode()
    assert "Người dân đã đánh giá hồ sơ này" in html
    assert "Rất chậm" not in html and "Hài lòng</" not in html
