"""``cchc dossier-outcomes FILE [--as-of YYYY-MM-DD] [--format json|csv] [--procedures FILE]
[--supplement-shift working_days|working_hours]``.

Judges every dossier of a one-door export (national sync JSON, line-delimited JSON, or the CSV/XLSX of
docs/outcomes.md) at the end of ``--as-of`` with ``cchc.lib.outcomes`` — pure and file-based: the
working-day calendar is the bundled CSV (settings.CCHC_WORKDAYS_CSV) and the database is never touched,
so a secretariat can check a file before importing it. The file is read and judged in batches
(``natsync_columns.outcome_batches``: columns straight from the records, with the exact reader for any
block it cannot vouch for — for a line-delimited file, columns parsed by Arrow, ``natsync_arrow``, its
CSV written in bulk; ``judge_many``), so memory stays bounded whatever its size; the output is
gathered in a temporary file and printed only once the whole input has been read, so an input that
breaks half-way prints nothing but its message.

Exit status: 0 every record judged; 1 some records were faulty (each is listed on stderr, the rest
are judged and printed); 2 unreadable input or bad arguments (a Vietnamese message on stderr).
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from cchc.lib.natsync import RecordError, UnreadableInput, read_procedures
from cchc.lib.natsync_columns import outcome_batches
from cchc.lib.outcomes import CAUSE_ORDER, OUTCOME_ORDER, Rules, SupplementShift
from cchc.lib.outcomes_batch import BatchOutcome, judge_many
from cchc.lib.record_stream import is_line_delimited
from cchc.lib.workcal import OfficeHours, WorkCalendar, parse_day
from cchc.lib.workdays_csv import WorkdayFileError, calendar_from_csv

if TYPE_CHECKING:
    from cchc.lib.natsync_arrow import ColumnarBatch

FORMATS = ("json", "csv")
BATCH = 20_000
# Output up to this size stays in memory; beyond it the temporary file is on disk.
SPOOL_BYTES = 32 * 1024 * 1024
CSV_HEADER = ("MaHoSo", "outcome", "cause_kind", "cause_unit", "cause_official")


def bundled_calendar() -> WorkCalendar:
    """The national table bundled with the code, with the office hours from settings."""
    defaults = OfficeHours()
    hours = OfficeHours(
        morning_start=getattr(settings, "CCHC_OFFICE_MORNING_START", defaults.morning_start),
        morning_end=getattr(settings, "CCHC_OFFICE_MORNING_END", defaults.morning_end),
        afternoon_start=getattr(settings, "CCHC_OFFICE_AFTERNOON_START", defaults.afternoon_start),
        afternoon_end=getattr(settings, "CCHC_OFFICE_AFTERNOON_END", defaults.afternoon_end),
        cutoff=getattr(settings, "CCHC_AFTERNOON_CUTOFF", defaults.cutoff),
    )
    return calendar_from_csv(Path(settings.CCHC_WORKDAYS_CSV), hours=hours)


def rows_of(result: BatchOutcome) -> list[tuple[str, str, list[dict[str, str | None]]]]:
    """(MaHoSo, outcome, causes) per dossier, in input order."""
    b = result.batch
    bounds = result.cause_owner.searchsorted(range(len(result) + 1)).tolist()
    external = b.step_external.tolist()
    causes = [
        {"kind": CAUSE_ORDER[k].value, "unit": None, "official": None}
        if j < 0
        else {
            "kind": CAUSE_ORDER[k].value,
            "unit": b.step_unit[j],
            "official": None if external[j] else b.step_official[j],
        }
        for k, j in zip(result.cause_kind.tolist(), result.cause_step.tolist(), strict=True)
    ]
    kinds = [OUTCOME_ORDER[k].value for k in result.outcome.tolist()]
    return [(b.codes[i], kinds[i], causes[bounds[i] : bounds[i + 1]]) for i in range(len(result))]


def render_json(as_of: dt.date, result: BatchOutcome) -> str:
    out = io.StringIO()
    writer = JsonWriter(out, as_of)
    writer.add(result)
    writer.close(result.summary())
    return out.getvalue()


def _json_body(result: BatchOutcome) -> str:
    dossiers = [{"MaHoSo": code, "outcome": kind, "causes": causes} for code, kind, causes in rows_of(result)]
    # One C-encoded dump, then one dossier per line for readers. The pattern can only match between two
    # dossiers: inside a JSON string every quote is escaped.
    return json.dumps(dossiers, ensure_ascii=False)[1:-1].replace('}, {"MaHoSo"', '},\n{"MaHoSo"')


class JsonWriter:
    """``{"as_of": …, "dossiers": [one per line], "summary": {…}}`` written batch by batch."""

    def __init__(self, out: IO[str], as_of: dt.date) -> None:
        self.out, self.first = out, True
        out.write(f'{{"as_of": "{as_of.isoformat()}", "dossiers": [\n')

    def add(self, result: BatchOutcome) -> None:
        if not len(result):
            return
        if not self.first:
            self.out.write(",\n")
        self.out.write(_json_body(result))
        self.first = False

    def close(self, summary: dict[str, int]) -> None:
        self.out.write(f'\n], "summary": {json.dumps(summary)}}}')


def render_csv(result: BatchOutcome) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    write_csv_rows(writer, result)
    return out.getvalue()


def write_csv_rows(writer: Any, result: BatchOutcome) -> None:
    for code, kind, causes in rows_of(result):
        if not causes:
            writer.writerow((code, kind, "", "", ""))
        for c in causes:
            writer.writerow((code, kind, c["kind"], c["unit"] or "", c["official"] or ""))


class Command(BaseCommand):
    # Pure and file-based: Django's system checks would open a database connection (JSONField support),
    # and this command must run where no database exists.
    requires_system_checks: list[str] = []
    help = (
        "Đánh giá trước hạn / đúng hạn / trễ hạn cho từng hồ sơ trong tệp JSON (Cổng DVC quốc gia) hoặc CSV, "
        "không cần cơ sở dữ liệu. Mã thoát: 0 đã đánh giá hết, 1 có bản ghi lỗi (liệt kê ở stderr), "
        "2 không đọc được tệp hoặc tham số sai."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", help='tệp .json (danh sách hồ sơ hoặc {"data": [...]}) hoặc .csv'
        )
        parser.add_argument("--as-of", help="ngày cuối kỳ báo cáo (yyyy-mm-dd), mặc định hôm nay")
        parser.add_argument("--format", default="json", help="json (mặc định) hoặc csv")
        parser.add_argument(
            "--procedures", help="tệp CSV MaTTHC,ThoiGianGiaiQuyet,DonViTinh cho hồ sơ không có ngày hẹn trả"
        )
        parser.add_argument(
            "--supplement-shift",
            help="cách cộng thời gian bổ sung vào ngày hẹn: working_days (mặc định) hoặc working_hours",
        )

    def fail(self, message: str, code: int = 2) -> NoReturn:
        self.stderr.write(message)
        sys.exit(code)

    def handle(self, *args: Any, **opts: Any) -> None:
        # Millions of small objects and no reference cycles: the cyclic collector would only rescan them
        # again and again (measured: about half the parsing time).
        gc.disable()
        try:
            self.judge_file(opts)
        finally:
            gc.enable()

    def judge_file(self, opts: dict[str, Any]) -> None:
        if not opts.get("file"):
            self.fail(
                "Thiếu tệp cần kiểm tra: cchc dossier-outcomes TỆP --as-of yyyy-mm-dd [--format json|csv]"
            )
        fmt = opts["format"]
        if fmt not in FORMATS:
            self.fail(f"Định dạng --format «{fmt}» không hỗ trợ; dùng json hoặc csv.")
        as_of = timezone.localdate()
        if opts.get("as_of"):
            try:
                as_of = parse_day(opts["as_of"])
            except ValueError:
                self.fail(f"Ngày --as-of «{opts['as_of']}» không hợp lệ; dùng yyyy-mm-dd.")
        shift = opts.get("supplement_shift") or getattr(settings, "CCHC_SUPPLEMENT_SHIFT", "working_days")
        if shift not in {s.value for s in SupplementShift}:
            self.fail(f"--supplement-shift «{shift}» không hợp lệ; dùng working_days hoặc working_hours.")
        try:
            calendar = bundled_calendar()
        except (WorkdayFileError, OSError, ValueError) as exc:
            self.fail(f"Không đọc được lịch ngày làm việc {settings.CCHC_WORKDAYS_CSV}: {exc}")
        try:
            procedures = read_procedures(opts["procedures"]) if opts.get("procedures") else None
        except UnreadableInput as exc:
            self.fail(str(exc))
        rules = Rules(SupplementShift(shift))
        errors: list[RecordError] = []
        judged = 0
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="utf-8", newline="") as out:
            summary: dict[str, int] = {}
            json_out = JsonWriter(out, as_of) if fmt == "json" else None
            csv_out = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
            if csv_out is not None:
                csv_out.writerow(CSV_HEADER)
            # Line-delimited files: Arrow's columns, without a Python object per value (natsync_arrow).
            columnar: type[ColumnarBatch] | None = None
            if is_line_delimited(opts["file"]):
                # pyarrow is loaded here, not when the command's module is (every ``cchc --help`` does that).
                from cchc.lib import natsync_arrow

                batches = natsync_arrow.arrow_batches(opts["file"], procedures=procedures)
                columnar = natsync_arrow.ColumnarBatch
            else:
                batches = outcome_batches(opts["file"], procedures=procedures, size=BATCH)
            try:
                for batch, faults in batches:
                    result = judge_many(batch, calendar, as_of, rules=rules)
                    text = None
                    if columnar is not None and isinstance(batch, columnar):
                        text = natsync_arrow.csv_text(result) if csv_out is not None else None
                        if text is None:
                            batch.with_lists()
                    if text is not None:
                        out.write(text)
                    elif json_out is not None:
                        json_out.add(result)
                    else:
                        write_csv_rows(csv_out, result)
                    for kind, count in result.summary().items():
                        summary[kind] = summary.get(kind, 0) + count
                    judged += len(batch)
                    errors.extend(faults)
            except UnreadableInput as exc:
                self.fail(str(exc))
            if json_out is not None:
                json_out.close(summary or judge_many([], calendar, as_of, rules=rules).summary())
                out.write("\n")
            out.seek(0)
            # OutputWrapper.write adds its line ending to every call: each chunk is written without it.
            while chunk := out.read(1 << 20):
                self.stdout.write(chunk, ending="")
        if errors:
            for error in errors:
                self.stderr.write(error.message())
            faulty = len({e.index for e in errors})
            self.fail(
                f"{faulty} {errors[0].where} lỗi không được đánh giá; {judged} hồ sơ đã đánh giá.", code=1
            )
