from django.core.management import call_command

from cchc.accounts.demo import DEMO_LOGINS
from cchc.accounts.models import User
from cchc.core.models import AuditEvent
from cchc.org.models import Official, Unit, UnitHead

SEED_UNITS = [
    "Văn phòng HĐND và UBND thành phố",
    "Phòng Nội vụ",
    "Phòng Tài chính – Kế hoạch",
    "Phòng Văn hoá và Thông tin",
    "Ủy ban MTTQVN thành phố",
    "Bộ phận tiếp nhận và trả kết quả thành phố",
]


def _counts() -> dict[str, int]:
    from cchc.directives.models import Task
    from cchc.dossiers.models import DailyFact, Dossier
    from cchc.feedback.models import Petition

    return {
        "units": Unit.objects.count(),
        "officials": Official.objects.count(),
        "heads": UnitHead.objects.count(),
        "users": User.objects.count(),
        "dossiers": Dossier.objects.count(),
        "facts": DailyFact.objects.count(),
        "tasks": Task.objects.count(),
        "petitions": Petition.objects.count(),
    }


def test_the_whole_demo_loads_and_loading_it_again_changes_nothing(demo_db):
    # The first load is the session's demo snapshot (see conftest.py), restored here.
    first = _counts()
    assert all(first.values()), first
    call_command("load_demo", verbosity=0)
    assert _counts() == first

    names = set(Unit.objects.values_list("name", flat=True))
    assert set(SEED_UNITS) <= names
    assert Unit.objects.filter(kind="ward").count() == 17
    roles = set(User.objects.filter(is_demo=True).values_list("role", flat=True))
    assert roles == {login.role.value for login in DEMO_LOGINS}
    assert Official.objects.filter(full_name="Vũ Hồng Thuận").exists()
    missing_heads = [u.name for u in Unit.objects.exclude(kind="one_stop") if u.accountable_head() is None]
    assert missing_heads == []
    assert AuditEvent.objects.filter(verb="demo.loaded").count() == 2  # the snapshot's load and this one


def test_a_demo_step_can_be_loaded_alone(db):
    call_command("load_demo", "--only", "org", verbosity=0)
    assert Unit.objects.exists()
    assert not User.objects.filter(is_demo=False).exists()
