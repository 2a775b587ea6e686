"""Apology letters sent for late dossiers (docs/rules/late-dossiers.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.org.models import Unit

from .ledger import Dossier


class ApologyForm(models.TextChoices):
    TT01_2018 = (
        "tt01_2018_04",
        gettext_noop("Mẫu 04 TT 01/2018/TT-VPCP — Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
    )
    TT03_2025 = (
        "tt03_2025_04",
        gettext_noop("Mẫu 04 TT 03/2025/TT-VPCP — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
    )


class Apology(models.Model):
    """An apology letter with its new appointment (docs/rules/late-dossiers.md; docs/rules/late-dossiers.md:
    one reschedule)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="apologies")
    form = models.CharField(gettext_lazy("mẫu"), max_length=20, choices=ApologyForm.choices)
    number = models.CharField(gettext_lazy("số, ký hiệu"), max_length=80, blank=True)
    issued_at = models.DateTimeField(gettext_lazy("ngày ban hành"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("đơn vị để xảy ra trễ hạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_unit_name = models.CharField(max_length=255, blank=True)
    reason = models.TextField(gettext_lazy("lý do"))
    previous_appointment_at = models.DateTimeField(gettext_lazy("ngày hẹn cũ"), null=True, blank=True)
    new_appointment_at = models.DateTimeField(gettext_lazy("ngày hẹn mới"))

    class Meta:
        verbose_name = gettext_lazy("phiếu xin lỗi")
        verbose_name_plural = gettext_lazy("phiếu xin lỗi")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.issued_at:%d/%m/%Y}"
