"""The read-only feed for operations-centre screens (IOC): ``/ioc/v1/``, OpenAPI at ``/ioc/v1/openapi.json``.

Each screen holds its own key (``Authorization: Bearer ioc_…``), issued by the reform secretariat like
the Open311 keys (``feedback.actions.citizen.create_key`` with purpose ``ioc``: for one area, shown once,
stored as a hash, revocable, limited per key and hour). A key reads its own area only; a unit outside it
answers 404. The figures come from ``reports.ioc`` (the same functions as the screens and commands).

Answers are cached for ``CCHC_IOC_CACHE_SECONDS`` (60) and, for the dossier figures, also keyed on the
last write to the daily facts, so a screen polling every minute costs one computation a minute; each
answer carries an ETag, and ``If-None-Match`` with it answers 304 without a body.
docs/ioc.md is the guide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from cchc.core import plausible
from cchc.dossiers.rankings import facts_stamp
from cchc.feedback.actions.citizen import key_for
from cchc.feedback.antispam import key_rate_limited
from cchc.feedback.models import ApiKey, KeyPurpose
from cchc.org.models import Unit
from cchc.reports import ioc


class RateLimited(Exception):
    pass


class IocKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = key_for(token[:200], KeyPurpose.IOC)
        if key is not None and key_rate_limited(key.pk, "CCHC_IOC_RATE_PER_KEY_HOUR"):
            raise RateLimited
        return key


api = NinjaAPI(
    title="Số liệu cho Trung tâm điều hành (IOC) — CCHC",
    version="1.0.0",
    description=(
        "Số liệu tổng hợp, chỉ đọc, cho màn hình của Trung tâm giám sát, điều hành: hồ sơ thủ tục hành "
        "chính theo kỳ và địa bàn (tiếp nhận, giải quyết trước/đúng/trễ hạn, đang giải quyết trong hạn/quá "
        "hạn, theo kênh), theo ngày, xếp hạng đơn vị, nhiệm vụ quá hạn, phản ánh theo trạng thái, mức độ hài "
        "lòng. Không có thông tin cá nhân. Mỗi màn hình một khoá do Thường trực CCHC cấp. Hướng dẫn: "
        "docs/ioc.md."
    ),
    urls_namespace="ioc",
    auth=IocKey(),
)


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {400: Error, 401: Error, 404: Error, 422: Error, 429: Error}


def fail(request: HttpRequest, status: int, detail: str) -> HttpResponse:
    response = api.create_response(request, {"detail": detail}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="cchc-ioc"'
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return fail(request, 401, "Thiếu khoá IOC, khoá sai hoặc đã bị thu hồi (Authorization: Bearer ioc_…).")


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return fail(request, 429, "Khoá này đã đọc quá nhiều lần trong một giờ; vui lòng giãn thời gian làm mới.")


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    names = {"tu": "tu (từ ngày)", "den": "den (đến ngày)", "don_vi": "don_vi (mã đơn vị)"}
    fields = [names.get(str(e.get("loc", ("",))[-1]), str(e.get("loc", ("",))[-1])) for e in exc.errors]
    listed = ", ".join(dict.fromkeys(fields))
    return fail(request, 422, f"Tham số không hợp lệ: {listed}. Ngày ghi dạng yyyy-mm-dd, ví dụ 2026-08-15.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return fail(request, exc.status_code, str(exc))


# --- parameters -----------------------------------------------------------------------------------------


class Area(Schema):
    don_vi: str = Field("", max_length=40, description="Mã đơn vị: chỉ đơn vị này và các đơn vị trực thuộc")


class Period(Area):
    tu: dt.date | None = Field(None, description="Từ ngày (yyyy-mm-dd); mặc định ngày đầu tháng này")
    den: dt.date | None = Field(None, description="Đến ngày (yyyy-mm-dd); mặc định hôm nay")


PERIOD_PARAMS = frozenset({"tu", "den", "don_vi"})
AREA_PARAMS = frozenset({"don_vi"})


def _key(request: HttpRequest, allowed: frozenset[str] = PERIOD_PARAMS) -> ApiKey:
    """The caller's key; a parameter the operation does not read is refused rather than ignored (a
    misspelt ``tu`` must not silently give this month's figures)."""
    key = getattr(request, "auth", None)
    assert isinstance(key, ApiKey)
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        named = ", ".join(n[:40] for n in unknown[:5])
        raise HttpError(400, f"Tham số không dùng được: {named}. Dùng: {', '.join(sorted(allowed))}.")
    return key


def _unit(key: ApiKey, code: str) -> Unit | None:
    if not code.strip():
        return None
    unit = ioc.unit_in(key.jurisdiction, code)
    if unit is None:
        raise HttpError(404, f"Không có đơn vị mã «{code.strip()[:40]}» trong địa bàn của khoá này.")
    return unit


def _period(p: Period) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    first = p.tu or today.replace(day=1)
    last = p.den or today
    for name, day in (("tu", first), ("den", last)):
        problem = plausible.problem(day)
        if problem:
            raise HttpError(400, f"Tham số {name}: {problem}")
    if last < first:
        raise HttpError(400, "Tham số den phải sau hoặc bằng tu.")
    if (last - first).days + 1 > ioc.MAX_DAYS:
        raise HttpError(400, f"Kỳ dài tối đa {ioc.MAX_DAYS} ngày; chia thành nhiều kỳ.")
    return first, last


def cache_seconds() -> int:
    return int(getattr(settings, "CCHC_IOC_CACHE_SECONDS", 60))


def answer(
    request: HttpRequest, key: ApiKey, name: str, parts: tuple[Any, ...], build: Callable[[], Any]
) -> Any:
    """The JSON body, from the cache when the same question was answered within the cache time and no
    fact-changing write happened since; 304 when the caller already holds this very body."""
    seconds = cache_seconds()
    ident = hashlib.sha256(repr((name, key.jurisdiction_id, parts, facts_stamp())).encode()).hexdigest()[:40]
    cache_key = f"cchc:ioc:{ident}"
    body = cache.get(cache_key) if seconds > 0 else None
    if body is None:
        body = json.dumps(build(), cls=DjangoJSONEncoder, ensure_ascii=False).encode()
        if seconds > 0:
            cache.set(cache_key, body, seconds)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = f"private, max-age={max(seconds, 0)}"
    return response


# --- schemas of the answers -----------------------------------------------------------------------------


class Channel(Schema):
    channel: str
    name: str
    received: int


class Summary(Schema):
    tu: str = Field(description="Từ ngày của kỳ (yyyy-mm-dd)")
    den: str = Field(description="Đến ngày của kỳ (yyyy-mm-dd)")
    received: int
    finished: int
    early: int
    on_time: int
    late: int
    late_rate: float | None
    on_time_rate: float | None
    open_within_time: int
    open_overdue: int
    by_channel: list[Channel]


class Day(Schema):
    day: str
    received: int
    received_online: int
    early: int
    on_time: int
    late: int


class Daily(Schema):
    tu: str = Field(description="Từ ngày của kỳ (yyyy-mm-dd)")
    den: str = Field(description="Đến ngày của kỳ (yyyy-mm-dd)")
    days: list[Day]


class RankRow(Schema):
    rank: int | None
    unit: str
    name: str
    finished: int
    early: int | None
    on_time: int | None
    late: int
    late_rate: float | None


class Ranking(Schema):
    tu: str = Field(description="Từ ngày của kỳ (yyyy-mm-dd)")
    den: str = Field(description="Đến ngày của kỳ (yyyy-mm-dd)")
    min_finished: int
    ranked: list[RankRow]
    too_few: list[RankRow]


class UnitCount(Schema):
    unit: str
    name: str
    overdue: int


class TasksOverdue(Schema):
    as_of: str
    total: int
    units: list[UnitCount]


class StatusCount(Schema):
    status: str
    name: str
    count: int


class Petitions(Schema):
    as_of: str
    total: int
    overdue: int
    by_status: list[StatusCount]


class Rating(Schema):
    unit: str
    name: str
    very_satisfied: int
    satisfied: int
    not_satisfied: int
    total: int
    satisfied_share: float | None


class Satisfaction(Schema):
    tu: str = Field(description="Từ ngày của kỳ (yyyy-mm-dd)")
    den: str = Field(description="Đến ngày của kỳ (yyyy-mm-dd)")
    units: list[Rating]


def _ok(schema: type[Schema]) -> dict[int, Any]:
    return {200: schema, 304: None, **ERRORS}


# --- operations -----------------------------------------------------------------------------------------


@api.get(
    "/tong-hop",
    response=_ok(Summary),
    operation_id="TongHopHoSo",
    summary="Hồ sơ của một kỳ: tiếp nhận, giải quyết, đang giải quyết, theo kênh",
    description=(
        "Cùng số liệu với lệnh dossier-stats và trang chủ của lãnh đạo cho cùng kỳ và địa bàn (đọc từ số "
        "liệu ngày). Đang giải quyết tính đến hết ngày den. Tỷ lệ null khi trong kỳ không có hồ sơ nào "
        "giải quyết xong."
    ),
)
def dossier_summary(request: HttpRequest, p: Query[Period]) -> Any:
    key = _key(request)
    unit = _unit(key, p.don_vi)
    first, last = _period(p)
    units = ioc.area_units(key.jurisdiction, unit)
    return answer(request, key, "tong-hop", (first, last, p.don_vi), lambda: ioc.summary(units, first, last))


@api.get(
    "/theo-ngay",
    response=_ok(Daily),
    operation_id="HoSoTheoNgay",
    summary="Hồ sơ tiếp nhận và giải quyết xong theo từng ngày của kỳ",
    description=f"Mỗi ngày một dòng, kể cả ngày không có hồ sơ. Kỳ dài tối đa {ioc.MAX_DAYS} ngày.",
)
def dossier_days(request: HttpRequest, p: Query[Period]) -> Any:
    key = _key(request)
    unit = _unit(key, p.don_vi)
    first, last = _period(p)
    units = ioc.area_units(key.jurisdiction, unit)

    def build() -> dict[str, Any]:
        return {"tu": first.isoformat(), "den": last.isoformat(), "days": ioc.daily(units, first, last)}

    return answer(request, key, "theo-ngay", (first, last, p.don_vi), build)


@api.get(
    "/xep-hang-don-vi",
    response=_ok(Ranking),
    operation_id="XepHangDonVi",
    summary="Đơn vị xếp theo tỷ lệ hồ sơ trễ hạn trong kỳ",
    description=(
        "Bảng xếp hạng của màn hình hồ sơ: tỷ lệ trễ hạn cao nhất đứng đầu; đơn vị có quá ít hồ sơ giải "
        "quyết xong để tính tỷ lệ được liệt kê riêng."
    ),
)
def unit_ranking(request: HttpRequest, p: Query[Period]) -> Any:
    key = _key(request)
    unit = _unit(key, p.don_vi)
    first, last = _period(p)
    units = ioc.area_units(key.jurisdiction, unit)

    def build() -> dict[str, Any]:
        return {"tu": first.isoformat(), "den": last.isoformat(), **ioc.ranked_units(units, first, last)}

    return answer(request, key, "xep-hang", (first, last, p.don_vi), build)


@api.get(
    "/nhiem-vu-qua-han",
    response=_ok(TasksOverdue),
    operation_id="NhiemVuQuaHan",
    summary="Nhiệm vụ quá hạn hôm nay, theo đơn vị chủ trì",
)
def tasks_overdue(request: HttpRequest, a: Query[Area]) -> Any:
    key = _key(request, AREA_PARAMS)
    unit = _unit(key, a.don_vi)
    today = timezone.localdate()
    units = ioc.area_units(key.jurisdiction, unit)
    return answer(request, key, "nhiem-vu", (today, a.don_vi), lambda: ioc.tasks_overdue(units, today))


@api.get(
    "/phan-anh",
    response=_ok(Petitions),
    operation_id="PhanAnhTheoTrangThai",
    summary="Phản ánh, kiến nghị theo trạng thái; số đang quá hạn",
)
def petitions(request: HttpRequest, a: Query[Area]) -> Any:
    key = _key(request, AREA_PARAMS)
    unit = _unit(key, a.don_vi)
    today = timezone.localdate()
    return answer(
        request, key, "phan-anh", (today, a.don_vi), lambda: ioc.petitions(key.jurisdiction, unit, today)
    )


@api.get(
    "/hai-long",
    response=_ok(Satisfaction),
    operation_id="MucDoHaiLong",
    summary="Đánh giá mức độ hài lòng của người dân trong kỳ",
    description="Theo Ủy ban nhân dân đứng đầu địa bàn (hoặc đơn vị được hỏi), gồm mọi đơn vị trực thuộc.",
)
def satisfaction(request: HttpRequest, p: Query[Period]) -> Any:
    key = _key(request)
    unit = _unit(key, p.don_vi)
    first, last = _period(p)
    units = ioc.area_units(key.jurisdiction, unit)

    def build() -> dict[str, Any]:
        return {
            "tu": first.isoformat(),
            "den": last.isoformat(),
            "units": ioc.satisfaction(units, first, last),
        }

    return answer(request, key, "hai-long", (first, last, p.don_vi), build)
