"""Response headers every page carries, and the refusal of input no view can store or answer.

NUL bytes cannot be stored by PostgreSQL (``DataError``), a body declared in another charset than
UTF-8 makes Django raise inside its own error handler, and JSON nested deeper than Python's recursion
limit raises ``RecursionError`` in any parser. All three are refused here, before sessions, CSRF or a
view read the request, with a 400 in Vietnamese: a page for people, JSON for the API, Open311's error
list for Open311 clients.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string

NUL_PATH = "Địa chỉ trang chứa ký tự không hợp lệ (ký tự rỗng)."
NUL_QUERY = "Tham số «{name}» trên địa chỉ trang chứa ký tự không hợp lệ (ký tự rỗng)."
NUL_FIELD = "Ô «{name}» chứa ký tự không hợp lệ (ký tự rỗng). Vui lòng nhập lại."
NUL_BODY = "Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự rỗng, \\u0000)."
NUL_COOKIE = "Trình duyệt gửi cookie chứa ký tự không hợp lệ. Vui lòng xoá cookie của trang rồi thử lại."
CHARSET = "Dữ liệu gửi lên phải được mã hoá UTF-8 (đã nhận bảng mã «{charset}»)."
BAD_BYTES = "Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ."
BAD_FORM = "Dữ liệu biểu mẫu gửi lên không đọc được (sai cấu trúc multipart)."
TOO_DEEP = "Dữ liệu JSON lồng nhau quá {depth} tầng; hệ thống không nhận."
TOO_BIG = (
    "Dữ liệu gửi lên lớn quá {mb} MB; hệ thống không nhận. Hãy gửi thành nhiều lần "
    "(tệp lớn: dùng trang nhập hồ sơ hoặc lệnh cchc import-dossiers)."
)
TOO_MANY = "Biểu mẫu gửi lên có quá nhiều ô hoặc quá nhiều tệp; hệ thống không nhận."

UTF8 = {"utf-8", "utf8", "us-ascii", "ascii"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# Far deeper than any document the API or an import accepts (a dossier is 3-4 levels deep).
MAX_JSON_DEPTH = 64
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


class PermissionsPolicyMiddleware:
    """Switches off browser features no page uses (camera, microphone, …) on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.CCHC_PERMISSIONS_POLICY)
        return response


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings skipped), without recursion."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(_STRINGS.sub(b'""', body)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def hostile_input(request: HttpRequest) -> str | None:
    """Why this request cannot be served, in Vietnamese, or None."""
    try:
        return _hostile_input(request)
    except RequestDataTooBig:
        # Django refuses to read a body above DATA_UPLOAD_MAX_MEMORY_SIZE; unanswered here, the error
        # would surface before the user is known, and the error page itself would fail.
        return TOO_BIG.format(mb=max(1, int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) // (1024 * 1024)))
    except (TooManyFieldsSent, TooManyFilesSent):
        return TOO_MANY


def _hostile_input(request: HttpRequest) -> str | None:
    if "\x00" in request.path_info or b"\x00" in unquote_to_bytes(request.META.get("PATH_INFO", "")):
        return NUL_PATH
    if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.META.get("QUERY_STRING", ""):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in v for v in values):
                return NUL_QUERY.format(name=name.replace("\x00", "") or "?")
        return NUL_QUERY.format(name="?")
    if any("\x00" in k or "\x00" in v for k, v in request.COOKIES.items()):
        return NUL_COOKIE
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    charset = (request.content_params or {}).get("charset", "").strip().lower()
    if charset and charset not in UTF8:
        return CHARSET.format(charset=charset[:40])
    if content_type in FORM_TYPES:
        return _hostile_form(request)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) == 0:
        return None
    body = request.body
    if b"\x00" in body or re.search(rb"\\u0000", body, re.IGNORECASE):
        return NUL_BODY
    if content_type.endswith("json") or body[:1] in (b"[", b"{"):
        # Fewer brackets than the limit cannot nest deeper than it: most bodies skip the scan.
        if body.count(b"[") + body.count(b"{") > MAX_JSON_DEPTH and json_depth(body) > MAX_JSON_DEPTH:
            return TOO_DEEP.format(depth=MAX_JSON_DEPTH)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return BAD_BYTES
    return None


def _hostile_form(request: HttpRequest) -> str | None:
    if request.content_type == "application/x-www-form-urlencoded":
        try:
            request.body.decode("utf-8")
        except UnicodeDecodeError:
            return BAD_BYTES
    try:
        fields, files = request.POST, request.FILES
    except MultiPartParserError:  # no or a broken boundary: Django would answer 500
        return BAD_FORM
    for name, values in fields.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            return NUL_FIELD.format(name=name.replace("\x00", "") or "?")
    for name, uploads in files.lists():
        if "\x00" in name or any("\x00" in (getattr(u, "name", "") or "") for u in uploads):
            return NUL_FIELD.format(name=name.replace("\x00", "") or "?")
    return None


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    path = request.path_info.replace("\x00", "")
    if path.startswith("/open311/"):
        fmt = "xml" if path.endswith(".xml") else "json"
        if fmt == "json":
            return JsonResponse([{"code": 400, "description": message}], safe=False, status=400)
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code>'
            f"<description>{_xml_escape(message)}</description></error></errors>"
        )
        return HttpResponseBadRequest(body, content_type="text/xml; charset=utf-8")
    if path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": []}, status=400)  # the API's Error shape
    if path.startswith("/callbot/"):
        return JsonResponse({"detail": message, "speech": message}, status=400)  # the bot's Refusal shape
    if path.startswith("/ioc/"):
        return JsonResponse({"detail": message}, status=400)  # the IOC feed's Error shape
    # Rendered without the request: its context processors would read the very input refused here.
    return HttpResponseBadRequest(render_to_string("400.html", {"message": message}))


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class HostileInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        message = hostile_input(request)
        if message is not None:
            return bad_request(request, message)
        return self.get_response(request)
