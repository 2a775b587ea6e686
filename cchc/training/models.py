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

from cchc.org.models import Jurisdiction, Official, Unit


class Audience(models.TextChoices):
    """Who a topic is for: the officials counted as "not yet trained" on the coverage page."""

    ALL = "all", "Toàn bộ cán bộ, công chức"
    ONE_STOP = "one_stop", "Công chức Bộ phận một cửa"
    HANDLING = "handling", "Cán bộ, công chức giải quyết thủ tục hành chính"
    HEADS = "heads", "Người đứng đầu đơn vị"
    NONE = "", "Không bắt buộc"


class Topic(models.Model):
    code = models.SlugField("mã chủ đề", max_length=40, unique=True)
    name = models.CharField("chủ đề", max_length=200)
    description = models.TextField("nội dung", blank=True)
    # The passage of a directive that asks for this topic ("Công văn 7190/UBND-NV, mục 4.4"); empty for
    # topics the secretariat adds on its own.
    source = models.CharField("văn bản yêu cầu", max_length=200, blank=True)
    audience = models.CharField(
        "đối tượng bắt buộc", max_length=20, choices=Audience.choices, blank=True, default=Audience.NONE
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "chủ đề bồi dưỡng"
        verbose_name_plural = "chủ đề bồi dưỡng"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name="địa bàn", on_delete=models.PROTECT)
    topic = models.ForeignKey(Topic, verbose_name="chủ đề", on_delete=models.PROTECT, related_name="courses")
    title = models.CharField("tên khóa bồi dưỡng", max_length=300)
    audience = models.CharField("đối tượng", max_length=300)
    organiser = models.ForeignKey(
        Unit, verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="+"
    )
    trainer = models.CharField("giảng viên, báo cáo viên", max_length=300)
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày")
    description = models.TextField("nội dung, chương trình", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khóa bồi dưỡng"
        verbose_name_plural = "khóa bồi dưỡng"
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField("tệp tài liệu", upload_to="training/%Y/%m/")
    name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu bồi dưỡng"
        verbose_name_plural = "tài liệu bồi dưỡng"
        ordering = ["course", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class ClassStatus(models.TextChoices):
    PLANNED = "planned", "Đã lên lịch"
    HELD = "held", "Đã học, đã điểm danh"
    CLOSED = "closed", "Đã có kết quả"
    CANCELLED = "cancelled", "Đã hủy"


class TrainingClass(models.Model):
    course = models.ForeignKey(Course, verbose_name="khóa", on_delete=models.PROTECT, related_name="classes")
    name = models.CharField("tên lớp", max_length=200)
    start_date = models.DateField("ngày học")
    end_date = models.DateField("ngày kết thúc")
    place = models.CharField("địa điểm", max_length=300)
    capacity = models.PositiveSmallIntegerField("số học viên tối đa", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=ClassStatus.choices, default=ClassStatus.PLANNED, db_index=True
    )
    cancel_reason = models.CharField("lý do hủy", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lớp bồi dưỡng"
        verbose_name_plural = "lớp bồi dưỡng"
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.course.title} — {self.name}"


class Attendance(models.TextChoices):
    UNKNOWN = "", "Chưa điểm danh"
    PRESENT = "present", "Có mặt"
    EXCUSED = "excused", "Vắng có lý do"
    ABSENT = "absent", "Vắng không lý do"


class Result(models.TextChoices):
    NONE = "", "Chưa có kết quả"
    PASSED = "passed", "Đạt"
    FAILED = "failed", "Không đạt"


class Enrolment(models.Model):
    """One official invited to one class: the invitation, attendance, result and certificate."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name="lớp", on_delete=models.CASCADE, related_name="enrolments"
    )
    official = models.ForeignKey(
        Official, verbose_name="học viên", on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField("ngày mời", auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendance = models.CharField(
        "điểm danh", max_length=10, choices=Attendance.choices, blank=True, default=Attendance.UNKNOWN
    )
    result = models.CharField(
        "kết quả", max_length=10, choices=Result.choices, blank=True, default=Result.NONE
    )
    score = models.DecimalField("điểm", max_digits=4, decimal_places=1, null=True, blank=True)
    certificate_number = models.CharField("số giấy chứng nhận", max_length=40, blank=True)
    certificate_date = models.DateField("ngày cấp giấy chứng nhận", null=True, blank=True)

    class Meta:
        verbose_name = "học viên"
        verbose_name_plural = "học viên"
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
    RATINGS = "ratings", "Người dân không hài lòng"
    LATE_STEPS = "late_steps", "Hồ sơ trễ hạn ở bước do cán bộ xử lý"
    LETTER = "letter", "Chủ đề văn bản chỉ đạo yêu cầu"
    INSPECTION = "inspection", "Kết luận kiểm tra"
    MANUAL = "manual", "Đơn vị đề xuất"


class NeedStatus(models.TextChoices):
    OPEN = "open", "Chưa được bồi dưỡng"
    CLOSED = "closed", "Đã tham gia lớp"
    DISMISSED = "dismissed", "Không cần bồi dưỡng"


class TrainingNeed(models.Model):
    """An official who should attend a class on a topic, and why (the figures behind it). Closed by the
    attendance that meets it (``actions.record_attendance``), or dismissed with a reason."""

    official = models.ForeignKey(Official, verbose_name="cán bộ", on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(Topic, verbose_name="chủ đề", on_delete=models.PROTECT, related_name="needs")
    source = models.CharField("căn cứ", max_length=12, choices=NeedSource.choices)
    evidence = models.CharField("số liệu", max_length=500, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN, db_index=True
    )
    proposed_on = models.DateField("ngày đề xuất")
    closed_on = models.DateField("ngày đóng", null=True, blank=True)
    closed_by = models.ForeignKey(
        Enrolment, verbose_name="lớp đã tham gia", null=True, blank=True, on_delete=models.SET_NULL
    )
    dismiss_reason = models.CharField("lý do", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "nhu cầu bồi dưỡng"
        verbose_name_plural = "nhu cầu bồi dưỡng"
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
