"""The national-sync reader for the outcome engine, column by column: records become a ``DossierBatch``
without a ``Dossier`` object or a Python check per field (``outcome_batches``). Pure.

``natsync.parse_record`` checks each record field by field in Python, with a Vietnamese reason for every
fault; at a million dossiers that is most of ``cchc dossier-outcomes``'s time. Here a block of records is
read as columns (one list per field), every column is checked at once (the set of its types and values,
instants as one byte array in numpy), and only a block where something is unusual — any value the
exact reader would refuse, read differently or has to look at closely (a number as a code, a limit
of its own, a status history, a repeated code …) — is read by the exact reader instead, record by
record. So the answer is always the exact reader's: the same dossiers, and for a faulty record the same
errors naming its number (line, for line-delimited files) and field. The equality is tested on random
files (``test_outcome_columns_equal_the_exact_reader``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, Final

import numpy as np

from cchc.lib.natsync import ParseResult, RawItem, RecordError, _parse_all, iter_raw
from cchc.lib.natsync_fields import (
    APPOINTMENT,
    CHANNEL,
    CODE,
    DIGITISED,
    DIGITISED_ALIAS,
    ENDED,
    INTER_AGENCY,
    LIMIT_UNIT,
    LIMIT_VALUE,
    PAID_ONLINE,
    PROCEDURE,
    RECEIVED,
    STATUS,
    STATUS_HISTORY,
    STEPS,
    SUPPLEMENTS,
    VNEID,
)
from cchc.lib.outcomes import NEEDS_END, NOT_RECEIVED, UNIT_CODE, LegalLimit
from cchc.lib.outcomes_batch import DossierBatch

# Records read as columns at once; an unusual one sends only its block to the exact reader.
BLOCK: Final = 2000
_US_PER_DAY: Final = 86_400_000_000
_NAT: Final = np.iinfo(np.int64).min
_NONE_TYPE: Final = type(None)
_STATUS_OF: Final[dict[str | int, int]] = {
    **{str(s): s for s in range(1, 11)},
    **{s: s for s in range(1, 11)},
}
# Values read without a question (parse_channel, parse_online_payment, parse_flag accept each of them);
# with bool and float kept out by the types' check first where True == 1 or 1.0 == 1 would slip in.
_CHANNELS: Final = frozenset({None, "", "1", "2", "3", 1, 2, 3})
_PAYMENTS: Final = frozenset({None, "", "0", "1", "2", 0, 1, 2})
_FLAGS: Final = frozenset({None, "", "0", "1", 0, 1})
_CODE_TYPES: Final = frozenset({str, int, _NONE_TYPE})
_BLANK_LIST: Final = frozenset({None, ""})
_EMPTY: Final[list[Any]] = []
_SENTINEL: Final = "00000000000000"
_DAYS_IN_MONTH: Final = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)
_DAYS_BEFORE_MONTH: Final = np.array(
    [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334], dtype=np.int64
)
_ORDINAL_1970: Final = 719163  # date(1970, 1, 1).toordinal(): day 1 is 1 January of year 1


class Unusual(Exception):
    """A block the columns cannot vouch for: the exact reader reads it."""


def outcome_batches(
    path: str | Path, *, procedures: Mapping[str, LegalLimit] | None = None, size: int = 20_000
) -> Iterator[tuple[DossierBatch, list[RecordError]]]:
    """The file's dossiers as batches of about ``size`` for ``judge_many``, with the errors of the faulty
    records among them, in file order — what ``natsync.read_batches`` gives, as columns. A MaHoSo
    repeated in a later batch is still an error. ``UnreadableInput`` as ``read_batches``."""
    where, items = iter_raw(path)
    seen: dict[str, int] = {}
    while True:
        parts: list[DossierBatch] = []
        errors: list[RecordError] = []
        taken = 0
        while taken < size:
            block = list(itertools.islice(items, BLOCK))
            if not block:
                break
            taken += len(block)
            try:
                parts.append(block_columns(block, procedures, seen))
            except (Unusual, TypeError):  # TypeError: an unhashable value (a list, an object) in a column
                exact = _parse_all(block, where, procedures, seen)
                parts.append(DossierBatch.from_dossiers(exact.dossiers))
                errors.extend(exact.errors)
        if not taken:
            return
        yield concat(parts), errors
        if taken < size:
            return


def exact_batches(
    path: str | Path, *, procedures: Mapping[str, LegalLimit] | None = None, size: int = 20_000
) -> Iterator[tuple[DossierBatch, list[RecordError]]]:
    """``outcome_batches`` through the exact reader alone (for the tests and the benchmark's baseline)."""
    where, items = iter_raw(path)
    seen: dict[str, int] = {}
    while chunk := list(itertools.islice(items, size)):
        result: ParseResult = _parse_all(chunk, where, procedures, seen)
        yield DossierBatch.from_dossiers(result.dossiers), result.errors


def _check(ok: bool) -> None:
    if not ok:
        raise Unusual


class _Columns:
    """The values of some keys in many objects, one list per key (None where a key is absent). Exports
    repeat one set of keys in every record: the keys all objects share are read with one C call per
    object (``itemgetter``), and a key no object has costs nothing."""

    def __init__(self, objects: Sequence[dict[str, Any]], keys: Sequence[str]) -> None:
        self.n = len(objects)
        shapes = set(map(tuple, objects))
        self.present: set[str] = set().union(*shapes)
        everywhere = set.intersection(*map(set, shapes)) if shapes else set()
        shared = [k for k in keys if k in everywhere]
        self.values: dict[str, Sequence[Any]] = {}
        if len(shared) > 1:
            self.values.update(zip(shared, zip(*map(itemgetter(*shared), objects), strict=True), strict=True))
        elif shared:
            self.values[shared[0]] = list(map(itemgetter(shared[0]), objects))
        for k in keys:
            if k in self.present and k not in self.values:
                self.values[k] = [o.get(k) for o in objects]

    def __getitem__(self, key: str) -> Sequence[Any]:
        got = self.values.get(key)
        return [None] * self.n if got is None else got

    def has(self, key: str) -> bool:
        return key in self.present


def _text(values: Sequence[Any], *, required: bool) -> list[str | None]:
    """``_Record.text`` for a column of strings (and absent values unless ``required``)."""
    types = set(map(type, values))
    if types <= {str}:  # the common case, read by C calls alone
        out: list[str | None] = list(map(str.strip, values))
        if "" in out:
            _check(not required)
            out = [v or None for v in out]
        return out
    _check(not required and types <= {str, _NONE_TYPE})
    return [(v.strip() or None) if v else None for v in values]


def instants(values: Sequence[Any]) -> np.ndarray:
    """A column of ``yyyyMMddHHmmss`` texts (or blanks: None, "") as microseconds since 1970 (``_NAT``
    for a blank), read at once; anything else — another spelling, an impossible date — is unusual
    (the exact reader reads it or names it)."""
    n = len(values)
    if not n:
        return np.empty(0, dtype=np.int64)
    # Blanks become fourteen zeros (no real instant: year 0 does not exist), so one written so is unusual.
    _check(_SENTINEL not in values)
    filled = [v or _SENTINEL for v in values]
    try:
        _check(set(map(len, filled)) == {14})
        text = "".join(filled)
    except TypeError:
        raise Unusual from None
    _check(text.isascii())
    return digit_instants(np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(n, 14))


def digit_instants(raw: np.ndarray) -> np.ndarray:
    """``instants`` of texts already laid out as bytes, 14 a row (blanks as fourteen zeros; the caller
    has refused a real "00000000000000"): ASCII digits of a real instant, else unusual. Pairs of digits
    are read at once and the day is counted with the Gregorian calendar's arithmetic (as datetime64),
    in a few passes over small integers: a million dossiers carry some ten million instants."""
    a = raw - np.uint8(48)
    _check(int(a.max(initial=0)) <= 9)
    # Seven rows of two-digit numbers (century, year, month, day, hour, minute, second), each contiguous.
    pairs = np.ascontiguousarray((a[:, 0::2] * np.uint8(10) + a[:, 1::2]).T)
    blank = ~pairs.any(axis=0)
    year = pairs[0].astype(np.int64) * 100 + pairs[1]
    month, day, hour, minute, second = pairs[2:7]
    if blank.any():
        year, month, day = np.where(blank, 1970, year), np.where(blank, 1, month), np.where(blank, 1, day)
    valid = (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (hour < 24) & (minute < 60)
    valid &= second < 60
    _check(bool(valid.all()))
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    _check(bool((day <= _DAYS_IN_MONTH[month] + (leap & (month == 2))).all()))
    before = year - 1
    days = before * 365 + before // 4 - before // 100 + before // 400 + _DAYS_BEFORE_MONTH[month]
    days += day
    days += leap & (month > 2)
    days -= _ORDINAL_1970
    out = (((days * 24 + hour) * 60 + minute) * 60 + second) * 1_000_000
    out[blank] = _NAT
    return out


def _lists(values: Sequence[Any]) -> tuple[list[dict[str, Any]], list[int]]:
    """The objects of a list field, flat, and how many each record has (absent, null, "" or [] is none)."""
    _check({v for v in values if type(v) is not list} <= _BLANK_LIST)
    lists = [v if type(v) is list else _EMPTY for v in values]
    flat = [item for lst in lists for item in lst]
    _check(set(map(type, flat)) <= {dict})
    return flat, list(map(len, lists))


def _flags(cols: _Columns, key: str) -> np.ndarray:
    """``LienThong``: absent or null is no; true/false as they are; any other spelling is unusual."""
    if not cols.has(key):
        return np.zeros(cols.n, dtype=np.bool_)
    values = cols[key]
    _check(set(map(type, values)) <= {bool, _NONE_TYPE})
    return np.array([v is True for v in values], dtype=np.bool_)


def _owners(counts: list[int]) -> np.ndarray:
    return np.repeat(np.arange(len(counts), dtype=np.int64), counts)


_TOP: Final = (CODE, PROCEDURE, STATUS, RECEIVED, APPOINTMENT, ENDED, SUPPLEMENTS, STEPS, INTER_AGENCY)
# Fields the exact reader would refuse or read one by one: a status history, a limit of the record's
# own (both rare in exports; the procedures file gives the limit).
_RARE: Final = (STATUS_HISTORY, LIMIT_VALUE, LIMIT_UNIT)
# The service facts ``parse_facts`` would refuse (they make a record faulty, here too): accepted values,
# and the accepted types where a bool or float would pass for an int in a set.
_FACTS: Final = (
    (CHANNEL, _CHANNELS, _CODE_TYPES),
    (PAID_ONLINE, _PAYMENTS, _CODE_TYPES),
    (DIGITISED, _FLAGS, None),
    (DIGITISED_ALIAS, _FLAGS, None),
    (VNEID, _FLAGS, None),
)
_STEP: Final = (
    "NgayBatDau",
    "ThoiDiemXuLy",
    "NgayKetThucTheoQuyDinh",
    "PhongBanXuLy",
    "NguoiXuLy",
    INTER_AGENCY,
)
_SUPPLEMENT: Final = ("NgayBoSung", "NgayTiepNhanBoSung")


def check_timeline(
    status: np.ndarray, received: np.ndarray, appointment: np.ndarray, ended: np.ndarray
) -> None:
    """What ``parse_record`` refuses in a dossier's own instants (microseconds, ``_NAT`` for none)."""
    has_received = received != _NAT
    needs_received = ~np.isin(status, sorted(NOT_RECEIVED))
    _check(not bool((needs_received & ~has_received).any()))
    needs_end = np.isin(status, sorted(NEEDS_END))
    _check(not bool((needs_end & (ended == _NAT)).any()))
    both = has_received & (appointment != _NAT)
    _check(not bool((both & (appointment // _US_PER_DAY < received // _US_PER_DAY)).any()))
    _check(not bool((has_received & (ended != _NAT) & (ended < received)).any()))


def check_supplements(requested: np.ndarray, completed: np.ndarray) -> None:
    _check(not bool((requested == _NAT).any()))
    _check(not bool(((completed != _NAT) & (completed < requested)).any()))


def check_steps(started: np.ndarray, finished: np.ndarray) -> None:
    _check(not bool(((started != _NAT) & (finished != _NAT) & (finished < started)).any()))


def block_columns(
    block: list[RawItem], procedures: Mapping[str, LegalLimit] | None, seen: dict[str, int]
) -> DossierBatch:
    """One block of records as a batch, when every record is one the exact reader would accept and read
    as the columns do; else ``Unusual`` (and ``seen`` untouched)."""
    _check(all(not earlier and type(raw) is dict for _, raw, earlier in block))
    records: list[dict[str, Any]] = [raw for _, raw, _ in block]
    n = len(records)
    cols = _Columns(records, (*_TOP, *_RARE, *(f[0] for f in _FACTS)))
    for key in _RARE:
        if cols.has(key):
            _check({v for v in cols[key] if v != []} <= _BLANK_LIST)
    for key, allowed, types in _FACTS:
        if cols.has(key):
            values = cols[key]
            _check(set(values) <= allowed and (types is None or set(map(type, values)) <= types))

    codes = _text(cols[CODE], required=True)
    procedure = _text(cols[PROCEDURE], required=True)
    raw_status = cols[STATUS]
    _check(set(map(type, raw_status)) <= {str, int})
    status_list = [_STATUS_OF.get(v) for v in raw_status]
    _check(None not in status_list)
    status = np.array(status_list, dtype=np.int8)
    received = instants(cols[RECEIVED])
    appointment = instants(cols[APPOINTMENT])
    ended = instants(cols[ENDED])
    check_timeline(status, received, appointment, ended)
    _flags(cols, INTER_AGENCY)  # the batch does not carry it (judge_many never reads it), but it is checked

    sups, sup_counts = _lists(cols[SUPPLEMENTS])
    sup_cols = _Columns(sups, _SUPPLEMENT)
    requested = instants(sup_cols["NgayBoSung"])
    completed = instants(sup_cols["NgayTiepNhanBoSung"])
    check_supplements(requested, completed)

    steps, step_counts = _lists(cols[STEPS])
    step_cols = _Columns(steps, _STEP)
    started = instants(step_cols["NgayBatDau"])
    finished = instants(step_cols["ThoiDiemXuLy"])
    deadline = instants(step_cols["NgayKetThucTheoQuyDinh"])
    check_steps(started, finished)
    external = _flags(step_cols, INTER_AGENCY)
    units = _text(step_cols["PhongBanXuLy"], required=False)
    officials = _text(step_cols["NguoiXuLy"], required=False)

    limit_value = np.full(n, np.nan)
    limit_unit = np.zeros(n, dtype=np.int8)
    if procedures:
        for i, code in enumerate(procedure):
            limit = procedures.get(code)  # type: ignore[arg-type]
            if limit is not None:
                limit_value[i], limit_unit[i] = limit.value, UNIT_CODE[limit.unit]
    # A repeated code makes a record faulty: the exact reader names it. Checked last, so ``seen`` only
    # grows by a block the columns read.
    _check(len(set(codes)) == n and seen.keys().isdisjoint(codes))
    seen.update(zip(codes, (index for index, _, _ in block), strict=True))  # type: ignore[arg-type]
    us = "datetime64[us]"
    return DossierBatch(
        codes=codes,  # type: ignore[arg-type]
        status=status,
        received=received.view(us),
        appointment=appointment.view(us),
        ended=ended.view(us),
        limit_value=limit_value,
        limit_unit=limit_unit,
        sup_owner=_owners(sup_counts),
        sup_requested=requested.view(us),
        sup_completed=completed.view(us),
        step_owner=_owners(step_counts),
        step_started=started.view(us),
        step_finished=finished.view(us),
        step_deadline=deadline.view(us),
        step_external=external,
        step_unit=units,
        step_official=officials,
    )


def concat(parts: list[DossierBatch]) -> DossierBatch:
    """Batches one after another as one batch (the flat rows' owners moved by the dossiers before)."""
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return DossierBatch.from_dossiers([])
    offsets = np.cumsum([0, *(len(p) for p in parts[:-1])])

    def cat(name: str) -> Any:
        return np.concatenate([getattr(p, name) for p in parts])

    def owners(name: str) -> Any:
        return np.concatenate([getattr(p, name) + off for p, off in zip(parts, offsets, strict=True)])

    return DossierBatch(
        codes=[c for p in parts for c in p.codes],
        status=cat("status"),
        received=cat("received"),
        appointment=cat("appointment"),
        ended=cat("ended"),
        limit_value=cat("limit_value"),
        limit_unit=cat("limit_unit"),
        sup_owner=owners("sup_owner"),
        sup_requested=cat("sup_requested"),
        sup_completed=cat("sup_completed"),
        step_owner=owners("step_owner"),
        step_started=cat("step_started"),
        step_finished=cat("step_finished"),
        step_deadline=cat("step_deadline"),
        step_external=cat("step_external"),
        step_unit=[u for p in parts for u in p.step_unit],
        step_official=[o for p in parts for o in p.step_official],
        event_owner=owners("event_owner"),
        event_status=cat("event_status"),
        event_at=cat("event_at"),
    )
