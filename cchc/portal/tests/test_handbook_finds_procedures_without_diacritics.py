"""The public procedure handbook: search ignores diacritics and case (on SQLite and PostgreSQL alike,
through the folded column), each procedure's page shows what the catalogue holds, unknown or withdrawn
procedures answer 404 in Vietnamese, and the offline worker is served inside the handbook's scope."""

from __future__ import annotations

import re

import pytest

from cchc.dossiers.demo import load_catalogue
from cchc.dossiers.models import Procedure
from cchc.org.demo import load_org

pytestmark = pytest.mark.django_db

URL = "/cong-khai/so-tay-thu-tuc/"


@pytest.fixture
def catalogue():
    load_org()
    load_catalogue()


def names(html: str) -> list[str]:
    return re.findall(r'href="/cong-khai/so-tay-thu-tuc/[^"/]+/">([^<]+)</a>', html)


@pytest.mark.parametrize(
    "query",
    ["cap giay phep xay dung", "CẤP GIẤY PHÉP XÂY DỰNG", "Cấp  giấy   phép xây dựng", "giay phep xay"],
)
def test_building_permits_are_found_with_or_without_diacritics(client, catalogue, query):
    html = client.get(URL, {"q": query}).content.decode()
    found = names(html)
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in found
    assert "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà ở riêng lẻ" in found
    assert "Thủ tục đăng ký khai sinh" not in found


def test_whole_phrase_matches_come_first_and_words_match_at_their_start(client, catalogue):
    found = names(client.get(URL, {"q": "dang ky khai sinh"}).content.decode())
    assert found[0] == "Thủ tục đăng ký khai sinh"
    # "an" starts no word of a building permit's name ("nhà", "sửa chữa" hold it inside a word).
    assert "Gia hạn giấy phép xây dựng" not in names(client.get(URL, {"q": "an"}).content.decode())


def test_a_code_finds_its_procedure(client, catalogue):
    assert names(client.get(URL, {"q": "1.009994"}).content.decode()) == [
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    ]


def test_without_a_query_every_active_procedure_is_listed_by_field(client, catalogue):
    Procedure.objects.filter(national_code="1.009999").update(is_active=False)
    html = client.get(URL).content.decode()
    assert len(names(html)) == Procedure.objects.filter(is_active=True).count() == 34
    assert "Cấp lại giấy phép xây dựng" not in names(html)
    assert '<h2 class="h6 text-uppercase text-muted mt-3" id="lv-1" lang="vi">An toàn thực phẩm</h2>' in html


def test_nothing_found_says_what_to_try(client, catalogue):
    response = client.get(URL, {"q": "xyzzy %_ <script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không tìm thấy thủ tục nào" in html and "<script>" not in html.split("data-handbook-count")[1]


def test_a_very_long_query_is_cut_not_refused(client, catalogue):
    assert client.get(URL, {"q": "xay dung " * 2000}).status_code == 200


def test_a_procedure_page_shows_documents_forms_fees_limit_steps_place_and_legal_basis(client, catalogue):
    html = client.get(URL + "1.009994/").content.decode()
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in html
    assert 'data-testid="handbook-limit">15 ngày<' in html
    assert "Lệ phí cấp giấy phép xây dựng: 75.000 đồng" in html
    assert "Bản vẽ thiết kế xây dựng" in html and "(2 bộ)" in html
    assert "Mẫu số 01, Phụ lục II Nghị định 15/2021/NĐ-CP" in html
    assert "Cán bộ tiếp nhận kiểm tra hồ sơ" in html
    assert "Bộ phận một cửa UBND thành phố Vũng Tàu" in html
    assert 'href="https://dichvucong.gov.vn/"' in html
    assert "Nghị định 15/2021/NĐ-CP, Điều 46" in html
    assert "Giấy phép xây dựng kèm bản vẽ được đóng dấu" in html


def test_a_free_procedure_says_so_and_one_not_online_links_no_portal(client, catalogue):
    birth = client.get(URL + "1.001193/").content.decode()
    assert "Không mất phí, lệ phí" in birth
    copy = client.get(URL + "2.000815/").content.decode()
    assert "Chưa nộp trực tuyến" in copy and "dichvucong.gov.vn" not in copy


def test_unknown_and_withdrawn_procedures_answer_404(client, catalogue):
    assert client.get(URL + "9.999999/").status_code == 404
    Procedure.objects.filter(national_code="1.009999").update(is_active=False)
    response = client.get(URL + "1.009999/")
    assert response.status_code == 404


def test_the_offline_worker_is_served_inside_the_handbook_scope(client):
    response = client.get(URL + "sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == URL
    assert b"caches.open" in response.content


def test_the_pages_load_only_their_own_script_under_the_csp(client, catalogue):
    for url in (URL, URL + "1.009994/"):
        response = client.get(url)
        html = response.content.decode()
        assert "/static/js/handbook-offline.js" in html
        assert "<script>" not in html  # no inline script: the nonce-less CSP would block it
        assert "script-src 'self'" in response["Content-Security-Policy"]
