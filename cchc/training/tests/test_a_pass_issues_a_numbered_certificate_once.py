"""A pass issues a certificate numbered per year and organising unit ("1/2026/GCN-NV"); recording the
results again keeps the number; a fail issues none. The certificate prints as a PDF."""

from cchc.training import actions
from cchc.training.models import Attendance


def test_passes_get_running_numbers_and_fails_none(world, held_class):
    sec = world.users["secretariat"]
    rows = actions.invite(
        sec,
        held_class,
        [world.officials["one_stop"], world.officials["ward_officer"], world.officials["other_ward_officer"]],
    )
    a, b, c = (r.pk for r in rows)
    actions.record_attendance(
        sec, held_class, {a: Attendance.PRESENT, b: Attendance.PRESENT, c: Attendance.PRESENT}
    )
    issued = actions.record_results(
        sec, held_class, {a: ("passed", "9"), b: ("failed", "4"), c: ("passed", "")}
    )
    assert issued == 2
    for r in rows:
        r.refresh_from_db()
    year = held_class.end_date.year
    assert sorted(r.certificate_number for r in rows if r.certificate_number) == [
        f"1/{year}/GCN-NV",
        f"2/{year}/GCN-NV",
    ]
    assert rows[1].certificate_number == "" and str(rows[1].score) == "4.0"
    first = rows[0].certificate_number
    assert actions.record_results(sec, held_class, {a: ("passed", "9.5")}) == 0
    rows[0].refresh_from_db()
    assert rows[0].certificate_number == first


def test_the_certificate_prints_in_the_nd30_layout(world, held_class):
    from cchc.core.official_documents import pdf_text
    from cchc.training.certificates import certificate_pdf

    sec = world.users["secretariat"]
    (row,) = actions.invite(sec, held_class, [world.officials["one_stop"]])
    actions.record_attendance(sec, held_class, {row.pk: Attendance.PRESENT})
    actions.record_results(sec, held_class, {row.pk: ("passed", "8")})
    row.refresh_from_db()
    text = " ".join(pdf_text(certificate_pdf(row)).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "GIẤY CHỨNG NHẬN" in text
    assert "Vũ Thị Mai" in text and row.certificate_number in text
    assert held_class.course.title in text
