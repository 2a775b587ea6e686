"""The dossier ledger: each dossier, its hand-over steps, supplement requests and change events
(docs/rules/dossier-deadlines.md, docs/rules/national-sync.md).

Field names follow the national sync shape where one exists (the comment names it). Personal data of
applicants lives only on ``Dossier`` and is never read by portal code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.lib.outcomes import STATUS_NAMES
from cchc.org.models import Official, Unit

from .procedures import Procedure


class Channel(models.IntegerChoices):
    # KenhThucHien (docs/rules/national-sync.md, PRACTICE).
    IN_PERSON = 1, gettext_noop("Trực tiếp")
    ONLINE = 2, gettext_noop("Trực tuyến")
    POST = 3, gettext_noop("Dịch vụ bưu chính công ích")


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
    ND61 = "nd61", gettext_noop("Nghị định 61/2018/NĐ-CP")
    ND118 = "nd118", gettext_noop("Nghị định 118/2025/NĐ-CP")


ND118_FROM = dt.date(2025, 7, 1)


def legal_basis_for(received: dt.date | None) -> str:
    if received is not None and received >= ND118_FROM:
        return LegalBasis.ND118
    return LegalBasis.ND61


class Outcome(models.TextChoices):
    EARLY = "early", gettext_noop("Trước hạn")
    ON_TIME = "on_time", gettext_noop("Đúng hạn")
    LATE = "late", gettext_noop("Trễ hạn")
    OPEN_WITHIN = "open_within_time", gettext_noop("Đang giải quyết trong hạn")
    OPEN_OVERDUE = "open_overdue", gettext_noop("Đang giải quyết quá hạn")
    EXCLUDED = "excluded", gettext_noop("Không tính")


# TrangThaiHoSo codes of dossiers still being processed (docs/rules/dossier-deadlines.md): status 5
# (waiting for the citizen's supplement) ends at the request, so it is not "open" for lateness; 1 and 3
# never count; 7, 8, 9, 10 are terminal.
OPEN_STATUSES = (Status.RECEIVED, Status.PROCESSING, Status.FINANCIAL)
# Stored outcomes of a dossier not judged finished: open dossiers are judged again for every period.
UNJUDGED_OUTCOMES = ("", Outcome.OPEN_WITHIN, Outcome.OPEN_OVERDUE)
# Every dossier that is late or may become late while open: the late list's partial indexes hold only
# these rows, and ``queries.late_q`` narrows them with the same two conditions (PostgreSQL uses a
# partial index only when the query repeats its condition), plus the deadline against "now".
FINISHED_LATE = Q(outcome=Outcome.LATE)
OPEN_UNJUDGED = Q(outcome__in=UNJUDGED_OUTCOMES, status__in=OPEN_STATUSES)
LATE_CANDIDATES = FINISHED_LATE | OPEN_UNJUDGED

# Causes that name who or what made a dossier late; the late list shows these before the unexplained.
ATTRIBUTABLE_CAUSES = ("step_overrun", "software_closing", "second_supplement")


def names_a_cause(causes: Any) -> bool:
    """Do these stored late causes name who or what made the dossier late (``Dossier.named_cause``)?"""
    return any(isinstance(c, dict) and c.get("kind") in ATTRIBUTABLE_CAUSES for c in causes or ())


class Dossier(models.Model):
    # Unique through Meta.constraints, not unique=True: on PostgreSQL the field option adds a second
    # (varchar_pattern_ops) index that no query uses and every imported dossier pays for.
    code = models.CharField(gettext_lazy("mã hồ sơ"), max_length=64)  # MaHoSo
    # No database-level foreign keys on the procedure and the two units (migration 0005): a million-row
    # import queued three million deferred checks (10 s per 200,000 dossiers at commit). The one write
    # path resolves these ids from the catalogue and locks the referenced rows once per batch
    # (``actions.lock_references``); PROTECT is still enforced by Django on delete.
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=gettext_lazy("thủ tục"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    # No single-column indexes on the two unit columns: the (unit, received_at) indexes below start with
    # them and serve the same lookups, and each index costs a million inserts per large import.
    receiving_unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("nơi tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("đơn vị giải quyết"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )  # DonViXuLy
    # Personal data: masked in lists for roles that don't need it, never on public pages.
    applicant_name = models.CharField(gettext_lazy("chủ hồ sơ"), max_length=255, blank=True)  # ChuHoSo
    applicant_id_number = models.CharField(
        gettext_lazy("số giấy tờ"), max_length=40, blank=True
    )  # SoGiayToChuHoSo
    applicant_phone = models.CharField(gettext_lazy("điện thoại"), max_length=40, blank=True)  # SoDienThoai
    applicant_email = models.CharField(gettext_lazy("thư điện tử"), max_length=255, blank=True)  # Email
    applicant_address = models.CharField(gettext_lazy("địa chỉ"), max_length=500, blank=True)
    applicant_type = models.PositiveSmallIntegerField(
        gettext_lazy("loại đối tượng"), null=True, blank=True
    )  # LoaiDoiTuong
    summary = models.CharField(gettext_lazy("trích yếu"), max_length=1000, blank=True)  # TrichYeuHoSo
    channel = models.PositiveSmallIntegerField(
        gettext_lazy("kênh thực hiện"), choices=Channel.choices, default=Channel.IN_PERSON
    )
    # No single-column index on status, outcome or procedure (migration 0005): ten, six and a few hundred
    # values, so such an index rarely narrows a read, yet it cost a million-row import 4.4 s. Reads go
    # through the unit/date indexes; late dossiers of a month through the partial index in Meta.
    status = models.PositiveSmallIntegerField(gettext_lazy("trạng thái"), choices=Status.choices)
    submitted_at = models.DateTimeField(gettext_lazy("ngày nộp"), null=True, blank=True)  # NgayNopHoSo
    received_at = models.DateTimeField(
        gettext_lazy("ngày tiếp nhận"), null=True, blank=True, db_index=True
    )  # NgayTiepNhan
    appointment_at = models.DateTimeField(gettext_lazy("ngày hẹn trả"), null=True, blank=True)  # NgayHenTra
    end_at = models.DateTimeField(
        gettext_lazy("ngày kết thúc xử lý"), null=True, blank=True
    )  # NgayKetThucXuLy
    returned_at = models.DateTimeField(gettext_lazy("ngày trả kết quả"), null=True, blank=True)  # NgayTra
    refused_at = models.DateTimeField(gettext_lazy("ngày từ chối"), null=True, blank=True)  # NgayTuChoi
    legal_basis = models.CharField(gettext_lazy("căn cứ pháp lý"), max_length=10, choices=LegalBasis.choices)
    # The outcome engine's verdict for finished dossiers (stable); open dossiers are judged on demand
    # against the end of the reporting period (docs/rules/dossier-deadlines.md), so only their appointment is
    # stored.
    outcome = models.CharField(gettext_lazy("kết quả"), max_length=20, choices=Outcome.choices, blank=True)
    # The appointment after supplement shifts (docs/rules/dossier-deadlines.md); open dossiers are overdue
    # after it.
    effective_appointment_at = models.DateTimeField(
        gettext_lazy("hạn sau khi trừ thời gian bổ sung"), null=True, blank=True
    )
    late_causes = models.JSONField(gettext_lazy("nguyên nhân trễ hạn"), default=list, blank=True)
    # ``names_a_cause(late_causes)``, kept by every write of the causes (``save``, the row and columnar
    # import paths): the late list sorts on it through an index instead of matching the JSON text of
    # every late dossier.
    named_cause = models.BooleanField(
        gettext_lazy("đã xác định nguyên nhân trễ hạn"), default=False, editable=False
    )
    # A digest of the file row the columnar import last wrote this dossier from, with what its stored
    # values were derived from (catalogue limits, units, officials, calendar, scope): an equal digest
    # on re-import means nothing to compare or write (``columnar_same``). Every other write clears it.
    import_hash = models.BigIntegerField(
        gettext_lazy("dấu của dòng nhập"), null=True, blank=True, editable=False
    )
    # The national fields Decision 766 reads; NULL = the source did not say (left out of the indicator,
    # never counted as "no"): HoSoCoThanhPhanSoHoa, DinhKemKetQua non-empty, DuocThanhToanTrucTuyen
    # (0 no, 1 national portal, 2 the province's gateway), TaiKhoanDuocXacThucVoiVNeID.
    digitised_inputs = models.BooleanField(gettext_lazy("thành phần hồ sơ đã số hóa"), null=True, blank=True)
    electronic_result = models.BooleanField(gettext_lazy("có kết quả điện tử"), null=True, blank=True)
    online_payment = models.PositiveSmallIntegerField(
        gettext_lazy("thanh toán trực tuyến"), null=True, blank=True
    )
    vneid_verified = models.BooleanField(gettext_lazy("tài khoản xác thực VNeID"), null=True, blank=True)
    # The local day the outcome engine took as the end of processing (NgayKetThucXuLy, or the pending
    # supplement request for status 5 — docs/rules/dossier-deadlines.md); facts count the finished dossier on
    # that day.
    finished_on = models.DateField(gettext_lazy("ngày kết thúc dùng để thống kê"), null=True, blank=True)
    source = models.CharField(gettext_lazy("nguồn dữ liệu"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("hồ sơ")
        verbose_name_plural = gettext_lazy("hồ sơ")
        indexes = [
            models.Index(fields=["handling_unit", "received_at"]),
            models.Index(fields=["receiving_unit", "received_at"]),
            models.Index(fields=["end_at"]),
            # The last change to the ledger (the Decision 766 pages' cache key): one index entry, not a
            # scan of every dossier (2.1 s at 5,000,000 dossiers on PostgreSQL).
            models.Index(fields=["updated_at"], name="dossier_updated_idx"),
            # The list's order (newest received first): its first page without sorting the whole scope.
            models.Index(fields=["-received_at", "-id"], name="dossier_list_order_idx"),
            # The month's late dossiers of a unit (home pages, late list): only late rows are indexed.
            models.Index(
                fields=["handling_unit", "finished_on"], condition=Q(outcome="late"), name="dossier_late_idx"
            ),
            # The late list's order (named causes first, newest deadline first), over the late rows only:
            # its first page and its capped counts read the index instead of sorting every late dossier.
            models.Index(
                F("named_cause").desc(),
                Coalesce("effective_appointment_at", "appointment_at").desc(),
                F("id").desc(),
                condition=LATE_CANDIDATES,
                name="dossier_late_order_idx",
            ),
            # The same for one handling unit (the list filtered by unit, the drill-downs).
            models.Index(
                F("handling_unit"),
                F("named_cause").desc(),
                Coalesce("effective_appointment_at", "appointment_at").desc(),
                F("id").desc(),
                condition=LATE_CANDIDATES,
                name="dossier_late_unit_order_idx",
            ),
            # The open ones alone (the list's "đang quá hạn" filter): a few among the late rows, which
            # the first index would walk past by the ten thousand.
            models.Index(
                F("named_cause").desc(),
                Coalesce("effective_appointment_at", "appointment_at").desc(),
                F("id").desc(),
                condition=OPEN_UNJUDGED,
                name="dossier_open_order_idx",
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["code"], name="dossier_code_unique")]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        from .causes import follow_dossier, store_causes_of  # the causes' table refers to this model

        self.named_cause = names_a_cause(self.late_causes)
        self.import_hash = None  # no longer what a file row wrote
        fields = kwargs.get("update_fields")
        if fields is not None:
            extra = ["import_hash"] + (["named_cause"] if "late_causes" in fields else [])
            kwargs["update_fields"] = [*fields, *(f for f in extra if f not in fields)]
        fresh = self._state.adding and self.pk is None
        # The causes' rows (``DossierCause``) in the same transaction as the causes.
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if fields is None or "late_causes" in fields:
                store_causes_of(self, fresh)
            else:
                follow_dossier(self, fields)


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
    seq = models.PositiveSmallIntegerField(gettext_lazy("thứ tự"))
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
    unit_name = models.CharField(gettext_lazy("phòng ban xử lý"), max_length=255, blank=True)  # PhongBanXuLy
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
    official_name = models.CharField(gettext_lazy("người xử lý"), max_length=255, blank=True)  # NguoiXuLy
    position = models.CharField(gettext_lazy("chức danh"), max_length=255, blank=True)  # ChucDanh
    content = models.CharField(gettext_lazy("nội dung xử lý"), max_length=1000, blank=True)  # NoiDungXuLy
    started_at = models.DateTimeField(gettext_lazy("bắt đầu"), null=True, blank=True)  # NgayBatDau
    finished_at = models.DateTimeField(gettext_lazy("thời điểm xử lý"), null=True, blank=True)  # ThoiDiemXuLy
    deadline_at = models.DateTimeField(
        gettext_lazy("hạn của bước"), null=True, blank=True
    )  # NgayKetThucTheoQuyDinh
    external = models.BooleanField(gettext_lazy("cơ quan liên thông bên ngoài"), default=False)

    class Meta:
        verbose_name = gettext_lazy("bước xử lý")
        verbose_name_plural = gettext_lazy("bước xử lý")
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
    seq = models.PositiveSmallIntegerField(gettext_lazy("thứ tự"))
    requested_at = models.DateTimeField(gettext_lazy("ngày yêu cầu bổ sung"))  # NgayBoSung
    completed_at = models.DateTimeField(
        gettext_lazy("ngày tiếp nhận bổ sung"), null=True, blank=True
    )  # NgayTiepNhanBoSung
    content = models.CharField(gettext_lazy("nội dung"), max_length=1000, blank=True)

    class Meta:
        verbose_name = gettext_lazy("yêu cầu bổ sung")
        verbose_name_plural = gettext_lazy("yêu cầu bổ sung")
        ordering = ["dossier", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_supplement_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} bổ sung #{self.seq}"


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
        verbose_name = gettext_lazy("sự kiện hồ sơ")
        verbose_name_plural = gettext_lazy("sự kiện hồ sơ")
        ordering = ["dossier", "at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"
