"""`cchc read-directive FILE --format json [--units UNITS.csv]`: propose a directive's metadata and tasks.

Prints the proposal only; nothing is stored. Bad input (missing or unreadable file, scanned PDF
without a text layer, a broken unit list) gives a Vietnamese message on stderr and exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cchc.lib.docreader import ReaderError, UnitListError, parse_unit_csv, read_file
from cchc.lib.docreader.loaders import decode_text
from cchc.lib.docreader.review import UNSURE_BELOW


class Command(BaseCommand):
    help = "Đọc một văn bản chỉ đạo (.txt, .docx, .pdf có lớp chữ) và in đề xuất thông tin văn bản, nhiệm vụ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp văn bản: .txt, .docx hoặc .pdf có lớp chữ")
        parser.add_argument("--format", choices=["json", "text"], default="json", help="Định dạng kết quả")
        parser.add_argument(
            "--units",
            help="Tệp CSV danh sách đơn vị (cột code, name, short_names, abbreviation) "
            "để đối chiếu tên đơn vị",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        units = None
        try:
            if options.get("units"):
                units_path = Path(options["units"])
                if not units_path.is_file():
                    raise ReaderError(f"Không tìm thấy tệp danh sách đơn vị: {units_path}")
                units = parse_unit_csv(decode_text(units_path.read_bytes()))
            proposal = read_file(options["file"], units)
        except (ReaderError, UnitListError) as exc:
            sys.stderr.write(f"Lỗi: {exc}\n")
            sys.exit(2)
        data = proposal.as_dict()
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_as_text(data))


def _as_text(d: dict[str, Any]) -> str:
    signer = d["signer"]
    lines = [
        f"Cơ quan ban hành: {d['issuer'] or '—'}"
        + (f" (cấp trên: {d['parent_issuer']})" if d["parent_issuer"] else ""),
        f"Số, ký hiệu: {d['number'] or '—'}/{d['symbol'] or '—'}",
        f"Ngày: {d['date'] or '—'} tại {d['place'] or '—'}",
        f"Loại văn bản: {d['doc_type'] or '—'}",
        f"Trích yếu: {d['subject'] or '—'}",
        "Kính gửi: " + "; ".join(d["recipients"]),
        "Người ký: "
        + " ".join(
            x
            for x in (signer["authority"], signer["on_behalf_of"], "-", signer["position"], signer["name"])
            if x
        ),
        f"Văn bản được dẫn: {len(d['cited_documents'])}",
        f"Nhiệm vụ đề xuất: {len(d['tasks'])}",
    ]
    for i, t in enumerate(d["tasks"], start=1):
        extra = []
        if t["deadline"]:
            extra.append(f"hạn {t['deadline']} ({t['deadline_text']})")
        if t["recurrence"]:
            extra.append(f"định kỳ: {t['recurrence_text']}")
        if t.get("confidence", 1.0) < UNSURE_BELOW:
            extra.append(f"cần xem lại (độ tin cậy {t['confidence']:.2f})")
        lines.append(f"  {i}. [mục {t['section'] or '—'}] {', '.join(t['assignees'])}: {t['text'][:100]}")
        if extra:
            lines.append("     " + "; ".join(extra))
    for w in d["warnings"]:
        lines.append(f"Lưu ý: {w}")
    return "\n".join(lines)
