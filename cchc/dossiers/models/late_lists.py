"""The monthly published list of units and officials with late dossiers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop


class LateListStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("Dự thảo")
    APPROVED = "approved", gettext_noop("Đã phê duyệt")
    PUBLISHED = "published", gettext_noop("Đã công khai")
    WITHDRAWN = "withdrawn", gettext_noop("Đã thu hồi")


class LateList(models.Model):
    """The monthly list of units and officials with late dossiers (Công văn 7190/UBND-NV, mục 2): drafted by
    the Office, approved by a leader, then published on the public site — never with applicant data."""

    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(gettext_lazy("tháng"))  # first day of the month
    status = models.CharField(max_length=20, choices=LateListStatus.choices, default=LateListStatus.DRAFT)
    # [{"unit": code, "unit_name": ..., "official": name|None, "late": n, "finished": n, "late_rate": ...}]
    rows = models.JSONField(default=list, blank=True)
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)
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
        verbose_name = gettext_lazy("danh sách trễ hạn tháng")
        verbose_name_plural = gettext_lazy("danh sách trễ hạn tháng")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "month"], name="late_list_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.month:%m/%Y}"
