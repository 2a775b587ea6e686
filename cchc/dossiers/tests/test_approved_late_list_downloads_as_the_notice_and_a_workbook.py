"""An approved monthly late list downloads as the notice to sign (PDF, DOCX, Nghị định 30 layout) and as a
workbook, with exactly the units and officials that were approved; a draft does not (nothing is printed
before a leader approves), and no applicant's data is in any of them."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from cchc.core.official_documents import docx_text, pdf_text
from cchc.dossiers.actions.late_lists import approve_late_list, draft_late_list
from cchc.dossiers.tests.factories import APPLICANTS, add_facts, build_ledger
from cchc.testing.personas import login_verified

JUNE = dt.date(2022, 6, 1)


@pytest.fixture
def approved(world):
    ledger = build_ledger(world)
    add_facts(ledger.all)
    draft = draft_late_list(world.users["office"], JUNE)
    return draft, approve_late_list(world.users["leader"], draft, publish=False)


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_approved_list_prints_as_the_notice_with_its_units_and_officials(client, world, approved):
    _draft, ll = approved
    units = [r for r in ll.rows if not r.get("official")]
    officials = [r for r in ll.rows if r.get("official")]
    assert units and officials
    login_verified(client, world.users["office"])
    page = client.get(f"/ho-so/danh-sach-tre-han/{ll.pk}/").content.decode()
    assert 'data-testid="latelist-downloads"' in page
    pdf = pdf_text(body(client.get(f"/ho-so/danh-sach-tre-han/{ll.pk}/tai/pdf/")))
    docx = docx_text(body(client.get(f"/ho-so/danh-sach-tre-han/{ll.pk}/tai/docx/")))
    for text in (pdf, docx):
        assert "THÔNG BÁO" in text and "tháng 06/2022" in text
        for r in units:
            assert r["unit_name"] in text
        for r in officials:
            assert r["official"] in text
        assert APPLICANTS[0]["applicant_name"] not in text
    sheet = (
        CalamineWorkbook.from_filelike(
            io.BytesIO(body(client.get(f"/ho-so/danh-sach-tre-han/{ll.pk}/tai/xlsx/")))
        )
        .get_sheet_by_index(0)
        .to_python()
    )
    data = sheet[3:]
    assert len(data) == len(ll.rows)
    assert sum(int(r[3]) for r in data if r[0] == "Đơn vị") == sum(int(r["late"]) for r in units)


def test_a_draft_or_an_unknown_format_gives_nothing(client, world):
    ledger = build_ledger(world)
    add_facts(ledger.all)
    draft = draft_late_list(world.users["office"], JUNE)
    login_verified(client, world.users["leader"])
    assert client.get(f"/ho-so/danh-sach-tre-han/{draft.pk}/tai/pdf/").status_code == 404
    assert (
        'data-testid="latelist-downloads"'
        not in client.get(f"/ho-so/danh-sach-tre-han/{draft.pk}/").content.decode()
    )
    approve_late_list(world.users["leader"], draft, publish=False)
    assert client.get(f"/ho-so/danh-sach-tre-han/{draft.pk}/tai/json/").status_code == 404
