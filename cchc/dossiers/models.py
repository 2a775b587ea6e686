"""Procedure catalogue (TTHC) and the dossier ledger (docs/rules/dossier-deadlines.md,
docs/rules/national-sync.md).

Field names follow the national sync shape where one exists (the comment names it). Personal data of
applicants lives only on ``Dossier`` and is never read by portal code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_noop

from cchc.lib.outcomes import STATUS_NAMES
from cchc.lib.vnspeech import fold
from cchc.org.models import Official, Unit


class LimitUnit(models.TextChoices):
    # docs/rules/dossier-deadlines.md [PRACTICE]: "Giờ, Ngày, Ngày làm việc, tháng" from DonViTinh.
    HOURS = "hours", "Giờ làm việc"
    DAYS = "days", "Ngày"
    WORKING_DAYS = "working_days", "Ngày làm việc"
    MONTHS = "months", "Tháng"


class ProcedureLevel(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"
    MULTI = "multi", "Nhiều cấp"


class OnlineLevel(models.TextChoices):
    NONE = "none", "Không trực tuyến"
    PARTIAL = "partial", "Trực tuyến một phần (mức 3)"
    FULL = "full", "Trực tuyến toàn trình (mức 4)"


class Procedure(models.Model):
    national_code = models.CharField("mã TTHC", max_length=40, unique=True)  # MaTTHC
    name = models.CharField("tên thủ tục", max_length=500)  # TenTTHC
    field_code = models.CharField("mã lĩnh vực", max_length=40, blank=True)  # MaLinhVuc
    field_name = models.CharField("lĩnh vực", max_length=255, blank=True)  # TenLinhVuc
    level = models.CharField("cấp thực hiện", max_length=20, choices=ProcedureLevel.choices, blank=True)
    limit_value = models.DecimalField(
        "thời hạn giải quyết", max_digits=7, decimal_places=2, null=True, blank=True
    )
    limit_unit = models.CharField(
        "đơn vị thời hạn", max_length=20, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    inter_agency = models.BooleanField("liên thông", default=False)
    # Inter-agency split of the time limit, per approved internal procedure (docs/rules/dossier-deadlines.md):
    # a list of {"unit": <unit code or external name>, "share": <fraction or working days>, "external": bool}.
    step_shares = models.JSONField("phân bổ thời gian theo bước", default=list, blank=True)
    fees = models.JSONField("phí, lệ phí", default=list, blank=True)  # DanhSachLePhi-like entries
    online_level = models.CharField(
        "mức độ dịch vụ công trực tuyến", max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    handling_units = models.ManyToManyField(
        Unit, verbose_name="đơn vị giải quyết", blank=True, related_name="+"
    )
    is_active = models.BooleanField("đang áp dụng", default=True)
    # The citizen's handbook (what the national procedure database publishes for each procedure):
    # documents to submit [{"name", "copies"}], forms [{"name", "url"}], steps (texts), where and how to
    # submit, the result, the legal documents (texts) and the online service's address.
    documents = models.JSONField("thành phần hồ sơ", default=list, blank=True)
    forms = models.JSONField("mẫu đơn, tờ khai", default=list, blank=True)
    steps = models.JSONField("trình tự thực hiện", default=list, blank=True)
    submit_where = models.TextField("cách thức và địa điểm thực hiện", blank=True)
    result_name = models.CharField("kết quả thực hiện", max_length=500, blank=True)
    legal_documents = models.JSONField("căn cứ pháp lý", default=list, blank=True)
    online_url = models.URLField("địa chỉ nộp trực tuyến", max_length=500, blank=True)
    # Name, code and field folded (no diacritics, lower case: ``lib.vnspeech.fold``) so that "cap giay
    # phep xay dung" finds "Cấp giấy phép xây dựng" with a plain LIKE on every engine, no extension.
    search_text = models.CharField(max_length=1000, blank=True, default="", editable=False)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["national_code"]

    def __str__(self) -> str:
        return f"{self.national_code} — {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.folded()
        fields = kwargs.get("update_fields")
        if fields is not None and "search_text" not in fields:
            kwargs["update_fields"] = [*fields, "search_text"]
        super().save(*args, **kwargs)

    def folded(self) -> str:
        return fold(f"{self.name} {self.national_code} {self.field_name}")[:1000]


class Channel(models.IntegerChoices):
    # KenhThucHien (docs/rules/national-sync.md, PRACTICE).
    IN_PERSON = 1, "Trực tiếp"
    ONLINE = 2, "Trực tuyến"
    POST = 3, "Dịch vụ bưu chính công ích"


class Status(models.IntegerChoices):
    # TrangThaiHoSo, the national catalogue (docs/rules/national-sync.md).
    # Codes and names from the one table, ``cchc.lib.outcomes.STATUS_NAMES``.
    SUBMITTED = 1, STATUS_NAMES[1]
    RECEIVED = 2, STATUS_NAMES[2]
    REFUSED = 3, STATUS_NAMES[3]
    PROCESSING = 4, STATUS_NAMES[4]
    SUPPLEMENT = 5, STATUS_NAMES[5]
    FINANCIAL = 6, STATUS_NAMES[6]
    WITHDRAWN = 7, STATUS_NAMES[7]
    STOPPED = 8, STATUS_NAMES[8]
    PROCESSED = 9, STATUS_NAMES[9]
    RETURNED = 10, STATUS_NAMES[10]


class LegalBasis(models.TextChoices):
    # docs/rules/dossier-deadlines.md: ND 61/2018 for dossiers received before 1/7/2025, ND 118/2025 from then
    # on.
    ND61 = "nd61", "Nghị định 61/2018/NĐ-CP"
    ND118 = "nd118", "Nghị định 118/2025/NĐ-CP"


ND118_FROM = dt.date(2025, 7, 1)


def legal_basis_for(received: dt.date | None) -> str:
    if received is not None and received >= ND118_FROM:
        return LegalBasis.ND118
    return LegalBasis.ND61


class Outcome(models.TextChoices):
    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Trễ hạn"
    OPEN_WITHIN = "open_within_time", "Đang giải quyết trong hạn"
    OPEN_OVERDUE = "open_overdue", "Đang giải quyết quá hạn"
    EXCLUDED = "excluded", "Không tính"


class Dossier(models.Model):
    # Unique through Meta.constraints, not unique=True: on PostgreSQL the field option adds a second
    # (varchar_pattern_ops) index that no query uses and every imported dossier pays for.
    code = models.CharField("mã hồ sơ", max_length=64)  # MaHoSo
    # No database-level foreign keys on the procedure and the two units (migration 0005): a million-row
    # import queued three million deferred checks (10 s per 200,000 dossiers at commit). The one write
    # path resolves these ids from the catalogue and locks the referenced rows once per batch
    # (``actions.lock_references``); PROTECT is still enforced by Django on delete.
    procedure = models.ForeignKey(
        Procedure,
        verbose_name="thủ tục",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    # No single-column indexes on the two unit columns: the (unit, received_at) indexes below start with
    # them and serve the same lookups, and each index costs a million inserts per large import.
    receiving_unit = models.ForeignKey(
        Unit,
        verbose_name="nơi tiếp nhận",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị giải quyết",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )  # DonViXuLy
    # Personal data: masked in lists for roles that don't need it, never on public pages.
    applicant_name = models.CharField("chủ hồ sơ", max_length=255, blank=True)  # ChuHoSo
    applicant_id_number = models.CharField("số giấy tờ", max_length=40, blank=True)  # SoGiayToChuHoSo
    applicant_phone = models.CharField("điện thoại", max_length=40, blank=True)  # SoDienThoai
    applicant_email = models.CharField("thư điện tử", max_length=255, blank=True)  # Email
    applicant_address = models.CharField("địa chỉ", max_length=500, blank=True)
    applicant_type = models.PositiveSmallIntegerField("loại đối tượng", null=True, blank=True)  # LoaiDoiTuong
    summary = models.CharField("trích yếu", max_length=1000, blank=True)  # TrichYeuHoSo
    channel = models.PositiveSmallIntegerField(
        "kênh thực hiện", choices=Channel.choices, default=Channel.IN_PERSON
    )
    # No single-column index on status, outcome or procedure (migration 0005): ten, six and a few hundred
    # values, so such an index rarely narrows a read, yet it cost a million-row import 4.4 s. Reads go
    # through the unit/date indexes; late dossiers of a month through the partial index in Meta.
    status = models.PositiveSmallIntegerField("trạng thái", choices=Status.choices)
    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)  # NgayNopHoSo
    received_at = models.DateTimeField("ngày tiếp nhận", null=True, blank=True, db_index=True)  # NgayTiepNhan
    appointment_at = models.DateTimeField("ngày hẹn trả", null=True, blank=True)  # NgayHenTra
    end_at = models.DateTimeField("ngày kết thúc xử lý", null=True, blank=True)  # NgayKetThucXuLy
    returned_at = models.DateTimeField("ngày trả kết quả", null=True, blank=True)  # NgayTra
    refused_at = models.DateTimeField("ngày từ chối", null=True, blank=True)  # NgayTuChoi
    legal_basis = models.CharField("căn cứ pháp lý", max_length=10, choices=LegalBasis.choices)
    # The outcome engine's verdict for finished dossiers (stable); open dossiers are judged on demand
    # against the end of the reporting period (docs/rules/dossier-deadlines.md), so only their appointment is
    # stored.
    outcome = models.CharField("kết quả", max_length=20, choices=Outcome.choices, blank=True)
    # The appointment after supplement shifts (docs/rules/dossier-deadlines.md); open dossiers are overdue
    # after it.
    effective_appointment_at = models.DateTimeField(
        "hạn sau khi trừ thời gian bổ sung", null=True, blank=True
    )
    late_causes = models.JSONField("nguyên nhân trễ hạn", default=list, blank=True)
    # The national fields Decision 766 reads; NULL = the source did not say (left out of the indicator,
    # never counted as "no"): HoSoCoThanhPhanSoHoa, DinhKemKetQua non-empty, DuocThanhToanTrucTuyen
    # (0 no, 1 national portal, 2 the province's gateway), TaiKhoanDuocXacThucVoiVNeID.
    digitised_inputs = models.BooleanField("thành phần hồ sơ đã số hóa", null=True, blank=True)
    electronic_result = models.BooleanField("có kết quả điện tử", null=True, blank=True)
    online_payment = models.PositiveSmallIntegerField("thanh toán trực tuyến", null=True, blank=True)
    vneid_verified = models.BooleanField("tài khoản xác thực VNeID", null=True, blank=True)
    # The local day the outcome engine took as the end of processing (NgayKetThucXuLy, or the pending
    # supplement request for status 5 — docs/rules/dossier-deadlines.md); facts count the finished dossier on
    # that day.
    finished_on = models.DateField("ngày kết thúc dùng để thống kê", null=True, blank=True)
    source = models.CharField("nguồn dữ liệu", max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        indexes = [
            models.Index(fields=["handling_unit", "received_at"]),
            models.Index(fields=["receiving_unit", "received_at"]),
            models.Index(fields=["end_at"]),
            # The list's order (newest received first): its first page without sorting the whole scope.
            models.Index(fields=["-received_at", "-id"], name="dossier_list_order_idx"),
            # The month's late dossiers of a unit (home pages, late list): only late rows are indexed.
            models.Index(
                fields=["handling_unit", "finished_on"], condition=Q(outcome="late"), name="dossier_late_idx"
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["code"], name="dossier_code_unique")]

    def __str__(self) -> str:
        return self.code


class DossierStep(models.Model):
    """One hand-over on the process-control sheet (QuaTrinhXuLy; docs/rules/dossier-deadlines.md,
    docs/rules/national-sync.md)."""

    # No database-level foreign keys on this table (migration 0004): only ``actions.upsert_dossiers``
    # writes it, in the same transaction as the dossier rows and with ids it has just looked up, and a
    # million-dossier import would otherwise queue ~8 million deferred constraint checks (most of the
    # commit time; docs/benchmarks.md). Deletes still cascade/protect through Django's collector.
    # The (dossier, seq) unique index serves dossier lookups, so the dossier column has no index of its own.
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="steps", db_constraint=False, db_index=False
    )
    seq = models.PositiveSmallIntegerField("thứ tự")
    from_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,  # only read within one dossier's steps
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,  # read within one dossier's steps (Django's PROTECT check scans on unit delete)
    )
    unit_name = models.CharField("phòng ban xử lý", max_length=255, blank=True)  # PhongBanXuLy
    # Indexed only where it is read: an official's unfinished steps (``home.work_panels.officer_work``),
    # by the partial index in Meta; a full index on the step's unit or official cost 7.7 s per 2M
    # imported steps.
    official = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    official_name = models.CharField("người xử lý", max_length=255, blank=True)  # NguoiXuLy
    position = models.CharField("chức danh", max_length=255, blank=True)  # ChucDanh
    content = models.CharField("nội dung xử lý", max_length=1000, blank=True)  # NoiDungXuLy
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)  # NgayBatDau
    finished_at = models.DateTimeField("thời điểm xử lý", null=True, blank=True)  # ThoiDiemXuLy
    deadline_at = models.DateTimeField("hạn của bước", null=True, blank=True)  # NgayKetThucTheoQuyDinh
    external = models.BooleanField("cơ quan liên thông bên ngoài", default=False)

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_step_seq_unique")]
        indexes = [
            models.Index(
                fields=["official", "deadline_at"],
                condition=Q(finished_at__isnull=True),
                name="step_open_by_official_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.unit_name}"


class Supplement(models.Model):
    """A request for the citizen to complete the dossier (DanhSachHoSoBoSung;
    docs/rules/dossier-deadlines.md)."""

    # No database-level foreign key, and no separate index (the (dossier, seq) unique one serves):
    # see DossierStep.
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="supplements", db_constraint=False, db_index=False
    )
    seq = models.PositiveSmallIntegerField("thứ tự")
    requested_at = models.DateTimeField("ngày yêu cầu bổ sung")  # NgayBoSung
    completed_at = models.DateTimeField("ngày tiếp nhận bổ sung", null=True, blank=True)  # NgayTiepNhanBoSung
    content = models.CharField("nội dung", max_length=1000, blank=True)

    class Meta:
        verbose_name = "yêu cầu bổ sung"
        verbose_name_plural = "yêu cầu bổ sung"
        ordering = ["dossier", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_supplement_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} bổ sung #{self.seq}"


class ApologyForm(models.TextChoices):
    TT01_2018 = "tt01_2018_04", "Mẫu 04 TT 01/2018/TT-VPCP — Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    TT03_2025 = (
        "tt03_2025_04",
        "Mẫu 04 TT 03/2025/TT-VPCP — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    )


class Apology(models.Model):
    """An apology letter with its new appointment (docs/rules/late-dossiers.md; docs/rules/late-dossiers.md:
    one reschedule)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="apologies")
    form = models.CharField("mẫu", max_length=20, choices=ApologyForm.choices)
    number = models.CharField("số, ký hiệu", max_length=80, blank=True)
    issued_at = models.DateTimeField("ngày ban hành")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị để xảy ra trễ hạn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_unit_name = models.CharField(max_length=255, blank=True)
    reason = models.TextField("lý do")
    previous_appointment_at = models.DateTimeField("ngày hẹn cũ", null=True, blank=True)
    new_appointment_at = models.DateTimeField("ngày hẹn mới")

    class Meta:
        verbose_name = "phiếu xin lỗi"
        verbose_name_plural = "phiếu xin lỗi"
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.issued_at:%d/%m/%Y}"


class DossierEvent(models.Model):
    """Every change to a dossier ("every change is an event row (who, when, what)").

    Kept per domain (Saleor-style) because imports write a million of them; ``AuditEvent`` records the
    batch itself.
    """

    # No database-level foreign keys (see DossierStep): an import writes one event per dossier, each
    # with the dossier it has just written and the importing user; the collector still cascades deletes
    # of dossiers and sets ``actor`` to NULL when a user is deleted.
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events", db_constraint=False)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,  # one value for a whole import; read only when a user is deleted
    )
    actor_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "sự kiện hồ sơ"
        verbose_name_plural = "sự kiện hồ sơ"
        ordering = ["dossier", "at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"


class FactCounts(models.Model):
    """The seven counts a day's facts carry (``facts.FACT_COLUMNS``), shared by both fact tables."""

    received = models.IntegerField(default=0)
    received_online = models.IntegerField(default=0)
    finished_early = models.IntegerField(default=0)
    finished_on_time = models.IntegerField(default=0)
    finished_late = models.IntegerField(default=0)
    open_within_delta = models.IntegerField(default=0)
    open_overdue_delta = models.IntegerField(default=0)

    class Meta:
        abstract = True


class DailyFact(FactCounts):
    """Pre-aggregated counts per handling unit × procedure × day, the only thing dashboards read.

    ``open_*_delta`` are difference counts: the number of dossiers open within time (or overdue) at the
    end of day D is the sum of the deltas of all days ≤ D, so a dossier's whole open life costs at most
    four rows to record and "open as of any date" is one range sum.
    """

    day = models.DateField()
    # Derived rows (``cchc rebuild-facts`` recreates them), written only by ``facts`` with ids taken
    # from dossiers: no database-level foreign keys (a million deferred checks per large import), and
    # no index on unit alone (the unique index starts with it). Django still cascades on delete.
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False)

    class Meta:
        verbose_name = "số liệu ngày"
        verbose_name_plural = "số liệu ngày"
        constraints = [models.UniqueConstraint(fields=["unit", "procedure", "day"], name="daily_fact_unique")]
        indexes = [models.Index(fields=["day", "unit"])]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id} {self.procedure_id}"


class UnitDailyFact(FactCounts):
    """``DailyFact`` summed over procedures: one row per handling unit × day, kept by the same deltas in
    the same transaction and rebuilt by the same command. Whole-city reads without a procedure filter
    (``dossier-stats``, league tables, home pages) scan units × days instead of units × procedures ×
    days, which is what keeps a year at five million dossiers under the issue's 200 ms."""

    day = models.DateField()
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )

    class Meta:
        verbose_name = "số liệu ngày theo đơn vị"
        verbose_name_plural = "số liệu ngày theo đơn vị"
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="unit_daily_fact_unique")]
        indexes = [models.Index(fields=["day", "unit"])]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id}"


class OfficialDailyFact(models.Model):
    """Per official, handling unit, receiving unit and local day a dossier finished: how many finished
    dossiers they handled a step of and how many of the late ones a cause blames them for (the officials'
    ranking, read without the steps). Written only by ``official_facts``, in the write transaction."""

    day = models.DateField()
    handling_unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    receiving_unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, null=True, db_index=False
    )
    # The account when the step has one, else the step's name folded (spaces and case); never both.
    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="+", db_constraint=False, null=True
    )
    name_key = models.CharField(max_length=255, blank=True)
    finished = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    # The official's earliest step among these dossiers: where a row's name and unit come from.
    first_step = models.BigIntegerField()

    class Meta:
        verbose_name = "số liệu ngày theo cán bộ"
        verbose_name_plural = "số liệu ngày theo cán bộ"
        indexes = [models.Index(fields=["day", "handling_unit"])]

    def __str__(self) -> str:
        return f"{self.day} {self.official_id or self.name_key}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang nhập"
    DONE = "done", "Đã nhập"
    REJECTED = "rejected", "Bị từ chối (có dòng lỗi, không ghi gì)"
    FAILED = "failed", "Không đọc được tệp"


class ImportBatch(models.Model):
    """One uploaded file; the web progress bar and the audit of who imported what read this row."""

    file_name = models.CharField("tên tệp", max_length=255)
    file = models.FileField("tệp", upload_to="imports/%Y/%m/", blank=True)
    format = models.CharField("định dạng", max_length=20, blank=True)
    dry_run = models.BooleanField("chỉ kiểm tra", default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    total_rows = models.IntegerField(default=0)
    processed_rows = models.IntegerField(default=0)
    created_count = models.IntegerField(default=0)
    updated_count = models.IntegerField(default=0)
    rejected_count = models.IntegerField(default=0)
    # The first rejected rows: [{"row": n, "field": ..., "value": ..., "reason": ...}, ...]
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        verbose_name = "lượt nhập hồ sơ"
        verbose_name_plural = "lượt nhập hồ sơ"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class ApiClient(models.Model):
    """A source system allowed to push dossiers (one token each; only its SHA-256 is stored)."""

    name = models.CharField("tên hệ thống", max_length=200, unique=True)
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", verbose_name="địa bàn", on_delete=models.PROTECT, related_name="+"
    )
    token_prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "hệ thống gửi dữ liệu"
        verbose_name_plural = "hệ thống gửi dữ liệu"

    def __str__(self) -> str:
        return self.name


class LateListStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("Dự thảo")
    APPROVED = "approved", gettext_noop("Đã phê duyệt")
    PUBLISHED = "published", gettext_noop("Đã công khai")
    WITHDRAWN = "withdrawn", gettext_noop("Đã thu hồi")


class LateList(models.Model):
    """The monthly list of units and officials with late dossiers (Công văn 7190/UBND-NV, mục 2): drafted by
    the Office, approved by a leader, then published on the public site — never with applicant data."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("tháng")  # first day of the month
    status = models.CharField(max_length=20, choices=LateListStatus.choices, default=LateListStatus.DRAFT)
    # [{"unit": code, "unit_name": ..., "official": name|None, "late": n, "finished": n, "late_rate": ...}]
    rows = models.JSONField(default=list, blank=True)
    note = models.TextField("ghi chú", blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "danh sách trễ hạn tháng"
        verbose_name_plural = "danh sách trễ hạn tháng"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "month"], name="late_list_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.month:%m/%Y}"
