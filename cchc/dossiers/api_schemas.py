"""The request and response schemas of the push API (``cchc.dossiers.api``), in the national portal's field
names; the OpenAPI document is generated from them."""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from ninja import Field, Schema
from pydantic import ConfigDict

MAX_DOSSIERS = int(getattr(settings, "CCHC_API_MAX_DOSSIERS", 1000))
MAX_PROGRESS = int(getattr(settings, "CCHC_API_MAX_PROGRESS", 100))
# The spellings records.parse_instant reads, as a pattern the schema publishes and pydantic enforces, so
# the API accepts exactly what it documents (an empty string means "not given").
INSTANT_PATTERN = (
    r"^$|^\d{8}(\d{4}(\d{2})?)?$"
    r"|^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$"
    r"|^\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$"
)
INSTANT_HELP = (
    "Giờ Việt Nam, dạng yyyyMMddHHmmss như Cổng DVC quốc gia (ví dụ 20220307080000); "
    "cũng nhận yyyy-mm-ddTHH:MM:SS và dd/mm/yyyy HH:MM."
)


class StrictSchema(Schema):
    # The API accepts what the schema says and nothing looser: no 0/1 for booleans, no "4" for numbers.
    model_config = ConfigDict(strict=True)


def instant_field(description: str, required: bool = False) -> Any:
    text = f"{description}. {INSTANT_HELP}"
    if required:
        return Field(..., min_length=1, max_length=40, pattern=INSTANT_PATTERN, description=text)
    return Field(None, max_length=40, pattern=INSTANT_PATTERN, description=text)


def text_field(description: str, max_length: int, required: bool = False) -> Any:
    if required:
        return Field(..., min_length=1, max_length=max_length, description=description)
    return Field(None, max_length=max_length, description=description)


class SupplementIn(StrictSchema):
    NgayBoSung: str = instant_field("Ngày yêu cầu bổ sung", required=True)
    NgayTiepNhanBoSung: str | None = instant_field("Ngày tiếp nhận hồ sơ bổ sung (để trống nếu chưa bổ sung)")
    NoiDungBoSung: str | None = text_field("Nội dung yêu cầu bổ sung", 1000)


class StepIn(StrictSchema):
    PhongBanXuLy: str | None = text_field(
        "Mã đơn vị xử lý (hoặc đúng tên đơn vị); tên khác được giữ nguyên và coi là cơ quan liên thông", 255
    )
    DonViChuyen: str | None = text_field("Mã đơn vị chuyển hồ sơ đến bước này", 255)
    NguoiXuLy: str | None = text_field("Họ tên người xử lý", 255)
    ChucDanh: str | None = text_field("Chức danh người xử lý", 255)
    NoiDungXuLy: str | None = text_field("Nội dung xử lý", 1000)
    NgayBatDau: str | None = instant_field("Bắt đầu bước xử lý")
    ThoiDiemXuLy: str | None = instant_field("Thời điểm hoàn thành bước xử lý")
    NgayKetThucTheoQuyDinh: str | None = instant_field("Hạn của bước theo quy trình nội bộ, liên thông")
    LienThongNgoai: bool | None = Field(None, description="true: bước do cơ quan ngoài địa bàn thực hiện")


class ProgressRecordIn(StepIn):
    MaHoSo: str = text_field("Mã hồ sơ", 64, required=True)
    TrangThai: int | None = Field(
        None, ge=1, le=10, description="Trạng thái hồ sơ sau bước này (1–10, danh mục Cổng DVC quốc gia)"
    )


class DossierIn(StrictSchema):
    MaHoSo: str = text_field("Mã hồ sơ (khóa: gửi lại cùng mã là cập nhật)", 64, required=True)
    MaTTHC: str = text_field("Mã thủ tục hành chính, phải có trong danh mục TTHC", 40, required=True)
    DonViXuLy: str = text_field("Mã đơn vị giải quyết", 40, required=True)
    DonViTiepNhan: str | None = text_field("Mã nơi tiếp nhận; mặc định là DonViXuLy", 40)
    TrangThaiHoSo: int = Field(..., ge=1, le=10, description="Trạng thái hồ sơ 1–10 (Cổng DVC quốc gia)")
    KenhThucHien: int | None = Field(None, ge=1, le=3, description="1 trực tiếp, 2 trực tuyến, 3 bưu chính")
    ChuHoSo: str | None = text_field("Chủ hồ sơ", 255)
    SoGiayToChuHoSo: str | None = text_field("Số giấy tờ tùy thân của chủ hồ sơ", 40)
    SoDienThoai: str | None = text_field("Số điện thoại", 40)
    Email: str | None = text_field("Thư điện tử", 255)
    DiaChiChuHoSo: str | None = text_field("Địa chỉ chủ hồ sơ", 500)
    LoaiDoiTuong: int | None = Field(None, ge=0, le=4, description="Loại đối tượng 0–4")
    TrichYeuHoSo: str | None = text_field("Trích yếu hồ sơ", 1000)
    NgayNopHoSo: str | None = instant_field("Ngày nộp")
    NgayTiepNhan: str | None = instant_field("Ngày tiếp nhận; bắt buộc trừ trạng thái 1 và 3")
    NgayHenTra: str | None = instant_field("Ngày hẹn trả kết quả")
    NgayKetThucXuLy: str | None = instant_field("Ngày kết thúc xử lý; bắt buộc ở trạng thái 7–10")
    NgayTra: str | None = instant_field("Ngày trả kết quả")
    NgayTuChoi: str | None = instant_field("Ngày từ chối tiếp nhận")
    HoSoCoThanhPhanSoHoa: int | None = Field(
        None, ge=0, le=1, description="1: thành phần hồ sơ đã được số hóa; 0: chưa; bỏ trống: không rõ"
    )
    DinhKemKetQua: list[str | dict[str, str | int | None]] | str | None = Field(
        None,
        max_length=50,
        description="Tệp kết quả điện tử (danh sách tệp hoặc đường dẫn); có giá trị = có kết quả điện tử",
    )
    DuocThanhToanTrucTuyen: int | None = Field(
        None, ge=0, le=2, description="0 không, 1 trên Cổng DVC quốc gia, 2 qua cổng thanh toán của tỉnh"
    )
    TaiKhoanDuocXacThucVoiVNeID: int | None = Field(
        None, ge=0, le=1, description="1: tài khoản nộp hồ sơ đã xác thực với VNeID; 0: chưa"
    )
    DanhSachHoSoBoSung: list[SupplementIn] = Field(
        default_factory=list, max_length=20, description="Các lần yêu cầu bổ sung"
    )
    QuaTrinhXuLy: list[StepIn] = Field(
        default_factory=list, max_length=200, description="Các bước xử lý (phiếu kiểm soát quá trình)"
    )


# One demo dossier (the demo city of ``cchc load-demo``): the examples of the OpenAPI document, which
# docs/dossier-api.md and the schemathesis test use too.
EXAMPLE_CODE = "000.01.35.H02-220307-0001"
EXAMPLE_DOSSIER: dict[str, Any] = {
    "MaHoSo": EXAMPLE_CODE,
    "MaTTHC": "1.001193",
    "DonViXuLy": "UBND-P1",
    "DonViTiepNhan": "BPMC-P1",
    "TrangThaiHoSo": 4,
    "KenhThucHien": 1,
    "ChuHoSo": "Nguyễn Thị Minh Thư",
    "SoGiayToChuHoSo": "077190001234",
    "SoDienThoai": "0909123456",
    "TrichYeuHoSo": "Đăng ký khai sinh cho con",
    "NgayNopHoSo": "20220307080500",
    "NgayTiepNhan": "20220307081000",
    "NgayHenTra": "20220308081000",
    "DanhSachHoSoBoSung": [],
    "QuaTrinhXuLy": [
        {
            "PhongBanXuLy": "BPMC-P1",
            "NguoiXuLy": "Công chức Bộ phận một cửa",
            "NoiDungXuLy": "Tiếp nhận hồ sơ",
            "NgayBatDau": "20220307081000",
            "ThoiDiemXuLy": "20220307083000",
            "NgayKetThucTheoQuyDinh": "20220307091000",
        }
    ],
}
EXAMPLE_PROGRESS: dict[str, Any] = {
    "MaHoSo": EXAMPLE_CODE,
    "PhongBanXuLy": "UBND-P1",
    "DonViChuyen": "BPMC-P1",
    "NguoiXuLy": "Công chức Tư pháp – Hộ tịch",
    "NoiDungXuLy": "Thẩm định hồ sơ, trình ký",
    "NgayBatDau": "20220307083000",
    "ThoiDiemXuLy": "20220307150000",
    "NgayKetThucTheoQuyDinh": "20220308081000",
    "TrangThai": 9,
}


class SyncIn(StrictSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"isUpdating": False, "service": "DongBoHoSoMC", "data": [EXAMPLE_DOSSIER]}]
        }
    )

    isUpdating: bool = Field(
        False,
        description=(
            "false: tạo hồ sơ mới (gửi lại đúng nội dung cũ thì không đổi gì); true: cập nhật hồ sơ đã có"
        ),
    )
    service: str | None = Field(None, max_length=100, description="Tên dịch vụ gửi kèm (không dùng)")
    data: list[DossierIn] = Field(..., min_length=1, max_length=MAX_DOSSIERS, description="Các hồ sơ")


class ProgressIn(StrictSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"data": [EXAMPLE_PROGRESS]}]})

    data: list[ProgressRecordIn] = Field(
        ..., min_length=1, max_length=MAX_PROGRESS, description="Các bản ghi tiến độ, theo thứ tự thời gian"
    )


class StatusIn(StrictSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"MaHoSo": EXAMPLE_CODE, "TrangThaiHoSo": 10, "ThoiDiem": "20220308090000"}]
        }
    )

    MaHoSo: str = text_field("Mã hồ sơ", 64, required=True)
    TrangThaiHoSo: int = Field(..., ge=1, le=10, description="Trạng thái mới (1–10)")
    ThoiDiem: str | None = instant_field("Lúc chuyển trạng thái; mặc định là lúc nhận yêu cầu")
    NgayHenTra: str | None = instant_field("Ngày hẹn trả mới (khi hẹn lại sau phiếu xin lỗi)")


class ErrorItem(Schema):
    record: int | None = Field(None, description="Số thứ tự bản ghi trong data (từ 1)")
    field: str = Field(..., description="Tên trường theo Cổng DVC quốc gia")
    value: str = Field("", description="Giá trị đã gửi")
    reason: str = Field(..., description="Lý do (tiếng Việt)")


class Error(Schema):
    detail: str = Field(..., description="Thông báo lỗi (tiếng Việt)")
    errors: list[ErrorItem] = Field(default_factory=list, description="Từng lỗi: bản ghi, trường, lý do")


class DossierResult(Schema):
    MaHoSo: str
    action: Literal["created", "updated", "unchanged"]


class WriteResult(Schema):
    message: str
    created: int
    updated: int
    unchanged: int
    dossiers: list[DossierResult]


class StepOut(Schema):
    PhongBanXuLy: str
    NguoiXuLy: str
    ChucDanh: str
    NoiDungXuLy: str
    NgayBatDau: str | None
    ThoiDiemXuLy: str | None
    NgayKetThucTheoQuyDinh: str | None
    LienThongNgoai: bool


class SupplementOut(Schema):
    NgayBoSung: str
    NgayTiepNhanBoSung: str | None


class CauseOut(Schema):
    kind: str = Field(..., description="step_overrun, software_closing, second_supplement, unattributed")
    unit: str | None
    official: str | None


class DossierOut(Schema):
    MaHoSo: str
    MaTTHC: str
    TenTTHC: str
    DonViXuLy: str
    DonViTiepNhan: str
    KenhThucHien: int
    HoSoCoThanhPhanSoHoa: int | None = None
    CoKetQuaDienTu: bool | None = Field(None, description="có tệp kết quả điện tử (DinhKemKetQua)")
    DuocThanhToanTrucTuyen: int | None = None
    TaiKhoanDuocXacThucVoiVNeID: int | None = None
    TrangThaiHoSo: int
    TenTrangThai: str
    NgayNopHoSo: str | None
    NgayTiepNhan: str | None
    NgayHenTra: str | None
    HanGiaiQuyet: str | None = Field(..., description="Ngày hẹn trả sau khi cộng thời gian chờ bổ sung")
    NgayKetThucXuLy: str | None
    NgayTra: str | None
    KetQua: str = Field(
        ...,
        description="early, on_time, late, open_within_time, open_overdue hoặc excluded "
        "(quy tắc: docs/rules/dossier-deadlines.md)",
    )
    TenKetQua: str
    NguyenNhanTreHan: list[CauseOut]
    QuaTrinhXuLy: list[StepOut]
    DanhSachHoSoBoSung: list[SupplementOut]


def error_responses(*codes: int) -> dict[int, type[Error]]:
    return dict.fromkeys(codes, Error)


WRITE_RESPONSES: dict[int, Any] = {200: WriteResult, **error_responses(400, 401, 403, 404, 409, 422)}
