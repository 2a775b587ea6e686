"""A paragraph that opens with an actor doing something but did not become a task is pointed out for
review even without a cue word ("Lực lượng canh phòng trực 10/24 giờ trong ngày …"): nothing that reads
like an assignment is dropped silently. A paragraph telling what an actor did ("Sở Nội vụ đã ban hành
…") is not pointed out."""

from cchc.lib.docreader.review import unconverted


def test_an_actor_doing_something_is_pointed_out():
    texts = [
        (None, "Lực lượng canh phòng trực 10/24 giờ trong ngày từ 10 giờ đến 20 giờ, nhất là giờ cao điểm.")
    ]
    assert [u.text for u in unconverted(texts, [])] == [texts[0][1]]


def test_a_report_of_what_was_done_is_not():
    texts = [(None, "Sở Nội vụ đã ban hành văn bản hướng dẫn các địa phương về việc sắp xếp tổ chức bộ máy.")]
    assert unconverted(texts, []) == []
