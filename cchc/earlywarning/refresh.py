"""Recompute the stored risk of every open item (each morning, and when the ledger changes).

The rows are derived: one transaction deletes them and writes the new set in batches, so a reader sees
either yesterday's list or today's, never half of each.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from cchc.dossiers.models import Procedure
from cchc.earlywarning import compute
from cchc.earlywarning.models import Kind, Risk
from cchc.lib.earlywarning.survival import Estimate
from cchc.lib.workcal import WorkCalendar
from cchc.org.queries import accountable, heads_on

BATCH = 5000


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


# The stored columns, in the order the PostgreSQL COPY writes them.
COLUMNS = (
    "kind", "object_id", "dossier_id", "step_id", "unit_id", "official_id", "receiving_unit_id", "title",
    "url", "risk", "consequence", "priority", "level", "insufficient", "explanation", "due_at",
    "expected_finish", "apology_by", "computed_on",
)  # fmt: skip


class Row(dict[str, object]):
    """One risk before it is stored: a plain mapping (a million model instances would cost seconds)."""

    @property
    def kind(self) -> str:
        return str(self["kind"])

    @property
    def risk(self) -> float:
        return float(self["risk"])  # type: ignore[arg-type]

    @property
    def insufficient(self) -> bool:
        return bool(self["insufficient"])


def _row(kind: str, object_id: int, e: Estimate, **kw: object) -> Row:
    consequence = compute.CONSEQUENCE[kind]
    row = Row(dict.fromkeys(COLUMNS))
    row.update(
        kind=kind,
        object_id=object_id,
        risk=e.risk,
        consequence=consequence,
        priority=e.risk * consequence,
        level=e.level,
        insufficient=e.insufficient,
        url="",
    )
    row.update(kw)
    return row


def _write(rows: list[Row]) -> None:
    """Replace every stored risk in one transaction: COPY on PostgreSQL, batched inserts elsewhere."""
    with transaction.atomic():
        Risk.objects.all().delete()
        if connection.vendor != "postgresql":
            Risk.objects.bulk_create([Risk(**r) for r in rows], batch_size=BATCH)
            return
        table = Risk._meta.db_table
        with (
            connection.cursor() as c,
            c.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy,
        ):
            for r in rows:
                copy.write_row(tuple(r[k] for k in COLUMNS))


def build_rows(today: dt.date, now: dt.datetime) -> list[Row]:
    """Every open dossier, step in progress, task and petition, scored on the morning of ``today``."""
    cal = compute.calendar()
    axis = compute.Axis(cal)
    first = today - dt.timedelta(days=compute.window_days())
    last = today - dt.timedelta(days=1)
    model = compute.dossier_history(axis, first, last)
    names = dict(Procedure.objects.values_list("pk", "name"))
    rows: list[Row] = []
    for r in compute.with_waits(axis, compute.open_dossiers()):
        o = compute.as_open(axis, r, now)
        e = model.dossier_risk(o, today)
        unit = r.step_unit_id or r.handling_unit_id
        appointment = axis.local(r.appointment_at)
        rows.append(
            _row(
                Kind.DOSSIER,
                r.pk,
                e,
                dossier_id=r.pk,
                step_id=r.step_id,
                unit_id=unit,
                official_id=r.official_id,
                receiving_unit_id=r.receiving_unit_id,
                title=f"{r.code} — {names.get(r.procedure_id, '')}"[:500],
                url=f"/ho-so/ho-so/{r.code}/",
                explanation=compute.describe_dossier(e, r, names.get(r.procedure_id, "")),
                due_at=r.appointment_at,
                expected_finish=_expected(cal, today, e),
                apology_by=cal.previous_working_day(appointment.date() - dt.timedelta(days=1)),
                computed_on=today,
            )
        )
        s = model.step_risk(o, today)
        if s is not None and r.step_id is not None and r.step_deadline is not None:
            rows.append(
                _row(
                    Kind.STEP,
                    r.step_id,
                    s,
                    dossier_id=r.pk,
                    step_id=r.step_id,
                    unit_id=unit,
                    official_id=r.official_id,
                    receiving_unit_id=r.receiving_unit_id,
                    title=f"Bước {r.seq} ({r.step_unit_name}) — hồ sơ {r.code}"[:500],
                    url=f"/ho-so/ho-so/{r.code}/",
                    explanation=compute.describe_step(s, r),
                    due_at=r.step_deadline,
                    expected_finish=_expected(cal, today, s),
                    computed_on=today,
                )
            )
    spans = compute.span_history(axis, first, last)
    for d in compute.open_spans():
        e = compute.span_estimate(axis, spans, d, today)
        kind = Kind.TASK if d.object_type == compute.TASK_TYPE else Kind.PETITION
        what = "Nhiệm vụ" if kind == Kind.TASK else "Phản ánh, kiến nghị"
        assert d.due is not None
        rows.append(
            _row(
                kind,
                d.pk,
                e,
                unit_id=d.unit_id,
                official_id=d.official_id,
                title=d.title[:500],
                url=d.url,
                explanation=compute.explain(e, f"{what} của đơn vị")[:600],
                due_at=timezone.make_aware(dt.datetime.combine(d.due, dt.time(17, 0))),
                expected_finish=_expected(cal, today, e),
                computed_on=today,
            )
        )
    _who_must_act(rows, today)
    return rows


def _who_must_act(rows: list[Row], today: dt.date) -> None:
    """An item nobody holds goes to the head of its unit (the acting head when one is appointed)."""
    orphans = {r["unit_id"] for r in rows if r["official_id"] is None}
    if not orphans:
        return
    heads = heads_on(list(orphans), today)
    for r in rows:
        if r["official_id"] is None:
            head = accountable(heads.get(r["unit_id"], {}))  # type: ignore[call-overload]
            r["official_id"] = head.pk if head is not None else None


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
    rows = build_rows(today, now)
    _write(rows)
    limit = compute.threshold()
    out = RefreshResult(insufficient=sum(r.insufficient for r in rows))
    for r in rows:
        setattr(out, f"{r.kind}s", getattr(out, f"{r.kind}s") + 1)
        out.at_risk += r.risk >= limit
    return out
