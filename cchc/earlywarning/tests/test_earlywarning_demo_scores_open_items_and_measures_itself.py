"""The demo shows early warning with its own data: open items scored on the demo's last morning, and a
backtest whose figures the reliability page shows, marked as generated data; loading again replaces it."""

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.accounts.models import User
from cchc.earlywarning.models import BacktestRun, Risk
from cchc.testing.personas import TOTP_KEY, login_verified


def test_the_demo_scores_open_dossiers_and_shows_the_backtest(db, client):
    for _ in range(2):
        call_command("load_demo", "--only", "org,calendar,dossiers,earlywarning", verbosity=0)
    assert Risk.objects.filter(kind="dossier").exists()
    run = BacktestRun.objects.get()
    assert run.generated_data and run.figures["held_out"]["dossiers"] > 0
    # The bounds and the second stage are measured on both slices; a perfect model is never beaten.
    for name in ("fit", "held_out"):
        bound = run.figures[name]["reachable_recall"]
        assert bound is None or (run.figures[name]["recall"] or 0) <= bound <= 1
        assert run.figures["second_stage"][name]["dossiers"] == run.figures[name]["dossiers"]
    auditor = User.objects.get(is_demo=True, role="auditor")
    TOTPDevice.objects.create(user=auditor, name="thử", key=TOTP_KEY, confirmed=True)
    login_verified(client, auditor)
    response = client.get("/canh-bao/do-tin-cay/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "dữ liệu trình diễn sinh ngẫu nhiên" in page and "Phần kiểm tra" in page
