"""A unit's register of legal and directing documents (văn bản quy phạm pháp luật, văn bản chỉ đạo, điều
hành) published on its website, and the website addresses allowed to embed its widgets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.org.models import Unit


class DocumentKind(models.TextChoices):
    DECISION = "decision", gettext_noop("Quyết định")
    RESOLUTION = "resolution", gettext_noop("Nghị quyết")
    DIRECTIVE = "directive", gettext_noop("Chỉ thị")
    PLAN = "plan", gettext_noop("Kế hoạch")
    OFFICIAL_LETTER = "letter", gettext_noop("Công văn")
    NOTICE = "notice", gettext_noop("Thông báo")
    REPORT = "report", gettext_noop("Báo cáo")
    OTHER = "other", gettext_noop("Văn bản khác")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", gettext_noop("Còn hiệu lực")
    REPLACED = "replaced", gettext_noop("Đã được thay thế")
    EXPIRED = "expired", gettext_noop("Hết hiệu lực")


class UnitDocument(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị"), on_delete=models.PROTECT, related_name="site_documents"
    )
    kind = models.CharField(gettext_lazy("loại văn bản"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(gettext_lazy("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(gettext_lazy("ngày ban hành"))
    subject = models.CharField(gettext_lazy("trích yếu"), max_length=500)
    issuer = models.CharField(gettext_lazy("cơ quan ban hành"), max_length=255)
    validity = models.CharField(
        gettext_lazy("hiệu lực"), max_length=20, choices=Validity.choices, default=Validity.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=gettext_lazy("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    file = models.FileField(gettext_lazy("tệp văn bản"), upload_to="unitsite/%Y/%m/")
    file_name = models.CharField(gettext_lazy("tên tệp"), max_length=255)
    file_size = models.PositiveIntegerField(gettext_lazy("dung lượng"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("văn bản của đơn vị")
        verbose_name_plural = gettext_lazy("văn bản của đơn vị")
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["unit", "issued_on"], name="unitsite_doc_unit_date")]

    def __str__(self) -> str:
        return f"{self.number} — {self.subject[:80]}"


class EmbedOrigin(models.Model):
    """A website (an https origin, e.g. ``https://phuong1.vungtau.gov.vn``) that may show the unit's
    widgets in a frame. ``*.`` in front of the host allows its subdomains."""

    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị"), on_delete=models.CASCADE, related_name="embed_origins"
    )
    origin = models.CharField(gettext_lazy("địa chỉ trang"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("trang được nhúng")
        verbose_name_plural = gettext_lazy("trang được nhúng")
        ordering = ["unit", "origin"]
        constraints = [models.UniqueConstraint(fields=["unit", "origin"], name="unitsite_origin_unique")]

    def __str__(self) -> str:
        return self.origin
