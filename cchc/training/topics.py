"""The topics Công văn 7190/UBND-NV asks classes for (mục 1.10: conduct, communication, professional
skills; mục 4.4: online public services, digitisation of dossier results, public-investment
procedures). ``ensure_topics`` writes them after every ``migrate`` (``TrainingConfig.ready``)."""

from __future__ import annotations

SOURCE_110 = "Công văn 7190/UBND-NV, mục 1.10"
SOURCE_44 = "Công văn 7190/UBND-NV, mục 4.4"

LETTER_TOPICS: list[tuple[str, str, str, str, str, int]] = [
    (
        "dich-vu-cong-truc-tuyen",
        "Hướng dẫn thực hiện dịch vụ công trực tuyến",
        "Hướng dẫn người dân, doanh nghiệp nộp hồ sơ, thanh toán trực tuyến; tiếp nhận, xử lý hồ sơ "
        "trực tuyến toàn trình và một phần.",
        SOURCE_44,
        "one_stop",
        10,
    ),
    (
        "so-hoa-ho-so",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Số hóa thành phần hồ sơ khi tiếp nhận, số hóa và lưu kết quả giải quyết để tái sử dụng.",
        SOURCE_44,
        "one_stop",
        20,
    ),
    (
        "giao-tiep-ung-xu",
        "Kỹ năng giao tiếp, văn hóa ứng xử công vụ",
        "Văn hóa ứng xử công vụ, kỹ năng giao tiếp với người dân, khắc phục tình trạng nhũng nhiễu, "
        "gây phiền hà trong giải quyết thủ tục hành chính.",
        SOURCE_110 + " và 4.4",
        "one_stop",
        30,
    ),
    (
        "nghiep-vu-tthc",
        "Chuyên môn, nghiệp vụ giải quyết thủ tục hành chính",
        "Quy trình nội bộ, thời hạn từng bước xử lý, phối hợp liên thông, tránh trễ hạn.",
        SOURCE_110,
        "",
        40,
    ),
    (
        "dau-tu-cong",
        "Thủ tục đầu tư công",
        "Trình tự, thủ tục lập, thẩm định, phê duyệt và giải ngân dự án đầu tư công.",
        SOURCE_44,
        "",
        50,
    ),
]


def ensure_topics(using: str = "default") -> None:
    """Write the letter's topics where they are missing (idempotent; an edited topic is kept)."""
    from cchc.training.models import Topic

    for code, name, description, source, audience, order in LETTER_TOPICS:
        Topic.objects.using(using).get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "source": source,
                "audience": audience,
                "order": order,
            },
        )
