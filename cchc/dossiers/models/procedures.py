"""The procedure catalogue (TTHC): what each procedure is, its time limit and its handbook."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.lib.vnspeech import fold
from cchc.org.models import Unit


class LimitUnit(models.TextChoices):
    # docs/rules/dossier-deadlines.md [PRACTICE]: "Giờ, Ngày, Ngày làm việc, tháng" from DonViTinh.
    HOURS = "hours", gettext_noop("Giờ làm việc")
    DAYS = "days", gettext_noop("Ngày")
    WORKING_DAYS = "working_days", gettext_noop("Ngày làm việc")
    MONTHS = "months", gettext_noop("Tháng")


class ProcedureLevel(models.TextChoices):
    PROVINCE = "province", gettext_noop("Cấp tỉnh")
    DISTRICT = "district", gettext_noop("Cấp huyện")
    COMMUNE = "commune", gettext_noop("Cấp xã")
    MULTI = "multi", gettext_noop("Nhiều cấp")


class OnlineLevel(models.TextChoices):
    NONE = "none", gettext_noop("Không trực tuyến")
    PARTIAL = "partial", gettext_noop("Trực tuyến một phần (mức 3)")
    FULL = "full", gettext_noop("Trực tuyến toàn trình (mức 4)")


class Procedure(models.Model):
    national_code = models.CharField(gettext_lazy("mã TTHC"), max_length=40, unique=True)  # MaTTHC
    name = models.CharField(gettext_lazy("tên thủ tục"), max_length=500)  # TenTTHC
    field_code = models.CharField(gettext_lazy("mã lĩnh vực"), max_length=40, blank=True)  # MaLinhVuc
    field_name = models.CharField(gettext_lazy("lĩnh vực"), max_length=255, blank=True)  # TenLinhVuc
    level = models.CharField(
        gettext_lazy("cấp thực hiện"), max_length=20, choices=ProcedureLevel.choices, blank=True
    )
    limit_value = models.DecimalField(
        gettext_lazy("thời hạn giải quyết"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    limit_unit = models.CharField(
        gettext_lazy("đơn vị thời hạn"),
        max_length=20,
        choices=LimitUnit.choices,
        default=LimitUnit.WORKING_DAYS,
    )
    inter_agency = models.BooleanField(gettext_lazy("liên thông"), default=False)
    # Inter-agency split of the time limit, per approved internal procedure (docs/rules/dossier-deadlines.md):
    # a list of {"unit": <unit code or external name>, "share": <fraction or working days>, "external": bool}.
    step_shares = models.JSONField(gettext_lazy("phân bổ thời gian theo bước"), default=list, blank=True)
    fees = models.JSONField(
        gettext_lazy("phí, lệ phí"), default=list, blank=True
    )  # DanhSachLePhi-like entries
    online_level = models.CharField(
        gettext_lazy("mức độ dịch vụ công trực tuyến"),
        max_length=10,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    handling_units = models.ManyToManyField(
        Unit, verbose_name=gettext_lazy("đơn vị giải quyết"), blank=True, related_name="+"
    )
    is_active = models.BooleanField(gettext_lazy("đang áp dụng"), default=True)
    # The citizen's handbook (what the national procedure database publishes for each procedure):
    # documents to submit [{"name", "copies"}], forms [{"name", "url"}], steps (texts), where and how to
    # submit, the result, the legal documents (texts) and the online service's address.
    documents = models.JSONField(gettext_lazy("thành phần hồ sơ"), default=list, blank=True)
    forms = models.JSONField(gettext_lazy("mẫu đơn, tờ khai"), default=list, blank=True)
    steps = models.JSONField(gettext_lazy("trình tự thực hiện"), default=list, blank=True)
    submit_where = models.TextField(gettext_lazy("cách thức và địa điểm thực hiện"), blank=True)
    result_name = models.CharField(gettext_lazy("kết quả thực hiện"), max_length=500, blank=True)
    legal_documents = models.JSONField(gettext_lazy("căn cứ pháp lý"), default=list, blank=True)
    online_url = models.URLField(gettext_lazy("địa chỉ nộp trực tuyến"), max_length=500, blank=True)
    # Name, code and field folded (no diacritics, lower case: ``lib.vnspeech.fold``) so that "cap giay
    # phep xay dung" finds "Cấp giấy phép xây dựng" with a plain LIKE on every engine, no extension.
    search_text = models.CharField(max_length=1000, blank=True, default="", editable=False)

    class Meta:
        verbose_name = gettext_lazy("thủ tục hành chính")
        verbose_name_plural = gettext_lazy("thủ tục hành chính")
        ordering = ["national_code"]

    def __str__(self) -> str:
        return f"{self.national_code} — {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.folded()
        fields = kwargs.get("update_fields")
        if fields is not None and "search_text" not in fields:
            kwargs["update_fields"] = [*fields, "search_text"]
        super().save(*args, **kwargs)

    def folded(self) -> str:
        return fold(f"{self.name} {self.national_code} {self.field_name}")[:1000]
