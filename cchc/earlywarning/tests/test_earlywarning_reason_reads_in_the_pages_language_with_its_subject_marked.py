"""The reason under each warning ("… thường mất 6 ngày làm việc …") follows the page's language; its
subject — a step, unit or procedure named in Vietnamese — stays Vietnamese and is marked so; the stored
and e-mailed sentence (``explanation``) stays Vietnamese whatever the page."""

from __future__ import annotations

from django.utils import translation

from cchc.earlywarning.models import Risk
from cchc.testing.english import vietnamese_shown


def _risk(**fields):
    values = dict(
        risk=0.8,
        level="unit",
        insufficient=False,
        subject="Bước 2 ở Phòng Tư pháp",
        compared=12,
        typical=6.0,
        expected_more=4.5,
        spent=2.0,
        time_left=-1.0,
    )
    values.update(fields)
    return Risk(**values)


def test_in_english_only_the_subject_is_vietnamese_and_it_is_marked():
    for level, insufficient in (("unit", False), ("wide", False), ("share", False), ("legal", True)):
        risk = _risk(level=level, insufficient=insufficient, time_left=3.0 if insufficient else -1.0)
        with translation.override("en"):
            html = str(risk.explanation_html)
        assert '<span lang="vi">Bước 2 ở Phòng Tư pháp</span>' in html
        assert "working days" in html
        assert not vietnamese_shown(f"<div>{html}</div>"), html


def test_in_vietnamese_the_page_shows_the_stored_sentence():
    risk = _risk()
    with translation.override("vi"):
        html = str(risk.explanation_html)
    assert html.replace('<span lang="vi">', "").replace("</span>", "") == risk.explanation
    assert "thường mất 6 ngày làm việc (lịch sử của đơn vị, 12 trường hợp so sánh)" in risk.explanation
    assert "đã quá hạn 1 ngày làm việc" in risk.explanation


def test_the_subject_is_escaped():
    html = str(_risk(subject="<b>Hồ sơ</b>").explanation_html)
    assert "&lt;b&gt;Hồ sơ&lt;/b&gt;" in html and "<b>" not in html
