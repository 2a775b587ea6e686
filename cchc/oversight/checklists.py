"""The checklists shipped with CCHC (docs/oversight.md, "Phiếu kiểm tra"). Each is versioned: a change
to the wording or to the list of items is a new version (a new data migration calling ``install``),
so a visit keeps the items it was checked against. An item keeps its code across versions: that is
what makes a finding comparable with the next visit's ("lặp lại")."""

from __future__ import annotations

from typing import Any

# (code, version, name, basis, [(item code, group, text, basis)])
Template = tuple[str, int, str, str, list[tuple[str, str, str, str]]]

ONE_STOP: Template = (
    "mot-cua",
    1,
    "Kiểm tra Bộ phận Một cửa",
    "Nghị định 61/2018/NĐ-CP (sửa đổi bởi Nghị định 107/2021/NĐ-CP), áp dụng đến 30/6/2025; "
    "Nghị định 118/2025/NĐ-CP và Thông tư 03/2025/TT-VPCP từ 01/7/2025; Luật Cán bộ, công chức.",
    [
        (
            "MC-01",
            "Công khai",
            "Danh mục thủ tục hành chính, quy trình, thời hạn, phí và lệ phí được niêm yết "
            "đầy đủ, đúng bản đang có hiệu lực",
            "Công khai thủ tục hành chính tại Bộ phận Một cửa",
        ),
        (
            "MC-02",
            "Công khai",
            "Mẫu đơn, tờ khai có sẵn, đủ số lượng, người dân không phải trả tiền",
            "Công khai thủ tục hành chính tại Bộ phận Một cửa",
        ),
        (
            "MC-03",
            "Công khai",
            "Giờ làm việc, đường dây nóng, hộp thư góp ý được niêm yết; giờ làm việc được thực hiện đúng",
            "Quy chế hoạt động của Bộ phận Một cửa",
        ),
        (
            "MC-04",
            "Công chức",
            "Công chức đeo thẻ, có biển chức danh tại quầy, trang phục đúng quy định",
            "Luật Cán bộ, công chức: văn hóa giao tiếp ở công sở",
        ),
        (
            "MC-05",
            "Công chức",
            "Thái độ giao tiếp lịch sự, hướng dẫn một lần đầy đủ; không nhũng nhiễu, "
            "gây phiền hà, không yêu cầu thêm giấy tờ ngoài quy định",
            "Luật Cán bộ, công chức; Nghị định 61/2018 và Nghị định 118/2025 (các hành vi bị nghiêm cấm)",
        ),
        (
            "MC-06",
            "Cơ sở vật chất",
            "Trang thiết bị: máy tính, máy quét, máy in, kết nối mạng, chỗ ngồi chờ, "
            "nước uống, lối đi cho người khuyết tật",
            "Cơ sở vật chất, trang thiết bị của Bộ phận Một cửa (Nghị định 118/2025, Điều 13)",
        ),
        (
            "MC-07",
            "Cơ sở vật chất",
            "Máy lấy số thứ tự hoạt động, gọi số theo thứ tự",
            "Cơ sở vật chất, trang thiết bị của Bộ phận Một cửa",
        ),
        (
            "MC-08",
            "Cơ sở vật chất",
            "Thiết bị hoặc phiếu đánh giá mức độ hài lòng sẵn có, người dân được mời đánh giá",
            "Đánh giá việc giải quyết thủ tục hành chính",
        ),
        (
            "MC-09",
            "Hồ sơ, giấy tờ",
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập cho mọi hồ sơ đủ điều kiện",
            "Mẫu 01 (Thông tư 01/2018/TT-VPCP; từ 2025: Thông tư 03/2025/TT-VPCP)",
        ),
        (
            "MC-10",
            "Hồ sơ, giấy tờ",
            "Phiếu yêu cầu bổ sung, phiếu từ chối được lập bằng văn bản, nêu rõ lý do",
            "Mẫu 02, 03",
        ),
        (
            "MC-11",
            "Hồ sơ, giấy tờ",
            "Hồ sơ trễ hạn có văn bản xin lỗi và hẹn lại ngày trả kết quả gửi chậm "
            "nhất 01 ngày trước hạn; chỉ hẹn lại một lần",
            "Mẫu 04",
        ),
        (
            "MC-12",
            "Hồ sơ, giấy tờ",
            "Sổ theo dõi hồ sơ, phiếu kiểm soát quá trình giải quyết được ghi đầy "
            "đủ, khớp với phần mềm một cửa",
            "Mẫu 05, 06",
        ),
    ],
)

REFORM_WORK: Template = (
    "cong-tac-cchc",
    1,
    "Kiểm tra công tác cải cách hành chính",
    "Công văn 7190/UBND-NV ngày 15/8/2022 của UBND thành phố Vũng Tàu; kế hoạch cải cách hành chính năm.",
    [
        (
            "CC-01",
            "Chỉ đạo, điều hành",
            "Kế hoạch cải cách hành chính năm của đơn vị được ban hành đúng hạn, có phân công cụ thể",
            "Kế hoạch CCHC năm của thành phố",
        ),
        (
            "CC-02",
            "Chỉ đạo, điều hành",
            "Báo cáo CCHC định kỳ (quý, sáu tháng, năm) gửi đúng hạn, đủ nội dung",
            "Chế độ báo cáo CCHC",
        ),
        (
            "CC-03",
            "Chỉ đạo, điều hành",
            "Nhiệm vụ được giao trong năm hoàn thành đúng hạn; nhiệm vụ quá hạn có lý do và được gia hạn",
            "Văn bản chỉ đạo của UBND thành phố",
        ),
        (
            "CC-04",
            "Thủ tục hành chính",
            "Tỷ lệ hồ sơ giải quyết trễ hạn; nguyên nhân và người chịu trách nhiệm được xác định",
            "Nghị định 61/2018; Nghị định 118/2025",
        ),
        (
            "CC-05",
            "Thủ tục hành chính",
            "Phản ánh, kiến nghị về thủ tục hành chính được xử lý và trả lời đúng hạn",
            "Quy định về tiếp nhận, xử lý phản ánh, kiến nghị",
        ),
        (
            "CC-06",
            "Dịch vụ công trực tuyến",
            "Thủ tục được tiếp nhận trực tuyến; hồ sơ trực tuyến được xử lý "
            "trên hệ thống, không đòi nộp lại bản giấy",
            "Công văn 7190/UBND-NV, mục 4",
        ),
        (
            "CC-07",
            "Kiểm tra nội bộ",
            "Đơn vị tự kiểm tra công tác CCHC và xử lý tồn tại sau kiểm tra lần trước",
            "Kế hoạch kiểm tra CCHC",
        ),
    ],
)

PUBLIC_SERVICE: Template = (
    "cong-vu",
    1,
    "Kiểm tra kỷ luật, kỷ cương hành chính và văn hóa công vụ",
    "Luật Cán bộ, công chức; quy tắc ứng xử của cán bộ, công chức; nội quy cơ quan.",
    [
        (
            "CV-01",
            "Giờ giấc",
            "Cán bộ, công chức có mặt đúng giờ, không bỏ vị trí trong giờ làm việc",
            "Nội quy, quy chế làm việc của cơ quan",
        ),
        (
            "CV-02",
            "Giao tiếp",
            "Đeo thẻ công chức; giao tiếp với người dân lịch sự, đúng mực",
            "Luật Cán bộ, công chức: văn hóa giao tiếp ở công sở",
        ),
        (
            "CV-03",
            "Giao tiếp",
            "Không có phản ánh về nhũng nhiễu, gây phiền hà trong kỳ; phản ánh đã có được xác minh, xử lý",
            "Luật Cán bộ, công chức: những việc cán bộ, công chức không được làm",
        ),
        (
            "CV-04",
            "Chấp hành",
            "Thực hiện văn bản chỉ đạo của cấp trên đúng nội dung, đúng thời hạn",
            "Quy chế làm việc của UBND",
        ),
        (
            "CV-05",
            "Chấp hành",
            "Không sử dụng rượu, bia trong giờ làm việc; thực hiện quy định về phòng, chống "
            "tác hại của rượu, bia",
            "Quy tắc ứng xử của cán bộ, công chức",
        ),
    ],
)

SHIPPED: tuple[Template, ...] = (ONE_STOP, REFORM_WORK, PUBLIC_SERVICE)


def install(template_model: Any, item_model: Any) -> int:
    """Create the shipped versions that are missing (idempotent); returns how many were created. Takes
    the models as arguments so a data migration can pass its historical ones."""
    created = 0
    for code, version, name, basis, items in SHIPPED:
        tpl, made = template_model.objects.get_or_create(
            code=code, version=version, defaults={"name": name, "basis": basis, "is_current": True}
        )
        if not made:
            continue
        created += 1
        template_model.objects.filter(code=code).exclude(pk=tpl.pk).update(is_current=False)
        item_model.objects.bulk_create(
            [
                item_model(template=tpl, code=c, group=g, text=t, basis=b, order=i)
                for i, (c, g, t, b) in enumerate(items, start=1)
            ]
        )
    return created
