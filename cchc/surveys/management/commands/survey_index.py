"""``cchc survey-index``: satisfaction indices from a CSV of answers, without touching the database.

It calls the same engine as the web pages (cchc.lib.indices); the formulas are in docs/indices.md.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cchc.lib import indices, questionnaires

FORMATS = ("json",)


class SurveyIndexInputError(Exception):
    """Bad input; the message is Vietnamese and goes to stderr with exit status 2."""


class Command(BaseCommand):
    help = (
        "Tính chỉ số hài lòng (tiêu chí, yếu tố, tổng hợp) từ tệp CSV có các cột "
        "respondent_id,item,answer (answer 1–5, để trống = không trả lời). Không dùng cơ sở dữ liệu."
    )
    # Pure and file-based: it must run against an empty or absent database.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        # Validated in handle() rather than by argparse, so that every mistake gets a Vietnamese
        # message and exit status 2.
        parser.add_argument("--responses", help="Tệp CSV câu trả lời (UTF-8).")
        parser.add_argument(
            "--questionnaire",
            help="Mã bộ câu hỏi (" + ", ".join(questionnaires.available()) + ") hoặc đường dẫn tệp JSON.",
        )
        parser.add_argument(
            "--aggregation", help="Quy tắc gộp: mean (trung bình các phần) hoặc pooled (gộp số đếm)."
        )
        parser.add_argument("--format", default="json", help="Định dạng đầu ra: json.")

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except SurveyIndexInputError as exc:
            if getattr(self, "_called_from_command_line", False):
                # Django would prefix "CommandError:"; people reading this expect plain Vietnamese.
                self.stderr.write(str(exc))
                sys.exit(2)
            raise CommandError(str(exc), returncode=2) from exc

    def handle(self, *args: Any, **options: Any) -> None:
        responses = options.get("responses")
        code = options.get("questionnaire")
        rule = options.get("aggregation")
        output_format = options.get("format") or "json"
        if not responses:
            raise SurveyIndexInputError("Thiếu tham số --responses (đường dẫn tệp CSV câu trả lời).")
        if not code:
            known = ", ".join(questionnaires.available())
            raise SurveyIndexInputError(f"Thiếu tham số --questionnaire (một trong: {known}).")
        if output_format not in FORMATS:
            raise SurveyIndexInputError(
                f"Định dạng “{output_format}” không được hỗ trợ; dùng --format {' hoặc '.join(FORMATS)}."
            )
        try:
            questionnaire = questionnaires.load(code)
        except questionnaires.QuestionnaireError as exc:
            raise SurveyIndexInputError(str(exc)) from exc
        allowed = questionnaire.allowed_aggregations
        if rule is not None and rule not in allowed:
            raise SurveyIndexInputError(
                f"Quy tắc gộp “{rule}” không hợp lệ cho bộ câu hỏi {questionnaire.code}; "
                f"dùng --aggregation {' hoặc '.join(allowed)}."
            )
        path = Path(responses)
        try:
            table = indices.read_csv(questionnaire, path)
        except indices.ResponseError as exc:
            raise SurveyIndexInputError(f"Tệp {path.name}: {exc}") from exc
        result = indices.compute(questionnaire, table, rule).as_dict()
        # One write of the whole document: on any error above nothing has been printed.
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
