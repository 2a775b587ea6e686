"""Inspection findings as a source of training needs (docs/rules/training.md, *Needs proposed from the
data*; docs/oversight.md). Registered with ``cchc.training.needs.register_finding_source`` from
``OversightConfig.ready``: training reads it through its hook and never imports oversight.

A finding counts when it names the official responsible and its visit was concluded (the team lead
signed the conclusion) within the period asked. The topic comes from the checklist item the finding is
about, else from its checklist, else the default (setting ``CCHC_OVERSIGHT_TRAINING_TOPICS``).
"""

from __future__ import annotations

import datetime as dt

from cchc.org.models import Jurisdiction
from cchc.oversight.conf import setting
from cchc.oversight.models import Finding, InspectionStatus
from cchc.training.needs import FindingNeed


def topic_of(finding: Finding) -> str:
    topics: dict[str, str] = dict(setting("CCHC_OVERSIGHT_TRAINING_TOPICS"))
    item_code = finding.item.code if finding.item is not None else ""
    template_code = finding.inspection.template.code
    return topics.get(item_code) or topics.get(template_code) or topics.get("", "")


def finding_needs(area: Jurisdiction, first: dt.date, last: dt.date) -> list[FindingNeed]:
    rows = (
        Finding.objects.filter(
            official__isnull=False,
            inspection__jurisdiction__path__startswith=area.path,
            inspection__status=InspectionStatus.CONCLUDED,
            inspection__concluded_on__gte=first,
            inspection__concluded_on__lte=last,
        )
        .select_related("official", "item", "inspection__template", "inspection__unit")
        .order_by("pk")
    )
    out: list[FindingNeed] = []
    for f in rows:
        code = topic_of(f)
        if not code or f.official is None:
            continue
        insp = f.inspection
        when = insp.concluded_on.strftime("%d/%m/%Y") if insp.concluded_on else ""
        item = f" ({f.item.code})" if f.item_id and f.item is not None else ""
        out.append(
            FindingNeed(
                f.official,
                code,
                f"Kết luận kiểm tra {insp.unit.name} ngày {when}{item}: {f.text[:300]}",
                {"finding": f.pk, "inspection": insp.pk, "severity": f.severity},
            )
        )
    return out
