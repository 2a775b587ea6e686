"""What the pure commands share: Vietnamese argument errors (exit 2), the reporting period, and the
working-day calendar and outcome rules read from the same environment variables as ``cchc/settings.py``
(with the same defaults; a test holds them together) without loading Django."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import IO, Any, Final, NoReturn

from cchc.lib.dossier_period import Period, PeriodError
from cchc.lib.natsync import RecordError, UnreadableInput, read_procedures
from cchc.lib.outcomes import LegalLimit, Rules, SupplementShift
from cchc.lib.workcal import OfficeHours, WorkCalendar, parse_day
from cchc.lib.workdays_csv import WorkdayFileError, calendar_from_csv

DEFAULT_WORKDAYS_CSV: Final = (
    Path(__file__).resolve().parents[2] / "calendar" / "data" / "vn-workdays-2022-2027.csv"
)
HOURS_ENV: Final = {
    "morning_start": "CCHC_OFFICE_MORNING_START",
    "morning_end": "CCHC_OFFICE_MORNING_END",
    "afternoon_start": "CCHC_OFFICE_AFTERNOON_START",
    "afternoon_end": "CCHC_OFFICE_AFTERNOON_END",
    "cutoff": "CCHC_AFTERNOON_CUTOFF",
}
EXIT_FAULTY_RECORDS: Final = 1
EXIT_UNUSABLE: Final = 2


class CommandError(Exception):
    """Stops a command with a Vietnamese message on stderr and exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a wrong argument is a Vietnamese ``CommandError`` instead of English and exit 2."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("unrecognized arguments:"):
            raise CommandError(f"Tham số không hỗ trợ: {message.split(':', 1)[1].strip()}")
        if "expected one argument" in message:
            raise CommandError(
                f"Thiếu giá trị cho tham số {message.split(':', 1)[0].removeprefix('argument ')}"
            )
        if "invalid int value:" in message:
            name = message.split(":", 1)[0].removeprefix("argument ")
            value = message.rsplit(":", 1)[1].strip().strip("'")
            raise CommandError(f"Tham số {name} phải là một số nguyên (nhận «{value}»).")
        raise CommandError(f"Tham số không hợp lệ ({message}). Xem: {self.prog} --help")


PROCEDURES_HELP: Final = "tệp CSV MaTTHC,ThoiGianGiaiQuyet,DonViTinh cho hồ sơ không có ngày hẹn"


def dossier_parser(prog: str, description: str, procedures_help: str = PROCEDURES_HELP) -> Parser:
    """A parser with what every dossier-file command takes: the file, the period, the legal limits of
    procedures and the supplement rule."""
    p = Parser(prog=prog, description=description)
    p.add_argument("file", nargs="?", help='tệp .json (danh sách hồ sơ hoặc {"data": [...]}) hoặc .csv')
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="ngày đầu kỳ")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="ngày cuối kỳ")
    p.add_argument("--procedures", help=procedures_help)
    p.add_argument("--supplement-shift", help="working_days (mặc định) hoặc working_hours")
    return p


@dataclass(frozen=True)
class DossierInputs:
    file: str
    period: Period
    calendar: WorkCalendar
    rules: Rules
    procedures: dict[str, LegalLimit] | None


def dossier_inputs(o: Mapping[str, Any], usage: str) -> DossierInputs:
    """The options of ``dossier_parser`` checked and read (the dossier file itself is read later)."""
    if not o["file"]:
        raise CommandError(f"Thiếu tệp hồ sơ: {usage}")
    when = period(o["start"], o["end"], usage)
    try:
        procedures = read_procedures(o["procedures"]) if o["procedures"] else None
    except UnreadableInput as exc:
        raise CommandError(str(exc)) from None
    return DossierInputs(o["file"], when, calendar(), rules(o["supplement_shift"]), procedures)


def period(start: str | None, end: str | None, usage: str) -> Period:
    if not start or not end:
        raise CommandError(f"Thiếu kỳ báo cáo: {usage}")
    try:
        first = parse_day(start)
    except ValueError:
        raise CommandError(f"Ngày --from «{start}» không hợp lệ; dùng yyyy-mm-dd.") from None
    try:
        last = parse_day(end)
    except ValueError:
        raise CommandError(f"Ngày --to «{end}» không hợp lệ; dùng yyyy-mm-dd.") from None
    try:
        return Period(first, last)
    except PeriodError as exc:
        raise CommandError(str(exc)) from None


def calendar(environ: Mapping[str, str] = os.environ) -> WorkCalendar:
    """The bundled national working-day table (or ``CCHC_WORKDAYS_CSV``) with the office hours of the
    ``CCHC_OFFICE_*`` variables."""
    defaults = OfficeHours()
    values: dict[str, time] = {}
    for attr, name in HOURS_ENV.items():
        raw = environ.get(name, "").strip()
        if not raw:
            values[attr] = getattr(defaults, attr)
            continue
        try:
            values[attr] = time.fromisoformat(raw)
        except ValueError:
            raise CommandError(f"Biến môi trường {name} = «{raw}» không phải giờ hợp lệ (HH:MM).") from None
    path = Path(environ.get("CCHC_WORKDAYS_CSV") or DEFAULT_WORKDAYS_CSV)
    try:
        return calendar_from_csv(path, hours=OfficeHours(**values))
    except (WorkdayFileError, OSError, ValueError) as exc:
        raise CommandError(f"Không đọc được lịch ngày làm việc {path}: {exc}") from None


def rules(option: str | None, environ: Mapping[str, str] = os.environ) -> Rules:
    shift = option or environ.get("CCHC_SUPPLEMENT_SHIFT") or SupplementShift.WORKING_DAYS.value
    if shift not in {s.value for s in SupplementShift}:
        raise CommandError(
            f"--supplement-shift «{shift}» không hợp lệ; dùng working_days hoặc working_hours."
        )
    return Rules(SupplementShift(shift))


def report_faulty(errors: Sequence[RecordError], counted: int, stderr: IO[str], what: str = "hồ sơ") -> int:
    """List faulty records on stderr; the exit status for them (0 when there are none)."""
    if not errors:
        return 0
    for error in errors:
        stderr.write(error.message() + "\n")
    faulty = len({(e.where, e.index) for e in errors})
    stderr.write(f"{faulty} {errors[0].where} lỗi không được tính; {counted} {what} đã tính.\n")
    return EXIT_FAULTY_RECORDS


def run(body: Callable[[], int], stderr: IO[str] | None = None) -> int:
    """Run a command body: a ``CommandError`` becomes its message on stderr and exit status 2."""
    err = stderr if stderr is not None else sys.stderr
    try:
        return body()
    except CommandError as exc:
        err.write(f"{exc}\n")
        return EXIT_UNUSABLE


def write_text(text: str, out: str | None, stdout: IO[str]) -> None:
    if out is None:
        stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_bytes(text.encode("utf-8"), out)


def write_bytes(data: bytes, out: str) -> None:
    try:
        Path(out).write_bytes(data)
    except OSError as exc:
        raise CommandError(f"Không ghi được tệp {out}: {exc.strerror}") from None


def main(
    parser: Callable[[], Parser],
    body: Callable[[dict[str, Any], IO[str], IO[str]], int],
    argv: Sequence[str] | None,
    stdout: IO[str] | None,
    stderr: IO[str] | None,
) -> int:
    """Parse ``argv`` (default: the process's arguments) and run ``body(options, stdout, stderr)``; a
    ``CommandError`` from either becomes its message on stderr and exit status 2."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = list(sys.argv[1:] if argv is None else argv)
    return run(lambda: body(vars(parser().parse_args(args)), out, err), err)
