"""95% intervals: Wilson for items and shares; Wilson with a respondent-clustered size for aggregates."""

from fractions import Fraction

import numpy as np
import pytest

from cchc.lib import indices
from cchc.lib.questionnaires import from_dict, load

Q = load("sipas-2017")


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    # Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (score, no continuity correction).
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_wilson_matches_published_values(successes, n, low, high):
    lo, hi = indices.wilson(successes, n)
    assert lo == pytest.approx(low, abs=6e-5)
    assert hi == pytest.approx(high, abs=6e-5)


def test_wilson_has_width_at_zero_and_full_satisfaction():
    lo, hi = indices.wilson(10, 10)
    assert hi == 1.0 and 0.6 < lo < 0.75
    assert indices.wilson(0, 0) is None


def test_item_interval_is_the_wilson_interval_of_its_counts():
    rows = [(f"R{n}", "E1.1", "4" if n < 7 else "2", None) for n in range(10)]
    result = indices.compute(Q, indices.collect(Q, rows))
    assert result.as_dict()["items"]["E1.1"]["ci95"] == [39.68, 89.22]


def test_a_one_part_mean_has_exactly_its_parts_interval():
    rows = [(f"R{n}", "E1.1", "5" if n % 3 else "3", None) for n in range(31)]
    result = indices.compute(Q, indices.collect(Q, rows), "mean")
    item = result.items["E1.1"].ci95
    element = result.levels["elements"]["E1"].ci95
    overall = result.overall.ci95
    assert element == pytest.approx(item, abs=1e-12)
    assert overall == pytest.approx(item, abs=1e-12)


def test_pooled_aggregate_of_answers_from_different_people_is_wilson_on_summed_counts():
    rows = [(f"A{n}", "E1.1", "4" if n < 3 else "1", None) for n in range(5)]
    rows += [(f"B{n}", "E1.2", "4" if n < 4 else "1", None) for n in range(7)]
    result = indices.compute(Q, indices.collect(Q, rows), "pooled")
    assert result.levels["elements"]["E1"].ci95 == pytest.approx(indices.wilson(7, 12), abs=1e-12)


def test_pooled_aggregate_of_identical_answers_counts_respondents_not_answers():
    # Ten answers from five people who answer both criteria alike carry the information of five.
    rows = [(f"R{n}", code, "4" if n < 3 else "1", None) for n in range(5) for code in ("E1.1", "E1.2")]
    result = indices.compute(Q, indices.collect(Q, rows), "pooled")
    assert result.levels["elements"]["E1"].index == Fraction(6, 10)
    assert result.levels["elements"]["E1"].ci95 == pytest.approx(indices.wilson(3, 5), abs=1e-9)


def test_an_aggregate_interval_is_never_narrower_than_wilson_on_its_answers():
    rng = np.random.default_rng(5)
    rows = [
        (f"R{r}", f"E2.{k}", str(answer), None)
        for r in range(40)
        for k, answer in zip(range(1, 6), rng.integers(1, 6, size=5), strict=True)
    ]
    result = indices.compute(Q, indices.collect(Q, rows), "pooled")
    e2 = result.levels["elements"]["E2"]
    lo, hi = e2.ci95
    plain_lo, plain_hi = indices.wilson(e2.satisfied, e2.valid)
    assert lo <= plain_lo + 1e-12 and hi >= plain_hi - 1e-12


def test_mean_of_parts_with_identical_answers_across_parts_counts_respondents_not_answers():
    # Every respondent gives the same answer to all four E1 criteria: four answers carry the
    # information of one, so the interval must be the Wilson interval of the respondents.
    rows = [(f"R{n}", f"E1.{k}", "5" if n < 6 else "2", None) for n in range(10) for k in range(1, 5)]
    e1 = indices.compute(Q, indices.collect(Q, rows), "mean").levels["elements"]["E1"]
    assert e1.ci95 == pytest.approx(indices.wilson(6, 10), abs=1e-9)


def test_mean_of_parts_answered_by_different_people_reduces_to_independent_parts():
    # Each respondent answers one criterion only, so the parts are independent and the variance
    # is Σ aᵢ² pᵢ(1 − pᵢ)/Nᵢ.
    rows = [(f"A{n}", "E1.1", "4" if n < 3 else "1", None) for n in range(10)]
    rows += [(f"B{n}", "E1.2", "4" if n < 14 else "1", None) for n in range(40)]
    e1 = indices.compute(Q, indices.collect(Q, rows), "mean").levels["elements"]["E1"]
    m = (0.3 + 0.35) / 2
    variance = 0.25 * (0.3 * 0.7 / 10 + 0.35 * 0.65 / 40)
    n_eff = m * (1 - m) / variance
    assert n_eff < 50  # below the truncation at the number of answers
    assert e1.ci95 == pytest.approx(indices.wilson(m * n_eff, n_eff), abs=1e-9)


@pytest.mark.parametrize("rule", ["mean", "pooled"])
def test_aggregate_interval_agrees_with_a_respondent_bootstrap(rule):
    # An independent check of the linearisation: the bootstrap standard error over respondents, on
    # correlated answers (a respondent's general mood) with missing cells.
    rng = np.random.default_rng(20240417)
    mood = rng.normal(size=300)
    rows = []
    for r in range(300):
        for k, shift in zip(range(1, 5), (0.8, 0.0, -0.5, 0.3), strict=True):
            if rng.random() < 0.2 * k / 2:
                continue  # missing answers, more often on later criteria
            answer = 4 if mood[r] + shift + rng.normal(scale=0.8) > 0 else 2
            rows.append((f"R{r}", f"E1.{k}", str(answer), None))
    table = indices.collect(Q, rows)
    n_resp = table.answers.shape[0]  # respondents who skipped all four criteria have no row
    estimate = indices.compute(Q, table, rule).levels["elements"]["E1"]
    sat = table.answers[:, :4] >= 4
    val = table.answers[:, :4] > 0
    boot = []
    for _ in range(2000):
        pick = rng.integers(0, n_resp, n_resp)
        k, n = sat[pick].sum(0), val[pick].sum(0)
        boot.append(np.mean(k / n) if rule == "mean" else k.sum() / n.sum())
    bootstrap_se = float(np.std(boot))
    lo, hi = estimate.ci95
    linearised_se = (hi - lo) / (2 * indices.Z95)  # Wilson ≈ symmetric away from 0 and 1
    assert linearised_se == pytest.approx(bootstrap_se, rel=0.1)
    # Treating the answers as independent would be far too narrow on such data.
    plain_lo, plain_hi = indices.wilson(estimate.satisfied, estimate.valid)
    assert (plain_hi - plain_lo) / (2 * indices.Z95) < 0.8 * bootstrap_se


def test_mean_of_parts_at_full_satisfaction_uses_the_respondent_count():
    rows = [(f"R{n}", f"E1.{k}", "5", None) for n in range(8) for k in (1, 2)]
    e1 = indices.compute(Q, indices.collect(Q, rows), "mean").levels["elements"]["E1"]
    assert e1.ci95 == pytest.approx(indices.wilson(8, 8), abs=1e-12)


def test_three_level_mean_weights_parts_equally_at_every_level():
    questionnaire = from_dict(
        {
            "format": 1,
            "code": "three",
            "title": "Ba cấp",
            "item_label": "Yếu tố thành phần",
            "scale": {"values": [{"value": v, "label": str(v)} for v in range(1, 6)], "satisfied": [4, 5]},
            "aggregation": {"default": "mean"},
            "levels": [{"key": "aspects", "label": "Khía cạnh"}, {"key": "elements", "label": "Yếu tố"}],
            "groups": [
                {
                    "code": "A1",
                    "title": "A1",
                    "groups": [
                        {
                            "code": "A1.1",
                            "title": "a",
                            "items": [{"code": "x", "text": "x", "wording": "unconfirmed"}],
                        },
                        {
                            "code": "A1.2",
                            "title": "b",
                            "items": [{"code": "y", "text": "y", "wording": "unconfirmed"}],
                        },
                    ],
                },
                {
                    "code": "A2",
                    "title": "A2",
                    "groups": [
                        {
                            "code": "A2.1",
                            "title": "c",
                            "items": [{"code": "z", "text": "z", "wording": "unconfirmed"}],
                        }
                    ],
                },
            ],
        }
    )
    rows = [("R1", "x", "5", None), ("R2", "x", "1", None), ("R1", "y", "1", None), ("R1", "z", "4", None)]
    result = indices.compute(questionnaire, indices.collect(questionnaire, rows), "mean").as_dict()
    assert result["elements"]["A1.1"]["index"] == 50.0
    assert result["aspects"]["A1"]["index"] == 25.0
    assert result["aspects"]["A2"]["index"] == 100.0
    assert result["overall"]["index"] == 62.5
    pooled = indices.compute(questionnaire, indices.collect(questionnaire, rows), "pooled").as_dict()
    assert pooled["overall"]["index"] == 50.0
    assert list(result)[list(result).index("items") + 1 : list(result).index("overall")] == [
        "elements",
        "aspects",
    ]
