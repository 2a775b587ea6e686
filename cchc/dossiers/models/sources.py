"""Where dossiers come from: uploaded import files and the systems allowed to push them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop


class ImportStatus(models.TextChoices):
    PENDING = "pending", gettext_noop("Đang chờ")
    RUNNING = "running", gettext_noop("Đang nhập")
    DONE = "done", gettext_noop("Đã nhập")
    REJECTED = "rejected", gettext_noop("Bị từ chối (có dòng lỗi, không ghi gì)")
    FAILED = "failed", gettext_noop("Không đọc được tệp")


class ImportBatch(models.Model):
    """One uploaded file; the web progress bar and the audit of who imported what read this row."""

    file_name = models.CharField(gettext_lazy("tên tệp"), max_length=255)
    file = models.FileField(gettext_lazy("tệp"), upload_to="imports/%Y/%m/", blank=True)
    format = models.CharField(gettext_lazy("định dạng"), max_length=20, blank=True)
    dry_run = models.BooleanField(gettext_lazy("chỉ kiểm tra"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When a background worker claimed it: the job's time limit (and the reaper's) counts from here, not
    # from the upload, which may have waited in the queue for hours while the workers were down.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    total_rows = models.IntegerField(default=0)
    processed_rows = models.IntegerField(default=0)
    created_count = models.IntegerField(default=0)
    updated_count = models.IntegerField(default=0)
    rejected_count = models.IntegerField(default=0)
    # The first rejected rows: [{"row": n, "field": ..., "value": ..., "reason": ...}, ...]
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        verbose_name = gettext_lazy("lượt nhập hồ sơ")
        verbose_name_plural = gettext_lazy("lượt nhập hồ sơ")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class ApiClient(models.Model):
    """A source system allowed to push dossiers (one token each; only its SHA-256 is stored)."""

    name = models.CharField(gettext_lazy("tên hệ thống"), max_length=200, unique=True)
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction", verbose_name=gettext_lazy("địa bàn"), on_delete=models.PROTECT, related_name="+"
    )
    token_prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("hệ thống gửi dữ liệu")
        verbose_name_plural = gettext_lazy("hệ thống gửi dữ liệu")

    def __str__(self) -> str:
        return self.name
