from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cchc.accounts.models import User
from cchc.accounts.roles import Role
from cchc.core.queries import AUDIT_READERS, audit_events_for
from cchc.org.models import Unit
from cchc.org.queries import officials_for, units_for, user_jurisdiction, user_unit

# What each role's first page is about, until later issues fill them with their own figures.
ROLE_FOCUS: dict[str, str] = {
    Role.LEADER: "Đơn vị nào đang chậm, chậm việc gì, ai chịu trách nhiệm.",
    Role.SECRETARIAT: "Theo dõi chỉ số CCHC, khảo sát, kiểm tra và tổ chức bộ máy.",
    Role.OFFICE: "Sổ theo dõi văn bản chỉ đạo, đôn đốc nhiệm vụ, thống kê hồ sơ.",
    Role.UNIT_HEAD: "Nhiệm vụ, hồ sơ và phản ánh của đơn vị mình.",
    Role.UNIT_OFFICER: "Cập nhật tiến độ, trả lời phản ánh, xử lý hồ sơ.",
    Role.ONE_STOP: "Tiếp nhận, trả kết quả hồ sơ, phiếu xin lỗi, đánh giá của người dân.",
    Role.FRONT: "Giám sát, tập hợp ý kiến cử tri chuyển UBND xử lý.",
    Role.AUDITOR: "Xem toàn bộ dữ liệu, không thay đổi.",
}


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from cchc.portal.views import landing

        return landing(request)
    user = cast(User, request.user)
    units = Unit.objects.current().filter(pk__in=units_for(user).values("pk"))
    unit = user_unit(user)
    context = {
        "role_label": user.get_role_display()
        if user.role
        else ("Quản trị hệ thống" if user.is_superuser else ""),
        "role_focus": ROLE_FOCUS.get(user.role, ""),
        "unit": unit,
        "head": unit.accountable_head() if unit else None,
        "jurisdiction": user_jurisdiction(user),
        "unit_count": units.count(),
        "official_count": officials_for(user).filter(is_active=True).count(),
        "units_without_head": [
            u for u in units.prefetch_related("heads")[:500] if u.accountable_head() is None
        ],
    }
    if user.role == Role.SECRETARIAT or user.is_superuser:
        from cchc.calendar.queries import missing_next_year

        # The yearly reminder to load next year's announced schedule (issue 2, deliverable 6).
        context["calendar_missing_year"] = missing_next_year(user_jurisdiction(user), timezone.localdate())
    return render(request, f"core/home_{user.role or 'admin'}.html", context)


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not (user.is_superuser or user.role in AUDIT_READERS):
        raise PermissionDenied
    events = audit_events_for(user)
    q = request.GET.get("q", "").strip()
    if q:
        events = events.filter(summary__icontains=q) | events.filter(actor_name__icontains=q)
    page = Paginator(events, 50).get_page(request.GET.get("trang"))
    return render(request, "core/audit.html", {"page": page, "q": q})
