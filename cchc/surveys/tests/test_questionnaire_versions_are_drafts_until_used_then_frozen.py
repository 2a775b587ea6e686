"""Questionnaires are versioned data: imported from the shipped JSON, edited as drafts by the
secretariat, frozen from the moment a campaign uses them."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cchc.surveys import actions
from cchc.surveys.models import QuestionnaireVersion, VersionStatus
from cchc.surveys.tests.conftest import URLS
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def edit(user, version, **changes):
    q = version.questionnaire
    return actions.edit_version(
        user,
        version,
        title=changes.get("title", q.title),
        default_aggregation=changes.get("default_aggregation", q.default_aggregation),
        group_titles=changes.get("group_titles", {}),
        item_texts=changes.get("item_texts", {}),
        item_wordings=changes.get("item_wordings", {}),
    )


def test_the_shipped_file_becomes_a_draft_with_every_item_and_its_rule(world, version):
    q = version.questionnaire
    assert version.status == VersionStatus.DRAFT
    assert [i.code for i in q.items][:3] == ["E1.1", "E1.2", "E1.3"] and len(q.items) == 22
    assert q.scale.satisfied == frozenset({4, 5})
    assert q.default_aggregation == "mean" and q.allowed_aggregations == ("mean", "pooled")


def test_importing_the_same_file_again_changes_nothing(world, version):
    again, created = actions.import_shipped(world.users["secretariat"], "sipas-2017")
    assert not created and again.pk == version.pk
    assert QuestionnaireVersion.objects.count() == 1


def test_the_secretariat_edits_a_draft_and_the_engine_reads_the_new_wording(world, version):
    edit(
        world.users["secretariat"],
        version,
        item_texts={"E1.1": "Nơi chờ có đủ ghế ngồi"},
        default_aggregation="pooled",
    )
    version.refresh_from_db()
    q = version.questionnaire
    assert q.items[0].text == "Nơi chờ có đủ ghế ngồi"
    assert q.default_aggregation == "pooled"


def test_an_empty_item_text_is_refused_naming_the_item(world, version):
    with pytest.raises(ValidationError) as err:
        edit(world.users["secretariat"], version, item_texts={"E2.3": "   "})
    assert "E2.3" in str(err.value)


def test_a_version_in_use_is_frozen_and_edits_are_refused_with_a_clear_message(world, version, campaign):
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_USE and version.frozen_at is not None
    with pytest.raises(ValidationError) as err:
        edit(world.users["secretariat"], version, item_texts={"E1.1": "Khác"})
    assert "đã bị khóa" in str(err.value) and "bản sao" in str(err.value)
    # Even a save that bypasses the action cannot change a frozen definition.
    version.definition = {**version.definition, "title": "Sửa lén"}
    with pytest.raises(ValidationError):
        version.save()
    assert QuestionnaireVersion.objects.get(pk=version.pk).title != "Sửa lén"


def test_the_edit_page_of_a_frozen_version_explains_instead_of_editing(client, world, version, campaign):
    login_verified(client, world.users["secretariat"])
    response = client.get(reverse("surveys:questionnaire_edit", args=[version.pk]), follow=True)
    assert "đã bị khóa" in response.content.decode()
    assert not response.context.get("form")


def test_a_copy_of_a_frozen_version_is_an_editable_draft(world, version, campaign):
    draft = actions.copy_version(world.users["secretariat"], version, "sipas-2017-vungtau")
    assert draft.status == VersionStatus.DRAFT and draft.based_on_id == version.pk
    edit(world.users["secretariat"], draft, title="Phiếu khảo sát Vũng Tàu")
    draft.refresh_from_db()
    assert draft.questionnaire.title == "Phiếu khảo sát Vũng Tàu"
    assert draft.questionnaire.code == "sipas-2017-vungtau"


def test_a_changed_file_for_a_frozen_code_is_refused(world, version, campaign):
    data = json.loads(json.dumps(version.definition))
    data["title"] = "Khác"
    with pytest.raises(ValidationError) as err:
        actions.import_file(world.users["secretariat"], "x.json", json.dumps(data).encode())
    assert "đã bị khóa" in str(err.value)


def test_an_uploaded_definition_with_a_duplicate_code_is_refused_naming_the_field(world):
    data = json.loads(
        (
            __import__("importlib.resources").resources.files("cchc.lib.questionnaires")
            / "data"
            / "sipas-2017.json"
        ).read_text(encoding="utf-8")
    )
    data["code"] = "thu-nghiem"
    data["groups"][0]["items"][1]["code"] = "E1.1"
    with pytest.raises(ValidationError) as err:
        actions.import_file(world.users["secretariat"], "thu.json", json.dumps(data).encode())
    assert "groups[0].items[1]" in str(err.value) and "trùng" in str(err.value)
    assert not QuestionnaireVersion.objects.filter(code="thu-nghiem").exists()


@pytest.mark.parametrize("persona", ["leader", "office", "auditor", "unit_head", "one_stop"])
def test_only_the_secretariat_edits_questionnaires(world, version, persona):
    with pytest.raises(PermissionDenied):
        edit(world.users[persona], version, title="x")
