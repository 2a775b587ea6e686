"""Officials must pass the TOTP step before they reach any staff page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Paths a signed-in but not yet verified user may still reach: the sign-in steps themselves, the
# public site and static files.
EXEMPT_PREFIXES = ("/tai-khoan/", "/static/", "/media/", "/i18n/", "/cong-khai/", "/favicon.ico")


def second_factor_satisfied(user: object) -> bool:
    if getattr(user, "is_verified", lambda: False)():
        return True
    # The demo may skip the second factor, for its own demo accounts only (issue 2, deliverable 5).
    return bool(settings.CCHC_DEMO_WITHOUT_2FA and getattr(user, "is_demo", False))


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not second_factor_satisfied(user)
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            return redirect("accounts:otp")
        return self.get_response(request)
