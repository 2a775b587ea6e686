"""Internal Affairs replaces a year's city index set with a file it uploads (the page's path; the
command ``load-index-set`` is the operator's). The file is checked whole before anything changes:
size, encoding, NUL bytes, the loader's rules (a missing maximum, children above their parent's
maximum, … each with its line named), and that it is a city index (the year written in it may be an
earlier one: a city keeps a set for several years, as the shipped sets do); a year with a scored card
is frozen. Cards already open for the year get a row for every new criterion."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from cchc.core.refusals import say
from cchc.lib.scoring import MAX_BYTES, IndexSetError, load_text
from cchc.scorecards import city_figures
from cchc.scorecards.access import may_manage_index_sets
from cchc.scorecards.actions import ScorecardError, load_version, open_cards
from cchc.scorecards.models import Family, IndexVersion
from cchc.scorecards.queries import city_of

YEARS = range(2000, 2101)


def parse_year(value: str) -> int:
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or int(text) not in YEARS:
        raise ScorecardError(
            gettext("Năm đánh giá phải là một năm từ %(first)s đến %(last)s.")
            % {"first": YEARS[0], "last": YEARS[-1]}
        )
    return int(text)


def _text(upload: UploadedFile | None) -> tuple[str, str]:
    if upload is None:
        raise ScorecardError(gettext("Chưa chọn tệp bộ chỉ số (JSON)."))
    name = (upload.name or "bo-chi-so.json").replace("\x00", "")[-120:]
    too_big = gettext("Tệp %(name)s lớn quá %(mb)s MB.") % {"name": name, "mb": MAX_BYTES // 1_000_000}
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ScorecardError(too_big)
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ScorecardError(too_big)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScorecardError(gettext("Tệp %(name)s không phải văn bản UTF-8.") % {"name": name}) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ScorecardError(
            gettext("Tệp %(name)s, dòng %(line)s: có ký tự rỗng (NUL), không phải tệp JSON hợp lệ.")
            % {"name": name, "line": line}
        )
    return text, name


@transaction.atomic
def upload_index_set(user: Any, year_text: str, upload: UploadedFile | None) -> IndexVersion:
    """Load the uploaded file as the city's index set for the year. Raises ``ScorecardError`` (a
    Vietnamese sentence naming the file and line) and changes nothing when the file is refused."""
    area = city_of(user)
    if not may_manage_index_sets(user) or area is None:
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ nạp bộ chỉ số."))
    year = parse_year(year_text)
    text, name = _text(upload)
    try:
        parsed = load_text(text, name, figures=city_figures.FIGURES)
    except IndexSetError as exc:
        raise ScorecardError(say(exc)) from None
    if parsed.family != Family.CITY:
        raise ScorecardError(
            gettext("Tệp %(name)s là bộ chỉ số «%(family)s», không phải bộ chỉ số CCHC của thành phố (city).")
            % {"name": name, "family": parsed.family}
        )
    version = load_version(user, area, year, text=text, name=name)
    opened = [card.unit for card in version.scorecards.select_related("unit")]
    if opened:
        open_cards(user, version, opened)
    return version
