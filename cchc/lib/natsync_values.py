"""How one value of the national sync format is read: the instant reader and the readers of numbers,
flags, codes and attachments, each refusing with the field's Vietnamese reason (``natsync_fields.Reasons``).
Shared by every reader of the format — the pure commands (``natsync``), the ledger's row parser
(``cchc.dossiers.records``) and its columnar path — so a value is read in one place. Pure: no Django."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Final

from cchc.lib.natsync_fields import (
    CHANNELS,
    FALSE_WORDS,
    PAYMENT_CODES,
    TRUE_WORDS,
    UNIT_NAMES,
    Reasons,
)
from cchc.lib.outcomes import STATUSES, LimitUnit

# Việt Nam has kept UTC+7 without daylight saving since 1975: instants with an offset are converted
# to this wall clock without needing a time-zone database.
LOCAL_OFFSET: Final = timezone(timedelta(hours=7))
BAD_CHANNEL: Final = Reasons.CHANNEL_CLAUSE
BAD_PAYMENT: Final = Reasons.PAYMENT_CLAUSE
BAD_INSTANT: Final = Reasons.INSTANT_CLAUSE

_fromisoformat = datetime.fromisoformat


class InvalidValue(ValueError):
    """A value that cannot be read; the message is the Vietnamese reason shown to the person."""


_Invalid = InvalidValue


def parse_instant(value: Any, *, end_of_day: bool = False) -> datetime:
    """The one reader of an instant in a dossier file, for the commands and the ledger alike (the ledger's
    ``records.parse_instant`` adds only "empty is None"). Reads ``yyyyMMddHHmmss`` (the sync format, first
    and fastest), ``yyyyMMddHHmm``, ``yyyyMMdd``, ISO 8601 (an offset is converted to local time),
    ``dd/MM/yyyy [HH[:mm[:ss]]]`` as Vietnamese spreadsheets write it, and the datetime or date a spreadsheet
    cell holds. A date without a time is 00:00, or 23:59:59 with ``end_of_day`` (a step deadline given as a
    day lasts the whole day, BLDS 2015 Art. 148). Anything else raises a ValueError with a Vietnamese
    reason."""
    if type(value) is str and len(value) == 14 and value.isdigit():
        try:
            return _fromisoformat(f"{value[:8]}T{value[8:]}")
        except ValueError:
            raise _Invalid(BAD_INSTANT) from None
    if isinstance(value, datetime):
        return _local(value)
    if isinstance(value, date):
        return _day_instant(value, end_of_day)
    text = str(value).strip()
    try:
        if text.isdigit():
            n = len(text)
            if n == 14:
                return _fromisoformat(f"{text[:8]}T{text[8:]}")
            y, mo, d = int(text[0:4]), int(text[4:6]), int(text[6:8])
            if n == 12:
                return datetime(y, mo, d, int(text[8:10]), int(text[10:12]))
            if n == 8:
                return _day_instant(date(y, mo, d), end_of_day)
            raise ValueError(text)
        if "/" in text:
            day_part, _, clock = text.replace("T", " ", 1).partition(" ")
            d_, mo_, y_ = day_part.split("/")
            if len(y_) != 4:
                raise ValueError(text)
            day = date(int(y_), int(mo_), int(d_))
            if not clock.strip():
                return _day_instant(day, end_of_day)
            bits = [int(x) for x in clock.strip().split(":")]
            if len(bits) > 3:
                raise ValueError(text)
            hh, mm, ss = (*bits, 0, 0)[:3]
            return datetime.combine(day, time(hh, mm, ss))
        if len(text) == 10 and text[4] == "-":
            return _day_instant(date.fromisoformat(text), end_of_day)
        return _local(_fromisoformat(text))
    except ValueError:
        raise _Invalid(BAD_INSTANT) from None


def _local(value: datetime) -> datetime:
    """A naive local wall-clock time (an aware instant is converted; a naive one is taken as local)."""
    return value.astimezone(LOCAL_OFFSET).replace(tzinfo=None) if value.tzinfo is not None else value


def _day_instant(day: date, end_of_day: bool) -> datetime:
    return datetime.combine(day, time(23, 59, 59) if end_of_day else time.min)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: Any, *, none: str = "") -> str:
    """A value as a message quotes it: text as it is, anything else as JSON, cut to 80 characters.
    ``none`` is what an absent value shows (the import quotes a null list item as ``null``)."""
    if value is None:
        return none
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


# The import's readers of a cell or JSON value (``cchc.dossiers.records``): they raise a bare
# ValueError or TypeError, and the import names the field with its sentence (``Reasons.*_SENTENCE``).


def cell_text(value: Any) -> str:
    """A text value, stripped; "" when absent; a whole number as its digits (XLSX stores codes as floats)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_int(value: Any) -> int | None:
    """An integer, None when absent or empty; ValueError for a fraction, a boolean or other text."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    s = str(value).strip()
    if not s:
        return None
    return int(s)


def cell_yes(value: Any) -> bool:
    """A lenient yes/no: yes only for a yes word (``TRUE_WORDS``), anything else no. The ledger's
    ``LienThongNgoai`` is read so (``natsync_fields``: a step it cannot place is outside anyway)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    return cell_text(value).casefold() in TRUE_WORDS


def cell_list(value: Any) -> list[Any]:
    """A list field: a list, JSON text of a list (or of one object), or empty; ValueError otherwise."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    s = str(value).strip()
    if not s:
        return []
    try:
        parsed = json.loads(s)
    except RecursionError as exc:  # a cell nested thousands deep: unreadable, like any bad JSON
        raise ValueError(s[:80]) from exc
    if isinstance(parsed, dict):
        return [parsed]
    if not isinstance(parsed, list):
        raise ValueError(s)
    return parsed


def parse_optional_instant(value: Any) -> datetime | None:
    """``parse_instant``, with None for an absent or blank value (the import's and the API's reading)."""
    if value is None or (type(value) is str and not value.strip()):
        return None
    return parse_instant(value)


def parse_limit_unit(value: Any) -> LimitUnit:
    unit = UNIT_NAMES.get(str(value).strip().lower())
    if unit is None:
        raise _Invalid(Reasons.LIMIT_UNIT_CLAUSE)
    return unit


def parse_limit_value(value: Any) -> float:
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise _Invalid(Reasons.LIMIT_NUMBER_CLAUSE) from None
    if not number > 0 or number == float("inf"):
        raise _Invalid(Reasons.LIMIT_POSITIVE_CLAUSE)
    return number


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise _Invalid(Reasons.YES_NO_CLAUSE)


def parse_status(value: Any) -> int:
    if type(value) is int and 1 <= value <= 10:
        return value
    text = str(value).strip()
    if not text.isdigit() or int(text) not in STATUSES:
        raise _Invalid(Reasons.STATUS_CLAUSE)
    return int(text)


def parse_flag(value: Any) -> bool | None:
    """A 1/0 national flag: None when absent or empty (unknown), ValueError (Vietnamese) otherwise."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise _Invalid(Reasons.FLAG_CLAUSE)


def parse_channel(value: Any) -> int | None:
    """KenhThucHien: None when absent or empty; 1, 2 or 3; ValueError (Vietnamese) otherwise."""
    return _code(value, CHANNELS, BAD_CHANNEL)


def parse_online_payment(value: Any) -> int | None:
    """DuocThanhToanTrucTuyen: 0 not paid online, 1 on the national portal, 2 on the province's gateway."""
    return _code(value, PAYMENT_CODES, BAD_PAYMENT)


def _code(value: Any, allowed: tuple[int, ...], reason: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _Invalid(reason)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text.isdigit() or int(text) not in allowed:
        raise _Invalid(reason)
    return int(text)


def parse_attachment(value: Any) -> bool | None:
    """DinhKemKetQua: None when absent (null); False when empty (``""``, ``[]``, ``{}``) or a plain
    "no" (``0``, ``false``, ``không``, as a spreadsheet flag column would say it); True for any file
    reference, list of files or JSON text of a non-empty list."""
    if value is None:
        return None
    if isinstance(value, list | dict | bool):
        return bool(value)
    text = str(value).strip()
    if text.lower() in FALSE_WORDS:
        return False
    if text[:1] in ("[", "{"):
        try:
            return bool(json.loads(text))
        except (json.JSONDecodeError, RecursionError):  # nested thousands deep is still not empty
            return True
    return bool(text)
