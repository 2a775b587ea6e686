"""Getting text from .txt, .docx and .pdf, and the Vietnamese errors when that is impossible."""

import importlib
import subprocess
import sys

import pytest

from cchc.directives.tests.pdfs import build_pdf
from cchc.lib.docreader import ReaderError, load_text, loaders, read_file


def test_utf8_text_with_bom_is_read(tmp_path):
    f = tmp_path / "cv.txt"
    f.write_bytes("\ufeffSố: 12/UBND-VP".encode())
    assert load_text(f) == "Số: 12/UBND-VP"


def test_text_in_a_legacy_encoding_is_refused_with_advice(tmp_path):
    f = tmp_path / "cv.txt"
    f.write_bytes("Số: 12 – Hà Nội".encode("cp1252", errors="replace") + b"\xff\xfe\x81")
    with pytest.raises(ReaderError, match="UTF-8"):
        load_text(f)


@pytest.mark.parametrize(("name", "message"), [("a.xlsx", "Không đọc được loại tệp"), ("a.doc", "Word cũ")])
def test_unsupported_file_types_are_refused(tmp_path, name, message):
    f = tmp_path / name
    f.write_bytes(b"x")
    with pytest.raises(ReaderError, match=message):
        load_text(f)


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(ReaderError, match="Không tìm thấy tệp"):
        load_text(tmp_path / "none.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ReaderError, match="không có nội dung"):
        load_text(empty)


@pytest.mark.parametrize(
    ("suffix", "module", "package"), [(".docx", "docx", "python-docx"), (".pdf", "pypdf", "pypdf")]
)
def test_missing_library_gives_a_vietnamese_message(tmp_path, monkeypatch, suffix, module, package):
    real_import = importlib.import_module

    def fake_import(name, *args, **kwargs):
        if name == module:
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(loaders.importlib, "import_module", fake_import)
    f = tmp_path / ("x" + suffix)
    f.write_bytes(b"x")
    with pytest.raises(ReaderError, match=f"Chưa cài thư viện {package}"):
        load_text(f)


def test_scanned_pdf_without_text_layer_is_refused(tmp_path):
    pytest.importorskip("pypdf", reason="pypdf chưa được cài (xem docs/directive-reader.md)")
    f = tmp_path / "scan.pdf"
    f.write_bytes(build_pdf(None))
    with pytest.raises(ReaderError, match=r"không có lớp chữ — cần nhận dạng ký tự \(OCR\)"):
        load_text(f)


def test_pdf_text_layer_is_read(tmp_path):
    pytest.importorskip("pypdf", reason="pypdf chưa được cài (xem docs/directive-reader.md)")
    f = tmp_path / "cv.pdf"
    f.write_bytes(build_pdf("So: 12/UBND-VP  Ha Noi, ngay 05 thang 3 nam 2023"))
    assert "12/UBND-VP" in load_text(f)


def test_docx_paragraphs_and_task_table_are_read_in_order(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx chưa được cài (xem docs/directive-reader.md)")
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ VŨNG TÀU"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    for line in (
        "Số: 120/KH-UBND",
        "Vũng Tàu, ngày 05 tháng 01 năm 2023",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2023",
    ):
        document.add_paragraph(line)
    document.add_paragraph("Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:")
    table = document.add_table(rows=3, cols=5)
    for row, values in enumerate(
        [
            ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
            (
                "1",
                "Rà soát thủ tục hành chính",
                "Văn phòng HĐND và UBND thành phố",
                "Phòng Tư pháp",
                "Quý II/2023",
            ),
            ("2", "Kiểm tra công vụ", "Phòng Nội vụ", "", "Thường xuyên"),
        ]
    ):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    path = tmp_path / "kh.docx"
    document.save(str(path))
    d = read_file(path).as_dict()
    assert (d["number"], d["symbol"], d["doc_type"]) == ("120", "KH-UBND", "Kế hoạch")
    assert d["issuer"] == "Ủy ban nhân dân thành phố Vũng Tàu"
    assert [
        (t["text"], t["lead"], t["coordinating"], t["deadline"], t["recurrence"]) for t in d["tasks"]
    ] == [
        (
            "Rà soát thủ tục hành chính",
            ["Văn phòng HĐND và UBND thành phố"],
            ["Phòng Tư pháp"],
            "2023-06-30",
            None,
        ),
        ("Kiểm tra công vụ", ["Phòng Nội vụ"], [], None, "continuous"),
    ]


def test_reader_works_for_text_when_docx_and_pdf_libraries_are_absent():
    # A fresh interpreter in which python-docx and pypdf cannot be imported: the reader still loads
    # and reads text; only .docx/.pdf input needs them (imported lazily).
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('docx', 'pypdf'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from cchc.lib.docreader import read_text\n"
        "print(read_text('Số: 12/UBND-VP\\nHà Nội, ngày 05 tháng 3 năm 2023').as_dict()['date'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2023-03-05"
