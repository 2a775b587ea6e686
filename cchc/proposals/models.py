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
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.org.models import Jurisdiction, Unit


class Kind(models.TextChoices):
    DECENTRALISE = "decentralise", gettext_noop("Phân cấp")
    DELEGATE = "delegate", gettext_noop("Ủy quyền")
    SIMPLIFY = "simplify", gettext_noop("Đơn giản hóa thủ tục hành chính")


class Status(models.TextChoices):
    DRAFT = "draft", gettext_noop("Đang soạn")
    SUBMITTED = "submitted", gettext_noop("Đã gửi, chờ thẩm định")
    REVIEWED = "reviewed", gettext_noop("Đã thẩm định, chờ quyết định")
    APPROVED = "approved", gettext_noop("Được chấp thuận")
    REJECTED = "rejected", gettext_noop("Không chấp thuận")


class Opinion(models.TextChoices):
    SUPPORT = "support", gettext_noop("Đề nghị chấp thuận")
    OPPOSE = "oppose", gettext_noop("Đề nghị không chấp thuận")


class Proposal(models.Model):
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=gettext_lazy("địa bàn"), on_delete=models.PROTECT
    )
    kind = models.CharField(gettext_lazy("loại đề xuất"), max_length=14, choices=Kind.choices)
    title = models.CharField(gettext_lazy("tên đề xuất"), max_length=300)
    content = models.TextField(gettext_lazy("nội dung đề xuất"))
    # Simplification names a procedure of the catalogue; decentralisation and delegation may name one
    # too, or only the power (a state-management task that is not a procedure).
    procedure = models.ForeignKey(
        "dossiers.Procedure",
        verbose_name=gettext_lazy("thủ tục hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    power = models.CharField(gettext_lazy("thẩm quyền, nhiệm vụ"), max_length=500, blank=True)
    proposing_unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị đề xuất"), on_delete=models.PROTECT, related_name="+"
    )
    # From whom to whom the power moves (decentralisation, delegation).
    from_unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("từ cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("sang cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    days_saved = models.DecimalField(
        gettext_lazy("thời gian tiết kiệm dự kiến (ngày làm việc)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    cost_saved = models.PositiveBigIntegerField(
        gettext_lazy("chi phí tiết kiệm dự kiến (đồng/năm)"), null=True, blank=True
    )
    legal_basis = models.TextField(gettext_lazy("căn cứ pháp lý"))
    status = models.CharField(
        gettext_lazy("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(gettext_lazy("ngày gửi"), null=True, blank=True)
    opinion = models.CharField(
        gettext_lazy("ý kiến thẩm định"), max_length=10, choices=Opinion.choices, blank=True
    )
    review_note = models.TextField(gettext_lazy("nội dung thẩm định"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(gettext_lazy("ngày thẩm định"), null=True, blank=True)
    decision_number = models.CharField(gettext_lazy("số văn bản quyết định"), max_length=60, blank=True)
    decision_note = models.TextField(gettext_lazy("ý kiến quyết định"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(gettext_lazy("ngày quyết định"), null=True, blank=True)
    # The follow-up on the directives' task machinery (deadline, reminders, escalation, confirmation).
    task = models.OneToOneField(
        "directives.Task",
        verbose_name=gettext_lazy("nhiệm vụ triển khai"),
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
        verbose_name = gettext_lazy("đề xuất cải cách")
        verbose_name_plural = gettext_lazy("đề xuất cải cách")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Conclusion(models.TextChoices):
    KEEP = "keep", gettext_noop("Giữ nguyên")
    SIMPLIFY = "simplify", gettext_noop("Đề nghị đơn giản hóa")
    ABOLISH = "abolish", gettext_noop("Đề nghị bãi bỏ")


class ProcedureReview(models.Model):
    """One line of the yearly register: a procedure reviewed, by whom, and what the review concluded."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=gettext_lazy("địa bàn"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(gettext_lazy("năm rà soát"), db_index=True)
    procedure = models.ForeignKey(
        "dossiers.Procedure",
        verbose_name=gettext_lazy("thủ tục hành chính"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị rà soát"), on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField(gettext_lazy("ngày rà soát"))
    conclusion = models.CharField(gettext_lazy("kết quả rà soát"), max_length=10, choices=Conclusion.choices)
    note = models.TextField(gettext_lazy("nội dung"), blank=True)
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=gettext_lazy("đề xuất kèm theo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("thủ tục đã rà soát")
        verbose_name_plural = gettext_lazy("thủ tục đã rà soát")
        ordering = ["-year", "procedure__national_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "procedure"], name="procedure_reviewed_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.procedure_id}"
