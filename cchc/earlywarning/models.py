"""The stored risk of every open item, recomputed each morning and when the ledger changes, and the
backtest runs whose figures Internal Affairs reads (docs/early-warning.md)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from cchc.dossiers.models import Dossier, DossierStep
from cchc.lib.earlywarning.model import explain
from cchc.lib.earlywarning.survival import Estimate
from cchc.org.models import Official, Unit


class Kind(models.TextChoices):
    DOSSIER = "dossier", gettext_noop("Hồ sơ")
    STEP = "step", gettext_noop("Bước xử lý")
    TASK = "task", gettext_noop("Nhiệm vụ")
    PETITION = "petition", gettext_noop("Phản ánh, kiến nghị")


class Risk(models.Model):
    """One open item's risk of finishing late. Derived rows: the refresh replaces them all at once."""

    kind = models.CharField(gettext_lazy("loại"), max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # No database-level keys: the rows are rebuilt from the ledger in bulk, with ids just read from it.
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    step = models.ForeignKey(
        DossierStep, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    # ``unit`` and ``official`` lead the two list indexes below, which serve their lookups too: no index
    # of their own (each one more index to build at every refresh).
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    # Who must act: the official holding the item; with nobody named, the head of ``unit`` answers.
    official = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    receiving_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    title = models.CharField(gettext_lazy("nội dung"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    risk = models.FloatField(gettext_lazy("khả năng trễ hạn"))
    consequence = models.FloatField(gettext_lazy("mức hệ quả"), default=1.0)
    priority = models.FloatField(gettext_lazy("thứ tự ưu tiên"))  # risk × consequence
    level = models.CharField(gettext_lazy("căn cứ"), max_length=10)
    insufficient = models.BooleanField(gettext_lazy("chưa đủ dữ liệu"), default=False)
    # The numbers the on-screen sentence is made of (``explanation``), in working days; the sentence is
    # written when an item is shown, not for each of a million rows at every refresh.
    subject = models.CharField(gettext_lazy("việc được tính"), max_length=600, blank=True)
    compared = models.IntegerField(gettext_lazy("số trường hợp so sánh"), default=0)
    typical = models.FloatField(gettext_lazy("thời gian thường mất"), default=0.0)
    expected_more = models.FloatField(gettext_lazy("dự kiến cần thêm"), default=0.0)
    spent = models.FloatField(gettext_lazy("đã qua"), default=0.0)
    time_left = models.FloatField(gettext_lazy("còn lại đến hạn"), default=0.0)
    due_at = models.DateTimeField(gettext_lazy("hạn"))
    expected_finish = models.DateField(gettext_lazy("dự kiến hoàn thành"), null=True, blank=True)
    # Dossiers only: the last day an apology letter may go out (one working day before the appointment).
    apology_by = models.DateField(gettext_lazy("hạn gửi phiếu xin lỗi"), null=True, blank=True)
    computed_on = models.DateField(gettext_lazy("ngày tính"))

    class Meta:
        verbose_name = gettext_lazy("rủi ro trễ hạn")
        verbose_name_plural = gettext_lazy("rủi ro trễ hạn")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="risk_item_unique")]
        indexes = [
            models.Index(fields=["official", "priority"], name="risk_official_idx"),
            models.Index(fields=["unit", "priority"], name="risk_unit_idx"),
            models.Index(
                fields=["receiving_unit", "apology_by"],
                condition=Q(kind="dossier"),
                name="risk_apology_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title} ({self.risk:.0%})"

    @property
    def percent(self) -> int:
        return round(self.risk * 100)

    @property
    def estimate(self) -> Estimate:
        return Estimate(
            self.risk, self.level, self.compared, self.typical, self.expected_more, self.spent, self.time_left
        )

    @property
    def explanation(self) -> str:
        """The sentence a civil servant can check ("… thường mất 4,3 ngày làm việc …")."""
        return explain(self.estimate, self.subject)[:600]

    @property
    def explanation_html(self) -> str:
        """The same sentence for a page, in the page's language; the subject (a step, unit or procedure
        named in Vietnamese, built with the risk) is marked ``lang="vi"``."""
        marker = "\x00"
        before, _, after = explain(self.estimate, marker, gettext).partition(marker)
        return format_html('{}<span lang="vi">{}</span>{}', before, self.subject, after)


class BacktestRun(models.Model):
    """One run of ``cchc early-warning-backtest``: its period, split and figures (JSON, as printed)."""

    created_at = models.DateTimeField(auto_now_add=True)
    first_day = models.DateField(gettext_lazy("từ ngày"))
    last_day = models.DateField(gettext_lazy("đến ngày"))
    split_day = models.DateField(gettext_lazy("ngày tách phần kiểm tra"))
    threshold = models.FloatField(gettext_lazy("ngưỡng"))
    figures = models.JSONField(default=dict)
    generated_data = models.BooleanField(gettext_lazy("dữ liệu trình diễn (sinh ngẫu nhiên)"), default=False)

    class Meta:
        verbose_name = gettext_lazy("lượt kiểm chứng cảnh báo")
        verbose_name_plural = gettext_lazy("lượt kiểm chứng cảnh báo")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.first_day}–{self.last_day}"
