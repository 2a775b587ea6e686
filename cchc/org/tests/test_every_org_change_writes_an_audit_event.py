import datetime as dt

from cchc.core.models import AuditEvent
from cchc.org import actions
from cchc.org.models import HeadKind


def test_each_action_records_who_did_what_with_the_changed_fields(world):
    secretariat = world.users["secretariat"]
    city = world.jurisdictions["city"]
    unit = actions.create_unit(
        secretariat, {"code": "YT", "name": "Phòng Y tế", "kind": "agency", "jurisdiction": city}
    )
    actions.update_unit(secretariat, unit, {"abbreviation": "YT"})
    official = actions.create_official(secretariat, {"code": "CB-YT", "full_name": "Tạ Văn Y", "unit": unit})
    actions.update_official(secretariat, official, {"position": "Trưởng phòng"})
    head = actions.set_head(secretariat, unit, official, kind=HeadKind.HEAD, valid_from=dt.date(2022, 8, 1))
    actions.end_headship(secretariat, head, last_day=dt.date(2022, 12, 31))
    actions.deactivate_official(secretariat, official, last_day=dt.date(2023, 1, 31))
    actions.close_unit(secretariat, unit, last_day=dt.date(2023, 6, 30), note="Quyết định số 1/QĐ-UBND")

    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.verb for e in events] == [
        "org.unit.create",
        "org.unit.update",
        "org.official.create",
        "org.official.update",
        "org.head.set",
        "org.head.end",
        "org.official.deactivate",
        "org.unit.close",
    ]
    assert all(e.actor == secretariat and e.actor_name == "Lê Thị Hoa" for e in events)
    assert events[1].data["diff"] == {"abbreviation": ["", "YT"]}
    assert events[3].data["diff"] == {"position": ["", "Trưởng phòng"]}
    assert events[5].data["diff"] == {"valid_to": [None, "2022-12-31"]}
    assert events[7].data["diff"] == {"valid_to": [None, "2023-06-30"]}
    assert "Quyết định số 1/QĐ-UBND" in events[7].summary
    assert (events[0].object_type, events[0].object_id) == ("org.unit", str(unit.pk))


def test_a_merge_records_the_moved_officials_and_the_successor(world):
    actions.merge_units(
        world.users["secretariat"],
        [world.units["tt"]],
        world.units["vp"],
        on=dt.date(2025, 7, 1),
        move_officials=True,
    )
    event = AuditEvent.objects.get(verb="org.unit.merge")
    assert event.data["target"] == "VP"
    assert event.data["officials_moved"] == ["CB-TT"]
    assert event.data["diff"] == {"valid_to": [None, "2025-06-30"], "replaced_by": [None, "VP"]}


def test_an_update_that_changes_nothing_records_nothing(world):
    actions.update_unit(world.users["secretariat"], world.units["nv"], {"name": "Phòng Nội vụ"})
    assert not AuditEvent.objects.exists()


def test_a_cli_import_names_the_system_actor(world):
    from cchc.org.import_rows import import_org

    data = "mã cán bộ,họ và tên,mã đơn vị\nCB-CLI,Người Nhập,NV\n".encode()
    import_org(data, "x.csv", actor="Dòng lệnh import-org (x.csv)", jurisdiction=world.jurisdictions["city"])
    event = AuditEvent.objects.get(verb="org.official.create")
    assert (event.actor, event.actor_name) == (None, "Dòng lệnh import-org (x.csv)")
    assert AuditEvent.objects.filter(verb="org.import").count() == 1
