"""One working-day calendar per jurisdiction, with its special days (docs/rules/working-days.md).

A jurisdiction's calendar in effect is its own entries layered over its ancestors' (nearest wins per
date); a jurisdiction without a calendar of its own simply uses its nearest ancestor's. The national
schedule therefore lives once, on the root (province) calendar, and a city or ward adds only what is
local. Office hours left empty follow the nearest ancestor that sets them, then the settings
``CCHC_OFFICE_*`` / ``CCHC_AFTERNOON_CUTOFF``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.lib.workcal import KIND_DAY_OFF_IN_LIEU, KIND_HOLIDAY, KIND_MAKE_UP_WORKING_DAY
from cchc.org.models import Jurisdiction


class EntryKind(models.TextChoices):
    # The values are the kinds of vn-workdays-2022-2027.csv.
    HOLIDAY = KIND_HOLIDAY, gettext_noop("Ngày nghỉ lễ, Tết")
    DAY_OFF_IN_LIEU = KIND_DAY_OFF_IN_LIEU, gettext_noop("Ngày nghỉ bù, nghỉ hoán đổi")
    MAKE_UP_WORKING_DAY = KIND_MAKE_UP_WORKING_DAY, gettext_noop("Ngày làm bù")


class Calendar(models.Model):
    jurisdiction = models.OneToOneField(
        Jurisdiction,
        verbose_name=gettext_lazy("địa bàn"),
        on_delete=models.PROTECT,
        related_name="work_calendar",
    )
    weekly_rest = models.CharField(
        gettext_lazy("ngày nghỉ hằng tuần"),
        max_length=20,
        blank=True,
        help_text=gettext_lazy(
            "Các số cách nhau bởi dấu phẩy, 0 = thứ Hai … 6 = Chủ nhật. Để trống: theo lịch cấp trên "
            "(mặc định thứ Bảy, Chủ nhật: 5,6)."
        ),
    )
    morning_start = models.TimeField(gettext_lazy("giờ bắt đầu buổi sáng"), null=True, blank=True)
    morning_end = models.TimeField(gettext_lazy("giờ kết thúc buổi sáng"), null=True, blank=True)
    afternoon_start = models.TimeField(gettext_lazy("giờ bắt đầu buổi chiều"), null=True, blank=True)
    afternoon_end = models.TimeField(gettext_lazy("giờ kết thúc buổi chiều"), null=True, blank=True)
    cutoff = models.TimeField(
        gettext_lazy("giờ chốt tiếp nhận"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo. Để trống: theo cấu hình."
        ),
    )
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)
    # Bumped on every change to the calendar or its entries; the process caches compare it.
    changed_at = models.DateTimeField(gettext_lazy("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("lịch làm việc")
        verbose_name_plural = gettext_lazy("lịch làm việc")
        ordering = ["jurisdiction__path"]

    def __str__(self) -> str:
        return f"Lịch làm việc {self.jurisdiction.name}"

    def weekly_rest_days(self) -> tuple[int, ...] | None:
        """The weekly rest days set on this calendar, or None to inherit."""
        if not self.weekly_rest.strip():
            return None
        return tuple(sorted({int(part) for part in self.weekly_rest.split(",") if part.strip()}))


class CalendarEntry(models.Model):
    calendar = models.ForeignKey(
        Calendar, verbose_name=gettext_lazy("lịch"), on_delete=models.CASCADE, related_name="entries"
    )
    date = models.DateField(gettext_lazy("ngày"))
    kind = models.CharField(gettext_lazy("loại ngày"), max_length=20, choices=EntryKind.choices)
    name = models.CharField(gettext_lazy("tên gọi"), max_length=200)
    legal_reference = models.CharField(
        gettext_lazy("căn cứ pháp lý"),
        max_length=300,
        help_text=gettext_lazy(
            "Số, ký hiệu và ngày của văn bản, ví dụ: Công văn 2450/VPCP-KGVX ngày 12/4/2024."
        ),
    )
    source = models.CharField(gettext_lazy("nguồn"), max_length=200, blank=True)
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)
    # Rows announced only as estimates (e.g. 2027 before the Prime Minister's decision,
    # docs/rules/working-days.md); the yearly reminder keeps asking for next year's schedule until a confirmed
    # row exists.
    is_provisional = models.BooleanField(gettext_lazy("dự kiến, chưa có văn bản chính thức"), default=False)
    created_at = models.DateTimeField(gettext_lazy("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("ngày đặc biệt")
        verbose_name_plural = gettext_lazy("ngày nghỉ lễ, nghỉ bù, làm bù")
        ordering = ["calendar", "date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="workcalendar_one_entry_per_day"),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"

    @property
    def is_working(self) -> bool:
        return self.kind == EntryKind.MAKE_UP_WORKING_DAY
