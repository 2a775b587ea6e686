"""Each role's first page (``/``): the role's panels; a visitor who is not signed in gets the public
front page."""

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from cchc.accounts.models import User
from cchc.core.roles import Role
from cchc.directives.queries import lead_tasks_for
from cchc.earlywarning.queries import apology_panel, at_risk_panel
from cchc.home.figures import due_soon_working_days, periods
from cchc.home.leader_panels import late_lists_awaiting_approval, leader_charts, satisfaction, slipping_units
from cchc.home.work_panels import (
    dossier_stats,
    front_opinions,
    late_list_state,
    late_this_month,
    officer_work,
    one_stop_desk,
    organisation_health,
    overdue_check,
    own_tasks,
    petitions_overdue,
    task_board,
    unit_tasks_overdue,
)
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.scorecards.queries import biggest_losses

# One line under each role's heading: what the page is for.
ROLE_FOCUS: dict[str, str] = {
    Role.LEADER: gettext_noop("Đơn vị nào đang chậm, chậm việc gì, ai chịu trách nhiệm."),
    Role.SECRETARIAT: gettext_noop("Theo dõi chỉ số CCHC, khảo sát, kiểm tra và tổ chức bộ máy."),
    Role.OFFICE: gettext_noop("Sổ theo dõi văn bản chỉ đạo, đôn đốc nhiệm vụ, thống kê hồ sơ."),
    Role.UNIT_HEAD: gettext_noop(
        "Những việc đơn vị phải trả lời: nhiệm vụ quá hạn, hồ sơ trễ hạn, phản ánh quá hạn."
    ),
    Role.UNIT_OFFICER: gettext_noop(
        "Việc của tôi: nhiệm vụ sắp đến hạn, phản ánh được giao, bước hồ sơ quá hạn."
    ),
    Role.ONE_STOP: gettext_noop("Tiếp nhận, trả kết quả hồ sơ, phiếu xin lỗi, đánh giá của người dân."),
    Role.FRONT: gettext_noop("Ý kiến, kiến nghị Mặt trận đã chuyển và kết quả xử lý."),
    Role.AUDITOR: gettext_noop("Chỉ xem: đơn vị nào đang chậm, chậm việc gì, ai chịu trách nhiệm."),
}


def _month(request: HttpRequest) -> str:
    return request.GET.get("thang", "").strip()[:20]


def _leader_page(request: HttpRequest, user: User, today: dt.date) -> dict[str, Any]:
    p = periods(user, _month(request), today)
    slipping = slipping_units(user, p)
    return {
        "periods": p,
        "slipping": slipping,
        "charts": leader_charts(user, p, slipping),
        "late_lists": late_lists_awaiting_approval(user),
        "may_approve": user.is_superuser or user.role == Role.LEADER,
        "satisfaction": satisfaction(user, p),
        "losses": biggest_losses(user),
    }


def _office_page(request: HttpRequest, user: User, today: dt.date) -> dict[str, Any]:
    p = periods(user, _month(request), today)
    return {
        "periods": p,
        "board": task_board(user, today),
        "stats": dossier_stats(user, p),
        "late_list": late_list_state(user, today),
    }


def _secretariat_page(request: HttpRequest, user: User, today: dt.date) -> dict[str, Any]:
    p = periods(user, _month(request), today)
    return {
        "periods": p,
        "own_tasks": own_tasks(user, lead_tasks_for(user), today),
        "check": overdue_check(user, today),
        "satisfaction": satisfaction(user, p),
        "health": organisation_health(user, today),
    }


def _unit_head_page(request: HttpRequest, user: User, today: dt.date) -> dict[str, Any]:
    p = periods(user, _month(request), today)
    unit = user_unit(user)
    return {
        "periods": p,
        "tasks": unit_tasks_overdue(user, today),
        "late": late_this_month(user, p),
        "petitions": petitions_overdue(user, today),
        "satisfaction": satisfaction(user, p, [unit] if unit else []),
        "at_risk": at_risk_panel(user),
        "losses": biggest_losses(user),
    }


def _unit_officer_page(request: HttpRequest, user: User, today: dt.date) -> dict[str, Any]:
    return {"work": officer_work(user, today), "at_risk": at_risk_panel(user)}


def _one_stop_page(request: HttpRequest, user: User, today: dt.date) -> dict[str, Any]:
    desk = one_stop_desk(user, today)
    return {"desk": desk, "apology": apology_panel(user, desk.horizon)}


def _front_page(request: HttpRequest, user: User, today: dt.date) -> dict[str, Any]:
    return {"opinions": front_opinions(user, today)}


def _admin_page(request: HttpRequest, user: User, today: dt.date) -> dict[str, Any]:
    return {**_leader_page(request, user, today), "health": organisation_health(user, today)}


PAGES: dict[str, Callable[[HttpRequest, User, dt.date], dict[str, Any]]] = {
    Role.LEADER: _leader_page,
    Role.AUDITOR: _leader_page,  # the same picture, read-only (the auditor reads everything, changes nothing)
    Role.OFFICE: _office_page,
    Role.SECRETARIAT: _secretariat_page,
    Role.UNIT_HEAD: _unit_head_page,
    Role.UNIT_OFFICER: _unit_officer_page,
    Role.ONE_STOP: _one_stop_page,
    Role.FRONT: _front_page,
}


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from cchc.portal.views import landing

        return landing(request)
    user = cast(User, request.user)
    today = timezone.localdate()
    unit = user_unit(user)
    context: dict[str, Any] = {
        "role_label": gettext(user.get_role_display())
        if user.role
        else (gettext("Quản trị hệ thống") if user.is_superuser else ""),
        "role_focus": gettext(ROLE_FOCUS[user.role]) if user.role in ROLE_FOCUS else "",
        "unit": unit,
        "head": unit.accountable_head(today) if unit else None,
        "jurisdiction": user_jurisdiction(user),
        "today": today,
        "due_soon_days": due_soon_working_days(),
    }
    page = PAGES.get(user.role) or (_admin_page if user.is_superuser else None)
    if page is not None:
        context.update(page(request, user, today))
    if user.role == Role.SECRETARIAT or user.is_superuser:
        from cchc.calendar.queries import missing_next_year

        # The yearly reminder to load next year's announced schedule.
        context["calendar_missing_year"] = missing_next_year(user_jurisdiction(user), today)
    return render(request, f"home/{user.role or 'admin'}.html", context)


def definitions(request: HttpRequest) -> HttpResponse:
    """ "Cách tính": what each figure shown on more than one page counts, one click from every figure.
    Public (a definition is not a secret, and the public late lists carry figures too)."""
    from cchc.dossiers.figures import DEFINITIONS, Definition
    from cchc.dossiers.rankings import league_min_dossiers

    return render(
        request,
        "home/definitions.html",
        {
            # Translated here, not with {% translate %} in the template: the tag looks a variable up with
            # its "%" doubled, which a text such as "không ghi 0 %" would then never match.
            "definitions": [Definition(d.anchor, gettext(d.title), gettext(d.text)) for d in DEFINITIONS],
            "min_finished": league_min_dossiers(),
        },
    )
