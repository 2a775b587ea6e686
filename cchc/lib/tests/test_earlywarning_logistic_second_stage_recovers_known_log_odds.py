"""The second stage's logistic regression, on a hand-made history whose answer is known: one yes/no fact,
late 2 times in 10 without it and 8 times in 10 with it, gives the log-odds of 20 % and 80 %."""

import math

import numpy as np

from cchc.lib.earlywarning.measure import fit_logistic, logistic

X = np.array([(1.0, 0.0)] * 10 + [(1.0, 1.0)] * 10)
Y = np.array([1.0] * 2 + [0.0] * 8 + [1.0] * 8 + [0.0] * 2)


def test_the_weights_are_the_log_odds_of_each_group() -> None:
    w = fit_logistic(X, Y, ridge=1e-9)
    assert math.isclose(w[0], math.log(0.2 / 0.8), abs_tol=1e-6)
    assert math.isclose(w[1], math.log(0.8 / 0.2) - math.log(0.2 / 0.8), abs_tol=1e-6)
    assert np.allclose(logistic(np.array([(1.0, 0.0), (1.0, 1.0)]), w), [0.2, 0.8])


def test_a_fact_that_separates_the_history_keeps_a_finite_weight() -> None:
    y = np.array([0.0] * 10 + [1.0] * 10)
    w = fit_logistic(X, y)
    p = logistic(np.array([(1.0, 0.0), (1.0, 1.0)]), w)
    # Without the ridge the weight would run off to infinity; with it, the fact still sets the order.
    assert np.all(np.isfinite(w)) and p[0] < 0.5 < p[1]
