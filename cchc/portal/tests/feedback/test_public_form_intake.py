"""A citizen files a petition on the public form without signing in: tracking code, routing to the
ward, acknowledgement by SMS, attachments checked by content, every error named in Vietnamese."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.core.models import AuditEvent
from cchc.feedback.models import Attachment, Petition, Status
from cchc.feedback.tests.helpers import form_data, jpeg_bytes, pdf_bytes, png_bytes
from cchc.notify.channels import RecordingChannel

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")


def submit(client, data, files=()):
    payload = dict(data)
    if files:
        payload["attachments"] = list(files)
    return client.post(reverse("feedback_public:submit"), payload)


def test_the_form_shows_categories_and_wards_without_sign_in(client, categories, world):
    response = client.get(reverse("feedback_public:submit"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trật tự đô thị" in html and "Phường 1" in html
    assert 'name="website"' in html  # the honeypot


def test_a_petition_with_a_photo_gets_a_code_goes_to_the_ward_and_is_acknowledged(
    client, categories, world, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("ảnh hiện trường.png", png_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, form_data(categories, world), [photo])
    assert response.status_code == 302
    p = Petition.objects.get()
    assert p.unit == world.units["p1"]
    assert p.status == Status.RECEIVED and p.channel == "web"
    assert p.citizen_phone == "0912345678"
    page = client.get(response["Location"]).content.decode()
    assert p.code in page
    att = Attachment.objects.get()
    assert (att.content_type, att.original_name) == ("image/png", "ảnh hiện trường.png")
    assert p.code not in att.file.name.split("/")[-1] or att.file.name.endswith(att.token)
    assert [m.recipient for m in RecordingChannel.outbox] == ["0912345678"]
    assert p.code in RecordingChannel.outbox[0].body
    assert AuditEvent.objects.filter(verb="feedback.received", object_id=str(p.pk)).exists()


def test_a_jpeg_and_a_pdf_are_accepted(client, categories, world):
    files = [
        SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"),
        SimpleUploadedFile("don.pdf", pdf_bytes(), "application/pdf"),
    ]
    assert submit(client, form_data(categories, world), files).status_code == 302
    assert sorted(Attachment.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/jpeg",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"MZ\x90\x00 this is a program, not a photo", "không phải ảnh hoặc tệp PDF"),
        ("fake.png", png_bytes()[:40], "không phải ảnh hoặc tệp PDF"),
        ("scan.pdf", b"%PDF-1.4 garbage", "không phải tệp PDF đọc được"),
    ],
)
def test_files_that_are_not_really_images_or_pdfs_are_refused_and_nothing_is_saved(
    client, categories, world, name, content, message
):
    response = submit(client, form_data(categories, world), [SimpleUploadedFile(name, content, "image/jpeg")])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert name in response.content.decode()
    assert not Petition.objects.exists()


def test_a_gif_is_refused_by_type(client, categories, world):
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    response = submit(
        client, form_data(categories, world), [SimpleUploadedFile("a.gif", out.getvalue(), "image/gif")]
    )
    assert "chỉ nhận ảnh JPG, PNG, WEBP" in response.content.decode()


def test_files_over_the_size_limit_and_too_many_files_are_refused(client, categories, world, settings):
    settings.CCHC_FEEDBACK_ATTACHMENT_MAX_BYTES = 1000
    big = SimpleUploadedFile("big.jpg", jpeg_bytes((800, 800)), "image/jpeg")
    assert "lớn hơn" in submit(client, form_data(categories, world), [big]).content.decode()
    settings.CCHC_FEEDBACK_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
    many = [SimpleUploadedFile(f"{i}.png", png_bytes(), "image/png") for i in range(6)]
    assert "tối đa 5 tệp" in submit(client, form_data(categories, world), many).content.decode()
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("citizen_phone", "12345", "Số điện thoại không hợp lệ"),
        ("citizen_name", "", "Cần nhập «Họ và tên»"),
        ("citizen_address", "", "Cần nhập «Địa chỉ liên hệ»"),
        ("text", "ngắn", "ít nhất 10 ký tự"),
        ("ward", "", "cần chọn phường, xã"),
    ],
)
def test_bad_input_is_named_in_vietnamese_and_changes_nothing(
    client, categories, world, field, value, message
):
    response = submit(client, form_data(categories, world, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Petition.objects.exists()


def test_replying_by_email_needs_an_email_address(client, categories, world):
    response = submit(client, form_data(categories, world, reply_via="email"))
    assert "nhận trả lời qua thư điện tử" in response.content.decode()


def test_a_double_click_does_not_create_two_petitions(client, categories, world):
    data = form_data(categories, world)
    submit(client, data)
    submit(client, data)
    assert Petition.objects.count() == 1


def test_the_dossier_code_routes_to_the_unit_handling_the_dossier(client, categories, world):
    from cchc.dossiers.tests.factories import dossier as make_dossier

    dossier = make_dossier(world, "000.00.26.H02-220602-0009", handling="p2", receiving="p2")
    submit(
        client,
        form_data(categories, world, category=str(categories["KHAC"].pk), ward="", dossier_code=dossier.code),
    )
    p = Petition.objects.get()
    assert p.dossier == dossier
    assert p.unit == dossier.handling_unit
