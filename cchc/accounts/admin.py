"""Accounts in the Vietnamese admin, for superusers only; the admin itself sits behind the two steps.

The admin's own login form would accept a password alone, so it is replaced by a redirect to the
two-step sign-in, and the site admits only users who passed (or, in the demo, were waived) the code.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from cchc.accounts import actions
from cchc.accounts.audit_events import AccountsEvents
from cchc.accounts.models import LoginFailure, User
from cchc.accounts.policy import second_factor_satisfied
from cchc.core.events import record


def _admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    if request.user.is_authenticated and second_factor_satisfied(request.user):
        # Signed in properly but not staff: sending them to the sign-in page would loop.
        raise PermissionDenied("Tài khoản của bạn không có quyền vào trang quản trị.")
    target = request.GET.get("next") or reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")


def _admin_has_permission(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and second_factor_satisfied(user))


def _admin_password_change(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    # The admin's own form changes a password without the re-entered password's lockout, the audit
    # event or the notice e-mail: one's own password is changed on the security page only.
    return HttpResponseRedirect(reverse("accounts:security"))


admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.password_change = _admin_password_change  # type: ignore[method-assign,assignment]
admin.site.has_permission = _admin_has_permission  # type: ignore[method-assign]


class SuperuserOnly:
    """Accounts decide who sees what: only superusers manage them, whatever their permissions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(User)
class AccountAdmin(SuperuserOnly, UserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Vai trò và phạm vi", {"fields": ("role", "official", "jurisdiction", "is_demo")}),
        ("Thông tin cá nhân", {"fields": ("first_name", "last_name", "email")}),
        (
            "Quyền hạn",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Thời điểm", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        ("Vai trò và phạm vi", {"fields": ("role", "official", "jurisdiction", "is_demo", "email")}),
    )
    list_display = ("username", "full_name", "role", "is_demo", "is_active", "is_superuser", "last_login")
    list_filter = ("role", "is_demo", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "email", "first_name", "last_name", "official__full_name", "official__code")
    raw_id_fields = ("official", "jurisdiction")
    list_select_related = ("official",)
    actions = ["reset_authenticator", "unlock_sign_in"]

    @admin.display(description="họ và tên")
    def full_name(self, obj: User) -> str:
        return obj.get_full_name()

    @admin.action(description="Gỡ ứng dụng xác thực (người dùng thiết lập lại khi đăng nhập)")
    def reset_authenticator(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            actions.reset_authenticator(request.user, user)
        messages.success(request, f"Đã gỡ ứng dụng xác thực của {queryset.count()} tài khoản.")

    @admin.action(description="Mở khoá đăng nhập")
    def unlock_sign_in(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            actions.unlock(request.user, user.get_username())
        messages.success(request, f"Đã mở khoá đăng nhập cho {queryset.count()} tài khoản.")

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """A superuser sets another account's password: Django's form, then the audit event and the
        notice e-mail every password change gets (actions.note_password_set_by_admin)."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, unquote(id))
            if user is not None:
                actions.note_password_set_by_admin(request.user, user)
        return response

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The admin bypasses actions.py; its changes still belong in the audit trail.
        changed = sorted(form.changed_data) if form is not None else []
        record(
            request.user,
            AccountsEvents.ACCOUNT_CHANGED if change else AccountsEvents.ACCOUNT_CREATED,
            obj,
            summary=f"{'Sửa' if change else 'Tạo'} tài khoản {obj.get_username()} trong trang quản trị",
            data={"fields": [f for f in changed if "password" not in f]},
        )


@admin.register(LoginFailure)
class LoginFailureAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ("username", "at", "ip")
    list_filter = ("at",)
    search_fields = ("username", "ip")
    date_hierarchy = "at"
    readonly_fields = ("username", "at", "ip")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
