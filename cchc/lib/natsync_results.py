"""What reading national-sync records gives: each faulty record's error, a dossier's service facts and
the result of a whole file. Pure; re-exported by ``natsync``, which fills them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from cchc.lib.outcomes import Dossier

RECORD: Final = "bản ghi"
ROW: Final = "dòng"


@dataclass(frozen=True, slots=True)
class RecordError:
    index: int  # JSON: the record's number from 1; CSV: the spreadsheet row (the header is row 1)
    field: str  # e.g. "NgayHenTra", "QuaTrinhXuLy[2].NgayKetThucTheoQuyDinh"
    value: str
    reason: str
    code: str | None = None  # MaHoSo, when the record has one
    where: str = RECORD
    code_field: str = "MaHoSo"  # what the code is (a petitions file names its records by MaPAKN)

    def message(self) -> str:
        who = f" ({self.code_field} {self.code})" if self.code else ""
        shown = f" = «{self.value}»" if self.value else ""
        return f"{self.where.capitalize()} {self.index}{who}: {self.field}{shown}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.index, "field": self.field, "value": self.value, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    """What a dossier record says beyond its timeline: the handling unit and the national fields the
    service-quality indicators read. ``None`` everywhere means the record does not say."""

    unit: str | None = None  # DonViXuLy
    channel: int | None = None  # KenhThucHien
    digitised_inputs: bool | None = None  # HoSoCoThanhPhanSoHoa
    electronic_result: bool | None = None  # DinhKemKetQua non-empty
    online_payment: int | None = None  # DuocThanhToanTrucTuyen: 0, 1 or 2
    vneid_verified: bool | None = None  # TaiKhoanDuocXacThucVoiVNeID
    field_code: str | None = None  # MaLinhVuc
    field_name: str | None = None  # TenLinhVuc
    procedure_name: str | None = None  # TenTTHC

    @property
    def paid_online(self) -> bool | None:
        return None if self.online_payment is None else self.online_payment > 0


NO_FACTS: Final = ServiceFacts()


@dataclass
class ParseResult:
    dossiers: list[Dossier] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    # The record number (JSON) or row (CSV) each dossier came from, in the same order.
    indexes: list[int] = field(default_factory=list)
    # The service facts of each dossier, in the same order.
    facts: list[ServiceFacts] = field(default_factory=list)
