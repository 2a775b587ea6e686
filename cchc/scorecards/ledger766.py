"""Decision 766 on the dossier ledger: the same pure engine as ``cchc index-766`` (``cchc.lib.index766``
over ``cchc.lib.dossier_period``), fed with the ledger's dossiers in the national sync shape.

The ledger's rows are turned into national-shape records and read by ``natsync.parse_records`` — the
reader of the command line — so a figure here and the command's figure on an export of the same
dossiers cannot drift apart. Units are the handling units (``DonViXuLy``), as in the command. The
petition indicators (5.2–5.4) read the petitions module's petitions through the command's petition
rules (``index766.feedback``). The catalogue indicators (3.1, 3.2, 3.6) read the procedure catalogue
through the command's ``index766.catalogue.Catalogue`` (``catalogue()``: the table as the command's
``--procedures`` file would give it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Count, Max, Q, QuerySet

from cchc.dossiers.judging import calendar_for
from cchc.dossiers.models import Dossier, Procedure, Supplement
from cchc.dossiers.records import LOCAL_TZ
from cchc.feedback.models import Petition
from cchc.lib import index766
from cchc.lib import outcomes_batch as batch_eng
from cchc.lib.dossier_period import Period, Tally, classify, count_batch, summary
from cchc.lib.index766.catalogue import Catalogue, carries_fees
from cchc.lib.index766.catalogue import Procedure as CatalogueEntry
from cchc.lib.index766.feedback import (
    FEEDBACK_KEYS,
    PETITION,
    RATING,
    Feedback,
    count_feedback,
    dossiers_with_feedback,
)
from cchc.lib.natsync import NO_FACTS, ServiceFacts
from cchc.lib.natsync_fields import CHANNELS, PAYMENT_CODES
from cchc.lib.outcomes import NOT_RECEIVED, TERMINAL, LegalLimit, LimitUnit, Rules, SupplementShift
from cchc.lib.outcomes_batch import judge_many
from cchc.org.models import Jurisdiction
from cchc.surveys.models import DossierRating, RatingLevel

CHUNK = 20_000
_FIELDS = (
    "pk",
    "code",
    "procedure__national_code",
    "handling_unit__code",
    "status",
    "channel",
    "received_at",
    "appointment_at",
    "end_at",
    "digitised_inputs",
    "electronic_result",
    "online_payment",
    "vneid_verified",
)


def rules() -> Rules:
    return Rules(SupplementShift(getattr(settings, "CCHC_SUPPLEMENT_SHIFT", "working_days")))


def procedure_limits() -> dict[str, LegalLimit]:
    """The catalogue's time limits, for dossiers without an appointment (``--procedures`` of the command)."""
    out: dict[str, LegalLimit] = {}
    for code, value, unit in Procedure.objects.values_list("national_code", "limit_value", "limit_unit"):
        if value is not None and value > 0:
            out[code] = LegalLimit(float(value), LimitUnit(unit))
    return out


def catalogue() -> Catalogue:
    """The procedures in force with their online-service level, whether they carry fees
    (``carries_fees`` of their fee list) and their handling units' codes, and the time limits — what
    ``catalogue_file`` writes for the command."""
    units: dict[int, set[str]] = {}
    through = Procedure.handling_units.through.objects.values_list("procedure_id", "unit__code")
    for proc_id, code in through:
        units.setdefault(proc_id, set()).add(code)
    entries = tuple(
        CatalogueEntry(code, online, carries_fees(fees or []), frozenset(units.get(pk, ())))
        for pk, code, online, fees in Procedure.objects.filter(is_active=True)
        .order_by("national_code")
        .values_list("pk", "national_code", "online_level", "fees")
    )
    return Catalogue(entries, procedure_limits())


def catalogue_file(cat: Catalogue) -> list[dict[str, Any]]:
    """The catalogue in the shape of the command's ``--procedures`` file (JSON records)."""
    limits = {
        code: {"ThoiGianGiaiQuyet": limit.value, "DonViTinh": _UNIT_WORDS[limit.unit]}
        for code, limit in cat.limits.items()
    }
    return [
        {
            "MaTTHC": p.code,
            "MucDoTrucTuyen": p.online,
            "CoPhiLePhi": int(bool(p.fees)),
            "MaDonViGiaiQuyet": sorted(p.units),
            **limits.get(p.code, {}),
        }
        for p in cat.procedures
    ]


_UNIT_WORDS = {
    LimitUnit.HOURS: "giờ",
    LimitUnit.DAYS: "ngày",
    LimitUnit.WORKING_DAYS: "ngày làm việc",
    LimitUnit.MONTHS: "tháng",
}


def in_period(qs: QuerySet[Dossier], period: Period) -> QuerySet[Dossier]:
    """The dossiers that can fall in the period: received by its end and not finished before it (a
    superset; the engine decides)."""
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=LOCAL_TZ)
    after = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL_TZ)
    return qs.filter(received_at__isnull=False, received_at__lt=after).filter(
        Q(end_at__isnull=True) | Q(end_at__gte=start)
    )


_ONE_S = dt.timedelta(seconds=1)
_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_UTC = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_NAT = np.iinfo(np.int64).min


def _utc_seconds(values: Sequence[Any]) -> Any:
    """Whole UTC seconds since 1970 (int64, ``_NAT`` for None) of a column read raw from the database:
    naive UTC datetimes (SQLite, through the converter Django registers), aware ones (PostgreSQL), or
    UTC text ("2026-06-01 01:00:00[.ffffff]", parsed by numpy in one go)."""
    first = next((v for v in values if v is not None), None)
    if isinstance(first, str):
        try:
            us = np.array(values, dtype="datetime64[us]").astype(np.int64)
        except ValueError:
            values = [None if v is None else dt.datetime.fromisoformat(v) for v in values]
        else:
            return np.where(us == _NAT, _NAT, np.floor_divide(us, 1_000_000))
    # Aware (PostgreSQL) or naive UTC (SQLite's registered converter): subtract the matching epoch.
    epoch = _EPOCH_UTC if first is not None and first.tzinfo is not None else _EPOCH
    return np.array([_NAT if v is None else (v - epoch) // _ONE_S for v in values], dtype=np.int64)


def _offset(utc_seconds: int) -> int:
    """The local zone's offset from UTC at that instant, in seconds."""
    local = dt.datetime.fromtimestamp(utc_seconds, LOCAL_TZ)
    return (local.replace(tzinfo=None) - local.astimezone(dt.UTC).replace(tzinfo=None)) // _ONE_S


def _local_us(values: Sequence[Any]) -> Any:
    """The instants as the national sync format writes them — local wall time, to the second
    (``yyyyMMddHHmmss``) — as a datetime64[us] column; None is NaT. The zone's offset is looked up
    once per distinct hour, not once per value."""
    secs = _utc_seconds(values)
    known = np.flatnonzero(secs != _NAT)
    hours, where = np.unique(secs[known] // 3600, return_inverse=True)
    first = np.array([_offset(int(h) * 3600) for h in hours.tolist()], dtype=np.int64)
    last = np.array([_offset(int(h) * 3600 + 3599) for h in hours.tolist()], dtype=np.int64)
    offsets = first[where]
    # An hour in which the zone changed its offset: those instants one by one.
    for i in np.flatnonzero(first[where] != last[where]).tolist():
        offsets[i] = _offset(int(secs[known[i]]))
    local = np.full(len(secs), _NAT, dtype=np.int64)
    local[known] = (secs[known] + offsets) * 1_000_000
    return local.view("datetime64[us]")


def _raw_rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The query's rows without Django's per-value conversion (its datetime converter was most of the
    time on a year of dossiers, docs/benchmarks.md): ``_local_us`` converts whole columns instead."""
    sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _flag(value: bool | None) -> bool | None:
    return None if value is None else bool(value)


@dataclass
class Rows(batch_eng.DossierBatch):
    """One chunk of the ledger as the engine's columns (``DossierBatch``), with each row's service
    facts. Iterating gives one placeholder per dossier: ``dossier_period.count_batch`` groups by the
    facts' unit and never looks at the dossier itself, so it counts these columns unchanged."""

    facts: list[ServiceFacts] = field(default_factory=list)
    procedures: list[str] = field(default_factory=list)  # each dossier's MaTTHC

    def __iter__(self) -> Iterator[None]:
        return iter([None] * len(self.codes))


def ledger_rows(qs: QuerySet[Dossier]) -> Iterator[Rows]:
    """The dossiers in chunks of columns, read straight from the ledger (no text round trip): what
    ``natsync.parse_records`` makes of each dossier's national-sync record, field for field — the
    handling unit's code, the catalogue's time limit, the supplements, the 766 flags — leaving out, as
    it does, a row its rules refuse (no procedure, a finished dossier without its end, an appointment
    or end before receipt, a supplement answered before it was asked). A test compares the two."""
    limits = procedure_limits()
    rows = _raw_rows(qs.order_by("pk").values_list(*_FIELDS))
    sups: dict[int, list[tuple[Any, Any]]] = {}
    supplements = Supplement.objects.filter(dossier_id__in=qs.values("pk")).order_by("dossier_id", "seq")
    for dossier_id, asked, done in _raw_rows(
        supplements.values_list("dossier_id", "requested_at", "completed_at")
    ):
        sups.setdefault(dossier_id, []).append((asked, done))
    for i in range(0, len(rows), CHUNK):
        yield _columns(rows[i : i + CHUNK], sups, limits)


def _valid(cols: list[Any], received: Any, appointment: Any, ended: Any) -> Any:
    """The rows ``natsync.parse_record`` and ``parse_facts`` would accept (see ``ledger_rows``)."""
    procs, status, channel, pay = cols[2], cols[4], cols[5], cols[11]
    st = np.array(status, dtype=np.int64)
    day = "datetime64[D]"
    ok = np.array([p is not None for p in procs], dtype=np.bool_) & (st >= 1) & (st <= 10)
    ok &= ~(np.isin(st, sorted(TERMINAL - NOT_RECEIVED)) & np.isnat(ended))
    ok &= ~(np.isin(st, sorted(NOT_RECEIVED), invert=True) & np.isnat(received))
    ok &= ~(~np.isnat(appointment) & (appointment.astype(day) < received.astype(day)))
    ok &= ~(~np.isnat(ended) & (ended < received))
    ok &= np.array([c is None or c in CHANNELS for c in channel], dtype=np.bool_)
    ok &= np.array([p is None or p in PAYMENT_CODES for p in pay], dtype=np.bool_)
    return ok


def _columns(
    chunk: list[tuple[Any, ...]],
    sups: Mapping[int, list[tuple[Any, Any]]],
    limits: Mapping[str, LegalLimit],
) -> Rows:
    n = len(chunk)
    cols = list(zip(*chunk, strict=True)) if chunk else [()] * len(_FIELDS)
    pks, codes, procs, units, status, channel, _, _, _, dig, elec, pay, vneid = cols
    received, appointment, ended = _local_us(cols[6]), _local_us(cols[7]), _local_us(cols[8])
    ok = _valid(cols, received, appointment, ended)
    owner: list[int] = []
    asked_at: list[Any] = []
    done_at: list[Any] = []
    for row, pk in enumerate(pks):
        for asked, done in sups.get(pk, ()):
            owner.append(row)
            asked_at.append(asked)
            done_at.append(done)
    sup_owner = np.array(owner, dtype=np.int64)
    sup_asked, sup_done = _local_us(asked_at), _local_us(done_at)
    ok[sup_owner[~np.isnat(sup_done) & (sup_done < sup_asked)]] = False
    keep = np.flatnonzero(ok)
    remap = np.full(n, -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))
    sup_keep = ok[sup_owner]
    limit_value = np.full(len(keep), np.nan)
    limit_unit = np.zeros(len(keep), dtype=np.int8)
    facts = []
    kept = keep.tolist()
    for j, i in enumerate(kept):
        limit = limits.get(procs[i])
        if limit is not None:
            limit_value[j], limit_unit[j] = limit.value, batch_eng.UNIT_CODE[limit.unit]
        fact = ServiceFacts(
            unit=units[i] or None,
            channel=channel[i],
            digitised_inputs=_flag(dig[i]),
            electronic_result=_flag(elec[i]),
            online_payment=pay[i],
            vneid_verified=_flag(vneid[i]),
        )
        facts.append(NO_FACTS if fact == NO_FACTS else fact)
    no_us = np.empty(0, dtype="datetime64[us]")
    return Rows(
        codes=[codes[i] for i in kept],
        status=np.array(status, dtype=np.int8)[keep],
        received=received[keep],
        appointment=appointment[keep],
        ended=ended[keep],
        limit_value=limit_value,
        limit_unit=limit_unit,
        sup_owner=remap[sup_owner[sup_keep]],
        sup_requested=sup_asked[sup_keep],
        sup_completed=sup_done[sup_keep],
        step_owner=np.empty(0, dtype=np.int64),
        step_started=no_us,
        step_finished=no_us,
        step_deadline=no_us,
        step_external=np.empty(0, dtype=np.bool_),
        step_unit=[],
        step_official=[],
        facts=facts,
        procedures=[procs[i] for i in kept],
    )


def count(
    qs: QuerySet[Dossier],
    period: Period,
    jurisdiction: Jurisdiction | None,
    feedback_codes: frozenset[str] = frozenset(),
    fee_codes: frozenset[str] | None = None,
) -> Tally:
    """The period counts per handling unit (code) of the dossiers in ``qs``; with ``fee_codes`` (the
    catalogue's fee-bearing procedures) those of indicators 3.2 and 3.6 too."""
    calendar, rule = calendar_for(jurisdiction), rules()
    tally = Tally()
    for rows in ledger_rows(in_period(qs, period)):
        # ``Rows`` is the engine's batch and yields a placeholder per dossier (see its docstring).
        dossiers = cast(Sequence[Any], rows)
        tally.add(
            count_batch(
                dossiers,
                rows.facts,
                period,
                calendar,
                rules=rule,
                feedback_codes=feedback_codes,
                fee_codes=fee_codes,
                procedure_codes=rows.procedures,
            )
        )
    return tally


def document(
    qs: QuerySet[Dossier],
    period: Period,
    jurisdiction: Jurisdiction | None,
    petitions: list[Feedback] | None = None,
    cat: Catalogue | None = None,
) -> dict[str, Any]:
    """The ``cchc index-766`` document for these dossiers and this period; with ``petitions`` (as
    ``petition_items`` gives them) the petition indicators 5.2–5.4 too, as ``--feedback`` does; the
    catalogue indicators from ``cat`` (default: the catalogue table), as ``--procedures`` does."""
    codes = dossiers_with_feedback(petitions, period) if petitions is not None else frozenset()
    cat = catalogue() if cat is None else cat
    tally = count(qs, period, jurisdiction, codes, cat.fee_codes())
    unit_feedback = total_feedback = None
    if petitions is not None:
        unit_feedback = count_feedback(petitions, period, calendar_for(jurisdiction))
        total_feedback = {k: sum(c[k] for c in unit_feedback.values()) for k in FEEDBACK_KEYS}
    return index766.report(
        period,
        index766.index_set_for(period),
        {label: summary(counts) for label, counts in tally.groups.items()},
        summary(tally.total()),
        unit_feedback,
        total_feedback,
        cat,
        tally.online_procedures,
    )


def petition_items(jurisdiction: Jurisdiction | None) -> list[Feedback]:
    """The petitions module's petitions as the engine's items (the ``--feedback`` file's rows): handled
    on the day of the answer, refusal or redirection; raised again when the citizen reopened it; due
    on the date its clock gives; duplicates left out (the first petition counts)."""
    qs = Petition.objects.filter(duplicate_of__isnull=True)
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction__path__startswith=jurisdiction.path)
    out = []
    for code, unit, received, due, handled, satisfied, reopened, dossier in qs.order_by("pk").values_list(
        "code",
        "unit__code",
        "received_at",
        "due_on",
        "handled_on",
        "satisfied",
        "reopened_at",
        "dossier_code",
    ):
        out.append(
            Feedback(
                code=code,
                kind=PETITION,
                received_at=received.astimezone(LOCAL_TZ).replace(tzinfo=None),
                unit=unit,
                due=due,
                handled_at=None if handled is None else dt.datetime.combine(handled, dt.time.min),
                satisfied=satisfied,
                raised_again=reopened is not None,
                dossier=dossier or None,
            )
        )
    return out


def rating_items(jurisdiction: Jurisdiction | None) -> list[Feedback]:
    """Citizens' "not satisfied" ratings of dossiers (the satisfaction module's three-level rating) as
    the engine's rating items (``Loai`` = ``DANH_GIA`` in the petitions file): 5.4 counts a dossier
    so rated as one the citizen was not satisfied with. Satisfied ratings change no figure (5.2 and 5.3
    count petitions only), so they are not read."""
    qs = DossierRating.objects.filter(level=RatingLevel.NOT_SATISFIED)
    if jurisdiction is not None:
        qs = qs.filter(unit__jurisdiction__path__startswith=jurisdiction.path)
    return [
        Feedback(
            code=f"DG-{pk}",
            kind=RATING,
            received_at=rated.astimezone(LOCAL_TZ).replace(tzinfo=None),
            unit=unit,
            satisfied=False,
            dossier=dossier,
        )
        for pk, rated, unit, dossier in qs.order_by("pk").values_list(
            "pk", "rated_at", "unit__code", "dossier__code"
        )
    ]


def petitions_file(items: list[Feedback]) -> list[dict[str, Any]]:
    """The items in the shape of the command's petitions file (``--feedback``)."""
    return [
        {
            "MaPAKN": f.code,
            "Loai": f.kind,
            "NgayTiepNhan": f.received_at.strftime("%Y%m%d%H%M%S"),
            "DonViXuLy": f.unit,
            "HanXuLy": f.due.strftime("%Y%m%d") if f.due else "",
            "NgayXuLy": f.handled_at.strftime("%Y%m%d") if f.handled_at else "",
            "HaiLong": "" if f.satisfied is None else int(f.satisfied),
            "PhanAnhLai": int(f.raised_again),
            "MaHoSo": f.dossier or "",
        }
        for f in items
    ]


def _stamp() -> str:
    # Dossiers are never deleted (every foreign key to them protects them, and no path deletes one):
    # the last id says one was added, the last change one was written — two index entries, where
    # counting the dossiers read all of them (2.1 s at 5,000,000 on PostgreSQL, docs/benchmarks.md).
    agg = Dossier.objects.aggregate(n=Max("pk"), last=Max("updated_at"))
    last = agg["last"].timestamp() if agg["last"] else 0
    p = Petition.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    # Ratings are never edited, only added (or removed with their dossier): their count and last id do.
    r = DossierRating.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return f"{agg['n']}:{last}:{p['n']}:{p['last'].timestamp() if p['last'] else 0}:{r['n']}:{r['last']}"


def city_document(jurisdiction: Jurisdiction | None, period: Period) -> dict[str, Any]:
    """Every unit of the jurisdiction (all dossiers, grouped by handling unit), cached until the ledger
    changes: the ranking and each unit's page read this one computation."""
    cat = catalogue()
    # The catalogue is small (a city's few thousand procedures): its digest keys the cache, so a changed
    # online level, fee list, handling unit or time limit shows at once.
    digest = hashlib.sha256(repr((cat.procedures, sorted(cat.limits.items()))).encode()).hexdigest()[:16]
    area = jurisdiction.pk if jurisdiction else 0
    key = f"scorecards:766:{area}:{period.start}:{period.end}:{_stamp()}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return dict(cached)
    qs = Dossier.objects.all()
    if jurisdiction is not None:
        qs = qs.filter(handling_unit__jurisdiction__path__startswith=jurisdiction.path)
    doc = document(qs, period, jurisdiction, petition_items(jurisdiction) + rating_items(jurisdiction), cat)
    cache.set(key, doc, 3600)
    return doc


@dataclass(frozen=True)
class Behind:
    """The dossiers behind one figure of one unit: in the numerator, and in the denominator only."""

    figure: str
    numerator: list[str]
    missed: list[str]


def dossiers_behind(
    qs: QuerySet[Dossier], period: Period, jurisdiction: Jurisdiction | None, figure: str
) -> Behind:
    """Which dossiers make a figure (``index766.DOSSIER_FIGURES``): codes counted in its numerator, and
    those counted in its denominator but not its numerator — the ones that cost points."""
    numerator_keys, denominator_keys = index766.DOSSIER_FIGURES[figure]
    calendar, rule = calendar_for(jurisdiction), rules()
    fee_codes = catalogue().fee_codes()
    hit: list[str] = []
    missed: list[str] = []
    for rows in ledger_rows(in_period(qs, period)):
        if not rows.codes:
            continue
        outcome = judge_many(rows, calendar, period.end, rules=rule)
        fee_bearing = np.fromiter((p in fee_codes for p in rows.procedures), np.bool_, len(rows.procedures))
        masks = classify(outcome, rows.facts, period, (), fee_bearing).masks
        num = _any(masks, numerator_keys)
        den = _any(masks, denominator_keys)
        for code, n, m in zip(rows.codes, num.tolist(), den.tolist(), strict=True):
            if n:
                hit.append(code)
            elif m:
                missed.append(code)
    return Behind(figure, hit, missed)


def _any(masks: Mapping[str, Any], keys: Sequence[str]) -> Any:
    out = masks[keys[0]].copy()
    for k in keys[1:]:
        out |= masks[k]
    return out


def unit_rows(doc: Mapping[str, Any], codes: Iterable[str]) -> list[dict[str, Any]]:
    wanted = set(codes)
    return [u for u in doc["units"] if u["unit"] in wanted]
