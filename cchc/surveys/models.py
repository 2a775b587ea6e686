"""Satisfaction surveys (SIPAS-style) and per-dossier ratings (docs/rules/surveys.md).

- ``QuestionnaireVersion``: a questionnaire as data (the JSON document of ``cchc.lib.questionnaires``),
  imported from the shipped files; drafts are edited, a version in use is frozen.
- ``Campaign`` and ``CampaignUnit``: a survey period over units with a sample target each.
- ``Response``: one respondent's answers, raw (item code → level), from a dossier's link or QR code,
  a kiosk or a paper form keyed in twice (``PaperForm``/``PaperEntry``). Suspicious ones are flagged
  for review and never deleted. Who answered is never stored unless the person left contact details.
- ``DossierRating``: the three-level rating of one dossier, attached to its handling officials.
- ``PublishedFigure``: official SIPAS results as published, entered by hand, never recomputed.
- ``ImprovementTask``: a weakest criterion of a unit turned into a task of the task engine.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.lib import questionnaires as qlib
from cchc.org.models import Jurisdiction, Official, Unit


class VersionStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("Bản nháp (được sửa)")
    IN_USE = "in_use", gettext_noop("Đang sử dụng (đã khóa)")
    RETIRED = "retired", gettext_noop("Ngừng sử dụng (đã khóa)")


FROZEN_MESSAGE = gettext_noop(
    "Bộ câu hỏi “{code}” đã được dùng để thu thập ý kiến nên đã bị khóa, không sửa được (để các chỉ số "
    "đã tính luôn tính lại được từ cùng một bộ câu hỏi). Hãy tạo bản sao rồi sửa bản sao."
)


class QuestionnaireVersion(models.Model):
    code = models.CharField(gettext_lazy("mã phiên bản"), max_length=60, unique=True)
    title = models.CharField(gettext_lazy("tên bộ câu hỏi"), max_length=255)
    status = models.CharField(
        gettext_lazy("trạng thái"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    # The whole definition in the format of docs/indices.md §7, so the pure engine reads it unchanged.
    definition = models.JSONField(gettext_lazy("định nghĩa"))
    imported_from = models.CharField(gettext_lazy("nhập từ tệp"), max_length=60, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=gettext_lazy("sao từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    frozen_at = models.DateTimeField(gettext_lazy("khóa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("bộ câu hỏi")
        verbose_name_plural = gettext_lazy("bộ câu hỏi")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.display_code} — {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Defence in depth behind actions.edit_version: a frozen definition never changes, whatever
        # code path saves the row.
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", "definition", "code").first()
            if (
                stored
                and stored[0] != VersionStatus.DRAFT
                and (stored[1], stored[2])
                != (
                    self.definition,
                    self.code,
                )
            ):
                raise ValidationError(FROZEN_MESSAGE.format(code=stored[2]))
        self.__dict__.pop("questionnaire", None)
        super().save(*args, **kwargs)

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        self.__dict__.pop("questionnaire", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT

    @property
    def display_code(self) -> str:
        """The code as people write it: "sipas-2017-vungtau" → "SIPAS 2017 VUNGTAU" (the stored code
        is an identifier, kept for files and links)."""
        return self.code.replace("-", " ").replace("_", " ").upper()

    @cached_property
    def questionnaire(self) -> qlib.Questionnaire:
        return qlib.from_dict(self.definition, origin=f"bộ câu hỏi {self.code}")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("Đang chuẩn bị")
    OPEN = "open", gettext_noop("Đang thu thập ý kiến")
    CLOSED = "closed", gettext_noop("Đã kết thúc thu thập")
    PUBLISHED = "published", gettext_noop("Đã công bố kết quả")


class Campaign(models.Model):
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=gettext_lazy("địa bàn"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(gettext_lazy("tên đợt khảo sát"), max_length=255)
    questionnaire = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=gettext_lazy("bộ câu hỏi"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    # "" = the questionnaire version's default rule (docs/indices.md §2).
    aggregation = models.CharField(gettext_lazy("quy tắc gộp"), max_length=10, blank=True)
    starts_on = models.DateField(gettext_lazy("từ ngày"))
    ends_on = models.DateField(gettext_lazy("đến ngày"))
    status = models.CharField(
        gettext_lazy("trạng thái"),
        max_length=10,
        choices=CampaignStatus.choices,
        default=CampaignStatus.DRAFT,
    )
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = gettext_lazy("đợt khảo sát")
        verbose_name_plural = gettext_lazy("đợt khảo sát")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def rule(self) -> str:
        return self.aggregation or self.questionnaire.questionnaire.default_aggregation


class CampaignUnit(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    target = models.PositiveIntegerField(gettext_lazy("số phiếu cần thu"))

    class Meta:
        verbose_name = gettext_lazy("đơn vị được khảo sát")
        verbose_name_plural = gettext_lazy("đơn vị được khảo sát")
        ordering = ["campaign", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="survey_campaign_unit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.unit}"


class Kiosk(models.Model):
    """A tablet at a one-stop office; its secret address is the only thing it needs (no login)."""

    name = models.CharField(gettext_lazy("tên thiết bị"), max_length=120)
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đặt tại"), on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(max_length=40, unique=True)
    is_active = models.BooleanField(gettext_lazy("đang dùng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("ki-ốt khảo sát")
        verbose_name_plural = gettext_lazy("ki-ốt khảo sát")
        ordering = ["unit__path", "name"]

    def __str__(self) -> str:
        return self.name


class DossierToken(models.Model):
    """The random key printed (as a link and a QR code) on a dossier's receipt and return slips."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=24, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("mã khảo sát của hồ sơ")
        verbose_name_plural = gettext_lazy("mã khảo sát của hồ sơ")

    def __str__(self) -> str:
        return self.token


class ResponseChannel(models.TextChoices):
    LINK = "link", gettext_noop("Đường dẫn, mã QR trên phiếu hồ sơ")
    KIOSK = "kiosk", gettext_noop("Máy tính bảng tại Bộ phận một cửa")
    PAPER = "paper", gettext_noop("Phiếu giấy (nhập hai lần)")


class RespondentType(models.TextChoices):
    CITIZEN = "citizen", gettext_noop("Người dân")
    ORGANISATION = "organisation", gettext_noop("Đại diện tổ chức, doanh nghiệp")


class FlagStatus(models.TextChoices):
    NONE = "", gettext_noop("Bình thường")
    PENDING = "pending", gettext_noop("Chờ xem xét (vẫn được tính)")
    KEPT = "kept", gettext_noop("Đã xem xét — giữ lại")
    EXCLUDED = "excluded", gettext_noop("Đã xem xét — không tính vào chỉ số")


FLAG_REASONS = {
    "same_fast": gettext_noop("Mọi câu trả lời giống nhau và trả lời quá nhanh"),
    "too_fast": gettext_noop("Trả lời quá nhanh so với số câu hỏi"),
    "duplicate": gettext_noop(
        "Trùng hệt một phiếu khác gửi từ cùng thiết bị hoặc địa chỉ mạng trong thời gian ngắn"
    ),
    "burst": gettext_noop("Nhiều phiếu từ cùng một địa chỉ mạng trong một giờ"),
}


class Response(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    # The campaign unit the answers count for.
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(gettext_lazy("kênh"), max_length=10, choices=ResponseChannel.choices)
    # One response per dossier (the token on its slips). Never shown on any screen: the dossier names
    # the applicant, and respondents stay anonymous unless they leave contact details.
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kiosk = models.ForeignKey(Kiosk, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The browser's own key for this submission: a retried submit is recognised, not stored twice.
    client_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    submitted_at = models.DateTimeField(gettext_lazy("thời điểm trả lời"), db_index=True)
    duration_seconds = models.PositiveIntegerField(
        gettext_lazy("thời gian trả lời (giây)"), null=True, blank=True
    )
    answers = models.JSONField(
        gettext_lazy("câu trả lời"), default=dict
    )  # item code → level; absent = no answer
    expectations = models.JSONField(
        gettext_lazy("mong đợi"), null=True, blank=True
    )  # chosen codes; None = not asked
    respondent_type = models.CharField(
        gettext_lazy("người trả lời là"), max_length=15, choices=RespondentType.choices, blank=True
    )
    comment = models.TextField(gettext_lazy("góp ý"), blank=True)
    contact_consent = models.BooleanField(gettext_lazy("đồng ý để lại thông tin liên hệ"), default=False)
    contact_name = models.CharField(gettext_lazy("họ và tên"), max_length=200, blank=True)
    contact_phone = models.CharField(gettext_lazy("điện thoại"), max_length=20, blank=True)
    contact_email = models.CharField(gettext_lazy("thư điện tử"), max_length=200, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flag_status = models.CharField(
        gettext_lazy("kiểm tra"),
        max_length=10,
        choices=FlagStatus.choices,
        blank=True,
        default=FlagStatus.NONE,
    )
    flag_reasons = models.JSONField(gettext_lazy("lý do cần xem xét"), default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(gettext_lazy("ghi chú xem xét"), blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = gettext_lazy("phiếu trả lời")
        verbose_name_plural = gettext_lazy("phiếu trả lời")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(dossier__isnull=False), name="survey_one_response_per_dossier"
            )
        ]
        indexes = [models.Index(fields=["campaign", "unit", "submitted_at"])]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"PKS-{self.pk:06d}" if self.pk else "PKS-mới"

    @property
    def counted(self) -> bool:
        return self.flag_status != FlagStatus.EXCLUDED

    def reason_labels(self) -> list[str]:
        return [FLAG_REASONS.get(code, code) for code in self.flag_reasons]


class PaperStatus(models.TextChoices):
    AWAITING_SECOND = "awaiting", gettext_noop("Chờ người thứ hai nhập lại")
    MATCHED = "matched", gettext_noop("Hai lần nhập khớp — đã ghi nhận")
    MISMATCH = "mismatch", gettext_noop("Hai lần nhập lệch — cần đối chiếu phiếu gốc")
    RESOLVED = "resolved", gettext_noop("Đã đối chiếu phiếu gốc — đã ghi nhận")


class PaperForm(models.Model):
    """One paper questionnaire, identified by the serial number written on it, keyed in twice."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="paper_forms")
    serial = models.CharField(gettext_lazy("số phiếu"), max_length=40)
    status = models.CharField(max_length=10, choices=PaperStatus.choices, default=PaperStatus.AWAITING_SECOND)
    # [{"field": ..., "label": ..., "first": ..., "second": ...}] while the two entries disagree.
    mismatches = models.JSONField(default=list, blank=True)
    response = models.OneToOneField(
        Response, null=True, blank=True, on_delete=models.SET_NULL, related_name="paper_form"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("phiếu giấy")
        verbose_name_plural = gettext_lazy("phiếu giấy")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "serial"], name="survey_paper_serial_unique")
        ]

    def __str__(self) -> str:
        return f"Phiếu giấy số {self.serial}"


class PaperEntry(models.Model):
    form = models.ForeignKey(PaperForm, on_delete=models.CASCADE, related_name="entries")
    seq = models.PositiveSmallIntegerField(
        gettext_lazy("lần nhập")
    )  # 1, 2; 3 = the reconciliation against the paper
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    filled_on = models.DateField(gettext_lazy("ngày ghi trên phiếu"))
    answers = models.JSONField(default=dict)
    expectations = models.JSONField(null=True, blank=True)
    respondent_type = models.CharField(max_length=15, choices=RespondentType.choices, blank=True)

    class Meta:
        verbose_name = gettext_lazy("lần nhập phiếu giấy")
        verbose_name_plural = gettext_lazy("lần nhập phiếu giấy")
        ordering = ["form", "seq"]
        constraints = [models.UniqueConstraint(fields=["form", "seq"], name="survey_paper_entry_seq_unique")]

    def __str__(self) -> str:
        return f"{self.form} lần {self.seq}"


class RatingLevel(models.IntegerChoices):
    # docs/rules/surveys.md [PRACTICE]: the national portal's three levels.
    VERY_SATISFIED = 3, gettext_noop("Rất hài lòng")
    SATISFIED = 2, gettext_noop("Hài lòng")
    NOT_SATISFIED = 1, gettext_noop("Không hài lòng")


class DossierRating(models.Model):
    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(gettext_lazy("mức độ hài lòng"), choices=RatingLevel.choices)
    channel = models.CharField(gettext_lazy("kênh"), max_length=10, choices=ResponseChannel.choices)
    rated_at = models.DateTimeField(gettext_lazy("thời điểm đánh giá"), db_index=True)
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị giải quyết"), on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = gettext_lazy("đánh giá hồ sơ")
        verbose_name_plural = gettext_lazy("đánh giá hồ sơ")
        ordering = ["-rated_at"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.rated_at:%d/%m/%Y})"


class RatedOfficial(models.Model):
    """A rating counted for one official who handled the dossier (its steps' officials)."""

    rating = models.ForeignKey(DossierRating, on_delete=models.CASCADE, related_name="officials")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=RatingLevel.choices)

    class Meta:
        verbose_name = gettext_lazy("đánh giá cán bộ")
        verbose_name_plural = gettext_lazy("đánh giá cán bộ")
        constraints = [
            models.UniqueConstraint(fields=["rating", "official"], name="survey_rated_official_unique")
        ]

    def __str__(self) -> str:
        return f"{self.official_id}: {self.level}"


class FigureScope(models.TextChoices):
    NATIONAL = "national", gettext_noop("Cả nước")
    PROVINCE = "province", gettext_noop("Tỉnh, thành phố")


# docs/rules/surveys.md: 2017–2021 (QĐ 2640/QĐ-BNV) and 2022+ use different samples and content; charts
# must show a break between them.
NEW_DESIGN_FROM = 2022


class PublishedFigure(models.Model):
    """An official SIPAS result as published (docs/rules/surveys.md): typed in, never computed here."""

    year = models.PositiveSmallIntegerField(gettext_lazy("năm"))
    scope = models.CharField(gettext_lazy("phạm vi"), max_length=10, choices=FigureScope.choices)
    area_name = models.CharField(gettext_lazy("tỉnh, thành phố"), max_length=200, blank=True)
    value = models.DecimalField(gettext_lazy("chỉ số SIPAS (%)"), max_digits=5, decimal_places=2)
    rank = models.CharField(gettext_lazy("xếp hạng"), max_length=20, blank=True)
    range_note = models.CharField(
        gettext_lazy("ghi chú (khoảng giá trị các tỉnh…)"), max_length=255, blank=True
    )
    source = models.TextField(gettext_lazy("nguồn công bố"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("chỉ số SIPAS đã công bố")
        verbose_name_plural = gettext_lazy("chỉ số SIPAS đã công bố")
        ordering = ["-year", "scope", "area_name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "scope", "area_name"], name="survey_figure_unique")
        ]

    def __str__(self) -> str:
        where = self.area_name or self.get_scope_display()
        return f"SIPAS {self.year} {where}: {self.value}%"

    @property
    def design(self) -> str:
        if self.year >= NEW_DESIGN_FROM:
            return "Thiết kế từ 2022 (chính sách và dịch vụ; QĐ 1001/QĐ-BNV từ 2023)"
        return "Thiết kế 2017–2021 (QĐ 2640/QĐ-BNV)"


class ImprovementTask(models.Model):
    """A weakest criterion of a unit sent to the task engine as an improvement task."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="improvement_tasks")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(gettext_lazy("tiêu chí"), max_length=20)
    item_text = models.TextField()
    index = models.DecimalField(
        gettext_lazy("chỉ số khi giao (%)"), max_digits=5, decimal_places=2, null=True
    )
    valid = models.PositiveIntegerField(gettext_lazy("số câu trả lời hợp lệ"), default=0)
    task = models.ForeignKey(
        "directives.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("nhiệm vụ cải thiện")
        verbose_name_plural = gettext_lazy("nhiệm vụ cải thiện")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit} {self.item_code}"
