"""Dossiers in a reporting period: carried over, received by channel, finished early / on time / late,
open within time / overdue at the period's end — and the service-quality counts Decision 766 reads.
Pure: no Django. The one definition of these figures for the dossier-results report
(``cchc.lib.tthc_report``), the Decision 766 index (``cchc.lib.index766``) and, later, their pages.

Every dossier is judged once, by ``outcomes_batch.judge_many`` at the end of the period's last day (the
national rule: supplement time shifts the appointment, a second supplement request makes it late,
statuses 1 and 3 never count, an open dossier is judged at the period's end). Then, with ``start``
and ``end`` the period's first and last days:

- in the period: received on or before ``end`` and, judged at ``end``, still open or with its end of
  processing on or after ``start`` (a dossier whose end falls before ``start`` belongs to an earlier
  period);
- ``carried_over``: in the period and received before ``start``; ``received_*``: received from
  ``start`` to ``end``, by KenhThucHien (2 online, 3 public postal service, 1 or not given in person —
  the national formula sheet counts a dossier without a channel as received in person);
- ``finished_*``: the verdict of those whose end of processing is in the period; ``open_*``: the
  verdict of those still open at the end of ``end``.

So ``carried_over + received = finished + open`` holds by construction, per group and in total.

Counting is additive: a file is read in batches (``natsync.read_batches``) and each batch's counts
are added, so the figures do not depend on how the file is cut.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from cchc.lib.natsync import RecordError, ServiceFacts, read_batches
from cchc.lib.outcomes import (
    DEFAULT_RULES,
    OUTCOME_ORDER,
    PROCESSED,
    RETURNED,
    Dossier,
    LegalLimit,
    OutcomeKind,
    Rules,
)
from cchc.lib.outcomes_batch import BatchOutcome, judge_many
from cchc.lib.workcal import WorkCalendar

REPORT_KEYS: Final = (
    "carried_over",
    "received_online",
    "received_direct",
    "received_postal",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "open_within_time",
    "open_overdue",
)
# Counts the Decision 766 indicators read beyond the report's columns (cchc.lib.index766).
SERVICE_KEYS: Final = (
    "received_channel_known",  # received in the period with KenhThucHien given
    "result_issued",  # finished in the period with a result (status 9 or 10)
    "result_issued_known",  # … whose DinhKemKetQua is given
    "result_electronic",  # … with an electronic result
    # received in the period, HoSoCoThanhPhanSoHoa given (and DinhKemKetQua, if a result was issued)
    "digitised_known",
    "digitised",  # … with digitised inputs and, if a result was issued, an electronic one
    "vneid_known",  # received in the period, TaiKhoanDuocXacThucVoiVNeID given
    "vneid",  # … verified with VNeID
    "with_feedback",  # in the period and named by a petition or a "not satisfied" rating
    # received in the period, of a procedure the catalogue says carries fees, DuocThanhToanTrucTuyen given
    "fee_paid_known",
    "paid_online",  # … paid online (on the national portal or the province's gateway)
)
COUNT_KEYS: Final = REPORT_KEYS + SERVICE_KEYS
_INDEX: Final = {key: i for i, key in enumerate(COUNT_KEYS)}
_EARLY, _ON_TIME, _LATE, _WITHIN, _OVERDUE, _EXCLUDED = (
    OUTCOME_ORDER.index(k)
    for k in (
        OutcomeKind.EARLY,
        OutcomeKind.ON_TIME,
        OutcomeKind.LATE,
        OutcomeKind.OPEN_WITHIN_TIME,
        OutcomeKind.OPEN_OVERDUE,
        OutcomeKind.EXCLUDED,
    )
)
ONLINE, POSTAL = 2, 3

Label = str | None
Counts = npt.NDArray[np.int64]


class PeriodError(ValueError):
    """A period that cannot be reported; the message is Vietnamese."""


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"Ngày cuối kỳ {self.end:%d/%m/%Y} trước ngày đầu kỳ {self.start:%d/%m/%Y}: "
                "kỳ báo cáo phải kết thúc sau khi bắt đầu."
            )


def by_unit(_: Dossier, facts: ServiceFacts) -> Label:
    return facts.unit


def by_field(_: Dossier, facts: ServiceFacts) -> Label:
    return facts.field_code


def by_procedure(dossier: Dossier, _: ServiceFacts) -> Label:
    return dossier.procedure_code


GROUPINGS: Final[Mapping[str, Callable[[Dossier, ServiceFacts], Label]]] = {
    "unit": by_unit,
    "field": by_field,
    "procedure": by_procedure,
}


@dataclass
class Tally:
    """Counts per group (``COUNT_KEYS`` order), the names seen for each group, and the records that
    could not be counted (with their reasons)."""

    groups: dict[Label, Counts] = field(default_factory=dict)
    names: dict[Label, str] = field(default_factory=dict)
    errors: list[RecordError] = field(default_factory=list)
    dossiers: int = 0
    # With a procedure catalogue: the procedure codes of each group's dossiers received online in the
    # period (Decision 766 indicator 3.2, online services that received dossiers).
    online_procedures: dict[Label, set[str]] = field(default_factory=dict)

    def total(self) -> Counts:
        out = zeros()
        for counts in self.groups.values():
            out += counts
        return out

    def add(self, other: Tally) -> None:
        for label, counts in other.groups.items():
            self._counts(label)[:] += counts
        for label, name in other.names.items():
            self.names.setdefault(label, name)
        self.errors.extend(other.errors)
        self.dossiers += other.dossiers
        for label, codes in other.online_procedures.items():
            self.online_procedures.setdefault(label, set()).update(codes)

    def all_online_procedures(self) -> set[str]:
        return set().union(*self.online_procedures.values())

    def _counts(self, label: Label) -> Counts:
        counts = self.groups.get(label)
        if counts is None:
            counts = self.groups[label] = zeros()
        return counts


def summary(counts: Counts) -> dict[str, int]:
    """Every count by name, with the sums the report and the index read: ``received`` (online +
    direct + postal), ``finished`` (early + on time + late), ``open`` (within time + overdue) and
    ``in_period`` (carried over + received = finished + open)."""
    out = {key: int(counts[i]) for i, key in enumerate(COUNT_KEYS)}
    out["received"] = out["received_online"] + out["received_direct"] + out["received_postal"]
    out["finished"] = out["finished_early"] + out["finished_on_time"] + out["finished_late"]
    out["open"] = out["open_within_time"] + out["open_overdue"]
    out["in_period"] = out["carried_over"] + out["received"]
    return out


def zeros() -> Counts:
    return np.zeros(len(COUNT_KEYS), dtype=np.int64)


@dataclass
class Classified:
    """Per-dossier masks of one batch (the dossiers behind each count, for drill-down)."""

    in_period: npt.NDArray[np.bool_]
    masks: dict[str, npt.NDArray[np.bool_]]


def classify(
    outcome: BatchOutcome,
    facts: Sequence[ServiceFacts],
    period: Period,
    feedback_codes: Collection[str] = (),
    fee_bearing: npt.NDArray[np.bool_] | None = None,
) -> Classified:
    """Which count each dossier of a judged batch (judged as of ``period.end``) falls in.
    ``fee_bearing`` says, per dossier, whether the catalogue lists its procedure as carrying fees
    (None: no catalogue, so nothing is fee-bearing as far as the counts know)."""
    b = outcome.batch
    verdict = outcome.outcome
    start = np.datetime64(datetime.combine(period.start, time.min), "us")
    finished = (verdict == _EARLY) | (verdict == _ON_TIME) | (verdict == _LATE)
    is_open = (verdict == _WITHIN) | (verdict == _OVERDUE)
    in_period = is_open | (finished & (outcome.ended >= start))
    carried = in_period & (b.received < start)
    received = in_period & ~carried
    channel = np.fromiter((0 if f.channel is None else f.channel for f in facts), np.int8, len(facts))
    finished_here = in_period & finished
    m: dict[str, npt.NDArray[np.bool_]] = {
        "carried_over": carried,
        "received_online": received & (channel == ONLINE),
        "received_postal": received & (channel == POSTAL),
        "received_direct": received & (channel != ONLINE) & (channel != POSTAL),
        "finished_early": in_period & (verdict == _EARLY),
        "finished_on_time": in_period & (verdict == _ON_TIME),
        "finished_late": in_period & (verdict == _LATE),
        "open_within_time": in_period & (verdict == _WITHIN),
        "open_overdue": in_period & (verdict == _OVERDUE),
        "received_channel_known": received & (channel != 0),
    }
    with_result = finished & ((b.status == PROCESSED) | (b.status == RETURNED))
    e_known, e_yes = _flag([f.electronic_result for f in facts])
    m["result_issued"] = finished_here & with_result
    m["result_issued_known"] = m["result_issued"] & e_known
    m["result_electronic"] = m["result_issued"] & e_yes
    d_known, d_yes = _flag([f.digitised_inputs for f in facts])
    # Decision 766 indicator 4.2: digitised inputs and, where a result was issued, an electronic one.
    m["digitised_known"] = received & d_known & (~with_result | e_known)
    m["digitised"] = received & d_yes & (~with_result | e_yes)
    v_known, v_yes = _flag([f.vneid_verified for f in facts])
    m["vneid_known"] = received & v_known
    m["vneid"] = received & v_yes
    if feedback_codes:
        named = np.fromiter((code in feedback_codes for code in b.codes), np.bool_, len(b.codes))
        m["with_feedback"] = in_period & named
    else:
        m["with_feedback"] = np.zeros(len(b.codes), dtype=np.bool_)
    # Decision 766 indicator 3.6: of the dossiers received on fee-bearing procedures and saying whether
    # they were paid online (DuocThanhToanTrucTuyen), those paid online (1 or 2).
    fees = np.zeros(len(b.codes), dtype=np.bool_) if fee_bearing is None else fee_bearing
    payment = np.fromiter(
        (-1 if f.online_payment is None else f.online_payment for f in facts), np.int8, len(facts)
    )
    m["fee_paid_known"] = received & fees & (payment >= 0)
    m["paid_online"] = received & fees & (payment > 0)
    return Classified(in_period, m)


def _flag(values: Sequence[bool | None]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    codes = np.fromiter((2 if v is None else int(v) for v in values), np.int8, len(values))
    return codes != 2, codes == 1


def count_batch(
    dossiers: Sequence[Dossier],
    facts: Sequence[ServiceFacts],
    period: Period,
    calendar: WorkCalendar,
    *,
    rules: Rules = DEFAULT_RULES,
    group: Callable[[Dossier, ServiceFacts], Label] = by_unit,
    feedback_codes: Collection[str] = (),
    fee_codes: Collection[str] | None = None,
    procedure_codes: Sequence[str] | None = None,
) -> Tally:
    """Judge one batch at the end of the period and count it per group. With ``fee_codes`` (the
    catalogue's fee-bearing procedures; None: no catalogue) the counts of indicator 3.6 and each
    group's procedures received online are kept too; ``procedure_codes`` are the dossiers' procedures
    when ``dossiers`` are a batch of columns rather than ``Dossier`` objects."""
    tally = Tally(dossiers=len(dossiers))
    if not dossiers:
        return tally
    outcome = judge_many(dossiers, calendar, period.end, rules=rules)
    fee_bearing = procs = None
    if fee_codes is not None:
        procs = procedure_codes if procedure_codes is not None else [d.procedure_code for d in dossiers]
        fee_bearing = np.fromiter((p in fee_codes for p in procs), np.bool_, len(procs))
    classified = classify(outcome, facts, period, feedback_codes, fee_bearing)
    labels = [group(d, f) for d, f in zip(dossiers, facts, strict=True)]
    if procs is not None:
        for i in np.flatnonzero(classified.masks["received_online"]).tolist():
            tally.online_procedures.setdefault(labels[i], set()).add(procs[i])
    index: dict[Label, int] = {}
    codes = np.fromiter((index.setdefault(label, len(index)) for label in labels), np.int64, len(labels))
    table = np.zeros((len(index), len(COUNT_KEYS)), dtype=np.int64)
    for key, mask in classified.masks.items():
        table[:, _INDEX[key]] = np.bincount(codes[mask], minlength=len(index))
    for label, row in index.items():
        if table[row].any():
            tally._counts(label)[:] += table[row]
    for d, f, label in zip(dossiers, facts, labels, strict=True):
        if label is not None and label not in tally.names:
            name = _name_of(d, f, group)
            if name:
                tally.names[label] = name
    return tally


def _name_of(d: Dossier, f: ServiceFacts, group: Callable[[Dossier, ServiceFacts], Label]) -> str | None:
    if group is by_field:
        return f.field_name
    if group is by_procedure:
        return f.procedure_name
    return None


def count_file(
    path: str | Path,
    period: Period,
    calendar: WorkCalendar,
    *,
    rules: Rules = DEFAULT_RULES,
    group: Callable[[Dossier, ServiceFacts], Label] = by_unit,
    feedback_codes: Collection[str] = (),
    procedures: Mapping[str, LegalLimit] | None = None,
    fee_codes: Collection[str] | None = None,
    batch_size: int = 50_000,
) -> Tally:
    """Every dossier of a national-sync file (JSON or CSV), counted batch by batch. Raises
    ``natsync.UnreadableInput`` for a file that cannot be read at all; faulty records are left out and
    listed in ``Tally.errors``."""
    tally = Tally()
    for parsed in read_batches(path, procedures=procedures, size=batch_size):
        tally.add(
            count_batch(
                parsed.dossiers,
                parsed.facts,
                period,
                calendar,
                rules=rules,
                group=group,
                feedback_codes=feedback_codes,
                fee_codes=fee_codes,
            )
        )
        tally.errors.extend(parsed.errors)
    return tally
