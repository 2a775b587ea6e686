"""The apology letter carries every field of docs/rules/late-dossiers.md in both forms, in DOCX and in PDF."""

import datetime as dt
import io
import re
import subprocess

import pytest
from django.utils import timezone

from cchc.dossiers.actions.apologies import issue_apology
from cchc.dossiers.letters import default_choices, docx_text, letter_data, render_docx, render_pdf
from cchc.dossiers.models import ApologyForm
from cchc.dossiers.tests.factories import build_ledger
from cchc.testing.personas import login_verified


@pytest.fixture
def ledger(world):
    return build_ledger(world)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(content: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return _flat(done.stdout.decode())


def _issue(world, dossier, **kw):
    new = kw.pop("new", timezone.now() + dt.timedelta(days=3))
    return issue_apology(
        world.users["one_stop"],
        dossier,
        reason=kw.pop("reason", "Chờ xác minh thông tin hộ tịch tại nơi đăng ký thường trú"),
        new_appointment_at=new,
        choices=default_choices(dossier),
        responsible_unit=world.units["p1"],
    ).apology


def nd61_fields(apology) -> list[str]:
    local_new = timezone.localtime(apology.new_appointment_at)
    issued = timezone.localtime(apology.issued_at)
    return [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN PHƯỜNG 1",  # issuing body
        "Số: 01/PXL-P1",  # số / ký hiệu
        "V/v xin lỗi đối với hồ sơ giải quyết quá hạn và hẹn lại thời gian trả kết quả",
        f"Phường 1, ngày {issued:%d} tháng {issued:%m} năm {issued:%Y}",  # place and date
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Ông/Bà Lý Thị Thu Trang",
        "09 giờ 00 phút, ngày 01/06/2022",  # received
        "Đăng ký khai sinh",  # subject (procedure)
        "Mã hồ sơ: 000.00.26.H01-220601-0001",
        "thời hạn trả kết quả là 09 giờ 00 phút, ngày 06/06/2022",  # original appointment
        "do UBND Phường 1 để quá hạn",  # the unit that caused the delay
        "Lý do: Chờ xác minh thông tin hộ tịch tại nơi đăng ký thường trú.",
        "thành thật xin lỗi Ông/Bà",  # the apology
        "hẹn lại thời gian trả kết quả vào "
        f"{local_new:%H} giờ {local_new:%M} phút, ngày {local_new:%d/%m/%Y}",
        "tại Bộ phận một cửa Phường 1",  # return place
        "Nơi nhận:",
        "- Như trên;",
        "Văn phòng UBND tỉnh Bà Rịa - Vũng Tàu (để b/c)",
        "- Lưu: VT, P1.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hoàng Minh Đức",  # signer: the ward's head on the day
    ]


def test_nd61_letter_as_docx_has_every_field(world, ledger):
    apology = _issue(world, ledger.late)
    assert apology.form == ApologyForm.TT01_2018
    text = _flat(docx_text(render_docx(letter_data(apology))))
    for needle in nd61_fields(apology):
        assert needle in text, needle


def test_nd61_letter_as_pdf_has_every_field(world, ledger):
    apology = _issue(world, ledger.late)
    content = render_pdf(letter_data(apology))
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for needle in nd61_fields(apology):
        assert _flat(needle) in text, needle


def test_nd118_dossier_gets_the_tt03_2025_form(world, ledger):
    apology = _issue(world, ledger.overdue)
    assert apology.form == ApologyForm.TT03_2025
    data = letter_data(apology)
    for text in (_flat(docx_text(render_docx(data))), pdf_text(render_pdf(data))):
        assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
        assert "V/v xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ" in text
        assert "đề nghị gia hạn thời gian giải quyết hồ sơ đến" in text
        assert "Mã hồ sơ: 000.00.26.H01-OPEN-0002" in text
        assert "PHIẾU XIN LỖI" not in text


def test_docx_uses_the_decree_30_page_and_font(world, ledger):
    from docx import Document
    from docx.shared import Cm

    apology = _issue(world, ledger.late)
    doc = Document(io.BytesIO(render_docx(letter_data(apology))))
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(3)) < Cm(0.01)
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_pdf_sets_every_glyph_in_liberation_serif_for_times_new_roman(world, ledger, tmp_path):
    apology = _issue(world, ledger.late)
    path = tmp_path / "letter.pdf"
    path.write_bytes(render_pdf(letter_data(apology)))
    lines = (
        subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode().splitlines()
    )
    fonts = [line.split()[0] for line in lines[2:] if line.strip()]
    assert fonts
    assert all("Liberation-Serif" in name for name in fonts), fonts


def test_letter_reads_as_issued_even_after_the_head_changes(world, ledger):
    from cchc.org.models import HeadKind, UnitHead

    apology = _issue(world, ledger.late)
    UnitHead.objects.filter(unit=world.units["p1"]).delete()
    UnitHead.objects.create(
        unit=world.units["p1"], official=world.officials["ward_officer"], kind=HeadKind.ACTING
    )
    text = _flat(docx_text(render_docx(letter_data(apology))))
    assert "Hoàng Minh Đức" in text


def test_officer_downloads_both_files_and_the_leader_may_not(client, world, ledger):
    apology = _issue(world, ledger.late)
    login_verified(client, world.users["one_stop"])
    base = f"/ho-so/ho-so/{ledger.late.code}/xin-loi/{apology.pk}"
    docx = client.get(base + ".docx")
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Lý Thị Thu Trang" in docx_text(docx.content)
    pdf = client.get(base + ".pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.logout()
    login_verified(client, world.users["leader"])
    assert client.get(base + ".docx").status_code == 403
    client.logout()
    login_verified(client, world.users["other_ward_officer"])
    assert client.get(base + ".pdf").status_code == 404
