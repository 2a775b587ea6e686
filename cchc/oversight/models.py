"""Oversight that closes the loop (docs/oversight.md): inspection plans and visits with a versioned
checklist, findings and their recommendations followed on the deadline machine until the inspector
verifies them, the handling of a person's responsibility with due process (private), and the
corrections required by outside audit or inspection conclusions.

Every state change goes through ``cchc.oversight.actions``; every read through ``queries.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.deadlines.models import Deadline
from cchc.org.models import Jurisdiction, Official, Unit

# --- checklists -------------------------------------------------------------------------------------


class ChecklistTemplate(models.Model):
    """One version of a checklist. A new version is a new row: visits keep the version they used, and an
    item keeps its ``code`` across versions, so a finding can be compared with the next visit's."""

    code = models.CharField(gettext_lazy("mã"), max_length=40)
    version = models.PositiveIntegerField(gettext_lazy("phiên bản"), default=1)
    name = models.CharField(gettext_lazy("tên"), max_length=255)
    basis = models.TextField(gettext_lazy("căn cứ"), blank=True)
    valid_from = models.DateField(gettext_lazy("áp dụng từ"), null=True, blank=True)
    is_current = models.BooleanField(gettext_lazy("đang dùng"), default=True)

    class Meta:
        verbose_name = gettext_lazy("mẫu phiếu kiểm tra")
        verbose_name_plural = gettext_lazy("mẫu phiếu kiểm tra")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="checklist_version_once")]
        ordering = ["code", "-version"]

    def __str__(self) -> str:
        return f"{self.name} (phiên bản {self.version})"


class ChecklistItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(gettext_lazy("mã"), max_length=20)
    group = models.CharField(gettext_lazy("nhóm"), max_length=120, blank=True)
    text = models.CharField(gettext_lazy("nội dung kiểm tra"), max_length=500)
    basis = models.CharField(gettext_lazy("căn cứ"), max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = gettext_lazy("nội dung kiểm tra")
        verbose_name_plural = gettext_lazy("nội dung kiểm tra")
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="checklist_item_once")]
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"


# --- plans and visits -------------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("Dự thảo")
    SUBMITTED = "submitted", gettext_noop("Chờ lãnh đạo phê duyệt")
    APPROVED = "approved", gettext_noop("Đã phê duyệt")


class InspectionPlan(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(gettext_lazy("năm"))
    title = models.CharField(gettext_lazy("tên kế hoạch"), max_length=300)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_on = models.DateField(gettext_lazy("ngày phê duyệt"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("kế hoạch kiểm tra")
        verbose_name_plural = gettext_lazy("kế hoạch kiểm tra")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "year"], name="one_plan_per_year")]
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", gettext_noop("Theo kế hoạch, chưa kiểm tra")
    IN_PROGRESS = "in_progress", gettext_noop("Đang kiểm tra")
    EXPLANATION = "explanation", gettext_noop("Chờ đơn vị giải trình")
    CONCLUDED = "concluded", gettext_noop("Đã kết luận")
    CANCELLED = "cancelled", gettext_noop("Đã hủy")


class Inspection(models.Model):
    """One visit to one unit: planned (in an approved plan) or ad hoc (with its reason)."""

    plan = models.ForeignKey(
        InspectionPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="inspections"
    )
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị được kiểm tra"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(gettext_lazy("nội dung kiểm tra"), max_length=300)
    template = models.ForeignKey(
        ChecklistTemplate,
        verbose_name=gettext_lazy("phiếu kiểm tra"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_on = models.DateField(gettext_lazy("thời gian dự kiến"))
    reason = models.TextField(gettext_lazy("lý do kiểm tra"), blank=True)
    # The figures that proposed the unit (late rate, overdue tasks, ratings), kept as they were then.
    figures = models.JSONField(default=dict, blank=True)
    team_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("trưởng đoàn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED
    )
    visited_on = models.DateField(gettext_lazy("ngày kiểm tra"), null=True, blank=True)
    explanation = models.TextField(gettext_lazy("giải trình của đơn vị"), blank=True)
    explained_on = models.DateField(gettext_lazy("ngày giải trình"), null=True, blank=True)
    conclusion = models.TextField(gettext_lazy("kết luận"), blank=True)
    concluded_on = models.DateField(gettext_lazy("ngày kết luận"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(gettext_lazy("lý do hủy"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("cuộc kiểm tra")
        verbose_name_plural = gettext_lazy("cuộc kiểm tra")
        ordering = ["planned_on", "pk"]
        indexes = [models.Index(fields=["unit", "planned_on"])]

    def __str__(self) -> str:
        return f"Kiểm tra {self.unit.name} ({self.planned_on:%m/%Y})"

    @property
    def is_ad_hoc(self) -> bool:
        return self.plan_id is None


class AnswerResult(models.TextChoices):
    MET = "met", gettext_noop("Đạt")
    PARTLY = "partly", gettext_noop("Đạt một phần")
    NOT_MET = "not_met", gettext_noop("Không đạt")
    NOT_APPLICABLE = "na", gettext_noop("Không áp dụng")


class Answer(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(gettext_lazy("kết quả"), max_length=10, choices=AnswerResult.choices)
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("kết quả kiểm tra")
        verbose_name_plural = gettext_lazy("kết quả kiểm tra")
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.get_result_display()}"


class EvidenceFile(models.Model):
    """A photo or document taken during a visit (or sent with a follow-up report). Served only after
    the permission check of the object it belongs to (never straight from MEDIA_ROOT)."""

    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    item = models.ForeignKey(ChecklistItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(
        "Recommendation", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    correction = models.ForeignKey(
        "Correction", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(gettext_lazy("tệp"), upload_to="oversight/%Y/%m/")
    name = models.CharField(gettext_lazy("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("tài liệu, hình ảnh")
        verbose_name_plural = gettext_lazy("tài liệu, hình ảnh")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.name.lower().endswith((".jpg", ".jpeg", ".png", ".webp"))


# --- findings and follow-up -------------------------------------------------------------------------


class Severity(models.TextChoices):
    MINOR = "minor", gettext_noop("Nhẹ")
    MODERATE = "moderate", gettext_noop("Trung bình")
    SERIOUS = "serious", gettext_noop("Nghiêm trọng")


class Finding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=gettext_lazy("nội dung kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(gettext_lazy("tồn tại, hạn chế"))
    severity = models.CharField(gettext_lazy("mức độ"), max_length=10, choices=Severity.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị chịu trách nhiệm"), on_delete=models.PROTECT, related_name="+"
    )
    official = models.ForeignKey(
        Official,
        verbose_name=gettext_lazy("cá nhân chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The same unit and checklist item had a finding at an earlier visit: the fix did not hold.
    recurs = models.ForeignKey(
        "self",
        verbose_name=gettext_lazy("lặp lại tồn tại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("tồn tại, hạn chế")
        verbose_name_plural = gettext_lazy("tồn tại, hạn chế")
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(models.Model):
    """What the unit must do about a finding; its clock is a ``Deadline`` (reminders, escalation to the
    head, the original date kept). Done only when the inspector verifies (``verified_on``)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(gettext_lazy("kiến nghị, yêu cầu khắc phục"))
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.OneToOneField(Deadline, null=True, on_delete=models.PROTECT, related_name="+")
    report = models.TextField(gettext_lazy("báo cáo kết quả khắc phục"), blank=True)
    verified_on = models.DateField(gettext_lazy("ngày xác nhận"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verification_note = models.TextField(gettext_lazy("ý kiến xác nhận"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("kiến nghị khắc phục")
        verbose_name_plural = gettext_lazy("kiến nghị khắc phục")
        ordering = ["finding", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


# --- responsibility (private) -----------------------------------------------------------------------


class CaseStage(models.TextChoices):
    GATHERING = "gathering", gettext_noop("Thu thập căn cứ")
    EXPLANATION = "explanation", gettext_noop("Chờ giải trình")
    EXPLAINED = "explained", gettext_noop("Đã giải trình, chờ quyết định")
    DECIDED = "decided", gettext_noop("Đã quyết định")
    DROPPED = "dropped", gettext_noop("Không xử lý")


class ResponsibilityCase(models.Model):
    """The handling of one person's responsibility. Private: only the competent head, Internal Affairs
    and the person concerned may read it (``queries.case_access``); every read is audited."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    official = models.ForeignKey(
        Official, verbose_name=gettext_lazy("người bị xem xét"), on_delete=models.PROTECT, related_name="+"
    )
    competent_head = models.ForeignKey(
        Official,
        verbose_name=gettext_lazy("người có thẩm quyền xử lý"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    as_head = models.BooleanField(gettext_lazy("trách nhiệm người đứng đầu"), default=False)
    grounds = models.TextField(gettext_lazy("nội dung vi phạm, khuyết điểm"))
    stage = models.CharField(max_length=12, choices=CaseStage.choices, default=CaseStage.GATHERING)
    opened_on = models.DateField(gettext_lazy("ngày mở hồ sơ"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    explanation_requested_on = models.DateField(
        gettext_lazy("ngày yêu cầu giải trình"), null=True, blank=True
    )
    explanation_due = models.DateField(gettext_lazy("hạn giải trình"), null=True, blank=True)
    explanation = models.TextField(gettext_lazy("bản giải trình"), blank=True)
    explained_on = models.DateField(gettext_lazy("ngày giải trình"), null=True, blank=True)
    decision = models.CharField(gettext_lazy("hình thức xử lý"), max_length=30, blank=True)
    decision_text = models.TextField(gettext_lazy("nội dung quyết định"), blank=True)
    decided_on = models.DateField(gettext_lazy("ngày quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("hồ sơ xem xét trách nhiệm")
        verbose_name_plural = gettext_lazy("hồ sơ xem xét trách nhiệm")
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return f"Xem xét trách nhiệm: {self.official.full_name}"


class EvidenceKind(models.TextChoices):
    LATE_DOSSIERS = "late_dossiers", gettext_noop("Hồ sơ trễ hạn do cá nhân xử lý")
    OVERDUE_TASKS = "overdue_tasks", gettext_noop("Nhiệm vụ quá hạn do đơn vị chủ trì")
    FINDING = "finding", gettext_noop("Tồn tại qua kiểm tra")
    COMPLAINT = "complaint", gettext_noop("Phản ánh về nhũng nhiễu, gây phiền hà")
    OTHER = "other", gettext_noop("Căn cứ khác")


class CaseEvidence(models.Model):
    case = models.ForeignKey(ResponsibilityCase, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    summary = models.TextField(gettext_lazy("nội dung"))
    # What in CCHC the evidence points to (a dossier code, a task id, a finding id, a petition code).
    refs = models.JSONField(default=list, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("căn cứ xem xét")
        verbose_name_plural = gettext_lazy("căn cứ xem xét")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.summary[:80]


# --- outside audit and inspection conclusions --------------------------------------------------------


class AuditConclusion(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    issuer = models.CharField(gettext_lazy("cơ quan kết luận"), max_length=255)
    number = models.CharField(gettext_lazy("số văn bản"), max_length=80)
    issued_on = models.DateField(gettext_lazy("ngày ban hành"))
    subject = models.CharField(gettext_lazy("nội dung thanh tra, kiểm toán"), max_length=500)
    summary = models.TextField(gettext_lazy("tóm tắt kết luận"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("kết luận thanh tra, kiểm toán")
        verbose_name_plural = gettext_lazy("kết luận thanh tra, kiểm toán")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} ({self.issuer})"


class Correction(models.Model):
    conclusion = models.ForeignKey(AuditConclusion, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(gettext_lazy("yêu cầu khắc phục"))
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        gettext_lazy("số tiền phải xử lý (đồng)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    deadline = models.OneToOneField(Deadline, null=True, on_delete=models.PROTECT, related_name="+")
    progress = models.PositiveSmallIntegerField(gettext_lazy("tiến độ (%)"), default=0)
    verified_on = models.DateField(gettext_lazy("ngày xác nhận"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("yêu cầu khắc phục")
        verbose_name_plural = gettext_lazy("yêu cầu khắc phục")
        ordering = ["conclusion", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ProgressNote(models.Model):
    """A report of progress on a recommendation or a correction (one of the two)."""

    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    correction = models.ForeignKey(
        Correction, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(gettext_lazy("nội dung"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("báo cáo tiến độ")
        verbose_name_plural = gettext_lazy("báo cáo tiến độ")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
