"""The reliability page measures warnings at the threshold chosen on the fit slice, while the at-risk
list uses the configured one; the page names both so a reader never takes one for the other, and its
counts are written the Vietnamese way."""

import datetime as dt

from django.test import override_settings

from cchc.earlywarning.models import BacktestRun
from cchc.testing.personas import login_verified

SLICE = {
    "dossiers": 12345,
    "late": 1053,
    "true_alarms": 131,
    "false_alarms": 413,
    "recall": 0.124,
    "false_per_true": 3.15,
    "meets_targets": False,
    "late_never_scored_early": 629,
    "calibration": [],
}


def _run(threshold: float) -> BacktestRun:
    return BacktestRun.objects.create(
        first_day=dt.date(2025, 12, 1),
        last_day=dt.date(2026, 12, 6),
        split_day=dt.date(2026, 8, 4),
        threshold=threshold,
        figures={"threshold": threshold, "lead_working_days": 2, "fit": SLICE, "held_out": SLICE},
    )


@override_settings(CCHC_EARLY_WARNING_THRESHOLD_PERCENT=45)
def test_a_list_threshold_other_than_the_measured_one_is_named_on_the_page(world, client):
    _run(0.30)
    login_verified(client, world.users["secretariat"])
    page = client.get("/canh-bao/do-tin-cay/").content.decode()
    assert "Ngưỡng cảnh báo (30%)" in page
    assert "đang dùng ngưỡng 45% theo cài đặt của hệ thống, khác ngưỡng 30%" in page
    assert "Hồ sơ: 12.345, trong đó trễ hạn: 1.053" in page
    assert "3,15 lần cho mỗi lần báo đúng" in page


@override_settings(CCHC_EARLY_WARNING_THRESHOLD_PERCENT=30)
def test_the_same_threshold_is_said_once(world, client):
    _run(0.30)
    login_verified(client, world.users["secretariat"])
    page = client.get("/canh-bao/do-tin-cay/").content.decode()
    assert "Danh sách việc có nguy cơ trễ hạn cũng dùng ngưỡng 30%." in page
    assert "theo cài đặt của hệ thống" not in page
