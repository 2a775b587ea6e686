"""One clock for every item that has a deadline: tasks, petitions, accountability requests.

The owning app opens a ``Deadline`` for its object (``object_type``/``object_id``) and changes it only
through ``cchc.deadlines.actions``. The original due date is never overwritten: extensions and pauses
move ``due`` and keep ``original_due`` for the statistics.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.org.models import Jurisdiction, Official, Unit


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "working_days", gettext_noop("Ngày làm việc")
    DAYS = "days", gettext_noop("Ngày")
    MONTHS = "months", gettext_noop("Tháng")


class Deadline(models.Model):
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    title = models.CharField(gettext_lazy("nội dung"), max_length=500)
    url = models.CharField(gettext_lazy("đường dẫn"), max_length=300, blank=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    official = models.ForeignKey(
        Official,
        verbose_name=gettext_lazy("cán bộ phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigner_unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("đơn vị giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(gettext_lazy("ngày bắt đầu"))
    limit_value = models.PositiveIntegerField(gettext_lazy("thời hạn"), null=True, blank=True)
    limit_unit = models.CharField(max_length=20, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS)
    original_due = models.DateField(gettext_lazy("hạn ban đầu"), null=True, blank=True)
    due = models.DateField(gettext_lazy("hạn hiện tại"), null=True, blank=True, db_index=True)
    reported_on = models.DateField(gettext_lazy("ngày báo cáo hoàn thành"), null=True, blank=True)
    done_on = models.DateField(gettext_lazy("ngày xác nhận hoàn thành"), null=True, blank=True)
    # A cancelled item (a task withdrawn by its assigner) is no longer chased or counted; the dates
    # above stay as they were so the record shows how far it had gone.
    cancelled_on = models.DateField(gettext_lazy("ngày hủy"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("thời hạn")
        verbose_name_plural = gettext_lazy("thời hạn")
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="deadline_object_unique")
        ]
        indexes = [models.Index(fields=["unit", "due"])]

    def __str__(self) -> str:
        return f"{self.title} (hạn {self.due:%d/%m/%Y})" if self.due else self.title


class DeadlinePause(models.Model):
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    start = models.DateField(gettext_lazy("tạm dừng từ"))
    end = models.DateField(gettext_lazy("đến"), null=True, blank=True)
    reason = models.CharField(gettext_lazy("lý do"), max_length=500)

    class Meta:
        verbose_name = gettext_lazy("tạm dừng")
        verbose_name_plural = gettext_lazy("tạm dừng")
        ordering = ["deadline", "start"]

    def __str__(self) -> str:
        return f"{self.deadline_id}: {self.start}–{self.end or '…'}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", gettext_noop("Chờ quyết định")
    APPROVED = "approved", gettext_noop("Đồng ý")
    REFUSED = "refused", gettext_noop("Không đồng ý")


class DeadlineExtension(models.Model):
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(gettext_lazy("lý do"))
    proposed_due = models.DateField(gettext_lazy("hạn đề nghị"))
    status = models.CharField(max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(gettext_lazy("ý kiến"), blank=True)

    class Meta:
        verbose_name = gettext_lazy("đề nghị gia hạn")
        verbose_name_plural = gettext_lazy("đề nghị gia hạn")
        ordering = ["deadline", "requested_at"]

    def __str__(self) -> str:
        return f"{self.deadline_id} → {self.proposed_due} ({self.get_status_display()})"


class ReminderSent(models.Model):
    """The ledger that makes each reminder go out once: unique per item × rung × due date, so a new
    due date (after an extension) starts a fresh ladder and two workers can't both claim a rung."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    step_key = models.CharField(max_length=20)
    due = models.DateField()
    audience = models.CharField(max_length=20)
    recipients = models.JSONField(default=list)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("lượt nhắc việc")
        verbose_name_plural = gettext_lazy("lượt nhắc việc")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "step_key", "due"], name="reminder_once_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} {self.step_key} {self.due}"
