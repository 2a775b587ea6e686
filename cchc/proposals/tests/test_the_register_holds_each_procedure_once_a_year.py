"""The register of procedures reviewed: one line per procedure and year in an area, the date within the
year, and a proposal to simplify or abolish says what; only Internal Affairs or the unit's own head
writes it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.proposals import actions
from cchc.proposals.models import ProcedureReview


def _add(world, who="secretariat", **kw):
    year = kw.pop("year", dt.date.today().year)
    return actions.add_review(
        world.users[who],
        world.jurisdictions["city"],
        year=year,
        procedure=kw.pop("procedure"),
        unit=kw.pop("unit", world.units["p1"]),
        reviewed_on=kw.pop("reviewed_on", dt.date(year, 3, 1)),
        conclusion=kw.pop("conclusion", "keep"),
        note=kw.pop("note", ""),
    )


def test_a_procedure_is_reviewed_once_a_year(world, procedure):
    _add(world, procedure=procedure)
    with pytest.raises(ValidationError, match="đã có trong sổ rà soát"):
        _add(world, procedure=procedure)
    _add(world, procedure=procedure, year=dt.date.today().year - 1)
    assert ProcedureReview.objects.count() == 2


def test_bad_lines_are_refused(world, procedure):
    with pytest.raises(ValidationError, match="trong năm"):
        _add(world, procedure=procedure, reviewed_on=dt.date(2001, 1, 1))
    with pytest.raises(ValidationError, match="cần ghi nội dung"):
        _add(world, procedure=procedure, conclusion="abolish")
    assert not ProcedureReview.objects.exists()


def test_a_unit_head_writes_for_their_unit_only(world, procedure):
    _add(world, "unit_head", procedure=procedure)
    with pytest.raises(PermissionDenied):
        _add(
            world,
            "unit_head",
            procedure=procedure,
            unit=world.units["p2"],
            year=2020,
            reviewed_on=dt.date(2020, 1, 2),
        )
    for who in ("ward_officer", "leader", "auditor", "front"):
        with pytest.raises(PermissionDenied):
            _add(world, who, procedure=procedure, year=2021, reviewed_on=dt.date(2021, 5, 5))
