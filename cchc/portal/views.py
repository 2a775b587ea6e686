"""The public site (/cong-khai/): what a citizen can do without signing in.

Nothing here reads personal data except ``dossier_lookup``, which shows one dossier to whoever knows
both its code and the applicant's phone number, and even then only the masked name.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache

from cchc.accounts.policy import client_ip
from cchc.core import ratelimit
from cchc.dossiers.forms import LookupForm
from cchc.dossiers.models import LateList
from cchc.dossiers.queries import public_lookup
from cchc.dossiers.rankings import group_rows, published_late_lists
from cchc.portal.page_cache import shared_page

RATE_WINDOW_SECONDS = 3600
NOT_FOUND = gettext_noop(
    "Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại đã nhập. Vui lòng kiểm tra lại mã hồ sơ "
    "trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, và số điện thoại đã khai khi nộp hồ sơ."
)
TOO_MANY = gettext_noop(
    "Bạn đã tra cứu quá nhiều lần trong một giờ. Vui lòng thử lại sau, hoặc liên hệ Bộ phận một cửa "
    "nơi nộp hồ sơ."
)


@shared_page()
def landing(request: HttpRequest) -> HttpResponse:
    """The public front page: what a citizen can do here — every public service that works (the petition
    pages once an area takes petitions, i.e. has feedback categories)."""
    from cchc.feedback.routing import public_jurisdiction

    return render(request, "portal/landing.html", {"petitions_open": public_jurisdiction() is not None})


def lookup_rate() -> int:
    # UNCONFIRMED (no rule): a product default against guessing phone numbers, per installation.
    return int(getattr(settings, "CCHC_LOOKUP_RATE_PER_HOUR", 20))


def wrong_pair_rate() -> int:
    return int(getattr(settings, "CCHC_LOOKUP_WRONG_PAIR_PER_HOUR", 5))


def _address_limited(request: HttpRequest) -> bool:
    """Every attempt counts against the requester's address (one person trying many dossiers)."""
    ip = client_ip(request) or "unknown"
    return ratelimit.over_limit(f"cchc:lookup:ip:{ratelimit.hashed(ip)}", lookup_rate(), RATE_WINDOW_SECONDS)


def _pair_key(code: str, phone: str) -> str:
    return f"cchc:lookup:pair:{ratelimit.hashed(code.strip().upper() + '|' + phone)}"


def lookup_refused(request: HttpRequest, code: str, phone: str) -> bool:
    """Over a look-up limit: this attempt counted against the requester's address, or this code + phone
    pair already wrong too often. The web look-up and the phone answers share both limits."""
    return _address_limited(request) or pair_refused(code, phone)


def pair_refused(code: str, phone: str) -> bool:
    """This code + phone pair was already wrong too often (shared by every channel that looks up)."""
    return int(cache.get(_pair_key(code, phone), 0)) >= wrong_pair_rate()


def count_wrong_pair(code: str, phone: str) -> None:
    ratelimit.over_limit(_pair_key(code, phone), wrong_pair_rate(), RATE_WINDOW_SECONDS)


def lookup_attempt(request: HttpRequest) -> tuple[dict[str, Any], int]:
    """One look-up by code plus the applicant's phone (both must match), under the look-up limits: the
    form, the dossier found or None, the error shown, and the HTTP status. The public look-up page and the
    unit-website widget both answer through it.

    Limits: every attempt per requester address, and wrong answers per code + phone pair. Nothing is
    counted per code alone: twenty guesses at a predictable code must not lock it for its applicant.
    """
    result = None
    error = ""
    status = 200
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            code, phone = form.cleaned_data["code"], form.cleaned_data["phone"]
            if lookup_refused(request, code, phone):
                error, status = gettext(TOO_MANY), 429
            else:
                result = public_lookup(code, phone)
                if result is None:
                    error = gettext(NOT_FOUND)
                    count_wrong_pair(code, phone)
    else:
        form = LookupForm()
    return {"form": form, "result": result, "error": error}, status


@never_cache
@shared_page(shows_figures=False)  # the empty form only: a look-up is a POST, answered every time
def dossier_lookup(request: HttpRequest) -> HttpResponse:
    """Look a dossier up by its code plus the applicant's phone (``lookup_attempt``)."""
    context, status = lookup_attempt(request)
    result = context["result"]
    if result is not None:
        from cchc.portal.views_consent import consent_context

        context |= consent_context(result.code)
    return render(request, "portal/dossier_lookup.html", context, status=status)


@shared_page()
def late_lists(request: HttpRequest) -> HttpResponse:
    """Published monthly lists of units and officials with late dossiers (no applicant data)."""
    lists = list(published_late_lists().order_by("-month", "jurisdiction__name"))
    chosen: LateList | None = None
    wanted = request.GET.get("thang", "")
    for item in lists:
        if f"{item.month:%Y-%m}" == wanted:
            chosen = item
            break
    if chosen is None and lists:
        chosen = lists[0]
    units, officials = group_rows(chosen.rows or []) if chosen else ([], [])
    return render(
        request,
        "portal/late_lists.html",
        {"lists": lists, "chosen": chosen, "units": units, "officials": officials},
    )


@shared_page()
def reform_rankings(request: HttpRequest) -> HttpResponse:
    """The city index ranking of its agencies and wards, once the leader has approved it for publication."""
    from cchc.scorecards.queries import published_rankings

    releases = list(published_rankings().order_by("-version__year"))
    wanted = request.GET.get("nam", "")[:4]
    chosen = next((r for r in releases if str(r.version.year) == wanted), releases[0] if releases else None)
    return render(request, "portal/reform_rankings.html", {"releases": releases, "chosen": chosen})
