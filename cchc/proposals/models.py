"""Reform proposals — decentralisation (phân cấp), delegation (ủy quyền), simplification of an
administrative procedure — from the proposing unit to the leader's decision and its follow-up task, and
the yearly register of the procedures reviewed (docs/rules/reform-proposals.md).

The founding letter asks units to propose the state-management work the city should decentralise or
delegate to them (Công văn 7190/UBND-NV, mục 1.8 and 4.2); the review of procedures each year follows
Nghị định 63/2010/NĐ-CP (Chương VI, rà soát, đánh giá thủ tục hành chính) as amended by Nghị định
92/2017/NĐ-CP.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cchc.org.models import Jurisdiction, Unit


class Kind(models.TextChoices):
    DECENTRALISE = "decentralise", "Phân cấp"
    DELEGATE = "delegate", "Ủy quyền"
    SIMPLIFY = "simplify", "Đơn giản hóa thủ tục hành chính"


class Status(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi, chờ thẩm định"
    REVIEWED = "reviewed", "Đã thẩm định, chờ quyết định"
    APPROVED = "approved", "Được chấp thuận"
    REJECTED = "rejected", "Không chấp thuận"


class Opinion(models.TextChoices):
    SUPPORT = "support", "Đề nghị chấp thuận"
    OPPOSE = "oppose", "Đề nghị không chấp thuận"


class Proposal(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name="địa bàn", on_delete=models.PROTECT)
    kind = models.CharField("loại đề xuất", max_length=14, choices=Kind.choices)
    title = models.CharField("tên đề xuất", max_length=300)
    content = models.TextField("nội dung đề xuất")
    # Simplification names a procedure of the catalogue; decentralisation and delegation may name one
    # too, or only the power (a state-management task that is not a procedure).
    procedure = models.ForeignKey(
        "dossiers.Procedure",
        verbose_name="thủ tục hành chính",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    power = models.CharField("thẩm quyền, nhiệm vụ", max_length=500, blank=True)
    proposing_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị đề xuất", on_delete=models.PROTECT, related_name="+"
    )
    # From whom to whom the power moves (decentralisation, delegation).
    from_unit = models.ForeignKey(
        Unit, verbose_name="từ cơ quan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name="sang cơ quan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    days_saved = models.DecimalField(
        "thời gian tiết kiệm dự kiến (ngày làm việc)", max_digits=6, decimal_places=1, null=True, blank=True
    )
    cost_saved = models.PositiveBigIntegerField("chi phí tiết kiệm dự kiến (đồng/năm)", null=True, blank=True)
    legal_basis = models.TextField("căn cứ pháp lý")
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField("ngày gửi", null=True, blank=True)
    opinion = models.CharField("ý kiến thẩm định", max_length=10, choices=Opinion.choices, blank=True)
    review_note = models.TextField("nội dung thẩm định", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("ngày thẩm định", null=True, blank=True)
    decision_number = models.CharField("số văn bản quyết định", max_length=60, blank=True)
    decision_note = models.TextField("ý kiến quyết định", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    # The follow-up on the directives' task machinery (deadline, reminders, escalation, confirmation).
    task = models.OneToOneField(
        "directives.Task",
        verbose_name="nhiệm vụ triển khai",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đề xuất cải cách"
        verbose_name_plural = "đề xuất cải cách"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Conclusion(models.TextChoices):
    KEEP = "keep", "Giữ nguyên"
    SIMPLIFY = "simplify", "Đề nghị đơn giản hóa"
    ABOLISH = "abolish", "Đề nghị bãi bỏ"


class ProcedureReview(models.Model):
    """One line of the yearly register: a procedure reviewed, by whom, and what the review concluded."""

    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name="địa bàn", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField("năm rà soát", db_index=True)
    procedure = models.ForeignKey(
        "dossiers.Procedure", verbose_name="thủ tục hành chính", on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(Unit, verbose_name="đơn vị rà soát", on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField("ngày rà soát")
    conclusion = models.CharField("kết quả rà soát", max_length=10, choices=Conclusion.choices)
    note = models.TextField("nội dung", blank=True)
    proposal = models.ForeignKey(
        Proposal,
        verbose_name="đề xuất kèm theo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "thủ tục đã rà soát"
        verbose_name_plural = "thủ tục đã rà soát"
        ordering = ["-year", "procedure__national_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "procedure"], name="procedure_reviewed_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.procedure_id}"
