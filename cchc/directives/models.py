"""Register of directives (văn bản chỉ đạo) and the tasks they assign (rules-vn §4, §5).

A task's clock is a ``cchc.deadlines.Deadline`` (one machine for every deadline); the task keeps what is
particular to tasks: its source, lead and coordinating units, progress reports, recurrence.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cchc.org.models import Jurisdiction, Official, Unit


class DocType(models.TextChoices):
    # ND 30/2020 Phụ lục III (rules-vn §4): the administrative document types most used for directives.
    CONG_VAN = "cong_van", "Công văn"
    KE_HOACH = "ke_hoach", "Kế hoạch"
    CHI_THI = "chi_thi", "Chỉ thị"
    QUYET_DINH = "quyet_dinh", "Quyết định"
    THONG_BAO = "thong_bao", "Thông báo"
    NGHI_QUYET = "nghi_quyet", "Nghị quyết"
    BAO_CAO = "bao_cao", "Báo cáo"
    OTHER = "other", "Khác"


class Direction(models.TextChoices):
    RECEIVED = "received", "Văn bản đến (cấp trên giao)"
    ISSUED = "issued", "Văn bản đi (UBND ban hành)"


class Directive(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField("loại", max_length=10, choices=Direction.choices, default=Direction.ISSUED)
    issuer = models.CharField("cơ quan ban hành", max_length=255)
    parent_issuer = models.CharField("cơ quan chủ quản", max_length=255, blank=True)
    number = models.CharField("số", max_length=20)
    symbol = models.CharField("ký hiệu", max_length=80)
    date = models.DateField("ngày ban hành")
    place = models.CharField("địa danh", max_length=120, blank=True)
    doc_type = models.CharField("loại văn bản", max_length=20, choices=DocType.choices)
    subject = models.TextField("trích yếu")
    signer_authority = models.CharField("thẩm quyền ký", max_length=10, blank=True)  # TM., KT., TL., TUQ., Q.
    signer_position = models.CharField("chức vụ người ký", max_length=200, blank=True)
    signer_name = models.CharField("người ký", max_length=200, blank=True)
    recipients = models.JSONField("kính gửi", default=list, blank=True)
    cc = models.JSONField("nơi nhận", default=list, blank=True)
    text = models.TextField("toàn văn", blank=True)
    file = models.FileField("tệp", upload_to="directives/%Y/", blank=True)
    # What the reader proposed, kept beside what a person confirmed, so reader accuracy can be measured.
    proposal = models.JSONField("đề xuất của bộ đọc", default=dict, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "văn bản chỉ đạo"
        verbose_name_plural = "văn bản chỉ đạo"
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


class DirectiveLink(models.Model):
    """A citation between documents: the seed implements 9228/UBND-SNV and cites 4861/UBND-NV, …"""

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", "Triển khai thực hiện"
        CITES = "cites", "Dẫn chiếu"

    source = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CITES)
    # The cited document may not be in the register: keep its reference as text, and the row when known.
    reference = models.CharField("số, ký hiệu", max_length=120)
    cited_date = models.DateField(null=True, blank=True)
    description = models.CharField(max_length=500, blank=True)
    target = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )

    class Meta:
        verbose_name = "liên kết văn bản"
        verbose_name_plural = "liên kết văn bản"

    def __str__(self) -> str:
        return f"{self.source_id} → {self.reference}"


class Recurrence(models.TextChoices):
    NONE = "", "Không lặp"
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    HALF_YEARLY = "half_yearly", "6 tháng"
    YEARLY = "yearly", "Hằng năm"
    CONTINUOUS = "continuous", "Thường xuyên"


class TaskStatus(models.TextChoices):
    # rules-vn §5: open (within time / overdue / no deadline), awaiting confirmation, done (on time / late).
    OPEN = "open", "Đang thực hiện"
    AWAITING = "awaiting", "Chờ xác nhận hoàn thành"
    DONE = "done", "Đã hoàn thành"
    CANCELLED = "cancelled", "Đã hủy"


class Task(models.Model):
    directive = models.ForeignKey(Directive, on_delete=models.PROTECT, related_name="tasks")
    section = models.CharField("mục", max_length=20, blank=True)
    text = models.TextField("nội dung nhiệm vụ")
    lead_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị chủ trì", on_delete=models.PROTECT, related_name="+"
    )
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name="đơn vị phối hợp", blank=True, related_name="+"
    )
    officer = models.ForeignKey(
        Official,
        verbose_name="cán bộ theo dõi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigner_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị giao, xác nhận", on_delete=models.PROTECT, related_name="+"
    )
    deadline_text = models.CharField("thời hạn (nguyên văn)", max_length=200, blank=True)
    recurrence = models.CharField("định kỳ", max_length=20, choices=Recurrence.choices, blank=True)
    # An occurrence of a recurring task points to the task that spawned it.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )
    period_label = models.CharField("kỳ", max_length=40, blank=True)
    status = models.CharField(
        max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["directive", "section", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    at = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    percent = models.PositiveSmallIntegerField("tiến độ (%)")
    note = models.TextField("nội dung báo cáo")
    attachment = models.FileField("tệp đính kèm", upload_to="task-reports/%Y/%m/", blank=True)
    is_completion = models.BooleanField("báo cáo hoàn thành", default=False)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["task", "at"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.percent}%"
