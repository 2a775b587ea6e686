"""The example files in docs/organisation.md are real: they import, and a second time change nothing."""

import re
from pathlib import Path

from django.conf import settings

from cchc.org.models import Official, Unit
from cchc.org.tests.conftest import run_import

DOC = Path(settings.BASE_DIR) / "docs" / "organisation.md"


def test_the_documented_units_and_officials_examples_import(world, csv_bytes):
    units, officials = re.findall(r"```csv\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    for text in (units, officials):
        report = run_import(world, csv_bytes(text))
        assert report.ok, report.text()
        assert not run_import(world, csv_bytes(text)).created
    assert Unit.objects.get(code="NV-TCBM").parent == world.units["nv"]
    assert world.units["nv"].accountable_head() == Official.objects.get(code="CB-NV-TP")
