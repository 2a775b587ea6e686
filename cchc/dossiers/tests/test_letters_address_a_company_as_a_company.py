"""An apology letter addresses its reader as the national record types them: a person "Ông/Bà Nguyễn
Văn An", a company by its own name ("Kính gửi: Công ty TNHH …") and then "Quý Công ty", an agency
"Quý cơ quan" — never a company as "Ông/Bà"."""

import datetime as dt

import pytest
from django.utils import timezone

from cchc.dossiers.actions.apologies import issue_apology
from cchc.dossiers.letters import addressing, default_choices, docx_text, letter_data, render_docx
from cchc.dossiers.tests.factories import build_ledger

COMPANY = "Công ty TNHH Thương mại Biển Xanh"


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Nguyễn Văn An", 1, ("Ông/Bà Nguyễn Văn An", "Ông/Bà")),
        ("Nguyễn Văn An", None, ("Ông/Bà Nguyễn Văn An", "Ông/Bà")),
        ("", None, ("Ông/Bà", "Ông/Bà")),
        (COMPANY, 2, (COMPANY, "Quý Công ty")),
        (COMPANY, None, (COMPANY, "Quý Công ty")),  # the type was not sent: the name says it
        ("Hợp tác xã Nông nghiệp Long Sơn", 4, ("Hợp tác xã Nông nghiệp Long Sơn", "Quý Hợp tác xã")),
        ("Trường Tiểu học Phước Thắng", 3, ("Trường Tiểu học Phước Thắng", "Quý cơ quan")),
        ("Hội Chữ thập đỏ phường", 4, ("Hội Chữ thập đỏ phường", "Quý tổ chức")),
    ],
)
def test_each_applicant_type_is_addressed_as_itself(name, kind, expected):
    assert addressing(name, kind) == expected


@pytest.mark.django_db
def test_a_companys_letter_never_calls_it_ong_ba(world):
    late = build_ledger(world).late
    late.applicant_name, late.applicant_type = COMPANY, 2
    late.save(update_fields=["applicant_name", "applicant_type"])
    apology = issue_apology(
        world.users["one_stop"],
        late,
        reason="Chờ ý kiến của cơ quan thuế",
        new_appointment_at=timezone.now() + dt.timedelta(days=3),
        choices=default_choices(late),
        responsible_unit=world.units["p1"],
    ).apology
    data = letter_data(apology)
    assert data.addressee == COMPANY
    text = docx_text(render_docx(data))
    assert f"Kính gửi: {COMPANY}" in text
    assert "Ông/Bà" not in text and "thành thật xin lỗi Quý Công ty" in text
