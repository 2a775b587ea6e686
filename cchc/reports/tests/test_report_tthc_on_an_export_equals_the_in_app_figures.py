"""The pure command ``cchc report-tthc`` on the ledger's export (national sync shape) prints the same
document as the in-app report on the same dossiers — per unit, per field and per procedure."""

from __future__ import annotations

import io
import json

import pytest

from cchc.calendar.queries import work_calendar_for
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.factories import procedure
from cchc.lib.commands import report_tthc
from cchc.reports import dossier_results
from cchc.reports.tests.helpers import Q2, national, quarter_set


@pytest.mark.parametrize("by", ["unit", "field", "procedure"])
def test_command_on_the_export_prints_the_in_app_document(world, tmp_path, by):
    quarter_set(world)
    # A second procedure in another field, so the field and procedure rows are more than one.
    other = procedure("2.000111", "Chứng thực bản sao", field_code="CT", field_name="Chứng thực")
    Dossier.objects.filter(code__in=["Q-LATE", "Q-P2"]).update(procedure=other)
    export = tmp_path / "export.json"
    export.write_text(json.dumps([national(d) for d in Dossier.objects.order_by("code")], ensure_ascii=False))
    out, err = io.StringIO(), io.StringIO()
    code = report_tthc.main(
        [str(export), "--from", "2022-04-01", "--to", "2022-06-30", "--by", by], stdout=out, stderr=err
    )
    assert code == 0, err.getvalue()
    printed = json.loads(out.getvalue())
    in_app = dossier_results.document(Dossier.objects.all(), Q2, work_calendar_for(None), by=by)
    assert printed == json.loads(json.dumps(in_app))
    assert printed["total"]["in_period"] == 9  # 8 in Phường 1, 1 in Phường 2
