from django.core.management import call_command

from cchc.accounts.models import User
from cchc.demo.accounts import DEMO_LOGINS
from cchc.org.models import Official, Unit, UnitHead


def _counts() -> tuple[int, int, int, int]:
    return Unit.objects.count(), Official.objects.count(), UnitHead.objects.count(), User.objects.count()


def test_loading_the_demo_twice_changes_nothing_the_second_time(db):
    call_command("load_demo", verbosity=0)
    first = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == first


def test_demo_has_the_units_the_seed_names_and_one_login_per_role(db):
    call_command("load_demo", verbosity=0)
    names = set(Unit.objects.values_list("name", flat=True))
    for seed_unit in [
        "Văn phòng HĐND và UBND thành phố",
        "Phòng Nội vụ",
        "Phòng Tài chính – Kế hoạch",
        "Phòng Văn hoá và Thông tin",
        "Ủy ban MTTQVN thành phố",
        "Bộ phận tiếp nhận và trả kết quả thành phố",
    ]:
        assert seed_unit in names
    assert Unit.objects.filter(kind="ward").count() == 17
    roles = set(User.objects.filter(is_demo=True).values_list("role", flat=True))
    assert roles == {login.role.value for login in DEMO_LOGINS}
    assert Official.objects.filter(full_name="Vũ Hồng Thuận").exists()


def test_every_current_demo_unit_except_one_stop_offices_has_an_accountable_head(db):
    call_command("load_demo", verbosity=0)
    missing = [u.name for u in Unit.objects.exclude(kind="one_stop") if u.accountable_head() is None]
    assert missing == []
