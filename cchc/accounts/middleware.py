"""Officials must pass the TOTP step before they reach any staff page, the admin included.

The check runs in ``process_view`` so that it applies to every view unless the view is marked
``@second_factor_exempt`` (the sign-in steps, logout, password reset): a new page anywhere, even under
/tai-khoan/, is protected by default.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from cchc.accounts.policy import second_factor_satisfied

# Paths a signed-in but not yet verified user may still reach whatever the view: the public site and
# static files.
EXEMPT_PREFIXES = ("/static/", "/media/", "/i18n/", "/cong-khai/", "/favicon.ico")


def second_factor_exempt[V: Callable[..., Any]](view: V) -> V:
    """Let a signed-in user who has not passed the second factor reach this view."""
    view.second_factor_exempt = True  # type: ignore[attr-defined]
    return view


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or second_factor_satisfied(user):
            return None
        if getattr(view_func, "second_factor_exempt", False) or request.path.startswith(EXEMPT_PREFIXES):
            return None
        target = reverse("accounts:otp")
        if request.headers.get("HX-Request"):
            # htmx would swap the step-2 page into a fragment; make it load the whole page instead
            # (and come back to the home page: the fragment's own URL is no page to return to).
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        if request.method in ("GET", "HEAD"):
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
