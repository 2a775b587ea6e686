"""Photos a citizen sends with the petition and later with the information asked for are both kept with
the petition, each under a token of its own, with their names, types and sizes."""

from cchc.feedback import actions
from cchc.feedback.attachments import check_file
from cchc.feedback.tests.conftest import local
from cchc.feedback.tests.helpers import png_bytes


def test_files_at_intake_and_with_the_supplement_are_kept(world, file_petition):
    photo = png_bytes()
    p = file_petition(at=local(2023, 1, 18), files=[check_file("hien-truong.png", photo)])
    officer = world.users["ward_officer"]
    actions.request_info(officer, p, what="Xin gửi thêm ảnh chụp hiện trường.", at=local(2023, 2, 1, 10))
    actions.info_received(
        "Người gửi",
        p,
        text="Ảnh chụp buổi sáng.",
        files=[check_file("buoi-sang.png", photo)],
        at=local(2023, 2, 2),
    )
    kept = list(p.attachments.order_by("pk"))
    assert [a.original_name for a in kept] == ["hien-truong.png", "buoi-sang.png"]
    assert all(a.content_type == "image/png" and a.size == len(photo) for a in kept)
    assert len({a.token for a in kept}) == 2 and all(len(a.token) == 16 for a in kept)
    assert all(a.file.read() == photo for a in kept)
