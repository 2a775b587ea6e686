"""A unit's register of legal and directing documents (văn bản quy phạm pháp luật, văn bản chỉ đạo, điều
hành) published on its website, and the website addresses allowed to embed its widgets."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cchc.org.models import Unit


class DocumentKind(models.TextChoices):
    DECISION = "decision", "Quyết định"
    RESOLUTION = "resolution", "Nghị quyết"
    DIRECTIVE = "directive", "Chỉ thị"
    PLAN = "plan", "Kế hoạch"
    OFFICIAL_LETTER = "letter", "Công văn"
    NOTICE = "notice", "Thông báo"
    REPORT = "report", "Báo cáo"
    OTHER = "other", "Văn bản khác"


class Validity(models.TextChoices):
    IN_FORCE = "in_force", "Còn hiệu lực"
    REPLACED = "replaced", "Đã được thay thế"
    EXPIRED = "expired", "Hết hiệu lực"


class UnitDocument(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="site_documents"
    )
    kind = models.CharField("loại văn bản", max_length=20, choices=DocumentKind.choices)
    number = models.CharField("số, ký hiệu", max_length=60)
    issued_on = models.DateField("ngày ban hành")
    subject = models.CharField("trích yếu", max_length=500)
    issuer = models.CharField("cơ quan ban hành", max_length=255)
    validity = models.CharField(
        "hiệu lực", max_length=20, choices=Validity.choices, default=Validity.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="được thay thế bởi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    file = models.FileField("tệp văn bản", upload_to="unitsite/%Y/%m/")
    file_name = models.CharField("tên tệp", max_length=255)
    file_size = models.PositiveIntegerField("dung lượng", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "văn bản của đơn vị"
        verbose_name_plural = "văn bản của đơn vị"
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["unit", "issued_on"], name="unitsite_doc_unit_date")]

    def __str__(self) -> str:
        return f"{self.number} — {self.subject[:80]}"


class EmbedOrigin(models.Model):
    """A website (an https origin, e.g. ``https://phuong1.vungtau.gov.vn``) that may show the unit's
    widgets in a frame. ``*.`` in front of the host allows its subdomains."""

    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="embed_origins"
    )
    origin = models.CharField("địa chỉ trang", max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "trang được nhúng"
        verbose_name_plural = "trang được nhúng"
        ordering = ["unit", "origin"]
        constraints = [models.UniqueConstraint(fields=["unit", "origin"], name="unitsite_origin_unique")]

    def __str__(self) -> str:
        return self.origin
