"""Dossier records as they arrive from a file or the API, before they touch the database: the import's
row parser.

One parser serves every input: a row (CSV/XLSX) or object (JSON/API) is a mapping whose keys are the
national sync names of docs/rules/national-sync.md (``MaHoSo``, ``NgayTiepNhan``…), the Vietnamese column
labels of the native format (``Mã hồ sơ``, ``Ngày tiếp nhận``…) or the English field names. The fields,
their headings and the reasons given when a value is refused live in ``cchc.lib.natsync_fields`` and
values are read by ``cchc.lib.natsync_values`` — the same definitions and readers as the pure commands'
reader (``cchc.lib.natsync``) and the columnar path; docs/dossier-import.md prints the same table.
Parsing is pure (no queries): it checks shapes, types, lengths, the plausible window
(``core.plausible``) and the order of instants, and reports every problem as a ``RowError`` naming the
row, the field (by its national name), the value and the reason in Vietnamese. Checks that need the
database (unknown procedure or unit, scope) happen in ``actions.upsert_dossiers``.

Instants are naive local wall-clock times (Asia/Ho_Chi_Minh, like lib/workcal), read by the one instant
reader (``natsync_values.parse_instant``). XLSX date cells arrive as datetimes and are taken as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from cchc.core import plausible
from cchc.lib import bad_text
from cchc.lib import natsync_values as read
from cchc.lib.natsync_fields import (
    CHANNELS,
    DEADLINE_KEYS,
    FIELD_BY_KEY,
    FIELDS,
    HEADER_ALIASES,
    OPTIONAL_KINDS,
    PAYMENT_CODES,
    STEP_ALIASES,
    STEP_EXACT,
    STEP_FIELDS,
    STEP_LIMITS,
    STEPS,
    SUPPLEMENT_ALIASES,
    SUPPLEMENT_CONTENT_LIMIT,
    SUPPLEMENT_EXACT,
    SUPPLEMENT_FIELDS,
    SUPPLEMENTS,
    TRUE_WORDS,
    FieldSpec,
    Reasons,
    fold,
    map_headers,
    remap,
)
from cchc.lib.natsync_values import parse_optional_instant as parse_instant
from cchc.lib.outcomes import NEEDS_END, NOT_RECEIVED, STATUS_NAMES

# The definitions this parser reads, re-exported for the modules that take them from here.
__all__ = [
    "FIELDS",
    "FIELD_BY_KEY",
    "HEADER_ALIASES",
    "OPTIONAL_KINDS",
    "STEP_FIELDS",
    "STEP_LIMITS",
    "SUPPLEMENT_FIELDS",
    "TRUE_WORDS",
    "DossierRecord",
    "FieldSpec",
    "RowError",
    "StepRecord",
    "SupplementRecord",
    "fold",
    "map_headers",
    "parse_instant",
    "parse_record",
]

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "value": self.value, "reason": self.reason}

    def __str__(self) -> str:
        shown = f" «{self.value}»" if self.value else ""
        return f"Dòng {self.row}, trường {self.field}{shown}: {self.reason}"


@dataclass(slots=True)
class StepRecord:
    seq: int
    unit_ref: str  # PhongBanXuLy: a unit code (or a unit's exact name); anything else is kept as text
    from_unit_ref: str
    official_name: str
    position: str
    content: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    deadline_at: dt.datetime | None
    external: bool


@dataclass(slots=True)
class SupplementRecord:
    seq: int
    requested_at: dt.datetime
    completed_at: dt.datetime | None
    content: str


@dataclass(slots=True)
class DossierRecord:
    row: int
    code: str
    procedure_code: str
    handling_unit_code: str
    receiving_unit_code: str
    status: int
    channel: int = 1
    applicant_name: str = ""
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    applicant_type: int | None = None
    summary: str = ""
    submitted_at: dt.datetime | None = None
    received_at: dt.datetime | None = None
    appointment_at: dt.datetime | None = None
    end_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    refused_at: dt.datetime | None = None
    # National fields read by the service-quality indicators (Decision 766); None = the record does not say.
    digitised_inputs: bool | None = None
    electronic_result: bool | None = None
    online_payment: int | None = None
    vneid_verified: bool | None = None
    steps: list[StepRecord] = field(default_factory=list)
    supplements: list[SupplementRecord] = field(default_factory=list)


_TEXT_SPECS = [(f.key, f.required, f.max_length, f.label, f.national) for f in FIELDS if f.kind == "text"]
_INT_SPECS = [(f.key, f.required, f.max_length, f.label, f.national) for f in FIELDS if f.kind == "int"]
_INSTANT_KEYS = [f.key for f in FIELDS if f.kind == "instant"]
_FLAG_KEYS = [f.key for f in FIELDS if f.kind == "flag"]
BAD_INSTANT = Reasons.INSTANT_SENTENCE
_text, _int, _bool, _list = read.cell_text, read.cell_int, read.cell_yes, read.cell_list


def _shown(value: Any) -> str:
    return read.shown(value, none="null")


# --- one record ------------------------------------------------------------------------------------


def parse_record(
    row_no: int, raw: Mapping[str, Any], *, keyed: bool = False
) -> tuple[DossierRecord | None, list[RowError]]:
    """Parse one row/object. ``keyed`` means ``raw`` already uses internal keys (CSV after map_headers)."""
    data = raw if keyed else remap(raw, HEADER_ALIASES)
    errors: list[RowError] = []

    def err(key: str, value: Any, reason: str) -> None:
        errors.append(
            RowError(row_no, FIELD_BY_KEY[key].national, _shown(value) if value is not None else "", reason)
        )

    texts: dict[str, str] = {}
    ints: dict[str, int | None] = {}
    instants: dict[str, dt.datetime | None] = {}
    get = data.get
    for key, required, max_length, label, national in _TEXT_SPECS:
        value = get(key)
        t = value.strip() if type(value) is str else _text(value)
        if required and not t:
            err(key, "", Reasons.missing(label, national))
        elif max_length and len(t) > max_length:
            err(key, t, Reasons.too_long(max_length))
        texts[key] = t
    for key, required, _, label, national in _INT_SPECS:
        value = get(key)
        try:
            ints[key] = number = _int(value)
        except (TypeError, ValueError):
            err(key, value, Reasons.INTEGER_SENTENCE)
            ints[key] = None
            continue
        if required and number is None:
            err(key, "", Reasons.missing(label, national))
    window = plausible.bounds()
    for key in _INSTANT_KEYS:
        value = get(key)
        try:
            instants[key] = instant = parse_instant(value) if value else None
        except (TypeError, ValueError):
            err(key, value, BAD_INSTANT)
            instants[key] = None
            continue
        if instant is not None and (reason := window.reason(instant, deadline=key in DEADLINE_KEYS)):
            err(key, value, reason)
            instants[key] = None

    flags: dict[str, bool | None] = {}
    for key in _FLAG_KEYS:
        value = get(key)
        try:
            flags[key] = read.parse_flag(value)
        except ValueError:
            err(key, value, Reasons.FLAG_SENTENCE)
            flags[key] = None
    electronic_result = read.parse_attachment(get("electronic_result"))
    online_payment = ints.get("online_payment")
    if online_payment is not None and online_payment not in PAYMENT_CODES:
        err("online_payment", online_payment, Reasons.PAYMENT_SENTENCE)

    status = ints.get("status")
    if status is not None and status not in STATUS_NAMES:
        err("status", status, Reasons.STATUS_SENTENCE)
    channel = ints.get("channel")
    if channel is None:
        channel = 1
    elif channel not in CHANNELS:
        err("channel", channel, Reasons.CHANNEL_SENTENCE)
    applicant_type = ints.get("applicant_type")
    if applicant_type is not None and not 0 <= applicant_type <= 4:
        err("applicant_type", applicant_type, Reasons.APPLICANT_TYPE_SENTENCE)

    received = instants.get("received_at")
    if status is not None and status in STATUS_NAMES:
        if status not in NOT_RECEIVED and received is None and not _has(errors, "NgayTiepNhan"):
            err("received_at", "", Reasons.received_required_sentence(status, STATUS_NAMES[status]))
        if status in NEEDS_END and instants.get("end_at") is None and not _has(errors, "NgayKetThucXuLy"):
            err("end_at", "", Reasons.end_required_sentence(status, STATUS_NAMES[status]))
    if received is not None:
        for key, what in (("appointment_at", "Ngày hẹn trả"), ("end_at", "Ngày kết thúc xử lý")):
            value = instants.get(key)
            if value is not None and value.date() < received.date():
                err(
                    key,
                    value.strftime("%d/%m/%Y %H:%M"),
                    Reasons.before_receipt_sentence(what, f"{received:%d/%m/%Y}"),
                )

    supplements = _parse_supplements(row_no, data.get("supplements"), errors)
    steps = _parse_steps(row_no, data.get("steps"), errors)
    if errors:
        return None, errors
    assert status is not None
    rec = DossierRecord(
        row=row_no,
        code=texts["code"],
        procedure_code=texts["procedure_code"],
        handling_unit_code=texts["handling_unit_code"],
        receiving_unit_code=texts["receiving_unit_code"] or texts["handling_unit_code"],
        status=status,
        channel=channel,
        applicant_name=texts["applicant_name"],
        applicant_id_number=texts["applicant_id_number"],
        applicant_phone=texts["applicant_phone"],
        applicant_email=texts["applicant_email"],
        applicant_address=texts["applicant_address"],
        applicant_type=applicant_type,
        summary=texts["summary"],
        submitted_at=instants["submitted_at"],
        received_at=received,
        appointment_at=instants["appointment_at"],
        end_at=instants["end_at"],
        returned_at=instants["returned_at"],
        refused_at=instants["refused_at"],
        digitised_inputs=flags["digitised_inputs"],
        electronic_result=electronic_result,
        online_payment=online_payment,
        vneid_verified=flags["vneid_verified"],
        steps=steps,
        supplements=supplements,
    )
    return rec, []


def _has(errors: list[RowError], national: str) -> bool:
    return any(e.field == national for e in errors)


def _objects(
    row_no: int, value: Any, name: str, errors: list[RowError], not_a_list: str, not_an_object: str
) -> Iterator[tuple[int, str, Mapping[str, Any]]]:
    """(its number from 1, its name in messages, the item) for each object of a list field; a value
    that is not a list, or an item that is not an object, adds its error instead."""
    try:
        items = _list(value)
    except (TypeError, ValueError):
        errors.append(RowError(row_no, name, _shown(value), not_a_list))
        return
    # A list written as JSON text in a CSV or workbook cell may hold \\u0000 or a lone \\ud800 (the
    # file's reader has refused them everywhere else): no stored text can keep either.
    if type(value) is str and (bad := bad_text.first(items)) is not None:
        errors.append(RowError(row_no, f"{name}{bad[0]}", "", bad_text.reason(bad[1])))
        return
    for i, item in enumerate(items, start=1):
        where = f"{name}[{i}]"
        if type(item) is not dict and not isinstance(item, Mapping):
            errors.append(RowError(row_no, where, _shown(item), not_an_object))
            continue
        yield i, where, item


def _parse_supplements(row_no: int, value: Any, errors: list[RowError]) -> list[SupplementRecord]:
    out: list[SupplementRecord] = []
    for i, where, item in _objects(
        row_no,
        value,
        SUPPLEMENTS,
        errors,
        Reasons.SUPPLEMENTS_LIST_SENTENCE,
        Reasons.SUPPLEMENT_OBJECT_SENTENCE,
    ):
        d = remap(item, SUPPLEMENT_ALIASES, SUPPLEMENT_EXACT)
        try:
            requested = parse_instant(d.get("requested_at"))
            completed = parse_instant(d.get("completed_at"))
        except (TypeError, ValueError):
            errors.append(RowError(row_no, where, _shown(item), Reasons.SUPPLEMENT_INSTANT_SENTENCE))
            continue
        window = plausible.bounds()
        if reason := window.reason(requested) or window.reason(completed):
            errors.append(RowError(row_no, where, _shown(item), reason))
            continue
        if requested is None:
            errors.append(
                RowError(row_no, f"{where}.NgayBoSung", "", Reasons.SUPPLEMENT_REQUEST_MISSING_SENTENCE)
            )
            continue
        if completed is not None and completed < requested:
            errors.append(
                RowError(
                    row_no,
                    f"{where}.NgayTiepNhanBoSung",
                    f"{completed:%d/%m/%Y %H:%M}",
                    Reasons.SUPPLEMENT_BEFORE_REQUEST_SENTENCE,
                )
            )
            continue
        content = _text(d.get("content"))
        if len(content) > SUPPLEMENT_CONTENT_LIMIT:
            errors.append(
                RowError(
                    row_no,
                    f"{where}.NoiDungBoSung",
                    _shown(content),
                    Reasons.too_long(SUPPLEMENT_CONTENT_LIMIT),
                )
            )
            continue
        out.append(SupplementRecord(i, requested, completed, content))
    return out


def _parse_steps(row_no: int, value: Any, errors: list[RowError]) -> list[StepRecord]:
    out: list[StepRecord] = []
    for i, where, item in _objects(
        row_no, value, STEPS, errors, Reasons.STEPS_LIST_SENTENCE, Reasons.STEP_OBJECT_SENTENCE
    ):
        d = remap(item, STEP_ALIASES, STEP_EXACT)
        try:
            started = parse_instant(d.get("started_at"))
            finished = parse_instant(d.get("finished_at"))
            deadline = parse_instant(d.get("deadline_at"))
        except (TypeError, ValueError):
            errors.append(RowError(row_no, where, _shown(item), Reasons.STEP_INSTANT_SENTENCE))
            continue
        window = plausible.bounds()
        if reason := (
            window.reason(started) or window.reason(finished) or window.reason(deadline, deadline=True)
        ):
            errors.append(RowError(row_no, where, _shown(item), reason))
            continue
        texts = {}
        too_long = ""
        for k, limit in STEP_LIMITS.items():
            value = d.get(k)
            t = value.strip() if type(value) is str else _text(value)
            if len(t) > limit and not too_long:
                too_long = k
            texts[k] = t
        if too_long:
            errors.append(
                RowError(
                    row_no,
                    f"{where}.{STEP_FIELDS[too_long][0]}",
                    _shown(texts[too_long]),
                    Reasons.too_long(STEP_LIMITS[too_long]),
                )
            )
            continue
        out.append(
            StepRecord(
                seq=i,
                unit_ref=texts["unit_ref"],
                from_unit_ref=texts["from_unit_ref"],
                official_name=texts["official_name"],
                position=texts["position"],
                content=texts["content"],
                started_at=started,
                finished_at=finished,
                deadline_at=deadline,
                external=_bool(d.get("external")),
            )
        )
    return out
