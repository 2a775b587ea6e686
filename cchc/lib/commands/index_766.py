"""``cchc index-766 FILE --from YYYY-MM-DD --to YYYY-MM-DD [--format json] [--feedback FILE]
[--index-set FILE] [--procedures FILE] [--supplement-shift working_days|working_hours]
[--feedback-limit-days N] [--out PATH]``

The Decision 766 index of every unit (DonViXuLy) for the period, computed from a one-door export in
the national sync shape (JSON or CSV), for the petition indicators a petitions file and, for the
catalogue indicators (3.1, 3.2, 3.6), the procedure catalogue (``--procedures``: online-service level,
fees, handling units and time limits; ``cchc.lib.index766.catalogue``). Pure and file-based: no
database, no Django, no environment needed.

Exit status: 0 everything counted; 1 some records were faulty (each listed on stderr, the rest counted
and printed); 2 unreadable input, a bad index-set file or bad arguments (a Vietnamese message).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import IO, Any

from cchc.lib import index766
from cchc.lib.commands import common
from cchc.lib.dossier_period import count_file, summary
from cchc.lib.index766.catalogue import read_catalogue
from cchc.lib.index766.feedback import (
    DEFAULT_LIMIT_DAYS,
    FEEDBACK_KEYS,
    count_feedback,
    dossiers_with_feedback,
    read_feedback,
)
from cchc.lib.natsync import UnreadableInput
from cchc.lib.scoring import IndexSetError, load_file

_OPTIONAL = "[--feedback TỆP-PHẢN-ÁNH] [--procedures TỆP-THỦ-TỤC]"
USAGE = f"cchc index-766 TỆP --from yyyy-mm-dd --to yyyy-mm-dd {_OPTIONAL}"


def parser() -> common.Parser:
    p = common.dossier_parser(
        "cchc index-766",
        "Tính Bộ chỉ số Quyết định 766/QĐ-TTg cho từng đơn vị (DonViXuLy) trong một kỳ từ tệp hồ sơ theo "
        "định dạng đồng bộ Cổng DVC quốc gia; chỉ tiêu không đủ dữ liệu ghi null (không có dữ liệu).",
        procedures_help="danh mục TTHC (CSV, XLSX hoặc JSON): MaTTHC, MucDoTrucTuyen, PhiLePhi hoặc "
        "CoPhiLePhi, MaDonViGiaiQuyet, ThoiGianGiaiQuyet và DonViTinh — cho chỉ tiêu 3.1, 3.2, 3.6 "
        "và hồ sơ không có ngày hẹn",
    )
    p.add_argument("--format", default="json", help="json (mặc định, duy nhất)")
    p.add_argument("--feedback", help="tệp phản ánh, kiến nghị (JSON hoặc CSV) cho chỉ tiêu 5.2–5.4")
    p.add_argument("--index-set", help="tệp bộ chỉ số (mặc định: bộ kèm theo phần mềm cho năm của --from)")
    p.add_argument(
        "--feedback-limit-days",
        type=int,
        default=DEFAULT_LIMIT_DAYS,
        help=f"hạn xử lý phản ánh khi tệp không ghi HanXuLy, ngày làm việc (mặc định {DEFAULT_LIMIT_DAYS})",
    )
    p.add_argument("--out", help="ghi kết quả vào tệp này thay vì màn hình")
    return p


def main(
    argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    return common.main(parser, _run, argv, stdout, stderr)


def _run(o: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    if o["format"] != "json":
        raise common.CommandError(f"Định dạng --format «{o['format']}» không hỗ trợ; dùng json.")
    if not 1 <= o["feedback_limit_days"] <= 365:
        raise common.CommandError("--feedback-limit-days phải từ 1 đến 365 ngày làm việc.")
    # ``--procedures`` here is the whole catalogue, of which the time limits are one part.
    given = common.dossier_inputs({**o, "procedures": None}, USAGE)
    period, calendar = given.period, given.calendar
    try:
        catalogue = read_catalogue(o["procedures"]) if o["procedures"] else None
    except UnreadableInput as exc:
        raise common.CommandError(str(exc)) from None
    try:
        index_set = (
            load_file(o["index_set"], figures=index766.FIGURES)
            if o["index_set"]
            else index766.index_set_for(period)
        )
    except IndexSetError as exc:
        raise common.CommandError(str(exc)) from None
    try:
        feedback = read_feedback(o["feedback"]) if o["feedback"] else None
        codes = dossiers_with_feedback(feedback.items, period) if feedback else frozenset()
        tally = count_file(
            given.file,
            period,
            calendar,
            rules=given.rules,
            feedback_codes=codes,
            procedures=None if catalogue is None else catalogue.limits,
            fee_codes=None if catalogue is None else catalogue.fee_codes(),
        )
    except UnreadableInput as exc:
        raise common.CommandError(str(exc)) from None
    unit_feedback = total_feedback = None
    if feedback is not None:
        unit_feedback = count_feedback(feedback.items, period, calendar, limit_days=o["feedback_limit_days"])
        total_feedback = {k: sum(c[k] for c in unit_feedback.values()) for k in FEEDBACK_KEYS}
    document = index766.report(
        period,
        index_set,
        {label: summary(counts) for label, counts in tally.groups.items()},
        summary(tally.total()),
        unit_feedback,
        total_feedback,
        catalogue,
        tally.online_procedures,
    )
    common.write_text(json.dumps(document, ensure_ascii=False, indent=1), o["out"], stdout)
    status = common.report_faulty(tally.errors, tally.dossiers, stderr)
    if feedback is not None:
        status = max(status, common.report_faulty(feedback.errors, len(feedback.items), stderr, "phản ánh"))
    return status


if __name__ == "__main__":
    sys.exit(main())
