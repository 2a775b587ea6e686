"""Scorecards: the city's own reform index per unit and year (self-assessment with evidence, appraisal
by Internal Affairs, computed criteria), the officially published results (PAR INDEX, SIPAS) and the
public ranking's approval. The index set itself is a versioned file (``cchc.lib.scoring``); the
version a year is scored with is copied here and frozen once the year is scored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.org.models import Jurisdiction, Unit


class Family(models.TextChoices):
    CITY = "city", gettext_noop("Chỉ số CCHC của thành phố")
    PARINDEX = "parindex", gettext_noop("Chỉ số cải cách hành chính (PAR INDEX)")
    SIPAS = "sipas", gettext_noop("Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)")


class IndexVersion(models.Model):
    """The index set a jurisdiction scores a year with: the file's text, frozen once the year is scored."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    family = models.CharField(gettext_lazy("bộ chỉ số"), max_length=12, choices=Family.choices)
    year = models.PositiveSmallIntegerField(gettext_lazy("năm đánh giá"))
    text = models.TextField(gettext_lazy("nội dung tệp bộ chỉ số"))
    file_name = models.CharField(gettext_lazy("tệp"), max_length=120)
    loaded_at = models.DateTimeField(auto_now=True)
    frozen_at = models.DateTimeField(gettext_lazy("chốt ngày"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("bộ chỉ số theo năm")
        verbose_name_plural = gettext_lazy("bộ chỉ số theo năm")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "family", "year"], name="index_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_family_display()} {self.year}"


class Stage(models.TextChoices):
    SELF = "self", gettext_noop("Đơn vị đang tự đánh giá")
    SUBMITTED = "submitted", gettext_noop("Chờ Phòng Nội vụ thẩm định")
    APPRAISED = "appraised", gettext_noop("Đã thẩm định, chờ đơn vị phản hồi")
    SCORED = "scored", gettext_noop("Đã chốt điểm")


class Scorecard(models.Model):
    version = models.ForeignKey(IndexVersion, on_delete=models.PROTECT, related_name="scorecards")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(gettext_lazy("bước"), max_length=12, choices=Stage.choices, default=Stage.SELF)
    submitted_at = models.DateTimeField(null=True, blank=True)
    appraised_at = models.DateTimeField(null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    # Written when the card is scored (frozen); until then totals are computed on the fly.
    total = models.DecimalField(
        gettext_lazy("tổng điểm"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = gettext_lazy("phiếu chấm điểm")
        verbose_name_plural = gettext_lazy("phiếu chấm điểm")
        constraints = [models.UniqueConstraint(fields=["version", "unit"], name="scorecard_unit_unique")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.version}"

    @property
    def frozen(self) -> bool:
        return self.stage == Stage.SCORED


class CriterionScore(models.Model):
    """One leaf criterion of one unit's card: the unit's own points and note, Internal Affairs'
    adjusted points and comment, the unit's one answer, and the figure of a computed criterion."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    code = models.CharField(gettext_lazy("mã tiêu chí"), max_length=20)
    self_points = models.DecimalField(
        gettext_lazy("điểm tự đánh giá"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    self_note = models.TextField(gettext_lazy("giải trình của đơn vị"), blank=True)
    appraised_points = models.DecimalField(
        gettext_lazy("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    appraisal_comment = models.TextField(gettext_lazy("nhận xét thẩm định"), blank=True)
    adjustment = models.DecimalField(
        gettext_lazy("điểm trừ (−) hoặc cộng (+)"), max_digits=6, decimal_places=2, default=0, blank=True
    )
    unit_answer = models.TextField(gettext_lazy("ý kiến của đơn vị về kết quả thẩm định"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # A computed criterion: {"numerator", "denominator", "rate", "points"} at the last computation.
    figure = models.JSONField(gettext_lazy("số liệu tính từ dữ liệu CCHC"), default=dict, blank=True)
    cause = models.TextField(gettext_lazy("nguyên nhân mất điểm"), blank=True)

    class Meta:
        verbose_name = gettext_lazy("điểm tiêu chí")
        verbose_name_plural = gettext_lazy("điểm tiêu chí")
        ordering = ["scorecard", "id"]
        constraints = [models.UniqueConstraint(fields=["scorecard", "code"], name="criterion_score_unique")]

    def __str__(self) -> str:
        return f"{self.scorecard_id} {self.code}"


class Evidence(models.Model):
    """A file or a link that proves a self-assessed point (tài liệu kiểm chứng)."""

    score = models.ForeignKey(CriterionScore, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(gettext_lazy("tệp"), upload_to="scorecards/evidence/%Y/", blank=True)
    name = models.CharField(gettext_lazy("tên tài liệu"), max_length=255)
    link = models.URLField(gettext_lazy("đường dẫn"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("tài liệu kiểm chứng")
        verbose_name_plural = gettext_lazy("tài liệu kiểm chứng")
        ordering = ["score", "id"]

    def __str__(self) -> str:
        return self.name


class Solution(models.Model):
    """What a unit will do to win back the points a criterion loses, and the task that carries it."""

    score = models.ForeignKey(CriterionScore, on_delete=models.CASCADE, related_name="solutions")
    text = models.TextField(gettext_lazy("giải pháp"))
    task = models.ForeignKey(
        "directives.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("giải pháp khắc phục")
        verbose_name_plural = gettext_lazy("giải pháp khắc phục")
        ordering = ["score", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class PublishedResult(models.Model):
    """An officially published result (the province's PAR INDEX or SIPAS, by year and component)."""

    family = models.CharField(gettext_lazy("chỉ số"), max_length=12, choices=Family.choices)
    year = models.PositiveSmallIntegerField(gettext_lazy("năm"))
    area = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    component = models.CharField(gettext_lazy("thành phần"), max_length=40, default="total")
    label = models.CharField(gettext_lazy("tên thành phần"), max_length=255)
    value = models.DecimalField(gettext_lazy("giá trị"), max_digits=7, decimal_places=2)
    max_value = models.DecimalField(
        gettext_lazy("tối đa"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField(gettext_lazy("xếp hạng"), null=True, blank=True)
    rank_of = models.PositiveSmallIntegerField(gettext_lazy("trên tổng số"), null=True, blank=True)
    source = models.CharField(gettext_lazy("nguồn công bố"), max_length=500)

    class Meta:
        verbose_name = gettext_lazy("kết quả công bố")
        verbose_name_plural = gettext_lazy("kết quả công bố")
        ordering = ["family", "-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["family", "year", "area", "component"], name="published_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_family_display()} {self.year} {self.label}"


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("Dự thảo")
    APPROVED = "approved", gettext_noop("Đã phê duyệt")
    PUBLISHED = "published", gettext_noop("Đã công khai")


class RankingRelease(models.Model):
    """The city ranking of a year on its way to the public page: draft → approved → published."""

    version = models.OneToOneField(IndexVersion, on_delete=models.PROTECT, related_name="release")
    status = models.CharField(max_length=12, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT)
    rows = models.JSONField(gettext_lazy("bảng xếp hạng đã chốt"), default=list)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("bảng xếp hạng công khai")
        verbose_name_plural = gettext_lazy("bảng xếp hạng công khai")

    def __str__(self) -> str:
        return f"{self.version} ({self.get_status_display()})"
