"""On the public look-up page, a citizen who has just proved their dossier (its code and the phone
declared when filing) chooses to receive progress messages by Zalo, SMS or e-mail, or stops them.

The look-up result carries a token the server signed after the proof (the dossier code, valid
``TOKEN_MAX_AGE`` seconds; ``django.core.signing``); the typed phone is never written back into the
page. A forged, altered or expired token is refused and nothing is recorded. Zalo and SMS go to the
phone declared in the dossier (the one just proved); e-mail to the address typed.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cchc.dossiers import status_messages
from cchc.dossiers.actions.consents import ConsentNotAllowed, consent, withdraw
from cchc.dossiers.forms_consent import PublicConsentForm
from cchc.dossiers.models import Dossier
from cchc.dossiers.queries import mask_digits, mask_email
from cchc.notify.models import ConsentChannel, ConsentPlace
from cchc.notify.queries import consent_in_force

SALT = "cchc.portal.lookup-consent"
TOKEN_MAX_AGE = 30 * 60
EXPIRED = gettext_noop(
    "Phiên tra cứu đã hết hạn hoặc không hợp lệ. Vui lòng tra cứu lại hồ sơ bằng mã hồ sơ và số điện "
    "thoại, rồi chọn cách nhận thông báo."
)


def token_for(code: str) -> str:
    return signing.dumps(code, salt=SALT, compress=False)


def consent_context(code: str) -> dict[str, Any]:
    """What the look-up result shows about messages: the consent in force (masked) and the form."""
    given = consent_in_force(status_messages.OBJECT_TYPE, code)
    shown = ""
    if given is not None:
        shown = (
            mask_email(given.address) if given.channel == ConsentChannel.EMAIL else mask_digits(given.address)
        )
    form = PublicConsentForm(initial={"token": token_for(code), "action": "give", "channel": "zalo"})
    return {"consent": given, "consent_address": shown, "consent_form": form}


GUIDE = gettext_noop(
    "Để đăng ký hoặc ngừng nhận thông báo, hãy tra cứu hồ sơ bằng mã hồ sơ và số điện thoại đã khai khi "
    "nộp, rồi chọn cách nhận thông báo ngay dưới kết quả tra cứu."
)


@never_cache
@require_http_methods(["GET", "POST"])
def lookup_consent(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _done(request, "", "", 200, gettext(GUIDE))
    form = PublicConsentForm(request.POST)
    if not form.is_valid():
        return _done(request, "", "; ".join(str(e) for errs in form.errors.values() for e in errs), 400)
    try:
        code = signing.loads(form.cleaned_data["token"], salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # includes an expired signature
        return _done(request, "", gettext(EXPIRED), 403)
    dossier = Dossier.objects.filter(code=code).first() if isinstance(code, str) else None
    if dossier is None:
        return _done(request, "", gettext(EXPIRED), 403)
    if form.cleaned_data["action"] == "withdraw":
        withdraw(None, dossier, where=ConsentPlace.LOOKUP)
        return _done(request, gettext("Bạn sẽ không nhận thông báo về hồ sơ này nữa."), "", 200)
    channel = form.cleaned_data["channel"]
    address = form.cleaned_data["email"] if channel == ConsentChannel.EMAIL else dossier.applicant_phone
    try:
        given = consent(None, dossier, channel=channel, address=address, where=ConsentPlace.LOOKUP)
    except ConsentNotAllowed as exc:
        return _done(request, "", exc.message, 400)
    return _done(
        request,
        gettext("Đã đăng ký: bạn sẽ nhận thông báo về hồ sơ %(code)s qua %(channel)s.")
        % {"code": dossier.code, "channel": gettext(given.get_channel_display())},
        "",
        200,
    )


def _done(request: HttpRequest, message: str, error: str, status: int, guide: str = "") -> HttpResponse:
    return render(
        request,
        "portal/lookup_consent.html",
        {"message": message, "error": error, "guide": guide},
        status=status,
    )
