"""What the reader is unsure of: a confidence for each header field and each task, and the pieces of
text that look like a task but did not become one.

The confidences are rules of thumb written from how each value was found, not probabilities fitted
to data; docs/directive-reader.md gives how often tasks of each level were right on the development
corpus. The review screen shows the parts below ``UNSURE_BELOW`` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .body import TaskProposal
from .header import Layout
from .text import comparable
from .units import addressee_phrase

UNSURE_BELOW = 0.7

_BASIS = {
    "table": 0.9,
    "fields": 0.9,
    "own": 0.85,
    "heading": 0.8,
    "inherited": 0.8,
    "label": 0.7,
    "sentence": 0.65,
}
_LONG_NAME = 14
_DANGLING = re.compile(r"(?:\s(?:và|của|các|với|cho|tại|về)|[,–-])$", re.I)
# Words that give work to someone: a paragraph with one of them and no task is worth a look.
_CUE = re.compile(
    r"\b(?:giao|đề\s+nghị|yêu\s+cầu|chủ\s+trì|phối\s+hợp\s+với|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|"
    r"khẩn\s+trương|trước\s+ngày|chậm\s+nhất|hoàn\s+thành\s+trong|tham\s+mưu|báo\s+cáo\s+(?:kết\s+quả\s+)?(?:về|cho|gửi))\b",
    re.I,
)
_NOT_A_TASK = re.compile(
    r"^(?:Trên\s+đây|Trong\s+quá\s+trình|Quá\s+trình|Căn\s+cứ|Thực\s+hiện\s+(?:Nghị|Quyết|Chỉ|Kế|Công|Thông)|"
    r"Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Nơi\s+nhận|Văn\s+phòng\s+Chính\s+phủ\s+(?:xin\s+)?(?:trân\s+trọng\s+)?thông\s+báo|"
    # the closing call to carry the document out ("... yêu cầu ... nghiêm túc triển khai thực hiện")
    r"(?:Chủ\s+tịch|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|Yêu\s+cầu)[^.]{0,240}\bnghiêm\s+túc\b(?![^.]*\btrước\s+ngày))",
    re.I,
)


def task_confidence(task: TaskProposal) -> float:
    if not task.lead:
        return 0.2
    score = _BASIS.get(task.basis, 0.6)
    if any(len(name.split()) > _LONG_NAME for name in task.lead):
        score -= 0.25
    if any(_DANGLING.search(name) for name in task.lead):
        score -= 0.3
    if len(task.text.split()) < 6:
        score -= 0.2
    return round(max(0.05, min(0.95, score)), 2)


def field_confidence(layout: Layout) -> dict[str, float]:
    def present(value: object, sure: float) -> float:
        return sure if value else 0.0

    issuer = layout.issuer or ""
    known_body = re.search(
        r"\b(?:tỉnh|thành\s+phố|huyện|quận|xã|phường|Bộ|Văn\s+phòng|Thủ\s+tướng|Sở)\b", issuer
    )
    subject_words = len((layout.subject or "").split())
    signer = layout.signer
    name_words = len((signer.name or "").split())
    return {
        "issuer": present(issuer, 0.9 if known_body else 0.55),
        "number": present(layout.number, 0.95),
        "symbol": present(layout.symbol, 0.95),
        "date": present(layout.date, 0.95),
        "place": present(layout.place, 0.9 if layout.date else 0.6),
        "doc_type": present(layout.doc_type, 0.9 if layout.subject else 0.6),
        "subject": present(layout.subject, 0.9 if 3 <= subject_words <= 90 else 0.5),
        "signer.name": present(signer.name, 0.9 if 2 <= name_words <= 5 else 0.4),
        "signer.position": present(signer.position, 0.9),
        "signer.authority": 0.9 if signer.authority or signer.position else 0.3,
    }


@dataclass
class Unconverted:
    section: str | None
    text: str

    def as_dict(self) -> dict[str, str | None]:
        return {"section": self.section, "text": self.text}

    def warning(self) -> str:
        where = f"mục {self.section}: " if self.section else ""
        return f"Đoạn có vẻ giao việc nhưng chưa tách được thành nhiệm vụ — {where}{self.text}"


def _actor_at_work(text: str) -> bool:
    """A paragraph that opens with an actor doing something ("Lực lượng canh phòng trực 10/24 giờ …",
    "Ủy ban nhân dân cấp xã chủ trì …") reads like an assignment even without a cue word."""
    phrase = addressee_phrase(text)
    if not phrase or phrase not in text:
        return False
    rest = text[text.find(phrase) + len(phrase) :].lstrip(" ,")
    # Not a verb of telling: "Sở Nội vụ đã ban hành …", "Ủy ban nhân dân tỉnh nhận được …".
    if re.search(r"\s(?:đã|vừa|đang)$", phrase):
        return False  # the name ran on into "đã": "Sở Nội vụ đã ban hành …"
    return bool(rest) and not re.match(r"(?:đã|vừa|đang|được|nhận\s+được|là)\b", rest)


def unconverted(texts: list[tuple[str | None, str]], tasks: list[TaskProposal]) -> list[Unconverted]:
    """Body text that reads like an assignment (a cue word, or opening with a unit) and that no
    proposed task contains. Returned in full so that nothing is dropped silently."""
    covered = [comparable(t.text) for t in tasks]
    out: list[Unconverted] = []
    seen: set[str] = set()
    for section, text in texts:
        key = comparable(text)
        if (
            len(text.split()) < 8
            or key in seen
            or text.rstrip().endswith(":")  # a lead-in: its items are the tasks
            or _NOT_A_TASK.match(text)
            or not (_CUE.search(text) or _actor_at_work(text))
        ):
            continue
        probe = key[:80]
        if any(probe in c or c[:80] in key for c in covered):
            continue
        seen.add(key)
        out.append(Unconverted(section, text))
    return out
