"""Shared helpers of the feedback tests: images and PDFs made on the spot, the public form's data."""

import io

from PIL import Image


def png_bytes(size=(64, 48), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size=(640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, format="JPEG", quality=80)
    return out.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def form_data(categories, world, **overrides):
    data = {
        "kind": "feedback",
        "category": str(categories["DT"].pk),
        "ward": str(world.jurisdictions["p1"].pk),
        "location": "Trước chợ Phường 1",
        "text": "Vỉa hè trước chợ bị lấn chiếm để bán hàng, người đi bộ phải xuống lòng đường rất nguy hiểm.",
        "citizen_name": "Phạm Thị Hồng Nhung",
        "citizen_phone": "0912 345 678",
        "citizen_address": "12 Lê Lợi, Phường 1",
        "citizen_email": "",
        "reply_via": "sms",
        "consent_publish": "on",
        "website": "",
        "started": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
