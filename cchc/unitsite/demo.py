"""Demo step: the registers of documents of the city's People's Committee and of Phường 1 — the reform
plans of this year (in force) and last year (expired), the one-stop office's rules replaced by a newer
decision — and the websites allowed to embed their widgets. Dates come from the demo clock. Idempotent.

The files are small PDFs made here (one page naming the document); a real unit uploads the signed scan.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core import demo_clock
from cchc.core.events import DEMO_ACTOR
from cchc.org.models import Unit
from cchc.unitsite import actions
from cchc.unitsite.models import EmbedOrigin, UnitDocument

ACTOR = DEMO_ACTOR
WEBSITES = {"UBND-VT": "https://vungtau.baria-vungtau.gov.vn", "UBND-P1": "https://phuong1.vungtau.gov.vn"}


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in folded if c.isascii() and c not in "()\\")


def pdf_naming(number: str, subject: str) -> bytes:
    """A one-page PDF with the document's number and subject (without diacritics: the base font)."""
    text = f"BT /F1 12 Tf 50 780 Td ({_ascii(number)}) Tj 0 -18 Td ({_ascii(subject)[:90]}) Tj ET"
    objects = [
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        f"<</Length {len(text)}>>stream\n{text}\nendstream",
        "<</Type/Font/Subtype/Type1/BaseFont/Times-Roman>>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode("ascii")
    out += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return out


def _add(unit: Unit, kind: str, number: str, issued: dt.date, subject: str, **extra: object) -> UnitDocument:
    data = {"kind": kind, "number": number, "issued_on": issued, "subject": subject, "issuer": unit.name}
    data.update({"validity": "in_force", "replaced_by": None, **extra})
    upload = SimpleUploadedFile(f"{_ascii(number).replace('/', '-')}.pdf", pdf_naming(number, subject))
    return actions.add_document(ACTOR, unit, data, upload)


def load_unitsite_demo() -> str:
    city, ward = Unit.objects.get(code="UBND-VT"), Unit.objects.get(code="UBND-P1")
    if UnitDocument.objects.filter(unit__in=[city, ward]).exists():
        return "đã có từ lần nạp trước"
    today = demo_clock.today()
    year = today.year
    jan = min(today, dt.date(year, 1, 10))
    last = dt.date(year - 1, 1, 12)
    _add(city, "plan", "12/KH-UBND", jan, f"Kế hoạch cải cách hành chính năm {year} của thành phố Vũng Tàu")
    _add(
        city,
        "plan",
        "9/KH-UBND",
        last,
        f"Kế hoạch cải cách hành chính năm {year - 1} của thành phố Vũng Tàu",
        validity="expired",
    )
    _add(
        city,
        "directive",
        "03/CT-UBND",
        min(today, jan + dt.timedelta(days=20)),
        "Về tăng cường kỷ luật, kỷ cương trong giải quyết thủ tục hành chính, không để hồ sơ trễ hạn",
    )
    rules = _add(
        ward,
        "decision",
        "25/QĐ-UBND",
        min(today, jan + dt.timedelta(days=5)),
        "Ban hành Quy chế tổ chức và hoạt động của Bộ phận một cửa Phường 1",
    )
    _add(
        ward,
        "decision",
        "41/QĐ-UBND",
        dt.date(year - 2, 6, 3),
        "Ban hành Quy chế tổ chức và hoạt động của Bộ phận tiếp nhận và trả kết quả Phường 1",
        validity="replaced",
        replaced_by=rules,
    )
    _add(
        ward,
        "plan",
        "18/KH-UBND",
        min(today, jan + dt.timedelta(days=12)),
        f"Kế hoạch cải cách hành chính năm {year} của Phường 1",
    )
    for code, origin in WEBSITES.items():
        unit = city if code == "UBND-VT" else ward
        if not EmbedOrigin.objects.filter(unit=unit, origin=origin).exists():
            actions.add_origin(ACTOR, unit, origin)
    count = UnitDocument.objects.filter(unit__in=[city, ward]).count()
    return f"{count} văn bản, {len(WEBSITES)} trang web nhúng"
