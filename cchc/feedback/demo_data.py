"""What the citizen-voice demo says: its petition categories, the petitions' wording and the staff's
answers, the channel mix, and the fictitious citizens (names, phones, ID numbers, addresses) — never real
people, and never shown on a public page (tested). ``cchc.feedback.demo`` plays the year with them."""

from __future__ import annotations

import random
from dataclasses import dataclass

from cchc.feedback.models import Channel

SEED = 2022  # the demo year's draws (citizens use SEED + 1)

# code, name, group, route_to_ward, unit code, keywords
CATEGORIES = [
    ("DT", "Trật tự đô thị, lấn chiếm lòng lề đường", "Đô thị", True, "", "vỉa hè, lấn chiếm, buôn bán"),
    ("MT", "Vệ sinh môi trường, rác thải", "Môi trường", True, "", "rác, ô nhiễm, mùi hôi"),
    ("XD", "Trật tự xây dựng", "Đô thị", True, "", "xây dựng, giấy phép, công trình"),
    ("AN", "An ninh trật tự khu dân cư", "An ninh", True, "", "tiếng ồn, karaoke, tụ tập"),
    ("HT", "Hạ tầng giao thông, chiếu sáng, thoát nước", "Hạ tầng", False, "QLĐT", "đèn đường, ổ gà, ngập"),
    ("DD", "Đất đai", "Tài nguyên", False, "TNMT", "sổ đỏ, ranh giới, đo đạc"),
    ("TTHC", "Thủ tục hành chính, hồ sơ", "Hành chính", False, "VP", "hồ sơ, một cửa, trễ hẹn"),
    ("CB", "Thái độ, tác phong cán bộ", "Công vụ", False, "NV", "cán bộ, thái độ, tiếp dân"),
    ("XH", "Chính sách xã hội, người có công", "Xã hội", False, "LĐTBXH", "trợ cấp, hộ nghèo"),
    ("GD", "Giáo dục", "Giáo dục", False, "GDĐT", "trường học, học phí"),
    ("YT", "Y tế, an toàn thực phẩm", "Y tế", False, "YT", "vệ sinh thực phẩm, trạm y tế"),
    ("KHAC", "Lĩnh vực khác", "Khác", False, "VP", ""),
]
STREETS = [
    "Ba Cu",
    "Trương Công Định",
    "Hoàng Hoa Thám",
    "Lê Hồng Phong",
    "Võ Thị Sáu",
    "Phan Chu Trinh",
    "Thùy Vân",
    "Bình Giã",
    "Nam Kỳ Khởi Nghĩa",
    "Lưu Chí Hiếu",
    "Hạ Long",
    "Xô Viết Nghệ Tĩnh",
]
TEXTS: dict[str, list[str]] = {
    "DT": [
        "Vỉa hè đường {s} đoạn gần chợ bị lấn chiếm để bán hàng, người đi bộ phải xuống lòng đường.",
        "Quán ăn trên đường {s} bày bàn ghế ra hết vỉa hè vào buổi tối, gây cản trở giao thông.",
        "Xe tải đậu trên vỉa hè đường {s} suốt ngày, che khuất tầm nhìn ở ngã ba.",
    ],
    "MT": [
        "Rác thải tồn đọng nhiều ngày ở đầu hẻm đường {s}, bốc mùi hôi.",
        "Có người đổ trộm xà bần ở bãi đất trống đường {s} vào ban đêm.",
        "Nước thải từ nhà hàng trên đường {s} chảy ra mương gây ô nhiễm.",
    ],
    "XD": [
        "Công trình trên đường {s} xây dựng lấn sang phần hẻm chung, đề nghị kiểm tra giấy phép.",
        "Công trình sửa chữa nhà trên đường {s} thi công cả ban đêm, vật liệu để tràn ra đường.",
    ],
    "AN": [
        "Quán karaoke trên đường {s} hát đến quá nửa đêm, gây mất trật tự khu dân cư.",
        "Nhóm thanh niên tụ tập đua xe trên đường {s} vào tối cuối tuần.",
    ],
    "HT": [
        "Đèn chiếu sáng trên đường {s} bị hỏng nhiều ngày, khu vực rất tối.",
        "Ổ gà lớn giữa đường {s} gây nguy hiểm cho người đi xe máy.",
        "Mưa lớn là đường {s} ngập sâu do cống thoát nước bị tắc.",
    ],
    "DD": [
        "Đề nghị kiểm tra việc đo đạc ranh giới thửa đất trên đường {s}, có tranh chấp với hộ liền kề.",
        "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất tại đường {s} nộp đã lâu chưa có kết quả.",
    ],
    "TTHC": [
        "Hồ sơ đăng ký hộ kinh doanh nộp tại bộ phận một cửa đã quá hẹn nhưng chưa nhận được kết quả.",
        "Đề nghị niêm yết rõ thành phần hồ sơ chứng thực tại bộ phận một cửa, "
        "người dân phải đi lại nhiều lần.",
    ],
    "CB": [
        "Cán bộ tiếp nhận hồ sơ có thái độ thiếu niềm nở, hướng dẫn không đầy đủ.",
        "Cán bộ hẹn nhiều lần nhưng không giải quyết, không giải thích lý do chậm trễ.",
    ],
    "XH": [
        "Gia đình thuộc diện hộ cận nghèo nhưng chưa được xét hỗ trợ theo chính sách năm nay.",
        "Đề nghị xem xét chế độ trợ cấp cho người cao tuổi sống một mình ở khu phố.",
    ],
    "GD": [
        "Trường học trên đường {s} thu thêm các khoản ngoài quy định đầu năm học.",
        "Cổng trường trên đường {s} giờ tan học ùn tắc, đề nghị bố trí người hướng dẫn giao thông.",
    ],
    "YT": [
        "Cơ sở bán đồ ăn sáng trên đường {s} không đảm bảo vệ sinh an toàn thực phẩm.",
        "Trạm y tế phường đông người chờ tiêm chủng, đề nghị bố trí thêm giờ làm việc.",
    ],
    "KHAC": [
        "Đề nghị bố trí thêm ghế đá và cây xanh ở công viên gần đường {s}.",
        "Loa phát thanh khu phố trên đường {s} mở quá to vào sáng sớm.",
    ],
}
ANSWERS = {
    "DT": "Đơn vị đã phối hợp với tổ dân phố kiểm tra, lập biên bản các trường hợp vi phạm, giải toả vỉa hè; "
    "sẽ tiếp tục kiểm tra định kỳ.",
    "MT": "Đơn vị đã chỉ đạo thu gom rác tồn đọng, cắm biển cấm đổ rác và giao tổ dân phố giám sát.",
    "XD": "Đơn vị đã kiểm tra công trình, yêu cầu chủ đầu tư thi công đúng giấy phép và giờ quy định.",
    "AN": "Công an phường đã làm việc với chủ cơ sở, nhắc nhở và tăng cường tuần tra vào buổi tối.",
    "HT": "Phòng Quản lý đô thị đã giao đơn vị quản lý hạ tầng sửa chữa trong tuần.",
    "DD": "Phòng Tài nguyên và Môi trường đã kiểm tra hồ sơ và hướng dẫn các bước tiếp theo theo quy định.",
    "TTHC": "Văn phòng đã kiểm tra hồ sơ, đôn đốc đơn vị giải quyết và thông báo lịch trả kết quả.",
    "CB": "Phòng Nội vụ đã làm việc với cán bộ liên quan, yêu cầu chấn chỉnh tác phong khi tiếp dân.",
    "XH": "Phòng Lao động – Thương binh và Xã hội đã rà soát và hướng dẫn hồ sơ đề nghị hưởng chính sách.",
    "GD": "Phòng Giáo dục và Đào tạo đã yêu cầu nhà trường thực hiện đúng quy định về các khoản thu.",
    "YT": "Phòng Y tế đã kiểm tra cơ sở và yêu cầu khắc phục các điều kiện vệ sinh an toàn thực phẩm.",
    "KHAC": "Văn phòng đã chuyển nội dung đến đơn vị chuyên môn xem xét và bố trí thực hiện.",
}
FAMILY = [
    "Lý",
    "Châu",
    "Tạ",
    "Lâm",
    "Quách",
    "Mai",
    "Trịnh",
    "Đinh",
    "Kiều",
    "Tôn",
    "Thái",
    "La",
    "Khúc",
    "Giang",
]
MIDDLE = ["Thị", "Văn", "Quang", "Kim", "Xuân", "Bảo", "Gia", "Diệu"]
GIVEN = [
    "Ánh",
    "Bích",
    "Cúc",
    "Duyên",
    "Hằng",
    "Khoa",
    "Lộc",
    "Nhàn",
    "Oanh",
    "Phát",
    "Quyên",
    "Thắm",
    "Uyên",
    "Vũ",
    "Xuyến",
    "Yên",
    "Tín",
    "Lợi",
    "Nghĩa",
    "Hiếu",
]
CHANNEL_MIX = [
    (Channel.WEB, 45),
    (Channel.HOTLINE, 15),
    (Channel.WALK_IN, 12),
    (Channel.LETTER, 6),
    (Channel.EMAIL, 10),
    (Channel.OPEN311, 6),
]


@dataclass(frozen=True)
class Citizen:
    name: str
    phone: str
    id_number: str
    email: str
    address: str


def demo_citizens(n: int = 240) -> list[Citizen]:
    """The fictitious citizens of the demo (also used by the test that searches public pages)."""
    rng = random.Random(SEED + 1)
    out = []
    for i in range(n):
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i * 3) % len(MIDDLE)]} {GIVEN[(i * 7) % len(GIVEN)]}"
        phone = "09" + f"{rng.randrange(10**8):08d}"
        out.append(
            Citizen(
                name,
                phone,
                "0770" + f"{rng.randrange(10**8):08d}",
                f"nguoidan{i:03d}@example.vn",
                f"{rng.randint(1, 200)} {STREETS[i % len(STREETS)]}",
            )
        )
    return out
