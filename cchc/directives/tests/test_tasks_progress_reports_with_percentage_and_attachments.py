"""Progress reports: a percentage, a note and an optional file; the file is served only to people who
may read the task."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.core.models import AuditEvent
from cchc.directives.models import ProgressReport
from cchc.directives.tests.conftest import URLS
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def post_progress(client, task, **data):
    return client.post(reverse("directives:task_progress", args=[task.pk]), data)


def test_the_ward_reports_progress_with_a_file(client, world, p1_task):
    login_verified(client, world.users["ward_officer"])
    upload = SimpleUploadedFile("ket-qua-ra-soat.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    response = post_progress(
        client, p1_task, percent="45", note="Đã rà soát 14/30 văn bản", attachment=upload
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=p1_task)
    p1_task.refresh_from_db()
    assert (report.percent, p1_task.progress) == (45, 45)
    assert report.unit == world.units["p1"] and report.author == world.users["ward_officer"]
    assert report.attachment_name == "ket-qua-ra-soat.pdf"
    assert AuditEvent.objects.filter(verb="task.progress", object_id=str(p1_task.pk)).exists()
    page = client.get(reverse("directives:task_detail", args=[p1_task.pk])).content.decode()
    assert "Đã rà soát 14/30 văn bản" in page and "ket-qua-ra-soat.pdf" in page
    file_url = reverse("directives:report_attachment", args=[p1_task.pk, report.pk])
    response = client.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 ..."
    login_verified(client, world.users["other_ward_officer"])
    assert client.get(file_url).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"percent": "120", "note": "x"}, "Tiến độ"),
        ({"percent": "30", "note": ""}, "Nội dung báo cáo"),
        ({"percent": "100", "note": "Xong"}, "Báo cáo hoàn thành"),
    ],
)
def test_a_bad_report_is_refused_with_a_message_and_changes_nothing(client, world, p1_task, data, message):
    login_verified(client, world.users["ward_officer"])
    response = post_progress(client, p1_task, **data)
    assert response.status_code == 302
    assert not ProgressReport.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Chưa thực hiện được" in page and message in page


def test_completion_report_carries_its_evidence(client, world, p1_task):
    login_verified(client, world.users["unit_head"])
    upload = SimpleUploadedFile("bao-cao.docx", b"PK...", content_type="application/octet-stream")
    response = client.post(
        reverse("directives:task_report_done", args=[p1_task.pk]),
        {"note": "Đã cập nhật đầy đủ văn bản trên Trang TTĐT phường", "attachment": upload},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=p1_task)
    assert report.is_completion and report.percent == 100 and report.attachment_name == "bao-cao.docx"
