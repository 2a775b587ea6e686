"""The inspection figures a periodic reform report prints for a unit and the units below it, over the
report's period, every one judged at the end of the period's last day:

- ``visits``: visits to the units carried out in the period (the day the inspectors went on site);
- ``concluded``: visits to the units whose conclusion was signed in the period;
- ``findings``: findings the units are responsible for, from visits concluded in the period — the same
  findings the emulation council weighs for the period (``emulation.proposal.findings_criterion``) —
  with the serious and the recurring ones among them;
- ``findings_remedied``: those findings whose every recommendation the inspector had verified by the
  period's last day (a finding with no recommendation is not counted as remedied: nothing was checked);
- ``recommendations_overdue``: recommendations the units must carry out, from visits concluded by the
  period's last day, not verified by then and due before it (the current due date, extensions
  included) — what is still outstanding and late, whichever period found it.

The figures are counts, so the city's figures are the sums of its units' (``reports.drafting.assemble``).
"""

from __future__ import annotations

from django.db.models import Count, Q

from cchc.lib.dossier_period import Period
from cchc.oversight.models import Finding, Inspection, InspectionStatus, Recommendation, Severity

KEYS = (
    "visits",
    "concluded",
    "findings",
    "findings_serious",
    "findings_recurring",
    "findings_remedied",
    "recommendations_overdue",
)


def unit_figures(unit_ids: list[int], period: Period) -> dict[str, int]:
    start, end = period.start, period.end
    visits = Inspection.objects.filter(unit__in=unit_ids).exclude(status=InspectionStatus.CANCELLED)
    findings = Finding.objects.filter(
        unit__in=unit_ids,
        inspection__status=InspectionStatus.CONCLUDED,
        inspection__concluded_on__gte=start,
        inspection__concluded_on__lte=end,
    ).annotate(
        n_recs=Count("recommendations", distinct=True),
        n_verified=Count("recommendations", filter=Q(recommendations__verified_on__lte=end), distinct=True),
    )
    found = list(findings.values_list("severity", "recurs_id", "n_recs", "n_verified"))
    overdue = (
        Recommendation.objects.filter(
            unit__in=unit_ids,
            finding__inspection__status=InspectionStatus.CONCLUDED,
            finding__inspection__concluded_on__lte=end,
            deadline__due__lt=end,
        )
        .filter(Q(verified_on__isnull=True) | Q(verified_on__gt=end))
        .count()
    )
    return {
        "visits": visits.filter(visited_on__gte=start, visited_on__lte=end).count(),
        "concluded": visits.filter(
            status=InspectionStatus.CONCLUDED, concluded_on__gte=start, concluded_on__lte=end
        ).count(),
        "findings": len(found),
        "findings_serious": sum(1 for sev, _, _, _ in found if sev == Severity.SERIOUS),
        "findings_recurring": sum(1 for _, recurs, _, _ in found if recurs is not None),
        "findings_remedied": sum(1 for _, _, n, v in found if n and v == n),
        "recommendations_overdue": overdue,
    }
