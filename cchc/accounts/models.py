from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_otp.models import Device

from cchc.core.roles import JURISDICTION_WIDE, Role


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django-otp devices: a generic FK on an abstract model
    """A login. Officials' accounts point at their ``Official`` record; the role sets their scope."""

    role = models.CharField(gettext_lazy("vai trò"), max_length=20, choices=Role.choices, blank=True)
    official = models.OneToOneField(
        "org.Official",
        verbose_name=gettext_lazy("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account",
    )
    # For jurisdiction-wide roles: the area they oversee. Unit-scoped roles take it from their unit.
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction",
        verbose_name=gettext_lazy("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Demo accounts may skip the second factor when CCHC_DEMO is on; no other account ever can.
    is_demo = models.BooleanField(gettext_lazy("tài khoản trình diễn"), default=False)

    class Meta:
        verbose_name = gettext_lazy("tài khoản")
        verbose_name_plural = gettext_lazy("tài khoản")

    @property
    def is_jurisdiction_wide(self) -> bool:
        return self.role in JURISDICTION_WIDE

    def get_full_name(self) -> str:
        if self.official_id is not None:
            return self.official.full_name  # type: ignore[union-attr]
        return super().get_full_name()


class LoginFailure(models.Model):
    """Failed sign-in attempts per user name, for lockout (one row per attempt, pruned on success)."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("đăng nhập thất bại")
        verbose_name_plural = gettext_lazy("đăng nhập thất bại")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%d/%m/%Y %H:%M}"


class BackupCodeDevice(Device):
    """A sheet of one-time recovery codes: the way in for an official whose phone is lost or broken,
    without waiting for an administrator. Only digests are stored (HMAC-SHA256 keyed with the
    installation's SECRET_KEY, over the account and the code), so a database dump does not hand out ways
    in; rotating SECRET_KEY therefore voids every sheet, and officials print a new one."""

    class Meta:
        verbose_name = gettext_lazy("bộ mã dự phòng")
        verbose_name_plural = gettext_lazy("bộ mã dự phòng")

    def verify_token(self, token: str) -> bool:
        from cchc.accounts.backup_codes import digest, normalise

        code = normalise(token)
        if code is None:
            return False
        # One UPDATE: two requests racing with the same code cannot both succeed.
        used = self.codes.filter(digest=digest(self.user_id, code), used_at__isnull=True).update(
            used_at=timezone.now()
        )
        return used == 1

    def __str__(self) -> str:
        return f"Mã dự phòng của {self.user}"

    def remaining(self) -> int:
        return self.codes.filter(used_at__isnull=True).count()


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("mã dự phòng")
        verbose_name_plural = gettext_lazy("mã dự phòng")
        constraints = [models.UniqueConstraint(fields=["device", "digest"], name="backup_code_unique")]

    def __str__(self) -> str:
        return f"{self.device} ({'đã dùng' if self.used_at else 'chưa dùng'})"
