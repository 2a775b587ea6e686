"""Properties of the index engine under both aggregation rules (hypothesis)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.lib import indices
from cchc.lib.questionnaires import from_dict, load

SCALE = {"values": [{"value": v, "label": str(v)} for v in range(1, 6)], "satisfied": [4, 5]}


def _items(*codes):
    return [{"code": code, "text": code, "wording": "unconfirmed"} for code in codes]


THREE_LEVELS = from_dict(
    {
        "format": 1,
        "code": "three-levels",
        "title": "Khía cạnh – yếu tố – yếu tố thành phần",
        "item_label": "Yếu tố thành phần",
        "scale": SCALE,
        "aggregation": {"default": "mean"},
        "levels": [{"key": "aspects", "label": "Khía cạnh"}, {"key": "elements", "label": "Yếu tố"}],
        "groups": [
            {
                "code": "A1",
                "title": "A1",
                "groups": [
                    {"code": "A1.1", "title": "a", "items": _items("a1", "a2")},
                    {"code": "A1.2", "title": "b", "items": _items("b1")},
                ],
            },
            {
                "code": "A2",
                "title": "A2",
                "groups": [{"code": "A2.1", "title": "c", "items": _items("c1", "c2", "c3")}],
            },
            {"code": "A3", "title": "A3", "groups": [{"code": "A3.1", "title": "d", "items": []}]},
        ],
    }
)
QUESTIONNAIRES = [load("sipas-2017"), THREE_LEVELS]


@st.composite
def survey(draw):
    questionnaire = draw(st.sampled_from(QUESTIONNAIRES))
    codes = [item.code for item in questionnaire.items]
    # Few respondents and a few criteria with answers, so that small denominators and empty parts occur.
    used = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=6, unique=True))
    n_resp = draw(st.integers(min_value=1, max_value=8))
    cells = {
        (f"R{r}", code): draw(st.sampled_from(["", "1", "2", "3", "4", "5", None]))
        for r in range(n_resp)
        for code in used
    }
    rows = {key: value for key, value in cells.items() if value is not None}
    return questionnaire, rows


def _compute(questionnaire, rows, rule):
    table = indices.collect(questionnaire, [(r, code, answer, None) for (r, code), answer in rows.items()])
    return indices.compute(questionnaire, table, rule)


def _all_estimates(result):
    yield result.overall
    yield from result.items.values()
    for level in result.levels.values():
        yield from level.values()


def _with_new_answer(data, slot, answer):
    questionnaire, rows = data
    codes = [item.code for item in questionnaire.items]
    respondent, code = slot
    code = codes[code % len(codes)]
    rows = dict(rows)
    if rows.get((respondent, code), "") != "":
        respondent = "NEW"  # that cell is answered: a new respondent answers instead
    rows[(respondent, code)] = answer
    return code, rows


def _ancestors(questionnaire, code):
    found = []

    def walk(group, path):
        if any(item.code == code for item in group.items):
            found.extend([*path, group])
        for child in group.groups:
            walk(child, [*path, group])

    for group in questionnaire.groups:
        walk(group, [])
    return found


def _compare(data, rule, code, new_rows, ok):
    questionnaire, rows = data
    before = _compute(questionnaire, rows, rule)
    after = _compute(questionnaire, new_rows, rule)
    pairs = [(before.items[code], after.items[code]), (before.overall, after.overall)]
    for group in _ancestors(questionnaire, code):
        pairs.append((before.levels[group.level][group.code], after.levels[group.level][group.code]))
    for old, new in pairs:
        assert new.index is not None
        if old.index is not None:
            assert ok(new.index, old.index), (rule, code, old, new)
            assert ok(indices.percent(new.index), indices.percent(old.index))


@settings(max_examples=150, deadline=None)
@given(
    survey(), st.tuples(st.sampled_from(["R0", "R1", "R5"]), st.integers(0, 50)), st.sampled_from(["4", "5"])
)
def test_adding_a_satisfied_answer_never_lowers_an_index(data, slot, answer):
    code, new_rows = _with_new_answer(data, slot, answer)
    for rule in ("mean", "pooled"):
        _compare(data, rule, code, new_rows, lambda new, old: new >= old)


@settings(max_examples=150, deadline=None)
@given(
    survey(),
    st.tuples(st.sampled_from(["R0", "R1", "R5"]), st.integers(0, 50)),
    st.sampled_from(["1", "2", "3"]),
)
def test_adding_an_unsatisfied_answer_never_raises_an_index(data, slot, answer):
    code, new_rows = _with_new_answer(data, slot, answer)
    for rule in ("mean", "pooled"):
        _compare(data, rule, code, new_rows, lambda new, old: new <= old)


@settings(max_examples=200, deadline=None)
@given(survey(), st.sampled_from(["mean", "pooled"]))
def test_indices_stay_within_0_and_100_and_intervals_contain_them(data, rule):
    questionnaire, rows = data
    result = _compute(questionnaire, rows, rule)
    for estimate in _all_estimates(result):
        assert 0 <= estimate.satisfied <= estimate.valid
        if estimate.index is None:
            assert estimate.ci95 is None
            continue
        assert Fraction(0) <= estimate.index <= Fraction(1)
        low, high = estimate.ci95
        assert 0.0 <= low <= float(estimate.index) <= high <= 1.0
        assert low < high  # never a zero-width interval
    out = result.as_dict()
    for section in ["items", *result.levels]:
        for entry in out[section].values():
            if entry["index"] is not None:
                low, high = entry["ci95"]
                assert 0.0 <= low <= entry["index"] <= high <= 100.0
    if out["overall"]["index"] is not None:
        assert out["overall"]["ci95"][0] <= out["overall"]["index"] <= out["overall"]["ci95"][1]


@settings(max_examples=100, deadline=None)
@given(survey())
def test_both_rules_agree_on_items_and_counts_and_differ_only_in_aggregates(data):
    questionnaire, rows = data
    mean, pooled = _compute(questionnaire, rows, "mean"), _compute(questionnaire, rows, "pooled")
    assert mean.items == pooled.items
    assert (mean.overall.valid, mean.overall.satisfied) == (pooled.overall.valid, pooled.overall.satisfied)
    if pooled.overall.valid:
        assert pooled.overall.index == Fraction(pooled.overall.satisfied, pooled.overall.valid)
