"""Unit names in directives: finding the addressees in a phrase, and matching them to known units.

Matching never guesses: a name matches a known unit only when one of the unit's names, short names
or its abbreviation appears in it word for word (after folding case, tone placement and the usual
abbreviations UBND/HĐND/MTTQ). Everything else comes back as unmatched for a person to resolve.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .actors import UNIT_HEADS
from .text import comparable, squash
from .unit_names import drop_role, each_province

_HEAD_ALT = "|".join(re.escape(h) for h in sorted(UNIT_HEADS, key=len, reverse=True))
# Words that open a unit name but also common verbs and nouns ("Ban hành", "Tổ chức", "Báo cáo",
# "Phòng chống ..." — prevention, not a department).
_NOT_UNITS = (
    r"(?!Ban\s+hành|Trường\s+hợp|Tổ\s+chức|Hội\s+nghị|Hội\s+thảo|Báo\s+cáo|Đội\s+ngũ|Bộ\s+máy|"
    r"Đoàn\s+kết|Bộ\s+thủ|Phòng,?\s+(?:chống|ngừa|tránh|cháy)\b)"
)
# "Các"/"các" opens a unit name only before a word that names bodies ("các sở, ban, ngành",
# "Các cơ quan, đơn vị"), not before any noun ("Các thông số: ...").
_GROUP_NOUNS = (
    r"(?:Sở|sở|Bộ|bộ|ban|Ban|ngành|cơ\s+quan|Cơ\s+quan|đơn\s+vị|Đơn\s+vị|địa\s+phương|tổ\s+chức|"
    r"phòng|Phòng|xã|phường|huyện|quận|thị\s+xã|tỉnh|thành\s+phố|doanh\s+nghiệp|Doanh\s+nghiệp|trường|"
    r"bệnh\s+viện|trung\s+tâm|Trung\s+tâm|hội|Hội|đoàn\s+thể|chủ\s+đầu\s+tư|chủ\s+rừng|nhà\s+thầu|"
    r"thành\s+viên|nhà\s+đầu\s+tư|Tập\s+đoàn|tập\s+đoàn|Tổng\s+công\s+ty|chi\s+cục|hợp\s+tác\s+xã|cơ\s+sở|lực\s+lượng|"
    r"Ủy\s+ban|ủy\s+ban|UBND|cấp|chủ\s+rừng|đơn\s+vị|Đài|đài|cơ\s+quan|đồng\s+chí|Trung\s+tâm|ngân\s+hàng|"
    r"Bộ\s+trưởng|Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|Đoàn\s+thể)"
)
_HEAD_GROUPED = r"(?:(?:Các|các)\s+" + _GROUP_NOUNS + r"|(?!Các\b|các\b)(?:" + _HEAD_ALT + r"))"
UNIT_START = re.compile(r"^" + _NOT_UNITS + _HEAD_GROUPED + r"(?=[\s,:]|$)")
_UNIT_AFTER_SEP = re.compile(r"(?:,|;|\svà)\s+" + _NOT_UNITS + _HEAD_GROUPED + r"(?=[\s,]|$)")

# Verbs and links after which an addressee phrase has ended ("... các phường, xã thuộc thành phố
# khẩn trương thực hiện ..."). Used to cut the name out of a heading or a "phối hợp với X ..." clause.
_STOP_WORDS = (
    "khẩn trương",
    "chủ trì",
    "phối hợp",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "thực hiện",
    "triển khai",
    "tiếp tục",
    "tập trung",
    "tăng cường",
    "chỉ đạo",
    "tham mưu",
    "rà soát",
    "kiểm tra",
    "tổ chức",
    "xây dựng",
    "hướng dẫn",
    "theo dõi",
    "đề xuất",
    "xử lý",
    "giải quyết",
    "báo cáo",
    "nghiên cứu",
    "căn cứ",
    "quán triệt",
    "đôn đốc",
    "phổ biến",
    "tuyên truyền",
    "bố trí",
    "đảm bảo",
    "bảo đảm",
    "thẩm định",
    "cập nhật",
    "hoàn thành",
    "chủ động",
    "nghiêm túc",
    "quan tâm",
    "giám sát",
    "cung cấp",
    "phân công",
    "tham gia",
    "trong",
    "để",
    "nhằm",
    "theo",
    "về việc",
    "đối với",
    "thuộc",
    "trên địa bàn",
    "căn cứ chức năng",
    "theo chức năng",
    "theo dõi",
    "được giao",
    "như sau",
    "một số",
    "các nội dung",
    "các nhiệm vụ",
    "nhiệm vụ",
    "cụ thể",
    "kiện toàn",
    "nâng cao",
    "đẩy mạnh",
    "ban hành",
    "làm việc",
    "huy động",
    "vận động",
    "duy trì",
    "hỗ trợ",
    "thu thập",
    "tích cực",
    "thường xuyên",
    "định kỳ",
    "sớm",
    "là cơ quan",
    "là đầu mối",
    "cần",
    "phải",
    "lập",
    "trình",
    "ưu tiên",
    "tạo điều kiện",
    "lựa chọn",
    "tiếp nhận",
    "chấp hành",
    "thống kê",
    "phát hiện",
    "làm tốt",
    "phát huy",
    "chuẩn bị",
    "tiến hành",
    "tổng hợp",
    "đẩy nhanh",
    "trước ngày",
    "phấn đấu",
    "thành lập",
    "hoàn thiện",
    # verbs a name runs into in regulations and conclusions ("Ủy ban nhân dân cấp xã quyết định tiêu
    # chuẩn …", "các cơ quan, tổ chức, đơn vị phản ánh về …", "Chủ tịch … đề nghị Trung ương …")
    "đề nghị",
    "quyết định",
    "phản ánh",
    "kịp thời",
    "trực tiếp",
    "được quyền",
    "nhất là",
    "trên tinh thần",
    "công bố",
)
# "tổ chức" is a verb ("tổ chức tập huấn") but also a noun in a list ("các cơ quan, tổ chức có liên quan").
# "chỉ đạo" is a verb but also part of a name ("Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia").
# "thuộc" ends a name ("các phường, xã thuộc thành phố") except in "cơ quan thuộc Chính phủ".
# "trực" is a verb ("Lực lượng canh phòng trực 10/24 giờ") except in "Thường trực", "trực thuộc".
_STOP = re.compile(
    r"\s(?:(?<!các\s)(?<!Các\s)(?<!,\s)(?<!và\s)tổ\s+chức\b|(?<!Ban\s)chỉ\s+đạo\b|(?<!Ban\s)lãnh\s+đạo\b|(?<!công\s)lập\b|"
    r"(?<!trực\s)thuộc\b(?!\s+(?:Chính\s+phủ|Bộ|Sở|Ủy\s+ban|Uỷ\s+ban|UBND|Tổng\s+cục|Cục)\b)|(?<![Tt]hường\s)trực\b(?!\s+thuộc)|(?:"
    + "|".join(re.escape(w) for w in _STOP_WORDS if w not in ("tổ chức", "chỉ đạo", "lập", "thuộc"))
    + r")\b)"
)
# Qualifiers ("thuộc thành phố", "đóng trên địa bàn tỉnh") end a name only when no other unit follows.
_QUALIFIERS = ("thuộc", "trên địa bàn", "trong", "theo", "đối với")


# "Cơ quan chủ trì giải quyết thủ tục ..." / "Đơn vị phối hợp" name a role, not a clause.
# So do "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này".
ROLE_NOUN = re.compile(
    r"^(?:Các\s+|các\s+)?(?:Cơ\s+quan|Đơn\s+vị|cơ\s+quan|đơn\s+vị)\s+(?:chủ\s+trì|phối\s+hợp|"
    r"được\s+phân\s+công(?:\s+chủ\s+trì)?(?:\s+thực\s+hiện)?(?:\s+(?:các\s+)?nhiệm\s+vụ)?"
    r"(?:\s+(?:theo|tại)\s+(?:Kế\s+hoạch|Quyết\s+định|Chỉ\s+thị)\s+này)?)\b"
)


def _cut(head: str) -> str:
    role = ROLE_NOUN.match(head.strip())
    pos = role.end() if role else 0
    while True:
        stop = _STOP.search(head, pos)
        if not stop:
            return head
        word = stop.group(0).strip()
        if word in _QUALIFIERS:
            nxt = _STOP.search(head, stop.end())
            while nxt and nxt.group(0).strip() in _QUALIFIERS:
                nxt = _STOP.search(head, nxt.end())
            between = head[stop.end() : nxt.start() if nxt else len(head)]
            if _UNIT_AFTER_SEP.search(between):
                pos = stop.end()
                continue
        if word == "kiểm tra" and re.search(r"\b(?:Đoàn|Tổ)$", head[: stop.start()]):
            # "kiểm tra" is a verb but also names a team: "Đoàn kiểm tra", "Tổ kiểm tra".
            return head[: stop.end()]
        return head[: stop.start()]


_LEADING = re.compile(
    r"^(?:(?:đề\s+nghị|giao|yêu\s+cầu|đối\s+với|trách\s+nhiệm\s+của|nhiệm\s+vụ\s+của|nội\s+dung|ủy\s+quyền\s+cho|uỷ\s+quyền\s+cho|"
    r"phân\s+công|với|cùng|cơ\s+quan\s+chủ\s+trì\s*:|cơ\s+quan\s+phối\s+hợp\s*:|"
    # the honorific before a title: "Giao đồng chí Bộ trưởng Bộ Xây dựng …", "Các đồng chí Bộ trưởng, …"
    r"(?:các\s+)?đồng\s+chí(?=\s+(?:Bộ\s+trưởng|Thủ\s+trưởng|Chủ\s+tịch|Bí\s+thư|Giám\s+đốc|Phó|Trưởng|Thứ\s+trưởng)))\s+)+",
    re.IGNORECASE,
)
# "Văn phòng HĐND và UBND" is one office; "và" there must not split it.
_JOINT_NAMES = re.compile(r"(HĐND|Hội đồng nhân dân)\s+và\s+(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)")


_CENTRAL_HEADS = re.compile(
    r"Bộ\s+trưởng(?:\s+các\s+[Bb]ộ)?\s*,\s*Thủ\s+trưởng\s+(?:các\s+)?[Cc]ơ\s+quan\s+ngang\s+[Bb]ộ"
    r"(?:\s*,\s*(?:Thủ\s+trưởng\s+)?(?:các\s+)?[Cc]ơ\s+quan\s+thuộc\s+Chính\s+phủ)?"
)


# "Giám đốc các Sở: Tư pháp, Nông nghiệp và Môi trường", "Các Bộ, cơ quan: Tài chính, Xây dựng, ...": a
# group named with its members after a colon is one addressee, up to the ";" that ends it.
_GROUP_LIST = re.compile(
    r"(\b[Cc]ác\s+(?:Bộ|bộ|Sở|sở|tỉnh|thành\s+phố|xã|phường|huyện|Tập\s+đoàn|tập\s+đoàn|Tổng\s+công\s+ty|"
    r"địa\s+phương|cơ\s+quan|Ban|ban|ngành)(?:\s*,\s*(?:cơ\s+quan|ngành|địa\s+phương))*)\s*:\s*"
    r"([A-ZĐÀ-Ỹ][^;:.]*)"
)


def _protect_group_lists(text: str) -> str:
    def protect(m: re.Match[str]) -> str:
        members = m.group(2)
        # The list ends where a unit of another kind follows: "..., Ngoại giao, Tập đoàn Điện lực Việt Nam".
        commas = re.finditer(r",\s*", members)
        cut = next((c.start() for c in commas if UNIT_START.match(members[c.end() :])), None)
        listed, rest = (members, "") if cut is None else (members[:cut], members[cut:])
        return m.group(1) + "\x03 " + listed.replace(",", "\x01").replace(" và ", "\x00") + rest

    return _GROUP_LIST.sub(protect, text)


def _restore(text: str) -> str:
    return text.replace("\x00", " và ").replace("\x01", ",").replace("\x02", ";").replace("\x03", ":")


def split_units(phrase: str) -> list[str]:
    """Split "A, B và C" into names, keeping "các phường, xã" and "Văn phòng HĐND và UBND" whole."""
    phrase = squash(phrase).strip(" .;:,")
    if not phrase:
        return []
    protected = _JOINT_NAMES.sub(lambda m: m.group(1) + "\x00" + m.group(2), _protect_group_lists(phrase))
    # "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ" is one addressee: the
    # heads of the central bodies, named together as the Government's working rules name them.
    protected = _CENTRAL_HEADS.sub(lambda m: m.group(0).replace(",", "\x01"), protected)
    # "Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý ...)" is one entry.
    protected = re.sub(
        r"\([^()]*\)", lambda m: m.group(0).replace(",", "\x01").replace(";", "\x02"), protected
    )
    parts: list[str] = []
    # "Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh": two bodies given the same work.
    protected = re.sub(r"\s*/\s*(?=" + _NOT_UNITS + _HEAD_GROUPED + r"\s)", "; ", protected)
    for chunk in re.split(r"\s*;\s*", protected):
        pieces = re.split(r"\s*,\s*|\s+và\s+|\s+cùng\s+", chunk)
        seps = re.findall(r"\s*,\s*|\s+và\s+|\s+cùng\s+", chunk)
        current = pieces[0]
        for sep, piece in zip(seps, pieces[1:], strict=True):
            if UNIT_START.match(piece):
                parts.append(current)
                current = piece
            else:
                current = current + sep + piece
        parts.append(current)
    out = []
    for p in parts:
        p = _restore(p).strip(" .;:,")
        p = drop_role(p)
        if p:
            out.extend(each_province(p))
    return out


def addressee_phrase(text: str) -> str | None:
    """The addressee part at the start of a heading or clause, or None if it does not open with a unit.

    "Thủ trưởng các cơ quan chuyên môn và Chủ tịch UBND các phường, xã thuộc thành phố khẩn trương
    thực hiện một số nhiệm vụ sau:" → "Thủ trưởng các cơ quan chuyên môn và Chủ tịch UBND các phường, xã"
    """
    text = squash(text)
    text = _LEADING.sub("", text)
    if not UNIT_START.match(text):
        return None
    text = _protect_group_lists(text)
    head = text.split(":", 1)[0] if ":" in text[:200] else text
    head = _restore(_cut(head)).strip(" .;:,")
    return head or None


_LEAD_IN_WORD = re.compile(r"\b(?:yêu\s+cầu|đề\s+nghị|giao|chỉ\s+đạo)\s+(?=\S)", re.IGNORECASE)


# "Đoàn kiểm tra thực hiện nhiệm vụ và quyền hạn theo quy định …, trong đó tập trung:", "Tổ công tác có
# nhiệm vụ sau:": the unit the lead-in opens with does the items after it.
_DUTIES_LEAD_IN = re.compile(
    r"\s(?:thực\s+hiện\s+(?:các\s+)?nhiệm\s+vụ|có\s+(?:các\s+)?nhiệm\s+vụ|"
    r"có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm)\b"
)


_PLACE_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|\.\s+)(?P<who>(?:Ủy\s+ban\s+nhân\s+dân\s+|UBND\s+|Lãnh\s+đạo\s+)?(?:tỉnh|thành\s+phố|Tỉnh|Thành\s+phố)"
    r"(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)+)\s+(?:cần|phải|tập\s+trung|tiếp\s+tục|khẩn\s+trương)\b"
)
_SUBJECT_VERB = re.compile(r"\s+(?:cần|phải)\s+(?:tiếp\s+tục\s+|tập\s+trung\s+)?")


def lead_in_units(paragraph: str) -> list[str]:
    """ "Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, ... thực hiện các nội dung sau:" → the addressees
    of the numbered items that follow; also "..., tỉnh Đắk Lắk cần tiếp tục thực hiện ... sau:" in the
    conclusions of a working visit."""
    text = squash(paragraph)
    if not text.endswith(":"):
        return []
    # Every "đề nghị" is tried: the first may ask for something ("khu vực đề nghị thành lập cụm công
    # nghiệp …"), a later one names the addressee ("…, đề nghị Chủ đầu tư:").
    for m in _LEAD_IN_WORD.finditer(text):
        phrase = addressee_phrase(text[m.end() :])
        if phrase:
            return split_units(phrase)
    duties = _DUTIES_LEAD_IN.search(text)
    if duties:
        # The unit right before the verb, after a title it may follow ("Nhiệm vụ và quyền hạn của Đoàn
        # kiểm tra Đoàn kiểm tra thực hiện …"): the longest run of words that is a unit name, whole.
        words = text[: duties.start()].split()
        for k in range(max(0, len(words) - 12), len(words)):
            who = " ".join(words[k:])
            if UNIT_START.match(who) and addressee_phrase(who) == who:
                return split_units(who)
    place = _PLACE_SUBJECT.search(text)
    if place:
        return [place.group("who")]
    for verb in _SUBJECT_VERB.finditer(text):
        clause = re.split(r"[,;.]\s*", text[: verb.start()])[-1]
        phrase = addressee_phrase(clause)
        if phrase and phrase == clause.strip():
            return split_units(phrase)
    return []


_CONDITION_WORDS = r"Khi|Nếu|Trường\s+hợp|Trong\s+trường\s+hợp|Ngay\s+khi|Ngay\s+sau\s+khi"
_OPENING_CLAUSE = re.compile(
    r"^(?:\d{1,2}\.\s*)?(?:Căn\s+cứ|Trên\s+cơ\s+sở|Sau\s+khi|Đồng\s+thời|Hằng\s+năm|Hàng\s+năm|Định\s+kỳ|"
    r"Trong\s+quá\s+trình|Để|Nhằm|Theo|Với\s+vai\s+trò|Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|"
    + _CONDITION_WORDS
    + r")\b",
    re.IGNORECASE,
)
# Work given inside a condition: "Khi xảy ra cháy rừng, Chủ tịch Ủy ban nhân dân cấp xã huy động …",
# "Nếu … thì Ủy ban nhân dân cấp xã phối hợp …", "Khi cần thiết Chủ tịch Ủy ban nhân dân thành phố đề
# nghị …" (no comma: the actor is the first capitalised name within the next few words).
_CONDITION = re.compile(r"^(?:\d{1,2}\.\s*)?(?:" + _CONDITION_WORDS + r")\b", re.IGNORECASE)
_THEN = re.compile(r"\s+thì\s+")


def units_in(text: str) -> list[str]:
    """The units a sentence opens with — also after an opening clause ("Căn cứ Kế hoạch này, các sở,
    ban, ngành ... xây dựng kế hoạch ...", "Đồng thời, giao Công an tỉnh chủ trì ...") or a condition
    ("Khi xảy ra cháy rừng, Chủ tịch Ủy ban nhân dân cấp xã ...")."""
    phrase = addressee_phrase(text)
    if phrase:
        return split_units(phrase)
    if _OPENING_CLAUSE.match(text):
        for m in list(re.finditer(r",\s+", text[:260]))[:5]:
            phrase = addressee_phrase(text[m.end() :])
            if phrase:
                return split_units(phrase)
    if _CONDITION.match(text):
        then = _THEN.search(text[:300])
        if then:
            phrase = addressee_phrase(text[then.end() :])
            if phrase:
                return split_units(phrase)
        condition = text[:80].split(",", 1)[0]
        for m in list(re.finditer(r"\s+(?=[A-ZĐÀ-Ỹ])", condition))[:3]:
            phrase = addressee_phrase(text[m.end() :])
            if phrase:
                return split_units(phrase)
    return []


_COORD = re.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+(?:với|cùng))?\s+", re.IGNORECASE)
_LEAD_BEFORE = re.compile(r"^(?P<who>.+?)\s+(?:là\s+cơ\s+quan\s+)?chủ\s+trì\b", re.IGNORECASE)


def coordinating_units(text: str) -> list[str]:
    """Units named after "phối hợp (với)" anywhere in the task."""
    out: list[str] = []
    for m in _COORD.finditer(text):
        rest = text[m.end() :]
        if not UNIT_START.match(rest):
            continue
        head = _cut(" " + re.split(r"[.;:()]", rest, maxsplit=1)[0])
        for name in split_units(head):
            if name not in out:
                out.append(name)
    return out


def explicit_lead(text: str) -> list[str]:
    """ "Sở Nội vụ chủ trì, phối hợp ..." → ["Sở Nội vụ"]; nothing when no unit stands before "chủ trì"."""
    m = _LEAD_BEFORE.match(squash(text))
    if not m:
        return []
    role = ROLE_NOUN.match(_LEADING.sub("", squash(text)))
    if role and re.search(r"được\s+phân\s+công\s+chủ\s+trì", role.group(0)):
        # "Các cơ quan được phân công chủ trì ... có trách nhiệm": "chủ trì" is inside the role noun.
        return []
    who = _LEADING.sub("", m.group("who"))
    if not UNIT_START.match(who) or len(who) > 160 or _cut(who).strip(" ,") != who.strip(" ,"):
        return []
    return split_units(who)


# --- matching against known units -----------------------------------------------------------------

_EXPANSIONS = (
    (r"\bubnd\b", "ủy ban nhân dân"),
    (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\bmttqvn\b", "mặt trận tổ quốc việt nam"),
    (r"\bmttq\s+việt\s+nam\b", "mặt trận tổ quốc việt nam"),
    (r"\bmttq\b", "mặt trận tổ quốc"),
    (r"\bvh\s*(?:&|và)\s*tt\b", "văn hóa và thông tin"),
    (r"\btc\s*-\s*kh\b", "tài chính - kế hoạch"),
    (r"\bkt\s*-\s*ht\b", "kinh tế - hạ tầng"),
    (r"\btn\s*(?:&|và)\s*mt\b", "tài nguyên và môi trường"),
)


def _key(text: str) -> str:
    k = comparable(text)
    for pattern, repl in _EXPANSIONS:
        k = re.sub(pattern, repl, k)
    return squash(k)


@dataclass
class KnownUnit:
    code: str
    name: str
    short_names: list[str] = field(default_factory=list)
    abbreviation: str | None = None

    def aliases(self) -> list[str]:
        return [self.name, *self.short_names]


@dataclass
class UnitMatch:
    text: str
    unit: str | None  # code of the known unit; None when unmatched
    unit_name: str | None = None
    matched_text: str | None = None

    @property
    def matched(self) -> bool:
        return self.unit is not None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "text": self.text,
            "unit": self.unit,
            "unit_name": self.unit_name,
            "matched_text": self.matched_text,
            "status": "matched" if self.unit else "unmatched",
        }


def _find_span(original: str, key_alias: str) -> str | None:
    """The words of ``original`` whose key equals ``key_alias`` (to show what was matched)."""
    words = original.split()
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if _key(" ".join(words[i:j])) == key_alias:
                return " ".join(words[i:j])
    return None


def match_unit(text: str, units: Iterable[KnownUnit]) -> UnitMatch:
    """Match one addressee name. Exact alias first, then the longest alias contained word for word,
    then the abbreviation as a whole word in capitals. No similarity scores: no guessing."""
    key = _key(text)
    best: tuple[int, KnownUnit, str] | None = None
    for unit in units:
        for alias in unit.aliases():
            ak = _key(alias)
            if not ak:
                continue
            if ak == key:
                return UnitMatch(text, unit.code, unit.name, text)
            if re.search(r"(?:^|\s)" + re.escape(ak) + r"(?=$|\s|[,.;])", key) and (
                best is None or len(ak) > best[0]
            ):
                best = (len(ak), unit, ak)
    if best:
        _, unit, ak = best
        return UnitMatch(text, unit.code, unit.name, _find_span(text, ak) or text)
    for unit in units:
        if unit.abbreviation and re.search(
            r"(?<![\wĐđ])" + re.escape(unit.abbreviation) + r"(?![\wĐđ])", text
        ):
            return UnitMatch(text, unit.code, unit.name, unit.abbreviation)
    return UnitMatch(text, None)


def match_units(names: Iterable[str], units: list[KnownUnit]) -> list[UnitMatch]:
    return [match_unit(n, units) for n in names]


class UnitListError(ValueError):
    pass


def parse_unit_csv(content: str) -> list[KnownUnit]:
    """Read a unit list: columns code, name, short_names (separated by ";"), abbreviation.

    Errors name the row, in Vietnamese, and nothing is returned in part.
    """
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    if "code" not in fields or "name" not in fields:
        raise UnitListError(
            "Danh sách đơn vị phải có các cột code và name (tùy chọn: short_names, abbreviation)."
        )
    units: list[KnownUnit] = []
    seen: set[str] = set()
    for lineno, row in enumerate(reader, start=2):
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        code, name = clean.get("code", ""), clean.get("name", "")
        if not code or not name:
            raise UnitListError(f"Dòng {lineno}: thiếu mã (code) hoặc tên đơn vị (name).")
        if code in seen:
            raise UnitListError(f"Dòng {lineno}: mã đơn vị '{code}' bị trùng.")
        seen.add(code)
        shorts = [s.strip() for s in clean.get("short_names", "").split(";") if s.strip()]
        units.append(KnownUnit(code, name, shorts, clean.get("abbreviation") or None))
    if not units:
        raise UnitListError("Danh sách đơn vị không có dòng nào.")
    return units
