from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop


class NotificationStatus(models.TextChoices):
    SENDING = "sending", gettext_noop("Đang gửi")
    SENT = "sent", gettext_noop("Đã gửi")
    FAILED = "failed", gettext_noop("Gửi lỗi")


class Notification(models.Model):
    """Every message the product sends, on any channel. ``dedupe_key`` is unique: the row is claimed
    before the message goes out, so two workers can never send the same reminder twice."""

    channel = models.CharField(gettext_lazy("kênh"), max_length=20)
    recipient = models.CharField(gettext_lazy("người nhận"), max_length=255)
    subject = models.CharField(gettext_lazy("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(gettext_lazy("nội dung"))
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
    # The route that delivered it when the channel has a fallback (a Zalo message sent as SMS).
    delivered_via = models.CharField(gettext_lazy("gửi qua"), max_length=20, blank=True)

    class Meta:
        verbose_name = gettext_lazy("thông báo đã gửi")
        verbose_name_plural = gettext_lazy("thông báo đã gửi")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient}: {self.subject}"


class ConsentChannel(models.TextChoices):
    ZALO = "zalo", gettext_noop("Zalo (tin nhắn SMS nếu không gửi được qua Zalo)")
    SMS = "sms", gettext_noop("Tin nhắn SMS")
    EMAIL = "email", gettext_noop("Thư điện tử")


class ConsentPlace(models.TextChoices):
    DESK = "desk", gettext_noop("Tại Bộ phận một cửa")
    LOOKUP = "lookup", gettext_noop("Trên trang tra cứu hồ sơ")


class Consent(models.Model):
    """A citizen's agreement to receive progress messages about one of their files (a dossier, by its
    code): the channel they chose, the address, where and when they gave it, and when they withdrew it.
    Only a consent with no ``withdrawn_at`` is in force; there is at most one per file."""

    object_type = models.CharField(max_length=80)
    object_key = models.CharField(gettext_lazy("mã"), max_length=64)
    channel = models.CharField(gettext_lazy("kênh"), max_length=10, choices=ConsentChannel.choices)
    address = models.CharField(gettext_lazy("số điện thoại hoặc thư điện tử"), max_length=255)
    given_at = models.DateTimeField(gettext_lazy("đồng ý lúc"))
    given_where = models.CharField(gettext_lazy("đồng ý tại"), max_length=10, choices=ConsentPlace.choices)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(gettext_lazy("rút lại lúc"), null=True, blank=True)
    withdrawn_where = models.CharField(
        gettext_lazy("rút lại tại"), max_length=10, choices=ConsentPlace.choices, blank=True
    )

    class Meta:
        verbose_name = gettext_lazy("đồng ý nhận thông báo")
        verbose_name_plural = gettext_lazy("đồng ý nhận thông báo")
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["object_type", "object_key"])]
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_key"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="notify_one_consent_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_key} → {self.channel}"
