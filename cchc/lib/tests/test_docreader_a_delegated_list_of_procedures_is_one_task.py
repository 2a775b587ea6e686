"""A decision that delegates the settling of administrative procedures and lists them ("Điều 1. Ủy
quyền cho Giám đốc Sở … giải quyết thủ tục hành chính …, cụ thể như sau:" / "1. Cấp giấy chứng nhận …"
/ "2. Cấp lại …") gives one task, the delegation: the procedures are its objects, not 32 tasks. Duties
listed under an article that names no procedure ("Điều 2. Ủy quyền … thực hiện các nhiệm vụ …, như
sau:" / "1. Kiểm tra …") are still tasks each."""

from cchc.lib.docreader.reader import read_text

DECISION = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
Số: 145/2025/QĐ-UBND
Thanh Hóa, ngày 20 tháng 11 năm 2025
QUYẾT ĐỊNH
Ủy quyền cho Giám đốc Sở Khoa học và Công nghệ
QUYẾT ĐỊNH:
Điều 1. Ủy quyền cho Giám đốc Sở Khoa học và Công nghệ thực hiện giải quyết thủ tục hành chính trong
lĩnh vực Tiêu chuẩn Đo lường Chất lượng thuộc thẩm quyền giải quyết của UBND tỉnh, cụ thể như sau:
1. Cấp giấy chứng nhận đăng ký hoạt động thử nghiệm chất lượng sản phẩm, hàng hóa.
2. Cấp bổ sung, sửa đổi giấy chứng nhận đăng ký hoạt động thử nghiệm chất lượng sản phẩm, hàng hóa.
3. Cấp lại giấy chứng nhận đăng ký hoạt động thử nghiệm chất lượng sản phẩm, hàng hóa.
Điều 2. Ủy quyền cho Giám đốc Sở Khoa học và Công nghệ thực hiện các nhiệm vụ theo quy định tại Điều 55
Nghị định số 133/2025/NĐ-CP ngày 12/6/2025 của Chính phủ, như sau:
1. Kiểm tra hoạt động đánh giá sự phù hợp của tổ chức đánh giá sự phù hợp.
2. Thu hồi giấy chứng nhận đăng ký hoạt động của tổ chức đánh giá sự phù hợp.
Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.
"""


def test_the_procedures_are_the_objects_of_one_delegation():
    tasks = read_text(DECISION).as_dict()["tasks"]
    first = [t for t in tasks if t["section"] == "Điều 1"]
    assert len(first) == 1
    assert first[0]["lead"] == ["Giám đốc Sở Khoa học và Công nghệ"]
    assert first[0]["text"].startswith("Ủy quyền cho Giám đốc Sở Khoa học và Công nghệ")
    assert not any(t["text"].startswith(("Cấp giấy", "Cấp lại", "Cấp bổ sung")) for t in tasks)


def test_duties_listed_without_naming_procedures_stay_tasks():
    tasks = read_text(DECISION).as_dict()["tasks"]
    texts = [t["text"] for t in tasks]
    assert any(t.startswith("Kiểm tra hoạt động đánh giá") for t in texts)
    assert any(t.startswith("Thu hồi giấy chứng nhận") for t in texts)
