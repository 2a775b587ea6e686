"""The demo's emulation year, dated from the demo clock: the current year's classification of the
city's units and heads proposed from the demo's figures (its index cards, dossiers, tasks, findings
and the disciplinary record), with one change the council made and its reason, waiting for the
chair's approval. Loading again adds nothing."""

from __future__ import annotations

from cchc.accounts.models import User
from cchc.core import demo_clock
from cchc.emulation import actions
from cchc.emulation.models import Grade, Kind, Round, Title
from cchc.org.models import Jurisdiction


def load_emulation_demo() -> str:
    city = Jurisdiction.objects.filter(code="747").first()
    if city is None:
        raise RuntimeError("Chưa có tổ chức bộ máy trình diễn (chạy bước tổ chức bộ máy trước).")
    today = demo_clock.today()
    if Round.objects.filter(jurisdiction=city, year=today.year).exists():
        return f"đã có đợt xét thi đua năm {today.year}, không thêm"
    secretary = User.objects.get(username="noivu")
    rnd = actions.propose(secretary, city, year=today.year, today=today)
    # The council lowers one advanced collective: the part of the law CCHC has no figure for.
    entry = (
        rnd.entries.filter(kind=Kind.UNIT, title=Title.ADVANCED).order_by("unit__path").first()
        or rnd.entries.filter(kind=Kind.UNIT).order_by("unit__path").first()
    )
    changed = 0
    if entry is not None:
        actions.adjust(
            secretary,
            entry,
            grade=Grade.DONE,
            title=Title.NONE,
            reason="Hội đồng thi đua, khen thưởng họp ngày "
            f"{today:%d/%m/%Y}: phong trào thi đua của đơn vị chưa thường xuyên, "
            "chưa đủ tỷ lệ cá nhân đạt danh hiệu Lao động tiên tiến.",
        )
        changed = 1
    return (
        f"năm {rnd.year}: {rnd.entries.count()} đơn vị và người đứng đầu, {changed} điều chỉnh của Hội đồng"
    )
