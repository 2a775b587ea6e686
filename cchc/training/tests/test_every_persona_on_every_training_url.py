"""Who reaches each training page: Internal Affairs manages; the leader, the Office and the auditor
read the whole area; a unit's head reads their unit's people, an officer their own record; the Front
reads nothing. Walks every URL pattern of the app (from Django's resolver), GET and POST, for every
persona; a refused POST changes no row. A new pattern fails here until ``EXPECTED`` says who may reach it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.testing.personas import PERSONA_KEYS, login_verified
from cchc.testing.url_walk import namespace_patterns, walk_every_url
from cchc.training import actions
from cchc.training.models import (
    Attendance,
    Course,
    Enrolment,
    Material,
    NeedSource,
    TrainingClass,
    TrainingNeed,
)
from cchc.training.tests.conftest import make_class, topic

EVERYONE = set(PERSONA_KEYS)
READERS = EVERYONE - {"front"}
WIDE = {"leader", "secretariat", "office", "auditor"}
SEC = {"secretariat"}
# The enrolment and the need are the one-stop officer's of Phường 1: the Phường 1 head reads them too.
OWNERS = WIDE | {"unit_head", "one_stop"}


def _get(ok: set[str], forbidden: set[str], ok_code: int = 200) -> dict[str, int]:
    return {p: ok_code if p in ok else 403 if p in forbidden else 404 for p in PERSONA_KEYS}


EXPECTED: dict[str, tuple[dict[str, int], set[str]]] = {
    "index": (_get(READERS, {"front"}), set()),
    "course_list": (_get(READERS, {"front"}), set()),
    "course_create": (_get(SEC, EVERYONE - SEC), SEC),
    "course_detail": (_get(READERS, {"front"}), set()),
    "material_add": (_get(READERS, set(), 302), SEC),
    "material_download": (_get(READERS, set()), set()),
    "material_remove": (_get(READERS, set(), 302), SEC),
    "class_create": (_get(READERS, set(), 302), SEC),
    "class_detail": (_get(READERS, {"front"}), set()),
    "class_invite": (_get(READERS, set(), 302), SEC),
    "class_attendance": (_get(READERS, set(), 302), SEC),
    "class_results": (_get(READERS, set(), 302), SEC),
    "class_cancel": (_get(READERS, set(), 302), SEC),
    "certificate": (_get(OWNERS, set()), set()),
    "need_list": (_get(READERS, {"front"}), set()),
    "need_propose": (_get(SEC, EVERYONE - SEC, 302), SEC),
    "need_add": (_get(SEC, EVERYONE - SEC, 302), SEC),
    "need_dismiss": (_get(OWNERS, set(), 302), SEC),
}


def snapshot() -> dict[str, list[Any]]:
    return {
        m.__name__: list(m.objects.order_by("pk").values())
        for m in (Course, Material, TrainingClass, Enrolment, TrainingNeed)
    }


@pytest.fixture
def scene(world, course):
    sec = world.users["secretariat"]
    material = actions.add_material(sec, course, SimpleUploadedFile("bai-giang.pdf", b"%PDF-1.4 noi dung"))
    held = make_class(world, course, -1)
    (row,) = actions.invite(sec, held, [world.officials["one_stop"]])
    actions.record_attendance(sec, held, {row.pk: Attendance.PRESENT})
    actions.record_results(sec, held, {row.pk: ("passed", "9")})
    row.refresh_from_db()
    marked = make_class(world, course, -2, name="Lớp 3")
    (marked_row,) = actions.invite(sec, marked, [world.officials["ward_officer"]])
    actions.record_attendance(sec, marked, {marked_row.pk: Attendance.PRESENT})
    planned = make_class(world, course, 3, name="Lớp 2")
    need = actions.add_need(
        sec,
        world.officials["one_stop"],
        topic("so-hoa-ho-so"),
        source=NeedSource.MANUAL,
        evidence="Đơn vị đề nghị",
    )
    return {
        "course": course,
        "material": material,
        "held": held,
        "marked": marked,
        "planned": planned,
        "row": row,
        "marked_row": marked_row,
        "need": need,
    }


def patterns() -> list[tuple[str, list[str]]]:
    return namespace_patterns("training")


def url_for(name: str, converters: list[str], scene: dict) -> str:
    # Attendance is tried on the class held but not graded, results on the graded one, inviting and
    # cancelling on the planned one.
    cls = {
        "class_invite": scene["planned"],
        "class_cancel": scene["planned"],
        "class_attendance": scene["marked"],
    }.get(name, scene["held"])
    values = {
        "course_id": scene["course"].pk,
        "material_id": scene["material"].pk,
        "class_id": cls.pk,
        "enrolment_id": scene["row"].pk,
        "need_id": scene["need"].pk,
    }
    unknown = set(converters) - set(values)
    assert not unknown, f"URL argument(s) {unknown} are new: say here which object of the scene they name"
    return reverse(f"training:{name}", kwargs={k: values[k] for k in converters})


def hostile(world, scene) -> dict:
    row = scene["row"].pk
    return {
        "topic": str(topic("so-hoa-ho-so").pk),
        "title": "Khóa trái phép",
        "audience": "Tất cả",
        "organiser": str(world.units["nv"].pk),
        "trainer": "Ai đó",
        "start_date": scene["course"].start_date.isoformat(),
        "end_date": scene["course"].start_date.isoformat(),
        "name": "Lớp trái phép",
        "place": "Nơi nào đó",
        "officials": [str(world.officials["ward_officer"].pk)],
        f"att-{scene['marked_row'].pk}": "absent",
        f"res-{row}": "failed",
        f"score-{row}": "1",
        "reason": "Trái phép",
        "official": str(world.officials["ward_officer"].pk),
        "evidence": "Trái phép",
        "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
    }


def test_every_url_answers_every_persona_as_expected_and_refused_posts_change_nothing(client, world, scene):
    walk_every_url(
        client,
        world.users,
        personas=PERSONA_KEYS,
        patterns=patterns(),
        expected=EXPECTED,
        url_for=lambda name, converters: url_for(name, converters, scene),
        post_data=lambda: hostile(world, scene),
        snapshot=snapshot,
    )


def test_anonymous_visitor_is_sent_to_sign_in_from_every_url(client, world, scene):
    for name, converters in patterns():
        response = client.get(url_for(name, converters, scene))
        assert response.status_code == 302, name
        assert "/tai-khoan/dang-nhap/" in response["Location"], name


def test_an_officer_reads_only_their_own_results(client, world, scene):
    """The class page lists only the attendees a reader may see: a colleague's result is not theirs."""
    login_verified(client, world.users["ward_officer"])
    body = client.get(reverse("training:class_detail", args=[scene["held"].pk])).content.decode()
    assert "Vũ Thị Mai" not in body
    login_verified(client, world.users["one_stop"])
    body = client.get(reverse("training:class_detail", args=[scene["held"].pk])).content.decode()
    number = scene["row"].certificate_number
    assert number and "Vũ Thị Mai" in body and number in body
