"""The imports with English chosen: the import of units and officials (upload, preview, confirmation)
and the import of dossiers (upload, a batch's page and its progress) read in English. What the file
holds — its Vietnamese column headings, values, the names of units and people — and the importers'
reasons for refusing a row (written in Vietnamese by the importers, as the command line prints them)
are shown as Vietnamese records, marked ``lang="vi"``, under English headings and counts. With
Vietnamese, the same pages read as before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.dossiers.models import ImportBatch
from cchc.dossiers.tests.import_helpers import as_json, make_catalogue, national, sample
from cchc.org.models import Official
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]
OFFICIALS = "mã cán bộ,họ và tên,chức vụ,mã đơn vị\nCB-WEB-1,Đặng Thị Web,Chuyên viên,NV\n"
BAD = "mã cán bộ,họ và tên,mã đơn vị\nCB-A,Người A,NV\nCB-B,,XX\n"


def _english(page: str, where: str = "") -> None:
    assert '<html lang="en">' in page, where
    assert not vietnamese_shown(page), (where, vietnamese_shown(page))


def _upload_officials(client, content: str, name: str = "can-bo.csv"):
    return client.post(
        reverse("org:import"), {"file": SimpleUploadedFile(name, content.encode()), "kind": ""}
    )


def test_the_import_of_units_and_officials_reads_in_english(client, world):
    login_verified(client, world.users["secretariat"])
    choose_english(client)
    _english(client.get(reverse("org:import")).content.decode(), "upload")
    response = _upload_officials(client, OFFICIALS)
    page = response.content.decode()
    assert "Trial run (nothing written): would add 1" in page
    _english(page, "preview")
    response = client.post(reverse("org:import_confirm"), {"token": response.context["token"]}, follow=True)
    page = response.content.decode()
    assert "Added 1" in page and Official.objects.filter(code="CB-WEB-1").exists()
    _english(page, "confirmed")
    page = _upload_officials(client, BAD).content.decode()
    assert 'data-testid="import-errors"' in page and "Confirm import" not in page
    _english(page, "errors")
    page = _upload_officials(client, "\x00\x01", "anh.png").content.decode()
    _english(page, "unreadable")


def test_the_import_of_dossiers_reads_in_english(client, world):
    make_catalogue()
    login_verified(client, world.users["one_stop"])
    choose_english(client)
    url = reverse("dossier_import:upload")
    _english(client.get(url).content.decode(), "upload")
    page = client.post(url, {"file": SimpleUploadedFile("hồ sơ.json", as_json(sample()))}, follow=True)
    _english(page.content.decode(), "done")
    objs = [national("A"), national("B", DonViXuLy="P2", DonViTiepNhan="P2")]
    page = client.post(url, {"file": SimpleUploadedFile("hoso.json", as_json(objs))}, follow=True)
    assert 'data-status="rejected"' in page.content.decode()
    _english(page.content.decode(), "rejected")
    batch = ImportBatch.objects.order_by("-pk").first()
    fragment = client.get(reverse("dossier_import:progress", args=[batch.pk])).content.decode()
    assert 'data-testid="import-progress"' in fragment and not vietnamese_shown(fragment), vietnamese_shown(
        fragment
    )
    _english(client.get(url).content.decode(), "upload with recent imports")
    page = client.post(url, {"file": SimpleUploadedFile("a.png", b"x")}).content.decode()
    _english(page, "refused file")


def test_vietnamese_stays_the_default(client, world):
    login_verified(client, world.users["secretariat"])
    page = _upload_officials(client, OFFICIALS).content.decode()
    assert '<html lang="vi">' in page and "Chạy thử (chưa ghi): sẽ thêm 1" in page
