"""Year-end emulation and classification (docs/rules/emulation.md): for each year and area, one round
proposed from the data by the council's secretary (Internal Affairs), adjusted by the emulation council
with a reason for every change, approved by its chair (the leader) and frozen from then on.

Every state change goes through ``cchc.emulation.actions``; every read through ``queries.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.org.models import Jurisdiction, Official, Unit


class Grade(models.TextChoices):
    """The four levels of quality of Nghị định 90/2020/NĐ-CP (as amended by Nghị định 48/2023/NĐ-CP),
    best first; ``RANK`` orders them."""

    EXCELLENT = "excellent", gettext_noop("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", gettext_noop("Hoàn thành tốt nhiệm vụ")
    DONE = "done", gettext_noop("Hoàn thành nhiệm vụ")
    NOT_DONE = "not_done", gettext_noop("Không hoàn thành nhiệm vụ")


RANK: dict[str, int] = {Grade.EXCELLENT: 3, Grade.GOOD: 2, Grade.DONE: 1, Grade.NOT_DONE: 0}


class Title(models.TextChoices):
    """The collective emulation titles a district-level committee gives each year (Luật Thi đua, khen
    thưởng 2022, Điều 27 and 28); none for a unit that meets neither."""

    NONE = "", gettext_noop("Không đề nghị danh hiệu")
    EXCELLENT = "ttldxs", gettext_noop("Tập thể lao động xuất sắc")
    ADVANCED = "ttldtt", gettext_noop("Tập thể lao động tiên tiến")


class Kind(models.TextChoices):
    UNIT = "unit", gettext_noop("Tập thể (đơn vị)")
    HEAD = "head", gettext_noop("Người đứng đầu")


class RoundStatus(models.TextChoices):
    COUNCIL = "council", gettext_noop("Hội đồng đang xem xét")
    APPROVED = "approved", gettext_noop("Chủ tịch Hội đồng đã phê duyệt")


class Round(models.Model):
    """One year's classification of an area's units and their heads."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(gettext_lazy("năm"))
    first_day = models.DateField(gettext_lazy("từ ngày"))
    last_day = models.DateField(gettext_lazy("đến ngày"))
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.COUNCIL)
    # The thresholds the proposal used, as they were then (settings may change later).
    thresholds = models.JSONField(default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_on = models.DateField(gettext_lazy("ngày phê duyệt"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("đợt xét thi đua")
        verbose_name_plural = gettext_lazy("đợt xét thi đua")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "year"], name="one_round_per_year")]
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Xét thi đua, xếp loại năm {self.year}"

    @property
    def frozen(self) -> bool:
        return self.status == RoundStatus.APPROVED


class Entry(models.Model):
    """One unit, or the head of one unit, in a round: the proposal computed from the data with each
    criterion's evidence (``criteria``), and the council's result."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    official = models.ForeignKey(
        Official,
        verbose_name=gettext_lazy("người đứng đầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_grade = models.CharField(gettext_lazy("xếp loại đề xuất"), max_length=10, choices=Grade.choices)
    proposed_title = models.CharField(
        gettext_lazy("danh hiệu đề xuất"), max_length=8, choices=Title.choices, blank=True, default=Title.NONE
    )
    grade = models.CharField(gettext_lazy("xếp loại"), max_length=10, choices=Grade.choices)
    title = models.CharField(
        gettext_lazy("danh hiệu"), max_length=8, choices=Title.choices, blank=True, default=Title.NONE
    )
    # [{"code", "label", "value", "cap", "note", "link"}…] — see ``proposal.Criterion``.
    criteria = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = gettext_lazy("kết quả xét của đơn vị, người đứng đầu")
        verbose_name_plural = gettext_lazy("kết quả xét của đơn vị, người đứng đầu")
        constraints = [models.UniqueConstraint(fields=["round", "kind", "unit"], name="one_entry_per_unit")]
        ordering = ["round", "kind", "unit__path"]

    def __str__(self) -> str:
        who = self.official.full_name if self.official_id and self.official else self.unit.name
        return f"{who}: {self.get_grade_display()}"

    @property
    def changed(self) -> bool:
        return self.grade != self.proposed_grade or self.title != self.proposed_title


class Change(models.Model):
    """A council change to an entry: what it was, what it became, and why (the reason is compulsory)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="changes")
    old_grade = models.CharField(max_length=10, choices=Grade.choices)
    new_grade = models.CharField(max_length=10, choices=Grade.choices)
    old_title = models.CharField(max_length=8, choices=Title.choices, blank=True)
    new_title = models.CharField(max_length=8, choices=Title.choices, blank=True)
    reason = models.TextField(gettext_lazy("lý do điều chỉnh"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("điều chỉnh của Hội đồng")
        verbose_name_plural = gettext_lazy("điều chỉnh của Hội đồng")
        ordering = ["entry", "at", "pk"]

    def __str__(self) -> str:
        return self.reason[:80]
