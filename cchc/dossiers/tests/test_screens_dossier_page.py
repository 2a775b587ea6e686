import re

import pytest

from cchc.dossiers.models import DossierEvent
from cchc.dossiers.tests.factories import APPLICANTS, at, build_ledger
from cchc.testing.personas import login_verified


@pytest.fixture
def ledger(world):
    return build_ledger(world)


def test_dossier_page_shows_header_timeline_and_causes(client, world, ledger):
    login_verified(client, world.users["ward_officer"])
    html = client.get(f"/ho-so/ho-so/{ledger.late.code}/").content.decode()
    assert "Đăng ký khai sinh" in html
    assert "Bộ phận một cửa Phường 1" in html and "UBND Phường 1" in html
    assert "Nghị định 61/2018/NĐ-CP" in html
    assert "Trễ hạn" in html
    # The unit and the official are data, marked Vietnamese: read the cause as the page shows it.
    causes = re.search(r'data-testid="causes">(.*?)</ul>', html, re.S)
    assert causes and "Bước xử lý quá hạn — P1, Trần Thị Bình" in re.sub(r"<[^>]+>", "", causes.group(1))
    # The ward officer's step finished after its own deadline: marked in the timeline.
    assert "Quá hạn bước" in html
    assert "Vũ Thị Mai" in html and "Trần Thị Bình" in html
    assert "Hồ sơ trễ hạn chưa có phiếu xin lỗi" in html


def test_dossier_page_masks_the_applicant_for_the_auditor(client, world, ledger):
    login_verified(client, world.users["auditor"])
    html = client.get(f"/ho-so/ho-so/{ledger.late.code}/").content.decode()
    for value in APPLICANTS[0].values():
        assert value not in html
    assert "Thông tin cá nhân được che" in html
    # Read-only: no button to issue an apology.
    assert "Lập phiếu xin lỗi" not in html


def test_dossier_page_lists_supplements_and_events_without_raw_event_data(client, world, ledger):
    from cchc.dossiers.models import Supplement

    Supplement.objects.create(
        dossier=ledger.late, seq=1, requested_at=at(2022, 6, 2), completed_at=at(2022, 6, 3)
    )
    DossierEvent.objects.create(
        dossier=ledger.late,
        kind="updated",
        actor_name="Nhập tệp",
        data={"applicant_phone": ["0900000000", "0912345789"]},
    )
    login_verified(client, world.users["leader"])
    html = client.get(f"/ho-so/ho-so/{ledger.late.code}/").content.decode()
    assert "Lần 1: yêu cầu 09:00 02/06/2022" in html
    assert "Cập nhật" in html and "Nhập tệp" in html
    assert "0900000000" not in html and "0912345789" not in html


def test_out_of_scope_dossier_answers_404(client, world, ledger):
    login_verified(client, world.users["other_ward_officer"])
    assert client.get(f"/ho-so/ho-so/{ledger.late.code}/").status_code == 404
    assert client.get(f"/ho-so/ho-so/{ledger.p2.code}/").status_code == 200
