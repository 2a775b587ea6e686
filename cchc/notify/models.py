from django.db import models


class NotificationStatus(models.TextChoices):
    SENDING = "sending", "Đang gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi lỗi"


class Notification(models.Model):
    """Every message the product sends, on any channel. ``dedupe_key`` is unique: the row is claimed
    before the message goes out, so two workers can never send the same reminder twice."""

    channel = models.CharField("kênh", max_length=20)
    recipient = models.CharField("người nhận", max_length=255)
    subject = models.CharField("tiêu đề", max_length=255, blank=True)
    body = models.TextField("nội dung")
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.SENDING
    )
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thông báo đã gửi"
        verbose_name_plural = "thông báo đã gửi"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient}: {self.subject}"
