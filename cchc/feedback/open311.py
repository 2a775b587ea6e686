"""Open311 GeoReport v2 at /open311/v2/ (anchors O3-1; spec text: wiki.open311.org/GeoReport_v2 and
/Service_Discovery), so existing civic-reporting apps can file petitions here.

Formats: XML (required by the spec) and JSON (Spark convention: the same tree as arrays and objects).
Errors: HTTP 404 for what does not exist, 403 for a missing or wrong ``api_key``, 400 for the rest, with
the spec's body ``<errors><error><code/><description/></error></errors>`` / ``[{"code", "description"}]``.
Categories are the services; wards are a ``singlevaluelist`` attribute (``attribute[ward]``) of the
services handled by the ward committee. GET answers never carry personal data: the description and
coordinates appear only once the answer was published with the citizen's consent.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core import plausible
from cchc.feedback import antispam
from cchc.feedback.actions.citizen import key_for
from cchc.feedback.actions.intake import Intake, receive
from cchc.feedback.conf import setting
from cchc.feedback.models import OUT_OF_SCOPE_KINDS, Category, Channel, Kind, Petition, Status
from cchc.feedback.routing import public_jurisdiction, served_jurisdictions, wards_of
from cchc.lib.names import natural_sorted
from cchc.org.models import Jurisdiction

SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-01 00:00"
MAX_RESULTS = 1000
MAX_SPAN = dt.timedelta(days=90)
CLOSED = (Status.ANSWERED, Status.CLOSED, Status.REJECTED, Status.REDIRECTED)
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


class Open311Error(Exception):
    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__(descriptions)
        self.status = status
        self.descriptions = descriptions


# --- rendering ------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(parent: ET.Element, tag: str, value: Any) -> None:
    node = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for k, v in value.items():
            _fill(node, k, v)
    elif isinstance(value, list):
        for item in value:
            _fill(node, ITEM_TAGS.get(tag, "item"), item)
    elif value is not None:
        node.text = _text(value)


def render(data: Any, root: str, fmt: str, status: int = 200) -> HttpResponse:
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2)
        return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    top = ET.Element(root)
    if isinstance(data, list):
        for item in data:
            _fill(top, ITEM_TAGS[root], item)
    else:
        for k, v in data.items():
            _fill(top, k, v)
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="unicode")
    return HttpResponse(body.encode("utf-8"), status=status, content_type="text/xml; charset=utf-8")


def error(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    return render([{"code": status, "description": d} for d in descriptions], "errors", fmt, status)


def _w3(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _parse_w3(name: str, raw: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(raw.strip().replace(" ", "+"))
    except ValueError as exc:
        raise Open311Error(
            400, f"{name} phải theo định dạng w3/ISO 8601, ví dụ 2022-01-01T00:00:00+07:00."
        ) from exc
    if value.tzinfo is None:
        raise Open311Error(400, f"{name} phải ghi múi giờ (Z hoặc +07:00).")
    if reason := plausible.problem(value):
        raise Open311Error(400, f"{name}: {reason}")
    return value


# --- jurisdiction and services --------------------------------------------------------------------


def _jurisdiction(params: QueryDict) -> Jurisdiction:
    wanted = (params.get("jurisdiction_id") or "").strip()
    served = list(served_jurisdictions())
    if wanted:
        for j in served:
            if j.code == wanted:
                return j
        raise Open311Error(404, f"jurisdiction_id «{wanted}» không tồn tại.")
    if len(served) == 1:
        return served[0]
    configured = public_jurisdiction() if setting("CCHC_FEEDBACK_JURISDICTION") else None
    if configured is not None:
        return configured
    if not served:
        raise Open311Error(400, "Chưa có dịch vụ nào được cấu hình.")
    raise Open311Error(400, "Cần jurisdiction_id: máy chủ phục vụ nhiều địa bàn.")


def _service(c: Category) -> dict[str, Any]:
    return {
        "service_code": c.code,
        "service_name": c.name,
        "description": c.description or None,
        "metadata": c.route_to_ward,
        "type": str(setting("CCHC_OPEN311_SERVICE_TYPE")),
        "keywords": c.keywords or None,
        "group": c.group or None,
    }


def _category(j: Jurisdiction, code: str) -> Category:
    found = Category.objects.filter(jurisdiction=j, code=code, is_active=True).first()
    if found is None:
        raise Open311Error(404, f"service_code «{code}» không tồn tại.")
    return found


def _handle(fmt: str, fn: Any, *args: Any) -> HttpResponse:
    try:
        result: HttpResponse = fn(*args)
        return result
    except Open311Error as exc:
        return error(fmt, exc.status, *exc.descriptions)


@require_GET
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:discovery", args=[fmt])).rsplit("/", 1)[0]
    try:
        keys_page = request.build_absolute_uri(reverse("feedback:keys"))
    except Exception:  # the staff screens are not mounted
        keys_page = settings.SITE_URL
    data = {
        "changeset": CHANGESET,
        "contact": str(setting("CCHC_OPEN311_CONTACT")),
        "key_service": f"Khoá api_key do Thường trực CCHC (Phòng Nội vụ) cấp cho từng ứng dụng: {keys_page}",
        "endpoints": [
            {
                "specification": SPEC,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(data, "discovery", fmt)


@require_GET
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    def run() -> HttpResponse:
        j = _jurisdiction(request.GET)
        rows = Category.objects.filter(jurisdiction=j, is_active=True).order_by("order", "name")
        return render([_service(c) for c in rows], "services", fmt)

    return _handle(fmt, run)


@require_GET
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    def run() -> HttpResponse:
        j = _jurisdiction(request.GET)
        c = _category(j, code)
        attributes = []
        if c.route_to_ward:
            attributes.append(
                {
                    "variable": True,
                    "code": "ward",
                    "datatype": "singlevaluelist",
                    "required": True,
                    "datatype_description": None,
                    "order": 1,
                    "description": "Phường, xã nơi xảy ra sự việc",
                    "values": [
                        {"key": w.code, "name": w.name} for w in natural_sorted(wards_of(j), lambda w: w.name)
                    ],
                }
            )
        return render({"service_code": c.code, "attributes": attributes}, "service_definition", fmt)

    return _handle(fmt, run)


# --- requests -----------------------------------------------------------------------------------------


def _public_requests() -> Any:
    return Petition.objects.exclude(kind__in=OUT_OF_SCOPE_KINDS).select_related(
        "category", "unit", "ward", "jurisdiction"
    )


def _request(p: Petition) -> dict[str, Any]:
    public = p.is_public  # published with consent and not withdrawn
    closed = p.status in CLOSED
    notes = p.get_status_display()
    if p.duplicate_of_id and p.duplicate_of is not None:
        notes += f"; trùng nội dung với {p.duplicate_of.code}"
    place = ", ".join(
        x for x in [p.location if public else "", p.ward.name if p.ward else "", p.jurisdiction.name] if x
    )
    expected = None
    if not closed and p.due_on is not None:
        end = dt.datetime.combine(p.due_on, settings.CCHC_OFFICE_AFTERNOON_END)
        expected = _w3(timezone.make_aware(end))
    return {
        "service_request_id": p.code,
        "status": "closed" if closed else "open",
        "status_notes": notes,
        "service_name": p.category.name,
        "service_code": p.category.code,
        "description": p.public_text if public else None,
        "agency_responsible": p.unit.name,
        "service_notice": None,
        "requested_datetime": _w3(p.received_at),
        "updated_datetime": _w3(p.closed_at or p.answered_at or p.updated_at)
        if closed
        else _w3(p.updated_at),
        "expected_datetime": expected,
        "address": place,
        "address_id": None,
        "zipcode": None,
        "lat": float(p.latitude) if public and p.latitude is not None else None,
        "long": float(p.longitude) if public and p.longitude is not None else None,
        "media_url": None,
    }


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _handle(fmt, _create, request, fmt)
    return _handle(fmt, _list, request, fmt)


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.GET
    j = _jurisdiction(params)
    qs = _public_requests().filter(jurisdiction=j)
    ids = [x.strip() for x in (params.get("service_request_id") or "").split(",") if x.strip()]
    if ids:  # "This overrides all other arguments."
        rows = list(qs.filter(code__in=ids[:MAX_RESULTS]))
        return render([_request(p) for p in rows], "service_requests", fmt)
    codes = [x.strip() for x in (params.get("service_code") or "").split(",") if x.strip()]
    if codes:
        qs = qs.filter(category__code__in=codes)
    now = timezone.now()
    end = _parse_w3("end_date", params["end_date"]) if params.get("end_date") else now
    start = _parse_w3("start_date", params["start_date"]) if params.get("start_date") else end - MAX_SPAN
    if start > end:
        raise Open311Error(400, "start_date phải trước end_date.")
    if end - start > MAX_SPAN:
        raise Open311Error(400, "Khoảng start_date–end_date không được quá 90 ngày.")
    qs = qs.filter(received_at__gte=start, received_at__lte=end)
    statuses = {x.strip() for x in (params.get("status") or "").split(",") if x.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status chỉ nhận open hoặc closed.")
    if statuses == {"open"}:
        qs = qs.exclude(status__in=CLOSED)
    elif statuses == {"closed"}:
        qs = qs.filter(status__in=CLOSED)
    rows = list(qs.order_by("-received_at", "-pk")[:MAX_RESULTS])
    return render([_request(p) for p in rows], "service_requests", fmt)


def _decimal(name: str, raw: str, low: int, high: int) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation as exc:
        raise Open311Error(400, f"{name} phải là số (WGS84).") from exc
    if not value.is_finite():  # NaN cannot even be compared; Infinity is no place on earth
        raise Open311Error(400, f"{name} phải là số hữu hạn (WGS84).")
    if not low <= value <= high:
        raise Open311Error(400, f"{name} ngoài khoảng cho phép.")
    return value.quantize(Decimal("0.000001"))


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    key = key_for(params.get("api_key") or "")
    if key is None:
        raise Open311Error(403, "api_key thiếu hoặc không hợp lệ — không thể tạo yêu cầu.")
    j = _jurisdiction(params)
    if key.jurisdiction_id != j.pk:
        raise Open311Error(403, "api_key không được cấp cho địa bàn này.")
    if antispam.key_rate_limited(key.pk):
        raise Open311Error(400, "Ứng dụng đã gửi quá nhiều yêu cầu trong một giờ; vui lòng thử lại sau.")
    code = (params.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, "Cần service_code.")
    category = _category(j, code)
    lat_raw, long_raw = params.get("lat") or "", params.get("long") or ""
    address = (params.get("address_string") or "").strip()
    address_id = (params.get("address_id") or "").strip()
    if bool(lat_raw.strip()) != bool(long_raw.strip()):
        raise Open311Error(400, "lat và long phải gửi cùng nhau.")
    if not (lat_raw.strip() or address or address_id):
        raise Open311Error(400, "Cần vị trí: lat và long, hoặc address_string, hoặc address_id.")
    lat = _decimal("lat", lat_raw, -90, 90) if lat_raw.strip() else None
    lon = _decimal("long", long_raw, -180, 180) if long_raw.strip() else None
    ward = None
    ward_code = (params.get("attribute[ward]") or "").strip()
    if ward_code:
        ward = wards_of(j).filter(code=ward_code).first()
        if ward is None:
            raise Open311Error(400, f"attribute[ward] «{ward_code}» không phải phường, xã của địa bàn.")
    elif category.route_to_ward:
        raise Open311Error(400, "Dịch vụ này cần attribute[ward] (xem services/{code}).")
    description = (params.get("description") or "").strip()
    if not description:
        raise Open311Error(400, "Cần description: nội dung phản ánh.")
    if len(description) > 4000:
        raise Open311Error(400, "description không được quá 4.000 ký tự.")
    name = " ".join(
        x for x in [(params.get("last_name") or "").strip(), (params.get("first_name") or "").strip()] if x
    )
    account_id = (params.get("account_id") or "").strip()
    location = address or (f"Mã địa chỉ {address_id}" if address_id else "")
    try:
        petition = receive(
            f"Open311: {key.name}",
            Intake(
                jurisdiction=j,
                kind=Kind.FEEDBACK,
                channel=Channel.OPEN311,
                category=category,
                ward=ward,
                location=location,
                latitude=lat,
                longitude=lon,
                text=description,
                citizen_name=name or "Người gửi qua ứng dụng",
                citizen_phone=params.get("phone") or "",
                citizen_email=(params.get("email") or "").strip(),
                api_key=key,
                open311_account_id=account_id,
                media_url=(params.get("media_url") or "").strip()[:500],
                require_contact=False,
            ),
        )
    except ValidationError as exc:
        raise Open311Error(400, *[f"{k}: {m}" for k, msgs in exc.message_dict.items() for m in msgs]) from exc
    notice = f"{petition.unit.name} sẽ xem xét và trả lời" + (
        f" trước ngày {petition.due_on:%d/%m/%Y}." if petition.due_on else "."
    )
    row: dict[str, Any] = {}
    if setting("CCHC_OPEN311_SERVICE_TYPE") == "batch":
        row["token"] = petition.open311_token
    else:
        row["service_request_id"] = petition.code
    row.update(service_notice=notice, account_id=account_id or None)
    return render([row], "service_requests", fmt)


@require_GET
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    def run() -> HttpResponse:
        j = _jurisdiction(request.GET)
        p = _public_requests().filter(jurisdiction=j, code=request_id).first()
        if p is None:
            raise Open311Error(404, f"service_request_id «{request_id}» không tồn tại.")
        return render([_request(p)], "service_requests", fmt)

    return _handle(fmt, run)


@require_GET
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    def run() -> HttpResponse:
        j = _jurisdiction(request.GET)
        p = Petition.objects.filter(jurisdiction=j, open311_token=token).first()
        if p is None:
            raise Open311Error(404, f"token «{token}» không tồn tại.")
        return render([{"service_request_id": p.code, "token": token}], "service_requests", fmt)

    return _handle(fmt, run)


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    fmt = "json" if path.endswith(".json") else "xml"
    return error(
        fmt,
        404,
        f"Không có tài nguyên «{path}»: kiểm tra lại địa chỉ (services, requests, tokens; .xml hoặc .json).",
    )
