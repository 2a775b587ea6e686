"""``cchc report-tthc FILE --from YYYY-MM-DD --to YYYY-MM-DD [--format json|xlsx] [--out PATH]
[--by unit|field|procedure] [--procedures FILE] [--supplement-shift working_days|working_hours]
[--form-label TEXT] [--reporting-unit TEXT] [--receiving-unit TEXT]``

The report on the results of handling administrative procedures for the period — carried over,
received by channel, finished early / on time / late, open within time / overdue — per unit (or field,
or procedure), from a one-door export in the national sync shape. JSON, or XLSX in the layout of the
Government Office's form (docs/reports.md). Pure and file-based: no database, no Django.

Exit status: 0 everything counted; 1 some records were faulty (each listed on stderr, the rest counted
and written); 2 unreadable input or bad arguments (a Vietnamese message).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import IO, Any

from cchc.lib.commands import common
from cchc.lib.dossier_period import GROUPINGS, count_file
from cchc.lib.natsync import UnreadableInput
from cchc.lib.tthc_report import document
from cchc.lib.tthc_report_xlsx import DEFAULT_FORM_LABEL, FormSettings, workbook

USAGE = "cchc report-tthc TỆP --from yyyy-mm-dd --to yyyy-mm-dd [--format json|xlsx] [--out TỆP-KẾT-QUẢ]"
FORMATS = ("json", "xlsx")


def parser() -> common.Parser:
    p = common.dossier_parser(
        "cchc report-tthc",
        "Báo cáo tình hình, kết quả giải quyết TTHC trong một kỳ (tồn kỳ trước, tiếp nhận theo kênh, "
        "đã giải quyết trước hạn/đúng hạn/quá hạn, đang giải quyết trong hạn/quá hạn) từ tệp hồ sơ.",
    )
    p.add_argument("--format", default="json", help="json (mặc định) hoặc xlsx")
    p.add_argument("--out", help="tệp kết quả (bắt buộc với xlsx khi không chuyển hướng đầu ra)")
    p.add_argument(
        "--by", default="unit", help="nhóm theo unit (đơn vị, mặc định), field (lĩnh vực) hoặc procedure"
    )
    p.add_argument(
        "--form-label", default=DEFAULT_FORM_LABEL, help=f"ký hiệu biểu (mặc định «{DEFAULT_FORM_LABEL}»)"
    )
    p.add_argument("--reporting-unit", default="", help="tên đơn vị báo cáo in trên biểu")
    p.add_argument("--receiving-unit", default="", help="tên đơn vị nhận báo cáo in trên biểu")
    return p


def main(
    argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    return common.main(parser, _run, argv, stdout, stderr)


def _run(o: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    if o["format"] not in FORMATS:
        raise common.CommandError(f"Định dạng --format «{o['format']}» không hỗ trợ; dùng json hoặc xlsx.")
    if o["by"] not in GROUPINGS:
        raise common.CommandError(f"--by «{o['by']}» không hỗ trợ; dùng unit, field hoặc procedure.")
    if o["format"] == "xlsx" and not o["out"] and stdout.isatty():
        raise common.CommandError("Tệp XLSX không in ra màn hình được: thêm --out bao-cao.xlsx.")
    given = common.dossier_inputs(o, USAGE)
    period = given.period
    try:
        tally = count_file(
            given.file,
            period,
            given.calendar,
            rules=given.rules,
            group=GROUPINGS[o["by"]],
            procedures=given.procedures,
        )
    except UnreadableInput as exc:
        raise common.CommandError(str(exc)) from None
    doc = document(tally, period, by=o["by"])
    if o["format"] == "json":
        common.write_text(json.dumps(doc, ensure_ascii=False, indent=1), o["out"], stdout)
    else:
        settings = FormSettings(o["form_label"], o["reporting_unit"], o["receiving_unit"])
        data = workbook(doc, settings)
        if o["out"]:
            common.write_bytes(data, o["out"])
        else:
            stdout.flush()
            sys.stdout.buffer.write(data)
    return common.report_faulty(tally.errors, tally.dossiers, stderr)


if __name__ == "__main__":
    sys.exit(main())
