"""Citizen voice: feedback and petitions (phản ánh, kiến nghị), accountability requests (yêu cầu giải
trình, ND 59/2019), and the complaints and denunciations staff recognise and redirect
(docs/rules/petitions.md).

Each item is a ``Petition`` with its own tracking code. Its legal time limits are ``Clock`` rows, each
carrying one ``cchc.deadlines.Deadline`` (the one clock machine of the product: pauses, extensions,
reminders and escalation live there). The petition keeps a denormalised summary of how it was handled
(``handled_on``, ``handled_on_time``, ``due_on``) so figures are one aggregate query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from cchc.deadlines.models import Deadline
from cchc.org.models import Jurisdiction, Official, Unit


class Category(models.Model):
    """A field of feedback (lĩnh vực); also an Open311 service (``code`` is the service_code)."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=gettext_lazy("địa bàn"), on_delete=models.PROTECT
    )
    code = models.CharField(gettext_lazy("mã lĩnh vực"), max_length=40)
    name = models.CharField(gettext_lazy("tên lĩnh vực"), max_length=200)
    description = models.TextField(gettext_lazy("mô tả"), blank=True)
    group = models.CharField(gettext_lazy("nhóm"), max_length=100, blank=True)
    keywords = models.CharField(gettext_lazy("từ khoá"), max_length=255, blank=True)
    # Routing (FixMyStreet's category → body, anchors B2): the ward committee where it happens, or a unit.
    route_to_ward = models.BooleanField(gettext_lazy("chuyển UBND phường, xã nơi xảy ra"), default=False)
    unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("đơn vị xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(gettext_lazy("đang sử dụng"), default=True)
    order = models.PositiveSmallIntegerField(gettext_lazy("thứ tự"), default=0)

    class Meta:
        verbose_name = gettext_lazy("lĩnh vực phản ánh")
        verbose_name_plural = gettext_lazy("lĩnh vực phản ánh")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="feedback_category_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    FEEDBACK = "feedback", gettext_noop("Phản ánh")
    PETITION = "petition", gettext_noop("Kiến nghị")
    ACCOUNTABILITY = "accountability", gettext_noop("Yêu cầu giải trình")
    COMPLAINT = "complaint", gettext_noop("Khiếu nại")
    DENUNCIATION = "denunciation", gettext_noop("Tố cáo")


PAKN_KINDS = (Kind.FEEDBACK, Kind.PETITION)
OUT_OF_SCOPE_KINDS = (Kind.COMPLAINT, Kind.DENUNCIATION)


class Channel(models.TextChoices):
    WEB = "web", gettext_noop("Biểu mẫu trên cổng thông tin")
    HOTLINE = "hotline", gettext_noop("Đường dây nóng")
    WALK_IN = "walk_in", gettext_noop("Trực tiếp tại cơ quan")
    LETTER = "letter", gettext_noop("Thư, đơn gửi qua bưu điện")
    EMAIL = "email", gettext_noop("Thư điện tử")
    FRONT = "front", gettext_noop("Mặt trận Tổ quốc chuyển đến")
    OPEN311 = "open311", gettext_noop("Ứng dụng bên ngoài (Open311)")


class Status(models.TextChoices):
    RECEIVED = "received", gettext_noop("Đã tiếp nhận")
    AWAITING_INFO = "awaiting_info", gettext_noop("Chờ người gửi bổ sung thông tin")
    PROCESSING = "processing", gettext_noop("Đang xử lý")
    SUSPENDED = "suspended", gettext_noop("Tạm đình chỉ giải trình")
    AWAITING_APPROVAL = "awaiting_approval", gettext_noop("Chờ lãnh đạo duyệt trả lời")
    ANSWERED = "answered", gettext_noop("Đã trả lời")
    REJECTED = "rejected", gettext_noop("Không tiếp nhận")
    REDIRECTED = "redirected", gettext_noop("Đã hướng dẫn gửi đúng cơ quan")
    CLOSED = "closed", gettext_noop("Đã kết thúc")


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.AWAITING_INFO,
    Status.PROCESSING,
    Status.SUSPENDED,
    Status.AWAITING_APPROVAL,
)
FINAL_STATUSES = (Status.REJECTED, Status.REDIRECTED, Status.CLOSED)


class ReplyVia(models.TextChoices):
    EMAIL = "email", gettext_noop("Thư điện tử")
    SMS = "sms", gettext_noop("Tin nhắn SMS")
    ZALO = "zalo", "Zalo"
    POST = "post", gettext_noop("Văn bản gửi qua bưu điện")
    FRONT = "front", gettext_noop("Qua Ủy ban MTTQ đã chuyển đến")


class HandledHow(models.TextChoices):
    ANSWERED = "answered", gettext_noop("Trả lời")
    REJECTED = "rejected", gettext_noop("Không tiếp nhận")
    REFUSED = "refused", gettext_noop("Từ chối yêu cầu giải trình")
    REDIRECTED = "redirected", gettext_noop("Hướng dẫn gửi đúng cơ quan")


class FrontMeeting(models.Model):
    """One meeting at which the Front gathered voters' opinions (Công văn 7190/UBND-NV, mục 5); each opinion
    becomes its own ``Petition`` pointing here."""

    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("tổ chức chuyển"), on_delete=models.PROTECT, related_name="+"
    )
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(gettext_lazy("ngày họp"))
    kind = models.CharField(gettext_lazy("hình thức"), max_length=120)
    place = models.CharField(gettext_lazy("địa điểm"), max_length=255)
    ward = models.ForeignKey(
        Jurisdiction,
        verbose_name=gettext_lazy("phường, xã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attendees = models.PositiveIntegerField(gettext_lazy("số người dự"), null=True, blank=True)
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("hội nghị lấy ý kiến")
        verbose_name_plural = gettext_lazy("hội nghị lấy ý kiến")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} — {self.place} ({self.held_on:%d/%m/%Y})"


class KeyPurpose(models.TextChoices):
    # One machinery for every key another system holds: issued by the secretariat for one area, shown
    # once, stored as a hash, revocable, rate-limited per key. The purpose says what the key opens.
    OPEN311 = "open311", gettext_noop("Ứng dụng phản ánh (Open311)")
    IOC = "ioc", gettext_noop("Trung tâm điều hành (IOC, chỉ đọc số liệu)")


class ApiKey(models.Model):
    """A key issued to one app or system. Only a hash is kept; the key is shown once, when created."""

    name = models.CharField(gettext_lazy("tên ứng dụng"), max_length=120)
    purpose = models.CharField(
        gettext_lazy("dùng cho"), max_length=10, choices=KeyPurpose.choices, default=KeyPurpose.OPEN311
    )
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(gettext_lazy("tiền tố"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("khoá kết nối")
        verbose_name_plural = gettext_lazy("khoá kết nối")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Petition(models.Model):
    code = models.CharField(gettext_lazy("mã theo dõi"), max_length=20, unique=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(gettext_lazy("loại"), max_length=20, choices=Kind.choices)
    channel = models.CharField(gettext_lazy("kênh tiếp nhận"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        gettext_lazy("trạng thái"),
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
    )
    category = models.ForeignKey(Category, verbose_name=gettext_lazy("lĩnh vực"), on_delete=models.PROTECT)
    ward = models.ForeignKey(
        Jurisdiction,
        verbose_name=gettext_lazy("phường, xã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.CharField(gettext_lazy("địa điểm"), max_length=255, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dossier_code = models.CharField(gettext_lazy("mã hồ sơ liên quan"), max_length=64, blank=True)
    title = models.CharField(gettext_lazy("tiêu đề"), max_length=200)
    text = models.TextField(gettext_lazy("nội dung"))
    norm_text = models.TextField(blank=True, editable=False)  # for duplicate detection

    citizen_name = models.CharField(gettext_lazy("họ và tên"), max_length=200)
    citizen_phone = models.CharField(gettext_lazy("điện thoại"), max_length=20, blank=True, db_index=True)
    citizen_email = models.EmailField(gettext_lazy("thư điện tử"), blank=True)
    citizen_address = models.CharField(gettext_lazy("địa chỉ"), max_length=255, blank=True)
    citizen_id_number = models.CharField(gettext_lazy("số định danh"), max_length=20, blank=True)
    reply_via = models.CharField(gettext_lazy("trả lời qua"), max_length=10, choices=ReplyVia.choices)
    consent_publish = models.BooleanField(gettext_lazy("đồng ý công khai"), default=False)

    unit = models.ForeignKey(
        Unit, verbose_name=gettext_lazy("đơn vị xử lý"), on_delete=models.PROTECT, related_name="+"
    )
    official = models.ForeignKey(
        Official,
        verbose_name=gettext_lazy("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        FrontMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )
    similarity = models.FloatField(null=True, blank=True)

    received_at = models.DateTimeField(gettext_lazy("thời điểm tiếp nhận"))
    received_on = models.DateField(gettext_lazy("ngày bắt đầu tính hạn"))
    due_on = models.DateField(gettext_lazy("hạn giải quyết"), null=True, blank=True)
    info_requested_at = models.DateTimeField(null=True, blank=True)
    info_request_on_time = models.BooleanField(null=True)
    handled_on = models.DateField(gettext_lazy("ngày trả lời"), null=True, blank=True)
    handled_on_time = models.BooleanField(gettext_lazy("trả lời đúng hạn"), null=True)
    handled_how = models.CharField(max_length=12, choices=HandledHow.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    published_at = models.DateTimeField(null=True, blank=True)
    public_title = models.CharField(max_length=200, blank=True)
    public_text = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)
    # A published answer withdrawn from the public site (personal data slipped through, an error): hidden
    # everywhere public until published again. ``published_at`` keeps the first publication (the
    # on-time indicator is judged on it).
    withdrawn_at = models.DateTimeField(gettext_lazy("gỡ khỏi trang công khai lúc"), null=True, blank=True)
    withdrawal_reason = models.TextField(gettext_lazy("lý do gỡ"), blank=True)

    satisfied = models.BooleanField(null=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    rating_comment = models.TextField(blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome_note = models.TextField(gettext_lazy("lý do, hướng dẫn"), blank=True)

    ip_hash = models.CharField(max_length=64, blank=True)
    message_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    api_key = models.ForeignKey(ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    open311_token = models.CharField(max_length=40, null=True, blank=True, unique=True)
    open311_account_id = models.CharField(max_length=100, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("phản ánh, kiến nghị")
        verbose_name_plural = gettext_lazy("phản ánh, kiến nghị")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "received_on"]),
            models.Index(fields=["jurisdiction", "received_on"]),
            models.Index(fields=["ward", "category", "received_at"]),
            models.Index(fields=["handled_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_pakn(self) -> bool:
        return self.kind in PAKN_KINDS

    @property
    def is_public(self) -> bool:
        """Shown on the public site and through Open311: published with consent, not withdrawn."""
        return bool(
            self.published_at
            and self.consent_publish
            and self.withdrawn_at is None
            and self.kind not in OUT_OF_SCOPE_KINDS
        )


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never carries the citizen's file name (it may hold a name or a phone number).
    return f"feedback/{instance.petition.received_at:%Y/%m}/{instance.petition.code}-{instance.token}"


class Attachment(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32)
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(gettext_lazy("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    added_by_citizen = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("tệp đính kèm")
        verbose_name_plural = gettext_lazy("tệp đính kèm")
        ordering = ["petition", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ClockKind(models.TextChoices):
    TRIAGE = "triage", gettext_noop("Phân loại, từ chối nếu không tiếp nhận")
    PROCESS = "process", gettext_noop("Xử lý, trả lời")
    ACCEPT = "accept", gettext_noop("Tiếp nhận hoặc từ chối yêu cầu giải trình")
    ANSWER = "answer", gettext_noop("Giải trình")
    PUBLISH = "publish", gettext_noop("Công khai kết quả")


class Clock(models.Model):
    """One legal time limit of a petition. Its arithmetic and reminders live in its ``Deadline``."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="clocks")
    kind = models.CharField(max_length=10, choices=ClockKind.choices)
    round = models.PositiveSmallIntegerField(default=1)
    deadline = models.OneToOneField(
        Deadline, null=True, blank=True, on_delete=models.PROTECT, related_name="feedback_clock"
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    on_time = models.BooleanField(null=True)
    closed_note = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = gettext_lazy("thời hạn xử lý")
        verbose_name_plural = gettext_lazy("thời hạn xử lý")
        ordering = ["petition", "opened_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "kind", "round"], name="feedback_clock_once")
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind}#{self.round}"


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("Dự thảo, chờ duyệt")
    RETURNED = "returned", gettext_noop("Lãnh đạo trả lại")
    SENT = "sent", gettext_noop("Đã duyệt và gửi")


class Answer(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="answers")
    round = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(gettext_lazy("nội dung trả lời"))
    legal_basis = models.TextField(gettext_lazy("căn cứ pháp lý"), blank=True)
    # ND 59/2019: the explanation document states the results of any meetings with the requester.
    meeting_results = models.TextField(gettext_lazy("kết quả làm việc, đối thoại"), blank=True)
    status = models.CharField(max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(gettext_lazy("ý kiến của lãnh đạo"), blank=True)
    sent_via = models.CharField(max_length=10, choices=ReplyVia.choices, blank=True)

    class Meta:
        verbose_name = gettext_lazy("trả lời")
        verbose_name_plural = gettext_lazy("trả lời")
        ordering = ["petition", "drafted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition_id} vòng {self.round} ({self.get_status_display()})"
