"""The import page: who may use it, an upload with its result, rejected rows on the page, large files
in the background worker (django.tasks, ImmediateBackend here)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from cchc.dossiers.models import Dossier, ImportBatch, ImportStatus
from cchc.dossiers.tests.import_helpers import as_csv, as_json, make_catalogue, national, sample
from cchc.testing.personas import PERSONA_KEYS, login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]
URL = "/ho-so/nhap/"
IMPORTERS = {"office", "secretariat", "one_stop"}
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.parametrize("persona", PERSONA_KEYS)
def test_only_the_office_the_secretariat_and_one_stop_officers_may_import(client, world, persona):
    login_verified(client, world.users[persona])
    response = client.get(URL)
    assert response.status_code == (200 if persona in IMPORTERS else 403)
    upload = client.post(URL, {"file": SimpleUploadedFile("a.json", as_json(sample(1)))})
    assert upload.status_code == (302 if persona in IMPORTERS else 403)


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_an_upload_imports_and_shows_the_result(client, world):
    make_catalogue()
    login_verified(client, world.users["one_stop"])
    response = client.post(URL, {"file": SimpleUploadedFile("hoso.csv", as_csv(sample()))}, follow=True)
    assert response.status_code == 200
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.DONE and batch.created_count == 6
    assert Dossier.objects.count() == 6
    page = response.content.decode()
    assert 'data-status="done"' in page and "6 hồ sơ mới" in page
    assert "hx-get" not in page  # finished: no more polling


def test_rejected_rows_are_listed_on_the_page_and_nothing_is_written(client, world):
    make_catalogue()
    login_verified(client, world.users["one_stop"])
    objs = [national("A"), national("B", DonViXuLy="P2", DonViTiepNhan="P2")]
    response = client.post(URL, {"file": SimpleUploadedFile("hoso.json", as_json(objs))}, follow=True)
    page = response.content.decode()
    assert 'data-status="rejected"' in page
    assert "ngoài phạm vi" in page and "<code>DonViXuLy</code>" in page
    assert not Dossier.objects.exists()


def test_someone_elses_batch_is_not_found(client, world):
    make_catalogue()
    login_verified(client, world.users["office"])
    client.post(URL, {"file": SimpleUploadedFile("hoso.json", as_json(sample(1)))})
    batch = ImportBatch.objects.get()
    other = client.__class__()
    login_verified(other, world.users["secretariat"])
    assert other.get(f"{URL}{batch.pk}/").status_code == 404
    assert other.get(f"{URL}{batch.pk}/tien-do/").status_code == 404
    assert client.get(f"{URL}{batch.pk}/tien-do/").status_code == 200


def test_a_large_file_goes_to_the_background_worker(client, world, tmp_path):
    make_catalogue()
    login_verified(client, world.users["office"])
    with override_settings(TASKS=IMMEDIATE, CCHC_IMPORT_BACKGROUND_BYTES=100, MEDIA_ROOT=tmp_path):
        response = client.post(URL, {"file": SimpleUploadedFile("hoso.json", as_json(sample()))})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.status == ImportStatus.DONE and batch.created_count == 6
    assert batch.submitted_by == world.users["office"]
    assert not batch.file and not list(tmp_path.rglob("*.json"))  # the upload is not kept after import


def test_the_background_job_runs_a_batch_once(world, tmp_path):
    from django.core.files.base import ContentFile

    from cchc.dossiers.jobs import import_dossier_file

    make_catalogue()
    with override_settings(TASKS=IMMEDIATE, MEDIA_ROOT=tmp_path):
        batch = ImportBatch.objects.create(file_name="a.json", submitted_by=world.users["office"])
        batch.file.save("a.json", ContentFile(as_json(sample())))
        first = import_dossier_file.enqueue(batch.pk)
        second = import_dossier_file.enqueue(batch.pk)
    assert first.return_value == ImportStatus.DONE
    assert second.return_value == "already claimed"
    assert Dossier.objects.count() == 6
