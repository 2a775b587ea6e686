"""Training screens: the leader's coverage page, courses and their materials, classes with invitations,
attendance, results and certificates, and the training needs. Reads go through ``queries`` (out of
scope → 404); every change through ``actions`` (a refused one → 403 or a Vietnamese message)."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.params import id_param
from cchc.org.queries import officials_for, units_for, user_jurisdiction
from cchc.training import actions, exports, needs
from cchc.training.certificates import certificate_pdf
from cchc.training.forms import (
    ATTENDANCE_CHOICES,
    RESULT_CHOICES,
    CancelForm,
    ClassForm,
    CourseForm,
    DismissForm,
    InviteForm,
    MaterialForm,
    NeedForm,
)
from cchc.training.models import (
    ClassStatus,
    Course,
    NeedSource,
    NeedStatus,
    Topic,
    TrainingClass,
    TrainingNeed,
)
from cchc.training.queries import (
    audience_officials,
    can_manage,
    can_read,
    classes_for,
    courses_for,
    coverage,
    enrolments_for,
    listed_courses,
    listed_needs,
    needs_for,
    trained_ids,
)


def _reader(request: HttpRequest) -> None:
    if not can_read(request.user):
        raise PermissionDenied(gettext("Trang này dành cho cán bộ, công chức theo dõi đào tạo, bồi dưỡng."))


def _manager(request: HttpRequest) -> None:
    if not can_manage(request.user):
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ quản lý việc đào tạo, bồi dưỡng."))


def _problems(form: Any = None, exc: ValidationError | None = None) -> str:
    out: list[str] = []
    if exc is not None:
        if hasattr(exc, "error_dict"):
            out.extend(str(m) for errs in exc.message_dict.values() for m in errs)
        else:
            out.extend(exc.messages)
    if form is not None:
        for name, errs in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            out.extend(f"{label}: {e}" if label else str(e) for e in errs)
    return gettext("Chưa thực hiện được.") + " " + " ".join(out)


# --- the leader's page ---------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse | FileResponse:
    _reader(request)
    if request.GET.get("xuat") == "xlsx":
        return exports.untrained_xlsx(coverage(request.user))
    today = timezone.localdate()
    classes = classes_for(request.user).select_related("course", "course__topic")
    upcoming = list(
        classes.filter(status=ClassStatus.PLANNED, start_date__gte=today)
        .annotate(invited=Count("enrolments"))
        .order_by("start_date")[:6]
    )
    recent = list(
        classes.filter(status__in=[ClassStatus.HELD, ClassStatus.CLOSED])
        .annotate(
            invited=Count("enrolments"),
            present=Count("enrolments", filter=Q(enrolments__attendance="present")),
        )
        .order_by("-start_date")[:6]
    )
    open_needs = needs_for(request.user).filter(status=NeedStatus.OPEN)
    by_source = dict(open_needs.values_list("source").annotate(n=Count("pk")).order_by())
    return render(
        request,
        "training/index.html",
        {
            "coverage": coverage(request.user),
            "upcoming": upcoming,
            "recent": recent,
            "open_needs": sum(by_source.values()),
            "by_source": [(label, by_source.get(value, 0)) for value, label in NeedSource.choices],
            "can_manage": can_manage(request.user),
        },
    )


# --- courses and materials -----------------------------------------------------------------------------


@login_required
def course_list(request: HttpRequest) -> HttpResponse | FileResponse:
    _reader(request)
    courses = listed_courses(request.user)
    if request.GET.get("xuat") == "xlsx":
        return exports.courses_xlsx(courses)
    return render(
        request, "training/course_list.html", {"courses": courses, "can_manage": can_manage(request.user)}
    )


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    area = user_jurisdiction(request.user)
    units = units_for(request.user)
    form = CourseForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if area is None:
                raise PermissionDenied(gettext("Tài khoản chưa gắn với địa bàn."))
            course = actions.create_course(
                request.user,
                area,
                topic=data["topic"],
                title=data["title"],
                audience=data["audience"],
                organiser=data["organiser"],
                trainer=data["trainer"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                description=data["description"],
            )
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                for err in errs:
                    form.add_error(field if field in form.fields else None, err)
        else:
            messages.success(request, gettext("Đã tạo khóa bồi dưỡng."))
            return redirect("training:course_detail", course.pk)
    return render(request, "training/course_form.html", {"form": form}, status=400 if form.errors else 200)


def _course(request: HttpRequest, course_id: int) -> Course:
    qs = courses_for(request.user).select_related("topic", "organiser", "jurisdiction")
    return get_object_or_404(qs, pk=course_id)


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    _reader(request)
    course = _course(request, course_id)
    classes = course.classes.annotate(
        invited=Count("enrolments"),
        present=Count("enrolments", filter=Q(enrolments__attendance="present")),
    ).order_by("start_date", "pk")
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "materials": list(course.materials.all()),
            "classes": classes,
            "can_manage": can_manage(request.user)
            and courses_for(request.user, write=True).filter(pk=course.pk).exists(),
            "material_form": MaterialForm(),
            "class_form": ClassForm(initial={"start_date": course.start_date, "end_date": course.start_date}),
        },
    )


@login_required
def material_add(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id)
    if request.method != "POST":
        return redirect("training:course_detail", course.pk)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _problems(form))
        return redirect("training:course_detail", course.pk)
    try:
        actions.add_material(request.user, course, form.cleaned_data["file"])
    except ValidationError as exc:
        messages.error(request, _problems(exc=exc))
    else:
        messages.success(request, gettext("Đã thêm tài liệu."))
    return redirect("training:course_detail", course.pk)


@login_required
def material_download(request: HttpRequest, course_id: int, material_id: int) -> FileResponse:
    course = _course(request, course_id)
    row = get_object_or_404(course.materials, pk=material_id)
    kind = mimetypes.guess_type(row.name)[0] or "application/octet-stream"
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name, content_type=kind)


@login_required
def material_remove(request: HttpRequest, course_id: int, material_id: int) -> HttpResponse:
    course = _course(request, course_id)
    row = get_object_or_404(course.materials, pk=material_id)
    if request.method == "POST":
        actions.remove_material(request.user, row)
        messages.success(request, gettext("Đã gỡ tài liệu."))
    return redirect("training:course_detail", course.pk)


@login_required
def class_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(request, course_id)
    if request.method != "POST":
        return redirect("training:course_detail", course.pk)
    form = ClassForm(request.POST)
    if not form.is_valid():
        messages.error(request, _problems(form))
        return redirect("training:course_detail", course.pk)
    try:
        cls = actions.schedule_class(request.user, course, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _problems(exc=exc))
        return redirect("training:course_detail", course.pk)
    messages.success(request, gettext("Đã lên lịch lớp. Hãy mời học viên."))
    return redirect("training:class_detail", cls.pk)


# --- classes ------------------------------------------------------------------------------------------


def _class(request: HttpRequest, class_id: int) -> TrainingClass:
    qs = classes_for(request.user).select_related(
        "course", "course__topic", "course__organiser", "course__jurisdiction"
    )
    return get_object_or_404(qs, pk=class_id)


def _candidates(cls: TrainingClass, user: Any) -> tuple[Any, set[int]]:
    """Whom a class may invite: officials with an open need on its topic first (ticked), then the
    topic's audience not yet trained, then everyone else of the area."""
    topic = cls.course.topic
    scope = officials_for(user).filter(is_active=True)
    needed = set(
        TrainingNeed.objects.filter(topic=topic, status=NeedStatus.OPEN, official__in=scope).values_list(
            "official_id", flat=True
        )
    )
    audience = audience_officials(topic, scope)
    untrained = set(audience.values_list("pk", flat=True)) - trained_ids(topic, audience.values("pk"))
    already = set(cls.enrolments.values_list("official_id", flat=True))
    pool = scope.exclude(pk__in=already).select_related("unit")
    return pool, (needed | untrained) - already


@login_required
def class_detail(request: HttpRequest, class_id: int) -> HttpResponse | FileResponse:
    _reader(request)
    cls = _class(request, class_id)
    manage = can_manage(request.user) and classes_for(request.user, write=True).filter(pk=cls.pk).exists()
    roster = (
        enrolments_for(request.user).filter(training_class=cls).select_related("official", "official__unit")
    )
    if request.GET.get("xuat") == "xlsx":
        return exports.roster_xlsx(cls, roster)
    rows = list(roster)
    context: dict[str, Any] = {
        "cls": cls,
        "course": cls.course,
        "rows": rows,
        "invited": cls.enrolments.count(),
        "can_manage": manage,
        "today": timezone.localdate(),
        "attendance_choices": ATTENDANCE_CHOICES,
        "result_choices": RESULT_CHOICES,
        "materials": list(cls.course.materials.all()),
        "can_mark": manage
        and cls.status in (ClassStatus.PLANNED, ClassStatus.HELD)
        and cls.start_date <= timezone.localdate(),
        "can_grade": manage and cls.status in (ClassStatus.HELD, ClassStatus.CLOSED),
    }
    if manage and cls.status == ClassStatus.PLANNED:
        pool, suggested = _candidates(cls, request.user)
        people = sorted(pool, key=lambda o: (o.pk not in suggested, o.unit.path, o.full_name))
        context["invite_people"] = people
        context["suggested"] = suggested
        context["cancel_form"] = CancelForm()
    return render(request, "training/class_detail.html", context)


@login_required
def class_invite(request: HttpRequest, class_id: int) -> HttpResponse:
    cls = _class(request, class_id)
    if request.method != "POST":
        return redirect("training:class_detail", cls.pk)
    _manager(request)
    form = InviteForm(request.POST, officials=officials_for(request.user).filter(is_active=True))
    if not form.is_valid():
        messages.error(request, _problems(form))
        return redirect("training:class_detail", cls.pk)
    try:
        rows = actions.invite(request.user, cls, form.cleaned_data["officials"])
    except ValidationError as exc:
        messages.error(request, _problems(exc=exc))
    else:
        messages.success(
            request, gettext("Đã mời %(n)s cán bộ; giấy mời gửi qua thư điện tử.") % {"n": len(rows)}
        )
    return redirect("training:class_detail", cls.pk)


def _marks(request: HttpRequest, prefix: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for key, value in request.POST.items():
        if key.startswith(prefix):
            raw = key[len(prefix) :]
            pk = id_param(raw)
            if pk is None:
                raise ValidationError(
                    gettext("Dòng “%(row)s” không có trong danh sách lớp này.") % {"row": raw[:20]}
                )
            out[pk] = str(value)
    if not out:
        raise ValidationError(gettext("Chưa có học viên nào trong biểu mẫu."))
    return out


@login_required
def class_attendance(request: HttpRequest, class_id: int) -> HttpResponse:
    cls = _class(request, class_id)
    if request.method != "POST":
        return redirect("training:class_detail", cls.pk)
    _manager(request)
    try:
        closed = actions.record_attendance(request.user, cls, _marks(request, "att-"))
    except ValidationError as exc:
        messages.error(request, _problems(exc=exc))
    else:
        extra = " " + gettext("Đã đóng %(n)s nhu cầu bồi dưỡng.") % {"n": closed} if closed else ""
        messages.success(request, gettext("Đã ghi điểm danh.") + extra)
    return redirect("training:class_detail", cls.pk)


@login_required
def class_results(request: HttpRequest, class_id: int) -> HttpResponse:
    cls = _class(request, class_id)
    if request.method != "POST":
        return redirect("training:class_detail", cls.pk)
    _manager(request)
    try:
        results = _marks(request, "res-")
        scores = {k: request.POST.get(f"score-{k}", "") for k in results}
        issued = actions.record_results(request.user, cls, {k: (v, scores[k]) for k, v in results.items()})
    except ValidationError as exc:
        messages.error(request, _problems(exc=exc))
    else:
        messages.success(request, gettext("Đã ghi kết quả; cấp %(n)s giấy chứng nhận.") % {"n": issued})
    return redirect("training:class_detail", cls.pk)


@login_required
def class_cancel(request: HttpRequest, class_id: int) -> HttpResponse:
    cls = _class(request, class_id)
    if request.method != "POST":
        return redirect("training:class_detail", cls.pk)
    _manager(request)
    form = CancelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": gettext("Cần ghi lý do hủy lớp.")})
        actions.cancel_class(request.user, cls, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, _problems(exc=exc))
    else:
        messages.success(request, gettext("Đã hủy lớp và báo cho học viên đã mời."))
    return redirect("training:class_detail", cls.pk)


@login_required
def certificate(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The certificate as a PDF: for Internal Affairs, the jurisdiction's readers, the unit's head and
    the official themselves (``enrolments_for``)."""
    row = get_object_or_404(
        enrolments_for(request.user).select_related(
            "official", "official__unit", "training_class", "training_class__course"
        ),
        pk=enrolment_id,
    )
    if not row.certificate_number:
        raise PermissionDenied(gettext("Học viên chưa được cấp giấy chứng nhận."))
    response = HttpResponse(certificate_pdf(row), content_type="application/pdf")
    safe = row.certificate_number.replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="giay-chung-nhan-{safe}.pdf"'
    return response


# --- needs --------------------------------------------------------------------------------------------


@login_required
def need_list(request: HttpRequest) -> HttpResponse | FileResponse:
    _reader(request)
    status = str(request.GET.get("trang_thai") or NeedStatus.OPEN)
    if status not in NeedStatus.values:
        status = NeedStatus.OPEN
    source = str(request.GET.get("can_cu") or "")
    topic_id = id_param(request.GET.get("chu_de"))
    if source not in NeedSource.values:
        source = ""
    qs = listed_needs(request.user, status, source, topic_id)
    if request.GET.get("xuat") == "xlsx":
        return exports.needs_xlsx(qs, status, source, topic_id)
    manage = can_manage(request.user)
    return render(
        request,
        "training/need_list.html",
        {
            "needs": qs[:500],
            "total": qs.count(),
            "status": status,
            "source": source,
            "topic_id": topic_id,
            "statuses": NeedStatus.choices,
            "sources": NeedSource.choices,
            "topics": Topic.objects.filter(is_active=True),
            "can_manage": manage,
            "need_form": NeedForm(officials=officials_for(request.user).filter(is_active=True))
            if manage
            else None,
            "dismiss_form": DismissForm() if manage else None,
        },
    )


@login_required
def need_propose(request: HttpRequest) -> HttpResponse:
    _manager(request)
    if request.method == "POST":
        area = user_jurisdiction(request.user)
        if area is None:
            raise PermissionDenied(gettext("Tài khoản chưa gắn với địa bàn."))
        found = needs.propose_needs(request.user, area, today=timezone.localdate())
        parts = [
            f"{gettext(label)}: {found.counts.get(value, 0)}"
            for value, label in NeedSource.choices
            if value in found.counts
        ]
        messages.success(
            request,
            gettext("Đã đề xuất %(n)s nhu cầu mới (%(parts)s).")
            % {"n": found.total, "parts": "; ".join(parts)},
        )
    return redirect("training:need_list")


@login_required
def need_add(request: HttpRequest) -> HttpResponse:
    _manager(request)
    if request.method != "POST":
        return redirect("training:need_list")
    form = NeedForm(request.POST, officials=officials_for(request.user).filter(is_active=True))
    if not form.is_valid():
        messages.error(request, _problems(form))
        return redirect("training:need_list")
    try:
        need = actions.add_need(
            request.user,
            form.cleaned_data["official"],
            form.cleaned_data["topic"],
            evidence=form.cleaned_data["evidence"],
        )
    except ValidationError as exc:
        messages.error(request, _problems(exc=exc))
    else:
        messages.success(
            request,
            gettext("Đã ghi nhu cầu bồi dưỡng.")
            if need
            else gettext("Cán bộ này đã có nhu cầu đang mở về chủ đề đó."),
        )
    return redirect("training:need_list")


@login_required
def need_dismiss(request: HttpRequest, need_id: int) -> HttpResponse:
    need = get_object_or_404(needs_for(request.user), pk=need_id)
    if request.method != "POST":
        return redirect("training:need_list")
    _manager(request)
    form = DismissForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": gettext("Cần ghi lý do không cần bồi dưỡng.")})
        actions.dismiss_need(request.user, need, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, _problems(exc=exc))
    else:
        messages.success(request, gettext("Đã đóng nhu cầu."))
    return redirect("training:need_list")
