"""Training of officials: topics, courses with their materials, classes, invitations and attendance,
results and certificates, and the training needs the data propose (docs/rules/training.md).

The founding letter asks units to review their staff and organise classes on conduct and
communication, professional skills (Công văn 7190/UBND-NV, mục 1.10) and, for the second half of the
year, on online public services and the digitisation of dossier results (mục 4.4). Those topics are
rows of ``Topic`` (written after every migrate, ``topics.py``) marked with the passage that names
them, so the leader's page "who has not been trained on what the letter names" reads them like any
other topic.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.org.models import Jurisdiction, Official, Unit


class Audience(models.TextChoices):
    """Who a topic is for: the officials counted as "not yet trained" on the coverage page."""

    ALL = "all", gettext_noop("Toàn bộ cán bộ, công chức")
    ONE_STOP = "one_stop", gettext_noop("Công chức Bộ phận một cửa")
    HANDLING = "handling", gettext_noop("Cán bộ, công chức giải quyết thủ tục hành chính")
    HEADS = "heads", gettext_noop("Người đứng đầu đơn vị")
    NONE = "", gettext_noop("Không bắt buộc")


class Topic(models.Model):
    code = models.SlugField(gettext_lazy("mã chủ đề"), max_length=40, unique=True)
    name = models.CharField(gettext_lazy("chủ đề"), max_length=200)
    description = models.TextField(gettext_lazy("nội dung"), blank=True)
    # The passage of a directive that asks for this topic ("Công văn 7190/UBND-NV, mục 4.4"); empty for
    # topics the secretariat adds on its own.
    source = models.CharField(gettext_lazy("văn bản yêu cầu"), max_length=200, blank=True)
    audience = models.CharField(
        gettext_lazy("đối tượng bắt buộc"),
        max_length=20,
        choices=Audience.choices,
        blank=True,
        default=Audience.NONE,
    )
    order = models.PositiveSmallIntegerField(gettext_lazy("thứ tự"), default=100)
    is_active = models.BooleanField(gettext_lazy("đang dùng"), default=True)

    class Meta:
        verbose_name = gettext_lazy("chủ đề bồi dưỡng")
        verbose_name_plural = gettext_lazy("chủ đề bồi dưỡng")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=gettext_lazy("địa bàn"), on_delete=models.PROTECT
    )
    topic = models.ForeignKey(
        Topic, verbose_name=gettext_lazy("chủ đề"), on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField(gettext_lazy("tên khóa bồi dưỡng"), max_length=300)
    audience = models.CharField(gettext_lazy("đối tượng"), max_length=300)
    organiser = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    trainer = models.CharField(gettext_lazy("giảng viên, báo cáo viên"), max_length=300)
    start_date = models.DateField(gettext_lazy("từ ngày"))
    end_date = models.DateField(gettext_lazy("đến ngày"))
    description = models.TextField(gettext_lazy("nội dung, chương trình"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("khóa bồi dưỡng")
        verbose_name_plural = gettext_lazy("khóa bồi dưỡng")
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(gettext_lazy("tệp tài liệu"), upload_to="training/%Y/%m/")
    name = models.CharField(gettext_lazy("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(gettext_lazy("dung lượng"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("tài liệu bồi dưỡng")
        verbose_name_plural = gettext_lazy("tài liệu bồi dưỡng")
        ordering = ["course", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class ClassStatus(models.TextChoices):
    PLANNED = "planned", gettext_noop("Đã lên lịch")
    HELD = "held", gettext_noop("Đã học, đã điểm danh")
    CLOSED = "closed", gettext_noop("Đã có kết quả")
    CANCELLED = "cancelled", gettext_noop("Đã hủy")


class TrainingClass(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=gettext_lazy("khóa"), on_delete=models.PROTECT, related_name="classes"
    )
    name = models.CharField(gettext_lazy("tên lớp"), max_length=200)
    start_date = models.DateField(gettext_lazy("ngày học"))
    end_date = models.DateField(gettext_lazy("ngày kết thúc"))
    place = models.CharField(gettext_lazy("địa điểm"), max_length=300)
    capacity = models.PositiveSmallIntegerField(gettext_lazy("số học viên tối đa"), null=True, blank=True)
    status = models.CharField(
        gettext_lazy("trạng thái"),
        max_length=12,
        choices=ClassStatus.choices,
        default=ClassStatus.PLANNED,
        db_index=True,
    )
    cancel_reason = models.CharField(gettext_lazy("lý do hủy"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("lớp bồi dưỡng")
        verbose_name_plural = gettext_lazy("lớp bồi dưỡng")
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.course.title} — {self.name}"


class Attendance(models.TextChoices):
    UNKNOWN = "", gettext_noop("Chưa điểm danh")
    PRESENT = "present", gettext_noop("Có mặt")
    EXCUSED = "excused", gettext_noop("Vắng có lý do")
    ABSENT = "absent", gettext_noop("Vắng không lý do")


class Result(models.TextChoices):
    NONE = "", gettext_noop("Chưa có kết quả")
    PASSED = "passed", gettext_noop("Đạt")
    FAILED = "failed", gettext_noop("Không đạt")


class Enrolment(models.Model):
    """One official invited to one class: the invitation, attendance, result and certificate."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=gettext_lazy("lớp"), on_delete=models.CASCADE, related_name="enrolments"
    )
    official = models.ForeignKey(
        Official, verbose_name=gettext_lazy("học viên"), on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(gettext_lazy("ngày mời"), auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendance = models.CharField(
        gettext_lazy("điểm danh"),
        max_length=10,
        choices=Attendance.choices,
        blank=True,
        default=Attendance.UNKNOWN,
    )
    result = models.CharField(
        gettext_lazy("kết quả"), max_length=10, choices=Result.choices, blank=True, default=Result.NONE
    )
    score = models.DecimalField(gettext_lazy("điểm"), max_digits=4, decimal_places=1, null=True, blank=True)
    certificate_number = models.CharField(gettext_lazy("số giấy chứng nhận"), max_length=40, blank=True)
    certificate_date = models.DateField(gettext_lazy("ngày cấp giấy chứng nhận"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("học viên")
        verbose_name_plural = gettext_lazy("học viên")
        ordering = ["training_class", "official__unit__path", "official__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "official"], name="training_enrolment_once"),
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~Q(certificate_number=""),
                name="training_certificate_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official.full_name} — {self.training_class}"


class NeedSource(models.TextChoices):
    RATINGS = "ratings", gettext_noop("Người dân không hài lòng")
    LATE_STEPS = "late_steps", gettext_noop("Hồ sơ trễ hạn ở bước do cán bộ xử lý")
    LETTER = "letter", gettext_noop("Chủ đề văn bản chỉ đạo yêu cầu")
    INSPECTION = "inspection", gettext_noop("Kết luận kiểm tra")
    MANUAL = "manual", gettext_noop("Đơn vị đề xuất")


class NeedStatus(models.TextChoices):
    OPEN = "open", gettext_noop("Chưa được bồi dưỡng")
    CLOSED = "closed", gettext_noop("Đã tham gia lớp")
    DISMISSED = "dismissed", gettext_noop("Không cần bồi dưỡng")


class TrainingNeed(models.Model):
    """An official who should attend a class on a topic, and why (the figures behind it). Closed by the
    attendance that meets it (``actions.record_attendance``), or dismissed with a reason."""

    official = models.ForeignKey(
        Official, verbose_name=gettext_lazy("cán bộ"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=gettext_lazy("chủ đề"), on_delete=models.PROTECT, related_name="needs"
    )
    source = models.CharField(gettext_lazy("căn cứ"), max_length=12, choices=NeedSource.choices)
    evidence = models.CharField(gettext_lazy("số liệu"), max_length=500, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        gettext_lazy("trạng thái"),
        max_length=10,
        choices=NeedStatus.choices,
        default=NeedStatus.OPEN,
        db_index=True,
    )
    proposed_on = models.DateField(gettext_lazy("ngày đề xuất"))
    closed_on = models.DateField(gettext_lazy("ngày đóng"), null=True, blank=True)
    closed_by = models.ForeignKey(
        Enrolment,
        verbose_name=gettext_lazy("lớp đã tham gia"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    dismiss_reason = models.CharField(gettext_lazy("lý do"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("nhu cầu bồi dưỡng")
        verbose_name_plural = gettext_lazy("nhu cầu bồi dưỡng")
        ordering = ["status", "topic__order", "official__unit__path", "official__full_name"]
        constraints = [
            # Proposing again adds nothing: one open need per official, topic and reason.
            models.UniqueConstraint(
                fields=["official", "topic", "source"],
                condition=Q(status="open"),
                name="training_one_open_need",
            )
        ]

    def __str__(self) -> str:
        return f"{self.official.full_name}: {self.topic.name}"
