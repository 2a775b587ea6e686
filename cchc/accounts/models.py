from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from cchc.accounts.roles import JURISDICTION_WIDE, Role


class User(AbstractUser):
    """A login. Officials' accounts point at their ``Official`` record; the role sets their scope."""

    role = models.CharField("vai trò", max_length=20, choices=Role.choices, blank=True)
    official = models.OneToOneField(
        "org.Official",
        verbose_name="cán bộ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account",
    )
    # For jurisdiction-wide roles: the area they oversee. Unit-scoped roles take it from their unit.
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction",
        verbose_name="địa bàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Demo accounts may skip the second factor when CCHC_DEMO is on; no other account ever can.
    is_demo = models.BooleanField("tài khoản trình diễn", default=False)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

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
        verbose_name = "đăng nhập thất bại"
        verbose_name_plural = "đăng nhập thất bại"

    def __str__(self) -> str:
        return f"{self.username} {self.at:%d/%m/%Y %H:%M}"
