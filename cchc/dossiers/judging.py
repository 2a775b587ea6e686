"""The bridge between dossier records and the pure outcome engine (``cchc.lib.outcomes``).

``judge_records`` fills the engine's column batch (``DossierBatch``) straight from parsed records, so a
million-row import never builds a million engine objects, and turns the answers into what the ledger
stores: the outcome of a finished dossier, the day it finished, the effective appointment and the
causes of a late one. Open dossiers get no stored outcome: they are judged again for every reporting
period (docs/rules/dossier-deadlines.md), but their effective appointment is kept for the facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cchc.dossiers.records import DossierRecord
from cchc.lib import outcomes as eng
from cchc.lib import outcomes_batch as batch_eng
from cchc.lib.workcal import WorkCalendar

_US = "datetime64[us]"
_UNIT_CODE = {"hours": 1, "days": 2, "working_days": 3, "months": 4}
FINISHED = frozenset({"early", "on_time", "late"})
# A date-only effective appointment is stored at the end of office hours of that day (only its date
# matters: docs/rules/dossier-deadlines.md compares by calendar date).
END_OF_DAY = dt.time(17, 0)


@dataclass(frozen=True, slots=True)
class ProcedureLimit:
    value: float | None
    unit: str


@dataclass(slots=True)
class Verdict:
    outcome: str  # "" for open dossiers (see module docstring)
    finished_on: dt.date | None
    effective_appointment_at: dt.datetime | None  # naive local
    causes: list[dict[str, Any]] = field(default_factory=list)
    second_request_at: dt.datetime | None = None


def calendar_for(jurisdiction: Any = None) -> WorkCalendar:
    """The working-day calendar in effect for the jurisdiction (``cchc.calendar.queries``: the
    area's calendar in the database, else the bundled national table)."""
    from cchc.calendar.queries import work_calendar_for

    return work_calendar_for(jurisdiction)


_EPOCH = dt.datetime(1970, 1, 1)
_ONE_US = dt.timedelta(microseconds=1)
_NAT = np.iinfo(np.int64).min


def _instants(values: Sequence[dt.datetime | None]) -> np.ndarray[Any, Any]:
    # Via integer microseconds: about 5× faster than numpy converting datetime objects itself.
    if not values:
        return np.empty(0, dtype=_US)
    ints = [_NAT if v is None else (v - _EPOCH) // _ONE_US for v in values]
    return np.array(ints, dtype=np.int64).view(_US)


# Per step of the batch, in the batch's order: (seq, unit id, official's account id), the ids the
# ledger resolved for it (None where there is none).
StepRef = tuple[int, int | None, int | None]


def late_causes(
    res: batch_eng.BatchOutcome, refs: Sequence[StepRef] | None = None
) -> dict[int, list[dict[str, Any]]]:
    """The stored causes of each late dossier (row → [{kind, unit, official, …}]), in one pass over the
    engine's flat arrays (not one search per dossier). A step's unit is the label the batch blames;
    an external body's official is not named.

    With ``refs`` (the ledger's write paths) a cause on a step also stores that step's ``seq``, its
    ``unit_id`` and the blamed official's account id (``official_id``, None when the step names
    someone without an account): the officials' ranking, its facts and the late list read the blame by
    these ids, never by re-matching the name (docs/rules/late-dossiers.md)."""
    late_code = eng.OUTCOME_ORDER.index(eng.OutcomeKind.LATE)
    units, external, officials = res.batch.step_unit, res.batch.step_external, res.batch.step_official
    out: dict[int, list[dict[str, Any]]] = {}
    for owner, kind_code, step in zip(
        res.cause_owner.tolist(), res.cause_kind.tolist(), res.cause_step.tolist(), strict=True
    ):
        if res.outcome[owner] != late_code:
            continue
        unit = official = None
        if step >= 0:
            unit = units[step]
            official = None if external[step] else officials[step]
        cause: dict[str, Any] = {"kind": eng.CAUSE_ORDER[kind_code].value, "unit": unit, "official": official}
        if refs is not None:
            seq, unit_id, official_id = refs[step] if step >= 0 else (None, None, None)
            cause["step"] = seq
            cause["unit_id"] = unit_id
            cause["official_id"] = None if step < 0 or external[step] else official_id
        out.setdefault(owner, []).append(cause)
    return out


def judge_records(
    records: Sequence[DossierRecord],
    limits: Mapping[str, ProcedureLimit],
    calendar: WorkCalendar,
    as_of: dt.date,
    step_units: Sequence[Sequence[tuple[str | None, bool]]] | None = None,
    step_ids: Sequence[Sequence[tuple[int | None, int | None]]] | None = None,
) -> list[Verdict]:
    """One verdict per record. ``step_units`` optionally gives, per record and step, the unit label the
    engine should blame (the unit code when known) and whether the step is external; ``step_ids`` the
    step's unit id and official's account id, stored in the causes (``late_causes``)."""
    n = len(records)
    if n == 0:
        return []
    lim_value = np.full(n, np.nan)
    lim_unit = np.zeros(n, dtype=np.int8)
    for i, r in enumerate(records):
        lim = limits.get(r.procedure_code)
        if lim is not None and lim.value is not None and lim.value > 0:
            lim_value[i] = lim.value
            lim_unit[i] = _UNIT_CODE.get(lim.unit, 0)
    sup_owner: list[int] = []
    sup_req: list[dt.datetime] = []
    sup_done: list[dt.datetime | None] = []
    st_owner: list[int] = []
    st_start: list[dt.datetime | None] = []
    st_fin: list[dt.datetime | None] = []
    st_dead: list[dt.datetime | None] = []
    st_ext: list[bool] = []
    st_unit: list[str | None] = []
    st_off: list[str | None] = []
    refs: list[StepRef] | None = [] if step_ids is not None else None
    for i, r in enumerate(records):
        for s in r.supplements:
            sup_owner.append(i)
            sup_req.append(s.requested_at)
            sup_done.append(s.completed_at)
        for j, st in enumerate(r.steps):
            st_owner.append(i)
            st_start.append(st.started_at)
            st_fin.append(st.finished_at)
            st_dead.append(st.deadline_at)
            if step_units is not None:
                label, external = step_units[i][j]
            else:
                label, external = (st.unit_ref or None), st.external
            st_ext.append(external)
            st_unit.append(label)
            st_off.append(st.official_name or None)
            if refs is not None and step_ids is not None:
                refs.append((st.seq, *step_ids[i][j]))
    batch = batch_eng.DossierBatch(
        codes=[r.code for r in records],
        status=np.array([r.status for r in records], dtype=np.int8),
        received=_instants([r.received_at for r in records]),
        appointment=_instants([r.appointment_at for r in records]),
        ended=_instants([r.end_at for r in records]),
        limit_value=lim_value,
        limit_unit=lim_unit,
        sup_owner=np.array(sup_owner, dtype=np.int64),
        sup_requested=_instants(sup_req),
        sup_completed=_instants(sup_done),
        step_owner=np.array(st_owner, dtype=np.int64),
        step_started=_instants(st_start),
        step_finished=_instants(st_fin),
        step_deadline=_instants(st_dead),
        step_external=np.array(st_ext, dtype=np.bool_),
        step_unit=st_unit,
        step_official=st_off,
    )
    res = batch_eng.judge_many(batch, calendar, as_of)
    order = eng.OUTCOME_ORDER
    deadlines = res.deadline.astype(object)  # datetime.date or None
    ended = res.ended.astype("datetime64[D]").astype(object)
    causes_by_row = late_causes(res, refs)
    out: list[Verdict] = []
    outcome_codes = res.outcome.tolist()
    for i, r in enumerate(records):
        kind = order[outcome_codes[i]].value
        deadline = deadlines[i]
        if deadline is None:
            eff = None
        elif r.appointment_at is not None and r.appointment_at.date() == deadline:
            eff = r.appointment_at
        else:
            eff = dt.datetime.combine(deadline, END_OF_DAY)
        causes = causes_by_row.get(i, [])
        second = r.supplements[1].requested_at if len(r.supplements) > 1 else None
        if kind in FINISHED:
            out.append(Verdict(kind, ended[i], eff, causes, second))
        elif kind == eng.OutcomeKind.EXCLUDED.value:
            out.append(Verdict(kind, None, None, [], second))
        else:
            out.append(Verdict("", None, eff, [], second))
    return out
