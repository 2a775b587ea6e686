"""The citizen's procedure handbook: the reads behind the public pages (``portal``) and the phone answers.

Search ignores diacritics and case on every engine: each procedure keeps its name, code and field folded
(``Procedure.search_text``, ``lib.vnspeech.fold``), the query is folded the same way, and every word of
the query must begin a word of the folded text — a plain ``LIKE`` that SQLite and PostgreSQL run alike,
with no extension (unaccent, ICU) to install.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext, ngettext

from cchc.dossiers.models import LimitUnit, OnlineLevel, Procedure
from cchc.lib.names import natural_key
from cchc.lib.vnspeech import decimal_words, fold, money_text, money_words
from cchc.org.models import Unit

QUERY_MAX = 200
WORDS_MAX = 12

LIMIT_UNIT_WORDS: dict[str, str] = {
    LimitUnit.HOURS: "giờ làm việc",
    LimitUnit.DAYS: "ngày",
    LimitUnit.WORKING_DAYS: "ngày làm việc",
    LimitUnit.MONTHS: "tháng",
}


def active_procedures() -> QuerySet[Procedure]:
    return Procedure.objects.filter(is_active=True)


def search(query: str) -> QuerySet[Procedure]:
    """Active procedures whose folded name, code or field has every word of ``query`` at a word's
    start; the ones holding the whole query as a phrase first."""
    folded = fold(query[:QUERY_MAX])
    words = folded.split()[:WORDS_MAX]
    qs = active_procedures()
    if not words:
        return qs.order_by("field_name", "name")
    for w in words:
        qs = qs.filter(Q(search_text__startswith=w) | Q(search_text__contains=" " + w))
    phrase = " ".join(words)
    return qs.annotate(
        phrase=Case(
            When(Q(search_text__startswith=phrase) | Q(search_text__contains=" " + phrase), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("phrase", "name")


def by_code(code: str) -> Procedure | None:
    code = code.strip()[:40]
    if not code:
        return None
    return active_procedures().filter(national_code=code).prefetch_related("handling_units").first()


def grouped(procedures: list[Procedure]) -> list[tuple[str, list[Procedure]]]:
    """Procedures by field (lĩnh vực), fields in reading order."""
    groups: dict[str, list[Procedure]] = {}
    for p in procedures:
        groups.setdefault(p.field_name or "Lĩnh vực khác", []).append(p)
    return sorted(groups.items(), key=lambda item: natural_key(item[0]))


# --- what a procedure's page says ---------------------------------------------------------------------


def _number_text(value: Decimal) -> str:
    value = value.normalize()
    return str(int(value)) if value == value.to_integral_value() else str(value).replace(".", ",")


def limit_text(p: Procedure) -> str:
    """ "3 ngày làm việc"; "" when the catalogue has no time limit. In the active language (the English
    pages of the handbook); the phone answers are Vietnamese."""
    if p.limit_value is None:
        return ""
    value = Decimal(p.limit_value)
    n, count = _number_text(value), int(value) if value == value.to_integral_value() else 2
    if p.limit_unit == LimitUnit.HOURS:
        return ngettext("%(n)s giờ làm việc", "%(n)s giờ làm việc", count) % {"n": n}
    if p.limit_unit == LimitUnit.DAYS:
        return ngettext("%(n)s ngày", "%(n)s ngày", count) % {"n": n}
    if p.limit_unit == LimitUnit.WORKING_DAYS:
        return ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", count) % {"n": n}
    if p.limit_unit == LimitUnit.MONTHS:
        return ngettext("%(n)s tháng", "%(n)s tháng", count) % {"n": n}
    return f"{n} {p.limit_unit}"


def limit_words(p: Procedure) -> str:
    """The same, for a speech engine: "ba ngày làm việc"."""
    if p.limit_value is None:
        return ""
    return f"{decimal_words(Decimal(p.limit_value))} {LIMIT_UNIT_WORDS.get(p.limit_unit, p.limit_unit)}"


@dataclass(frozen=True)
class Fee:
    name: str
    amount: int | None
    note: str = ""

    @property
    def text(self) -> str:
        return money_text(self.amount) if self.amount is not None else self.note

    @property
    def words(self) -> str:
        return money_words(self.amount) if self.amount is not None else self.note


def fees(p: Procedure) -> list[Fee]:
    """The catalogue's fees (``DanhSachLePhi``-like entries: TenPhiLePhi, Gia, MoTa); tolerant of
    entries imported as free JSON."""
    out = []
    for raw in p.fees or []:
        if not isinstance(raw, dict):
            continue
        name = str(raw.get("TenPhiLePhi") or raw.get("name") or "Lệ phí").strip()
        amount: Any = raw.get("Gia", raw.get("amount"))
        try:
            value = int(Decimal(str(amount))) if amount not in (None, "") else None
        except ArithmeticError:
            value = None
        out.append(Fee(name, value, str(raw.get("MoTa") or raw.get("note") or "").strip()))
    return out


def documents(p: Procedure) -> list[dict[str, str]]:
    return [
        {"name": str(d.get("name", "")), "copies": str(d.get("copies", ""))}
        for d in p.documents or []
        if isinstance(d, dict) and d.get("name")
    ]


def forms(p: Procedure) -> list[dict[str, str]]:
    return [
        {"name": str(f.get("name", "")), "url": str(f.get("url", ""))}
        for f in p.forms or []
        if isinstance(f, dict) and f.get("name")
    ]


def texts(items: Any) -> list[str]:
    return [str(s) for s in items or [] if str(s).strip()]


def online_text(p: Procedure) -> str:
    if p.online_level == OnlineLevel.FULL:
        return gettext("Nộp và nhận kết quả trực tuyến toàn trình")
    if p.online_level == OnlineLevel.PARTIAL:
        return gettext("Nộp hồ sơ trực tuyến, nhận kết quả tại nơi nộp (một phần)")
    return gettext("Chưa nộp trực tuyến: nộp trực tiếp hoặc qua bưu chính")


def offices(p: Procedure) -> list[Unit]:
    """Where the dossier is received: the units that handle it, in reading order."""
    return sorted(p.handling_units.all(), key=lambda u: natural_key(u.name))
