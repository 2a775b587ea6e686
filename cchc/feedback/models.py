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
from django.utils.translation import gettext_noop

from cchc.deadlines.models import Deadline
from cchc.org.models import Jurisdiction, Official, Unit


class Category(models.Model):
    """A field of feedback (lĩnh vực); also an Open311 service (``code`` is the service_code)."""

    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name="địa bàn", on_delete=models.PROTECT)
    code = models.CharField("mã lĩnh vực", max_length=40)
    name = models.CharField("tên lĩnh vực", max_length=200)
    description = models.TextField("mô tả", blank=True)
    group = models.CharField("nhóm", max_length=100, blank=True)
    keywords = models.CharField("từ khoá", max_length=255, blank=True)
    # Routing (FixMyStreet's category → body, anchors B2): the ward committee where it happens, or a unit.
    route_to_ward = models.BooleanField("chuyển UBND phường, xã nơi xảy ra", default=False)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị xử lý", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField("đang sử dụng", default=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "lĩnh vực phản ánh"
        verbose_name_plural = "lĩnh vực phản ánh"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="feedback_category_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    FEEDBACK = "feedback", "Phản ánh"
    PETITION = "petition", "Kiến nghị"
    ACCOUNTABILITY = "accountability", "Yêu cầu giải trình"
    COMPLAINT = "complaint", "Khiếu nại"
    DENUNCIATION = "denunciation", "Tố cáo"


PAKN_KINDS = (Kind.FEEDBACK, Kind.PETITION)
OUT_OF_SCOPE_KINDS = (Kind.COMPLAINT, Kind.DENUNCIATION)


class Channel(models.TextChoices):
    WEB = "web", "Biểu mẫu trên cổng thông tin"
    HOTLINE = "hotline", "Đường dây nóng"
    WALK_IN = "walk_in", "Trực tiếp tại cơ quan"
    LETTER = "letter", "Thư, đơn gửi qua bưu điện"
    EMAIL = "email", "Thư điện tử"
    FRONT = "front", "Mặt trận Tổ quốc chuyển đến"
    OPEN311 = "open311", "Ứng dụng bên ngoài (Open311)"


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
    EMAIL = "email", "Thư điện tử"
    SMS = "sms", "Tin nhắn SMS"
    ZALO = "zalo", "Zalo"
    POST = "post", "Văn bản gửi qua bưu điện"
    FRONT = "front", "Qua Ủy ban MTTQ đã chuyển đến"


class HandledHow(models.TextChoices):
    ANSWERED = "answered", "Trả lời"
    REJECTED = "rejected", "Không tiếp nhận"
    REFUSED = "refused", "Từ chối yêu cầu giải trình"
    REDIRECTED = "redirected", "Hướng dẫn gửi đúng cơ quan"


class FrontMeeting(models.Model):
    """One meeting at which the Front gathered voters' opinions (Công văn 7190/UBND-NV, mục 5); each opinion
    becomes its own ``Petition`` pointing here."""

    unit = models.ForeignKey(Unit, verbose_name="tổ chức chuyển", on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("ngày họp")
    kind = models.CharField("hình thức", max_length=120)
    place = models.CharField("địa điểm", max_length=255)
    ward = models.ForeignKey(
        Jurisdiction,
        verbose_name="phường, xã",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attendees = models.PositiveIntegerField("số người dự", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hội nghị lấy ý kiến"
        verbose_name_plural = "hội nghị lấy ý kiến"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} — {self.place} ({self.held_on:%d/%m/%Y})"


class KeyPurpose(models.TextChoices):
    # One machinery for every key another system holds: issued by the secretariat for one area, shown
    # once, stored as a hash, revocable, rate-limited per key. The purpose says what the key opens.
    OPEN311 = "open311", "Ứng dụng phản ánh (Open311)"
    IOC = "ioc", "Trung tâm điều hành (IOC, chỉ đọc số liệu)"


class ApiKey(models.Model):
    """A key issued to one app or system. Only a hash is kept; the key is shown once, when created."""

    name = models.CharField("tên ứng dụng", max_length=120)
    purpose = models.CharField(
        "dùng cho", max_length=10, choices=KeyPurpose.choices, default=KeyPurpose.OPEN311
    )
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField("tiền tố", max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "khoá kết nối"
        verbose_name_plural = "khoá kết nối"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Petition(models.Model):
    code = models.CharField("mã theo dõi", max_length=20, unique=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    channel = models.CharField("kênh tiếp nhận", max_length=20, choices=Channel.choices)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    category = models.ForeignKey(Category, verbose_name="lĩnh vực", on_delete=models.PROTECT)
    ward = models.ForeignKey(
        Jurisdiction,
        verbose_name="phường, xã",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.CharField("địa điểm", max_length=255, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dossier_code = models.CharField("mã hồ sơ liên quan", max_length=64, blank=True)
    title = models.CharField("tiêu đề", max_length=200)
    text = models.TextField("nội dung")
    norm_text = models.TextField(blank=True, editable=False)  # for duplicate detection

    citizen_name = models.CharField("họ và tên", max_length=200)
    citizen_phone = models.CharField("điện thoại", max_length=20, blank=True, db_index=True)
    citizen_email = models.EmailField("thư điện tử", blank=True)
    citizen_address = models.CharField("địa chỉ", max_length=255, blank=True)
    citizen_id_number = models.CharField("số định danh", max_length=20, blank=True)
    reply_via = models.CharField("trả lời qua", max_length=10, choices=ReplyVia.choices)
    consent_publish = models.BooleanField("đồng ý công khai", default=False)

    unit = models.ForeignKey(Unit, verbose_name="đơn vị xử lý", on_delete=models.PROTECT, related_name="+")
    official = models.ForeignKey(
        Official,
        verbose_name="cán bộ xử lý",
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

    received_at = models.DateTimeField("thời điểm tiếp nhận")
    received_on = models.DateField("ngày bắt đầu tính hạn")
    due_on = models.DateField("hạn giải quyết", null=True, blank=True)
    info_requested_at = models.DateTimeField(null=True, blank=True)
    info_request_on_time = models.BooleanField(null=True)
    handled_on = models.DateField("ngày trả lời", null=True, blank=True)
    handled_on_time = models.BooleanField("trả lời đúng hạn", null=True)
    handled_how = models.CharField(max_length=12, choices=HandledHow.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    published_at = models.DateTimeField(null=True, blank=True)
    public_title = models.CharField(max_length=200, blank=True)
    public_text = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)
    # A published answer withdrawn from the public site (personal data slipped through, an error): hidden
    # everywhere public until published again. ``published_at`` keeps the first publication (the
    # on-time indicator is judged on it).
    withdrawn_at = models.DateTimeField("gỡ khỏi trang công khai lúc", null=True, blank=True)
    withdrawal_reason = models.TextField("lý do gỡ", blank=True)

    satisfied = models.BooleanField(null=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    rating_comment = models.TextField(blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome_note = models.TextField("lý do, hướng dẫn", blank=True)

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
        verbose_name = "phản ánh, kiến nghị"
        verbose_name_plural = "phản ánh, kiến nghị"
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
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    added_by_citizen = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["petition", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ClockKind(models.TextChoices):
    TRIAGE = "triage", "Phân loại, từ chối nếu không tiếp nhận"
    PROCESS = "process", "Xử lý, trả lời"
    ACCEPT = "accept", "Tiếp nhận hoặc từ chối yêu cầu giải trình"
    ANSWER = "answer", "Giải trình"
    PUBLISH = "publish", "Công khai kết quả"


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
        verbose_name = "thời hạn xử lý"
        verbose_name_plural = "thời hạn xử lý"
        ordering = ["petition", "opened_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "kind", "round"], name="feedback_clock_once")
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind}#{self.round}"


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo, chờ duyệt"
    RETURNED = "returned", "Lãnh đạo trả lại"
    SENT = "sent", "Đã duyệt và gửi"


class Answer(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="answers")
    round = models.PositiveSmallIntegerField(default=1)
    text = models.TextField("nội dung trả lời")
    legal_basis = models.TextField("căn cứ pháp lý", blank=True)
    # ND 59/2019: the explanation document states the results of any meetings with the requester.
    meeting_results = models.TextField("kết quả làm việc, đối thoại", blank=True)
    status = models.CharField(max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField("ý kiến của lãnh đạo", blank=True)
    sent_via = models.CharField(max_length=10, choices=ReplyVia.choices, blank=True)

    class Meta:
        verbose_name = "trả lời"
        verbose_name_plural = "trả lời"
        ordering = ["petition", "drafted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition_id} vòng {self.round} ({self.get_status_display()})"
