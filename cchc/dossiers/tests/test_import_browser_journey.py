"""In Chromium: a one-stop officer uploads a small file and watches it go from waiting to imported; a
file with a bad row shows the row on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cchc.dossiers.models import Dossier, ImportBatch
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue, national, sample
from cchc.testing.browser import browser_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("cchc.dossiers.tests.import_urls"),
]
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_an_officer_uploads_a_file_and_sees_the_progress_then_the_result(
    live_server, page, world, settings, tmp_path
):
    make_catalogue()
    # Background mode with a worker that has not picked the job up yet, so the page has to poll.
    settings.TASKS = DUMMY
    settings.CCHC_IMPORT_BACKGROUND_BYTES = 10
    settings.MEDIA_ROOT = tmp_path
    path = tmp_path / "hoso-thang-3.csv"
    path.write_bytes(as_csv(sample()))

    browser_login(page, live_server.url, world.users["one_stop"], next_path="/ho-so/nhap/")
    page.goto(f"{live_server.url}/ho-so/nhap/")
    page.get_by_label("Tệp hồ sơ (CSV, XLSX, JSON hoặc JSON theo dòng)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và nhập").click()

    progress = page.get_by_test_id("import-progress")
    expect(progress).to_have_attribute("data-status", "pending")
    expect(page.get_by_role("progressbar", name="Tiến độ nhập")).to_be_visible()

    from cchc.dossiers.jobs import import_dossier_file

    import_dossier_file.call(ImportBatch.objects.get().pk)  # the worker runs the job

    expect(progress).to_have_attribute("data-status", "done", timeout=10_000)
    expect(page.get_by_test_id("created-count")).to_have_text("6")
    assert Dossier.objects.count() == 6


def test_a_rejected_row_is_shown_with_its_number_and_reason(live_server, page, world, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.csv"
    path.write_bytes(as_csv([national("A"), national("B", MaTTHC="0.000")]))
    browser_login(page, live_server.url, world.users["office"])
    page.goto(f"{live_server.url}/ho-so/nhap/")
    page.get_by_label("Tệp hồ sơ (CSV, XLSX, JSON hoặc JSON theo dòng)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và nhập").click()
    expect(page.get_by_test_id("import-progress")).to_have_attribute("data-status", "rejected")
    row = page.get_by_test_id("import-errors").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text("3")
    expect(row.locator("td").nth(1)).to_have_text("MaTTHC")
    assert not Dossier.objects.exists()
