"""Recompute the stored risk of every open item (each morning, and when the ledger changes).

The rows are derived: one transaction replaces them with the new set (on PostgreSQL a second table
built and swapped in), so a reader sees either yesterday's list or today's, never half of each.
Dossiers and their steps are scored all at once on arrays (``lib.earlywarning.vector``, the same risks
as the per-dossier model) and written in bulk (``bulk``); the on-screen sentence is made from the
stored numbers when an item is shown.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import transaction
from django.utils import timezone

from cchc.earlywarning import bulk, compute
from cchc.earlywarning.models import Kind, Risk
from cchc.lib.earlywarning import vector
from cchc.lib.earlywarning.survival import Estimate
from cchc.lib.workcal import WorkCalendar
from cchc.org.queries import accountable, heads_on

BATCH = 5000
EPOCH_UTC = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class RefreshResult:
    dossiers: int = 0
    steps: int = 0
    tasks: int = 0
    petitions: int = 0
    at_risk: int = 0
    insufficient: int = 0

    def summary(self) -> str:
        return (
            f"Đã tính rủi ro cho {self.dossiers} hồ sơ, {self.steps} bước, {self.tasks} nhiệm vụ, "
            f"{self.petitions} phản ánh; {self.at_risk} việc có nguy cơ trễ hạn; "
            f"{self.insufficient} việc chưa đủ dữ liệu lịch sử của thủ tục (tính theo mọi thủ tục hoặc "
            "theo thời hạn quy định)."
        )


def _expected(cal: WorkCalendar, today: dt.date, e: Estimate) -> dt.date:
    return cal.add_working_days(today, max(0, math.ceil(e.expected_more - 1e-9)))


def _span_risks(axis: compute.Axis, cal: WorkCalendar, today: dt.date) -> list[Risk]:
    """Open tasks and petitions (a few thousand at most: scored one by one)."""
    first = today - dt.timedelta(days=compute.window_days())
    spans = compute.span_history(axis, first, today - dt.timedelta(days=1))
    out = []
    for d in compute.open_spans():
        e = compute.span_estimate(axis, spans, d, today)
        kind = Kind.TASK if d.object_type == compute.TASK_TYPE else Kind.PETITION
        what = "Nhiệm vụ" if kind == Kind.TASK else "Phản ánh, kiến nghị"
        assert d.due is not None
        consequence = compute.CONSEQUENCE[kind]
        out.append(
            Risk(
                kind=kind, object_id=d.pk, unit_id=d.unit_id, official_id=d.official_id, title=d.title[:500],
                url=d.url, risk=e.risk, consequence=consequence, priority=e.risk * consequence, level=e.level,
                insufficient=e.insufficient, subject=f"{what} của đơn vị", compared=e.compared,
                typical=e.typical, expected_more=e.expected_more, spent=e.elapsed, time_left=e.left,
                due_at=timezone.make_aware(dt.datetime.combine(d.due, dt.time(17, 0))),
                expected_finish=_expected(cal, today, e), computed_on=today,
            )
        )  # fmt: skip
    orphans = {r.unit_id for r in out if r.official_id is None}
    if orphans:
        heads = heads_on(list(orphans), today)
        for r in out:
            if r.official_id is None:
                head = accountable(heads.get(r.unit_id, {}))
                r.official_id = head.pk if head is not None else None
    return out


def _heads_of(units: npt.NDArray[np.int64], today: dt.date) -> npt.NDArray[np.int64]:
    """The accountable head of each unit (0: none): who must act on an item nobody holds."""
    uniq = np.unique(units)
    heads = heads_on([int(u) for u in uniq], today)
    pks = []
    for u in uniq:
        head = accountable(heads.get(int(u), {}))
        pks.append(head.pk if head is not None else 0)
    return np.array(pks, dtype=np.int64)[np.searchsorted(uniq, units)] if uniq.size else units.copy()


@dataclass
class Stage:
    """The dossier and step risks of one refresh, as columns (``bulk.STAGE``) ready to write."""

    cols: dict[str, npt.NDArray[np.generic]]
    dossiers: int
    steps: int


def score_dossiers(today: dt.date, now: dt.datetime) -> Stage:
    """Every open dossier and its step in progress, scored on the arrays of ``vector`` from the history
    of the window before ``today`` (the same risks as ``DossierModel`` one dossier at a time)."""
    cal = compute.calendar()
    tz = timezone.get_current_timezone()
    first = today - dt.timedelta(days=compute.window_days())
    where = bulk.finished_where(compute.FINISHED, first, today - dt.timedelta(days=1))
    hd, hs, hw = bulk.dossiers(where, finished=True), bulk.steps(where, finished=True), bulk.waits(where)
    ow = bulk.open_where(compute.OPEN)
    od, ost, owt = bulk.dossiers(ow, finished=False), bulk.steps(ow, finished=False), bulk.waits(ow)

    def axis(utc: npt.NDArray[np.int64], missing: float = math.nan) -> npt.NDArray[np.float64]:
        out = np.full(utc.shape, missing)
        known = utc != bulk.NONE
        if known.any():
            out[known] = vector.positions(cal, vector.local_us(utc[known], tz))
        return out

    def net(ids: npt.NDArray[np.int64], x: npt.NDArray[np.float64], w: npt.NDArray[np.int64]) -> Any:
        return vector.net_of_waits(x, ids, w[:, 0], axis(w[:, 1]), axis(w[:, 2], math.inf))

    # History: finished dossiers and their steps.
    h_ids = hd[:, 0]
    h_order = np.argsort(h_ids)
    s_rows = h_order[np.searchsorted(h_ids[h_order], hs[:, 1])] if hs.size else np.zeros(0, np.int64)
    s_owner = h_ids[s_rows]
    history = vector.History(
        procedure=hd[:, 1], unit=hd[:, 2], received=net(h_ids, axis(hd[:, 4]), hw),
        end=net(h_ids, axis(hd[:, 6]), hw), finished_day=hd[:, 7], appointment=net(h_ids, axis(hd[:, 5]), hw),
        step_dossier=s_rows, step_seq=hs[:, 2], step_unit=hs[:, 3],
        step_start=net(s_owner, axis(hs[:, 5]), hw), step_finish=net(s_owner, axis(hs[:, 6]), hw),
    )  # fmt: skip

    # Open dossiers and the step in progress of each: the unfinished one with the highest number.
    n = od.shape[0]
    ids = od[:, 0]
    order = np.argsort(ids)
    cur = ost[np.lexsort((ost[:, 0], ost[:, 2], ost[:, 1]))] if ost.size else ost
    if cur.size:
        cur = cur[np.r_[cur[1:, 1] != cur[:-1, 1], True]]
    at = order[np.searchsorted(ids[order], cur[:, 1])] if cur.size else np.zeros(0, np.int64)
    step_id, seq, step_unit, official = (
        np.zeros(n, np.int64),
        np.zeros(n, np.int64),
        np.full(n, -1),
        np.zeros(n, np.int64),
    )
    start_utc, deadline_utc = od[:, 4].copy(), np.full(n, bulk.NONE, dtype=np.int64)
    step_id[at], seq[at], step_unit[at], official[at] = cur[:, 0], cur[:, 2], cur[:, 3], cur[:, 4]
    start_utc[at], deadline_utc[at] = cur[:, 5], cur[:, 6]
    now_at = axis(np.array([(now - EPOCH_UTC) // dt.timedelta(microseconds=1)], dtype=np.int64))
    opened = vector.Open(
        procedure=od[:, 1], unit=od[:, 2], now=net(ids, np.repeat(now_at, n), owt),
        appointment=net(ids, axis(od[:, 5]), owt), seq=seq, step_unit=step_unit,
        step_start=net(ids, axis(start_utc), owt), step_deadline=net(ids, axis(deadline_utc), owt),
    )  # fmt: skip
    scored = vector.score(
        history, opened, today, window_days=compute.window_days(), min_alive=compute.min_history()
    )

    unit = np.where(step_unit > 0, step_unit, od[:, 2])
    official = np.where(official > 0, official, _heads_of(unit, today))
    today64 = np.full(n, np.datetime64(today, "D"))
    appointment_day = (vector.local_us(od[:, 5], tz) // 86_400_000_000).astype("datetime64[D]")
    origin = np.datetime64("2000-01-01", "D")

    def finish(e: vector.Estimates) -> Any:
        more = np.nan_to_num(e.expected_more)  # NaN only on rows without a step, not written
        days = np.maximum(0, np.ceil(more - 1e-9)).astype(np.int64)
        return (cal.add_working_days_array(today64, days) - origin).astype(np.int64)

    def columns(kind: int, e: vector.Estimates, keep: Any, apology: Any) -> dict[str, Any]:
        consequence = compute.CONSEQUENCE["dossier" if kind == bulk.KIND_DOSSIER else "step"]
        return {
            "kind": np.full(n, kind)[keep], "dossier_id": ids[keep], "step_id": step_id[keep],
            "unit_id": unit[keep], "official_id": official[keep], "receiving_unit_id": od[:, 3][keep],
            "risk": e.risk[keep], "consequence": np.full(n, consequence)[keep],
            "priority": (e.risk * consequence)[keep], "level": e.level[keep], "compared": e.compared[keep],
            "typical": e.typical[keep], "expected_more": e.expected_more[keep], "spent": e.elapsed[keep],
            "time_left": e.left[keep], "expected_finish": finish(e)[keep], "apology_by": apology[keep],
        }  # fmt: skip

    apology = (cal.add_working_days_array(appointment_day, -1) - origin).astype(np.int64)
    every = np.ones(n, dtype=bool)
    d_cols = columns(bulk.KIND_DOSSIER, scored.dossier, every, apology)
    s_cols = columns(bulk.KIND_STEP, scored.step, scored.has_step, np.full(n, bulk.NONE))
    cols = {k: np.concatenate((d_cols[k], s_cols[k])) for k in d_cols}
    return Stage(cols, n, int(scored.has_step.sum()))


def refresh(today: dt.date | None = None, now: dt.datetime | None = None) -> RefreshResult:
    """Replace every stored risk with the ones of ``today`` (default: the local date)."""
    if now is None:
        real = timezone.now()
        # A morning other than today's (a past demo day): score as at the start of its office hours.
        local = (
            dt.datetime.combine(today, dt.time(7, 0)) if today and today != timezone.localdate(real) else None
        )
        now = timezone.make_aware(local) if local is not None else real
    today = today or timezone.localdate(now)
    stage = score_dossiers(today, now)
    spans = _span_risks(compute.Axis(compute.calendar()), compute.calendar(), today)
    write(stage, spans, today)
    limit = compute.threshold()
    risks: Any = stage.cols["risk"]
    levels: Any = stage.cols["level"]
    return RefreshResult(
        dossiers=stage.dossiers,
        steps=stage.steps,
        tasks=sum(r.kind == Kind.TASK for r in spans),
        petitions=sum(r.kind == Kind.PETITION for r in spans),
        at_risk=int((risks >= limit).sum()) + sum(r.risk >= limit for r in spans),
        insufficient=int((levels >= vector.SHARE).sum()) + sum(r.insufficient for r in spans),
    )


def write(stage: Stage, spans: list[Risk], today: dt.date, *, swap: bool | None = None) -> None:
    """Replace every stored risk in one transaction (readers see the old set or the new, never half).

    PostgreSQL builds the new set in a second table and swaps it in (``bulk.replacing_risks``): a
    million dossiers make two million rows, and deleting the old ones then inserting the new ones into a
    table with ten indexes cost most of the refresh. SQLite (small installations) deletes and inserts.
    ``swap=False`` forces the row-by-row path (tests compare the two)."""
    with transaction.atomic():
        if bulk.swaps() if swap is None else swap:
            with bulk.replacing_risks() as table:
                bulk.write_dossier_risks(stage.cols, today, into=table)
        else:
            Risk.objects.all().delete()
            bulk.write_dossier_risks(stage.cols, today)
        # Tasks and petitions: a few thousand at most, into the (new) risk table.
        Risk.objects.bulk_create(spans, batch_size=BATCH)
