"""The Decision 766/QĐ-TTg service-quality index computed per unit and period from dossier records.
Pure: no Django.

The indicators, their maxima and targets come from the year's index-set file
(``cchc/lib/scoring/data/qd766-<year>.json``); this module only knows how to compute the *figures*
the computed indicators name (``FIGURES``). Each figure is a numerator and a denominator taken from
the period counts of ``cchc.lib.dossier_period`` (dossiers) and ``.feedback`` (petitions), so the
report on dossier results and this index share one definition of every count. A figure whose data is
missing is ``None`` — "no data" — never 0. A rate indicator scores ``min(max, max × rate ÷ target)``.
Definitions and sources: docs/indices.md, "Decision 766".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Final

from cchc.lib.dossier_period import Label, Period, summary, zeros
from cchc.lib.index766.catalogue import Catalogue
from cchc.lib.index766.feedback import FEEDBACK_KEYS
from cchc.lib.scoring import Criterion, IndexSet, bundled, rate_points, rounded

FAMILY: Final = "qd766"
FIGURES: Final = (
    "on_time",  # 2.1
    "online_service",  # 3.1
    "online_service_used",  # 3.2
    "online_share",  # 3.3
    "online_payment",  # 3.6
    "electronic_result",  # 4.1
    "digitised",  # 4.2
    "population_data",  # 4.5b
    "feedback_on_time",  # 5.2
    "feedback_satisfaction",  # 5.3
    "service_satisfaction",  # 5.4
)


@dataclass(frozen=True, slots=True)
class Figure:
    numerator: int
    denominator: int

    @property
    def rate(self) -> Fraction:
        return Fraction(self.numerator, self.denominator)


def _ratio(numerator: int, denominator: int) -> Figure | None:
    return Figure(numerator, denominator) if denominator > 0 else None


_IN_PERIOD: Final = ("carried_over", "received_online", "received_direct", "received_postal")
# The period counts (``dossier_period.COUNT_KEYS``) whose sum is each dossier figure's numerator and
# denominator. The figures below and the list of dossiers behind a figure (the application's drill-down,
# from ``dossier_period.classify``'s masks) both read this table.
DOSSIER_FIGURES: Final[Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    # 2.1: finished early or on time in the period + open within time at its end ÷ carried + received.
    "on_time": (("finished_early", "finished_on_time", "open_within_time"), _IN_PERIOD),
    # 3.3: received online ÷ received, over the dossiers that say their channel (KenhThucHien): one
    # that does not is unknown, not "in person" (docs/indices.md).
    "online_share": (("received_online",), ("received_channel_known",)),
    # 3.6: received on a procedure the catalogue says carries fees and paid online ÷ those received on
    # such procedures that say whether they were paid online (DuocThanhToanTrucTuyen given).
    "online_payment": (("paid_online",), ("fee_paid_known",)),
    # 4.1: results issued in the period that are electronic ÷ results issued (DinhKemKetQua given).
    "electronic_result": (("result_electronic",), ("result_issued_known",)),
    # 4.2: received with digitised inputs and, if a result was issued, an electronic one.
    "digitised": (("digitised",), ("digitised_known",)),
    # 4.5 (dossiers): received from an account verified with VNeID.
    "population_data": (("vneid",), ("vneid_known",)),
}


def figures(
    counts: Mapping[str, int],
    feedback: Mapping[str, int] | None,
    catalogue: Mapping[str, int] | None = None,
) -> dict[str, Figure | None]:
    """The figures of one unit (or the whole file) from its period counts (``dossier_period.summary``).
    ``feedback`` is None when no petitions file was given: the petition-based figures then have no
    data. ``catalogue`` is the unit's ``Catalogue.counts`` (None: no catalogue, so 3.1 and 3.2 have
    no data; without a catalogue no dossier is fee-bearing, so 3.6 has none either)."""
    c = counts
    population = c["carried_over"] + c["received"]
    late = c["finished_late"] + c["open_overdue"]
    out: dict[str, Figure | None] = {
        name: _ratio(sum(c[k] for k in numerator), sum(c[k] for k in denominator))
        for name, (numerator, denominator) in DOSSIER_FIGURES.items()
    }
    # 3.1: procedures offered online (partial or full) ÷ the unit's procedures whose level is known;
    # 3.2: those online ones with at least one dossier received online in the period ÷ online ones —
    # a unit with no online procedure has no data for 3.2 (nothing to score), not 0.
    out["online_service"] = out["online_service_used"] = None
    if catalogue is not None:
        out["online_service"] = _ratio(catalogue["online"], catalogue["procedures"])
        out["online_service_used"] = _ratio(catalogue["online_used"], catalogue["online"])
    out.update(feedback_on_time=None, feedback_satisfaction=None, service_satisfaction=None)
    if feedback is not None:
        out["feedback_on_time"] = _ratio(feedback["on_time"], feedback["in_period"])
        out["feedback_satisfaction"] = _ratio(
            feedback["received"] - feedback["unsatisfied_late_or_raised_again"], feedback["received"]
        )
        # 5.4: 100 % − (share late or overdue + share named by a petition or a "not satisfied" rating),
        # not below 0 (the formula adds the two shares; a late dossier with a petition counts twice).
        out["service_satisfaction"] = _ratio(max(0, population - late - c["with_feedback"]), population)
    return out


def index_set_for(period: Period) -> IndexSet:
    """The bundled set in force in the year the period starts."""
    return bundled(FAMILY, period.start.year, figures=FIGURES)


def score(index_set: IndexSet, figs: Mapping[str, Figure | None]) -> dict[str, Any]:
    """Indicators, group points, total and band in the output shape of ``cchc index-766``."""
    indicators = []
    groups = []
    total: Fraction | None = None
    computed_max = Fraction(0)
    for group in index_set.children:
        group_points: Fraction | None = None
        for leaf in group.leaves():
            row, points = _indicator(leaf, figs)
            indicators.append(row)
            if points is not None:
                group_points = (group_points or Fraction(0)) + points
                computed_max += leaf.max_points
        groups.append(
            {
                "group": int(group.code) if group.code.isdigit() else group.code,
                "points": None if group_points is None else rounded(group_points),
                "max_points": rounded(group.max_points),
            }
        )
        if group_points is not None:
            total = (total or Fraction(0)) + group_points
    band = None
    if total is not None and computed_max > 0:
        # The band is read on the share of the points that could be computed, scaled to the set's
        # maximum (the same as the total when every indicator has data).
        band = index_set.band(total * index_set.max_points / computed_max)
    return {
        "indicators": indicators,
        "groups": groups,
        "total": None if total is None else rounded(total),
        "max_total": rounded(index_set.max_points),
        "max_computed": rounded(computed_max),
        "band": band,
    }


def _indicator(leaf: Criterion, figs: Mapping[str, Figure | None]) -> tuple[dict[str, Any], Fraction | None]:
    figure = figs.get(leaf.figure) if leaf.rule == "computed" and leaf.figure else None
    points: Fraction | None = None
    if figure is not None and leaf.max_points > 0:
        points = rate_points(figure.rate, leaf.target or Fraction(1), leaf.max_points)
    row = {
        "code": leaf.code,
        "title": leaf.title,
        "numerator": None if figure is None else figure.numerator,
        "denominator": None if figure is None else figure.denominator,
        "rate": None if figure is None else rounded(figure.rate, 4),
        "target": None if leaf.target is None else rounded(leaf.target, 4),
        "max_points": rounded(leaf.max_points),
        "points": None if points is None else rounded(points),
    }
    return row, points


def report(
    period: Period,
    index_set: IndexSet,
    unit_counts: Mapping[Label, Mapping[str, int]],
    total_counts: Mapping[str, int],
    unit_feedback: Mapping[Label, Mapping[str, int]] | None,
    total_feedback: Mapping[str, int] | None,
    catalogue: Catalogue | None = None,
    online_procedures: Mapping[Label, set[str]] | None = None,
) -> dict[str, Any]:
    """The whole ``cchc index-766`` document. Units are those with dossiers or petitions, by code
    (records without DonViXuLy last, as ``"unit": null``). With ``catalogue`` (and each unit's
    procedures received online, ``Tally.online_procedures``) the catalogue indicators too: a unit's
    procedures are those naming it among their handling units; ``overall`` reads the whole catalogue."""
    labels = set(unit_counts) | set(unit_feedback or {})
    empty = summary(zeros())
    used = online_procedures or {}
    units = []
    for label in sorted(labels, key=lambda u: (u is None, u or "")):
        counts = unit_counts.get(label, empty)
        fb = None if unit_feedback is None else unit_feedback.get(label, _NO_FEEDBACK)
        cat = None if catalogue is None else catalogue.counts(label, used.get(label, set()))
        units.append({"unit": label, **score(index_set, figures(counts, fb, cat))})
    whole = None if catalogue is None else catalogue.counts(None, set().union(*used.values()), whole=True)
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "index_set": {"family": index_set.family, "year": index_set.year, "title": index_set.title},
        "units": units,
        "overall": score(index_set, figures(total_counts, total_feedback, whole)),
    }


_NO_FEEDBACK: Final = dict.fromkeys(FEEDBACK_KEYS, 0)
