"""The questionnaire versions shipped as data, and the loader's checks."""

import copy
import json
from importlib import resources

import pytest

from cchc.lib.questionnaires import QuestionnaireError, available, from_dict, load, load_file, parse

CRITERIA_2017 = [f"E1.{n}" for n in range(1, 5)] + [f"E2.{n}" for n in range(1, 6)]
CRITERIA_2017 += (
    [f"E3.{n}" for n in range(1, 7)] + [f"E4.{n}" for n in range(1, 4)] + [f"E5.{n}" for n in range(1, 5)]
)
# docs/rules/surveys.md: criteria whose wording was read in a source ([C]).
CONFIRMED_2017 = {"E2.1", "E2.5", "E3.1", "E3.3", "E3.4", "E3.6", "E5.4"}


def raw(code):
    return json.loads(
        resources.files("cchc.lib.questionnaires").joinpath("data", f"{code}.json").read_text("utf-8")
    )


def test_both_sipas_designs_are_shipped():
    assert available() == ["sipas-2017", "sipas-2022"]


def test_sipas_2017_has_five_elements_and_the_22_criteria_e1_1_to_e5_4():
    q = load("sipas-2017")
    assert [group.code for group in q.groups] == ["E1", "E2", "E3", "E4", "E5"]
    assert [item.code for item in q.items] == CRITERIA_2017
    assert len(q.items) == 22
    assert q.groups[2].title == "Công chức trực tiếp giải quyết công việc"
    assert q.levels[0].key == "elements" and q.levels[0].label == "Yếu tố"


def test_sipas_2017_marks_which_wording_is_confirmed():
    q = load("sipas-2017")
    assert {item.code for item in q.items if item.wording == "confirmed"} == CONFIRMED_2017
    assert {item.code for item in q.items if item.wording == "reconstructed"} == {
        "E1.3",
        "E1.4",
        "E4.2",
        "E4.3",
    }
    assert next(item for item in q.items if item.code == "E2.1").text == (
        "Thủ tục hành chính được niêm yết công khai đầy đủ"
    )
    assert all(item.source for item in q.items)


def test_sipas_2017_scale_and_rule_are_flagged_unconfirmed_with_mean_as_default():
    q = load("sipas-2017")
    assert q.scale.values == (1, 2, 3, 4, 5)
    assert q.scale.labels[4] == "Hài lòng" and q.scale.labels[1] == "Rất không hài lòng"
    assert q.scale.satisfied == {4, 5}
    assert q.scale.confirmed is False
    assert (q.default_aggregation, q.allowed_aggregations, q.aggregation_confirmed) == (
        "mean",
        ("mean", "pooled"),
        False,
    )
    assert "docs/rules/surveys.md" in q.meta["aggregation"]["source"]


def test_sipas_2017_expectations_are_declared_but_their_options_are_unknown():
    q = load("sipas-2017")
    assert q.options == ()
    assert q.meta["expectations"]["options_known"] is False


def test_sipas_2022_has_aspects_elements_and_only_the_sub_elements_the_spec_gives():
    q = load("sipas-2022")
    assert [level.key for level in q.levels] == ["aspects", "elements"]
    assert [group.code for group in q.groups] == ["A1", "A2", "A3"]
    assert [element.code for element in q.groups[0].groups] == ["A1.1", "A1.2", "A1.3", "A1.4"]
    assert [element.title for element in q.groups[1].groups] == [
        "Tiếp cận dịch vụ",
        "Thủ tục hành chính",
        "Công chức giải quyết công việc",
        "Kết quả",
        "Tiếp nhận và xử lý góp ý, phản ánh, kiến nghị",
    ]
    assert q.groups[2].groups == ()
    assert [item.code for item in q.items] == ["A2.1.1", "A2.1.2", "A2.1.3"]
    assert {item.wording for item in q.items} == {"translated"}
    assert q.groups[1].groups[1].meta["items_expected"] == 4
    assert [option.code for option in q.options] == ["M1", "M2", "M3"]
    assert len(q.groups[0].meta["policy_groups"]["2023"]) == 9


def test_every_shipped_file_states_its_sources_and_legend():
    for code in available():
        data = raw(code)
        assert data["sources"] and data["note"] and data["legal_basis"]
        used = {item["wording"] for group in data["groups"] for item in _all_items(group)}
        assert used <= set(data["wording_legend"])


def _all_items(group):
    yield from group.get("items", [])
    for child in group.get("groups", []):
        yield from _all_items(child)


def test_questionnaire_can_be_loaded_from_a_json_file(tmp_path):
    path = tmp_path / "mine.json"
    data = raw("sipas-2017")
    data["code"] = "mine"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load(str(path)).code == "mine"
    assert load_file(path).code == "mine"


def test_unknown_questionnaire_names_the_available_ones():
    with pytest.raises(QuestionnaireError, match=r"sipas-2099.*sipas-2017, sipas-2022"):
        load("sipas-2099")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["groups"][1]["items"][0].update(code="E1.1"), "groups[1].items[0]"),
        (lambda d: d["groups"][0]["items"][0].update(wording="official"), "groups[0].items[0].wording"),
        (lambda d: d["aggregation"].update(default="median"), "aggregation.default"),
        (lambda d: d["scale"].update(satisfied=[6]), "scale.satisfied"),
        (lambda d: d.update(format=2), "format"),
        (lambda d: d["levels"][0].update(key="items"), "levels[0].key"),
        (lambda d: d["groups"][0].update(groups=[]), "groups[0].groups"),
        (lambda d: d["groups"][0]["items"][0].update(text=""), "groups[0].items[0].text"),
    ],
)
def test_a_broken_definition_is_refused_naming_the_field(change, field):
    data = copy.deepcopy(raw("sipas-2017"))
    change(data)
    with pytest.raises(QuestionnaireError) as error:
        from_dict(data, origin="thử")
    assert f"trường “{field}”" in str(error.value)


def test_invalid_json_is_refused_with_its_position():
    with pytest.raises(QuestionnaireError, match="dòng 1, cột 2"):
        parse("{,}", origin="thử")
