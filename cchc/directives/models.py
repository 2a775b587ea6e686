"""Register of directives (văn bản chỉ đạo) and the tasks they assign (docs/rules/official-documents.md,
docs/rules/directive-tasks.md).

A task's clock is a ``cchc.deadlines.Deadline`` (one machine for every deadline); the task keeps what is
particular to tasks: its source, lead and coordinating units, progress reports, recurrence. Statuses
shown to people are read from the deadline (``cchc.lib.deadlines.state_of``); ``Task.status`` only
records the lifecycle step (open, awaiting the assigner, done, cancelled) so lists can filter cheaply.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.deadlines.models import Deadline
from cchc.org.models import Jurisdiction, Official, Unit


class DocType(models.TextChoices):
    # ND 30/2020 Art. 7 and Phụ lục III (docs/rules/official-documents.md [CONFIRMED]): the 29 administrative
    # types.
    NGHI_QUYET = "nghi_quyet", gettext_noop("Nghị quyết")
    QUYET_DINH = "quyet_dinh", gettext_noop("Quyết định")
    CHI_THI = "chi_thi", gettext_noop("Chỉ thị")
    QUY_CHE = "quy_che", gettext_noop("Quy chế")
    QUY_DINH = "quy_dinh", gettext_noop("Quy định")
    THONG_CAO = "thong_cao", gettext_noop("Thông cáo")
    THONG_BAO = "thong_bao", gettext_noop("Thông báo")
    HUONG_DAN = "huong_dan", gettext_noop("Hướng dẫn")
    CHUONG_TRINH = "chuong_trinh", gettext_noop("Chương trình")
    KE_HOACH = "ke_hoach", gettext_noop("Kế hoạch")
    PHUONG_AN = "phuong_an", gettext_noop("Phương án")
    DE_AN = "de_an", gettext_noop("Đề án")
    DU_AN = "du_an", gettext_noop("Dự án")
    BAO_CAO = "bao_cao", gettext_noop("Báo cáo")
    BIEN_BAN = "bien_ban", gettext_noop("Biên bản")
    TO_TRINH = "to_trinh", gettext_noop("Tờ trình")
    HOP_DONG = "hop_dong", gettext_noop("Hợp đồng")
    CONG_VAN = "cong_van", gettext_noop("Công văn")
    CONG_DIEN = "cong_dien", gettext_noop("Công điện")
    BAN_GHI_NHO = "ban_ghi_nho", gettext_noop("Bản ghi nhớ")
    BAN_THOA_THUAN = "ban_thoa_thuan", gettext_noop("Bản thỏa thuận")
    GIAY_UY_QUYEN = "giay_uy_quyen", gettext_noop("Giấy ủy quyền")
    GIAY_MOI = "giay_moi", gettext_noop("Giấy mời")
    GIAY_GIOI_THIEU = "giay_gioi_thieu", gettext_noop("Giấy giới thiệu")
    GIAY_NGHI_PHEP = "giay_nghi_phep", gettext_noop("Giấy nghỉ phép")
    PHIEU_GUI = "phieu_gui", gettext_noop("Phiếu gửi")
    PHIEU_CHUYEN = "phieu_chuyen", gettext_noop("Phiếu chuyển")
    PHIEU_BAO = "phieu_bao", gettext_noop("Phiếu báo")
    THU_CONG = "thu_cong", gettext_noop("Thư công")
    OTHER = "other", gettext_noop("Khác")


class Direction(models.TextChoices):
    RECEIVED = "received", gettext_noop("Văn bản đến (cấp trên giao)")
    ISSUED = "issued", gettext_noop("Văn bản đi (UBND ban hành)")


class Directive(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(
        gettext_lazy("loại"), max_length=10, choices=Direction.choices, default=Direction.ISSUED
    )
    issuer = models.CharField(gettext_lazy("cơ quan ban hành"), max_length=255)
    parent_issuer = models.CharField(gettext_lazy("cơ quan chủ quản"), max_length=255, blank=True)
    number = models.CharField(gettext_lazy("số"), max_length=20)
    symbol = models.CharField(gettext_lazy("ký hiệu"), max_length=80)
    date = models.DateField(gettext_lazy("ngày ban hành"))
    place = models.CharField(gettext_lazy("địa danh"), max_length=120, blank=True)
    doc_type = models.CharField(gettext_lazy("loại văn bản"), max_length=20, choices=DocType.choices)
    subject = models.TextField(gettext_lazy("trích yếu"))
    signer_authority = models.CharField(
        gettext_lazy("thẩm quyền ký"), max_length=10, blank=True
    )  # TM., KT., TL., TUQ., Q.
    signer_position = models.CharField(gettext_lazy("chức vụ người ký"), max_length=200, blank=True)
    signer_name = models.CharField(gettext_lazy("người ký"), max_length=200, blank=True)
    recipients = models.JSONField(gettext_lazy("kính gửi"), default=list, blank=True)
    cc = models.JSONField(gettext_lazy("nơi nhận"), default=list, blank=True)
    text = models.TextField(gettext_lazy("toàn văn"), blank=True)
    # What the reader proposed, kept beside what a person confirmed, so reader accuracy can be measured.
    proposal = models.JSONField(gettext_lazy("đề xuất của bộ đọc"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("văn bản chỉ đạo")
        verbose_name_plural = gettext_lazy("văn bản chỉ đạo")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "number", "symbol", "date"], name="directive_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.number}/{self.symbol} ngày {self.date:%d/%m/%Y}"

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.symbol}"

    @property
    def signer_line(self) -> str:
        return " ".join(x for x in (self.signer_authority, self.signer_position, self.signer_name) if x)


class DirectiveFile(models.Model):
    """A file of the directive: the document itself (txt, docx, pdf with a text layer) or an appendix."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(gettext_lazy("tệp"), upload_to="directives/%Y/")
    name = models.CharField(gettext_lazy("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(gettext_lazy("dung lượng (byte)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("tệp văn bản")
        verbose_name_plural = gettext_lazy("tệp văn bản")
        ordering = ["directive", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class DirectiveUpload(models.Model):
    """A document uploaded to be read: the reader's proposal waits here until a person confirms it
    (nothing becomes a task until a person reviews, edits and confirms)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(gettext_lazy("tệp"), upload_to="directives/uploads/%Y/%m/")
    name = models.CharField(gettext_lazy("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    text = models.TextField(gettext_lazy("nội dung đọc được"), blank=True)
    proposal = models.JSONField(gettext_lazy("đề xuất của bộ đọc"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    directive = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )

    class Meta:
        verbose_name = gettext_lazy("văn bản chờ xác nhận")
        verbose_name_plural = gettext_lazy("văn bản chờ xác nhận")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class DirectiveLink(models.Model):
    """A citation between documents: the founding letter implements 9228/UBND-SNV and cites 4861/UBND-NV, …"""

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", gettext_noop("Triển khai thực hiện")
        BASED_ON = "based_on", gettext_noop("Căn cứ")
        CITES = "cites", gettext_noop("Dẫn chiếu")

    source = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(gettext_lazy("quan hệ"), max_length=12, choices=Kind.choices, default=Kind.CITES)
    # The cited document may not be in the register: keep its reference as text, and the row when known.
    reference = models.CharField(gettext_lazy("số, ký hiệu"), max_length=120)
    cited_date = models.DateField(gettext_lazy("ngày"), null=True, blank=True)
    doc_type = models.CharField(gettext_lazy("loại văn bản"), max_length=60, blank=True)
    issuer = models.CharField(gettext_lazy("cơ quan ban hành"), max_length=255, blank=True)
    description = models.CharField(gettext_lazy("trích dẫn"), max_length=500, blank=True)
    target = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )

    class Meta:
        verbose_name = gettext_lazy("liên kết văn bản")
        verbose_name_plural = gettext_lazy("liên kết văn bản")
        ordering = ["source", "id"]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.reference}"


class Recurrence(models.TextChoices):
    NONE = "", gettext_noop("Không lặp")
    MONTHLY = "monthly", gettext_noop("Hằng tháng")
    QUARTERLY = "quarterly", gettext_noop("Hằng quý")
    HALF_YEARLY = "half_yearly", gettext_noop("6 tháng")
    YEARLY = "yearly", gettext_noop("Hằng năm")
    CONTINUOUS = "continuous", gettext_noop("Thường xuyên")


# A task with one of these recurrences is a series: it carries no deadline of its own and spawns one
# dated occurrence per period (``cchc spawn-occurrences``).
PERIODIC = (Recurrence.MONTHLY, Recurrence.QUARTERLY, Recurrence.HALF_YEARLY, Recurrence.YEARLY)


class TaskStatus(models.TextChoices):
    # The lifecycle step only; within time / overdue / on time / late come from the deadline
    # (docs/rules/directive-tasks.md).
    OPEN = "open", gettext_noop("Đang thực hiện")
    AWAITING = "awaiting", gettext_noop("Chờ xác nhận hoàn thành")
    DONE = "done", gettext_noop("Đã hoàn thành")
    CANCELLED = "cancelled", gettext_noop("Đã hủy")


class TaskQuerySet(models.QuerySet["Task"]):
    def countable(self) -> TaskQuerySet:
        """Tasks that count in the statistics: not cancelled, and not a periodic series (its dated
        occurrences count instead)."""
        return self.exclude(status=TaskStatus.CANCELLED).exclude(
            Q(parent__isnull=True) & Q(recurrence__in=PERIODIC)
        )


class Task(models.Model):
    directive = models.ForeignKey(Directive, on_delete=models.PROTECT, related_name="tasks")
    section = models.CharField(gettext_lazy("mục"), max_length=20, blank=True)
    text = models.TextField(gettext_lazy("nội dung nhiệm vụ"))
    lead_unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name=gettext_lazy("đơn vị phối hợp"), blank=True, related_name="+"
    )
    officer = models.ForeignKey(
        Official,
        verbose_name=gettext_lazy("cán bộ theo dõi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigner_unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị giao, xác nhận"), on_delete=models.PROTECT, related_name="+"
    )
    # The clock (one per task). Null only for a moment while the task is being created.
    deadline = models.OneToOneField(
        Deadline,
        verbose_name=gettext_lazy("thời hạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task",
    )
    deadline_text = models.CharField(gettext_lazy("thời hạn (nguyên văn)"), max_length=200, blank=True)
    # The date the document or the Office gave; the clock's due date may be later (holiday → next
    # working day), and both are shown.
    requested_due = models.DateField(gettext_lazy("hạn theo văn bản"), null=True, blank=True)
    recurrence = models.CharField(
        gettext_lazy("định kỳ"), max_length=20, choices=Recurrence.choices, blank=True
    )
    repeat_until = models.DateField(gettext_lazy("lặp đến ngày"), null=True, blank=True)
    # An occurrence of a recurring task points to the task that spawned it.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )
    period_start = models.DateField(gettext_lazy("đầu kỳ"), null=True, blank=True)
    period_label = models.CharField(gettext_lazy("kỳ"), max_length=40, blank=True)
    status = models.CharField(
        max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True
    )
    progress = models.PositiveSmallIntegerField(gettext_lazy("tiến độ (%)"), default=0)
    cancelled_on = models.DateField(gettext_lazy("ngày hủy"), null=True, blank=True)
    cancel_reason = models.CharField(gettext_lazy("lý do hủy"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("nhiệm vụ")
        verbose_name_plural = gettext_lazy("nhiệm vụ")
        ordering = ["directive", "section", "id"]
        constraints = [
            # Two workers spawning the same period: the second insert fails and is skipped.
            models.UniqueConstraint(
                fields=["parent", "period_start"],
                condition=Q(parent__isnull=False),
                name="task_one_occurrence_per_period",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_series(self) -> bool:
        return self.parent_id is None and self.recurrence in PERIODIC


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("đơn vị báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    percent = models.PositiveSmallIntegerField(gettext_lazy("tiến độ (%)"))
    note = models.TextField(gettext_lazy("nội dung báo cáo"))
    attachment = models.FileField(gettext_lazy("tệp đính kèm"), upload_to="task-reports/%Y/%m/", blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    is_completion = models.BooleanField(gettext_lazy("báo cáo hoàn thành"), default=False)

    class Meta:
        verbose_name = gettext_lazy("báo cáo tiến độ")
        verbose_name_plural = gettext_lazy("báo cáo tiến độ")
        ordering = ["task", "at", "id"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.percent}%"
