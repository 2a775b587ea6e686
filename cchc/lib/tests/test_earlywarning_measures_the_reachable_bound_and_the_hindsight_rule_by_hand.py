"""The backtest's upper bounds, counted by hand on four dossiers: the recall a perfect model would reach
(late dossiers open on a morning far enough ahead) and the rule told in hindsight which steps overrun."""

from cchc.lib.earlywarning.measure import Prediction, reachable_recall, sign_rule, summarise

PREDICTIONS = [
    Prediction("late-overrun-seen-early", 0.1, 3, True, overrun=True),
    Prediction("late-too-short", 0.9, 1, True, overrun=True),  # a time limit of a day: never 2 days ahead
    Prediction("late-cause-came-later", 0.2, 4, True),
    Prediction("late-cause-came-later", 0.6, 1, True, overrun=True),  # the overrun started too late
    Prediction("on-time-absorbed-overrun", 0.3, 5, False, overrun=True),
    Prediction("on-time", 0.1, 6, False),
]


def test_a_perfect_model_reaches_only_the_late_dossiers_open_far_enough_ahead() -> None:
    assert reachable_recall(summarise(PREDICTIONS, lead=2)) == 2 / 3


def test_the_hindsight_rule_counts_overruns_under_way_far_enough_ahead_and_their_false_alarms() -> None:
    s = sign_rule(summarise(PREDICTIONS, lead=2), lead=2, hindsight=True)
    assert (s.late, s.flagged, s.true_alarms, s.false_alarms) == (3, 2, 1, 1)
    assert s.recall == 1 / 3 and s.false_per_true == 1.0


def test_without_late_items_there_is_no_bound() -> None:
    assert reachable_recall(summarise([Prediction("on-time", 0.1, 6, False)], lead=2)) is None
