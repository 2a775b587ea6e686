import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cchc.earlywarning.backtest import run, save


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {text!r} (cần dạng YYYY-MM-DD).", returncode=2) from exc


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f} %".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Kiểm chứng cảnh báo sớm trên lịch sử: mỗi buổi sáng trong khoảng thời gian, mô hình đã nói gì và "
        "hồ sơ thực tế kết thúc ra sao (độ chính xác, độ phủ, hiệu chuẩn), tách phần dùng để chọn ngưỡng "
        "và phần kiểm tra."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="first", type=_day, required=True, help="ngày đầu (YYYY-MM-DD)")
        parser.add_argument("--to", dest="last", type=_day, required=True, help="ngày cuối (YYYY-MM-DD)")
        parser.add_argument("--split", type=_day, help="hồ sơ có hẹn trả từ ngày này là phần kiểm tra")
        parser.add_argument(
            "--lead", type=int, default=2, help="cảnh báo trước hẹn ít nhất bao nhiêu ngày làm việc"
        )
        parser.add_argument(
            "--sample", type=int, default=1, help="chỉ chấm một trong mỗi N hồ sơ (nhanh hơn)"
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--no-save", action="store_true", help="không lưu kết quả cho trang Độ tin cậy")

    def handle(self, *args: Any, **options: Any) -> None:
        first, last, split = options["first"], options["last"], options["split"]
        if last < first:
            raise CommandError("Ngày cuối phải sau ngày đầu.", returncode=2)
        if split is not None and not first < split <= last:
            raise CommandError("Ngày tách phải nằm trong khoảng thời gian kiểm chứng.", returncode=2)
        if options["lead"] < 0:
            raise CommandError("Số ngày cảnh báo trước phải không âm.", returncode=2)
        if options["sample"] < 1:
            raise CommandError("--sample phải là số nguyên dương.", returncode=2)
        figures = run(first, last, split, options["lead"], options["sample"])
        if not options["no_save"]:
            save(figures)
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Ngưỡng chọn trên phần khớp: {figures['threshold'] * 100:.0f} %")
        for name, label in (("fit", "Phần khớp"), ("held_out", "Phần kiểm tra")):
            f = figures[name]
            met = "có" if f["meets_targets"] else "không"
            self.stdout.write(
                f"{label}: {f['dossiers']} hồ sơ, {f['late']} trễ hạn; báo trước "
                f"≥{figures['lead_working_days']} ngày làm việc {f['true_alarms']}/{f['late']} "
                f"({_pct(f['recall'])}); báo nhầm {f['false_alarms']} (độ chính xác {_pct(f['precision'])}); "
                f"đạt mục tiêu: {met}"
            )
            self.stdout.write(
                f"  Mô hình hoàn hảo cũng chỉ báo trước được {_pct(f['reachable_recall'])} số hồ sơ trễ hạn "
                "(số còn lại không còn mở đủ sớm)."
            )
        stage = figures["second_stage"]
        for name, label in (("fit", "phần khớp"), ("held_out", "phần kiểm tra")):
            f = stage[name]
            self.stdout.write(
                "Giai đoạn hai (chỉ để đo, chưa dùng cho danh sách buổi sáng), "
                f"ngưỡng {stage['threshold'] * 100:.0f} %, {label}: báo trước {f['true_alarms']}/{f['late']} "
                f"({_pct(f['recall'])}); báo nhầm {f['false_alarms']}"
            )
        if figures["generated_data"]:
            self.stdout.write("Lưu ý: dữ liệu trình diễn là dữ liệu sinh ngẫu nhiên, không phải hồ sơ thật.")
