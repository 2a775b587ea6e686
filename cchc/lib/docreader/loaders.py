"""Getting text out of a file: .txt, .docx (python-docx) and .pdf (pypdf, text layer only).

python-docx and pypdf are imported only when such a file is read, so the rest of the platform works
without them; when one is missing the reader says so in Vietnamese instead of failing on import.
Every refusal is a ``Refusal`` (cchc/lib/refusal.py): Vietnamese on the command line, in the page's
language on the upload pages (``cchc.core.refusals.say``).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from cchc.lib.refusal import Refusal, Refused, gettext_noop
from cchc.lib.zipguard import Limits, TooLarge, WorkbookRefused, check_workbook

from .pdfstamps import fill_stamps


class ReaderError(Refused):
    """The input cannot be read; its ``refusal`` is meant for the person who gave it."""


# A PDF page holding fewer visible characters than this is taken as an image (a scan).
MIN_CHARS_PER_PAGE = 30
# A directive's .docx, images included, unpacks to a few megabytes; far more is a compressed-file bomb.
MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024


def _import(module: str, package: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ReaderError(
            Refusal(
                gettext_noop(
                    "Chưa cài thư viện %(package)s nên không đọc được loại tệp này. "
                    "Quản trị viên cần cài đặt: pip install %(package)s"
                ),
                {"package": package},
            )
        ) from exc


def decode_text(data: bytes) -> str:
    try:
        if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
            return data.decode("utf-16")  # an odd length or a lone surrogate fails here too
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            Refusal(
                gettext_noop(
                    "Tệp văn bản không ở bảng mã UTF-8. Hãy lưu lại tệp với bảng mã UTF-8 (Unicode) rồi "
                    "tải lên lại."
                )
            )
        ) from exc


def _docx_text(path: Path) -> str:
    docx = _import("docx", "python-docx")
    _check_unpacked_size(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for damaged files
        raise ReaderError(
            Refusal(
                gettext_noop("Không mở được tệp Word (.docx): tệp bị hỏng hoặc không phải định dạng .docx.")
            )
        ) from exc
    table_cls = importlib.import_module("docx.table").Table
    para_cls = importlib.import_module("docx.text.paragraph").Paragraph
    lines: list[str] = []

    def table_lines(table: Any) -> list[str]:
        out: list[str] = []
        for row in table.rows:
            cells: list[str] = []
            previous = None
            for cell in row.cells:
                # A horizontally merged cell is returned once per grid column; keep it once.
                if previous is not None and cell._tc is previous:
                    continue
                previous = cell._tc
                cells.append(
                    " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()).replace("|", "/")
                )
            out.append("| " + " | ".join(cells) + " |")
        return out

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(para_cls(child, document).text)
            lines.append("")
        elif tag == "tbl":
            table = table_cls(child, document)
            if _is_layout_table(table):
                # The header and the signature are laid out in borderless two-column tables.
                for row in table.rows:
                    for cell in row.cells:
                        for p in cell.paragraphs:
                            lines.append(p.text)
                        lines.append("")
            else:
                lines.extend(table_lines(table))
                lines.append("")
    return "\n".join(lines)


def _check_unpacked_size(path: Path) -> None:
    """A .docx is a zip: a small one can unpack to gigabytes, which python-docx would hold in memory.
    Its unpacked bytes are counted first (streamed, never held); damage is left to python-docx."""
    try:
        with path.open("rb") as fh:
            check_workbook(fh, Limits(uncompressed_bytes=MAX_DOCX_UNPACKED_BYTES, cells=0))
    except TooLarge:
        raise ReaderError(
            Refusal(
                gettext_noop(
                    "Tệp Word (.docx) khi giải nén lớn hơn %(mb)s MB; hệ thống không mở. Hãy lưu lại văn bản "
                    "không kèm ảnh lớn, hoặc dùng bản PDF có lớp chữ."
                ),
                {"mb": MAX_DOCX_UNPACKED_BYTES // (1024 * 1024)},
            )
        ) from None
    except WorkbookRefused:
        pass  # not a zip, damaged or encrypted: python-docx says it is not a .docx


def _is_layout_table(table: Any) -> bool:
    rows = list(table.rows)
    if len(rows) > 3:
        return False
    text = " ".join(c.text for r in rows for c in r.cells).lower()
    return "nội dung" not in text and "chủ trì" not in text


def _pdf_text(path: Path) -> str:
    pypdf = _import("pypdf", "pypdf")
    try:
        reader = pypdf.PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        if pages:
            pages[0] = fill_stamps(pages[0], reader.pages[0])
    except Exception as exc:  # pypdf's errors vary with the damage
        raise ReaderError(
            Refusal(gettext_noop("Không mở được tệp PDF: tệp bị hỏng hoặc được bảo vệ bằng mật khẩu."))
        ) from exc
    if not pages or all(len("".join(p.split())) < MIN_CHARS_PER_PAGE for p in pages):
        raise ReaderError(
            Refusal(
                gettext_noop(
                    "Tệp PDF không có lớp chữ — cần nhận dạng ký tự (OCR) trước khi đọc. Hãy tải lên bản PDF "
                    "có lớp chữ hoặc tệp Word (.docx)."
                )
            )
        )
    return "\f".join(pages)


def load_text(path: str | Path) -> str:
    """The text of a directive file; raises ReaderError with a Vietnamese message (``str()``)."""
    p = Path(path)
    if not p.exists() or not p.is_file():
        raise ReaderError(Refusal(gettext_noop("Không tìm thấy tệp: %(path)s"), {"path": str(p)}))
    suffix = p.suffix.lower()
    if suffix == ".docx":
        text = _docx_text(p)
    elif suffix == ".pdf":
        text = _pdf_text(p)
    elif suffix in (".txt", ".md", ""):
        data = p.read_bytes()
        # Anywhere in the file, not only near its start: a NUL cannot be kept in a database text.
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ReaderError(
                Refusal(
                    gettext_noop(
                        "Tệp không phải văn bản thuần (txt). Hãy dùng tệp .txt, .docx hoặc .pdf có lớp chữ."
                    )
                )
            )
        text = decode_text(data)
    elif suffix == ".doc":
        raise ReaderError(
            Refusal(
                gettext_noop("Định dạng Word cũ (.doc) chưa được hỗ trợ. Hãy lưu lại thành .docx hoặc PDF.")
            )
        )
    else:
        raise ReaderError(
            Refusal(
                gettext_noop(
                    "Không đọc được loại tệp '%(suffix)s'. Chỉ nhận .txt, .docx hoặc .pdf có lớp chữ."
                ),
                {"suffix": suffix},
            )
        )
    if not text.strip():
        raise ReaderError(Refusal(gettext_noop("Tệp không có nội dung chữ nào để đọc.")))
    return text
