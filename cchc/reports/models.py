"""Periodic reports a unit sends to the city, and the city's own report (the reform report of the quarter,
the six months or the year; docs/reports.md).

A report is drafted from the data (``figures``, regenerated on every view while a draft), its narrative
sections are edited by the unit, the head approves it (the figures are frozen then, with a number), and
the unit sends it to the city. What was sent never changes; ``figures`` can be drafted again and
compared with it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from cchc.org.models import Jurisdiction, Unit


class Kind(models.TextChoices):
    QUARTER = "quarter", gettext_noop("Báo cáo quý")
    HALF = "half", gettext_noop("Báo cáo 6 tháng")
    YEAR = "year", gettext_noop("Báo cáo năm")


class State(models.TextChoices):
    DRAFT = "draft", gettext_noop("Đang soạn")
    APPROVED = "approved", gettext_noop("Đã phê duyệt")
    SUBMITTED = "submitted", gettext_noop("Đã gửi cấp trên")


class PeriodicReport(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(gettext_lazy("loại báo cáo"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(gettext_lazy("năm"))
    # 1–4 for a quarter, 1–2 for a half-year (1: the first six months), 1 for a year.
    part = models.PositiveSmallIntegerField(gettext_lazy("kỳ"))
    period_start = models.DateField(gettext_lazy("từ ngày"))
    period_end = models.DateField(gettext_lazy("đến ngày"))
    due_on = models.DateField(gettext_lazy("hạn gửi"))
    # The city's report assembles its units' reports; a unit's report is one of them.
    is_city = models.BooleanField(gettext_lazy("báo cáo của thành phố"), default=False)
    state = models.CharField(
        gettext_lazy("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    sections = models.JSONField(gettext_lazy("nội dung"), default=dict, blank=True)
    figures = models.JSONField(gettext_lazy("số liệu đã chốt"), default=dict, blank=True)
    number = models.CharField(gettext_lazy("số, ký hiệu"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("báo cáo định kỳ")
        verbose_name_plural = gettext_lazy("báo cáo định kỳ")
        ordering = ["-period_end", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "year", "part"], name="report_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.unit}"

    @property
    def title(self) -> str:
        """ "Báo cáo quý III năm 2026", "Báo cáo 6 tháng đầu năm 2026", "Báo cáo năm 2026": the period
        already says the kind, so the kind's own label ("Báo cáo quý") is not put in front of it."""
        return gettext("Báo cáo %(period)s") % {"period": self.period_label}

    @property
    def period_label(self) -> str:
        if self.kind == Kind.QUARTER:
            return f"quý {['I', 'II', 'III', 'IV'][self.part - 1]} năm {self.year}"
        if self.kind == Kind.HALF:
            return f"6 tháng {'đầu' if self.part == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"
