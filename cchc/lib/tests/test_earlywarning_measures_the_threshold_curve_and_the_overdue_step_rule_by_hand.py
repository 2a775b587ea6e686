"""The backtest's curve over thresholds and the no-model rule "a step already past its own deadline",
counted by hand on four dossiers."""

from cchc.lib.earlywarning.measure import Prediction, curve, sign_rule, summarise

PREDICTIONS = [
    Prediction("late-seen", 0.2, 4, True, sign=True),
    Prediction("late-seen", 0.7, 1, True, sign=True),  # too close to the appointment to count
    Prediction("late-unseen", 0.6, 3, True),
    Prediction("on-time-overdue-step", 0.3, 2, False, sign=True),
    Prediction("on-time", 0.1, 5, False),
    Prediction("on-time", 0.5, 1, False, sign=True),  # too close to count
]


def test_the_overdue_step_rule_counts_only_mornings_far_enough_ahead() -> None:
    s = sign_rule(summarise(PREDICTIONS, lead=2), lead=2)
    assert (s.late, s.flagged, s.true_alarms, s.false_alarms) == (2, 2, 1, 1)
    assert s.recall == 0.5 and s.false_per_true == 1.0


def test_the_curve_scores_every_threshold_from_the_early_maximum() -> None:
    by_threshold = {round(c.threshold, 2): c for c in curve(summarise(PREDICTIONS, lead=2), lead=2)}
    assert (by_threshold[0.1].true_alarms, by_threshold[0.1].false_alarms) == (2, 2)
    assert (by_threshold[0.25].true_alarms, by_threshold[0.25].false_alarms) == (1, 1)
    assert (by_threshold[0.35].true_alarms, by_threshold[0.35].false_alarms) == (1, 0)
    assert by_threshold[0.65].flagged == 0
