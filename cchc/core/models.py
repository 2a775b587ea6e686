from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class AuditEvent(models.Model):
    """One row per state change anywhere in the product: who, when, what (DEVELOPERS.md rule 5).

    Apps write these only through ``cchc.core.events.record`` called from their ``actions.py``.
    """

    at = models.DateTimeField(gettext_lazy("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text as well, so the trail still names the person after an account is deleted.
    actor_name = models.CharField(gettext_lazy("tên người thực hiện"), max_length=200, blank=True)
    verb = models.CharField(gettext_lazy("hành động"), max_length=80, db_index=True)
    object_type = models.CharField(gettext_lazy("loại đối tượng"), max_length=80)
    object_id = models.CharField(gettext_lazy("mã đối tượng"), max_length=64)
    summary = models.CharField(gettext_lazy("nội dung"), max_length=500, blank=True)
    data = models.JSONField(gettext_lazy("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = gettext_lazy("nhật ký thay đổi")
        verbose_name_plural = gettext_lazy("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        who = self.actor_name or "—"
        return f"{self.at:%d/%m/%Y %H:%M} {who} {self.verb} {self.object_type}#{self.object_id}"
