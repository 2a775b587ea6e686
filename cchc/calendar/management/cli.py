"""Argument parsing for the calendar commands: Vietnamese messages on stderr and exit status 2 on bad
input (DEVELOPERS.md, management commands), whether run from the shell or through ``call_command``."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from cchc.lib.workcal import parse_day

EXIT_BAD_INPUT = 2

_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.*)"), r"thiếu tham số bắt buộc: \1"),
    (re.compile(r"one of the arguments (.*) is required"), r"cần một trong các tham số: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"tham số không được hỗ trợ: \1"),
    (
        re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
        r"tham số \1: lựa chọn \2 không hợp lệ (chọn một trong: \3)",
    ),
    (re.compile(r"argument (\S+): invalid \S+ value: (.*)"), r"tham số \1: giá trị \2 không hợp lệ"),
    (re.compile(r"argument (\S+): expected one argument"), r"tham số \1: thiếu giá trị"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"tham số \1: không dùng cùng \2"),
    (re.compile(r"argument (\S+): (.*)"), r"tham số \1: \2"),
]


def translate(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message)
    return message


class VietnameseCommandParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        fail(f"{translate(message)}\nXem hướng dẫn: {self.prog} --help")


def fail(message: str) -> NoReturn:
    """Bad input: a Vietnamese message on stderr, exit status 2."""
    sys.stderr.write(f"Lỗi: {message}\n")
    sys.stderr.flush()
    raise SystemExit(EXIT_BAD_INPUT)


class VietnameseCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django hard-codes CommandParser; swapping in the subclass keeps everything Django set up and
        # only changes how errors are reported.
        parser.__class__ = VietnameseCommandParser
        return parser


def day_arg(text: str) -> date:
    try:
        return parse_day(text)
    except ValueError as exc:
        raise _type_error(str(exc)) from None


def instant_arg(text: str) -> date | datetime:
    """``YYYY-MM-DD``, ``DD/MM/YYYY``, optionally followed by ``HH:MM`` (space or T)."""
    raw = text.strip()
    parts = raw.replace("T", " ").split()
    if len(parts) == 1:
        return day_arg(parts[0])
    if len(parts) == 2:
        day = day_arg(parts[0])
        try:
            hour, minute = (int(p) for p in parts[1].split(":"))
            return datetime(day.year, day.month, day.day, hour, minute)
        except ValueError:
            pass
    raise _type_error(f"thời điểm '{text}' không hợp lệ (dùng dạng YYYY-MM-DD hoặc 'YYYY-MM-DD HH:MM')")


def count_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise _type_error(f"'{text}' không phải số nguyên") from None
    if value < 0:
        raise _type_error(f"số ngày phải không âm (nhận {value})")
    return value


def hours_arg(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise _type_error(f"'{text}' không phải số giờ") from None
    if not value >= 0 or value == float("inf"):
        raise _type_error(f"số giờ phải là số không âm (nhận {text})")
    return value


def year_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise _type_error(f"năm '{text}' không hợp lệ") from None
    if not 1900 <= value <= 2200:
        raise _type_error(f"năm phải trong khoảng 1900–2200 (nhận {value})")
    return value


def _type_error(message: str) -> Exception:
    import argparse

    return argparse.ArgumentTypeError(message)
