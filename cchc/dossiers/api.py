"""The push API for one-door systems: ``/api/``, OpenAPI at ``/api/openapi.json``.

The operations mirror the national portal's (docs/rules/national-sync.md, PRACTICE): ``DongBoHoSoMC``
creates or updates dossiers in the national field names (``isUpdating`` says which), and
``CapNhatTienDoHoSoMC`` appends progress records (QuaTrinhXuLy) and moves the status. Every write goes
through ``actions.upsert_dossiers`` — the same checks, outcome engine, events and daily facts as a file
import — so a request is all-or-nothing and sending the same payload twice changes nothing.

Each source system has its own bearer token (``api_auth``) and writes only dossiers whose units lie in
its jurisdiction: a unit outside it is 403; a dossier of another area is 404, as if it did not exist.
Every status the API returns is documented in the schema (ninja's own 400 and 422 too),
with Vietnamese messages that name the record and the field. docs/dossier-api.md is the guide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError

from cchc.core import plausible
from cchc.dossiers.actions import (
    DossierWriteError,
    UpsertResult,
    append_progress,
    record_from_dossier,
    set_status,
    upsert_dossiers,
)
from cchc.dossiers.api_auth import ApiToken, auth_failure_message
from cchc.dossiers.api_errors import error_count, fail, reason_of, shown_value, where_of
from cchc.dossiers.api_schemas import (
    EXAMPLE_CODE,
    INSTANT_HELP,
    MAX_DOSSIERS,
    MAX_PROGRESS,
    WRITE_RESPONSES,
    DossierOut,
    ProgressIn,
    StatusIn,
    StepIn,
    SyncIn,
    error_responses,
)
from cchc.dossiers.models import ApiClient, Dossier, Outcome
from cchc.dossiers.records import DossierRecord, RowError, StepRecord, parse_instant, parse_record
from cchc.dossiers.scope import units_in
from cchc.lib.outcomes import NEEDS_END, STATUS_NAMES
from cchc.org.models import Unit

# docs/rules/dossier-deadlines.md: withdrawn, stopped, processed and returned end a received dossier's
# processing; one that has ended cannot go back to being processed (that would rewrite its on-time figures).
ENDED = NEEDS_END

api = NinjaAPI(
    title="API nhận hồ sơ thủ tục hành chính (CCHC)",
    version="1.0.0",
    description=(
        "Hệ thống một cửa gửi hồ sơ và tiến độ xử lý theo tên trường của Cổng Dịch vụ công quốc gia "
        "(DongBoHoSoMC, CapNhatTienDoHoSoMC). Mỗi hệ thống có một mã truy cập riêng và chỉ ghi được hồ sơ "
        "của các đơn vị thuộc địa bàn được cấp. Hướng dẫn: docs/dossier-api.md."
    ),
    urls_namespace="api",
    auth=ApiToken(),
)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    items = []
    for err in exc.errors:
        record, field = where_of(err.get("loc", ()))
        value = "" if err.get("type") == "missing" else shown_value(err.get("input"))
        items.append({"record": record, "field": field, "value": value, "reason": reason_of(err)})
    detail = f"Dữ liệu gửi lên có {len(items)} lỗi; không ghi gì."
    return api.create_response(request, {"detail": detail, "errors": items}, status=422)


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": auth_failure_message(request), "errors": []}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="cchc"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if exc.status_code == 400:
        detail = (
            "Nội dung yêu cầu không đọc được: cần JSON hợp lệ, mã hoá UTF-8 (Content-Type: application/json)."
        )
    return api.create_response(request, {"detail": detail, "errors": []}, status=exc.status_code)


# --- helpers --------------------------------------------------------------------------------------------


def _client(request: HttpRequest) -> ApiClient:
    client = getattr(request, "auth", None)
    assert isinstance(client, ApiClient)
    return client


def _source(client: ApiClient) -> str:
    return f"API: {client.name}"[:80]


def _scope_ids(client: ApiClient) -> frozenset[int]:
    return frozenset(units_in(client.jurisdiction).values_list("pk", flat=True))


def _result(result: UpsertResult, codes: Sequence[str]) -> dict[str, Any]:
    created, updated = set(result.codes_created), set(result.codes_updated)
    rows = []
    for code in codes:
        action = "created" if code in created else "updated" if code in updated else "unchanged"
        rows.append({"MaHoSo": code, "action": action})
    return {
        "message": result.summary(),
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "dossiers": rows,
    }


def _not_found(row: int | None, code: str, client: ApiClient) -> RowError:
    return RowError(
        row or 0,
        "MaHoSo",
        code,
        f"Không có hồ sơ mã này trong địa bàn {client.jurisdiction.code} của hệ thống «{client.name}».",
    )


LOCKED = "Hồ sơ có đơn vị ngoài địa bàn của hệ thống; không được ghi."


class _Abort(Exception):
    def __init__(self, response: Status[Any]) -> None:
        self.response = response


# --- DongBoHoSoMC ---------------------------------------------------------------------------------------


@api.post(
    "/ho-so/dong-bo",
    response=WRITE_RESPONSES,
    operation_id="DongBoHoSoMC",
    summary="Tạo mới hoặc cập nhật hồ sơ (DongBoHoSoMC)",
    description=(
        "Gửi một hoặc nhiều hồ sơ (tối đa "
        f"{MAX_DOSSIERS}) theo tên trường của Cổng DVC quốc gia. `isUpdating=false`: tạo mới — mã đã có "
        "với nội dung khác → 409; gửi lại đúng nội dung cũ → không đổi. `isUpdating=true`: cập nhật — "
        "mã chưa có → 404. Cả lô ghi hoặc không ghi gì. 403: đơn vị ngoài địa bàn của hệ thống; 422: dữ "
        "liệu sai (mã TTHC, mã đơn vị chưa có, ngày tháng sai thứ tự…)."
    ),
)
def sync_dossiers(request: HttpRequest, payload: SyncIn) -> Status[Any]:
    client = _client(request)
    records: list[DossierRecord] = []
    errors: list[RowError] = []
    for i, item in enumerate(payload.data, start=1):
        rec, errs = parse_record(i, item.model_dump())
        errors.extend(errs)
        if rec is not None:
            records.append(rec)
    if errors:
        return fail(422, f"Dữ liệu hồ sơ có {error_count(errors)}; không ghi hồ sơ nào.", errors)

    scope = _scope_ids(client)
    unit_codes = {c for r in records for c in (r.handling_unit_code, r.receiving_unit_code)}
    unit_ids = dict(Unit.objects.filter(code__in=unit_codes).values_list("code", "pk"))
    forbidden = [
        RowError(
            r.row,
            field,
            code,
            f"Đơn vị không thuộc địa bàn {client.jurisdiction.code} của hệ thống «{client.name}».",
        )
        for r in records
        for field, code in (("DonViXuLy", r.handling_unit_code), ("DonViTiepNhan", r.receiving_unit_code))
        if code in unit_ids and unit_ids[code] not in scope
    ]
    if forbidden:
        return fail(
            403, "Hệ thống không được ghi hồ sơ của đơn vị ngoài địa bàn; không ghi hồ sơ nào.", forbidden
        )

    # code → (visible: one of its units is in the area, writable: both are)
    existing = {
        code: (h in scope or rcv in scope, h in scope and rcv in scope)
        for code, h, rcv in Dossier.objects.filter(code__in=[r.code for r in records]).values_list(
            "code", "handling_unit_id", "receiving_unit_id"
        )
    }
    missing: list[RowError] = []
    locked: list[RowError] = []
    taken: list[RowError] = []
    for r in records:
        visible, writable = existing.get(r.code, (False, False))
        if payload.isUpdating and not visible:
            missing.append(_not_found(r.row, r.code, client))
        elif payload.isUpdating and not writable:
            locked.append(RowError(r.row, "MaHoSo", r.code, LOCKED))
        elif not payload.isUpdating and r.code in existing and not writable:
            taken.append(RowError(r.row, "MaHoSo", r.code, "Mã hồ sơ đã được dùng cho một hồ sơ khác."))
    if missing:
        return fail(404, "Có hồ sơ cần cập nhật nhưng không tìm thấy; không ghi hồ sơ nào.", missing)
    if locked:
        return fail(403, "Không được ghi hồ sơ có đơn vị ngoài địa bàn; không ghi hồ sơ nào.", locked)

    source = _source(client)
    if not payload.isUpdating and any(existing.get(r.code, (False, False))[1] for r in records):
        # Creating over an existing dossier is only a harmless retry when nothing would change.
        dry = upsert_dossiers(records, actor=client, source=source, dry_run=True)
        if dry.errors:
            return fail(422, f"Dữ liệu hồ sơ có {error_count(dry.errors)}; không ghi hồ sơ nào.", dry.errors)
        changed = set(dry.codes_updated)
        taken += [
            RowError(
                r.row, "MaHoSo", r.code, "Hồ sơ đã có với nội dung khác; gửi isUpdating=true để cập nhật."
            )
            for r in records
            if r.code in changed
        ]
    if taken:
        taken.sort(key=lambda e: e.row)
        return fail(409, "Mã hồ sơ đã có; không ghi hồ sơ nào.", taken)
    try:
        result = upsert_dossiers(records, actor=client, source=source)
    except IntegrityError:
        # Another request created one of these codes between our check and the write.
        return fail(409, "Hồ sơ vừa được ghi bởi một yêu cầu khác; gửi lại với isUpdating=true.")
    if result.errors:
        return fail(
            422, f"Dữ liệu hồ sơ có {error_count(result.errors)}; không ghi hồ sơ nào.", result.errors
        )
    return Status(200, _result(result, [r.code for r in records]))


# --- CapNhatTienDoHoSoMC --------------------------------------------------------------------------------


def _writable(
    client: ApiClient, wanted: dict[str, int]
) -> tuple[dict[str, Dossier], list[RowError], list[RowError]]:
    """The dossiers named in ``wanted`` (code → first record number) that the client may change; the
    codes it cannot see (404) and those it can see but not change (403: a unit outside its area)."""
    scope = _scope_ids(client)
    found: dict[str, Dossier] = {}
    missing: list[RowError] = []
    forbidden: list[RowError] = []
    rows = Dossier.objects.filter(code__in=list(wanted)).filter(
        Q(handling_unit_id__in=scope) | Q(receiving_unit_id__in=scope)
    )
    by_code = {d.code: d for d in rows}
    for code, row in wanted.items():
        d = by_code.get(code)
        if d is None:
            missing.append(_not_found(row, code, client))
        elif d.handling_unit_id not in scope or d.receiving_unit_id not in scope:
            forbidden.append(RowError(row, "MaHoSo", code, LOCKED))
        else:
            found[code] = d
    return found, missing, forbidden


def _step(row: int, item: StepIn, errors: list[RowError]) -> StepRecord | None:
    instants: dict[str, dt.datetime | None] = {}
    for name in ("NgayBatDau", "ThoiDiemXuLy", "NgayKetThucTheoQuyDinh"):
        value = getattr(item, name)
        try:
            instants[name] = parse_instant(value)
        except (TypeError, ValueError):
            errors.append(
                RowError(row, name, shown_value(value), f"Thời điểm không đọc được. {INSTANT_HELP}")
            )
            return None
        reason = plausible.bounds().reason(instants[name], deadline=name == "NgayKetThucTheoQuyDinh")
        if reason:
            errors.append(RowError(row, name, shown_value(value), reason))
            return None
    started, finished = instants["NgayBatDau"], instants["ThoiDiemXuLy"]
    if started is not None and finished is not None and finished < started:
        errors.append(
            RowError(row, "ThoiDiemXuLy", f"{finished:%d/%m/%Y %H:%M}", "Thời điểm xử lý trước ngày bắt đầu.")
        )
        return None
    return StepRecord(
        seq=0,
        unit_ref=(item.PhongBanXuLy or "").strip(),
        from_unit_ref=(item.DonViChuyen or "").strip(),
        official_name=(item.NguoiXuLy or "").strip(),
        position=(item.ChucDanh or "").strip(),
        content=(item.NoiDungXuLy or "").strip(),
        started_at=started,
        finished_at=finished,
        deadline_at=instants["NgayKetThucTheoQuyDinh"],
        external=bool(item.LienThongNgoai),
    )


def _step_key(s: StepRecord) -> tuple[Any, ...]:
    # The same identity as ``actions.append_progress`` uses to skip a progress record sent twice.
    return (s.unit_ref, s.official_name, s.started_at, s.finished_at, s.content)


def _change_status(
    dossier: Dossier,
    status: int,
    at: dt.datetime | None,
    row: int,
    client: ApiClient,
    appointment: dt.datetime | None = None,
) -> UpsertResult | None:
    """Move ``dossier`` to ``status``; None when it is already there. Raises ``_Abort`` on a refusal."""
    if status == dossier.status and appointment is None:
        return None
    if dossier.status in ENDED and status not in ENDED:
        raise _Abort(
            fail(
                409,
                "Hồ sơ đã kết thúc xử lý, không chuyển lại trạng thái đang giải quyết được.",
                [
                    RowError(
                        row,
                        "TrangThaiHoSo",
                        str(status),
                        f"Hồ sơ đang ở trạng thái {dossier.status} ({STATUS_NAMES[dossier.status]}).",
                    )
                ],
            )
        )
    received = timezone.localtime(dossier.received_at).replace(tzinfo=None) if dossier.received_at else None
    if at is not None and received is not None and at < received:
        raise _Abort(
            fail(
                422,
                "Thời điểm chuyển trạng thái trước ngày tiếp nhận hồ sơ.",
                [
                    RowError(
                        row,
                        "ThoiDiem",
                        f"{at:%d/%m/%Y %H:%M}",
                        f"Hồ sơ tiếp nhận lúc {received:%d/%m/%Y %H:%M}.",
                    )
                ],
            )
        )
    return set_status(
        dossier, status, actor=client, at=at, appointment_at=appointment, source=_source(client)
    )


def _write_error(exc: DossierWriteError, row: int) -> Status[Any]:
    errors = [RowError(row, e.field, e.value, e.reason) for e in exc.errors]
    return fail(422, f"Không ghi được: {error_count(errors)}; không ghi gì.", errors)


@api.post(
    "/ho-so/tien-do",
    response=WRITE_RESPONSES,
    operation_id="CapNhatTienDoHoSoMC",
    summary="Thêm tiến độ xử lý, chuyển trạng thái (CapNhatTienDoHoSoMC)",
    description=(
        f"Gửi tối đa {MAX_PROGRESS} bản ghi tiến độ (QuaTrinhXuLy), mỗi bản ghi mang MaHoSo. Bước trùng "
        "một bước đã có (cùng đơn vị, người xử lý, thời điểm, nội dung) không thêm lần nữa. TrangThai của "
        "bản ghi mới cuối cùng (nếu có) thành trạng thái hồ sơ. 404: hồ sơ không thuộc địa bàn; 409: hồ "
        "sơ đã kết thúc xử lý mà bị chuyển về trạng thái đang giải quyết."
    ),
)
def push_progress(request: HttpRequest, payload: ProgressIn) -> Status[Any]:
    client = _client(request)
    errors: list[RowError] = []
    groups: dict[str, list[tuple[int, StepRecord, int | None]]] = {}
    for i, item in enumerate(payload.data, start=1):
        step = _step(i, item, errors)
        if step is not None:
            groups.setdefault(item.MaHoSo.strip(), []).append((i, step, item.TrangThai))
    if errors:
        return fail(422, f"Dữ liệu tiến độ có {error_count(errors)}; không ghi gì.", errors)
    found, missing, forbidden = _writable(client, {code: items[0][0] for code, items in groups.items()})
    if missing:
        return fail(404, "Không tìm thấy hồ sơ; không ghi gì.", missing)
    if forbidden:
        return fail(403, "Không được ghi hồ sơ này; không ghi gì.", forbidden)

    outcome = UpsertResult()
    try:
        with transaction.atomic():
            for code, items in groups.items():
                dossier = found[code]
                known = {_step_key(s) for s in record_from_dossier(dossier).steps}
                fresh = [(row, s, st) for row, s, st in items if _step_key(s) not in known]
                row = items[0][0]
                changed = False
                try:
                    if fresh:
                        changed |= (
                            append_progress(
                                dossier, [s for _, s, _ in items], actor=client, source=_source(client)
                            ).updated
                            > 0
                        )
                    moves = [(r, s, st) for r, s, st in fresh if st is not None]
                    if moves:
                        row, step, status = moves[-1]
                        assert status is not None
                        dossier.refresh_from_db()
                        when = step.finished_at or step.started_at
                        res = _change_status(dossier, status, when, row, client)
                        changed |= res is not None and res.updated > 0
                except DossierWriteError as exc:
                    raise _Abort(_write_error(exc, row)) from exc
                if changed:
                    outcome.updated += 1
                    outcome.codes_updated.append(code)
                else:
                    outcome.unchanged += 1
    except _Abort as abort:
        return abort.response
    return Status(200, _result(outcome, list(groups)))


@api.post(
    "/ho-so/trang-thai",
    response=WRITE_RESPONSES,
    operation_id="CapNhatTrangThaiHoSo",
    summary="Chuyển trạng thái một hồ sơ",
    description=(
        "Đặt TrangThaiHoSo của một hồ sơ (ví dụ 9 đã xử lý xong, 10 đã trả kết quả, 5 yêu cầu bổ sung); "
        "ThoiDiem là lúc chuyển (với trạng thái 7–10 là ngày kết thúc xử lý). NgayHenTra đặt ngày hẹn mới. "
        "Gửi lại cùng trạng thái thì không đổi gì."
    ),
)
def change_status(request: HttpRequest, payload: StatusIn) -> Status[Any]:
    client = _client(request)
    errors: list[RowError] = []
    parsed: dict[str, dt.datetime | None] = {}
    for name in ("ThoiDiem", "NgayHenTra"):
        value = getattr(payload, name)
        try:
            parsed[name] = parse_instant(value)
        except (TypeError, ValueError):
            errors.append(RowError(1, name, shown_value(value), f"Thời điểm không đọc được. {INSTANT_HELP}"))
            continue
        if reason := plausible.bounds().reason(parsed[name], deadline=name == "NgayHenTra"):
            errors.append(RowError(1, name, shown_value(value), reason))
    if errors:
        return fail(422, "Dữ liệu không hợp lệ; không ghi gì.", errors)
    code = payload.MaHoSo.strip()
    found, missing, forbidden = _writable(client, {code: 1})
    if missing:
        return fail(404, "Không tìm thấy hồ sơ.", missing)
    if forbidden:
        return fail(403, "Không được ghi hồ sơ này.", forbidden)
    dossier = found[code]
    appointment = parsed["NgayHenTra"]
    if (
        appointment is not None
        and dossier.appointment_at is not None
        and appointment == timezone.localtime(dossier.appointment_at).replace(tzinfo=None)
    ):
        appointment = None
    outcome = UpsertResult()
    try:
        with transaction.atomic():
            try:
                res = _change_status(
                    dossier, payload.TrangThaiHoSo, parsed["ThoiDiem"], 1, client, appointment
                )
            except DossierWriteError as exc:
                raise _Abort(_write_error(exc, 1)) from exc
    except _Abort as abort:
        return abort.response
    if res is not None and res.updated:
        outcome.updated, outcome.codes_updated = 1, [code]
    else:
        outcome.unchanged = 1
    return Status(200, _result(outcome, [code]))


# --- TraCuuHoSo -----------------------------------------------------------------------------------------


def _ts(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).strftime("%Y%m%d%H%M%S") if value is not None else None


def _judged_now(d: Dossier) -> str:
    """The stored verdict of a finished dossier; an open one is judged at today's date
    (docs/rules/dossier-deadlines.md: overdue when its deadline's date is before the day it is judged)."""
    if d.outcome:
        return d.outcome
    if d.status in (1, 3):
        return Outcome.EXCLUDED
    deadline = d.effective_appointment_at or d.appointment_at
    if deadline is not None and timezone.localtime(deadline).date() < timezone.localdate():
        return Outcome.OPEN_OVERDUE
    return Outcome.OPEN_WITHIN


@api.get(
    "/ho-so",
    response={200: DossierOut, **error_responses(400, 401, 404, 422)},
    operation_id="TraCuuHoSo",
    summary="Tra cứu trạng thái một hồ sơ",
    description=(
        "Trạng thái, hạn, kết quả (trước hạn, đúng hạn, trễ hạn…), nguyên nhân trễ hạn và các bước xử lý "
        "của một hồ sơ thuộc địa bàn của hệ thống. Không trả thông tin cá nhân của chủ hồ sơ. Hồ sơ của "
        "địa bàn khác: 404."
    ),
)
def dossier_status(
    request: HttpRequest,
    code: str = Query(..., alias="MaHoSo", min_length=1, max_length=64, example=EXAMPLE_CODE),
) -> Status[Any]:
    client = _client(request)
    scope = _scope_ids(client)
    d = (
        Dossier.objects.select_related("procedure", "handling_unit", "receiving_unit")
        .filter(code=code.strip())
        .filter(Q(handling_unit_id__in=scope) | Q(receiving_unit_id__in=scope))
        .first()
    )
    if d is None:
        return fail(404, "Không tìm thấy hồ sơ.", [_not_found(None, code, client)])
    verdict = _judged_now(d)
    body = {
        "MaHoSo": d.code,
        "MaTTHC": d.procedure.national_code,
        "TenTTHC": d.procedure.name,
        "DonViXuLy": d.handling_unit.code,
        "DonViTiepNhan": d.receiving_unit.code,
        "KenhThucHien": d.channel,
        "HoSoCoThanhPhanSoHoa": None if d.digitised_inputs is None else int(d.digitised_inputs),
        "CoKetQuaDienTu": d.electronic_result,
        "DuocThanhToanTrucTuyen": d.online_payment,
        "TaiKhoanDuocXacThucVoiVNeID": None if d.vneid_verified is None else int(d.vneid_verified),
        "TrangThaiHoSo": d.status,
        "TenTrangThai": STATUS_NAMES.get(d.status, ""),
        "NgayNopHoSo": _ts(d.submitted_at),
        "NgayTiepNhan": _ts(d.received_at),
        "NgayHenTra": _ts(d.appointment_at),
        "HanGiaiQuyet": _ts(d.effective_appointment_at or d.appointment_at),
        "NgayKetThucXuLy": _ts(d.end_at),
        "NgayTra": _ts(d.returned_at),
        "KetQua": verdict,
        "TenKetQua": str(Outcome(verdict).label),
        "NguyenNhanTreHan": [
            {"kind": str(c.get("kind", "")), "unit": c.get("unit"), "official": c.get("official")}
            for c in (d.late_causes or [])
            if isinstance(c, dict)
        ],
        "QuaTrinhXuLy": [
            {
                "PhongBanXuLy": s.unit_name,
                "NguoiXuLy": s.official_name,
                "ChucDanh": s.position,
                "NoiDungXuLy": s.content,
                "NgayBatDau": _ts(s.started_at),
                "ThoiDiemXuLy": _ts(s.finished_at),
                "NgayKetThucTheoQuyDinh": _ts(s.deadline_at),
                "LienThongNgoai": s.external,
            }
            for s in d.steps.order_by("seq")
        ],
        "DanhSachHoSoBoSung": [
            {"NgayBoSung": _ts(s.requested_at) or "", "NgayTiepNhanBoSung": _ts(s.completed_at)}
            for s in d.supplements.order_by("seq")
        ],
    }
    return Status(200, body)
