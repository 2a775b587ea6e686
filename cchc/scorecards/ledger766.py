"""Decision 766 on the dossier ledger: the same pure engine as ``cchc index-766`` (``cchc.lib.index766``
over ``cchc.lib.dossier_period``), fed with the ledger's dossiers in the national sync shape.

The ledger's rows are turned into national-shape records and read by ``natsync.parse_records`` — the
reader of the command line — so a figure here and the command's figure on an export of the same
dossiers cannot drift apart. Units are the handling units (``DonViXuLy``), as in the command. The
petition indicators (5.2–5.4) read the petitions module's petitions through the command's petition
rules (``index766.feedback``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet

from cchc.dossiers.judging import calendar_for
from cchc.dossiers.models import Dossier, Procedure, Supplement
from cchc.dossiers.records import LOCAL_TZ
from cchc.feedback.models import Petition
from cchc.lib import index766
from cchc.lib.dossier_period import Period, Tally, classify, count_batch, summary
from cchc.lib.index766.feedback import (
    FEEDBACK_KEYS,
    PETITION,
    RATING,
    Feedback,
    count_feedback,
    dossiers_with_feedback,
)
from cchc.lib.natsync import parse_records
from cchc.lib.outcomes import LegalLimit, LimitUnit, Rules, SupplementShift
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


def _ts(value: dt.datetime | None) -> str:
    return "" if value is None else value.astimezone(LOCAL_TZ).strftime("%Y%m%d%H%M%S")


def in_period(qs: QuerySet[Dossier], period: Period) -> QuerySet[Dossier]:
    """The dossiers that can fall in the period: received by its end and not finished before it (a
    superset; the engine decides)."""
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=LOCAL_TZ)
    after = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL_TZ)
    return qs.filter(received_at__isnull=False, received_at__lt=after).filter(
        Q(end_at__isnull=True) | Q(end_at__gte=start)
    )


def national_records(qs: QuerySet[Dossier]) -> Iterator[list[dict[str, Any]]]:
    """The dossiers in the national sync shape, in chunks: what the engine reads (steps are left out:
    they name whom to blame, not whether a dossier was on time)."""
    rows = list(qs.order_by("pk").values_list(*_FIELDS))
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i : i + CHUNK]
        sups: dict[int, list[dict[str, str]]] = {}
        for dossier_id, asked, done in (
            Supplement.objects.filter(dossier_id__in=[r[0] for r in chunk])
            .order_by("dossier_id", "seq")
            .values_list("dossier_id", "requested_at", "completed_at")
        ):
            sups.setdefault(dossier_id, []).append(
                {"NgayBoSung": _ts(asked), "NgayTiepNhanBoSung": _ts(done)}
            )
        out = []
        for pk, code, proc, unit, status, channel, rec, appt, end, dig, elec, pay, vneid in chunk:
            record: dict[str, Any] = {
                "MaHoSo": code,
                "MaTTHC": proc,
                "DonViXuLy": unit,
                "TrangThaiHoSo": status,
                "KenhThucHien": channel,
                "NgayTiepNhan": _ts(rec),
                "NgayHenTra": _ts(appt),
                "NgayKetThucXuLy": _ts(end),
                "DanhSachHoSoBoSung": sups.get(pk, []),
            }
            if dig is not None:
                record["HoSoCoThanhPhanSoHoa"] = int(dig)
            if elec is not None:
                record["DinhKemKetQua"] = ["kết quả điện tử"] if elec else []
            if pay is not None:
                record["DuocThanhToanTrucTuyen"] = pay
            if vneid is not None:
                record["TaiKhoanDuocXacThucVoiVNeID"] = int(vneid)
            out.append(record)
        yield out


def _parsed(qs: QuerySet[Dossier], period: Period) -> Iterator[Any]:
    limits = procedure_limits()
    for chunk in national_records(in_period(qs, period)):
        yield parse_records(chunk, procedures=limits)


def count(
    qs: QuerySet[Dossier],
    period: Period,
    jurisdiction: Jurisdiction | None,
    feedback_codes: frozenset[str] = frozenset(),
) -> Tally:
    """The period counts per handling unit (code) of the dossiers in ``qs``."""
    calendar, rule = calendar_for(jurisdiction), rules()
    tally = Tally()
    for parsed in _parsed(qs, period):
        tally.add(
            count_batch(
                parsed.dossiers, parsed.facts, period, calendar, rules=rule, feedback_codes=feedback_codes
            )
        )
        tally.errors.extend(parsed.errors)
    return tally


def document(
    qs: QuerySet[Dossier],
    period: Period,
    jurisdiction: Jurisdiction | None,
    petitions: list[Feedback] | None = None,
) -> dict[str, Any]:
    """The ``cchc index-766`` document for these dossiers and this period; with ``petitions`` (as
    ``petition_items`` gives them) the petition indicators 5.2–5.4 too, as ``--feedback`` does."""
    codes = dossiers_with_feedback(petitions, period) if petitions is not None else frozenset()
    tally = count(qs, period, jurisdiction, codes)
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
    agg = Dossier.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    last = agg["last"].timestamp() if agg["last"] else 0
    p = Petition.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    # Ratings are never edited, only added (or removed with their dossier): their count and last id do.
    r = DossierRating.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return f"{agg['n']}:{last}:{p['n']}:{p['last'].timestamp() if p['last'] else 0}:{r['n']}:{r['last']}"


def city_document(jurisdiction: Jurisdiction | None, period: Period) -> dict[str, Any]:
    """Every unit of the jurisdiction (all dossiers, grouped by handling unit), cached until the ledger
    changes: the ranking and each unit's page read this one computation."""
    key = f"scorecards:766:{jurisdiction.pk if jurisdiction else 0}:{period.start}:{period.end}:{_stamp()}"
    cached = cache.get(key)
    if cached is not None:
        return dict(cached)
    qs = Dossier.objects.all()
    if jurisdiction is not None:
        qs = qs.filter(handling_unit__jurisdiction__path__startswith=jurisdiction.path)
    doc = document(qs, period, jurisdiction, petition_items(jurisdiction) + rating_items(jurisdiction))
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
    hit: list[str] = []
    missed: list[str] = []
    for parsed in _parsed(qs, period):
        if not parsed.dossiers:
            continue
        outcome = judge_many(parsed.dossiers, calendar, period.end, rules=rule)
        masks = classify(outcome, parsed.facts, period).masks
        num = _any(masks, numerator_keys)
        den = _any(masks, denominator_keys)
        for d, n, m in zip(parsed.dossiers, num.tolist(), den.tolist(), strict=True):
            if n:
                hit.append(d.code)
            elif m:
                missed.append(d.code)
    return Behind(figure, hit, missed)


def _any(masks: Mapping[str, Any], keys: Sequence[str]) -> Any:
    out = masks[keys[0]].copy()
    for k in keys[1:]:
        out |= masks[k]
    return out


def unit_rows(doc: Mapping[str, Any], codes: Iterable[str]) -> list[dict[str, Any]]:
    wanted = set(codes)
    return [u for u in doc["units"] if u["unit"] in wanted]
