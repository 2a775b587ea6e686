"""Organisation: jurisdictions → units (a tree, with validity dates) → officials and unit heads.

Reorganisations never rewrite history: a merged or dissolved unit gets ``valid_to`` and, where it
continues in another, ``replaced_by``. Heads are kept as dated ``UnitHead`` rows, so "who answered for
this unit on that day" is a query, not a memory.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy, gettext_noop


def _sync_path(node: Jurisdiction | Unit) -> None:
    """Keep a node's materialised path (and its descendants') in step with its parent after a save."""
    model = type(node)
    new_path = (node.parent.path if node.parent else "/") + f"{node.pk}/"
    if new_path == node.path:
        return
    old = node.path
    node.path = new_path
    model.objects.filter(pk=node.pk).update(path=new_path)
    if old:
        for child_pk, child_path in (
            model.objects.filter(path__startswith=old).exclude(pk=node.pk).values_list("pk", "path")
        ):
            model.objects.filter(pk=child_pk).update(path=new_path + child_path[len(old) :])


class JurisdictionLevel(models.TextChoices):
    PROVINCE = "province", gettext_noop("Tỉnh, thành phố trực thuộc trung ương")
    DISTRICT = "district", gettext_noop("Huyện, quận, thị xã, thành phố thuộc tỉnh (trước 7/2025)")
    COMMUNE = "commune", gettext_noop("Xã, phường, đặc khu")


class Jurisdiction(models.Model):
    """An administrative area (đơn vị hành chính) with its national code where known."""

    code = models.CharField(gettext_lazy("mã đơn vị hành chính"), max_length=20, unique=True)
    name = models.CharField(gettext_lazy("tên"), max_length=200)
    level = models.CharField(gettext_lazy("cấp"), max_length=20, choices=JurisdictionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=gettext_lazy("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ids ("/1/7/42/"), so a subtree is one indexed prefix query on every engine.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    valid_from = models.DateField(gettext_lazy("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(gettext_lazy("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("địa bàn")
        verbose_name_plural = gettext_lazy("địa bàn")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        _sync_path(self)

    def subtree(self) -> models.QuerySet[Jurisdiction]:
        return Jurisdiction.objects.filter(path__startswith=self.path)


class UnitKind(models.TextChoices):
    PEOPLES_COMMITTEE = "committee", gettext_noop("Ủy ban nhân dân")
    AGENCY = "agency", gettext_noop("Cơ quan chuyên môn")
    WARD_COMMITTEE = "ward", gettext_noop("UBND phường, xã")
    ONE_STOP = "one_stop", gettext_noop("Bộ phận tiếp nhận và trả kết quả")
    FRONT = "front", gettext_noop("Mặt trận Tổ quốc, đoàn thể")
    OTHER = "other", gettext_noop("Khác")


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def current(self) -> UnitQuerySet:
        return self.valid_on(dt.date.today())


class Unit(models.Model):
    code = models.CharField(gettext_lazy("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(gettext_lazy("tên đơn vị"), max_length=255)
    short_name = models.CharField(gettext_lazy("tên ngắn"), max_length=120, blank=True)
    # Used in document symbols (ký hiệu văn bản), e.g. "NV" for Phòng Nội vụ in "7190/UBND-NV".
    abbreviation = models.CharField(gettext_lazy("chữ viết tắt"), max_length=20, blank=True)
    kind = models.CharField(gettext_lazy("loại"), max_length=20, choices=UnitKind.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=gettext_lazy("địa bàn"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=gettext_lazy("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    email = models.EmailField(gettext_lazy("thư điện tử"), blank=True)
    phone = models.CharField(gettext_lazy("điện thoại"), max_length=40, blank=True)
    address = models.CharField(gettext_lazy("địa chỉ"), max_length=255, blank=True)
    valid_from = models.DateField(gettext_lazy("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(gettext_lazy("hiệu lực đến"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=gettext_lazy("sáp nhập vào / thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("đơn vị")
        verbose_name_plural = gettext_lazy("đơn vị")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        _sync_path(self)

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def subtree(self) -> UnitQuerySet:
        return Unit.objects.filter(path__startswith=self.path)

    def accountable_head(self, day: dt.date | None = None) -> Official | None:
        """The acting head on ``day`` if one is appointed, else the head (Công văn 7190/UBND-NV, mục 1: the
        head answers)."""
        day = day or dt.date.today()
        rows = list(
            self.heads.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("official")
        )
        for kind in (HeadKind.ACTING, HeadKind.HEAD):
            for row in rows:
                if row.kind == kind:
                    return row.official
        return None


class Official(models.Model):
    """A cán bộ, công chức, viên chức. Accounts (``accounts.User``) point here."""

    code = models.CharField(gettext_lazy("mã cán bộ"), max_length=40, unique=True)
    full_name = models.CharField(gettext_lazy("họ và tên"), max_length=200)
    position = models.CharField(gettext_lazy("chức vụ"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị"), on_delete=models.PROTECT, related_name="officials"
    )
    email = models.EmailField(gettext_lazy("thư điện tử"), blank=True)
    phone = models.CharField(gettext_lazy("điện thoại"), max_length=40, blank=True)
    is_active = models.BooleanField(gettext_lazy("đang công tác"), default=True)

    class Meta:
        verbose_name = gettext_lazy("cán bộ, công chức")
        verbose_name_plural = gettext_lazy("cán bộ, công chức")
        ordering = ["unit__path", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.position})" if self.position else self.full_name


class HeadKind(models.TextChoices):
    HEAD = "head", gettext_noop("Người đứng đầu")
    ACTING = "acting", gettext_noop("Phụ trách / quyền")


class UnitHead(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị"), on_delete=models.CASCADE, related_name="heads"
    )
    official = models.ForeignKey(
        Official, verbose_name=gettext_lazy("cán bộ"), on_delete=models.PROTECT, related_name="headships"
    )
    kind = models.CharField(
        gettext_lazy("loại"), max_length=10, choices=HeadKind.choices, default=HeadKind.HEAD
    )
    valid_from = models.DateField(gettext_lazy("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(gettext_lazy("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("thủ trưởng đơn vị")
        verbose_name_plural = gettext_lazy("thủ trưởng đơn vị")
        ordering = ["unit", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit}: {self.official.full_name}"
