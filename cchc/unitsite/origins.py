"""Which websites may show a unit's widgets in a frame, and the header that tells the browser.

A registered address is an https origin: ``https://`` + host name (+ ``:port``), nothing after it. A
leading ``*.`` allows every subdomain of a name with at least two labels (``https://*.vungtau.gov.vn``),
never a bare top-level domain. Anything else — http, paths, user names, IP literals, spaces, control
characters, lone ``*`` — is refused with a message naming the field. Names in Vietnamese letters are
stored in their IDNA (punycode) form, which is what browsers compare.

The widget pages (and only they) answer with ``Content-Security-Policy: frame-ancestors 'self' <origins>``
and without ``X-Frame-Options``; every other page keeps ``frame-ancestors 'none'`` and ``DENY``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.csp import CSP
from django.utils.translation import gettext

MAX_LENGTH = 200
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def _refuse(message: str) -> ValidationError:
    # Each message is a whole sentence naming the field, translated where it is raised.
    return ValidationError({"origin": message})


def _bad_domain() -> str:
    return gettext(
        "Địa chỉ trang web: tên miền không hợp lệ; cần dạng ten-mien.gov.vn (không nhận địa chỉ IP)."
    )


def normalise_origin(raw: str) -> str:
    """The origin as stored and sent (``https://host[:port]``), or ``ValidationError`` saying why not."""
    text = (raw or "").strip()
    if not text:
        raise _refuse(gettext("Địa chỉ trang web: cần nhập địa chỉ, ví dụ https://phuong1.vungtau.gov.vn."))
    if len(text) > MAX_LENGTH:
        raise _refuse(gettext("Địa chỉ trang web: dài quá %(limit)s ký tự.") % {"limit": MAX_LENGTH})
    if any(ord(c) < 32 or ord(c) == 127 or c.isspace() for c in text):
        raise _refuse(gettext("Địa chỉ trang web: không được chứa khoảng trắng hay ký tự điều khiển."))
    if text.endswith("/"):
        text = text[:-1]
    scheme, sep, rest = text.partition("://")
    if not sep or scheme.lower() != "https":
        raise _refuse(
            gettext("Địa chỉ trang web: chỉ nhận trang chạy https, ví dụ https://phuong1.vungtau.gov.vn.")
        )
    if any(c in rest for c in "/?#@\\;,'\"<>()"):
        raise _refuse(
            gettext(
                "Địa chỉ trang web: chỉ ghi tên miền (và cổng nếu có), "
                "không ghi đường dẫn, tài khoản hay tham số."
            )
        )
    if "[" in rest or "]" in rest:
        raise _refuse(_bad_domain())
    host, colon, port = rest.rpartition(":") if ":" in rest else (rest, "", "")
    if colon and (not port.isascii() or not port.isdigit() or port.startswith("0") or int(port) > 65535):
        raise _refuse(gettext("Địa chỉ trang web: số cổng không hợp lệ."))
    wildcard = host.startswith("*.")
    name = host[2:] if wildcard else host
    if "*" in name:
        raise _refuse(gettext("Địa chỉ trang web: dấu * chỉ được đặt ở đầu, dạng https://*.vungtau.gov.vn."))
    try:
        ascii_name = name.encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        raise _refuse(gettext("Địa chỉ trang web: tên miền không hợp lệ.")) from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not _TLD.match(labels[-1]):
        raise _refuse(_bad_domain())
    return "https://" + ("*." if wildcard else "") + ascii_name + (f":{port}" if colon else "")


# What may reach the header, whatever the database holds: a scheme, a host name (with ``*.``) and a port,
# nothing that could end the directive or add a keyword. A row written around ``normalise_origin`` (the
# admin, a script, the browser test's local http server) is checked again here and left out if unsafe.
_SOURCE = re.compile(r"^https?://(?:\*\.)?[a-z0-9](?:[a-z0-9.-]{0,252}[a-z0-9])?(?::[1-9][0-9]{0,4})?$")


def widget_policy(origins: Iterable[str]) -> dict[str, Any]:
    """The site's Content-Security-Policy with ``frame-ancestors`` opened to ``origins`` (and to this
    site itself, where staff see the preview)."""
    policy = dict(settings.SECURE_CSP)
    safe = {o for o in origins if _SOURCE.match(o)}
    policy["frame-ancestors"] = [CSP.SELF, *sorted(safe)]
    return policy


def allow_framing(response: Any, origins: Iterable[str]) -> Any:
    """Let the browser show ``response`` inside the registered websites, and nowhere else."""
    response._csp_config = widget_policy(origins)
    response.xframe_options_exempt = True
    return response
